//! Loading progress and error messages with a retry button.

use crate::i18n::*;
use crate::labels::format_count;
use leptos::prelude::*;
use passerelle_core::view_state::DroppedParam;

/// A polite live region that reports loading progress ("3,000 of 18,234").
#[component]
pub fn LoadingProgress(
    #[prop(into)] loaded: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="progress" role="status" aria-live="polite">
            <progress max=move || total.get().max(1) value=move || loaded.get()></progress>
            <span>{move || t_string!(i18n, loading_progress,
                loaded = format_count(i18n.get_locale(), loaded.get()),
                total = format_count(i18n.get_locale(), total.get())).to_string()}</span>
        </div>
    }
}

/// An error message with a retry action; what was shown before stays on screen.
///
/// `retry_label` names what is retried ("retry loading the offers") so that two notices on
/// one screen never offer two identical buttons.
#[component]
pub fn ErrorNotice(
    #[prop(into)] message: Signal<String>,
    #[prop(into)] retry_label: Signal<String>,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>{retry_label}</button>
        </div>
    }
}

/// Names the link's parameters that were invalid and dropped, so a broken link is not silent.
#[component]
pub fn DroppedParamsNotice(#[prop(into)] dropped: Signal<Vec<DroppedParam>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let dropped = dropped.get();
        (!dropped.is_empty()).then(|| {
            let params = dropped
                .iter()
                .map(|d| format!("{}={}", d.key, d.value))
                .collect::<Vec<_>>()
                .join(", ");
            view! { <p class="notice notice-info" role="status">{move || t_string!(i18n, url_dropped, params = params.clone()).to_string()}</p> }
        })
    }
}
