//! Step 1 and 2 of the journey: where do you live, and how is your Dutch.

mod dutch_picker;
mod locate;
mod town_picker;

use crate::components::desk::DeskEnabled;
use crate::components::kiosk::{KioskLanguages, KioskTowns};
use crate::i18n::*;
use crate::mode::use_kiosk;
use crate::url_state::desk_href;
use crate::url_state::{use_view_navigator, use_view_state, History, RESULTS_PATH};
use dutch_picker::DutchLevelPicker;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use locate::UseMyLocation;
use passerelle_core::desk::DeskState;
pub use town_picker::TownPicker;
use wasm_bindgen::JsCast;

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let url = use_view_state();
    // Coming back from the results ("change my search") keeps what was chosen.
    let initial = url.get_untracked().0;
    let town = RwSignal::new(initial.town);
    let dutch = RwSignal::new(initial.dutch);
    // Whether "show jobs" was pressed without a town. The message is translated when shown,
    // so it follows a language switch.
    let town_missing = RwSignal::new(false);
    let town_error = Signal::derive(move || {
        town_missing
            .get()
            .then(|| t_string!(i18n, town_required).to_string())
    });
    let navigate = use_view_navigator();

    Effect::new(move |_| {
        if town.get().is_some() {
            town_missing.set(false);
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = town.get_untracked() else {
            town_missing.set(true);
            if let Some(input) = document().get_element_by_id("town-input") {
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
            return;
        };
        let mut state = url.get_untracked().0;
        state.town = Some(chosen);
        state.dutch = dutch.get_untracked();
        state.vacancy = None;
        state.applying = false;
        navigate(RESULTS_PATH, &state, History::Push);
    };

    let kiosk = use_kiosk().is_some();
    // Never on a kiosk: the desk is a counsellor's working view, not a visitor's.
    let desk = !kiosk && use_context::<DeskEnabled>().is_some_and(|d| d.0);
    view! {
        <div class="start-page">
            {kiosk.then(|| view! { <KioskLanguages /> })}
            <h1>{t!(i18n, start_title)}</h1>
            <p class="intro">{t!(i18n, start_intro)}</p>
            <form class="start-form" on:submit=submit novalidate>
                {kiosk.then(|| view! { <KioskTowns selected=town /> })}
                <TownPicker selected=town error=town_error />
                // A kiosk's position is the fair's, not the visitor's home.
                {(!kiosk).then(|| view! { <UseMyLocation selected=town /> })}
                <DutchLevelPicker selected=dutch />
                <button type="submit" class="button button-primary">{t!(i18n, show_jobs)}</button>
            </form>
            // In the language on screen, as every link of the app (the URL names it).
            {desk.then(|| view! { <p class="desk-entry"><a href=move || {
                let mut empty_desk = DeskState::default();
                empty_desk.lang = Some(locale_code(i18n.get_locale()));
                desk_href(&empty_desk)
            }>{t!(i18n, desk_link)}</a></p> })}
        </div>
    }
}
