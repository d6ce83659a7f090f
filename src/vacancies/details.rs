//! Full vacancies fetched by id, for the few a page needs whole (the shortlist's hand-over:
//! how to apply, the employer's address). Each id is fetched once per page, a handful at a
//! time; a failure is kept per id with a retry, a 404/410 means the vacancy is gone.

use crate::api::{ApiClient, ApiError};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use passerelle_core::api::VacancyDetail;
use std::collections::HashMap;

/// Requests in flight at once: enough to fill twenty entries quickly, polite to the API.
const IN_FLIGHT: usize = 4;

/// What became of one id.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Loading,
    Loaded(Box<VacancyDetail>),
    /// The API no longer has it (404/410).
    Gone,
    Failed(ApiError),
}

/// Where full vacancies come from (the API; a stub in tests).
pub trait DetailSource: Clone + 'static {
    fn detail(&self, id: u32)
        -> impl std::future::Future<Output = Result<VacancyDetail, ApiError>>;
}

impl DetailSource for ApiClient {
    async fn detail(&self, id: u32) -> Result<VacancyDetail, ApiError> {
        self.vacancy(id).await
    }
}

/// The details of the page's ids, by id.
#[derive(Clone, Copy)]
pub struct VacancyDetails {
    pub by_id: ReadSignal<HashMap<u32, Detail>>,
    /// Forgets the failed ids so they are fetched again.
    pub retry: Callback<()>,
}

/// Fetches the details of `ids` as they appear (ids already fetched are not fetched again).
pub fn use_vacancy_details<S: DetailSource>(source: S, ids: Memo<Vec<u32>>) -> VacancyDetails {
    let by_id = RwSignal::new(HashMap::<u32, Detail>::new());
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        let wanted = ids.get();
        let source = source.clone();
        spawn_local(fetch_missing(source, wanted, by_id));
    });
    let retry = Callback::new(move |_| {
        by_id.update(|m| m.retain(|_, d| !matches!(d, Detail::Failed(_))));
        attempt.update(|a| *a += 1);
    });
    VacancyDetails {
        by_id: by_id.read_only(),
        retry,
    }
}

/// Fetches every id of `wanted` that `by_id` does not hold yet, [`IN_FLIGHT`] at a time.
/// Writes through `try_update`: the page may be gone before the answers arrive.
pub async fn fetch_missing<S: DetailSource>(
    source: S,
    wanted: Vec<u32>,
    by_id: RwSignal<HashMap<u32, Detail>>,
) {
    let missing: Vec<u32> = by_id
        .try_update(|m| {
            let missing: Vec<u32> = wanted
                .iter()
                .copied()
                .filter(|id| !m.contains_key(id))
                .collect();
            for id in &missing {
                m.insert(*id, Detail::Loading);
            }
            missing
        })
        .unwrap_or_default();
    futures::stream::iter(missing)
        .map(|id| {
            let source = source.clone();
            async move { (id, source.detail(id).await) }
        })
        .buffer_unordered(IN_FLIGHT)
        .for_each(|(id, result)| {
            let detail = match result {
                Ok(d) => Detail::Loaded(Box::new(d)),
                Err(ApiError::Status {
                    status: 404 | 410, ..
                }) => Detail::Gone,
                Err(e) => Detail::Failed(e),
            };
            by_id.try_update(|m| m.insert(id, detail));
            async {}
        })
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::fixtures::vacancy;
    use std::sync::{Arc, Mutex};

    /// Answers from a table and counts the requests.
    #[derive(Clone, Default)]
    struct Stub {
        asked: Arc<Mutex<Vec<u32>>>,
    }

    impl DetailSource for Stub {
        async fn detail(&self, id: u32) -> Result<VacancyDetail, ApiError> {
            self.asked.lock().unwrap().push(id);
            match id {
                404 => Err(ApiError::status(404)),
                500 => Err(ApiError::status(500)),
                _ => Ok(VacancyDetail {
                    summary: vacancy(id),
                    description: String::new(),
                    content_language: "nl".into(),
                    languages: Vec::new(),
                    hours_per_week: Some(38.0),
                    apply_url: None,
                }),
            }
        }
    }

    #[test]
    fn each_id_is_fetched_once_and_gone_or_failed_ids_are_told_apart() {
        let owner = Owner::new();
        owner.set();
        let stub = Stub::default();
        let by_id = RwSignal::new(HashMap::new());
        futures::executor::block_on(fetch_missing(stub.clone(), vec![7, 404, 500], by_id));
        // The same ids again, plus one: only the new one is asked for.
        futures::executor::block_on(fetch_missing(stub.clone(), vec![7, 404, 500, 8], by_id));
        let mut asked = stub.asked.lock().unwrap().clone();
        asked.sort_unstable();
        assert_eq!(asked, vec![7, 8, 404, 500]);
        let got = by_id.get_untracked();
        assert!(matches!(&got[&7], Detail::Loaded(d) if d.summary.id == 7));
        assert_eq!(got[&404], Detail::Gone);
        assert!(matches!(
            got[&500],
            Detail::Failed(ApiError::Status { status: 500, .. })
        ));
    }

    #[test]
    fn answers_arriving_after_the_page_is_gone_are_dropped_quietly() {
        let owner = Owner::new();
        owner.set();
        let by_id = RwSignal::new(HashMap::new());
        by_id.dispose();
        futures::executor::block_on(fetch_missing(Stub::default(), vec![1, 2], by_id));
    }
}
