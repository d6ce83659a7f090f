//! Low-level fetch with a timeout; everything above it works with typed results.

use super::ApiError;
use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use passerelle_core::api::Problem;
use passerelle_core::retry::parse_retry_after;
use serde::de::DeserializeOwned;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::AbortController;

/// Long enough for a 1,000-item page on slow mobile data, short enough not to hang forever.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// Aborts the request when the timeout fires, or when dropped before the body was read
/// (the component that asked is gone: no need to spend the person's data).
struct Deadline {
    controller: Option<AbortController>,
    timer: Option<TimeoutHandle>,
}

impl Deadline {
    fn new() -> Self {
        let controller = AbortController::new().ok();
        let timer = controller
            .clone()
            .and_then(|c| set_timeout_with_handle(move || c.abort(), REQUEST_TIMEOUT).ok());
        Self { controller, timer }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    fn timed_out(&self) -> bool {
        self.controller
            .as_ref()
            .is_some_and(|c| c.signal().aborted())
    }

    fn error(&self, e: impl ToString) -> ApiError {
        if self.timed_out() {
            ApiError::Timeout
        } else {
            ApiError::Network(e.to_string())
        }
    }

    /// The whole body has arrived: nothing left to abort.
    fn finish(mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        self.controller = None;
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        if let Some(c) = self.controller.take() {
            c.abort();
        }
    }
}

/// Sends a request (with an optional JSON body) and returns the body text of a 2xx answer.
/// The timeout covers the whole exchange, body included.
async fn fetch_text(
    builder: RequestBuilder,
    json_body: Option<String>,
) -> Result<String, ApiError> {
    let deadline = Deadline::new();
    let builder = builder.abort_signal(deadline.signal().as_ref());
    let request: Request = match json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| deadline.error(e))?;
    let status = response.status();
    // Read before the body: a cross-origin API must list it in Access-Control-Expose-Headers.
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|value| parse_retry_after(&value, js_sys::Date::now() / 1000.0));
    let text = response.text().await.map_err(|e| deadline.error(e))?;
    deadline.finish();
    answer(status, text, retry_after)
}

/// The body of a 2xx answer, or the error an answer with another status means.
fn answer(status: u16, text: String, retry_after: Option<Duration>) -> Result<String, ApiError> {
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        // A problem+json body is optional: a proxy may answer with HTML.
        let problem = serde_json::from_str::<Problem>(&text).ok();
        Err(ApiError::Status {
            status,
            problem,
            retry_after,
        })
    }
}

/// Takes the answer to a request `index.html` made before the app started, handed over as
/// `window[name]`: a promise of `{status, text}`, or of `{error}` (`"timeout"` after
/// [`REQUEST_TIMEOUT`], which the page's script mirrors). Taken once; `None` when there is
/// none or it is not of that shape, and the caller then asks itself.
pub async fn take_early_answer(name: &str) -> Option<Result<String, ApiError>> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(name);
    let promise: js_sys::Promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    // The page's script catches every failure into `{error}`: the promise never rejects.
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let field = |key: &str| js_sys::Reflect::get(&answer, &key.into()).ok();
    if let Some(error) = field("error").and_then(|e| e.as_string()) {
        return Some(Err(match error.as_str() {
            "timeout" => ApiError::Timeout,
            _ => ApiError::Network(error),
        }));
    }
    let status = field("status")?.as_f64()?;
    let text = field("text")?.as_string()?;
    // Retry-After is for the API's answers; a static file beside the app has none worth waiting on.
    Some(self::answer(status as u16, text, None))
}

pub(super) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Malformed(e.to_string()))
}

/// GETs a document's text (for bodies parsed leniently, item by item).
pub async fn get_text(builder: RequestBuilder) -> Result<String, ApiError> {
    fetch_text(builder, None).await
}

/// Sends `body` as JSON and reads a JSON answer into `T`.
pub async fn send_json<B: serde::Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    parse(&fetch_text(builder, Some(body)).await?)
}

/// Fetches a JSON document as a JavaScript value (for Leaflet's GeoJSON layer).
pub async fn get_json_value(url: &str) -> Result<wasm_bindgen::JsValue, ApiError> {
    let text = fetch_text(Request::get(url), None).await?;
    js_sys::JSON::parse(&text).map_err(|_| ApiError::Malformed(format!("{url} is not JSON")))
}

/// Fetches the server's current copy of a page beside the app (revalidated, never a cached copy
/// taken as is), e.g. `/` to see which build the server now serves.
pub async fn get_fresh_text(url: &str) -> Result<String, ApiError> {
    fetch_text(
        Request::get(url).cache(web_sys::RequestCache::NoCache),
        None,
    )
    .await
}

/// Fetches a static file served beside the app (e.g. the deployment's zone file) as text.
pub async fn get_static_text(url: &str) -> Result<String, ApiError> {
    fetch_text(Request::get(url), None).await
}
