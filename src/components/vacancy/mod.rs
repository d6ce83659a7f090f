//! Step 5: one vacancy in full, and the way to apply.

use crate::api::{use_api, ApiError};
use crate::components::apply::ApplyForm;
use crate::components::kiosk::PhoneLink;
use crate::components::source_attribution::SourceAttribution;
use crate::components::status::ErrorNotice;
use crate::focus::focus_after_render;
use crate::i18n::*;
use crate::labels::{
    api_error, clock_time, dutch_ask_name, format_km, language_level_name, language_name,
    level_description, vacancy_contract, vacancy_regime,
};
use crate::mode::use_kiosk;
use crate::url_state::{use_current_view, use_view_editor, view_href, RESULTS_PATH};
use crate::vacancies::VacancyResults;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use passerelle_core::api::{ApplyMode, VacancyDetail, VacancySource};
use passerelle_core::date::long_date;
use passerelle_core::view_state::ViewState;
use passerelle_core::FitClass;
use passerelle_core::{haversine_km, station};

/// Only web links may leave the app: an API-supplied `javascript:` URL must never become a link.
fn safe_external_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim_start())
}

/// How many times a busy server (429/503 with `Retry-After`) is asked again without the person
/// pressing "retry".
const BUSY_RETRIES: u32 = 3;

#[component]
pub fn VacancyView(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_current_view();
    let client = use_api();
    let results = expect_context::<VacancyResults>();
    // The summary from the list, shown at once while the full vacancy loads.
    let summary = Memo::new(move |_| results.find(id));
    // The full vacancy: None while it loads. A plain signal, not a resource: a resource read by
    // the title would register with the app's outer Suspense, which then blanked the whole app
    // (header included) while the vacancy loaded, up to the 20 s timeout.
    let detail = RwSignal::new(None::<Result<VacancyDetail, ApiError>>);
    let attempt = RwSignal::new(0u32);
    let fetching = StoredValue::new(None::<AbortHandle>);
    Effect::new(move |_| {
        attempt.track();
        if let Some(previous) = fetching.try_update_value(Option::take).flatten() {
            previous.abort();
        }
        let (handle, registration) = AbortHandle::new_pair();
        fetching.set_value(Some(handle));
        detail.set(None);
        let client = client.clone();
        spawn_local(async move {
            // Aborted (the page is gone, or a newer attempt started): the request is dropped too.
            if let Ok(result) = Abortable::new(client.vacancy(id), registration).await {
                detail.try_set(Some(result));
            }
        });
    });
    // A busy server is asked again when it said, a few times; the page says when.
    let busy_until = RwSignal::new(None::<f64>);
    let busy_retries = StoredValue::new(0u32);
    let busy_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let wait = detail.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().err())
                .and_then(ApiError::server_wait)
        });
        match wait {
            Some(wait) if busy_retries.get_value() < BUSY_RETRIES => {
                busy_retries.update_value(|n| *n += 1);
                busy_until.set(Some(js_sys::Date::now() + wait.as_millis() as f64));
                let timer = set_timeout_with_handle(move || attempt.update(|a| *a += 1), wait);
                busy_timer.set_value(timer.ok());
            }
            _ => busy_until.set(None),
        }
    });
    on_cleanup(move || {
        if let Some(timer) = busy_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        if let Some(request) = fetching.try_update_value(Option::take).flatten() {
            request.abort();
        }
    });
    let retry = Callback::new(move |_| {
        busy_retries.set_value(0);
        attempt.update(|a| *a += 1);
    });
    let gone = move || {
        matches!(
            *detail.read(),
            Some(Err(ApiError::Status {
                status: 404 | 410,
                ..
            }))
        )
    };
    let title = move || match (summary.get(), detail.read().as_ref()) {
        (Some(s), _) => s.title.to_string(),
        (None, Some(Ok(d))) => d.summary.title.to_string(),
        (None, _) if gone() => t_string!(i18n, vacancy_gone_title).to_string(),
        (None, _) => t_string!(i18n, vacancy_loading_title).to_string(),
    };
    let back_href = move || {
        view_href(
            RESULTS_PATH,
            &ViewState {
                vacancy: None,
                applying: false,
                ..state.get()
            },
        )
    };
    let heading = NodeRef::<leptos::html::H2>::new();
    // Moving focus to the heading tells keyboard and screen-reader users the view changed.
    focus_after_render(heading);
    // Created here, not in the closure that shows it: see `url_state::CurrentView`.
    let error_message = Signal::derive(move || match detail.read().as_ref() {
        Some(Err(e)) => format!(
            "{} {}",
            t_string!(i18n, detail_load_failed),
            api_error(i18n, e)
        ),
        _ => String::new(),
    });
    let retry_label = Signal::derive(move || t_string!(i18n, retry_vacancy).to_string());

    view! {
        <article class="vacancy-detail" aria-labelledby="vacancy-title">
            {move || summary.with(|s| s.as_ref().map(|s| s.title.clone())).map(|title| view! {
                <Title text=move || t_string!(i18n, page_title_vacancy, title = title.clone()).to_string() />
            })}
            <a class="back-link" href=back_href>"← "{t!(i18n, detail_back)}</a>
            <h2 id="vacancy-title" tabindex="-1" node_ref=heading lang=move || if summary.read().is_some() || matches!(*detail.read(), Some(Ok(_))) { "nl" } else { "" }>
                {title}
            </h2>
            <Show when=move || busy_until.get().is_some()>
                <p class="notice notice-info" role="status">
                    {move || t_string!(i18n, detail_busy, time = clock_time(busy_until.get().unwrap_or_default())).to_string()}
                </p>
            </Show>
            {move || match detail.get() {
                None => view! { <p class="loading">{t!(i18n, loading)}</p> }.into_any(),
                Some(result) => match result {
                    Ok(detail) => view! { <VacancyBody detail=detail /> }.into_any(),
                    Err(ApiError::Status { status: 404 | 410, .. }) => view! {
                        <div class="notice notice-info" role="status">
                            <p>{t!(i18n, vacancy_gone)}</p>
                            <a class="button button-primary" href=back_href>{t!(i18n, detail_back)}</a>
                        </div>
                    }.into_any(),
                    // A stale error under the "busy" notice would offer a retry the server asked us not to make.
                    Err(_) if busy_until.get().is_some() => ().into_any(),
                    Err(_) => view! {
                        <ErrorNotice
                            message=error_message
                            retry_label=retry_label
                            on_retry=retry
                        />
                    }.into_any(),
                },
            }}
        </article>
    }
}

