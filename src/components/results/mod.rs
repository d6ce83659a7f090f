//! Step 3–5 of the journey: the map and the list of vacancies around the home town, the filters,
//! and the vacancy opened from either.

mod filters;
mod legend;
mod list;
mod summary;

pub use filters::open_beside_the_list;
pub use summary::LoadSummary;

pub use crate::api::use_api;
use crate::components::kiosk::ContinueOnPhone;
use crate::components::level_payoff::{LevelPayoff, LevelTally};
use crate::components::map::{HomeArea, MapPoint, Tiles, VacancyMap};
use crate::components::source_attribution::SourceAttribution;
use crate::components::status::DroppedParamsNotice;
use crate::components::vacancy::VacancyView;
use crate::focus::{focus_after_render, focus_heading_after_render};
use crate::i18n::*;
use crate::labels::{format_count, my_dutch_name};
use crate::url_state::{
    use_view_editor, use_view_navigator, use_view_state, view_href, CurrentView, UrlSynced,
    UrlWrite, RESULTS_PATH, START_PATH,
};
use crate::vacancies::{FilterKey, VacancyResults};
use filters::Filters;
use legend::MapLegend;
use leptos::prelude::*;
use leptos_meta::Title;
use list::VacancyList;
use passerelle_core::filter::SearchArea;
use passerelle_core::view_state::{DroppedParam, ViewState};
use passerelle_core::{LatLon, SUITABLE_RADIUS_KM};
use std::sync::Arc;

/// The URL's view state with the parameters that were dropped, parsed once per page.
type ParsedUrl = Memo<(ViewState, Vec<DroppedParam>)>;

/// Which half a phone shows (a laptop shows both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    List,
    Map,
}

#[component]
pub fn ResultsPage(tiles: Option<Tiles>) -> impl IntoView {
    let url = use_view_state();
    let navigate = use_view_navigator();
    // A filter change has a frame budget (issue 11); the address can follow once it is painted.
    let synced = UrlSynced::new(url, UrlWrite::AfterPaint, move |s, history| {
        navigate(RESULTS_PATH, s, history)
    });
    provide_context(synced);
    let state = Memo::new(move |_| synced.state().get());
    let town = Memo::new(move |_| state.read().town);
    view! {
        <Show
            when=move || town.get().is_some()
            fallback=move || view! { <UnknownTown url=url /> }
        >
            <Results tiles=tiles.clone() url=url state=state />
        </Show>
    }
}

/// A link whose town is missing or not a Walloon municipality: say so, and offer the start.
#[component]
fn UnknownTown(url: ParsedUrl) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_after_render(heading);
    let typed = move || {
        url.read().1.iter().find(|d| d.key == "town").map(|d| {
            match passerelle_core::municipality::by_nis(&d.value) {
                // A real municipality outside Wallonia (e.g. a Flemish one): name it.
                Some(m) => format!(
                    "{} – {}",
                    m.name_in(locale_code(i18n.get_locale())),
                    d.value
                ),
                None => d.value.clone(),
            }
        })
    };
    view! {
        <div class="start-page">
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, town_param_title)}</h1>
            <p class="notice notice-info" role="status">
                {move || match typed() {
                    Some(value) => t_string!(i18n, town_param_unknown, town = value).to_string(),
                    None => t_string!(i18n, town_param_missing).to_string(),
                }}
            </p>
            <a class="button button-primary" href=move || view_href(START_PATH, &url.read().0)>{t!(i18n, back_home)}</a>
        </div>
    }
}

