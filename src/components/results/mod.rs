//! Step 3–5 of the journey: the map and the list of vacancies around the home town, the filters,
//! and the vacancy opened from either.

mod filters;
mod legend;
mod list;
mod loader;
mod rows;

use crate::api::ApiClient;
use crate::components::map::{HomeArea, MapPoint, Tiles, VacancyMap};
use crate::components::status::{ErrorNotice, LoadingProgress};
use crate::components::vacancy::VacancyView;
use crate::i18n::*;
use crate::labels::{api_error, format_count, my_dutch_name, LocalCount};
use crate::url_state::{
    use_view_navigator, use_view_state, view_href, History, RESULTS_PATH, START_PATH,
};
use filters::Filters;
use legend::MapLegend;
use leptos::prelude::*;
use leptos_meta::Title;
use list::VacancyList;
use loader::use_vacancy_load;
use passerelle_core::view_state::ViewState;
use passerelle_core::LatLon;
use rows::{filter_rows, FilterKey, Rows};
use std::sync::Arc;

/// Which half a phone shows (a laptop shows both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    List,
    Map,
}

#[component]
pub fn ResultsPage(client: ApiClient, tiles: Option<Tiles>) -> impl IntoView {
    let i18n = use_i18n();
    let url = use_view_state();
    let state = Memo::new(move |_| url.read().0.clone());
    let dropped = Memo::new(move |_| url.read().1.clone());
    let town = Memo::new(move |_| state.read().town);
    // Only a change of vacancy swaps the list and the detail; other state changes update them in place.
    let open_vacancy = Memo::new(move |_| state.read().vacancy);
    let (loaded, retry) = use_vacancy_load(client.clone(), town);
    let filter_key = Memo::new(move |_| FilterKey::of(&state.read()));
    let rows = Memo::new(move |_| filter_rows(&loaded.read(), &filter_key.read(), town.get()));
    let hovered = RwSignal::new(None::<LatLon>);
    let tab = RwSignal::new(Tab::List);
    let navigate = use_view_navigator();
    let client_for_detail = StoredValue::new(client.clone());

    let points = Signal::derive(move || {
        let rows: Rows = rows.get();
        Arc::new(
            rows.rows
                .iter()
                .map(|r| {
                    let v = rows.get(r);
                    MapPoint {
                        id: v.id,
                        location: v.location(),
                        class: r.class,
                    }
                })
                .collect::<Vec<_>>(),
        )
    });
    let selected_location = Memo::new(move |_| {
        let id = state.read().vacancy?;
        let loaded = loaded.read();
        loaded
            .items
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.location())
    });
    let highlight = Signal::derive(move || hovered.get().or(selected_location.get()));
    let home = Signal::derive(move || {
        let s = state.read();
        s.town.map(|t| HomeArea {
            location: t.location,
            radius_km: f64::from(s.radius_km),
        })
    });
    let select_on_map = {
        let navigate = navigate.clone();
        Callback::new(move |id: u32| {
            let next = ViewState {
                vacancy: Some(id),
                applying: false,
                ..state.get_untracked()
            };
            tab.set(Tab::List);
            navigate(RESULTS_PATH, &next, History::Push);
        })
    };
    let town_name = move || {
        town.get()
            .map(|t| t.name_in(crate::i18n::locale_code(i18n.get_locale())))
            .unwrap_or_default()
    };
    let count = move || rows.read().rows.len();
    let change_href = move || {
        view_href(
            START_PATH,
            &ViewState {
                vacancy: None,
                applying: false,
                ..state.get()
            },
        )
    };

    view! {
        <Show
            when=move || town.get().is_some()
            fallback=move || view! {
                <div class="start-page">
                    <p class="notice notice-info" role="status">{t!(i18n, town_param_missing)}</p>
                    <a class="button button-primary" href=move || view_href(START_PATH, &state.get())>{t!(i18n, back_home)}</a>
                </div>
            }
        >
            <div class="results-page" class:show-map=move || tab.get() == Tab::Map>
                <Title text=move || t_string!(i18n, page_title_results, town = town_name()).to_string() />
                <section class="results-panel" aria-labelledby="results-heading">
                    <div class="results-head">
                        <h1 id="results-heading">{move || t_string!(i18n, results_title, town = town_name()).to_string()}</h1>
                        <p class="your-level">
                            {move || t_string!(i18n, your_level, level = my_dutch_name(i18n, state.read().dutch)).to_string()}
                            " · "
                            <a href=change_href>{t!(i18n, change_search)}</a>
                        </p>
                    </div>
                    {move || {
                        let dropped = dropped.get();
                        (!dropped.is_empty()).then(|| {
                            let params = dropped.iter().map(|d| format!("{}={}", d.key, d.value)).collect::<Vec<_>>().join(", ");
                            view! { <p class="notice notice-info" role="status">{move || t_string!(i18n, url_dropped, params = params.clone()).to_string()}</p> }
                        })
                    }}
                    <p class="count" data-testid="vacancy-count" data-count=move || count().to_string() role="status" aria-live="polite">
                        <strong>{move || t_string!(i18n, count_label, count = LocalCount::new(i18n.get_locale(), count())).to_string()}</strong>
                        " "{move || t_string!(i18n, count_within, km = state.read().radius_km).to_string()}
                    </p>
                    <p class="hint">{t!(i18n, straight_line_note)}</p>
                    <Show when=move || { let l = loaded.read(); !l.complete && l.error.is_none() }>
                        <LoadingProgress
                            loaded=Signal::derive(move || loaded.read().progress.loaded)
                            total=Signal::derive(move || loaded.read().progress.total)
                        />
                    </Show>
                    {move || loaded.read().error.clone().map(|e| view! {
                        <ErrorNotice
                            message=Signal::derive(move || format!("{} {}", t_string!(i18n, load_failed_partial), api_error(i18n, &e)))
                            on_retry=retry
                        />
                    })}
                    <Show when=move || open_vacancy.get().is_none()>
                        <Filters state=state />
                    </Show>
                    <div class="tabs" role="tablist" aria-label=move || t_string!(i18n, tab_list).to_string()>
                        <button type="button" role="tab" id="tab-list" aria-controls="results-body"
                            aria-selected=move || (tab.get() == Tab::List).to_string()
                            on:click=move |_| tab.set(Tab::List)>
                            {move || format!("{} ({})", t_string!(i18n, tab_list), format_count(i18n.get_locale(), count()))}
                        </button>
                        <button type="button" role="tab" id="tab-map" aria-controls="results-map"
                            aria-selected=move || (tab.get() == Tab::Map).to_string()
                            on:click=move |_| tab.set(Tab::Map)>
                            {t!(i18n, tab_map)}
                        </button>
                    </div>
                    <div id="results-body" class="results-body">
                        {move || match open_vacancy.get() {
                            Some(id) => view! {
                                <VacancyView
                                    id=id
                                    client=client_for_detail.get_value()
                                    state=Signal::from(state)
                                    summary=Signal::derive(move || loaded.read().items.iter().find(|v| v.id == id).cloned())
                                />
                            }.into_any(),
                            None => view! { <VacancyList rows=rows state=state hovered=hovered /> }.into_any(),
                        }}
                    </div>
                </section>
                <div id="results-map" class="results-map">
                    <MapLegend dutch=Signal::derive(move || state.read().dutch) />
                    <VacancyMap
                        home=home
                        points=points
                        points_complete=Signal::derive(move || loaded.read().complete)
                        highlight=highlight
                        on_select=select_on_map
                        visible=Signal::derive(move || tab.get() == Tab::Map)
                        tiles=tiles.clone()
                        label=Signal::derive(move || t_string!(i18n, map_label, town = town_name()).to_string())
                        circle_label=Signal::derive(move || t_string!(i18n, map_circle_label, km = state.read().radius_km).to_string())
                    />
                </div>
            </div>
        </Show>
    }
}
