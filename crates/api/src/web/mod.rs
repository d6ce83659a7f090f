//! The built single-page app: static files from `dist`, precompressed variants when present,
//! and `index.html` for unknown paths so that deep links (`/vacancies/42?…`) load the app;
//! each with the `Cache-Control` of [`cache_control`].

pub mod cache_control;

use crate::csp::content_security_policy;
use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get_service;
use axum::Router;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Where the app's files come from.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// The built app; `None` serves no files (tests of the API alone).
    pub dist: Option<PathBuf>,
    /// Served as `/config.json` instead of `dist/config.json` (tests switch map tiles off).
    pub config_json: Option<PathBuf>,
}

/// Adds the app's routes and the file fallback to `router`.
pub fn serve_app(router: Router, options: &WebOptions) -> Router {
    let cache_control = axum::middleware::from_fn(cache_control::set_cache_control);
    let router = match &options.config_json {
        Some(path) => router.route(
            "/config.json",
            get_service(ServeFile::new(path)).layer(cache_control.clone()),
        ),
        None => router,
    };
    let Some(dist) = options.dist.clone() else {
        return router;
    };
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let app_shell = tower::service_fn(move |request: Request<Body>| {
        let index = index.clone();
        async move {
            // A missing asset must stay a 404: answering HTML for `/pkg/app.wasm` hides the bug.
            if looks_like_a_file(request.uri().path()) {
                return Ok::<_, Infallible>(StatusCode::NOT_FOUND.into_response());
            }
            Ok(index
                .oneshot(request)
                .await
                .map(IntoResponse::into_response)
                .unwrap_or_else(|e| match e {}))
        }
    });
    let csp = app_content_security_policy(&dist, options.config_json.as_deref());
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(app_shell);
    let files = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(cache_control)
        .service(files);
    router.fallback_service(files)
}

/// The CSP for the app's files, from the `index.html` and `config.json` being served.
fn app_content_security_policy(dist: &Path, config_json: Option<&Path>) -> HeaderValue {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let config_path = config_json
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dist.join("config.json"));
    let config = std::fs::read_to_string(config_path).unwrap_or_default();
    // Only ASCII goes into the policy (origins are checked), so this cannot fail; fall back to the strictest.
    HeaderValue::from_str(&content_security_policy(&index, &config))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
}

/// True when the last path segment has an extension, like `app.wasm` or `favicon.ico`.
fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|segment| segment.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::looks_like_a_file;

    #[test]
    fn deep_links_are_not_files_but_assets_are() {
        assert!(!looks_like_a_file("/"));
        assert!(!looks_like_a_file("/vacancies/42"));
        assert!(looks_like_a_file("/pkg/passerelle_bg.wasm"));
    }
}
