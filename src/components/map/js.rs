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
