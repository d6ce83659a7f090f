//! `GET /health`: liveness and the dataset size (never subject to fault injection).

use crate::AppState;
use axum::extract::State;
use axum::Json;
use passerelle_core::api::Health;

pub async fn health(State(state): State<AppState>) -> Json<Health> {
    let vacancies = u32::try_from(state.index.dataset().len()).unwrap_or(u32::MAX);
    Json(Health {
        status: "ok".to_owned(),
        vacancies,
    })
}
