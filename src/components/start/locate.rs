//! "Use my location": asks the browser once, proposes the nearest Walloon municipality and asks
//! the person to confirm it.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_use::{use_geolocation_with_options, UseGeolocationOptions, UseGeolocationReturn};
use passerelle_core::municipality::{nearest_home_town, Municipality};
use passerelle_core::LatLon;

/// `PositionError.PERMISSION_DENIED`.
const PERMISSION_DENIED: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Locating {
    Idle,
    Asking,
    Proposed(&'static Municipality),
    Denied,
    Failed,
}

#[component]
pub fn UseMyLocation(selected: RwSignal<Option<&'static Municipality>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Locating::Idle);
    let UseGeolocationReturn {
        coords,
        error,
        resume,
        pause,
        ..
    } = use_geolocation_with_options(
        UseGeolocationOptions::default()
            .immediate(false)
            .maximum_age(60_000),
    );

    let pause_on_answer = pause.clone();
    Effect::new(move |_| {
        let position =
            coords.with(|c| c.as_ref().map(|c| LatLon::new(c.latitude(), c.longitude())));
        if let (Some(p), Locating::Asking) = (position, state.get_untracked()) {
            pause_on_answer();
            state.set(match nearest_home_town(p) {
                Some((m, _)) => Locating::Proposed(m),
                None => Locating::Failed,
            });
        }
    });
    Effect::new(move |_| {
        let code = error.with(|e| e.as_ref().map(|e| e.code()));
        if let (Some(code), Locating::Asking) = (code, state.get_untracked()) {
            pause();
            state.set(if code == PERMISSION_DENIED {
                Locating::Denied
            } else {
                Locating::Failed
            });
        }
    });

    let ask = move |_| {
        state.set(Locating::Asking);
        resume();
    };

    view! {
        <div class="locate">
            <button type="button" class="button button-secondary" on:click=ask disabled=move || state.get() == Locating::Asking>
                {t!(i18n, use_location)}
            </button>
            <div role="status" aria-live="polite">
                {move || match state.get() {
                    Locating::Idle => ().into_any(),
                    Locating::Asking => view! { <p>{t!(i18n, locating)}</p> }.into_any(),
                    Locating::Denied => view! { <p class="field-error">{t!(i18n, location_denied)}</p> }.into_any(),
                    Locating::Failed => view! { <p class="field-error">{t!(i18n, location_failed)}</p> }.into_any(),
                    Locating::Proposed(m) => view! {
                        <div class="notice notice-info">
                            <p>{t!(i18n, location_propose, town = move || m.name_in(locale_code(i18n.get_locale())))}</p>
                            <button type="button" class="button" on:click=move |_| { selected.set(Some(m)); state.set(Locating::Idle); }>
                                {t!(i18n, location_confirm)}
                            </button>
                            " "
                            <button type="button" class="button button-secondary" on:click=move |_| state.set(Locating::Idle)>
                                {t!(i18n, location_reject)}
                            </button>
                        </div>
                    }.into_any(),
                }}
            </div>
        </div>
    }
}
