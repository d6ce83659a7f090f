//! The application shell: runtime config, routing, and the first page (the map around a town).

use crate::api::{load_config, ApiClient, ApiError, LoadProgress, RuntimeConfig};
use crate::components::map::{HomeArea, MapPoint, Tiles, VacancyMap};
use crate::components::status::{group_thousands, ErrorNotice, LoadingProgress};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use passerelle_core::api::VacancySummary;
use passerelle_core::filter::SearchArea;
use passerelle_core::municipality::{self, Municipality};
use passerelle_core::{DATA_ATTRIBUTION_SHORT, SUITABLE_RADIUS_KM};
use std::sync::Arc;

/// Mons, the default home town (NIS 53053).
const DEFAULT_TOWN_NIS: &str = "53053";

#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <Router>
            <header class="app-header">
                <a class="brand" href="/">"Passerelle"</a>
                <span class="tagline">"Des emplois en Flandre, près de chez vous"</span>
            </header>
            <main id="main">
                <Suspense fallback=|| view! { <p class="loading">"Chargement…"</p> }>
                    {move || config.get().map(|result| match result {
                        Ok(config) => view! {
                            <Routes fallback=|| view! { <p>"Page introuvable."</p> }>
                                <Route path=path!("/") view=move || view! { <MapPage config=config.clone() /> } />
                            </Routes>
                        }.into_any(),
                        Err(e) => view! { <ConfigError error=e /> }.into_any(),
                    })}
                </Suspense>
            </main>
        </Router>
    }
}

#[component]
fn ConfigError(error: ApiError) -> impl IntoView {
    let retry = Callback::new(|_| {
        let _ = window().location().reload();
    });
    let message = format!("L'application n'a pas pu lire sa configuration ({error}).");
    view! { <ErrorNotice message=message on_retry=retry /> }
}

/// The town named by the `town` query parameter (a NIS code), with a notice when it was invalid.
fn town_from_query(value: Option<String>) -> (&'static Municipality, Option<String>) {
    let default = || municipality::by_nis(DEFAULT_TOWN_NIS).expect("Mons is in the embedded data");
    match value {
        None => (default(), None),
        Some(code) => match municipality::by_nis(&code).filter(|m| m.is_walloon()) {
            Some(m) => (m, None),
            None => (default(), Some(format!("La commune « {code} » n'est pas une commune wallonne connue ; voici Mons."))),
        },
    }
}

/// What the vacancy load has produced so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct Loaded {
    items: Arc<Vec<VacancySummary>>,
    progress: LoadProgress,
    complete: bool,
    error: Option<ApiError>,
}

#[component]
fn MapPage(config: RuntimeConfig) -> impl IntoView {
    let query = use_query_map();
    let town = Memo::new(move |_| town_from_query(query.read().get("town")));
    let home = Signal::derive(move || {
        Some(HomeArea { location: town.get().0.location, radius_km: SUITABLE_RADIUS_KM })
    });
    let client = ApiClient::new(config.api_base.clone());
    let loaded = RwSignal::new(Loaded::default());
    let generation = StoredValue::new(0u64);

    let load = move |client: ApiClient| {
        let (town, _) = town.get_untracked();
        let area = SearchArea::new(town.location, SUITABLE_RADIUS_KM);
        // A newer load (another town) makes the answers of an older one irrelevant.
        generation.update_value(|g| *g += 1);
        let this_load = generation.get_value();
        let current = move || generation.get_value() == this_load;
        loaded.set(Loaded::default());
        spawn_local(async move {
            let result = client
                .all_vacancies(area, |progress, items| {
                    if current() {
                        loaded.set(Loaded { items: Arc::new(items.to_vec()), progress, complete: false, error: None });
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
    {
        let client = client.clone();
        Effect::new(move |_| {
            town.track();
            load(client.clone());
        });
    }
    let retry = Callback::new(move |_| load(client.clone()));

    let points = Signal::derive(move || {
        Arc::new(
            loaded
                .read()
                .items
                .iter()
                .map(|v| MapPoint { id: v.id, location: v.location(), class: 0 })
                .collect::<Vec<_>>(),
        )
    });
    let count = move || loaded.read().items.len();
    let tiles = config.tile_url.clone().map(|url| Tiles { url });
    let tile_attribution = config.tile_attribution.clone();

    view! {
        <div class="map-page">
            <section class="panel" aria-labelledby="results-heading">
                <h1 id="results-heading">{move || format!("Emplois en Flandre autour de {}", town.get().0.name_fr)}</h1>
                {move || town.get().1.map(|notice| view! { <p class="notice notice-info" role="status">{notice}</p> })}
                <p class="count" data-testid="vacancy-count" data-count=move || count().to_string()>
                    <strong>{move || group_thousands(count())}</strong>
                    {move || format!(" offres dans un rayon de {} km", SUITABLE_RADIUS_KM)}
                </p>
                <p class="hint">"Distance à vol d'oiseau, indicative : le trajet réel est plus long."</p>
                <Show when=move || { let l = loaded.read(); !l.complete && l.error.is_none() }>
                    <LoadingProgress
                        loaded=Signal::derive(move || loaded.read().progress.loaded)
                        total=Signal::derive(move || loaded.read().progress.total)
                    />
                </Show>
                {move || loaded.read().error.clone().map(|e| view! {
                    <ErrorNotice message=format!("Le chargement des offres s'est interrompu ({e}). Les offres déjà reçues restent affichées.") on_retry=retry />
                })}
            </section>
            <VacancyMap
                home=home
                points=points
                points_complete=Signal::derive(move || loaded.read().complete)
                tiles=tiles
                label=Signal::derive(move || format!("Carte des offres autour de {}", town.get().0.name_fr))
            />
        </div>
        <footer class="attribution">
            <span>{DATA_ATTRIBUTION_SHORT}</span>
            {tile_attribution.map(|a| view! { <span>" · Fond de carte : " {a}</span> })}
        </footer>
    }
}
