//! `GET /vacancies` (radius search, paged) and `GET /vacancies/{id}`.

use crate::cursor;
use crate::problem::ApiError;
use crate::search_query::{self, SearchQuery};
use crate::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use passerelle_core::api::{
    FieldError, FieldErrorCode, VacancyDetail, VacancyPage, VacancySummary,
};

/// One page of the vacancies around a point, nearest first.
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<VacancyPage>, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::InvalidQuery {
        detail: rejection.body_text(),
        errors: Vec::new(),
    })?;
    let query = SearchQuery::parse(&pairs)?;
    Ok(Json(page(&state, &query).await?))
}

/// Runs the search (on the blocking pool: a wide one takes milliseconds of CPU that would stall
/// every other request on this runtime thread) and cuts out the page the cursor points to.
pub async fn page(state: &AppState, query: &SearchQuery) -> Result<VacancyPage, ApiError> {
    // One index for the whole request, even if a sync replaces it meanwhile.
    let index = state.index.current();
    let dataset = index.dataset();
    let fingerprint = query.fingerprint(dataset.identity());
    let offset = match &query.cursor {
        None => 0,
        Some(c) => cursor::decode(c, fingerprint).ok_or_else(|| {
            search_query::invalid(vec![FieldError::new(
                "cursor",
                FieldErrorCode::InvalidFormat,
            )])
        })?,
    };
    let (searched, area, filter) = (index.clone(), query.area, query.filter.clone());
    let matches = state
        .results
        .get_or_compute(fingerprint, move || {
            let found = searched.search(area, &filter);
            found.into_iter().map(|(v, km)| (v.id, km)).collect()
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let total = matches.len();
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    if start > total {
        return Err(search_query::invalid(vec![FieldError::new(
            "cursor",
            FieldErrorCode::InvalidFormat,
        )]));
    }
    let end = start
        .saturating_add(usize::try_from(query.limit).unwrap_or(usize::MAX))
        .min(total);
    let items = matches
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .filter_map(|(id, km)| {
            let v = dataset.summary(*id)?;
            Some(VacancySummary {
                distance_km: Some(round_to_metre(*km)),
                ..v.clone()
            })
        })
        .collect();
    let next =
        (end < total).then(|| cursor::encode(u32::try_from(end).unwrap_or(u32::MAX), fingerprint));
    Ok(VacancyPage {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        items,
        next,
    })
}

/// Rounding is monotonic, so the rounded distances still read nearest first.
fn round_to_metre(km: f64) -> f64 {
    (km * 1000.0).round() / 1000.0
}

/// The full vacancy.
pub async fn detail(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<VacancyDetail>, ApiError> {
    let Path(raw) = id.map_err(|_| ApiError::InvalidPath("id"))?;
    let id: u32 = raw.parse().map_err(|_| ApiError::InvalidPath("id"))?;
    state
        .index
        .current()
        .dataset()
        .detail(id)
        .map(Json)
        .ok_or(ApiError::VacancyNotFound(id))
}