#[component]
fn Results(tiles: Option<Tiles>, url: ParsedUrl, state: Memo<ViewState>) -> impl IntoView {
    let i18n = use_i18n();
    let town = Memo::new(move |_| state.read().town);
    let homes = Memo::new(move |_| {
        town.get()
            .map(|t| vec![SearchArea::new(t.location, SUITABLE_RADIUS_KM)])
            .unwrap_or_default()
    });
    let filters = Memo::new(move |_| FilterKey::of(&state.read()));
    let results = VacancyResults::new(use_api(), homes, filters);
    provide_context(results);
    // Counted as pages arrive, whether or not the chart is on screen (it hides with the filters).
    // Counted in the frame that shows a filter change, not after it: the chart sits above the
    // list, and a sentence that rewraps a frame later moved the list under a pointer.
    let level_tally = Memo::new_owning(move |previous: Option<LevelTally>| {
        let state = state.read();
        results
            .load
            .state
            .with(|load| LevelTally::update(previous, load, &state))
    });
    provide_context(CurrentView(state));
    let traits = Memo::new(move |_| results.load.state.with(|l| l.vacancies.traits()));
    // Only a change of vacancy swaps the list and the detail; other state changes update them in place.
    let open_vacancy = Memo::new(move |_| state.read().vacancy);
    let hovered = RwSignal::new(None::<LatLon>);
    let tab = RwSignal::new(Tab::List);
    let shown = use_view_editor();
    let heading = NodeRef::<leptos::html::H1>::new();

    // Arriving from the start page (or a link) puts focus on the page's heading, as a route
    // change does in an accessible single-page app; closing a vacancy returns focus to it.
    if open_vacancy.get_untracked().is_none() {
        focus_after_render(heading);
    }
    Effect::new(move |previous: Option<Option<u32>>| {
        let now = open_vacancy.get();
        if let (Some(Some(closed)), None) = (previous, now) {
            hovered.set(None);
            focus_heading_after_render(&format!("[data-vacancy-id=\"{closed}\"]"), heading);
        }
        now
    });

    let points = Signal::derive(move || {
        let rows = results.rows.read();
        results.load.state.with(|load| {
            if !rows.is_of(load) {
                return Arc::default();
            }
            MapPoint::all_of(
                &load.vacancies,
                rows.rows.iter().map(|r| (r.index, r.class)),
            )
        })
    });
    let selected_location = Memo::new(move |_| {
        let id = open_vacancy.get()?;
        results.find(id).map(|v| v.location())
    });
    let highlight = Signal::derive(move || hovered.get().or(selected_location.get()));
    let map_homes = Memo::new(move |_| {
        let s = state.read();
        s.town
            .map(|town| HomeArea {
                town,
                radius_km: f64::from(s.radius_km),
            })
            .into_iter()
            .collect::<Vec<_>>()
    });
    let points_complete = Memo::new(move |_| {
        results
            .load
            .state
            .with(|s| s.is_complete_for(&homes.read()))
    });
    let select_on_map = Callback::new(move |id: u32| {
        let next = ViewState {
            vacancy: Some(id),
            applying: false,
            ..state.get_untracked()
        };
        tab.set(Tab::List);
        shown.push(next);
    });
    let town_name = move || {
        town.get()
            .map(|t| t.name_in(locale_code(i18n.get_locale())))
            .unwrap_or_default()
    };
    let count = move || results.rows.read().len();
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
        <div class="results-page" class:show-map=move || tab.get() == Tab::Map>
            <Title text=move || t_string!(i18n, page_title_results, town = town_name()).to_string() />
            <section class="results-panel" aria-labelledby="results-heading">
                <div class="results-head">
                    <h1 id="results-heading" tabindex="-1" node_ref=heading>{move || t_string!(i18n, results_title, town = town_name()).to_string()}</h1>
                    <p class="your-level">
                        {move || t_string!(i18n, your_level, level = my_dutch_name(i18n, state.read().dutch)).to_string()}
                        " · "
                        <a href=change_href>{t!(i18n, change_search)}</a>
                    </p>
                </div>
                <DroppedParamsNotice dropped=Signal::derive(move || url.read().1.clone()) />
                <LoadSummary
                    load=results.load
                    count=Signal::derive(count)
                    within=Signal::derive(move || t_string!(i18n, count_within, km = state.read().radius_km).to_string())
                />
                <Show when=move || open_vacancy.get().is_none()>
                    <Filters unstated=Signal::derive(move || traits.get().unstated_level) />
                    <LevelPayoff tally=level_tally />
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
                        Some(id) => view! { <VacancyView id=id /> }.into_any(),
                        None => view! { <VacancyList hovered=hovered /> }.into_any(),
                    }}
                </div>
            </section>
            <div id="results-map" class="results-map">
                <MapLegend dutch=Signal::derive(move || state.read().dutch)
                    unstated=Signal::derive(move || traits.get().unstated_level > 0) />
                <SourceAttribution forem=Signal::derive(move || traits.get().from_forem > 0) />
                <VacancyMap
                    homes=map_homes
                    points=points
                    points_complete=points_complete
                    highlight=highlight
                    on_select=select_on_map
                    visible=Signal::derive(move || tab.get() == Tab::Map)
                    tiles=tiles.clone()
                    label=Signal::derive(move || t_string!(i18n, map_label, town = town_name()).to_string())
                    circle_label=Signal::derive(move || t_string!(i18n, map_circle_label, km = state.read().radius_km).to_string())
                />
                // Kiosk only: the search (and the open vacancy) as a QR code for the visitor's phone.
                <ContinueOnPhone />
            </div>
        </div>
    }
}
