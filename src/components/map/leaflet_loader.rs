//! Leaflet arrives with the first screen that has a map, not with the start page
//! (`load_leaflet.js`, a small script `index.html` loads with the app, does the fetching).

use std::future::Future;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defined by `load_leaflet.js`: a promise of Leaflet with the vacancy marks installed;
    /// every call shares one load, and a failed one is retried by the next call.
    #[wasm_bindgen(js_name = passerelleLoadLeaflet)]
    fn load_leaflet_script() -> js_sys::Promise;
}

/// Leaflet could not be fetched (offline, or the server did not answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeafletUnavailable;

/// Starts fetching Leaflet now (if it is not loaded or loading yet); the future tells when it
/// is ready. A map must not be made before it is.
pub fn load_leaflet() -> impl Future<Output = Result<(), LeafletUnavailable>> {
    let loading = load_leaflet_script();
    async move {
        wasm_bindgen_futures::JsFuture::from(loading)
            .await
            .map(drop)
            .map_err(|_| LeafletUnavailable)
    }
}
