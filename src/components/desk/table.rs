//! The dense table: every vacancy in reach of a chosen town, once, at its nearest town;
//! sorted by a header; 50 rows a page. One tab stop for the whole body (roving tabindex):
//! ↑/↓ move the active row across pages, S or Space toggles it on the shortlist, Enter opens it.

use super::use_desk;
use crate::i18n::*;
use crate::labels::{dutch_ask_name, fit_name, format_count, format_km, vacancy_contract};
use crate::url_state::{view_href, RESULTS_PATH};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use passerelle_core::desk::{DeskRow, Page, SortColumn, TableSort};
use passerelle_core::dutch::FitClass;
use passerelle_core::occupation::vacancy_occupation;
use wasm_bindgen::JsCast;

/// What a key does in the table body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKey {
    Next,
    Previous,
    ToggleShortlist,
    Open,
}

impl RowKey {
    /// The action of a `KeyboardEvent.key`, `None` for keys the table leaves alone.
    pub fn of(key: &str) -> Option<Self> {
        match key {
            "ArrowDown" => Some(RowKey::Next),
            "ArrowUp" => Some(RowKey::Previous),
            "s" | "S" | " " => Some(RowKey::ToggleShortlist),
            "Enter" => Some(RowKey::Open),
            _ => None,
        }
    }
}

/// The active row after `key` from `active` in a table of `total` rows (clamped at both ends).
pub fn moved(active: usize, total: usize, key: RowKey) -> usize {
    match key {
        RowKey::Next => (active + 1).min(total.saturating_sub(1)),
        RowKey::Previous => active.saturating_sub(1),
        _ => active,
    }
}

fn focus_row(position: usize) {
    request_animation_frame(move || {
        if let Ok(Some(row)) = document().query_selector(&format!("tr[data-row=\"{position}\"]")) {
            let row: web_sys::HtmlElement = row.unchecked_into();
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            row.scroll_into_view_with_scroll_into_view_options(&options);
            let _ = row.focus();
        }
    });
}

