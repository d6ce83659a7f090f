//! Sample values for tests of this crate and of its users (feature `fixtures`).

use crate::api::{ApplyMode, ContractType, Regime, VacancySummary};
use crate::DutchLevel;

/// A plain vacancy in Kortrijk asking basic Dutch, distinguished by its id.
pub fn vacancy(id: u32) -> VacancySummary {
    VacancySummary {
        id,
        title: format!("Job {id}"),
        employer: "Staalbouw".into(),
        nis_code: "34022".into(),
        place: "Kortrijk".into(),
        lat: 50.83,
        lon: 3.26,
        dutch_level: DutchLevel::Basic,
        contract: ContractType::Permanent,
        regime: Regime::FullTime,
        bottleneck: false,
        occupation_code: "7212".into(),
        published: "2026-11-20".into(),
        apply_mode: ApplyMode::InApp,
        distance_km: None,
    }
}
