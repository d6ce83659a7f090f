//! Loads every vacancy within 60 km of the home town, page by page, keeping what arrived if a
//! later page fails. Filters then run locally on this set, instantly.

use crate::api::{ApiClient, ApiError, LoadProgress};
use leptos::prelude::*;
use leptos::task::spawn_local;
use passerelle_core::api::VacancySummary;
use passerelle_core::filter::SearchArea;
use passerelle_core::municipality::Municipality;
use passerelle_core::SUITABLE_RADIUS_KM;
use std::sync::Arc;

/// What the load has produced so far.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub items: Arc<Vec<VacancySummary>>,
    pub progress: LoadProgress,
    pub complete: bool,
    pub error: Option<ApiError>,
}

// Loads are compared by identity: comparing 25,000 items on every page would cost more than it saves.
impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.items, &other.items)
            && self.progress == other.progress
            && self.complete == other.complete
            && self.error == other.error
    }
}

/// Starts a load whenever the town changes; returns the state and a retry action.
pub fn use_vacancy_load(
    client: ApiClient,
    town: Memo<Option<&'static Municipality>>,
) -> (RwSignal<Loaded>, Callback<()>) {
    let loaded = RwSignal::new(Loaded::default());
    let generation = StoredValue::new(0u64);

    // `fresh`: a new town starts from nothing; a retry keeps showing what arrived until pages replace it.
    let load = move |client: ApiClient, fresh: bool| {
        let Some(town) = town.get_untracked() else {
            return;
        };
        let area = SearchArea::new(town.location, SUITABLE_RADIUS_KM);
        // A newer load (another town, a retry) makes the answers of an older one irrelevant.
        generation.update_value(|g| *g += 1);
        let this_load = generation.get_value();
        let current = move || generation.try_get_value() == Some(this_load);
        if fresh {
            loaded.set(Loaded::default());
        } else {
            loaded.update(|l| l.error = None);
        }
        spawn_local(async move {
            let result = client
                .all_vacancies(area, |progress, items| {
                    if current() {
                        loaded.set(Loaded {
                            items: Arc::new(items.to_vec()),
                            progress,
                            complete: false,
                            error: None,
                        });
                    }
                })
                .await;
            if !current() {
                return;
            }
            loaded.update(|l| match result {
                Ok(items) => {
                    l.items = Arc::new(items);
                    l.complete = true;
                }
                Err((items, error)) => {
                    l.items = Arc::new(items);
                    l.error = Some(error);
                }
            });
        });
    };

    let client_for_effect = client.clone();
    Effect::new(move |_| {
        town.track();
        load(client_for_effect.clone(), true);
    });
    (loaded, Callback::new(move |_| load(client.clone(), false)))
}
