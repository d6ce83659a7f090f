//! The JSON API's data types (see `openapi.yaml`), shared by the app and the stand-in API.
//!
//! Response types tolerate unknown fields (a newer API may add some); request types the
//! stand-in API receives deny them, so a typo in a field name is an error, not silently lost data.

use crate::dutch::DutchLevel;
use serde::{Deserialize, Serialize};

/// The API path prefix under a deployment's base URL.
pub const API_PREFIX: &str = "/api/v1";
/// Largest page the vacancy search returns.
pub const MAX_PAGE_LIMIT: u32 = 1000;
/// Default page size.
pub const DEFAULT_PAGE_LIMIT: u32 = 500;
/// Largest search radius the API accepts, in km.
pub const MAX_RADIUS_KM: f64 = 200.0;
/// The header that makes `POST /applications` safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Contract type of a vacancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    /// Open-ended contract (vast contract / CDI).
    Permanent,
    /// Fixed-term contract (bepaalde duur / CDD).
    FixedTerm,
    /// Temporary agency work (interim).
    Interim,
    /// Work-study or apprenticeship.
    Apprenticeship,
    /// A label the source uses that maps to none of the above (kept in `contract_label`).
    Other,
}

impl ContractType {
    pub const ALL: [ContractType; 5] = [
        ContractType::Permanent,
        ContractType::FixedTerm,
        ContractType::Interim,
        ContractType::Apprenticeship,
        ContractType::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ContractType::Permanent => "permanent",
            ContractType::FixedTerm => "fixed_term",
            ContractType::Interim => "interim",
            ContractType::Apprenticeship => "apprenticeship",
            ContractType::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Working-time regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    FullTime,
    PartTime,
    /// A label the source uses that maps to neither (kept in `regime_label`).
    Other,
}

impl Regime {
    pub const ALL: [Regime; 3] = [Regime::FullTime, Regime::PartTime, Regime::Other];

    pub const fn as_str(self) -> &'static str {
        match self {
            Regime::FullTime => "full_time",
            Regime::PartTime => "part_time",
            Regime::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// How a vacancy takes applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplyMode {
    /// Through `POST /applications`.
    InApp,
    /// On the employer's own site (`apply_url` in the detail).
    External,
}

/// Why a vacancy states no Dutch level (its `dutch_level` is `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutchUnstated {
    /// The source says Dutch is asked, but not at which level.
    DutchAsked,
    /// The source states no language requirement at all.
    NoLanguageStated,
}

/// What a vacancy asks of Dutch: a level on VDAB's scale, or nothing stated (Le Forem's offers,
/// whose languages come without a level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DutchAsk {
    Level(DutchLevel),
    Unstated(DutchUnstated),
}

impl DutchAsk {
    pub const fn level(self) -> Option<DutchLevel> {
        match self {
            DutchAsk::Level(level) => Some(level),
            DutchAsk::Unstated(_) => None,
        }
    }
}

/// Where a vacancy comes from, when it is not the API's own data; drives the attribution line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VacancySource {
    /// Le Forem's open data (CC BY-SA 4.0).
    Forem,
}

/// A vacancy's text that many vacancies share (an employer, a place, a date): a loaded list
/// keeps one copy of each (see [`crate::loading::LoadedVacancies`]), which at 100,000
/// vacancies is most of their memory.
pub type SharedText = std::sync::Arc<str>;

/// One vacancy in a search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacancySummary {
    pub id: u32,
    /// Job title, in the vacancy's own language (Dutch).
    pub title: SharedText,
    pub employer: SharedText,
    /// REFNIS code of the workplace's municipality.
    pub nis_code: SharedText,
    /// Place label as the employer wrote it.
    pub place: SharedText,
    pub lat: f64,
    pub lon: f64,
    /// `None` when the source states no level; [`Self::dutch`] says why.
    pub dutch_level: Option<DutchLevel>,
    /// Present exactly when `dutch_level` is `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dutch_unstated: Option<DutchUnstated>,
    pub contract: ContractType,
    /// The source's own label, when `contract` is [`ContractType::Other`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_label: Option<String>,
    pub regime: Regime,
    /// The source's own label, when `regime` is [`Regime::Other`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime_label: Option<String>,
    /// On VDAB's list of bottleneck occupations (knelpuntberoepen).
    pub bottleneck: bool,
    /// ISCO-08 occupation code (4 digits); `None` when the source's occupation has no mapping.
    pub occupation_code: Option<SharedText>,
    /// The source's own occupation name, in the vacancy's language, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation_label: Option<SharedText>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: SharedText,
    pub apply_mode: ApplyMode,
    /// Great-circle distance from the search point, in km; absent outside a search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// Absent for the API's own data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<VacancySource>,
}

impl VacancySummary {
    pub fn location(&self) -> crate::LatLon {
        crate::LatLon::new(self.lat, self.lon)
    }

