//! Loads every vacancy around the chosen home points, page by page, into one signal that the
//! list, the map and every mode read.
//!
//! - A failed page is retried from its own cursor with growing pauses; only when the retries
//!   are spent does the person see an error, and "retry" then resumes from that cursor,
//!   keeping everything that arrived.
//! - Leaving the page (or choosing other towns) aborts the load: the request in flight is
//!   cancelled, no answer of an old load lands in a new one.
//! - Pages are appended in place (see `passerelle_core::loading`), so a load of N pages costs
//!   O(total), not O(N × total).

use crate::api::ApiError;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use passerelle_core::filter::SearchArea;
use passerelle_core::loading::{CheckedPage, LoadAnomaly, LoadedVacancies};
use std::time::Duration;

/// Where a page of vacancies comes from: the API in the app, a fake in tests.
pub trait PageSource: Clone + Send + Sync + 'static {
    /// The page of `area` after `cursor` (the first page for `None`).
    fn page(
        &self,
        area: SearchArea,
        cursor: Option<String>,
    ) -> impl std::future::Future<Output = Result<CheckedPage, ApiError>>;

    /// Waits `delay` before a retry.
    fn pause(&self, delay: Duration) -> impl std::future::Future<Output = ()>;
}

/// How often and how patiently a failed page is asked for again before the person is told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first failure of one page.
    pub retries: u32,
    /// The first pause; each further one doubles, up to `max_pause`.
    pub first_pause: Duration,
    pub max_pause: Duration,
}

impl Default for RetryPolicy {
    /// Four retries over about 7.5 s: enough for a flaky mobile connection or a restarting
    /// server, short enough that a dead server is reported while the person still waits.
    fn default() -> Self {
        Self {
            retries: 4,
            first_pause: Duration::from_millis(500),
            max_pause: Duration::from_secs(4),
        }
    }
}

impl RetryPolicy {
    /// The pause before retry number `attempt` (0-based).
    pub fn pause(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.min(16);
        self.first_pause.saturating_mul(factor).min(self.max_pause)
    }
}

/// What the person should be told about the load.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum LoadStatus {
    /// Pages are being asked for; `retry` counts the retries of the current page.
    #[default]
    Loading,
    /// A page failed and is being asked for again.
    Retrying { attempt: u32 },
    /// Every page has arrived.
    Complete,
    /// A page failed after every retry; "retry" resumes from it.
    Failed(ApiError),
}

/// The load and what it has produced so far.
#[derive(Debug, Clone, Default)]
pub struct LoadState {
    pub vacancies: LoadedVacancies,
    pub status: LoadStatus,
    /// Something the server did that stopped one area early (what arrived is kept).
    pub anomaly: Option<LoadAnomaly>,
    /// Changes whenever a new set of areas starts from nothing: row indices of an older
    /// load are invalid in a newer one.
    pub generation: u64,
}

impl LoadState {
    pub fn is_complete(&self) -> bool {
        self.status == LoadStatus::Complete
    }

    /// True until the first page has arrived: counts shown then would be a misleading 0.
    pub fn awaiting_first_page(&self) -> bool {
        !self.vacancies.has_first_page() && !matches!(self.status, LoadStatus::Failed(_))
    }

    /// True when the count shown is not the whole answer (still loading, or stopped early).
    pub fn is_partial(&self) -> bool {
        !self.is_complete() || self.anomaly.is_some()
    }
}

/// Errors worth asking again for: the network, a timeout, a busy or restarting server.
/// A 4xx other than 408/429 or a body of the wrong shape would fail the same way again.
pub fn is_transient(error: &ApiError) -> bool {
    match error {
        ApiError::Network(_) | ApiError::Timeout => true,
        ApiError::Status { status, .. } => *status >= 500 || matches!(status, 408 | 429),
        ApiError::Malformed(_) => false,
    }
}

/// Asks for pages until every area is done, a page fails after its retries, or the load is
/// aborted. Each page lands in `state` as soon as it arrives.
pub async fn load_pages<S: PageSource>(source: S, state: RwSignal<LoadState>, policy: RetryPolicy) {
    loop {
        let request = state
            .try_with_untracked(|s| {
                s.vacancies
                    .next_request()
                    .map(|(index, area, cursor)| (index, area, cursor.map(str::to_owned)))
            })
            .flatten();
        let Some((index, area, cursor)) = request else {
            state.try_update(|s| s.status = LoadStatus::Complete);
            return;
        };
        let mut attempt = 0;
        let page = loop {
            match source.page(area, cursor.clone()).await {
                Ok(page) => break page,
                Err(e) if is_transient(&e) && attempt < policy.retries => {
                    state.try_update(|s| {
                        s.status = LoadStatus::Retrying {
                            attempt: attempt + 1,
                        }
                    });
                    source.pause(policy.pause(attempt)).await;
                    attempt += 1;
                }
                Err(e) => {
                    state.try_update(|s| s.status = LoadStatus::Failed(e));
                    return;
                }
            }
        };
        let landed = state.try_update(|s| {
            s.status = LoadStatus::Loading;
            if let Err(anomaly) = s.vacancies.accept(index, page) {
                s.anomaly = Some(anomaly);
            }
        });
        if landed.is_none() {
            return; // the page that asked is gone
        }
    }
}

/// The load of the vacancies around `areas`, restarted whenever they change.
#[derive(Clone, Copy)]
pub struct VacancyLoad {
    pub state: ReadSignal<LoadState>,
    /// Resumes a failed load from the page that failed.
    pub retry: Callback<()>,
}

/// Starts loading whenever `areas` changes (an empty list loads nothing) and stops when the
/// calling component is cleaned up.
pub fn use_vacancy_load<S: PageSource>(
    source: S,
    areas: Memo<Vec<SearchArea>>,
    policy: RetryPolicy,
) -> VacancyLoad {
    let state = RwSignal::new(LoadState::default());
    let running: StoredValue<Option<AbortHandle>> = StoredValue::new(None);

    let start = {
        let source = source.clone();
        move || {
            if let Some(previous) = running.try_update_value(Option::take).flatten() {
                previous.abort();
            }
            let (handle, registration) = AbortHandle::new_pair();
            running.set_value(Some(handle));
            let task = Abortable::new(load_pages(source.clone(), state, policy), registration);
            spawn_local(async move {
                let _ = task.await;
            });
        }
    };

    let start_fresh = start.clone();
    Effect::new(move |_| {
        let areas = areas.get();
        state.update(|s| {
            *s = LoadState {
                vacancies: LoadedVacancies::new(areas.iter().copied()),
                generation: s.generation + 1,
                ..LoadState::default()
            }
        });
        if !areas.is_empty() {
            start_fresh();
        }
    });

    on_cleanup(move || {
        if let Some(handle) = running.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    });

    let retry = Callback::new(move |_| {
        if state.with_untracked(|s| matches!(s.status, LoadStatus::Failed(_))) {
            state.update(|s| s.status = LoadStatus::Loading);
            start();
        }
    });
    VacancyLoad {
        state: state.read_only(),
        retry,
    }
}
