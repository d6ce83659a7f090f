//! Distance + Dutch-level filter over 100,000 vacancies, the map's grid clustering of them, and
//! the counsellor desk's table (rows at the nearest of two towns, then sorted), and the
//! "one more level" counts per Dutch level.
//! Run: `cargo bench -p passerelle-core --bench filter`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use passerelle_core::api::{ApplyMode, ContractType, Regime, SharedText, VacancySummary};
use passerelle_core::cluster::{cluster, ClusterInput};
use passerelle_core::desk::{
    desk_rows, sort_rows, DeskState, SortColumn, SortDirection, TableSort,
};
use passerelle_core::filter::{search, SearchArea, VacancyFilter};
use passerelle_core::geo::{BoundingBox, Circle};
use passerelle_core::level_payoff::LevelCounts;
use passerelle_core::loading::{parse_page, CheckedPage, LoadedVacancies};
use passerelle_core::vacancy_index::{IndexQuery, VacancyIndex};
use passerelle_core::view_state::{MyDutch, ViewState};
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
    // Texts as real data has them: titles from a few hundred occupations, a third of them
    // with words of their own; a few thousand employers; a few hundred places. One copy of
    // each, as a load keeps them.
    let mut copies: std::collections::HashMap<String, SharedText> = Default::default();
    let mut shared = move |text: String| -> SharedText {
        copies
            .entry(text)
            .or_insert_with_key(|t| t.as_str().into())
            .clone()
    };
    (1..=n)
        .map(|id| VacancySummary {
            id,
            title: shared(match (next() * 3.0) as u32 {
                0 => format!(
                    "Elektrotechnicus {} ploegen ref {id}",
                    (next() * 4.0) as u32
                ),
                _ => format!("Technicus {}", (next() * 300.0) as u32),
            }),
            employer: shared(format!("Bouwbedrijf Peeters {}", (next() * 3000.0) as u32)),
            nis_code: "34022".into(),
            place: shared(format!("Kortrijk {}", (next() * 300.0) as u32)),
            lat: 50.68 + next() * 0.7,
            lon: 2.55 + next() * 3.3,
            dutch_level: Some(DutchLevel::ALL[(next() * 6.0) as usize % 6]),
            dutch_unstated: None,
            contract: ContractType::Permanent,
            contract_label: None,
            regime: Regime::FullTime,
            regime_label: None,
            bottleneck: next() < 0.7,
            occupation_code: Some(shared(format!("{}", 1000 + (next() * 40.0) as u32 * 200))),
            occupation_label: None,
            published: format!(
                "2026-{:02}-{:02}",
                1 + (next() * 12.0) as u32 % 12,
                1 + (next() * 28.0) as u32 % 28
            )
            .into(),
            apply_mode: ApplyMode::InApp,
            distance_km: None,
            source: None,
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
    // Issue 11's "core filter (distance + Dutch level) over 100k": the test each vacancy gets,
    // without the sort of what passes.
    let circle = Circle::new(mons.centre, mons.radius_km);
    let prepared = filter.prepare();
    c.bench_function(
        "filter 100k: 60 km around Mons + dutch_max medium (no sort)",
        |b| {
            b.iter(|| {
                black_box(&all)
                    .iter()
                    .filter(|v| {
                        circle.distance_if_inside(v.location()).is_some() && prepared.matches(v)
                    })
                    .count()
            })
        },
    );
    // The same test over a compact copy of what it reads (position and level, 17 bytes a
    // vacancy instead of a whole summary): how much of the time above is memory traffic.
    let compact: Vec<(LatLon, Option<DutchLevel>)> =
        all.iter().map(|v| (v.location(), v.dutch_level)).collect();
    c.bench_function(
        "filter 100k compact: position + level only (no sort)",
        |b| {
            b.iter(|| {
                black_box(&compact)
                    .iter()
                    .filter(|(at, level)| {
                        circle.distance_if_inside(*at).is_some()
                            && level.is_none_or(|l| l <= DutchLevel::Medium)
                    })
                    .count()
            })
        },
    );
    // What the app runs on a filter change: the load's index, distances worked out as pages
    // landed, a few bytes per vacancy in columns.
    let mut index = VacancyIndex::new(&[mons]);
    for v in &all {
        index.push(v);
    }
    let query = IndexQuery::new(&filter);
    c.bench_function(
        "filter 100k index: 60 km around Mons + dutch_max medium (no sort)",
        |b| {
            b.iter(|| {
                black_box(&index)
                    .select(&all, 0, mons.radius_km, &query)
                    .count()
            })
        },
    );
    for word in ["peeters", "e", "zz", "sa"] {
        let keyword = VacancyFilter {
            keyword: Some(word.into()),
            ..filter.clone()
        };
        let query = IndexQuery::new(&keyword);
        c.bench_function(&format!("filter 100k index: + keyword {word:?}"), |b| {
            b.iter(|| {
                black_box(&index)
                    .select(&all, 0, mons.radius_km, &query)
                    .count()
            })
        });
    }
    // The index keeps the last keyword's matches among its texts: alternating two keywords
    // makes every search a first one (a keystroke), the loop above a repeated one (another
    // filter changed under the same keyword).
    let typed: Vec<VacancyFilter> = ["peeters", "peeter"]
        .map(|word| VacancyFilter {
            keyword: Some(word.into()),
            ..filter.clone()
        })
        .into();
    let typed: Vec<IndexQuery> = typed.iter().map(IndexQuery::new).collect();
    let mut turn = 0;
    c.bench_function("filter 100k index: + keyword, a new one each time", |b| {
        b.iter(|| {
            turn ^= 1;
            black_box(&index)
                .select(&all, 0, mons.radius_km, &typed[turn])
                .count()
        })
    });
    c.bench_function("index 100k: build as pages land", |b| {
        b.iter(|| {
            let mut index = VacancyIndex::new(&[mons]);
            for v in black_box(&all) {
                index.push(v);
            }
            index.len()
        })
    });
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
        .map(|v| ClusterInput::new(v.location(), 0))
        .collect();
    let view = BoundingBox {
        min: LatLon::new(49.9, 2.5),
        max: LatLon::new(51.5, 6.0),
    };
    c.bench_function("cluster 100k at zoom 9", |b| {
        b.iter(|| cluster(black_box(&inputs), 9.0, &view, 56.0).len())
    });
}

fn desk(c: &mut Criterion) {
    let all = vacancies(100_000);
    let (state, _) = DeskState::from_query([("town", "57081"), ("town", "63023")]);
    let areas = state.search_areas();
    let filter = state.filter();
    c.bench_function("desk 100k: rows at the nearest of Tournai and Eupen", |b| {
        b.iter(|| desk_rows(black_box(&all), &areas, &filter).len())
    });
    let rows = desk_rows(&all, &areas, &filter);
    for column in [
        SortColumn::Distance,
        SortColumn::Published,
        SortColumn::Occupation,
    ] {
        let sort = TableSort {
            column,
            direction: SortDirection::Descending,
        };
        c.bench_function(
            &format!("desk: sort {} rows by {}", rows.len(), column.as_str()),
            |b| {
                b.iter(|| {
                    let mut rows = rows.clone();
                    sort_rows(&mut rows, black_box(&all), sort);
                    rows.first().map(|r| r.index)
                })
            },
        );
    }
}

fn level_payoff(c: &mut Criterion) {
    let all = vacancies(100_000);
    let (state, _) = ViewState::from_query([("town", "53053"), ("level", "basic")]);
    let homes = [SearchArea::new(LatLon::new(50.45413, 3.95229), 60.0)];
    c.bench_function("level payoff 100k: counts per level around Mons", |b| {
        b.iter(|| {
            LevelCounts::of(black_box(&all), &homes, &state)
                .payoff(MyDutch::Level(DutchLevel::Basic))
        })
    });
    let keyword = ViewState {
        keyword: "peeters".into(),
        ..state.clone()
    };
    c.bench_function("level payoff 100k: + keyword", |b| {
        b.iter(|| LevelCounts::of(black_box(&all), &homes, &keyword).total())
    });
    let mut load = LoadedVacancies::new(homes);
    load.accept(
        0,
        CheckedPage {
            total: all.len() as u32,
            items: all,
            next: None,
            dropped: 0,
        },
    )
    .expect("one page");
    for (name, state) in [("", &state), (" + keyword", &keyword)] {
        c.bench_function(&format!("level payoff 100k index{name}"), |b| {
            b.iter(|| {
                let mut counts = LevelCounts::default();
                counts.count_loaded(black_box(&load), 0, state);
                counts.total()
            })
        });
    }
}

/// A page of 1,000 as the app receives it: checked item by item.
fn page_parse(c: &mut Criterion) {
    let items = vacancies(1_000);
    let json = serde_json::json!({ "total": 100_000, "items": items, "next": "c1" }).to_string();
    c.bench_function("parse a page of 1,000 vacancies", |b| {
        b.iter(|| parse_page(black_box(&json)).map(|p| p.items.len()))
    });
}

criterion_group!(benches, bench, desk, level_payoff, page_parse);
criterion_main!(benches);
