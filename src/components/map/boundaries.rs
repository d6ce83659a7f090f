//! The regions and the language border, drawn from the GeoJSON shipped with the app, so the map
//! is useful without any tile server.

use super::js::object;
use super::leaflet_map::LeafletMap;
use crate::api::get_json_value;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Region fills: Flanders (where the jobs are) stands out; Wallonia and Brussels recede.
fn region_fill(region: &str) -> &'static str {
    match region {
        "flanders" => "#f6e7a1",
        "wallonia" => "#dfe6ec",
        _ => "#e8e0ee",
    }
}

/// Leaflet calls this per feature; a Rust closure (not `new Function`) keeps the CSP free of 'unsafe-eval'.
fn region_style() -> Closure<dyn Fn(JsValue) -> JsValue> {
    Closure::new(|feature: JsValue| {
        let region = js_sys::Reflect::get(&feature, &"properties".into())
            .and_then(|p| js_sys::Reflect::get(&p, &"region".into()))
            .ok()
            .and_then(|r| r.as_string())
            .unwrap_or_default();
        object(&[
            ("weight", 0.into()),
            ("fillColor", region_fill(&region).into()),
            ("fillOpacity", 0.6.into()),
        ])
    })
}

/// Fetches both layers and adds them under everything else.
pub fn load_into(map: Rc<RefCell<LeafletMap>>) {
    spawn_local(async move {
        match get_json_value("/geo/regions.geojson").await {
            Ok(data) => {
                let style = region_style();
                let options = object(&[
                    ("style", style.as_ref().clone()),
                    ("interactive", false.into()),
                ]);
                if let Ok(mut map) = map.try_borrow_mut() {
                    map.add_background(&data, &options, Some(style));
                }
            }
            Err(e) => leptos::logging::warn!("regions not drawn: {e}"),
        }
        match get_json_value("/geo/language-border.geojson").await {
            Ok(data) => {
                let style = object(&[
                    ("color", "#3b2f87".into()),
                    ("weight", 3.into()),
                    ("dashArray", "8 5".into()),
                    ("className", "language-border".into()),
                ]);
                let options = object(&[("style", style), ("interactive", false.into())]);
                if let Ok(mut map) = map.try_borrow_mut() {
                    map.add_background(&data, &options, None);
                }
            }
            Err(e) => leptos::logging::warn!("language border not drawn: {e}"),
        }
    });
}
