//! Low-level fetch with a timeout; everything above it works with typed results.

use super::ApiError;
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use passerelle_core::api::Problem;
use serde::de::DeserializeOwned;
use std::time::Duration;
use web_sys::AbortController;

/// Long enough for a 1,000-item page on slow mobile data, short enough not to hang forever.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// Aborts the request when dropped or when the timeout fires.
struct Deadline {
    controller: Option<AbortController>,
    timer: Option<TimeoutHandle>,
}

impl Deadline {
    fn new() -> Self {
        let controller = AbortController::new().ok();
        let timer = controller.clone().and_then(|c| {
            set_timeout_with_handle(move || c.abort(), REQUEST_TIMEOUT).ok()
        });
        Self { controller, timer }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    fn timed_out(&self) -> bool {
        self.controller.as_ref().is_some_and(|c| c.signal().aborted())
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        // Aborting a finished fetch is a no-op; aborting an unfinished one (component gone) saves data.
        if let Some(c) = self.controller.take() {
            c.abort();
        }
    }
}

/// Sends a request with a timeout and returns the response if its status is 2xx.
pub async fn send(builder: RequestBuilder) -> Result<Response, ApiError> {
    send_request(builder, None).await
}

/// As [`send`], with a JSON body.
pub async fn send_json<B: serde::Serialize>(builder: RequestBuilder, body: &B) -> Result<Response, ApiError> {
    send_request(builder, Some(serde_json::to_string(body).map_err(|e| ApiError::Malformed(e.to_string()))?)).await
}

async fn send_request(builder: RequestBuilder, body: Option<String>) -> Result<Response, ApiError> {
    let deadline = Deadline::new();
    let builder = builder.abort_signal(deadline.signal().as_ref());
    let request: Request = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| {
        if deadline.timed_out() {
            ApiError::Timeout
        } else {
            ApiError::Network(e.to_string())
        }
    })?;
    if response.ok() {
        Ok(response)
    } else {
        let status = response.status();
        // A problem+json body is optional: a proxy may answer with HTML.
        let problem = response.json::<Problem>().await.ok();
        Err(ApiError::Status { status, problem })
    }
}

/// Reads a JSON body into `T`.
pub async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let text = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| ApiError::Malformed(e.to_string()))
}

/// Fetches a JSON document as a JavaScript value (for Leaflet's GeoJSON layer).
pub async fn get_json_value(url: &str) -> Result<wasm_bindgen::JsValue, ApiError> {
    let response = send(Request::get(url)).await?;
    let text = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| ApiError::Malformed(format!("{url} is not JSON")))
}
