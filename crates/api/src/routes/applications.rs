//! `POST /applications`: validated, idempotent, durable, limited per client.

use crate::application_limit::ClientKey;
use crate::problem::ApiError;
use crate::store::Recorded;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use passerelle_core::api::{
    ApplicationRequest, ApplyMode, FieldError, FieldErrorCode, IDEMPOTENCY_KEY_HEADER,
};
use passerelle_core::application::validate_application;
use serde_json::error::Category;

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
const KEY_CHARS: std::ops::RangeInclusive<usize> = 8..=200;
/// Set on a 201 that repeats an earlier receipt, so a client (or a person debugging) can tell.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// Receives an application. Checks run cheapest and most fundamental first: media type, body
/// size, idempotency key, JSON syntax, JSON shape, field validation, then the store; a key the
/// store has not seen takes one of the client's allowance first.
pub async fn create(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    if !is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::UnreadableBody(rejection.body_text())
        }
    })?;
    let key = idempotency_key(&headers)?;
    let application: ApplicationRequest =
        serde_json::from_slice(&body).map_err(|e| match e.classify() {
            Category::Data => ApiError::InvalidBody(e.to_string()),
            Category::Syntax | Category::Eof | Category::Io => {
                ApiError::MalformedJson(e.to_string())
            }
        })?;
    validate(&state, &application)?;

    let store = state.store.clone();
    let limiter = state.application_limit.clone();
    let recorded = tokio::task::spawn_blocking(move || {
        let internal = |e: crate::store::StoreError| ApiError::Internal(e.to_string());
        // A retry under a stored key is never limited (see `application_limit`). Two first
        // sends of one new key racing each other may both be counted: the client's loss only.
        if !store.contains_key(&key).map_err(internal)? {
            limiter
                .admit(client)
                .map_err(ApiError::TooManyApplications)?;
        }
        store.record(&key, &application).map_err(internal)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    match recorded {
        Recorded::Created(receipt) => Ok((StatusCode::CREATED, Json(receipt)).into_response()),
        Recorded::Replayed(receipt) => {
            let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
            response.headers_mut().insert(
                HeaderName::from_static(REPLAYED_HEADER),
                HeaderValue::from_static("true"),
            );
            Ok(response)
        }
        Recorded::KeyReused => Err(ApiError::IdempotencyKeyReused),
    }
}

/// `application/json`, with or without parameters such as `charset=utf-8`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .ok_or(ApiError::InvalidIdempotencyKey(FieldErrorCode::Required))?;
    let key = value
        .to_str()
        .ok()
        .filter(|k| KEY_CHARS.contains(&k.len()) && k.bytes().all(|b| (0x20..=0x7e).contains(&b)))
        .ok_or(ApiError::InvalidIdempotencyKey(
            FieldErrorCode::InvalidFormat,
        ))?;
    Ok(key.to_owned())
}

/// Core's checks plus what only the server knows: the vacancy exists and takes in-app applications.
fn validate(state: &AppState, application: &ApplicationRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    match state
        .index
        .current()
        .dataset()
        .summary(application.vacancy_id)
    {
        None => errors.push(FieldError::new(
            "vacancy_id",
            FieldErrorCode::UnknownVacancy,
        )),
        Some(v) if v.apply_mode != ApplyMode::InApp => {
            errors.push(FieldError::new("vacancy_id", FieldErrorCode::NotInApp));
        }
        Some(_) => {}
    }
    if let Err(field_errors) = validate_application(application) {
        errors.extend(field_errors);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}
