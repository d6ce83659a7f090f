//! The app's files, deep links, config override, security headers and CORS.

use crate::support::TestApi;
use axum::body::Body;
use axum::http::HeaderValue;
use axum::http::{header, Method, Request};
use passerelle_api::web::WebOptions;
use std::fs;

/// An API serving a fake build with an index, a wasm file and a config.
fn with_dist() -> (TestApi, tempfile::TempDir) {
    let dist = tempfile::TempDir::new().expect("dist");
    fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Passerelle</title>",
    )
    .expect("write");
    fs::write(dist.path().join("app.wasm"), b"\0asm\x01\0\0\0").expect("write");
    fs::write(dist.path().join("config.json"), r#"{"tiles":"dist"}"#).expect("write");
    fs::write(dist.path().join("test-config.json"), r#"{"tiles":null}"#).expect("write");
    let web = WebOptions {
        dist: Some(dist.path().to_owned()),
        config_json: Some(dist.path().join("test-config.json")),
    };
    (TestApi::with(|state| state.with_web(web)), dist)
}

#[tokio::test]
async fn the_app_is_served_at_the_root_and_for_deep_links() {
    let (api, _dist) = with_dist();
    for uri in ["/", "/vacancies/42", "/fr/search?lat=50.4&lon=3.9"] {
        let response = api.get(uri).await;
        assert_eq!(response.status, 200, "{uri}");
        assert!(response.content_type().starts_with("text/html"), "{uri}");
        assert!(String::from_utf8_lossy(&response.body).contains("Passerelle"));
    }
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm_and_missing_files_stay_404() {
    let (api, _dist) = with_dist();
    assert_eq!(
        api.get("/app.wasm").await.content_type(),
        "application/wasm"
    );
    assert_eq!(api.get("/pkg/missing.js").await.status, 404);
}

#[tokio::test]
async fn config_json_comes_from_the_override_file() {
    let (api, _dist) = with_dist();
    let response = api.get("/config.json").await;
    assert_eq!(response.status, 200);
    assert_eq!(&response.body[..], br#"{"tiles":null}"#);
}

#[tokio::test]
async fn api_routes_are_not_shadowed_by_the_app_fallback() {
    let (api, _dist) = with_dist();
    assert_eq!(api.get("/api/v1/health").await.status, 200);
    assert_eq!(
        api.get("/api/v1/nope").await.content_type(),
        "application/problem+json"
    );
}

#[tokio::test]
async fn every_response_carries_nosniff_and_no_referrer() {
    let (api, _dist) = with_dist();
    for uri in ["/", "/api/v1/health", "/api/v1/nope", "/missing.png"] {
        let response = api.get(uri).await;
        assert_eq!(
            response
                .headers
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        assert_eq!(
            response
                .headers
                .get(header::REFERRER_POLICY)
                .map(|v| v.as_bytes()),
            Some(&b"no-referrer"[..])
        );
    }
}

#[tokio::test]
async fn large_api_responses_are_compressed_when_the_client_accepts_it() {
    let api = TestApi::new();
    let request = Request::get(crate::support::search_uri(
        50.7167,
        4.6011,
        60.0,
        "&limit=200",
    ))
    .header(header::ACCEPT_ENCODING, "gzip")
    .body(Body::empty())
    .expect("request");
    let response = api.send(request).await;
    assert_eq!(
        response
            .headers
            .get(header::CONTENT_ENCODING)
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
}

fn preflight(origin: &str) -> Request<Body> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/v1/applications")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "content-type,idempotency-key",
        )
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn cors_is_off_by_default_and_allows_only_configured_origins() {
    let closed = TestApi::new();
    let response = closed.send(preflight("http://localhost:3000")).await;
    assert!(response
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());

    let open = TestApi::with(|s| {
        s.with_cors_origins(vec![HeaderValue::from_static("http://localhost:3000")])
    });
    let response = open.send(preflight("http://localhost:3000")).await;
    assert_eq!(
        response
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .map(|v| v.as_bytes()),
        Some(&b"http://localhost:3000"[..])
    );
    let allowed = response
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(
        allowed.contains("idempotency-key") && allowed.contains("content-type"),
        "{allowed}"
    );
    // A cross-origin app must be able to read when to retry and whether a 201 was a replay.
    let post = Request::post("/api/v1/applications")
        .header(header::ORIGIN, "http://localhost:3000")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{"))
        .expect("request");
    let exposed = open
        .send(post)
        .await
        .headers
        .get(header::ACCESS_CONTROL_EXPOSE_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(
        exposed.contains("retry-after") && exposed.contains("idempotent-replayed"),
        "{exposed}"
    );
    let stranger = open.send(preflight("https://evil.example")).await;
    assert!(stranger
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}
