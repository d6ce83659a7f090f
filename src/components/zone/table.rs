//! The occupation × Dutch level table: a row per occupation (bottleneck ones flagged), a
//! column per level, totals, and the share of the vacancies each level reaches. Sorted by a
//! header button (`aria-sort` on the header cell), bottleneck occupations first by default.

use super::{occupation_lines, use_zone};
use crate::i18n::*;
use crate::labels::{format_count, format_share, level_name};
use leptos::prelude::*;
use passerelle_core::occupation::row_occupation;
use passerelle_core::zone::{Direction, ZoneSort};
use passerelle_core::DutchLevel;

#[component]
fn SortHeader(column: ZoneSort, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let zone = use_zone();
    let sort = Memo::new(move |_| zone.view.with(|v| v.sort));
    let direction = move || sort.get().direction_of(column);
    let aria_sort = move || match direction() {
        Some(Direction::Ascending) => "ascending",
        Some(Direction::Descending) => "descending",
        None => "none",
    };
    let arrow = move || match direction() {
        Some(Direction::Ascending) => " ▲",
        Some(Direction::Descending) => " ▼",
        None => "",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="sort-button" on:click=move |_| {
                zone.edit(|v| v.sort = v.sort.clicked(column));
            }>
                {label}<span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
pub fn ZoneTableView() -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_zone();
    let lang = move || locale_code(i18n.get_locale());
    let rows = Memo::new(move |_| {
        let lang = lang();
        let sort = zone.view.with(|v| v.sort);
        occupation_lines(
            zone.shown,
            |t| t.rows(sort, |row| row_occupation(row, lang)),
            lang,
        )
    });
    let totals = Memo::new(move |_| {
        zone.shown.with(|t| {
            t.as_ref().map(|t| {
                let shares = DutchLevel::ALL.map(|l| t.share_reachable(l));
                (t.by_level(), t.unstated(), t.total(), shares)
            })
        })
    });
    let count = move |n: u32| format_count(i18n.get_locale(), n as usize);
    let body = move || {
        rows.get()
            .into_iter()
            .map(|r| {
                view! {
                    <tr class:zone-bottleneck=r.bottleneck>
                        <th scope="row">
                            {r.name}
                            {r.bottleneck.then(|| view! {
                                " "<span class="zone-flag">{t!(i18n, zone_bottleneck)}</span>
                            })}
                        </th>
                        {r.by_level.iter().map(|&n| view! { <td>{count(n)}</td> }).collect_view()}
                        <td>{count(r.unstated)}</td>
                        <td class="zone-total">{count(r.total)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let level_headers = DutchLevel::ALL
        .into_iter()
        .map(|level| {
            view! {
                <SortHeader column=ZoneSort::Level(level, Direction::Descending)
                    label=Signal::derive(move || level_name(i18n, level)) />
            }
        })
        .collect_view();

    view! {
        <div class="zone-table-wrap">
            <table class="zone-table">
                <caption>{t!(i18n, zone_table_caption)}</caption>
                <thead>
                    <tr>
                        <SortHeader column=ZoneSort::Occupation(Direction::Ascending)
                            label=Signal::derive(move || t_string!(i18n, col_occupation).to_string()) />
                        {level_headers}
                        <th scope="col">{t!(i18n, zone_col_unstated)}</th>
                        <SortHeader column=ZoneSort::Total(Direction::Descending)
                            label=Signal::derive(move || t_string!(i18n, zone_col_total).to_string()) />
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    {move || totals.get().map(|(by_level, unstated, total, shares)| view! {
                        <tr class="zone-totals">
                            <th scope="row">{t!(i18n, zone_totals)}</th>
                            {by_level.iter().map(|&n| view! { <td>{count(n)}</td> }).collect_view()}
                            <td>{count(unstated)}</td>
                            <td class="zone-total">{count(total)}</td>
                        </tr>
                        <tr class="zone-shares">
                            <th scope="row">{t!(i18n, zone_share)}</th>
                            {shares.iter().map(|&s| view! { <td>{format_share(i18n.get_locale(), s)}</td> }).collect_view()}
                            <td></td>
                            <td></td>
                        </tr>
                    })}
                </tfoot>
            </table>
        </div>
        <Show when=move || totals.get().is_some_and(|t| t.2 == 0) && !zone.load.state.with(|l| l.is_partial())>
            <p class="notice notice-info">{t!(i18n, zone_empty)}</p>
        </Show>
    }
}