    /// What the vacancy asks of Dutch. A null level without a reason reads as "no language
    /// stated", the weaker claim.
    pub fn dutch(&self) -> DutchAsk {
        match self.dutch_level {
            Some(level) => DutchAsk::Level(level),
            None => DutchAsk::Unstated(
                self.dutch_unstated
                    .unwrap_or(DutchUnstated::NoLanguageStated),
            ),
        }
    }

    /// The language of the vacancy's own text (title, employer's words): Le Forem relays
    /// Flemish offers in French; everything else is Dutch.
    pub fn text_lang(&self) -> &'static str {
        match self.source {
            Some(VacancySource::Forem) => "fr",
            None => "nl",
        }
    }

    /// The occupation's code, or "" when the source's occupation has none (sorts and groups
    /// such vacancies together).
    pub fn occupation_key(&self) -> &str {
        self.occupation_code.as_deref().unwrap_or("")
    }
}

/// A language the vacancy asks for, on VDAB's same six-step scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageRequirement {
    /// ISO 639-1 code (`nl`, `fr`, `en`, `de`).
    pub language: String,
    /// `None`: the language is asked, its level not stated.
    pub level: Option<DutchLevel>,
}

/// The full vacancy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacancyDetail {
    #[serde(flatten)]
    pub summary: VacancySummary,
    /// Plain text (never HTML); paragraphs separated by blank lines. Empty when the source has
    /// none (Le Forem's offers): the app then points to the full offer.
    pub description: String,
    /// ISO 639-1 code of the language the vacancy is written in.
    pub content_language: String,
    pub languages: Vec<LanguageRequirement>,
    /// `None` when the source does not state it.
    pub hours_per_week: Option<f32>,
    /// The employer's application page, for external-apply vacancies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_url: Option<String>,
}

/// One page of a vacancy search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacancyPage {
    /// Every match for the query, over all pages.
    pub total: u32,
    pub items: Vec<VacancySummary>,
    /// Opaque cursor for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// An application sent through the app.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    #[serde(deserialize_with = "integral_u32")]
    pub vacancy_id: u32,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The applicant's own Dutch level; absent for "I don't know".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dutch_level: Option<DutchLevel>,
    /// Forem registration number, if the applicant is registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forem_number: Option<String>,
    #[serde(default)]
    pub message: String,
    pub consent: bool,
}

/// A `u32` written as any JSON number with an integral value: `openapi.yaml` says `type:
/// integer`, and JSON Schema counts `72.0` as the integer 72, so refusing it would break the
/// contract. Fractions, negatives and values past `u32::MAX` are still refused.
fn integral_u32<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    struct Integral;
    impl serde::de::Visitor<'_> for Integral {
        type Value = u32;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an integer from 0 to 4294967295")
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u32, E> {
            u32::try_from(v)
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<u32, E> {
            if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                // Integral and in range, so the cast is exact.
                Ok(v as u32)
            } else {
                Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
            }
        }
    }
    deserializer.deserialize_any(Integral)
}

/// The API's receipt for a stored application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationReceipt {
    /// Human-readable reference, e.g. `PAS-2026-000123`.
    pub reference: String,
    /// RFC 3339 timestamp.
    pub received_at: String,
}

/// What is wrong with one field (the UI translates the code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    InvalidEmail,
    InvalidPhone,
    InvalidFormat,
    ConsentRequired,
    UnknownVacancy,
    NotInApp,
    /// A code this client does not know yet (a newer API).
    #[serde(other)]
    Unknown,
}

/// An error on one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: FieldErrorCode) -> Self {
        Self {
            field: field.to_owned(),
            code,
        }
    }
}

/// RFC 9457 problem details (`application/problem+json`), with per-field errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type", default = "Problem::blank_type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    fn blank_type() -> String {
        "about:blank".to_owned()
    }

    pub fn new(status: u16, problem_type: &str, title: &str) -> Self {
        Self {
            problem_type: problem_type.to_owned(),
            title: title.to_owned(),
            status,
            detail: None,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }
}

/// `GET /health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub vacancies: u32,
    /// The real-data source the vacancies come from; absent for the generated dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<VacancySource>,
    /// How the real-data source's syncs went; absent for the generated dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync: Option<SyncHealth>,
}

