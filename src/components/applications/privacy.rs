//! What the app keeps on this device, and for how long, in plain words: shown by the form and on
//! the list of applications. The durations come from the core's retention constants.

use crate::i18n::*;
use leptos::prelude::*;
use passerelle_core::on_device::{DRAFT_RETENTION_DAYS, SENT_RETENTION_DAYS};

#[component]
pub fn DevicePrivacyNote() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="device-privacy">
            <p>
                <strong>{t!(i18n, privacy_device_title)}</strong>" "
                {t!(i18n, privacy_device_draft, days = DRAFT_RETENTION_DAYS)}
            </p>
            <p>{t!(i18n, privacy_device_sent, days = SENT_RETENTION_DAYS)}</p>
            <p>{t!(i18n, privacy_device_shared)}</p>
        </div>
    }
}
