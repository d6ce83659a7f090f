//! The shortlist panel: the picked vacancies in hand-over order, each with remove, move up or
//! down and a short note; the vacancies that are gone named; the Dutch-course hint; and
//! "new intake", which clears everything after an inline confirmation.

use super::use_desk;
use crate::i18n::*;
use crate::labels::LocalCount;
use leptos::prelude::*;
use passerelle_core::desk::{CourseHint, MAX_SHORTLIST};

/// One shortlisted id as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    Found {
        id: u32,
        title: String,
        employer: String,
        note: String,
    },
    Pending(u32),
    Gone(u32),
}

#[component]
pub fn ShortlistPanel() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let load = desk.load.state;
    let items = Memo::new(move |_| {
        desk.state.with(|s| {
            load.with(|l| {
                let resolved = s
                    .shortlist
                    .resolve(|id| l.vacancies.by_id(id), l.is_complete());
                // In shortlist order, whatever became of each id.
                s.shortlist
                    .entries()
                    .iter()
                    .map(
                        |e| match resolved.found.iter().find(|(entry, _)| entry.id == e.id) {
                            Some((entry, v)) => Item::Found {
                                id: v.id,
                                title: v.title.to_string(),
                                employer: v.employer.to_string(),
                                note: entry.note.clone().unwrap_or_default(),
                            },
                            None if resolved.gone.contains(&e.id) => Item::Gone(e.id),
                            None => Item::Pending(e.id),
                        },
                    )
                    .collect::<Vec<_>>()
            })
        })
    });
    let count = Memo::new(move |_| desk.state.with(|s| s.shortlist.len()));
    let hint = Memo::new(move |_| {
        desk.state.with(|s| {
            load.with(|l| {
                let levels = s
                    .shortlist
                    .entries()
                    .iter()
                    .filter_map(|e| l.vacancies.by_id(e.id))
                    // A vacancy stating no level says nothing about a course.
                    .filter_map(|v| v.dutch_level)
                    .collect::<Vec<_>>();
                CourseHint::of(s.dutch, levels)
            })
        })
    });
    let confirming = RwSignal::new(false);

    view! {
        <section class="desk-shortlist" aria-labelledby="shortlist-heading">
            <h2 id="shortlist-heading">{t!(i18n, shortlist_title)}</h2>
            <p role="status">{move || {
                let n = count.get();
                if n == 0 {
                    t_string!(i18n, shortlist_empty).to_string()
                } else {
                    t_string!(i18n, shortlist_count, count = LocalCount::new(i18n.get_locale(), n)).to_string()
                }
            }}</p>
            <Show when=move || { count.get() >= MAX_SHORTLIST }>
                <p class="field-note">{t!(i18n, shortlist_full)}</p>
            </Show>
            <ol class="shortlist">
                <For each=move || items.get() key=|item| item.clone() let:item>
                    {match item {
                        Item::Found { id, title, employer, note } => view! { <ShortlistItem id=id title=title employer=employer note=note /> }.into_any(),
                        Item::Pending(id) => view! { <li class="shortlist-item muted">{move || t_string!(i18n, shortlist_pending, id = id).to_string()}</li> }.into_any(),
                        Item::Gone(id) => view! {
                            <li class="shortlist-item shortlist-gone">
                                <span>{move || t_string!(i18n, shortlist_gone, id = id).to_string()}</span>
                                <button type="button" class="button button-small" on:click=move |_| desk.edit(|s| { s.shortlist.remove(id); })>
                                    {move || t_string!(i18n, shortlist_remove, title = id).to_string()}
                                </button>
                            </li>
                        }.into_any(),
                    }}
                </For>
            </ol>
            {move || hint.get().filter(CourseHint::worth_saying).map(|h| view! {
                <p class="notice notice-info course-hint">
                    {move || t_string!(i18n, course_hint, count = LocalCount::new(i18n.get_locale(), h.one_level_above)).to_string()}
                </p>
            })}
            <div class="desk-actions">
                <button type="button" class="button" on:click=move |_| confirming.set(true)>{t!(i18n, new_intake)}</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="notice notice-info" role="group" aria-labelledby="new-intake-question">
                    <p id="new-intake-question">{t!(i18n, new_intake_question)}</p>
                    <button type="button" class="button button-danger" on:click=move |_| {
                        desk.edit(|s| *s = s.new_intake());
                        confirming.set(false);
                    }>{t!(i18n, new_intake_yes)}</button>
                    " "
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>{t!(i18n, new_intake_keep)}</button>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn ShortlistItem(id: u32, title: String, employer: String, note: String) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let note_id = format!("shortlist-note-{id}");
    let hint_id = format!("shortlist-note-hint-{id}");
    let (t1, t2, t3, t4) = (title.clone(), title.clone(), title.clone(), title.clone());
    view! {
        <li class="shortlist-item">
            <strong>{title.clone()}</strong>" · "<span class="muted">{employer}</span>
            <div class="shortlist-controls">
                <button type="button" class="button button-small"
                    aria-label=move || t_string!(i18n, shortlist_up, title = t1.clone()).to_string()
                    on:click=move |_| desk.edit(|s| { s.shortlist.move_up(id); })>"↑"</button>
                <button type="button" class="button button-small"
                    aria-label=move || t_string!(i18n, shortlist_down, title = t2.clone()).to_string()
                    on:click=move |_| desk.edit(|s| { s.shortlist.move_down(id); })>"↓"</button>
                <button type="button" class="button button-small"
                    aria-label=move || t_string!(i18n, shortlist_remove, title = t3.clone()).to_string()
                    on:click=move |_| desk.edit(|s| { s.shortlist.remove(id); })>"✕"</button>
            </div>
            <label class="sr-only" for=note_id.clone()>{move || t_string!(i18n, shortlist_note, title = t4.clone()).to_string()}</label>
            <input type="text" id=note_id maxlength="80" aria-describedby=hint_id.clone()
                prop:value=note
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    desk.edit(|s| { s.shortlist.set_note(id, &text); });
                }
            />
            <span class="field-hint" id=hint_id>{t!(i18n, shortlist_note_hint)}</span>
        </li>
    }
}
