//! The shortlist as the person takes it home: the printed A4 sheet at the desk and the page
//! the hand-over link opens on their phone show the same [`HandoverSheet`]. Per vacancy:
//! title, employer, place, distance from the nearest chosen town, nearest station, the Dutch
//! level asked, how to apply, the reference to quote, the counsellor's note, VDAB's train
//! ticket and a QR code to the vacancy. No personal data: towns, a level and vacancy ids.
//!
//! - [`page`]: the `/shortlist` page the hand-over link opens.

mod page;

pub use page::{ShortlistPage, SHORTLIST_PATH};

use crate::api::use_api;
use crate::components::qr::QrCode;
use crate::i18n::*;
use crate::labels::{dutch_ask_name, format_km, LocalCount};
use crate::url_state::{view_href, RESULTS_PATH};
use crate::vacancies::{use_vacancy_details, Detail, VacancyDetails};
use leptos::prelude::*;
use passerelle_core::api::{ApplyMode, VacancyDetail};
use passerelle_core::date::long_date;
use passerelle_core::desk::{CourseHint, DeskState};
use passerelle_core::station;

/// This site's address (`https://host`), for links that leave the screen on paper or a phone.
pub fn site_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Today as `YYYY-MM-DD`, from the device's clock and time zone.
fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The shortlisted vacancies of `desk` in full, fetched as they are added: the sheet shows
/// how to apply from them, and the desk's CSV gives the employer's address.
pub fn shortlist_details(desk: Memo<DeskState>) -> VacancyDetails {
    let ids = Memo::new(move |_| {
        desk.with(|s| {
            s.shortlist
                .entries()
                .iter()
                .map(|e| e.id)
                .collect::<Vec<_>>()
        })
    });
    use_vacancy_details(use_api(), ids)
}

/// One shortlisted id, as the sheet shows it.
#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Ready {
        detail: Box<VacancyDetail>,
        note: Option<String>,
    },
    Loading(u32),
    Gone(u32),
    Failed(u32),
}

