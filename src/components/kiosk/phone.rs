//! QR codes that carry a kiosk visitor's search, or a page outside the app, to their phone.

use crate::components::qr::QrCode;
use crate::i18n::*;
use crate::mode::use_kiosk;
use crate::url_state::{use_current_view, RESULTS_PATH};
use leptos::prelude::*;

/// "Continue on my phone": the current search (town, level, filters, open vacancy, language)
/// at the deployment's public address. Nothing the visitor typed in a form goes into it.
#[component]
pub fn ContinueOnPhone() -> impl IntoView {
    let i18n = use_i18n();
    let Some(kiosk) = use_kiosk() else {
        return ().into_any();
    };
    let view_state = use_current_view();
    let url = Signal::derive(move || {
        kiosk.continue_url(
            RESULTS_PATH,
            &view_state.read(),
            locale_code(i18n.get_locale()),
        )
    });
    let label = Signal::derive(move || t_string!(i18n, kiosk_phone_qr_label).to_string());
    view! {
        <section class="phone-handoff" aria-labelledby="phone-handoff-title">
            <h2 id="phone-handoff-title">{t!(i18n, kiosk_phone_title)}</h2>
            <QrCode text=url label=label />
            <p>{t!(i18n, kiosk_phone_text)}</p>
        </section>
    }
    .into_any()
}

/// A page outside the app (an employer's application form) as a QR code to open on a phone:
/// a kiosk never leaves the app.
#[component]
pub fn PhoneLink(url: String, #[prop(into)] explanation: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let label = Signal::derive(move || t_string!(i18n, kiosk_external_qr_label).to_string());
    view! {
        <div class="phone-link">
            <QrCode text=url label=label />
            <p>{explanation}</p>
        </div>
    }
}
