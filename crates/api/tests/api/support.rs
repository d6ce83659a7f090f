//! An in-process API over a small shared dataset and a temporary database.

use crate::contract::{contract, Exchange};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use passerelle_api::dataset::Dataset;
use passerelle_api::faults::FaultConfig;
use passerelle_api::index::VacancyIndex;
use passerelle_api::store::ApplicationStore;
use passerelle_api::{build_app, AppState};
use passerelle_core::api::{
    ApplicationRequest, ApplyMode, Problem, VacancySummary, IDEMPOTENCY_KEY_HEADER,
};
use serde::de::DeserializeOwned;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tempfile::TempDir;
use tower::ServiceExt;

/// Small enough to build quickly, large enough for several pages around a Walloon town.
pub const TEST_VACANCIES: u32 = 2_000;
pub const TEST_SEED: u64 = 7;
/// Wavre, in Walloon Brabant: a 60 km circle reaches Leuven, Brussels' periphery and Aalst.
pub const WAVRE: (f64, f64) = (50.7167, 4.6011);

/// One index for all tests: the dataset is immutable.
pub fn shared_index() -> Arc<VacancyIndex> {
    static INDEX: OnceLock<Arc<VacancyIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            Arc::new(VacancyIndex::new(Dataset::generate(
                TEST_VACANCIES,
                TEST_SEED,
            )))
        })
        .clone()
}

pub struct TestApi {
    pub router: Router,
    pub state: AppState,
    pub db_path: PathBuf,
    /// Keeps the database folder alive as long as the API.
    pub dir: Arc<TempDir>,
}

impl TestApi {
    pub fn new() -> Self {
        Self::with(|state| state)
    }

    pub fn with_faults(config: FaultConfig) -> Self {
        Self::with(|state| state.with_faults(config))
    }

    /// An API whose state `configure` adjusts before the router is built.
    pub fn with(configure: impl FnOnce(AppState) -> AppState) -> Self {
        let dir = Arc::new(TempDir::new().expect("temporary folder"));
        let db_path = dir.path().join("nested").join("applications.sqlite3");
        Self::on_database(dir, db_path, configure)
    }

    /// An API over an existing database file (a "restart").
    pub fn on_database(
        dir: Arc<TempDir>,
        db_path: PathBuf,
        configure: impl FnOnce(AppState) -> AppState,
    ) -> Self {
        let store = ApplicationStore::open(&db_path).expect("open store");
        let state = configure(AppState::new(shared_index(), store));
        Self {
            router: build_app(state.clone()),
            state,
            db_path,
            dir,
        }
    }

    /// Sends `request` through the router and checks the answer against `openapi.yaml`
    /// (see [`crate::contract`]); a body the document does not allow fails the test.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        // Kept to check it against the contract too (test bodies are in memory anyway).
        let (parts, request_body) = request.into_parts();
        let request_body = axum::body::to_bytes(request_body, usize::MAX)
            .await
            .expect("request body");
        let request = Request::from_parts(parts, Body::from(request_body.clone()));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        let exchange = Exchange {
            method: method.as_str(),
            path: &path,
            status: status.as_u16(),
            headers: &headers,
            body: &body,
            request_body: Some(&request_body)
                .filter(|b| !b.is_empty())
                .map(|b| &b[..]),
        };
        if let Err(violation) = contract().check(&exchange) {
            // Cutting JSON short is what the malformed-response fault is for.
            let cut_on_purpose = self.state.faults.config().malformed_rate > 0.0
                && serde_json::from_slice::<serde_json::Value>(&body).is_err();
            assert!(
                cut_on_purpose,
                "{method} {path} → {status} breaks the contract: {violation}"
            );
        }
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn request(&self, method: Method, uri: &str) -> TestResponse {
        self.send(
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// A JSON POST with an optional Idempotency-Key.
    pub async fn post_json(
        &self,
        uri: &str,
        key: Option<&str>,
        body: impl Into<Body>,
    ) -> TestResponse {
        let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
        if let Some(key) = key {
            request = request.header(IDEMPOTENCY_KEY_HEADER, key);
        }
        self.send(request.body(body.into()).expect("request")).await
    }

    pub async fn apply(&self, key: &str, application: &ApplicationRequest) -> TestResponse {
        let body = serde_json::to_vec(application).expect("serialise");
        self.post_json("/api/v1/applications", Some(key), body)
            .await
    }

    pub fn stored_applications(&self) -> u64 {
        self.state.store.count().expect("count")
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json<T: DeserializeOwned>(&self) -> T {
        assert_eq!(
            self.content_type(),
            "application/json",
            "status {}: {:?}",
            self.status,
            self.body
        );
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// The problem body; fails unless the response is a problem+json with a matching status.
    pub fn problem(&self) -> Problem {
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "status {}",
            self.status
        );
        let problem: Problem = serde_json::from_slice(&self.body).expect("problem body");
        assert_eq!(problem.status, self.status.as_u16());
        problem
    }

    /// The problem's field names.
    pub fn error_fields(&self) -> Vec<String> {
        self.problem().errors.into_iter().map(|e| e.field).collect()
    }
}

pub fn search_uri(lat: f64, lon: f64, radius_km: f64, extra: &str) -> String {
    format!("/api/v1/vacancies?lat={lat}&lon={lon}&radius_km={radius_km}{extra}")
}

/// The first vacancy that takes applications in the app (or, with `External`, that does not).
pub fn vacancy_with(mode: ApplyMode) -> VacancySummary {
    shared_index()
        .dataset()
        .summaries()
        .iter()
        .find(|v| v.apply_mode == mode)
        .cloned()
        .expect("the dataset has both apply modes")
}

pub fn valid_application() -> ApplicationRequest {
    ApplicationRequest {
        vacancy_id: vacancy_with(ApplyMode::InApp).id,
        first_name: "Amélie".into(),
        last_name: "Dupont".into(),
        email: "amelie.dupont@example.be".into(),
        phone: Some("+32 470 12 34 56".into()),
        dutch_level: Some(passerelle_core::DutchLevel::Basic),
        forem_number: None,
        message: "Bonjour, je suis intéressée.".into(),
        consent: true,
    }
}