#[component]
pub fn HandoverSheet(
    /// The desk state handed over (page-owned: the desk's state or the link's).
    desk: Memo<DeskState>,
    /// The language of the links printed or opened from the sheet.
    #[prop(into)]
    links_lang: Signal<Option<&'static str>>,
    /// The shortlisted vacancies in full (see [`shortlist_details`]).
    details: VacancyDetails,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || locale_code(i18n.get_locale());
    let count = Memo::new(move |_| desk.with(|s| s.shortlist.len()));
    let entries = Memo::new(move |_| {
        desk.with(|s| {
            details.by_id.with(|by_id| {
                s.shortlist
                    .entries()
                    .iter()
                    .map(|e| match by_id.get(&e.id) {
                        Some(Detail::Loaded(d)) => Entry::Ready {
                            detail: d.clone(),
                            note: e.note.clone(),
                        },
                        Some(Detail::Gone) => Entry::Gone(e.id),
                        Some(Detail::Failed(_)) => Entry::Failed(e.id),
                        Some(Detail::Loading) | None => Entry::Loading(e.id),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let hint = Memo::new(move |_| {
        let levels = entries.with(|entries| {
            entries
                .iter()
                .filter_map(|e| match e {
                    // A vacancy stating no level says nothing about a course.
                    Entry::Ready { detail, .. } => detail.summary.dutch_level,
                    _ => None,
                })
                .collect::<Vec<_>>()
        });
        desk.with(|s| CourseHint::of(s.dutch, levels))
    });
    let towns = move || {
        let lang = lang();
        desk.with(|s| {
            s.towns()
                .iter()
                .map(|t| {
                    t_string!(
                        i18n,
                        handover_town_radius,
                        town = t.municipality.name_in(lang),
                        km = t.radius_km
                    )
                    .to_string()
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let today = today_iso();

    view! {
        <div class="handover-sheet">
            <p class="handover-meta">
                <span>{move || t_string!(i18n, handover_date, date = long_date(&today, lang())).to_string()}</span>
                <span>{move || t_string!(i18n, handover_towns, towns = towns()).to_string()}</span>
            </p>
            {move || hint.get().filter(CourseHint::worth_saying).map(|h| view! {
                <p class="notice notice-info course-hint">
                    {move || t_string!(i18n, course_hint, count = LocalCount::new(i18n.get_locale(), h.one_level_above)).to_string()}
                </p>
            })}
            <Show when=move || count.get() == 0>
                <p class="notice notice-info">{t!(i18n, handover_none)}</p>
            </Show>
            <ol class="handover-list">
                <For each=move || entries.get() key=|e| format!("{e:?}") let:entry>
                    {match entry {
                        Entry::Ready { detail, note } => view! {
                            <HandoverEntry desk=desk detail=*detail note=note links_lang=links_lang />
                        }.into_any(),
                        Entry::Loading(id) => view! {
                            <li class="handover-entry muted">{move || t_string!(i18n, shortlist_pending, id = id).to_string()}</li>
                        }.into_any(),
                        Entry::Gone(id) => view! {
                            <li class="handover-entry handover-gone">{move || t_string!(i18n, shortlist_gone, id = id).to_string()}</li>
                        }.into_any(),
                        Entry::Failed(id) => view! {
                            <li class="handover-entry handover-gone">
                                <span role="alert">{move || t_string!(i18n, handover_failed, id = id).to_string()}</span>" "
                                <button type="button" class="button button-small no-print" on:click=move |_| details.retry.run(())>
                                    {t!(i18n, handover_retry)}
                                </button>
                            </li>
                        }.into_any(),
                    }}
                </For>
            </ol>
            <p class="handover-train">{t!(i18n, train_ticket_note)}</p>
        </div>
    }
}

/// One vacancy of the sheet.
#[component]
fn HandoverEntry(
    desk: Memo<DeskState>,
    detail: VacancyDetail,
    note: Option<String>,
    links_lang: Signal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || locale_code(i18n.get_locale());
    let v = detail.summary;
    let (id, location, ask, text_lang) = (v.id, v.location(), v.dutch(), v.text_lang());
    let nearest =
        desk.with_untracked(|s| s.nearest_town(location).map(|(t, km)| (t.municipality, km)));
    let station = station::nearest(location);
    let vacancy_link = move || {
        let view = desk.with(|s| s.vacancy_view(id, location, links_lang.get()));
        format!("{}{}", site_origin(), view_href(RESULTS_PATH, &view))
    };
    let qr_label = {
        let title = v.title.clone();
        Signal::derive(move || {
            t_string!(i18n, handover_vacancy_qr, title = title.clone()).to_string()
        })
    };
    // Only web addresses are printed as the way to apply (never a `javascript:` URL).
    let employer_site = detail
        .apply_url
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let how_to_apply = move || match (v.apply_mode, employer_site.clone()) {
        (ApplyMode::InApp, _) => t_string!(i18n, handover_apply_in_app).to_string(),
        (ApplyMode::External, Some(url)) => {
            t_string!(i18n, handover_apply_external, url = url).to_string()
        }
        (ApplyMode::External, None) => t_string!(i18n, handover_apply_external_unknown).to_string(),
    };
    let title_id = format!("handover-title-{id}");
    let labelled_by = title_id.clone();

    view! {
        <li class="handover-entry" aria-labelledby=labelled_by>
            <div class="handover-text">
                <h3 id=title_id lang=text_lang dir="auto">
                    <a href=vacancy_link>{v.title.clone()}</a>
                </h3>
                <p><span lang=text_lang dir="auto">{v.employer.clone()}</span>" · "<span lang=text_lang dir="auto">{v.place.clone()}</span></p>
                <ul class="handover-facts">
                    {nearest.map(|(town, km)| view! {
                        <li>{move || t_string!(i18n, detail_distance, km = format_km(i18n.get_locale(), km), town = town.name_in(lang())).to_string()}</li>
                    })}
                    {station.map(|(s, km)| view! {
                        <li>{move || t_string!(i18n, detail_station, station = s.name_in(lang()), km = format_km(i18n.get_locale(), km)).to_string()}</li>
                    })}
                    <li>{move || t_string!(i18n, dutch_required, level = dutch_ask_name(i18n, ask)).to_string()}</li>
                    <li>{how_to_apply}</li>
                    <li>{move || t_string!(i18n, handover_reference, reference = id).to_string()}</li>
                    {note.map(|note| view! {
                        <li class="handover-note">{move || t_string!(i18n, handover_note, note = note.clone()).to_string()}</li>
                    })}
                    <li class="muted">{t!(i18n, handover_train_short)}</li>
                </ul>
            </div>
            <div class="handover-qr">
                <QrCode text=Signal::derive(vacancy_link) label=qr_label />
            </div>
        </li>
    }
}
