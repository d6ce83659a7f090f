//! The vacancies around the chosen home points: loaded once (`loader`), filtered locally into
//! rows (`rows`). Every mode reads them through [`VacancyResults`], provided once per page as
//! a context, so no component threads them through its children's props.

mod details;
mod loader;
mod rows;

pub use details::{use_vacancy_details, Detail, VacancyDetails};
pub use loader::{use_vacancy_load, LoadState, LoadStatus, PageSource, RetryPolicy, VacancyLoad};
pub use rows::{FilterKey, Rows};

use crate::api::{ApiClient, ApiError};
use leptos::prelude::*;
use passerelle_core::filter::SearchArea;
use passerelle_core::loading::CheckedPage;
use std::time::Duration;

impl PageSource for ApiClient {
    async fn page(
        &self,
        area: SearchArea,
        cursor: Option<String>,
    ) -> Result<CheckedPage, ApiError> {
        self.vacancies_page(area, cursor.as_deref()).await
    }

    async fn pause(&self, delay: Duration) {
        sleep(delay).await;
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
}

/// Resolves after `delay` (a browser timer; dropping the future just lets the timer fire unheard).
async fn sleep(delay: Duration) {
    let (done, fired) = futures::channel::oneshot::channel::<()>();
    if set_timeout_with_handle(
        move || {
            let _ = done.send(());
        },
        delay,
    )
    .is_ok()
    {
        let _ = fired.await;
    }
}

/// The load and its filtered rows, shared by the list, the map, the counts and the detail.
#[derive(Clone, Copy)]
pub struct VacancyResults {
    pub load: VacancyLoad,
    pub rows: Memo<Rows>,
}

impl VacancyResults {
    /// Loads around `homes` and keeps the rows for `filters` (both reactive).
    pub fn new<S: PageSource>(
        source: S,
        homes: Memo<Vec<SearchArea>>,
        filters: Memo<FilterKey>,
    ) -> Self {
        let load = use_vacancy_load(source, homes, RetryPolicy::default());
        let state = load.state;
        let rows = Memo::new_owning(move |previous: Option<Rows>| {
            let filters = filters.read();
            state.with(|load| Rows::update(previous, load, &filters))
        });
        Self { load, rows }
    }

    /// The loaded vacancy with this id.
    pub fn find(&self, id: u32) -> Option<passerelle_core::api::VacancySummary> {
        self.load
            .state
            .with(|s| s.vacancies.items().iter().find(|v| v.id == id).cloned())
    }
}
