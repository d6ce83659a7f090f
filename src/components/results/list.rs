//! The list of vacancies, nearest first: a full equivalent of the map for people who cannot use
//! one. Paged ("show more") so 100,000 rows never reach the DOM at once.

use crate::after_paint::when_idle_after_paint;
use crate::i18n::*;
use crate::labels::{
    dutch_ask_name, fit_name, format_count, format_km, vacancy_contract, vacancy_regime, LocalCount,
};
use crate::url_state::{use_current_view, view_href, RESULTS_PATH};
use crate::vacancies::{FilterKey, VacancyResults};
use leptos::prelude::*;
use passerelle_core::api::VacancySummary;
use passerelle_core::view_state::ViewState;
use passerelle_core::{FitClass, LatLon};
use wasm_bindgen::JsCast;

/// Rows shown first, and added per "show more": more than a laptop's or a kiosk's screen
/// holds, and every filter change builds them all again (with 50, the list was over half of
/// a filter change's time at 100,000 vacancies on a phone-class CPU).
pub const PAGE: usize = 20;

/// Cards built in the frame that shows a filter change: what a phone's or a laptop's list
/// shows above the fold. The rest of the page is built once that frame has been painted, so
/// the change appears after 6 cards are built instead of 20 (the cards were about a third of a
/// filter change's script on a phone-class CPU).
const FIRST_CARDS: usize = 6;

#[derive(Debug, Clone, PartialEq)]
struct ListItem {
    vacancy: VacancySummary,
    distance_km: f64,
    class: FitClass,
    /// The language the card's texts are written in: a card is built again, not updated,
    /// when the language changes, so its texts need no reactive update each (a filter change
    /// builds up to [`PAGE`] new cards, and their update effects were most of their cost).
    locale: Locale,
}

/// The load and the filters a list's rows come from.
type ShownFilters = (u64, Option<FilterKey>);

/// The list's rows, and how many of them have cards yet.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    items: Vec<ListItem>,
    built: usize,
    filters: ShownFilters,
}

/// How many of `items` get their cards at once: all of them, except when a change of filters
/// (or town) has changed the list; then the first few, and the rest once the change is painted.
/// Arriving pages and "show more" keep the filters, so they build all of theirs at once.
fn cards_now(previous: Option<&Shown>, items: &[ListItem], filters: &ShownFilters) -> usize {
    let changed = previous.is_some_and(|p| p.filters != *filters && p.items != items);
    if changed {
        items.len().min(FIRST_CARDS)
    } else {
        items.len()
    }
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
    let painted = Trigger::new();
    let shown = Memo::new(move |previous: Option<&Shown>| {
        painted.track();
        let rows = results.rows.read();
        let limit = limit.get();
        let locale = i18n.get_locale();
        let items = results.load.state.with(|load| {
            rows.rows
                .iter()
                .take(limit)
                .filter_map(|row| {
                    rows.vacancy(load, row).map(|v| ListItem {
                        vacancy: v.clone(),
                        distance_km: row.distance_km,
                        class: row.class,
                        locale,
                    })
                })
                .collect::<Vec<_>>()
        });
        let (generation, filters) = rows.filtered_by();
        let filters = (generation, filters.cloned());
        let built = cards_now(previous, &items, &filters);
        if built < items.len() {
            when_idle_after_paint(move || painted.notify());
        }
        Shown {
            items,
            built,
            filters,
        }
    });
    // Rows shown, cards built or not: what the status and "show more" count.
    let shown_count = Memo::new(move |_| shown.with(|s| s.items.len()));
    let total = move || results.rows.read().len();
    // One listener each on the list for pointer and focus, not four on every card: the card
    // under the pointer or holding focus is found from the event's target.
    let card_location = move |event: &web_sys::Event| {
        let id = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-vacancy-id]").ok().flatten())
            .and_then(|card| card.get_attribute("data-vacancy-id"))
            .and_then(|id| id.parse::<u32>().ok())?;
        shown.with_untracked(|shown| {
            shown
                .items
                .iter()
                .find(|item| item.vacancy.id == id)
                .map(|item| item.vacancy.location())
        })
    };
    let hover = move |at: Option<LatLon>| {
        if hovered.get_untracked() != at {
            hovered.set(at);
        }
    };

    view! {
        <div class="vacancy-list-wrap">
            <Show
                when=move || { total() > 0 }
                fallback=move || view! { <p class="list-empty">{t!(i18n, list_empty)}</p> }
            >
                <ol
                    class="vacancy-list"
                    aria-label=move || t_string!(i18n, list_label).to_string()
                    // Until its last cards are built the list keeps about their room, so a list
                    // scrolled down is not pulled up for a frame (cards are about 7rem tall).
                    style:min-height=move || shown.with(|s| {
                        (s.built < s.items.len()).then(|| format!("{}rem", s.items.len() * 7))
                    })
                    on:mouseover=move |e| hover(card_location(&e))
                    on:mouseleave=move |_| hover(None)
                    on:focusin=move |e| hover(card_location(&e))
                    on:focusout=move |_| hover(None)
                >
                    <For each=move || shown.with(|s| s.items[..s.built].to_vec()) key=|item| (item.vacancy.id, item.locale) let:item>
                        <VacancyCard item=item state=state />
                    </For>
                </ol>
                <p class="list-shown" role="status">
                    {move || t_string!(i18n, list_shown,
                        shown = format_count(i18n.get_locale(), shown_count.get()),
                        count = LocalCount::new(i18n.get_locale(), total())).to_string()}
                </p>
                <Show when=move || shown_count.get() < total()>
                    <button type="button" class="button button-secondary show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {t!(i18n, show_more)}
                    </button>
                </Show>
            </Show>
        </div>
    }
}

