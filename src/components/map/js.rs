//! Small helpers to build the plain JavaScript option objects Leaflet takes.

use wasm_bindgen::JsValue;

/// `{ key: value, … }` as a JavaScript object.
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj: JsValue = js_sys::Object::new().into();
    for (key, value) in entries {
        set(&obj, key, value);
    }
    obj
}

/// `target[key] = value` on a plain option object (which cannot refuse it).
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `ResizeObserver`: Leaflet only notices window resizes, not its container
    /// growing or shrinking as the page around it changes. Bound here for the map's one use.
    pub type ResizeObserver;

    #[wasm_bindgen::prelude::wasm_bindgen(constructor)]
    pub fn new(callback: &js_sys::Function) -> ResizeObserver;

    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    pub fn observe(this: &ResizeObserver, target: &web_sys::Element);

    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    pub fn disconnect(this: &ResizeObserver);
}
