//! A 60 km search over 200,000 vacancies: the largest dataset and the app's default radius.
//!
//! `cargo bench -p passerelle-api --bench search`

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_api::dataset::Dataset;
use passerelle_api::index::VacancyIndex;
use passerelle_api::result_cache::ResultCache;
use passerelle_api::routes::vacancies::page;
use passerelle_api::search_query::SearchQuery;
use passerelle_api::store::ApplicationStore;
use passerelle_api::AppState;
use passerelle_core::filter::{SearchArea, VacancyFilter};
use passerelle_core::{DutchLevel, LatLon};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

/// Places a Walloon jobseeker might live: near the border (Wavre), mid-way (Mons), far (Namur).
const HOMES: [(&str, LatLon); 3] = [
    ("wavre", LatLon::new(50.7167, 4.6011)),
    ("mons", LatLon::new(50.4542, 3.9567)),
    ("namur", LatLon::new(50.4669, 4.8675)),
];

fn search(c: &mut Criterion) {
    let started = Instant::now();
    let dataset = Dataset::generate(200_000, 42);
    let generated = started.elapsed();
    let index = Arc::new(VacancyIndex::new(dataset));
    eprintln!(
        "generate 200,000: {generated:?}; index: {:?}",
        started.elapsed() - generated
    );
    let dir = tempfile::TempDir::new().expect("temporary folder");
    let store = ApplicationStore::open(&dir.path().join("bench.sqlite3")).expect("store");
    let cached = AppState::new(index.clone(), store);
    // Capacity zero: every request searches anew, as a first page does.
    let uncached = AppState {
        results: Arc::new(ResultCache::new(0)),
        ..cached.clone()
    };
    let first_page = |lat: f64, lon: f64| {
        SearchQuery::parse(&[
            ("lat".into(), lat.to_string()),
            ("lon".into(), lon.to_string()),
            ("radius_km".into(), "60".into()),
        ])
        .expect("valid query")
    };

    // `page` searches on the blocking pool, so it needs a runtime.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");

    let mut group = c.benchmark_group("search_60km_200k");
    for (name, home) in HOMES {
        let area = SearchArea::new(home, 60.0);
        let found = index.search(area, &VacancyFilter::default()).len();
        eprintln!("{name}: {found} vacancies within 60 km");
        group.bench_function(format!("{name}_all"), |b| {
            b.iter(|| {
                black_box(
                    index
                        .search(black_box(area), &VacancyFilter::default())
                        .len(),
                )
            })
        });
        let filter = VacancyFilter {
            dutch_max: Some(DutchLevel::Basic),
            ..VacancyFilter::default()
        };
        group.bench_function(format!("{name}_dutch_max_basic"), |b| {
            b.iter(|| black_box(index.search(black_box(area), &filter).len()))
        });
        // What a request does short of HTTP: search, cut a page of 500, copy it out. A first page
        // searches; the following pages of the same query slice the cached result.
        let query = first_page(home.lat, home.lon);
        group.bench_function(format!("{name}_first_page"), |b| {
            b.iter(|| {
                black_box(
                    runtime
                        .block_on(page(&uncached, black_box(&query)))
                        .map(|p| p.items.len()),
                )
            })
        });
        group.bench_function(format!("{name}_next_page"), |b| {
            b.iter(|| {
                black_box(
                    runtime
                        .block_on(page(&cached, black_box(&query)))
                        .map(|p| p.items.len()),
                )
            })
        });
    }
    group.finish();
}

/// A hostile query string: 100,000 copies of one parameter (seconds when the duplicate check
/// was quadratic; the parse must stay linear).
fn long_query(c: &mut Criterion) {
    let mut pairs: Vec<(String, String)> = vec![
        ("lat".into(), "50.7".into()),
        ("lon".into(), "4.6".into()),
        ("radius_km".into(), "60".into()),
    ];
    pairs.extend(std::iter::repeat_n(("limit".into(), "5".into()), 100_000));
    c.bench_function("parse_100k_repeated_parameters", |b| {
        b.iter(|| black_box(SearchQuery::parse(black_box(&pairs)).is_err()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = search, long_query
}
criterion_main!(benches);
