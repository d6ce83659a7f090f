//! Small helpers to build the plain JavaScript option objects Leaflet takes.

use wasm_bindgen::JsValue;

/// `{ key: value, … }` as a JavaScript object.
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (key, value) in entries {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(key), value);
    }
    obj.into()
}
