//! The sync: fetch every window, map and deduplicate, store, then swap the served index in one
//! step. One sync runs at a time; a failed one changes nothing served and says why in `/health`.

use super::client::{windows, FetchError, ForemClient};
use super::dedup::deduplicate;
use super::offer::{DropReason, ForemOffer};
use super::store::{OfferStore, Stored};
use crate::calendar::{Date, UtcTimestamp};
use crate::dataset::Dataset;
use crate::index::{LiveIndex, VacancyIndex};
use crate::store::StoreError;
use passerelle_core::api::SyncHealth;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a successful sync found (stored with its offers, shown in `/health`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncReport {
    /// When the sync ended (RFC 3339).
    pub finished_at: String,
    /// Records the portal returned.
    pub fetched: u32,
    /// Offers served.
    pub kept: u32,
    /// Flemish offers shown once for several records.
    pub merged: u32,
    /// Records not served, by reason (`wallonia`, `unreadable`…).
    pub dropped: BTreeMap<String, u32>,
    /// Offers served, by how their point was found (`geo`, `postal_code`, `locality`).
    pub located_by: BTreeMap<String, u32>,
}

/// Why a sync served nothing new.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("cannot store the offers: {0}")]
    Store(#[from] StoreError),
    /// A portal that suddenly has no Flemish offer at all is more likely broken than right.
    #[error("the portal returned no Flemish offer; the last good data is kept")]
    Empty,
    #[error("the sync task failed: {0}")]
    Task(String),
}

/// What [`ForemSource::sync`] did.
#[derive(Debug)]
pub enum SyncOutcome {
    Replaced(SyncReport),
    Failed(String),
    /// Another sync was running: nothing was asked of the portal.
    AlreadyRunning,
}

#[derive(Debug, Default)]
struct Status {
    last_good: Option<SyncReport>,
    last_attempt: Option<String>,
    last_error: Option<String>,
    running: bool,
}

/// The Le Forem source: its client, its stored offers, and the index it feeds.
pub struct ForemSource {
    client: ForemClient,
    store: Arc<OfferStore>,
    index: Arc<LiveIndex>,
    status: Mutex<Status>,
    one_at_a_time: tokio::sync::Mutex<()>,
    /// Fixed in tests; the clock's UTC date otherwise.
    today: Option<Date>,
}

impl ForemSource {
    pub fn new(client: ForemClient, store: OfferStore, index: Arc<LiveIndex>) -> Self {
        Self {
            client,
            store: Arc::new(store),
            index,
            status: Mutex::new(Status::default()),
            one_at_a_time: tokio::sync::Mutex::new(()),
            today: None,
        }
    }

    /// The index this source replaces at each good sync.
    pub fn index(&self) -> Arc<LiveIndex> {
        self.index.clone()
    }

    /// Decides expiry and date windows as if today were `today`.
    pub fn with_today(mut self, today: Date) -> Self {
        self.today = Some(today);
        self
    }

    fn status(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Serves the last good sync stored by an earlier run, if any; returns how many offers.
    pub fn restore(&self) -> Result<usize, StoreError> {
        let (stored, report) = self.store.load()?;
        let count = stored.len();
        if count > 0 {
            self.index.replace(index_of(stored, report.as_ref()));
        }
        self.status().last_good = report;
        Ok(count)
    }

    /// What `/health` says about the source.
    pub fn health(&self) -> SyncHealth {
        let status = self.status();
        let good = status.last_good.clone().unwrap_or_default();
        SyncHealth {
            last_sync: status.last_good.as_ref().map(|r| r.finished_at.clone()),
            last_attempt: status.last_attempt.clone(),
            last_sync_error: status.last_error.clone(),
            running: status.running,
            fetched: good.fetched,
            kept: good.kept,
            merged: good.merged,
            dropped: good.dropped.values().sum(),
            dropped_by_reason: good.dropped,
            located_by: good.located_by,
        }
    }

    /// Runs one sync now, unless one is running.
    pub async fn sync(&self) -> SyncOutcome {
        let Ok(_running) = self.one_at_a_time.try_lock() else {
            return SyncOutcome::AlreadyRunning;
        };
        {
            let mut status = self.status();
            status.running = true;
            status.last_attempt = Some(UtcTimestamp::now().rfc3339());
        }
        let outcome = self.fetch_store_and_swap().await;
        let mut status = self.status();
        status.running = false;
        match outcome {
            Ok(report) => {
                status.last_good = Some(report.clone());
                status.last_error = None;
                SyncOutcome::Replaced(report)
            }
            Err(error) => {
                status.last_error = Some(error.to_string());
                SyncOutcome::Failed(error.to_string())
            }
        }
    }

    /// Syncs now and then every `every`, for as long as the runtime runs.
    pub fn spawn_schedule(self: Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.sync().await {
                    SyncOutcome::Replaced(r) => eprintln!(
                        "forem sync: {} offers served ({} fetched, {} merged, {} dropped)",
                        r.kept,
                        r.fetched,
                        r.merged,
                        r.dropped.values().sum::<u32>()
                    ),
                    SyncOutcome::Failed(e) => {
                        eprintln!("forem sync failed, last good data kept: {e}")
                    }
                    SyncOutcome::AlreadyRunning => {}
                }
                tokio::time::sleep(every).await;
            }
        })
    }

    async fn fetch_store_and_swap(&self) -> Result<SyncReport, SyncError> {
        let today = self.today.unwrap_or_else(|| UtcTimestamp::now().date);
        let options = self.client.options();
        let mut report = SyncReport::default();
        let mut offers = Vec::new();
        for (i, window) in windows(today, options.lookback_days, options.window_days)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                tokio::time::sleep(options.pause_between_requests).await;
            }
            let records = self.client.records(window).await?;
            let (mapped, counts) = tokio::task::spawn_blocking(move || map_all(&records, today))
                .await
                .map_err(|e| SyncError::Task(e.to_string()))?;
            report.fetched += counts.fetched;
            for (reason, n) in counts.dropped {
                *report
                    .dropped
                    .entry(reason.as_str().to_owned())
                    .or_default() += n;
            }
            offers.extend(mapped);
        }
        let (offers, merged) = deduplicate(offers);
        if offers.is_empty() {
            return Err(SyncError::Empty);
        }
        report.merged = merged;
        report.kept = u32::try_from(offers.len()).unwrap_or(u32::MAX);
        for offer in &offers {
            *report
                .located_by
                .entry(offer.located_by.as_str().to_owned())
                .or_default() += 1;
        }
        report.finished_at = UtcTimestamp::now().rfc3339();

        // Stored first: what is served is always what a restart would serve.
        let store = self.store.clone();
        let stored_report = report.clone();
        let index = tokio::task::spawn_blocking(move || {
            let stored = store.replace(offers, &stored_report)?;
            Ok::<_, StoreError>(index_of(stored, Some(&stored_report)))
        })
        .await
        .map_err(|e| SyncError::Task(e.to_string()))??;
        self.index.replace(index);
        Ok(report)
    }
}

/// Counts of one window's records.
#[derive(Default)]
struct Counts {
    fetched: u32,
    dropped: BTreeMap<DropReason, u32>,
}

fn map_all(records: &[serde_json::Value], today: Date) -> (Vec<ForemOffer>, Counts) {
    let mut counts = Counts::default();
    let mut offers = Vec::with_capacity(records.len());
    for record in records {
        counts.fetched += 1;
        match ForemOffer::from_json(record, today) {
            Ok(offer) => offers.push(offer),
            Err(reason) => *counts.dropped.entry(reason).or_default() += 1,
        }
    }
    (offers, counts)
}

/// The index of a stored sync; the dataset's identity changes with each sync, so cursors and
/// cached results of the previous one are not mistaken for this one's.
fn index_of(stored: Stored, report: Option<&SyncReport>) -> VacancyIndex {
    static GENERATION: AtomicU64 = AtomicU64::new(0);
    let identity = format!(
        "forem:{}:{}",
        report.map_or("restored", |r| r.finished_at.as_str()),
        GENERATION.fetch_add(1, Ordering::Relaxed)
    );
    VacancyIndex::new(Dataset::from_forem(identity, stored))
}
