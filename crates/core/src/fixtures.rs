//! Sample values for tests of this crate and of its users (feature `fixtures`).

use crate::api::{ApplyMode, ContractType, Regime, VacancySummary};
use crate::loading::CheckedPage;
use crate::{haversine_km, DutchLevel, LatLon};

/// A plain vacancy in Kortrijk asking basic Dutch, distinguished by its id.
pub fn vacancy(id: u32) -> VacancySummary {
    VacancySummary {
        id,
        title: format!("Job {id}").into(),
        employer: "Staalbouw".into(),
        nis_code: "34022".into(),
        place: "Kortrijk".into(),
        lat: 50.83,
        lon: 3.26,
        dutch_level: Some(DutchLevel::Basic),
        dutch_unstated: None,
        contract: ContractType::Permanent,
        contract_label: None,
        regime: Regime::FullTime,
        regime_label: None,
        bottleneck: false,
        occupation_code: Some("7212".into()),
        occupation_label: None,
        published: "2026-11-20".into(),
        apply_mode: ApplyMode::InApp,
        distance_km: None,
        source: None,
    }
}

/// `count` deterministic vacancies scattered up to ~50 km around `home` with every level,
/// contract and regime, in pages of `per_page` sorted nearest first as the API sends them.
pub fn pages_around(home: LatLon, count: u32, per_page: usize) -> Vec<CheckedPage> {
    let mut all: Vec<VacancySummary> = (1..=count)
        .map(|id| {
            let spread = f64::from(id.wrapping_mul(2_654_435_761) % 1000) / 1000.0;
            let angle = f64::from(id) * 2.399;
            VacancySummary {
                id,
                title: if id % 3 == 0 { "Lasser" } else { "Kok" }.into(),
                employer: "Bedrijf".into(),
                nis_code: "34022".into(),
                place: "Kortrijk".into(),
                lat: home.lat + 0.5 * spread * angle.sin(),
                lon: home.lon + 0.8 * spread * angle.cos(),
                dutch_level: Some(DutchLevel::ALL[(id % 6) as usize]),
                dutch_unstated: None,
                contract: ContractType::ALL[(id % 4) as usize],
                contract_label: None,
                regime: Regime::ALL[(id % 2) as usize],
                regime_label: None,
                bottleneck: id % 5 == 0,
                occupation_code: Some("7212".into()),
                occupation_label: None,
                published: "2026-11-20".into(),
                apply_mode: ApplyMode::InApp,
                distance_km: None,
                source: None,
            }
        })
        .collect();
    all.sort_by(|a, b| {
        haversine_km(home, a.location()).total_cmp(&haversine_km(home, b.location()))
    });
    let chunks: Vec<Vec<VacancySummary>> = all.chunks(per_page).map(<[_]>::to_vec).collect();
    let last = chunks.len() - 1;
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, items)| CheckedPage {
            total: count,
            items,
            next: (i < last).then(|| format!("c{i}")),
            dropped: 0,
        })
        .collect()
}
