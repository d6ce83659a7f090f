//! Passerelle's stand-in API: the contract of `openapi.yaml` over a generated dataset of
//! Flemish vacancies, with applications stored in SQLite, and the built app served at `/`.
//!
//! [`build_app`] assembles the whole service so tests can drive it in-process.

pub mod application_limit;
pub mod calendar;
pub mod config;
mod csp;
pub mod cursor;
pub mod dataset;
pub mod faults;
pub mod forem;
pub mod index;
pub mod problem;
pub mod result_cache;
pub mod routes;
pub mod search_query;
pub mod store;
pub mod web;

use application_limit::{ApplicationLimit, ApplicationLimiter};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::{any, get, post};
use axum::Router;
use faults::{FaultConfig, Faults};
use forem::ForemSource;
use index::{LiveIndex, VacancyIndex};
use passerelle_core::api::{Problem, API_PREFIX, IDEMPOTENCY_KEY_HEADER};
use result_cache::ResultCache;
use std::sync::Arc;
use store::ApplicationStore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use web::WebOptions;

/// Everything a request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<LiveIndex>,
    /// The real-data source feeding `index`, when one is configured (reported in `/health`).
    pub source: Option<Arc<ForemSource>>,
    pub store: Arc<ApplicationStore>,
    pub faults: Arc<Faults>,
    pub results: Arc<ResultCache>,
    /// New applications per client; off unless configured (the binary's default is on).
    pub application_limit: Arc<ApplicationLimiter>,
    pub web: WebOptions,
    /// Origins allowed to call the API from a browser; empty means CORS stays off.
    pub cors_origins: Vec<HeaderValue>,
}

impl AppState {
    /// An API with no faults, no application limit, no files and no CORS. Takes an `Arc` too, so tests can share one index.
    pub fn new(index: impl Into<Arc<VacancyIndex>>, store: ApplicationStore) -> Self {
        Self {
            index: Arc::new(LiveIndex::new(index)),
            source: None,
            store: Arc::new(store),
            faults: Arc::new(Faults::default()),
            results: Arc::new(ResultCache::default()),
            application_limit: Arc::new(ApplicationLimiter::off()),
            web: WebOptions::default(),
            cors_origins: Vec::new(),
        }
    }

    /// Serves `source`'s offers: the state's index becomes the one the source replaces.
    pub fn with_source(mut self, source: Arc<ForemSource>) -> Self {
        self.index = source.index();
        self.source = Some(source);
        self
    }

    pub fn with_faults(mut self, config: FaultConfig) -> Self {
        self.faults = Arc::new(Faults::new(config));
        self
    }

    /// `None` admits every application.
    pub fn with_application_limit(mut self, limit: Option<ApplicationLimit>) -> Self {
        self.application_limit = Arc::new(ApplicationLimiter::new(limit));
        self
    }

    pub fn with_web(mut self, web: WebOptions) -> Self {
        self.web = web;
        self
    }

    pub fn with_cors_origins(mut self, origins: Vec<HeaderValue>) -> Self {
        self.cors_origins = origins;
        self
    }
}

/// The whole service: the API under [`API_PREFIX`], the app's files, and the layers over both.
pub fn build_app(state: AppState) -> Router {
    let api = Router::new()
        .route("/vacancies", get(routes::vacancies::search))
        .route("/vacancies/{id}", get(routes::vacancies::detail))
        .route("/applications", post(routes::applications::create))
        .route_layer(axum::middleware::from_fn_with_state(
            state.faults.clone(),
            faults::inject,
        ))
        // Added after the fault layer: health must answer truthfully while faults are on.
        .route("/health", get(routes::health::health))
        .fallback(problem::route_not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        .layer(DefaultBodyLimit::max(routes::applications::MAX_BODY_BYTES))
        .with_state(state.clone());

    let router = Router::new()
        .nest(API_PREFIX, api)
        // Other versions or typos under /api are API 404s, not the app's index.html.
        .route("/api", any(problem::route_not_found))
        .route("/api/{*rest}", any(problem::route_not_found));
    let router = web::serve_app(router, &state.web);

    let router = if state.cors_origins.is_empty() {
        router
    } else {
        router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(state.cors_origins.clone()))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, idempotency_key_header()])
                // Not CORS-safelisted: without this a cross-origin app cannot read when to
                // retry after a 429, nor that a 201 was a replay.
                .expose_headers([
                    header::RETRY_AFTER,
                    HeaderName::from_static(routes::applications::REPLAYED_HEADER),
                ]),
        )
    };

    router
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            problem::problem_response(&Problem::new(
                500,
                "/problems/internal",
                "Internal server error",
            ))
        }))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// [`IDEMPOTENCY_KEY_HEADER`] as a header name (header names are case-insensitive; `http` wants lower case).
fn idempotency_key_header() -> HeaderName {
    HeaderName::try_from(IDEMPOTENCY_KEY_HEADER.to_ascii_lowercase())
        .unwrap_or_else(|_| HeaderName::from_static("idempotency-key"))
}
