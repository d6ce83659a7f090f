//! The person's towns (up to five, each with its own radius) and Dutch level.

use super::use_desk;
use crate::components::start::TownPicker;
use crate::i18n::*;
use crate::labels::my_dutch_name;
use leptos::prelude::*;
use passerelle_core::desk::{TownError, MAX_TOWNS};
use passerelle_core::municipality::Municipality;
use passerelle_core::view_state::{MyDutch, MAX_RADIUS_KM, MIN_RADIUS_KM};
use passerelle_core::DutchLevel;

/// The radii a select offers: every 5 km (a link's own value is added when it is not one).
pub(crate) fn radius_choices(current: u8) -> Vec<u8> {
    let mut choices: Vec<u8> = (MIN_RADIUS_KM..=MAX_RADIUS_KM).step_by(5).collect();
    if !choices.contains(&current) {
        choices.push(current);
        choices.sort_unstable();
    }
    choices
}

#[component]
pub fn DeskTowns() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let lang = move || locale_code(i18n.get_locale());
    let picked = RwSignal::new(None::<&'static Municipality>);
    let full = Memo::new(move |_| desk.state.with(|s| s.towns().len() >= MAX_TOWNS));
    let add = Callback::new(move |m: &'static Municipality| {
        let radius = passerelle_core::desk::state::DEFAULT_TOWN_RADIUS_KM;
        // A second pick of a chosen town, or a sixth, changes nothing; the list says why.
        desk.edit(|s| {
            let _: Result<(), TownError> = s.add_town(m, radius);
        });
    });
    let towns = Memo::new(move |_| {
        desk.state.with(|s| {
            s.towns()
                .iter()
                .map(|t| (t.municipality, t.radius_km))
                .collect::<Vec<_>>()
        })
    });
    let levels: Vec<MyDutch> = DutchLevel::ALL
        .into_iter()
        .map(MyDutch::Level)
        .chain(std::iter::once(MyDutch::Unknown))
        .collect();

    view! {
        <div class="desk-profile">
            <fieldset class="desk-towns">
                <legend>{t!(i18n, desk_towns_legend)}</legend>
                <ul class="desk-town-list">
                    <For each=move || towns.get() key=|(m, r)| (m.nis_code, *r) let:((m, radius))>
                        <li class="desk-town">
                            <span class="desk-town-name">{move || m.name_in(lang()).to_owned()}</span>
                            <label class="desk-radius">
                                <span class="sr-only">{move || t_string!(i18n, desk_radius, town = m.name_in(lang())).to_string()}</span>
                                <select on:change=move |ev| {
                                    if let Ok(km) = event_target_value(&ev).parse::<u8>() {
                                        desk.edit(|s| {
                                            let _ = s.set_radius(m.nis_code, km);
                                        });
                                    }
                                }>
                                    {radius_choices(radius).into_iter().map(|km| view! {
                                        <option value=km.to_string() prop:selected=km == radius>{format!("{km} km")}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <button type="button" class="button button-small"
                                on:click=move |_| desk.edit(|s| {
                                    s.remove_town(m.nis_code);
                                })
                            >{move || t_string!(i18n, desk_remove_town, town = m.name_in(lang())).to_string()}</button>
                        </li>
                    </For>
                </ul>
                <Show
                    when=move || !full.get()
                    fallback=move || view! { <p class="field-note">{t!(i18n, desk_towns_full)}</p> }
                >
                    <TownPicker
                        selected=picked
                        error=Signal::derive(|| None::<String>)
                        on_pick=add
                        label=Signal::derive(move || t_string!(i18n, desk_add_town).to_string())
                    />
                </Show>
            </fieldset>
            <div class="field desk-level">
                <label for="desk-level">{t!(i18n, desk_level)}</label>
                <select id="desk-level" on:change=move |ev| {
                    if let Some(level) = MyDutch::parse(&event_target_value(&ev)) {
                        desk.edit(|s| s.dutch = level);
                    }
                }>
                    {levels.into_iter().map(|level| view! {
                        <option value=level.as_str() prop:selected=move || desk.state.with(|s| s.dutch == level)>
                            {move || my_dutch_name(i18n, level)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radius_choices_go_by_five_and_keep_a_links_own_value() {
        assert_eq!(radius_choices(60).first(), Some(&5));
        assert_eq!(radius_choices(60).last(), Some(&60));
        assert!(radius_choices(37).contains(&37));
        assert!(radius_choices(37).is_sorted());
    }
}
