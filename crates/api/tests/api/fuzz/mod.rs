//! The HTTP surface fuzzed in-process: arbitrary query strings, paths, headers and bodies sent
//! through the whole router. Whatever arrives, the answer is never a 5xx (a panic would be a
//! 500 from the catch-panic layer), every 4xx is a problem+json document, and every 2xx is JSON.
//!
//! Case counts are fixed per test (10,000 requests in all) so CI runs the same amount of fuzzing
//! every time; a failing case is shrunk and saved by proptest.

mod applications;
mod search;

use crate::support::{TestApi, TestResponse};
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Request};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// One runtime and one API per property: building them per case would dominate the run time.
pub struct Harness {
    runtime: tokio::runtime::Runtime,
    pub api: TestApi,
}

impl Harness {
    pub fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        Self {
            runtime,
            api: TestApi::new(),
        }
    }

    pub fn send(&self, request: Request<Body>) -> TestResponse {
        self.runtime.block_on(self.api.send(request))
    }
}

/// What every response must be, whatever the request.
pub fn check_response(request: &str, response: &TestResponse) -> Result<(), TestCaseError> {
    let status = response.status;
    let body = String::from_utf8_lossy(&response.body);
    prop_assert!(status.as_u16() < 500, "{request}\n-> {status}: {body}");
    if status.is_client_error() {
        prop_assert_eq!(
            response.content_type(),
            "application/problem+json",
            "{} -> {}",
            request,
            status
        );
        let problem: serde_json::Value = serde_json::from_slice(&response.body)
            .map_err(|e| TestCaseError::fail(format!("{request} -> {status}: {e}: {body}")))?;
        prop_assert!(problem["type"].is_string(), "{request} -> {body}");
        prop_assert!(problem["title"].is_string(), "{request} -> {body}");
        prop_assert_eq!(
            problem["status"].as_u64(),
            Some(u64::from(status.as_u16())),
            "{}",
            request
        );
    } else {
        prop_assert!(status.is_success(), "{request} -> {status}");
        prop_assert_eq!(response.content_type(), "application/json", "{}", request);
        let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&response.body);
        prop_assert!(parsed.is_ok(), "{request} -> {body}");
    }
    Ok(())
}

/// Percent-encodes what a URI cannot carry, keeping the characters a query parser must cope
/// with (`%`, `+`, `&`, `=`) raw so malformed escapes and separators reach it too.
pub fn into_uri_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || "-._~%+&=;,!$'()*:@/?".contains(c) {
            out.push(c);
        } else {
            let mut utf8 = [0u8; 4];
            for b in c.encode_utf8(&mut utf8).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A header name and value; names and values outside what HTTP allows are left out (a client
/// library cannot send them).
pub fn extra_header() -> impl Strategy<Value = Option<(HeaderName, HeaderValue)>> {
    let name = prop_oneof![
        prop::sample::select(vec![
            "idempotency-key",
            "content-type",
            "content-length-x",
            "x-forwarded-for",
            "origin",
            "accept",
            "cookie",
            "if-none-match",
            "range",
        ])
        .prop_map(str::to_owned),
        "[a-z][a-z0-9-]{0,20}",
    ];
    let value = prop_oneof![
        any::<String>().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..64),
        "[ -~]{0,300}".prop_map(String::into_bytes),
    ];
    (name, value).prop_map(|(name, value)| {
        // A compressed body is not what this checks; compression has its own tests.
        if name.ends_with("-encoding") {
            return None;
        }
        Some((
            HeaderName::try_from(name).ok()?,
            HeaderValue::from_bytes(&value).ok()?,
        ))
    })
}
