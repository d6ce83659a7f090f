//! Kiosk mode: an unattended touch screen at a job fair.
//!
//! - Nothing personal reaches storage (`storage::keep_in_memory_only`).
//! - Every in-app navigation replaces the current history entry, so the app never leaves a
//!   trail of a visitor's searches behind the screen.
//! - After a quiet time a "still there?" question counts down; unanswered, [`KioskSession`]
//!   wipes the visitor's traces and shows a fresh start screen in the kiosk's language.
//! - Links that would leave the app are shown as QR codes to open on a phone (`ContinueOnPhone`,
//!   `PhoneLink`).

mod phone;
mod start;

pub use phone::{ContinueOnPhone, PhoneLink};
pub use start::{KioskLanguages, KioskTowns};

use crate::i18n::*;
use crate::storage;
use crate::url_state::START_PATH;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use leptos_use::{
    use_event_listener_with_options, use_idle_with_options, use_interval_fn,
    UseEventListenerOptions, UseIdleOptions, UseIdleReturn,
};
use passerelle_core::kiosk::{seconds_left, KioskSettings};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// How often idleness and the countdown are checked.
const TICK_MS: u64 = 500;

/// What counts as a visitor being there: touch, pointer, keys, scrolling.
const ACTIVITY_EVENTS: [&str; 7] = [
    "pointerdown",
    "pointermove",
    "touchstart",
    "keydown",
    "wheel",
    "scroll",
    "input",
];

/// Runs the screens in `children` as a kiosk: idle question, reset, no history trail.
#[component]
pub fn KioskSession(settings: Arc<KioskSettings>, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    storage::keep_in_memory_only();
    replace_history_on_link_clicks();
    // The kiosk speaks its own language until a visitor picks another, whatever the browser's.
    let lang_in_address =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get_str("lang").is_some());
    if !lang_in_address {
        if let Some(locale) = locale_from_code(settings.language) {
            i18n.set_locale(locale);
        }
    }

    // Bumped by a reset: the screens below are dropped and made anew, with every signal, form
    // field and map view they held.
    let generation = RwSignal::new(0u32);
    // When the current visitor's session started; the question is only asked once someone has
    // touched the screen since, so an untouched start screen is never interrupted.
    let session_started = RwSignal::new(js_sys::Date::now());
    // When the visitor last answered "continue".
    let continued_at = RwSignal::new(0.0);
    // The deadline of the "still there?" question while it is shown.
    let asking = RwSignal::new(None::<f64>);

    // use_idle listens for activity; idleness itself is judged on a steady tick from the time of
    // the last activity rather than by its one-shot timer, so a timer the browser delayed or a
    // clock that jumped (a laptop lid, a test's fake clock) still ends in the right state.
    let UseIdleReturn { last_active, .. } = use_idle_with_options(
        u64::from(settings.idle_seconds) * 1000,
        UseIdleOptions::default().events(ACTIVITY_EVENTS.iter().map(|e| e.to_string()).collect()),
    );
    let now = RwSignal::new(js_sys::Date::now());
    let _ticker = use_interval_fn(move || now.set(js_sys::Date::now()), TICK_MS);

    let idle_ms = f64::from(settings.idle_seconds) * 1000.0;
    let countdown_ms = f64::from(settings.countdown_seconds) * 1000.0;
    Effect::new(move |_| {
        let now = now.get();
        let started = session_started.get();
        let active = last_active.get();
        let someone_was_here = active > started;
        let quiet_since = active.max(started).max(continued_at.get());
        if someone_was_here && now - quiet_since >= idle_ms && asking.get_untracked().is_none() {
            asking.set(Some(now + countdown_ms));
        }
    });

    let navigate = use_navigate();
    let language = settings.language;
    let wipe = move || {
        asking.set(None);
        session_started.set(js_sys::Date::now());
        storage::forget_everything();
        if let Some(locale) = locale_from_code(language) {
            i18n.set_locale(locale);
        }
        navigate(
            &format!("{START_PATH}?lang={language}"),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        // Once the router shows the start path, drop and rebuild every screen.
        request_animation_frame(move || {
            generation.update(|g| *g += 1);
            window().scroll_to_with_x_and_y(0.0, 0.0);
        });
    };

    let seconds = Memo::new(move |_| {
        asking
            .get()
            .map(|deadline| seconds_left(deadline, now.get()))
    });
    Effect::new(move |_| {
        if seconds.get() == Some(0) {
            wipe();
        }
    });

    let stay = move |_| {
        continued_at.set(js_sys::Date::now());
        asking.set(None);
    };

    let continue_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if asking.get().is_some() {
            crate::focus::focus_after_render(continue_button);
        }
    });

    view! {
        // While the question is asked, the screens behind it take no focus or touch.
        <div class="kiosk" inert=move || asking.get().is_some()>
            {move || {
                generation.track();
                children()
            }}
        </div>
        <Show when=move || asking.get().is_some()>
            <div class="kiosk-idle-backdrop">
                <div class="kiosk-idle" role="alertdialog" aria-modal="true"
                    aria-labelledby="kiosk-idle-title" aria-describedby="kiosk-idle-text">
                    <h2 id="kiosk-idle-title">{t!(i18n, kiosk_idle_title)}</h2>
                    <p id="kiosk-idle-text">{t!(i18n, kiosk_idle_text)}</p>
                    // The number changes every second; screen readers get the sentence once.
                    <p class="kiosk-countdown" aria-hidden="true">
                        {move || seconds.get().unwrap_or_default()}
                    </p>
                    <button type="button" class="button button-primary kiosk-continue"
                        node_ref=continue_button on:click=stay>
                        {t!(i18n, kiosk_idle_continue)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Makes the router replace the current entry for every link followed in the app (it reads
/// an anchor's `replace` property), so nothing a visitor searched stays in the history.
/// Programmatic navigations do the same through `url_state::use_view_navigator`.
fn replace_history_on_link_clicks() {
    let _ = use_event_listener_with_options(
        document(),
        leptos::ev::click,
        |ev| {
            let anchor = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten());
            if let Some(anchor) = anchor {
                let _ = js_sys::Reflect::set(&anchor, &"replace".into(), &JsValue::TRUE);
            }
        },
        // Capture: before the router's own click handler on the window reads the property.
        UseEventListenerOptions::default().capture(true),
    );
}
