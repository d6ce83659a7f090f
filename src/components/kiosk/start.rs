//! The kiosk's start screen additions: the four languages and the fair's nearby towns as big
//! buttons, so a standing visitor gets going with touch alone (no keyboard needed).

use crate::components::header::use_language_switch;
use crate::i18n::*;
use crate::mode::use_kiosk;
use leptos::prelude::*;
use passerelle_core::municipality::Municipality;

/// The four interface languages, each named in itself.
#[component]
pub fn KioskLanguages() -> impl IntoView {
    let i18n = use_i18n();
    let switch_to = use_language_switch();
    view! {
        <div class="kiosk-languages" role="group" aria-label="Langue · Taal · Sprache · Language">
            {LOCALE_NAMES.into_iter().map(|(locale, name)| {
                let switch_to = switch_to.clone();
                view! {
                    <button type="button" class="button kiosk-language" lang=locale_code(locale)
                        aria-pressed=move || (i18n.get_locale() == locale).to_string()
                        on:click=move |_| switch_to(locale)>
                        {name}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The deployment's towns as buttons that choose the home town.
#[component]
pub fn KioskTowns(selected: RwSignal<Option<&'static Municipality>>) -> impl IntoView {
    let i18n = use_i18n();
    let towns = use_kiosk().map(|k| k.towns.clone()).unwrap_or_default();
    view! {
        <fieldset class="kiosk-towns">
            <legend>{t!(i18n, kiosk_towns_legend)}</legend>
            <div class="kiosk-town-buttons">
                {towns.into_iter().map(|town| view! {
                    <button type="button" class="button kiosk-town"
                        aria-pressed=move || (selected.get() == Some(town)).to_string()
                        on:click=move |_| selected.set(Some(town))>
                        {move || town.name_in(locale_code(i18n.get_locale()))}
                    </button>
                }).collect_view()}
            </div>
        </fieldset>
    }
}