#[component]
fn VacancyBody(detail: VacancyDetail) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_current_view();
    let shown = use_view_editor();
    let v = detail.summary.clone();
    let ask = v.dutch();
    let location = v.location();
    let town = state.get_untracked().town;
    let distance = town.map(|t| haversine_km(t.location, location));
    let nearest = station::nearest(location);
    let paragraphs: Vec<String> = detail
        .description
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let other_languages: Vec<_> = detail
        .languages
        .iter()
        .filter(|l| l.language != "nl")
        .cloned()
        .collect();
    let class = move || FitClass::of_vacancy(ask.level(), state.read().dutch.level());
    let compare = move || match class() {
        FitClass::Within => t_string!(i18n, detail_compare_within).to_string(),
        FitClass::OneAbove => t_string!(i18n, detail_compare_one_above).to_string(),
        FitClass::Beyond => t_string!(i18n, detail_compare_beyond).to_string(),
        FitClass::Unknown => t_string!(i18n, detail_compare_unknown).to_string(),
        FitClass::NotStated => t_string!(i18n, level_unstated_desc).to_string(),
    };
    let external_url = detail
        .apply_url
        .as_deref()
        .and_then(safe_external_url)
        .map(str::to_owned);
    let open_form = move |_| {
        let next = ViewState {
            applying: true,
            ..state.get_untracked()
        };
        shown.push(next);
    };
    let hours = detail.hours_per_week;
    let terms_of = v.clone();
    let published = v.published.clone();
    let lang_of_content = detail.content_language.clone();
    let kiosk = use_kiosk().is_some();

    view! {
        <p class="vacancy-employer"><span lang="nl" dir="auto">{v.employer.clone()}</span>" · "<span lang="nl" dir="auto">{v.place.clone()}</span></p>
        <ul class="facts">
            {distance.map(|km| view! {
                <li>{move || t_string!(i18n, detail_distance, km = format_km(i18n.get_locale(), km), town = town.map(|t| t.name_in(crate::i18n::locale_code(i18n.get_locale()))).unwrap_or_default()).to_string()}</li>
            })}
            {nearest.map(|(s, km)| view! {
                <li>{move || t_string!(i18n, detail_station, station = s.name_in(crate::i18n::locale_code(i18n.get_locale())), km = format_km(i18n.get_locale(), km)).to_string()}</li>
            })}
            <li>{move || {
                let mut terms = format!("{} · {}", vacancy_contract(i18n, &terms_of), vacancy_regime(i18n, &terms_of));
                if let Some(hours) = hours {
                    terms = format!("{terms} · {}", t_string!(i18n, detail_hours, hours = hours));
                }
                t_string!(i18n, detail_contract, terms = terms).to_string()
            }}</li>
            <li>{move || t_string!(i18n, detail_published, date = long_date(&published, locale_code(i18n.get_locale()))).to_string()}</li>
        </ul>
        <section class="dutch-requirement" aria-labelledby="dutch-heading">
            <h3 id="dutch-heading">{t!(i18n, detail_dutch_title)}</h3>
            <p class=move || format!("fit-badge {}", class().as_css())>
                <span class="fit-icon" aria-hidden="true"></span>
                <strong>{move || dutch_ask_name(i18n, ask)}</strong>
                {ask.level().filter(|l| l.cefr_hint() != "–").map(|level| view! { " (" {t!(i18n, cefr_hint, cefr = move || level.cefr_hint())} ")" })}
            </p>
            {ask.level().map(|level| view! { <p>{move || level_description(i18n, level)}</p> })}
            <p>{compare}</p>
            <h3>{t!(i18n, detail_other_languages)}</h3>
            {if other_languages.is_empty() {
                view! { <p>{t!(i18n, detail_no_other_languages)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {other_languages.into_iter().map(|l| {
                            let (code, level) = (l.language.clone(), l.level);
                            view! { <li>{move || t_string!(i18n, detail_language_level, language = language_name(i18n, &code), level = language_level_name(i18n, level)).to_string()}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="description" aria-labelledby="description-heading">
            <h3 id="description-heading">{t!(i18n, detail_description)}</h3>
            {match lang_of_content.as_str() {
                "nl" => Some(view! { <p class="original-language">{t!(i18n, original_language_note)}</p> }.into_any()),
                "fr" => Some(view! { <p class="original-language">{t!(i18n, original_language_note_fr)}</p> }.into_any()),
                _ => None,
            }}
            {if paragraphs.is_empty() {
                view! { <p class="notice notice-info">{t!(i18n, detail_no_description)}</p> }.into_any()
            } else {
                view! {
                    <div lang=lang_of_content.clone()>
                        // Plain text only: each paragraph is a text node, never HTML.
                        {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <SourceAttribution forem=v.source == Some(VacancySource::Forem) />
        <aside class="notice notice-info train-ticket">
            <p>{t!(i18n, train_ticket_note)}</p>
        </aside>
        <section class="how-to-apply" aria-labelledby="apply-heading">
            <h3 id="apply-heading">{t!(i18n, detail_how_to_apply)}</h3>
            {match (v.apply_mode, external_url) {
                // A kiosk never leaves the app: the employer's page goes to the visitor's phone.
                (ApplyMode::External, Some(url)) if kiosk => view! {
                    <PhoneLink url=url explanation=Signal::derive(move || t_string!(i18n, kiosk_external_apply).to_string()) />
                }.into_any(),
                (ApplyMode::External, Some(url)) => view! {
                    <a class="button button-primary" href=url target="_blank" rel="noopener noreferrer">
                        {match v.source {
                            Some(VacancySource::Forem) => t!(i18n, detail_apply_source).into_any(),
                            None => t!(i18n, detail_apply_external).into_any(),
                        }}
                    </a>
                    <p class="field-hint">{t!(i18n, detail_external_note)}</p>
                }.into_any(),
                (ApplyMode::External, None) => view! {
                    <p>{t!(i18n, error_not_in_app)}</p>
                    <p class="notice notice-info">{t!(i18n, detail_external_link_refused)}</p>
                }.into_any(),
                (ApplyMode::InApp, _) => view! {
                    <p>{t!(i18n, detail_apply_in_app)}</p>
                    <Show
                        when=move || state.read().applying
                        fallback=move || view! { <button type="button" class="button button-primary" on:click=open_form>{t!(i18n, detail_apply)}</button> }
                    >
                        <ApplyForm vacancy=v.clone() />
                    </Show>
                }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_external_url;

    #[test]
    fn only_web_links_are_allowed_out() {
        assert_eq!(
            safe_external_url("https://jobs.example.be/1"),
            Some("https://jobs.example.be/1")
        );
        assert_eq!(safe_external_url("javascript:alert(1)"), None);
        assert_eq!(safe_external_url(" JavaScript:alert(1)"), None);
        assert_eq!(safe_external_url("data:text/html,x"), None);
    }
}
