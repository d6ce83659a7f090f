//! Files the app makes in the browser (the desk's shortlist, the zone table) handed to the
//! person as a download.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `csv` as a download named `file_name`; a failure is logged (the page stays as it is).
pub fn download_csv(csv: &str, file_name: &str) {
    if let Err(e) = download(csv, file_name) {
        leptos::logging::error!("CSV download failed: {e:?}");
    }
}

/// A `Blob` behind an object URL, clicked through a temporary `<a download>`; the URL is
/// revoked a little later, once the browser has surely read it.
fn download(csv: &str, file_name: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(csv));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
