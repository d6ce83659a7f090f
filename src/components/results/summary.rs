//! The headline count and how the load is going: "loading…" before anything arrived, a count
//! marked partial while pages arrive or after an interruption, retries, dropped items, and a
//! resumable error. Shared by the results page and the counsellor desk, which count their
//! own rows and say their own "within …".

use crate::components::status::{ErrorNotice, LoadingProgress};
use crate::i18n::*;
use crate::labels::{api_error, clock_time, format_count, LocalCount};
use crate::vacancies::{LoadStatus, VacancyLoad};
use leptos::prelude::*;

#[component]
pub fn LoadSummary(
    load: VacancyLoad,
    /// The rows shown (after the page's own filters).
    #[prop(into)]
    count: Signal<usize>,
    /// What follows the count, e.g. "within 60 km".
    #[prop(into)]
    within: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let retry = load.retry;
    let load = load.state;
    let count = move || count.get();
    let awaiting = Memo::new(move |_| load.with(|s| s.awaiting_first_page()));
    let partial = Memo::new(move |_| load.with(|s| s.is_partial()));
    let status = Memo::new(move |_| load.with(|s| s.status.clone()));
    let dropped = Memo::new(move |_| load.with(|s| s.vacancies.dropped()));
    let anomaly = Memo::new(move |_| load.with(|s| s.anomaly.is_some()));
    let progress =
        Memo::new(move |_| load.with(|s| (s.vacancies.len(), s.vacancies.announced_total())));
    // Props of the views below are created here, once, not in the closures that show and
    // hide those views: see `url_state::CurrentView`.
    let loaded = Signal::derive(move || progress.get().0);
    let total = Signal::derive(move || progress.get().1);
    let error_message = Signal::derive(move || match status.get() {
        LoadStatus::Failed(e) => format!(
            "{} {}",
            t_string!(i18n, load_failed_partial),
            api_error(i18n, &e)
        ),
        _ => String::new(),
    });
    let retry_label = Signal::derive(move || t_string!(i18n, retry_loading).to_string());
    let failed = move || matches!(status.get(), LoadStatus::Failed(_));
    let retrying = move || match status.get() {
        LoadStatus::Retrying { attempt } => Some(attempt),
        _ => None,
    };
    let busy_until = move || match status.get() {
        LoadStatus::Busy { until_ms } => Some(until_ms),
        _ => None,
    };
    let headline = move || {
        let n = count();
        if awaiting.get() {
            t_string!(i18n, count_loading).to_string()
        } else if partial.get() {
            t_string!(
                i18n,
                count_partial,
                count = format_count(i18n.get_locale(), n)
            )
            .to_string()
        } else {
            t_string!(
                i18n,
                count_label,
                count = LocalCount::new(i18n.get_locale(), n)
            )
            .to_string()
        }
    };

    view! {
        <p class="count" data-testid="vacancy-count" data-count=move || count().to_string()
            data-partial=move || partial.get().to_string() role="status" aria-live="polite">
            <strong>{headline}</strong>
            " "{within}
        </p>
        <p class="hint">{t!(i18n, straight_line_note)}</p>
        <Show when=move || matches!(status.get(), LoadStatus::Loading | LoadStatus::Retrying { .. } | LoadStatus::Busy { .. }) && !awaiting.get()>
            <LoadingProgress loaded=loaded total=total />
        </Show>
        <Show when=move || retrying().is_some()>
            <p class="notice notice-info" role="status">
                {move || t_string!(i18n, load_retrying, attempt = retrying().unwrap_or_default()).to_string()}
            </p>
        </Show>
        <Show when=move || busy_until().is_some()>
            <p class="notice notice-info" role="status">
                {move || t_string!(i18n, load_busy, time = clock_time(busy_until().unwrap_or_default())).to_string()}
            </p>
        </Show>
        <Show when=failed>
            <ErrorNotice message=error_message retry_label=retry_label on_retry=retry />
        </Show>
        <Show when=move || anomaly.get()>
            <p class="notice notice-info" role="status">{t!(i18n, load_anomaly)}</p>
        </Show>
        <Show when=move || { dropped.get() > 0 }>
            <p class="notice notice-info" role="status">
                {move || t_string!(i18n, load_dropped, count = format_count(i18n.get_locale(), dropped.get())).to_string()}
            </p>
        </Show>
    }
}
