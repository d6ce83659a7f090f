//! The list of vacancies, nearest first: a full equivalent of the map for people who cannot use
//! one. Paged ("show more") so 100,000 rows never reach the DOM at once.

use crate::i18n::*;
use crate::labels::{
    dutch_ask_name, fit_name, format_count, format_km, vacancy_contract, vacancy_regime, LocalCount,
};
use crate::url_state::{use_current_view, view_href, RESULTS_PATH};
use crate::vacancies::VacancyResults;
use leptos::prelude::*;
use passerelle_core::api::VacancySummary;
use passerelle_core::view_state::ViewState;
use passerelle_core::{FitClass, LatLon};

/// Rows shown first, and added per "show more": more than a laptop's or a kiosk's screen
/// holds, and every filter change builds them all again (with 50, the list was over half of
/// a filter change's time at 100,000 vacancies on a phone-class CPU).
pub const PAGE: usize = 20;

#[derive(Debug, Clone, PartialEq)]
struct ListItem {
    vacancy: VacancySummary,
    distance_km: f64,
    class: FitClass,
}

#[component]
pub fn VacancyList(
    /// The vacancy under the pointer or keyboard focus, highlighted on the map.
    hovered: RwSignal<Option<LatLon>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let results = expect_context::<VacancyResults>();
    let state = use_current_view();
    // How many rows are shown. It only grows ("show more"): arriving pages and filter changes
    // never fold back a list the person has unfolded.
    let limit = RwSignal::new(PAGE);
    let items = Memo::new(move |_| {
        let rows = results.rows.read();
        let limit = limit.get();
        results.load.state.with(|load| {
            rows.rows
                .iter()
                .take(limit)
                .filter_map(|row| {
                    rows.vacancy(load, row).map(|v| ListItem {
                        vacancy: v.clone(),
                        distance_km: row.distance_km,
                        class: row.class,
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let total = move || results.rows.read().len();

    view! {
        <div class="vacancy-list-wrap">
            <Show
                when=move || { total() > 0 }
                fallback=move || view! { <p class="list-empty">{t!(i18n, list_empty)}</p> }
            >
                <ol class="vacancy-list" aria-label=move || t_string!(i18n, list_label).to_string()>
                    <For each=move || items.get() key=|item| item.vacancy.id let:item>
                        <VacancyCard item=item state=state hovered=hovered />
                    </For>
                </ol>
                <p class="list-shown" role="status">
                    {move || t_string!(i18n, list_shown,
                        shown = format_count(i18n.get_locale(), items.read().len()),
                        count = LocalCount::new(i18n.get_locale(), total())).to_string()}
                </p>
                <Show when=move || items.read().len() < total()>
                    <button type="button" class="button button-secondary show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {t!(i18n, show_more)}
                    </button>
                </Show>
            </Show>
        </div>
    }
}

#[component]
fn VacancyCard(
    item: ListItem,
    state: Memo<ViewState>,
    hovered: RwSignal<Option<LatLon>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = item.vacancy.location();
    let v = item.vacancy;
    let class = item.class;
    let distance = item.distance_km;
    let ask = v.dutch();
    let text_lang = v.text_lang();
    let terms = v.clone();
    let id = v.id;
    // Rows are keyed by id and kept across filter changes, so the link follows the current filters.
    let href = move || {
        view_href(
            RESULTS_PATH,
            &ViewState {
                vacancy: Some(id),
                applying: false,
                ..state.get()
            },
        )
    };
    let bottleneck = v.bottleneck;
    view! {
        <li class="vacancy-item">
            <a
                class="vacancy-card"
                href=href
                data-vacancy-id=v.id
                on:mouseenter=move |_| hovered.set(Some(location))
                on:mouseleave=move |_| hovered.set(None)
                on:focus=move |_| hovered.set(Some(location))
                on:blur=move |_| hovered.set(None)
            >
                // dir="auto" isolates the API's text: a stray right-to-left override in a title
                // cannot reverse the distance and tags after it.
                <span class="vacancy-title" lang=text_lang dir="auto">{v.title}</span>
                <span class="vacancy-meta">
                    <span lang=text_lang dir="auto">{v.employer}</span>" · "<span lang=text_lang dir="auto">{v.place}</span>
                    " · "{move || t_string!(i18n, km_away, km = format_km(i18n.get_locale(), distance)).to_string()}
                </span>
                <span class="vacancy-tags">
                    <span class=format!("fit-badge {}", class.as_css())>
                        <span class="fit-icon" aria-hidden="true"></span>
                        {move || t_string!(i18n, dutch_required, level = dutch_ask_name(i18n, ask)).to_string()}
                        " — "{move || fit_name(i18n, class)}
                    </span>
                    <span class="tag">{let terms = terms.clone(); move || vacancy_contract(i18n, &terms)}</span>
                    <span class="tag">{move || vacancy_regime(i18n, &terms)}</span>
                    {bottleneck.then(|| view! { <span class="tag tag-bottleneck">{t!(i18n, bottleneck_badge)}</span> })}
                </span>
            </a>
        </li>
    }
}
