//! The Le Forem source against a fake portal (no network): what a sync keeps, drops and merges,
//! how it survives a busy, failing or garbled portal, and what the API then serves.

mod portal_faults;
mod serving;
mod sync;

use passerelle_api::calendar::Date;
use passerelle_api::dataset::Dataset;
use passerelle_api::forem::fake_portal::FakePortal;
use passerelle_api::forem::{ClientOptions, ForemClient, ForemSource, OfferStore};
use passerelle_api::index::{LiveIndex, VacancyIndex};
use passerelle_core::retry::RetryPolicy;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

/// The day the fixtures were written for: every fixture offer but one is still published.
pub const TODAY: Date = Date::new(2026, 12, 1);

/// What the fixture file holds (see `tests/fixtures/forem/offers.json`).
pub const FIXTURE_RECORDS: u32 = 46;
/// Flemish, readable, current, linked and not a relay of another.
pub const FIXTURE_KEPT: u32 = 35;
/// One VDAB reference relayed twice, one title+employer+place from a job board.
pub const FIXTURE_MERGED: u32 = 2;

pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forem/offers.json")
}

pub fn fixture_records() -> Vec<Value> {
    FakePortal::records_from_file(&fixture_path()).expect("fixture file")
}

/// A fake portal serving the fixtures, and its base URL.
pub async fn fake_portal() -> (Arc<FakePortal>, String) {
    let portal = FakePortal::new(fixture_records());
    let addr = portal
        .clone()
        .serve(([127, 0, 0, 1], 0).into())
        .await
        .expect("bind the fake portal");
    (portal, format!("http://{addr}"))
}

/// Client options for tests: no pause between windows, short backoff, few retries.
pub fn fast_options(url: &str) -> ClientOptions {
    ClientOptions {
        pause_between_requests: Duration::ZERO,
        retry: RetryPolicy {
            retries: 3,
            first_pause: Duration::from_millis(10),
            max_pause: Duration::from_millis(40),
        },
        timeout: Duration::from_secs(20),
        ..ClientOptions::new(url)
    }
}

/// A source over `url` storing in `dir`, serving nothing until it syncs or restores.
pub fn source_in(dir: &TempDir, url: &str) -> Arc<ForemSource> {
    let empty = Dataset::imported("forem:test-empty".to_owned(), Vec::new());
    let index = Arc::new(LiveIndex::new(VacancyIndex::new(empty)));
    let store = OfferStore::open(&dir.path().join("passerelle.sqlite3")).expect("open store");
    Arc::new(ForemSource::new(ForemClient::new(fast_options(url)), store, index).with_today(TODAY))
}

/// The ids the source serves now, in storage order.
pub fn served_ids(source: &ForemSource) -> Vec<u32> {
    let index = source.index().current();
    index.dataset().summaries().iter().map(|v| v.id).collect()
}