/// The state of a real-data source's sync. The counts are those of the last good sync, whose
/// data is served: a failed sync changes nothing served and only sets `last_sync_error`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyncHealth {
    /// When the data served was synced (RFC 3339); absent before the first good sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<String>,
    /// When the last sync started, good or not (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<String>,
    /// Why the last sync failed; absent when it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_error: Option<String>,
    /// A sync is running now.
    #[serde(default)]
    pub running: bool,
    /// Records the portal returned.
    #[serde(default)]
    pub fetched: u32,
    /// Offers served.
    #[serde(default)]
    pub kept: u32,
    /// Records shown as one with an earlier offer (the same offer relayed twice).
    #[serde(default)]
    pub merged: u32,
    /// Records not served (outside Flanders, expired, unreadable…).
    #[serde(default)]
    pub dropped: u32,
    /// `dropped` by reason.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub dropped_by_reason: std::collections::BTreeMap<String, u32>,
    /// Offers served by how their point was found: `geo`, `postal_code`, `locality`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub located_by: std::collections::BTreeMap<String, u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> VacancySummary {
        VacancySummary {
            title: "Lasser".into(),
            employer: "Staalbouw Vandenberghe".into(),
            bottleneck: true,
            distance_km: Some(12.5),
            ..crate::fixtures::vacancy(7)
        }
    }

    #[test]
    fn detail_flattens_the_summary_and_round_trips() {
        let detail = VacancyDetail {
            summary: summary(),
            description: "Wij zoeken…".into(),
            content_language: "nl".into(),
            languages: vec![LanguageRequirement {
                language: "fr".into(),
                level: Some(DutchLevel::Good),
            }],
            hours_per_week: Some(38.0),
            apply_url: None,
        };
        let json = serde_json::to_value(&detail).unwrap();
        assert_eq!(json["title"], "Lasser");
        assert_eq!(json["dutch_level"], "basic");
        assert!(json.get("summary").is_none());
        assert_eq!(
            serde_json::from_value::<VacancyDetail>(json).unwrap(),
            detail
        );
    }

    #[test]
    fn a_null_level_reads_as_unstated_with_its_reason() {
        let mut json = serde_json::to_value(summary()).unwrap();
        json["dutch_level"] = serde_json::Value::Null;
        let v: VacancySummary = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(
            v.dutch(),
            DutchAsk::Unstated(DutchUnstated::NoLanguageStated),
            "no reason given: the weaker claim"
        );
        json["dutch_unstated"] = "dutch_asked".into();
        let v: VacancySummary = serde_json::from_value(json).unwrap();
        assert_eq!(v.dutch(), DutchAsk::Unstated(DutchUnstated::DutchAsked));
        assert_eq!(v.dutch().level(), None);
        let back = serde_json::to_value(&v).unwrap();
        assert!(
            back["dutch_level"].is_null(),
            "null is written, not left out"
        );
        assert_eq!(back["dutch_unstated"], "dutch_asked");
    }

    #[test]
    fn responses_tolerate_unknown_fields_from_a_newer_api() {
        let mut json = serde_json::to_value(summary()).unwrap();
        json["salary"] = serde_json::json!("3000");
        assert!(serde_json::from_value::<VacancySummary>(json).is_ok());
    }

    #[test]
    fn application_requests_reject_unknown_fields() {
        let json = serde_json::json!({
            "vacancy_id": 1, "first_name": "A", "last_name": "B", "email": "a@b.be",
            "consent": true, "emial": "typo"
        });
        assert!(serde_json::from_value::<ApplicationRequest>(json).is_err());
    }

    /// openapi.yaml's `type: integer` counts 72.0 as 72; the stand-in refused it (the contract
    /// validator of the API tests found the drift).
    #[test]
    fn a_vacancy_id_is_any_integral_number_within_u32() {
        let with_id = |id: serde_json::Value| {
            serde_json::from_value::<ApplicationRequest>(serde_json::json!({
                "vacancy_id": id, "first_name": "A", "last_name": "B",
                "email": "a@b.be", "consent": true
            }))
            .map(|r| r.vacancy_id)
            .ok()
        };
        assert_eq!(with_id(serde_json::json!(72)), Some(72));
        assert_eq!(with_id(serde_json::json!(72.0)), Some(72));
        assert_eq!(with_id(serde_json::json!(4_294_967_295u64)), Some(u32::MAX));
        assert_eq!(with_id(serde_json::json!(4_294_967_295.0)), Some(u32::MAX));
        for refused in [
            serde_json::json!(72.5),
            serde_json::json!(-1),
            serde_json::json!(-1.0),
            serde_json::json!(4_294_967_296u64),
            serde_json::json!(4_294_967_296.0),
            serde_json::json!("72"),
            serde_json::json!(null),
        ] {
            assert_eq!(with_id(refused.clone()), None, "{refused}");
        }
    }

    #[test]
    fn unknown_field_error_codes_from_a_newer_api_still_parse() {
        let e: FieldError = serde_json::from_str(r#"{"field":"x","code":"brand_new"}"#).unwrap();
        assert_eq!(e.code, FieldErrorCode::Unknown);
    }

    #[test]
    fn problem_uses_the_rfc_9457_type_member() {
        let p = Problem::new(422, "/problems/validation", "Invalid application")
            .with_errors(vec![FieldError::new("email", FieldErrorCode::InvalidEmail)]);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "/problems/validation");
        assert_eq!(json["errors"][0]["code"], "invalid_email");
    }
}
