//! Loads every vacancy around the chosen home points, page by page, into one signal that the
//! list, the map and every mode read.
//!
//! - A failed page is retried from its own cursor with growing pauses; only when the retries
//!   are spent does the person see an error, and "retry" then resumes from that cursor,
//!   keeping everything that arrived.
//! - A busy server (429/503 with `Retry-After`) is asked again when it said, not sooner, and
//!   the person is told when that will be (`LoadStatus::Busy`).
//! - Leaving the page (or choosing other towns) aborts the load: the request in flight is
//!   cancelled, no answer of an old load lands in a new one.
//! - Pages are appended in place (see `passerelle_core::loading`), so a load of N pages costs
//!   O(total), not O(N × total).

use crate::api::ApiError;
use futures::future::{select, AbortHandle, Abortable, Either};
use leptos::prelude::*;
use leptos::task::spawn_local;
use passerelle_core::filter::SearchArea;
use passerelle_core::loading::{CheckedPage, LoadAnomaly, LoadedVacancies, ShowCadence};
use passerelle_core::retry::NextStep;
pub use passerelle_core::retry::RetryPolicy;
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

    /// The wall-clock time in milliseconds since 1970 (when a busy server's wait ends).
    fn now_ms(&self) -> f64;
}

/// What the person should be told about the load.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum LoadStatus {
    /// Pages are being asked for.
    #[default]
    Loading,
    /// A page failed and is being asked for again.
    Retrying { attempt: u32 },
    /// The server is busy and said when to come back: the load resumes by itself at `until_ms`
    /// (wall-clock milliseconds since 1970).
    Busy { until_ms: f64 },
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

    /// Complete, and for exactly these areas: right after a change of towns the previous load
    /// still reads as complete until the new one starts, and the map must not frame itself on it.
    pub fn is_complete_for(&self, areas: &[SearchArea]) -> bool {
        self.is_complete()
            && self
                .vacancies
                .areas()
                .iter()
                .map(|a| a.area)
                .eq(areas.iter().copied())
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

/// Asks for pages until every area is done, a page fails after its retries, or the load is
/// aborted. Each page lands in `state` as soon as it arrives, and is shown (the signal
/// notified) at the pace of [`ShowCadence`]: at once for the first and the last, and never
/// more than a second after it landed.
pub async fn load_pages<S: PageSource>(source: S, state: RwSignal<LoadState>, policy: RetryPolicy) {
    let mut cadence = ShowCadence::default();
    let show = |cadence: &mut ShowCadence| {
        if let Some(loaded) = state.try_with_untracked(|s| s.vacancies.len()) {
            cadence.shown(loaded, source.now_ms());
            state.notify();
        }
    };
    'pages: loop {
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
            let fetched = source.page(area, cursor.clone());
            let loaded = state.try_with_untracked(|s| s.vacancies.len()).unwrap_or(0);
            let unseen_for = cadence.wait_left_ms(loaded, source.now_ms());
            let answer = if unseen_for > 0.0 {
                // Pages landed but not shown yet: show them if this answer is slow to come.
                let pause = source.pause(Duration::from_millis(unseen_for.ceil() as u64));
                futures::pin_mut!(fetched, pause);
                match select(fetched, pause).await {
                    Either::Left((answer, _)) => answer,
                    Either::Right(((), fetched)) => {
                        show(&mut cadence);
                        fetched.await
                    }
                }
            } else {
                fetched.await
            };
            let error = match answer {
                Ok(page) => break page,
                Err(e) => e,
            };
            // A new dataset under the load (a sync of Le Forem's data) voids its cursors:
            // start the area again rather than fail with the vacancies half shown.
            if cursor.is_some()
                && error.refuses_cursor()
                && state.try_update(|s| s.vacancies.restart_area(index)) == Some(true)
            {
                continue 'pages;
            }
            match policy.after(error.failure(), attempt) {
                NextStep::Retry { wait, server_asked } => {
                    let status = if server_asked {
                        LoadStatus::Busy {
                            until_ms: source.now_ms() + wait.as_millis() as f64,
                        }
                    } else {
                        LoadStatus::Retrying {
                            attempt: attempt + 1,
                        }
                    };
                    if state.try_update(|s| s.status = status).is_none() {
                        return; // the page that asked is gone
                    }
                    source.pause(wait).await;
                    attempt += 1;
                }
                NextStep::GiveUp => {
                    state.try_update(|s| s.status = LoadStatus::Failed(error));
                    return;
                }
            }
        };
        let landed = state.try_update_untracked(|s| {
            let news = s.status != LoadStatus::Loading;
            s.status = LoadStatus::Loading;
            if let Err(anomaly) = s.vacancies.accept(index, page) {
                s.anomaly = Some(anomaly);
                return (s.vacancies.len(), true);
            }
            (s.vacancies.len(), news)
        });
        let Some((loaded, news)) = landed else {
            return; // the page that asked is gone
        };
        let last = state
            .try_with_untracked(|s| s.vacancies.next_request().is_none())
            .unwrap_or(true);
        // The last page is shown with the status that says so (below).
        if !last && (news || cadence.due(loaded, source.now_ms())) {
            show(&mut cadence);
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

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::fixtures::vacancy;
    use passerelle_core::LatLon;
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};

    const MONS: SearchArea = SearchArea {
        centre: LatLon {
            lat: 50.454,
            lon: 3.952,
        },
        radius_km: 60.0,
    };

    fn page(ids: std::ops::Range<u32>, next: Option<&str>) -> Result<CheckedPage, ApiError> {
        Ok(CheckedPage {
            total: 9,
            items: ids.map(vacancy).collect(),
            next: next.map(str::to_owned),
            dropped: 0,
        })
    }

    #[test]
    fn a_complete_load_counts_only_for_the_areas_it_was_made_for() {
        let tournai = SearchArea {
            radius_km: 40.0,
            ..MONS
        };
        let done = LoadState {
            vacancies: LoadedVacancies::new([MONS]),
            status: LoadStatus::Complete,
            ..Default::default()
        };
        assert!(done.is_complete_for(&[MONS]));
        assert!(
            !done.is_complete_for(&[MONS, tournai]),
            "a town was added since"
        );
        assert!(
            !done.is_complete_for(&[tournai]),
            "the radius changed since"
        );
        let loading = LoadState {
            status: LoadStatus::Loading,
            ..done
        };
        assert!(!loading.is_complete_for(&[MONS]));
    }

    fn unavailable() -> Result<CheckedPage, ApiError> {
        Err(ApiError::status(503))
    }

    /// 503 with `Retry-After`.
    fn busy_for(seconds: u64) -> Result<CheckedPage, ApiError> {
        Err(ApiError::Status {
            status: 503,
            problem: None,
            retry_after: Some(Duration::from_secs(seconds)),
        })
    }

    /// A scripted API: answers in order, and remembers which cursors were asked and the pauses.
    #[derive(Clone, Default)]
    struct ScriptedApi {
        answers: Arc<Mutex<VecDeque<Result<CheckedPage, ApiError>>>>,
        asked: Arc<Mutex<Vec<Option<String>>>>,
        pauses: Arc<Mutex<Vec<Duration>>>,
        /// Requests (counted from 0) whose answer is not ready at the first poll.
        slow: Arc<Mutex<Vec<usize>>>,
        /// What the page showed (a memo of the loaded count) when each request was made.
        shown: Arc<Mutex<Option<Memo<usize>>>>,
        seen: Arc<Mutex<Vec<usize>>>,
    }

    impl ScriptedApi {
        fn new(answers: impl IntoIterator<Item = Result<CheckedPage, ApiError>>) -> Self {
            let api = Self::default();
            api.answers.lock().unwrap().extend(answers);
            api
        }

        fn then(&self, answers: impl IntoIterator<Item = Result<CheckedPage, ApiError>>) {
            self.answers.lock().unwrap().extend(answers);
        }

        fn asked(&self) -> Vec<Option<String>> {
            self.asked.lock().unwrap().clone()
        }
    }

    impl PageSource for ScriptedApi {
        async fn page(
            &self,
            _area: SearchArea,
            cursor: Option<String>,
        ) -> Result<CheckedPage, ApiError> {
            let request = {
                let mut asked = self.asked.lock().unwrap();
                asked.push(cursor);
                asked.len() - 1
            };
            if let Some(shown) = *self.shown.lock().unwrap() {
                self.seen.lock().unwrap().push(shown.get_untracked());
            }
            if self.slow.lock().unwrap().contains(&request) {
                yield_once().await;
            }
            self.answers
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| Err(ApiError::Network("the script ended".into())))
        }

        async fn pause(&self, delay: Duration) {
            self.pauses.lock().unwrap().push(delay);
        }

        fn now_ms(&self) -> f64 {
            NOW_MS
        }
    }

    const NOW_MS: f64 = 1_792_567_680_000.0;

    /// Pending at the first poll (waking itself), ready at the next.
    async fn yield_once() {
        let mut yielded = false;
        futures::future::poll_fn(|cx| {
            if yielded {
                std::task::Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
        .await
    }

    #[test]
    fn pages_are_shown_at_a_pace_and_none_waits_unseen_behind_a_slow_answer() {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([
            page(0..100, Some("a")),
            page(100..110, Some("b")),
            page(110..111, Some("c")),
            page(111..112, None),
        ]);
        api.slow.lock().unwrap().push(2);
        let state = fresh_state();
        let shown = Memo::new(move |_| state.with(|s| s.vacancies.len()));
        assert_eq!(shown.get_untracked(), 0);
        *api.shown.lock().unwrap() = Some(shown);
        run(&api, state);
        assert_eq!(
            *api.seen.lock().unwrap(),
            [0, 100, 100, 111],
            "the first page shown at once; 10 more were not worth a redraw until the next \
             answer was slow (a reader then reads what has landed since)"
        );
        assert_eq!(
            *api.pauses.lock().unwrap(),
            [Duration::from_millis(1_000)],
            "the unseen page waited for the slow answer at most a second"
        );
        assert_eq!(shown.get_untracked(), 112, "the last page is shown");
        assert_eq!(state.get_untracked().status, LoadStatus::Complete);
    }

    fn fresh_state() -> RwSignal<LoadState> {
        RwSignal::new(LoadState {
            vacancies: passerelle_core::loading::LoadedVacancies::new([MONS]),
            ..LoadState::default()
        })
    }

    fn cursors(list: &[Option<&str>]) -> Vec<Option<String>> {
        list.iter().map(|c| c.map(str::to_owned)).collect()
    }

    fn run(api: &ScriptedApi, state: RwSignal<LoadState>) {
        futures::executor::block_on(load_pages(api.clone(), state, RetryPolicy::default()));
    }

    #[test]
    fn a_flaky_api_is_asked_again_for_the_failed_page_and_the_load_completes() {
        // Regression: every third request failing made the list never complete, because a
        // retry restarted from page 1.
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([
            page(0..3, Some("a")),
            unavailable(),
            page(3..6, Some("b")),
            unavailable(),
            unavailable(),
            page(6..9, None),
        ]);
        let state = fresh_state();
        run(&api, state);
        assert_eq!(
            api.asked(),
            cursors(&[None, Some("a"), Some("a"), Some("b"), Some("b"), Some("b")])
        );
        state.with_untracked(|s| {
            assert_eq!(s.status, LoadStatus::Complete);
            assert_eq!(s.vacancies.len(), 9);
            assert!(!s.is_partial());
        });
    }

    /// 400 naming `cursor`: what the stand-in answers once a new sync replaced its data.
    fn cursor_refused() -> Result<CheckedPage, ApiError> {
        Err(ApiError::Status {
            status: 400,
            problem: Some(
                passerelle_core::api::Problem::new(400, "/problems/invalid-query", "Invalid query")
                    .with_errors(vec![passerelle_core::api::FieldError::new(
                        "cursor",
                        passerelle_core::api::FieldErrorCode::InvalidFormat,
                    )]),
            ),
            retry_after: None,
        })
    }

    #[test]
    fn a_cursor_voided_by_new_data_restarts_the_search_once_keeping_what_is_shown() {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([
            page(0..3, Some("a")),
            cursor_refused(),
            page(0..4, Some("b")),
            page(4..9, None),
        ]);
        let state = fresh_state();
        run(&api, state);
        assert_eq!(
            api.asked(),
            cursors(&[None, Some("a"), None, Some("b")]),
            "from the first page again, not a retry of the dead cursor"
        );
        state.with_untracked(|s| {
            assert_eq!(s.status, LoadStatus::Complete);
            assert_eq!(s.vacancies.len(), 9, "ids seen twice are kept once");
        });

        // A server refusing the cursors it just gave is an error, not an endless restart.
        let stubborn = ScriptedApi::new([
            page(0..3, Some("a")),
            cursor_refused(),
            page(0..3, Some("a")),
            cursor_refused(),
        ]);
        let state = fresh_state();
        run(&stubborn, state);
        state.with_untracked(|s| assert!(matches!(s.status, LoadStatus::Failed(_))));
        assert_eq!(stubborn.asked().len(), 4);
    }

    #[test]
    fn after_the_retries_the_error_shows_with_what_arrived_and_a_retry_resumes_from_the_failed_cursor(
    ) {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([page(0..3, Some("a"))]);
        api.then((0..5).map(|_| unavailable()));
        let state = fresh_state();
        run(&api, state);
        state.with_untracked(|s| {
            assert!(matches!(s.status, LoadStatus::Failed(_)));
            assert_eq!(s.vacancies.len(), 3, "what arrived stays");
            assert!(s.is_partial() && !s.awaiting_first_page());
        });
        assert_eq!(api.asked().len(), 1 + 5, "the first try and four retries");

        api.then([page(3..9, None)]);
        run(&api, state);
        assert_eq!(api.asked().last(), Some(&Some("a".to_owned())));
        state.with_untracked(|s| {
            assert_eq!(s.status, LoadStatus::Complete);
            assert_eq!(s.vacancies.len(), 9);
        });
    }

    #[test]
    fn pauses_between_retries_grow() {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([unavailable(), unavailable(), page(0..9, None)]);
        run(&api, fresh_state());
        assert_eq!(
            *api.pauses.lock().unwrap(),
            [Duration::from_millis(500), Duration::from_millis(1000)]
        );
    }

    #[test]
    fn a_busy_server_is_asked_again_when_it_said_and_the_person_is_told_when() {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([page(0..3, Some("a")), busy_for(120), page(3..9, None)]);
        let state = fresh_state();
        let seen = RwSignal::new(Vec::<LoadStatus>::new());
        // Remembers the status the person sees while the load waits.
        let watch = move || {
            let status = state.with_untracked(|s| s.status.clone());
            seen.update(|v| v.push(status));
        };
        let api_with_watch = WatchingSource {
            inner: api.clone(),
            on_pause: std::sync::Arc::new(watch),
        };
        futures::executor::block_on(load_pages(api_with_watch, state, RetryPolicy::default()));
        assert_eq!(*api.pauses.lock().unwrap(), [Duration::from_secs(120)]);
        assert_eq!(
            seen.get_untracked(),
            [LoadStatus::Busy {
                until_ms: NOW_MS + 120_000.0
            }]
        );
        assert_eq!(api.asked(), cursors(&[None, Some("a"), Some("a")]));
        state.with_untracked(|s| assert_eq!(s.status, LoadStatus::Complete));
    }

    /// Answers like `inner`, and calls `on_pause` at each pause (what the page shows then).
    #[derive(Clone)]
    struct WatchingSource {
        inner: ScriptedApi,
        on_pause: std::sync::Arc<dyn Fn() + Send + Sync>,
    }

    impl PageSource for WatchingSource {
        async fn page(
            &self,
            area: SearchArea,
            cursor: Option<String>,
        ) -> Result<CheckedPage, ApiError> {
            self.inner.page(area, cursor).await
        }

        async fn pause(&self, delay: Duration) {
            (self.on_pause)();
            self.inner.pause(delay).await;
        }

        fn now_ms(&self) -> f64 {
            NOW_MS
        }
    }

    #[test]
    fn a_server_that_stays_busy_is_reported_after_the_retries_with_its_wait() {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new((0..5).map(|_| busy_for(30)));
        let state = fresh_state();
        run(&api, state);
        assert_eq!(api.asked().len(), 5);
        state.with_untracked(|s| {
            assert!(matches!(
                &s.status,
                LoadStatus::Failed(e) if e.server_wait() == Some(Duration::from_secs(30))
            ));
        });
    }

    #[test]
    fn a_body_of_the_wrong_shape_is_reported_at_once_not_retried() {
        let owner = Owner::new();
        owner.set();
        let api = ScriptedApi::new([Err(ApiError::Malformed("html".into()))]);
        let state = fresh_state();
        run(&api, state);
        assert_eq!(api.asked().len(), 1);
        state.with_untracked(|s| {
            assert!(matches!(
                s.status,
                LoadStatus::Failed(ApiError::Malformed(_))
            ));
            assert!(
                !s.awaiting_first_page(),
                "a failure is not shown as 'loading'"
            );
        });
    }

    #[test]
    fn before_the_first_page_the_load_says_it_is_waiting_not_zero() {
        let owner = Owner::new();
        owner.set();
        fresh_state().with_untracked(|s| {
            assert!(s.awaiting_first_page());
            assert!(s.is_partial());
        });
    }

    #[test]
    fn a_load_whose_page_is_gone_stops_asking() {
        // Regression: the loader was an uncancelled task that kept downloading after the
        // person left the page. Here the state's owner is disposed after the first page.
        let owner = Owner::new();
        owner.set();
        let page_owner = owner.child();
        let state = page_owner.with(fresh_state);
        let api = ScriptedApi::new([page(0..3, Some("a"))]);
        let gone = api.clone();
        let stop_after_first = async move {
            let source = DisposingSource {
                inner: gone,
                owner: page_owner,
            };
            load_pages(source, state, RetryPolicy::default()).await;
        };
        futures::executor::block_on(stop_after_first);
        assert_eq!(api.asked(), cursors(&[None]));
    }

    /// Answers like `inner`, then disposes the page's owner, as leaving the page does.
    #[derive(Clone)]
    struct DisposingSource {
        inner: ScriptedApi,
        owner: Owner,
    }

    impl PageSource for DisposingSource {
        async fn page(
            &self,
            area: SearchArea,
            cursor: Option<String>,
        ) -> Result<CheckedPage, ApiError> {
            let answer = self.inner.page(area, cursor).await;
            self.owner.cleanup();
            answer
        }

        async fn pause(&self, _delay: Duration) {}

        fn now_ms(&self) -> f64 {
            NOW_MS
        }
    }
}
