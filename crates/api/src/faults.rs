//! Fault injection for resilience testing: added latency, 503s, and truncated JSON with a 200.
//!
//! Rates are applied by counting, not by chance: with rate r, request n faults when
//! floor(n·r) > floor((n−1)·r). A test with rate 0.5 knows every second request fails.

use crate::problem::ApiError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What to inject; the default injects nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FaultConfig {
    /// Added to every affected request.
    pub latency_ms: u64,
    /// Share of requests answered 503, 0.0–1.0.
    pub error_rate: f64,
    /// Share of responses cut in half and sent as a 200, 0.0–1.0.
    pub malformed_rate: f64,
}

impl FaultConfig {
    pub fn is_off(&self) -> bool {
        self.latency_ms == 0 && self.error_rate <= 0.0 && self.malformed_rate <= 0.0
    }
}

/// The configuration with its counters.
#[derive(Debug, Default)]
pub struct Faults {
    config: FaultConfig,
    errors_seen: AtomicU64,
    malformed_seen: AtomicU64,
}

impl Faults {
    pub fn new(config: FaultConfig) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    pub fn config(&self) -> FaultConfig {
        self.config
    }
}

/// True for the requests that make the running count cross the next whole fault.
fn fires(counter: &AtomicU64, rate: f64) -> bool {
    if rate <= 0.0 {
        return false;
    }
    let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
    (n as f64 * rate).floor() > ((n - 1) as f64 * rate).floor()
}

/// Middleware for the affected routes.
pub async fn inject(State(faults): State<Arc<Faults>>, request: Request, next: Next) -> Response {
    let config = faults.config;
    if config.is_off() {
        return next.run(request).await;
    }
    if config.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(config.latency_ms)).await;
    }
    if fires(&faults.errors_seen, config.error_rate) {
        return ApiError::Unavailable.into_response();
    }
    let response = next.run(request).await;
    if fires(&faults.malformed_seen, config.malformed_rate) {
        return truncated(response).await;
    }
    response
}

/// The first half of the response body, as if a proxy dropped the connection mid-way.
async fn truncated(response: Response) -> Response {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let mut cut = bytes.slice(..bytes.len() / 2).to_vec();
    if cut.is_empty() {
        cut = b"{".to_vec();
    }
    let mut response = (StatusCode::OK, Body::from(cut)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_of_one_half_fires_on_every_second_request() {
        let counter = AtomicU64::new(0);
        let fired: Vec<bool> = (0..6).map(|_| fires(&counter, 0.5)).collect();
        assert_eq!(fired, [false, true, false, true, false, true]);
    }

    #[test]
    fn rates_zero_and_one_fire_never_and_always() {
        let (never, always) = (AtomicU64::new(0), AtomicU64::new(0));
        assert!((0..10).all(|_| !fires(&never, 0.0)));
        assert!((0..10).all(|_| fires(&always, 1.0)));
    }

    #[test]
    fn a_rate_of_one_tenth_fires_once_in_ten() {
        let counter = AtomicU64::new(0);
        assert_eq!((0..100).filter(|_| fires(&counter, 0.1)).count(), 10);
    }
}
