//! "My applications on this device": every application sent from this browser, with its
//! reference, the vacancy, the date and a way to delete it. Records come from `storage`, which
//! drops them after their retention time.

mod privacy;

pub use privacy::DevicePrivacyNote;

use crate::focus::focus_after_render;
use crate::i18n::*;
use crate::labels::LocalCount;
use crate::storage;
use crate::url_state::{view_href, RESULTS_PATH, START_PATH};
use leptos::html::H1;
use leptos::prelude::*;
use leptos_meta::Title;
use passerelle_core::date::{long_date, CalendarDate};
use passerelle_core::on_device::SentApplication;
use passerelle_core::view_state::ViewState;
use wasm_bindgen::JsCast;

/// The path of the list, linked from the header and from a sent application's receipt.
pub const APPLICATIONS_PATH: &str = "/applications";

/// The day the server received the application, on this device's calendar: `received_at` is
/// UTC, and just after midnight in Brussels the UTC date is still yesterday.
fn sent_on(received_at: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&received_at.into());
    if date.get_time().is_nan() {
        return long_date(received_at.get(..10).unwrap_or(received_at), lang);
    }
    let local = CalendarDate {
        year: date.get_full_year() as u16,
        month: date.get_month() as u8 + 1,
        day: date.get_date() as u8,
    };
    local.long_form(lang)
}

/// The id of an entry's heading, where focus goes when a neighbour is deleted.
fn entry_heading_id(vacancy_id: u32) -> String {
    format!("sent-{vacancy_id}-title")
}

fn focus_by_id(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sent = RwSignal::new(storage::sent_applications());
    let just_deleted = RwSignal::new(None::<SentApplication>);
    let heading = NodeRef::<H1>::new();
    focus_after_render(heading);
    let lang = move || locale_code(i18n.get_locale());

    let delete = move |vacancy_id: u32| {
        let list = sent.get_untracked();
        let Some(index) = list.iter().position(|s| s.vacancy_id == vacancy_id) else {
            return;
        };
        storage::delete_sent(vacancy_id);
        sent.update(|l| {
            l.remove(index);
        });
        just_deleted.set(Some(list[index].clone()));
        // Focus goes to the entry that moved up into its place, else the one before, else the
        // page's heading: never to the document's start.
        let neighbour = list
            .get(index + 1)
            .or_else(|| index.checked_sub(1).and_then(|i| list.get(i)));
        match neighbour {
            Some(next) => focus_by_id(entry_heading_id(next.vacancy_id)),
            None => {
                if let Some(h1) = heading.get_untracked() {
                    let _ = h1.focus();
                }
            }
        }
    };
    let undo = move |_| {
        if let Some(record) = just_deleted.get_untracked() {
            storage::save_sent(&record);
            sent.set(storage::sent_applications());
            just_deleted.set(None);
            focus_by_id(entry_heading_id(record.vacancy_id));
        }
    };

    view! {
        <div class="applications-page">
            <Title text=move || t_string!(i18n, page_title_applications).to_string() />
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, applications_title)}</h1>
            <p class="intro">{t!(i18n, applications_intro)}</p>
            <div role="status">
                {move || just_deleted.get().map(|record| view! {
                    <p class="notice notice-info deleted-notice">
                        <span>{t_string!(i18n, applications_deleted, reference = record.reference.clone()).to_string()}</span>
                        " "
                        <button type="button" class="button button-secondary" on:click=undo>{t!(i18n, applications_undo)}</button>
                    </p>
                })}
            </div>
            <Show
                when=move || !sent.read().is_empty()
                fallback=move || view! {
                    <p class="notice notice-info">{t!(i18n, applications_empty)}</p>
                    <a class="button button-primary" href=move || format!("{START_PATH}?lang={}", lang())>{t!(i18n, applications_find_jobs)}</a>
                }
            >
                <p class="applications-count">
                    {move || t_string!(i18n, applications_count, count = LocalCount::new(i18n.get_locale(), sent.read().len())).to_string()}
                </p>
                <ul class="sent-list">
                    <For each=move || sent.get() key=|s| s.vacancy_id let:record>
                        {sent_entry(record, delete)}
                    </For>
                </ul>
            </Show>
            <section class="applications-privacy">
                <DevicePrivacyNote />
            </section>
        </div>
    }
}

/// One sent application. A plain function, not a component with signal props: entries are
/// created and dropped by `<For>`, and read only the i18n context.
fn sent_entry(record: SentApplication, delete: impl Fn(u32) + Copy + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let id = record.vacancy_id;
    let lang = move || locale_code(i18n.get_locale());
    let vacancy_view = record.vacancy_view();
    let title = if record.title.trim().is_empty() {
        view! { <h2 id=entry_heading_id(id) tabindex="-1">{move || t_string!(i18n, applications_untitled, id = id).to_string()}</h2> }.into_any()
    } else {
        view! { <h2 id=entry_heading_id(id) tabindex="-1" lang="nl">{record.title.clone()}</h2> }
            .into_any()
    };
    let reference = record.reference.clone();
    let received_at = record.received_at.clone();
    let delete_label = {
        let reference = reference.clone();
        move || {
            t_string!(
                i18n,
                applications_delete_named,
                reference = reference.clone()
            )
            .to_string()
        }
    };
    view! {
        <li class="sent-entry">
            {title}
            {(!record.employer.is_empty()).then(|| view! { <p class="sent-employer" lang="nl">{record.employer.clone()}</p> })}
            <p class="sent-reference">
                {t!(i18n, applications_reference)}" "<span class="reference">{reference}</span>
            </p>
            <p class="sent-date">{move || t_string!(i18n, applications_sent_on, date = sent_on(&received_at, lang())).to_string()}</p>
            <div class="sent-actions">
                {vacancy_view.map(|state| view! {
                    <a class="button button-secondary" href=move || view_href(RESULTS_PATH, &ViewState { lang: Some(lang()), ..state.clone() })>
                        {t!(i18n, applications_open_vacancy)}
                    </a>
                })}
                <button type="button" class="button button-secondary button-delete" aria-label=delete_label on:click=move |_| delete(id)>
                    {t!(i18n, applications_delete)}
                </button>
            </div>
        </li>
    }
}
