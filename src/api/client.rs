//! Typed calls to the Passerelle JSON API (see `openapi.yaml`).

use super::http::{get_text, send_json};
use super::ApiError;
use gloo_net::http::Request;
use passerelle_core::api::{
    ApplicationReceipt, ApplicationRequest, VacancyDetail, IDEMPOTENCY_KEY_HEADER, MAX_PAGE_LIMIT,
};
use passerelle_core::filter::SearchArea;
use passerelle_core::loading::{parse_detail, parse_page, CheckedPage};

/// The API at one base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn new(base: impl Into<String>) -> Self {
        Self { base: base.into() }
    }

    /// The base URL, as configured (the zone CSV names its source).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// One page of the vacancies within `area`, nearest first, checked item by item.
    pub async fn vacancies_page(
        &self,
        area: SearchArea,
        cursor: Option<&str>,
    ) -> Result<CheckedPage, ApiError> {
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
        let text =
            get_text(Request::get(&format!("{}/vacancies", self.base)).query(params)).await?;
        parse_page(&text).map_err(|e| ApiError::Malformed(e.to_string()))
    }

    /// The full vacancy, held to the list's standard (see `passerelle_core::loading::parse_detail`).
    pub async fn vacancy(&self, id: u32) -> Result<VacancyDetail, ApiError> {
        let text = get_text(Request::get(&format!("{}/vacancies/{id}", self.base))).await?;
        parse_detail(&text).map_err(|e| ApiError::Malformed(e.to_string()))
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