/// A sortable column header: a button, with `aria-sort` on the header cell.
#[component]
fn SortHeader(column: SortColumn, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let desk = use_desk();
    let sort = Memo::new(move |_| desk.state.with(|s| s.sort));
    let aria_sort = move || {
        let sort = sort.get();
        if sort.column == column {
            sort.direction.aria_sort()
        } else {
            "none"
        }
    };
    let arrow = move || {
        let sort = sort.get();
        match (sort.column == column, sort.direction.aria_sort()) {
            (false, _) => "",
            (true, "ascending") => " ▲",
            (true, _) => " ▼",
        }
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="sort-button" on:click=move |_| {
                desk.edit(|s| s.sort = TableSort::clicked(s.sort, column));
            }>
                {label}<span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
pub fn DeskTable(
    /// The vacancy whose detail is open (also set from the map).
    opened: RwSignal<Option<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let rows = desk.rows;
    let load = desk.load.state;
    let active = RwSignal::new(0usize);
    let page_index = RwSignal::new(0usize);
    let page = Memo::new(move |_| Page::new(rows.read().len(), page_index.get()));
    // The row that takes the body's one tab stop: the active row when shown, else the page's first.
    let tab_stop = Memo::new(move |_| {
        let range = page.get().range();
        let a = active.get();
        if range.contains(&a) {
            a
        } else {
            range.start
        }
    });
    let mine = Memo::new(move |_| desk.state.with(|s| s.dutch.level()));
    let lang = move || locale_code(i18n.get_locale());
    let shown = Memo::new(move |_| {
        let range = page.get().range();
        rows.with(|rows| {
            rows.get(range.clone())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, r)| (range.start + i, *r))
                .collect::<Vec<(usize, DeskRow)>>()
        })
    });
    let id_at = move |position: usize| {
        rows.with_untracked(|rows| {
            let row = rows.get(position)?;
            load.with_untracked(|l| l.vacancies.items().get(row.index).map(|v| v.id))
        })
    };

    let on_keydown = move |ev: KeyboardEvent| {
        // Keys typed in a control inside a row (the ☆ button) keep their own meaning.
        let from_row = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("tr"));
        let Some(key) = RowKey::of(&ev.key()).filter(|_| from_row) else {
            return;
        };
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        ev.prevent_default();
        let total = rows.with_untracked(Vec::len);
        let current = tab_stop.get_untracked();
        match key {
            RowKey::Next | RowKey::Previous => {
                let next = moved(current, total, key);
                active.set(next);
                page_index.set(Page::containing(total, next).index);
                focus_row(next);
            }
            RowKey::ToggleShortlist => {
                if let Some(id) = id_at(current) {
                    desk.edit(|s| {
                        let _ = s.toggle_shortlisted(id);
                    });
                }
            }
            RowKey::Open => opened.set(id_at(current)),
        }
    };

    let go_to_page = move |index: usize| {
        let page = Page::new(rows.with_untracked(Vec::len), index);
        page_index.set(page.index);
        active.set(page.range().start);
    };

    let header = move |key: &'static str| {
        Signal::derive(move || match key {
            "town" => t_string!(i18n, col_town).to_string(),
            "level" => t_string!(i18n, col_level).to_string(),
            "occupation" => t_string!(i18n, col_occupation).to_string(),
            "contract" => t_string!(i18n, col_contract).to_string(),
            _ => t_string!(i18n, col_published).to_string(),
        })
    };

    view! {
        <DeskDetail opened=opened />
        <div class="desk-table-wrap">
            <p class="hint" id="desk-table-hint">{t!(i18n, desk_table_hint)}</p>
            <table class="desk-table" aria-describedby="desk-table-hint">
                <caption class="sr-only">{t!(i18n, desk_table_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_shortlist)}</th>
                        <th scope="col">{t!(i18n, col_title)}</th>
                        <th scope="col">{t!(i18n, col_employer)}</th>
                        <SortHeader column=SortColumn::Distance label=header("town") />
                        <SortHeader column=SortColumn::DutchLevel label=header("level") />
                        <SortHeader column=SortColumn::Occupation label=header("occupation") />
                        <SortHeader column=SortColumn::Contract label=header("contract") />
                        <SortHeader column=SortColumn::Published label=header("published") />
                    </tr>
                </thead>
                <tbody on:keydown=on_keydown>
                    <For
                        each=move || shown.get()
                        key=|(position, row)| (*position, row.index, row.town, row.km.to_bits())
                        let:((position, row))
                    >
                        {load.with_untracked(|l| l.vacancies.items().get(row.index).cloned()).map(|v| {
                            let id = v.id;
                            let town = desk.state.with_untracked(|s| s.towns().get(row.town).map(|t| t.municipality));
                            let shortlisted = Memo::new(move |_| desk.state.with(|s| s.shortlist.contains(id)));
                            let class = move || FitClass::of_vacancy(v.dutch_level, mine.get());
                            let ask = v.dutch();
                            let title = v.title.clone();
                            let toggle_label = {
                                let title = title.clone();
                                move || t_string!(i18n, desk_row_toggle, title = title.clone()).to_string()
                            };
                            view! {
                                <tr
                                    data-row=position.to_string()
                                    tabindex=move || if tab_stop.get() == position { "0" } else { "-1" }
                                    class:shortlisted=move || shortlisted.get()
                                    class:active=move || opened.get() == Some(id)
                                    on:focus=move |_| active.set(position)
                                    on:dblclick=move |_| opened.set(Some(id))
                                >
                                    <td>
                                        <button type="button" class="star" tabindex="-1"
                                            aria-label=toggle_label
                                            aria-pressed=move || shortlisted.get().to_string()
                                            on:click=move |_| desk.edit(|s| { let _ = s.toggle_shortlisted(id); })
                                        >{move || if shortlisted.get() { "★" } else { "☆" }}</button>
                                    </td>
                                    <td class="desk-title" dir="auto">{title}</td>
                                    <td><span dir="auto">{v.employer.clone()}</span><br /><span class="muted" dir="auto">{v.place.clone()}</span></td>
                                    <td class="desk-km">
                                        {move || town.map(|m| m.name_in(lang()).to_owned()).unwrap_or_default()}
                                        <br /><span class="muted">{move || t_string!(i18n, km_away, km = format_km(i18n.get_locale(), row.km)).to_string()}</span>
                                    </td>
                                    <td>
                                        <span class=move || format!("fit-badge {}", class().as_css())>
                                            <span class="fit-icon" aria-hidden="true"></span>
                                            {move || dutch_ask_name(i18n, ask)}
                                        </span>
                                        <br /><span class="muted">{move || fit_name(i18n, class())}</span>
                                    </td>
                                    <td>{let v = v.clone(); move || vacancy_occupation(&v, lang())}</td>
                                    <td>{let v = v.clone(); move || vacancy_contract(i18n, &v)}</td>
                                    <td>{v.published.clone()}</td>
                                </tr>
                            }
                        })}
                    </For>
                </tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty) && desk.state.with(|s| !s.towns().is_empty())>
                <p class="field-note">{t!(i18n, desk_table_empty)}</p>
            </Show>
            <nav class="desk-pages" aria-label=move || t_string!(i18n, desk_table_caption).to_string()>
                <button type="button" class="button button-small"
                    disabled=move || !page.get().has_previous()
                    on:click=move |_| go_to_page(page.get_untracked().index.saturating_sub(1))
                >{t!(i18n, desk_previous)}</button>
                <span role="status">{move || {
                    let p = page.get();
                    let locale = i18n.get_locale();
                    t_string!(i18n, desk_rows,
                        first = format_count(locale, p.first_row),
                        last = format_count(locale, p.last_row),
                        total = format_count(locale, p.total_rows)).to_string()
                }}</span>
                <button type="button" class="button button-small"
                    disabled=move || !page.get().has_next()
                    on:click=move |_| go_to_page(page.get_untracked().index + 1)
                >{t!(i18n, desk_next)}</button>
            </nav>
        </div>
    }
}

