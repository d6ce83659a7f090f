//! Every error the API returns, as RFC 9457 `application/problem+json` (core's [`Problem`]).
//!
//! Handlers return [`ApiError`]; axum's own plain-text rejections never reach a client because
//! handlers take `Result<Extractor, Rejection>` and map the rejection here.

use crate::application_limit::Limited;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use passerelle_core::api::{FieldError, FieldErrorCode, Problem, IDEMPOTENCY_KEY_HEADER};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What went wrong with a request, one variant per problem type.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid query parameters")]
    InvalidQuery {
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("invalid path parameter `{0}`")]
    InvalidPath(&'static str),
    #[error("no vacancy with id {0}")]
    VacancyNotFound(u32),
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("could not read the request body: {0}")]
    UnreadableBody(String),
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("JSON does not fit the schema: {0}")]
    InvalidBody(String),
    #[error("the Idempotency-Key header must hold 8 to 200 printable ASCII characters")]
    InvalidIdempotencyKey(FieldErrorCode),
    #[error("application is invalid")]
    Validation(Vec<FieldError>),
    #[error("Idempotency-Key reused with a different body")]
    IdempotencyKeyReused,
    #[error(
        "at most {} new applications per {} s from one client; retry in {} s",
        .0.limit.max,
        .0.limit.window.as_secs_f64(),
        .0.retry_after_seconds()
    )]
    TooManyApplications(Limited),
    #[error("service unavailable (injected fault)")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidQuery { .. }
            | ApiError::InvalidPath(_)
            | ApiError::MalformedJson(_)
            | ApiError::UnreadableBody(_)
            | ApiError::InvalidIdempotencyKey(_) => StatusCode::BAD_REQUEST,
            ApiError::VacancyNotFound(_) | ApiError::RouteNotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::InvalidBody(_) | ApiError::Validation(_) | ApiError::IdempotencyKeyReused => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooManyApplications(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The `type` URI (relative, resolved against the API's base) and the constant title.
    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::InvalidQuery { .. } => {
                ("/problems/invalid-query", "Invalid query parameters")
            }
            ApiError::InvalidPath(_) => ("/problems/invalid-path", "Invalid path parameter"),
            ApiError::VacancyNotFound(_) => ("/problems/vacancy-not-found", "No such vacancy"),
            ApiError::RouteNotFound => ("/problems/route-not-found", "No such route"),
            ApiError::MethodNotAllowed => ("/problems/method-not-allowed", "Method not allowed"),
            ApiError::UnsupportedMediaType => (
                "/problems/unsupported-media-type",
                "Content-Type must be application/json",
            ),
            ApiError::PayloadTooLarge => ("/problems/payload-too-large", "Request body too large"),
            ApiError::UnreadableBody(_) => ("/problems/unreadable-body", "Unreadable request body"),
            ApiError::MalformedJson(_) => ("/problems/malformed-json", "Malformed JSON"),
            ApiError::InvalidBody(_) => {
                ("/problems/invalid-body", "Body does not match the schema")
            }
            ApiError::InvalidIdempotencyKey(_) => (
                "/problems/invalid-idempotency-key",
                "Missing or invalid Idempotency-Key header",
            ),
            ApiError::Validation(_) => ("/problems/validation", "Invalid application"),
            ApiError::IdempotencyKeyReused => (
                "/problems/idempotency-key-reused",
                "Idempotency-Key already used for another application",
            ),
            ApiError::TooManyApplications(_) => (
                "/problems/too-many-applications",
                "Too many applications from this client",
            ),
            ApiError::Unavailable => ("/problems/unavailable", "Service temporarily unavailable"),
            ApiError::Internal(_) => ("/problems/internal", "Internal server error"),
        }
    }

    pub fn to_problem(&self) -> Problem {
        let (problem_type, title) = self.kind();
        let problem = Problem::new(self.status().as_u16(), problem_type, title);
        match self {
            ApiError::InvalidQuery { detail, errors } => problem
                .with_detail(detail.clone())
                .with_errors(errors.clone()),
            ApiError::Validation(errors) => problem.with_errors(errors.clone()),
            ApiError::InvalidPath(name) => problem
                .with_detail(self.to_string())
                .with_errors(vec![FieldError::new(name, FieldErrorCode::InvalidFormat)]),
            ApiError::InvalidIdempotencyKey(code) => problem
                .with_detail(self.to_string())
                .with_errors(vec![FieldError::new(IDEMPOTENCY_KEY_HEADER, *code)]),
            // Internal details go to the log, not to the client.
            ApiError::Internal(_) => problem,
            other => problem.with_detail(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(reason) = &self {
            eprintln!("internal error: {reason}");
        }
        let mut response = problem_response(&self.to_problem());
        if let ApiError::TooManyApplications(limited) = &self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(limited.retry_after_seconds()),
            );
        }
        response
    }
}

/// Serialises a problem with its status and media type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // Serialising a struct of strings and numbers cannot fail; fall back to an empty object anyway.
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response
}

/// Fallback for paths under the API prefix that match no route.
pub async fn route_not_found() -> ApiError {
    ApiError::RouteNotFound
}

/// Fallback for a known path with a method it does not take (axum still adds `Allow`).
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
