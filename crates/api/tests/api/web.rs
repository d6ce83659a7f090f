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

const HASHED_JS: &str = "passerelle-0123456789abcdef.js";
const HASHED_WASM: &str = "passerelle-0123456789abcdef_bg.wasm";
/// Trunk drops a leading zero of the hash: 15 digits.
const HASHED_CSS: &str = "style-123456789abcdef.css";

/// A build laid out as Trunk writes dist/: hashed assets at the root, copied folders unhashed.
fn with_trunk_dist(config_override: bool) -> (TestApi, tempfile::TempDir) {
    let dist = tempfile::TempDir::new().expect("dist");
    let write = |path: &str, contents: &[u8]| {
        let path = dist.path().join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, contents).expect("write");
    };
    write("index.html", b"<!doctype html><title>Passerelle</title>");
    write(HASHED_JS, b"export default function init() {}");
    write(HASHED_WASM, b"\0asm\x01\0\0\0");
    write(HASHED_CSS, b"body { margin: 0 }");
    write("config.json", br#"{"api_base":"/api/v1"}"#);
    write(
        "test-config.json",
        br#"{"api_base":"/api/v1","tile_url":null}"#,
    );
    write("vendor/leaflet/leaflet.js", b"window.L = {};");
    write("vendor/leaflet/images/marker-icon.png", b"\x89PNG");
    write(
        "geo/regions.geojson",
        br#"{"type":"FeatureCollection","features":[]}"#,
    );
    let web = WebOptions {
        dist: Some(dist.path().to_owned()),
        config_json: config_override.then(|| dist.path().join("test-config.json")),
    };
    (TestApi::with(|state| state.with_web(web)), dist)
}

fn cache_control(response: &crate::support::TestResponse) -> Option<&str> {
    response
        .headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn trunks_hashed_assets_are_cached_for_a_year_as_immutable() {
    let (api, _dist) = with_trunk_dist(false);
    for file in [HASHED_JS, HASHED_WASM, HASHED_CSS] {
        let response = api.get(&format!("/{file}")).await;
        assert_eq!(response.status, 200, "{file}");
        assert_eq!(
            cache_control(&response),
            Some("public, max-age=31536000, immutable"),
            "{file}"
        );
    }
}

#[tokio::test]
async fn the_page_deep_links_and_config_json_are_revalidated_every_time() {
    for config_override in [false, true] {
        let (api, _dist) = with_trunk_dist(config_override);
        for uri in [
            "/",
            "/index.html",
            "/vacancies/42",
            "/fr/search?lat=50.4&lon=3.9",
            "/config.json",
        ] {
            let response = api.get(uri).await;
            assert_eq!(response.status, 200, "{uri}");
            assert_eq!(cache_control(&response), Some("no-cache"), "{uri}");
        }
    }
}

#[tokio::test]
async fn unhashed_files_are_revalidated_and_answer_304_when_unchanged() {
    let (api, _dist) = with_trunk_dist(true);
    for uri in [
        "/vendor/leaflet/leaflet.js",
        "/vendor/leaflet/images/marker-icon.png",
        "/geo/regions.geojson",
    ] {
        let response = api.get(uri).await;
        assert_eq!(response.status, 200, "{uri}");
        assert_eq!(cache_control(&response), Some("no-cache"), "{uri}");
        let last_modified = response
            .headers
            .get(header::LAST_MODIFIED)
            .unwrap_or_else(|| panic!("{uri} has no Last-Modified to revalidate against"))
            .clone();
        let again = api
            .send(
                Request::get(uri)
                    .header(header::IF_MODIFIED_SINCE, last_modified)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(again.status, 304, "{uri}");
        assert!(again.body.is_empty());
        assert_eq!(cache_control(&again), Some("no-cache"), "{uri}");
    }
}

#[tokio::test]
async fn a_missing_hashed_file_is_a_404_that_is_not_kept() {
    let (api, _dist) = with_trunk_dist(true);
    let response = api.get("/passerelle-fedcba9876543210_bg.wasm").await;
    assert_eq!(response.status, 404);
    assert_eq!(cache_control(&response), None);
}

#[tokio::test]
async fn api_answers_get_no_file_cache_policy() {
    let (api, _dist) = with_trunk_dist(true);
    assert_eq!(cache_control(&api.get("/api/v1/health").await), None);
}
