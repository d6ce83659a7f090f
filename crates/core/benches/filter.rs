//! Distance + Dutch-level filter over 100,000 vacancies, and the map's grid clustering of them.
//! Run: `cargo bench -p passerelle-core --bench filter`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use passerelle_core::api::{ApplyMode, ContractType, Regime, VacancySummary};
use passerelle_core::cluster::{cluster, ClusterInput};
use passerelle_core::filter::{search, SearchArea, VacancyFilter};
use passerelle_core::geo::BoundingBox;
use passerelle_core::{DutchLevel, LatLon};

/// 100,000 vacancies spread over Flanders' bounding box, deterministic (a tiny LCG).
fn vacancies(n: u32) -> Vec<VacancySummary> {
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (1..=n)
        .map(|id| VacancySummary {
            id,
            title: "Elektrotechnicus".into(),
            employer: "Bouwbedrijf Peeters".into(),
            nis_code: "34022".into(),
            place: "Kortrijk".into(),
            lat: 50.68 + next() * 0.7,
            lon: 2.55 + next() * 3.3,
            dutch_level: DutchLevel::ALL[(next() * 6.0) as usize % 6],
            contract: ContractType::Permanent,
            regime: Regime::FullTime,
            bottleneck: next() < 0.7,
            occupation_code: "7411".into(),
            published: "2026-11-01".into(),
            apply_mode: ApplyMode::InApp,
            distance_km: None,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let all = vacancies(100_000);
    let mons = SearchArea::new(LatLon::new(50.45413, 3.95229), 60.0);
    let filter = VacancyFilter {
        dutch_max: Some(DutchLevel::Medium),
        ..Default::default()
    };
    c.bench_function("search 100k: 60 km around Mons, dutch_max medium", |b| {
        b.iter(|| search(black_box(&all), mons, &filter).len())
    });
    let keyword = VacancyFilter {
        keyword: Some("peeters".into()),
        ..filter.clone()
    };
    c.bench_function("search 100k: + keyword", |b| {
        b.iter(|| search(black_box(&all), mons, &keyword).len())
    });

    let inputs: Vec<ClusterInput> = all
        .iter()
        .map(|v| ClusterInput {
            location: v.location(),
            class: 0,
        })
        .collect();
    let view = BoundingBox {
        min: LatLon::new(49.9, 2.5),
        max: LatLon::new(51.5, 6.0),
    };
    c.bench_function("cluster 100k at zoom 9", |b| {
        b.iter(|| cluster(black_box(&inputs), 9.0, &view, 56.0).len())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
