//! Typed calls to the Passerelle JSON API (see `openapi.yaml`).

use super::http::{get_json, send_json};
use super::ApiError;
use gloo_net::http::Request;
use passerelle_core::api::{
    ApplicationReceipt, ApplicationRequest, VacancyDetail, VacancyPage, VacancySummary,
    IDEMPOTENCY_KEY_HEADER, MAX_PAGE_LIMIT,
};
use passerelle_core::filter::SearchArea;

/// How far a multi-page load has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadProgress {
    pub loaded: usize,
    pub total: usize,
}

/// The API at one base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn new(base: impl Into<String>) -> Self {
        Self { base: base.into() }
    }

    /// One page of the vacancies within `area`, nearest first.
    pub async fn vacancies_page(
        &self,
        area: SearchArea,
        cursor: Option<&str>,
    ) -> Result<VacancyPage, ApiError> {
        let limit = MAX_PAGE_LIMIT.to_string();
        let (lat, lon, radius) = (
            format!("{:.5}", area.centre.lat),
            format!("{:.5}", area.centre.lon),
            format!("{}", area.radius_km),
        );
        let mut params = vec![
            ("lat", lat.as_str()),
            ("lon", lon.as_str()),
            ("radius_km", radius.as_str()),
            ("limit", limit.as_str()),
        ];
        if let Some(cursor) = cursor {
            params.push(("cursor", cursor));
        }
        get_json(Request::get(&format!("{}/vacancies", self.base)).query(params)).await
    }

    /// Every vacancy within `area`, following the `next` cursors and reporting progress after each page.
    ///
    /// On a failed page, what arrived so far is returned with the error, so the UI keeps showing it.
    pub async fn all_vacancies(
        &self,
        area: SearchArea,
        mut on_progress: impl FnMut(LoadProgress, &[VacancySummary]),
    ) -> Result<Vec<VacancySummary>, (Vec<VacancySummary>, ApiError)> {
        let mut items: Vec<VacancySummary> = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = match self.vacancies_page(area, cursor.as_deref()).await {
                Ok(page) => page,
                Err(e) => return Err((items, e)),
            };
            items.extend(page.items);
            on_progress(
                LoadProgress {
                    loaded: items.len(),
                    total: page.total as usize,
                },
                &items,
            );
            match page.next {
                // A server that repeats a cursor would loop forever; treat it as malformed.
                Some(next) if Some(&next) == cursor.as_ref() => {
                    return Err((
                        items,
                        ApiError::Malformed("the API repeated a cursor".into()),
                    ))
                }
                Some(next) => cursor = Some(next),
                None => return Ok(items),
            }
        }
    }

    /// The full vacancy.
    pub async fn vacancy(&self, id: u32) -> Result<VacancyDetail, ApiError> {
        get_json(Request::get(&format!("{}/vacancies/{id}", self.base))).await
    }

    /// Sends an application; the same `idempotency_key` again returns the same receipt.
    pub async fn apply(
        &self,
        application: &ApplicationRequest,
        idempotency_key: &str,
    ) -> Result<ApplicationReceipt, ApiError> {
        let request = Request::post(&format!("{}/applications", self.base))
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key);
        send_json(request, application).await
    }
}