/// One vacancy in the list. Its texts are written once, in `item.locale`; only its link
/// follows the view (a kept card's link carries the current filters).
#[component]
fn VacancyCard(item: ListItem, state: Memo<ViewState>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = item.locale;
    let v = item.vacancy;
    let text_lang = v.text_lang();
    let id = v.id;
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
    // A component's body reads signals untracked: these are written once, in the language
    // of the moment, which is `item.locale`.
    let km = t_string!(i18n, km_away, km = format_km(locale, item.distance_km)).to_string();
    let fit = format!(
        "{} — {}",
        t_string!(
            i18n,
            dutch_required,
            level = dutch_ask_name(i18n, v.dutch())
        ),
        fit_name(i18n, item.class)
    );
    let bottleneck = v
        .bottleneck
        .then(|| t_string!(i18n, bottleneck_badge).to_string());
    let contract = vacancy_contract(i18n, &v);
    let regime = vacancy_regime(i18n, &v);
    view! {
        <li class="vacancy-item">
            <a class="vacancy-card" href=href data-vacancy-id=id>
                // dir="auto" isolates the API's text: a stray right-to-left override in a title
                // cannot reverse the distance and tags after it.
                <span class="vacancy-title" lang=text_lang dir="auto">{v.title}</span>
                <span class="vacancy-meta">
                    <span lang=text_lang dir="auto">{v.employer}</span>" · "<span lang=text_lang dir="auto">{v.place}</span>
                    " · "{km}
                </span>
                <span class="vacancy-tags">
                    <span class=format!("fit-badge {}", item.class.as_css())>
                        <span class="fit-icon" aria-hidden="true"></span>
                        {fit}
                    </span>
                    <span class="tag">{contract}</span>
                    <span class="tag">{regime}</span>
                    {bottleneck.map(|text| view! { <span class="tag tag-bottleneck">{text}</span> })}
                </span>
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::fixtures::vacancy;
    use passerelle_core::view_state::ViewState;

    fn items(ids: std::ops::Range<u32>) -> Vec<ListItem> {
        ids.map(|id| ListItem {
            vacancy: vacancy(id),
            distance_km: f64::from(id),
            class: FitClass::Within,
            locale: Locale::fr,
        })
        .collect()
    }

    fn filters(keyword: &str) -> ShownFilters {
        let state = ViewState {
            keyword: keyword.to_owned(),
            ..ViewState::default()
        };
        (1, Some(FilterKey::of(&state)))
    }

    fn shown(items: Vec<ListItem>, filters: ShownFilters) -> Shown {
        Shown {
            built: items.len(),
            items,
            filters,
        }
    }

    #[test]
    fn the_first_list_is_built_whole() {
        assert_eq!(cards_now(None, &items(0..20), &filters("")), 20);
    }

    #[test]
    fn a_filter_change_builds_the_first_cards_then_the_rest() {
        let before = shown(items(0..20), filters(""));
        let after = items(100..120);
        let staged = cards_now(Some(&before), &after, &filters("v"));
        assert_eq!(staged, FIRST_CARDS);
        // Once painted, the same rows under the same filters: every card.
        let first = Shown {
            built: staged,
            ..shown(after.clone(), filters("v"))
        };
        assert_eq!(cards_now(Some(&first), &after, &filters("v")), 20);
    }

    #[test]
    fn a_filter_change_that_keeps_the_list_rebuilds_nothing_in_two_steps() {
        let before = shown(items(0..20), filters(""));
        assert_eq!(cards_now(Some(&before), &items(0..20), &filters("v")), 20);
    }

    #[test]
    fn a_short_list_after_a_change_is_built_whole() {
        let before = shown(items(0..20), filters(""));
        assert_eq!(cards_now(Some(&before), &items(50..53), &filters("v")), 3);
    }

    #[test]
    fn arriving_pages_and_show_more_build_every_card_at_once() {
        let before = shown(items(0..20), filters(""));
        assert_eq!(cards_now(Some(&before), &items(0..40), &filters("")), 40);
    }

    #[test]
    fn a_new_town_is_a_change_of_list() {
        let before = shown(items(0..20), filters(""));
        let other_load = (2, filters("").1);
        assert_eq!(
            cards_now(Some(&before), &items(200..220), &other_load),
            FIRST_CARDS
        );
    }
}
