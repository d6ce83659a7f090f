//! The filters. Each change shows at once (filtering is local), and the URL follows, replacing
//! the history entry (see `url_state::UrlSynced`).

use crate::components::choices::{ContractSelect, RegimeSelect};
use crate::i18n::*;
use crate::labels::{reach_name, LocalCount};
use crate::url_state::{use_current_view, use_view_editor};
use leptos::prelude::*;
use passerelle_core::view_state::{MyDutch, Reach, ViewState, MAX_RADIUS_KM, MIN_RADIUS_KM};

/// Where the results stack the list above the map (tall portrait screens); the same query as in
/// `style/main.css`.
const STACKED_LAYOUT: &str = "(min-width: 1000px) and (min-height: 1400px)";

/// Whether a panel above the list starts open: beside the list on a laptop, yes; folded where
/// the list sits below it (phones, portrait screens), since it would fill the first screen, and
/// on kiosks, whose visitors come for the vacancies first.
pub fn open_beside_the_list() -> bool {
    let matches = |query: &str| {
        window()
            .match_media(query)
            .ok()
            .flatten()
            .is_some_and(|q| q.matches())
    };
    let side_by_side = matches("(min-width: 900px)") && !matches(STACKED_LAYOUT);
    side_by_side && crate::mode::use_kiosk().is_none()
}

/// `unstated`: how many loaded vacancies state no Dutch level (the choice to show them only
/// appears when there are some).
#[component]
pub fn Filters(#[prop(into)] unstated: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_current_view();
    let shown = use_view_editor();
    let change = move |edit: &dyn Fn(&mut ViewState)| {
        shown.edit(|next| {
            edit(next);
            next.vacancy = None;
            next.applying = false;
        });
    };
    let change = StoredValue::new(change);
    let open_at_start = open_beside_the_list();
    let set = move |edit: Box<dyn Fn(&mut ViewState)>| change.with_value(|c| c(&*edit));
    // Only a level filter hides or shows offers stating no level.
    let offer_unstated_choice =
        move || unstated.get() > 0 && state.read().filter().dutch_max.is_some();

    view! {
        <details class="filters" open=open_at_start>
            <summary>{t!(i18n, filters_title)}</summary>
            <div class="filters-body">
                <Show when=move || state.read().dutch != MyDutch::Unknown>
                    <div class="field">
                        <label for="filter-reach">{t!(i18n, filter_reach)}</label>
                        <select id="filter-reach" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            set(Box::new(move |s| s.reach = Reach::parse(&value).unwrap_or_default()));
                        }>
                            {Reach::ALL.into_iter().map(|r| view! {
                                <option value=r.as_str() selected=move || state.read().reach == r>{move || reach_name(i18n, r)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <div class="field">
                    <label for="filter-radius">{move || t_string!(i18n, filter_radius, km = state.read().radius_km).to_string()}</label>
                    <input
                        id="filter-radius"
                        type="range"
                        min=MIN_RADIUS_KM
                        max=MAX_RADIUS_KM
                        step="5"
                        prop:value=move || state.read().radius_km.to_string()
                        on:input=move |ev| {
                            if let Ok(km) = event_target_value(&ev).parse::<u8>() {
                                set(Box::new(move |s| s.radius_km = km.clamp(MIN_RADIUS_KM, MAX_RADIUS_KM)));
                            }
                        }
                    />
                </div>
                <div class="field">
                    <label for="filter-keyword">{t!(i18n, filter_keyword)}</label>
                    <input
                        id="filter-keyword"
                        type="search"
                        aria-describedby="filter-keyword-hint"
                        prop:value=move || state.read().keyword.clone()
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            set(Box::new(move |s| s.keyword = value.clone()));
                        }
                    />
                    <p class="field-hint" id="filter-keyword-hint">{t!(i18n, filter_keyword_hint)}</p>
                </div>
                <ContractSelect
                    id="filter-contract"
                    value=Signal::derive(move || state.read().contract)
                    on_change=Callback::new(move |c| set(Box::new(move |s| s.contract = c)))
                />
                <RegimeSelect
                    id="filter-regime"
                    value=Signal::derive(move || state.read().regime)
                    on_change=Callback::new(move |r| set(Box::new(move |s| s.regime = r)))
                />
                <Show when=offer_unstated_choice>
                    <div class="field field-check">
                        <input
                            id="filter-unstated"
                            type="checkbox"
                            prop:checked=move || !state.read().hide_unstated_level
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                set(Box::new(move |s| s.hide_unstated_level = !checked));
                            }
                        />
                        <label for="filter-unstated">
                            {move || t_string!(i18n, filter_show_unstated, count = LocalCount::new(i18n.get_locale(), unstated.get())).to_string()}
                        </label>
                    </div>
                </Show>
                <div class="field field-check">
                    <input
                        id="filter-bottleneck"
                        type="checkbox"
                        prop:checked=move || state.read().bottleneck_only
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            set(Box::new(move |s| s.bottleneck_only = checked));
                        }
                    />
                    <label for="filter-bottleneck">{t!(i18n, filter_bottleneck)}</label>
                </div>
                <button type="button" class="button button-link" on:click=move |_| set(Box::new(|s| {
                    *s = ViewState { town: s.town, dutch: s.dutch, lang: s.lang, ..ViewState::default() };
                }))>
                    {t!(i18n, reset_filters)}
                </button>
            </div>
        </details>
    }
}
