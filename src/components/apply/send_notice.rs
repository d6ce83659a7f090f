//! What the form says about a send that got no receipt: why, when "send" works again, the
//! question before a new key, and the warning that an edited resend may reach the employer twice.

use crate::api::ApiError;
use crate::i18n::*;
use crate::labels::{api_error, clock_time};
use leptos::prelude::*;
use passerelle_core::on_device::SentApplication;

/// Where a send stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SendState {
    Idle,
    InFlight,
    /// No receipt; the draft's attempt says whether the server may hold it.
    Failed(ApiError),
    /// A busy server (429/503) refused it and said when to come back: "send" waits until
    /// `until_ms` (wall clock), then sends again under the same key.
    Busy {
        until_ms: f64,
    },
    /// The busy server's wait is over.
    BusyOver,
    /// The server holds other content under this draft's key: sending needs the person's yes.
    KeyTaken,
    Sent(SentApplication),
}

impl SendState {
    /// "Send" does nothing now (the button is disabled and Enter in a field is ignored).
    pub fn blocks_send(&self) -> bool {
        matches!(self, SendState::InFlight | SendState::Busy { .. })
    }
}

/// The failure notices, above the send button.
#[component]
pub fn SendNotices(
    sending: RwSignal<SendState>,
    /// The draft's content differs from a send whose outcome is unknown.
    #[prop(into)]
    may_send_twice: Signal<bool>,
    /// Sends the draft as a new application (after the server refused the key).
    on_send_as_new: Callback<()>,
    /// Puts back the content of the send whose outcome is unknown.
    on_restore: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let not_now = move |_| sending.set(SendState::Idle);
    view! {
        {move || match sending.get() {
            SendState::Failed(e) => view! {
                <p class="notice notice-error" id="apply-send-error" tabindex="-1" role="alert">
                    {move || format!("{} {}", t_string!(i18n, apply_send_failed), api_error(i18n, &e))}
                </p>
            }.into_any(),
            SendState::Busy { until_ms } => view! {
                <p class="notice notice-error" id="apply-send-error" tabindex="-1" role="alert">
                    {move || t_string!(i18n, apply_busy, time = clock_time(until_ms)).to_string()}
                </p>
            }.into_any(),
            SendState::BusyOver => view! {
                <p class="notice notice-info" id="apply-send-error" tabindex="-1" role="status">
                    {t!(i18n, apply_busy_over)}
                </p>
            }.into_any(),
            SendState::KeyTaken => view! {
                <div class="notice notice-warning" id="apply-key-taken" tabindex="-1" role="alert">
                    <p>{t!(i18n, apply_key_taken)}</p>
                    <div class="notice-actions">
                        <button type="button" class="button button-primary" on:click=move |_| on_send_as_new.run(())>
                            {t!(i18n, apply_key_taken_send)}
                        </button>
                        <button type="button" class="button button-secondary" on:click=not_now>
                            {t!(i18n, apply_key_taken_not_now)}
                        </button>
                    </div>
                </div>
            }.into_any(),
            _ => ().into_any(),
        }}
        <Show when=move || may_send_twice.get() && !matches!(sending.get(), SendState::InFlight | SendState::KeyTaken)>
            <div class="notice notice-warning" role="status">
                <p>{t!(i18n, apply_may_send_twice)}</p>
                <button type="button" class="button button-secondary" on:click=move |_| on_restore.run(())>
                    {t!(i18n, apply_restore_attempted)}
                </button>
            </div>
        </Show>
    }
}