/// The vacancy opened from the table or the map: the essentials, and the way to its full page.
#[component]
fn DeskDetail(opened: RwSignal<Option<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let lang = move || locale_code(i18n.get_locale());
    let close = move || {
        opened.set(None);
        if let Ok(Some(row)) = document().query_selector("tr[data-row][tabindex=\"0\"]") {
            let _ = row.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    move || {
        let id = opened.get()?;
        let v = desk
            .load
            .state
            .with_untracked(|l| l.vacancies.by_id(id).cloned())?;
        let (full_view, nearest) = desk.state.with_untracked(|s| {
            let nearest = s
                .nearest_town(v.location())
                .map(|(t, km)| (t.municipality, km));
            (s.vacancy_view(id, v.location(), s.lang), nearest)
        });
        let shortlisted = Memo::new(move |_| desk.state.with(|s| s.shortlist.contains(id)));
        let heading = NodeRef::<leptos::html::H2>::new();
        crate::focus::focus_after_render(heading);
        Some(view! {
            <section class="desk-detail" aria-labelledby="desk-detail-title">
                <h2 id="desk-detail-title" tabindex="-1" node_ref=heading dir="auto">{v.title.clone()}</h2>
                <p>{v.employer.clone()}" · "{v.place.clone()}</p>
                <p>
                    {move || nearest.map(|(m, km)| format!("{} · {}", m.name_in(lang()),
                        t_string!(i18n, km_away, km = format_km(i18n.get_locale(), km)))).unwrap_or_default()}
                    " · "{move || t_string!(i18n, dutch_required, level = dutch_ask_name(i18n, v.dutch())).to_string()}
                </p>
                <p class="desk-detail-actions">
                    <button type="button" class="button button-primary"
                        aria-pressed=move || shortlisted.get().to_string()
                        on:click=move |_| desk.edit(|s| { let _ = s.toggle_shortlisted(id); })
                    >{move || if shortlisted.get() {
                        t_string!(i18n, desk_detail_shortlist_remove)
                    } else {
                        t_string!(i18n, desk_detail_shortlist_add)
                    }}</button>
                    <a class="button" href=view_href(RESULTS_PATH, &full_view)>{t!(i18n, desk_detail_open)}</a>
                    <button type="button" class="button" on:click=move |_| close()>{t!(i18n, desk_detail_close)}</button>
                </p>
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_the_active_row_and_stop_at_both_ends() {
        assert_eq!(moved(0, 3, RowKey::Next), 1);
        assert_eq!(moved(2, 3, RowKey::Next), 2);
        assert_eq!(moved(0, 3, RowKey::Previous), 0);
        assert_eq!(moved(0, 0, RowKey::Next), 0);
    }

    #[test]
    fn s_space_and_enter_act_on_the_row_other_keys_are_left_alone() {
        assert_eq!(RowKey::of("s"), Some(RowKey::ToggleShortlist));
        assert_eq!(RowKey::of(" "), Some(RowKey::ToggleShortlist));
        assert_eq!(RowKey::of("Enter"), Some(RowKey::Open));
        assert_eq!(RowKey::of("Tab"), None);
    }
}
