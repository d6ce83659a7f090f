//! `GET /health`: liveness, the dataset size and, with a real source, how its last sync went
//! (never subject to fault injection).

use crate::AppState;
use axum::extract::State;
use axum::Json;
use passerelle_core::api::{Health, VacancySource};

pub async fn health(State(state): State<AppState>) -> Json<Health> {
    let vacancies = u32::try_from(state.index.current().dataset().len()).unwrap_or(u32::MAX);
    Json(Health {
        status: "ok".to_owned(),
        vacancies,
        source: state.source.as_ref().map(|_| VacancySource::Forem),
        sync: state.source.as_ref().map(|s| s.health()),
    })
}
