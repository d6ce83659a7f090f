//! The chart (SVG drawn here, no charting library) and its table equivalent.
//!
//! One row per level: the level's name and count above a bar of the vacancies asking at most
//! that level. Each bar is split by fit, in the map's fit colours, so the part one more level
//! adds shows in the "reachable with a course" colour. The rows' geometry is shared with the zone
//! chart (`components::bar_rows`); `style/level-payoff.css` gives the chart six rows.

use crate::components::bar_rows::{em, BAR_EM, BAR_TOP_EM, BASELINE_EM, ROW_EM};
use crate::i18n::*;
use crate::labels::{format_count, level_name};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use passerelle_core::level_payoff::LevelCounts;
use passerelle_core::view_state::MyDutch;
use passerelle_core::{DutchLevel, FitClass};

/// What a row says after the level's name: the person's level, or nothing.
fn row_label(i18n: I18nContext<Locale>, level: DutchLevel, mine: MyDutch) -> String {
    let name = level_name(i18n, level);
    if mine.level() == Some(level) {
        format!("{name} · {}", t_string!(i18n, payoff_your_level))
    } else {
        name
    }
}

/// The count, and for the next level up what it adds ("3 415 (+1 240)").
fn row_count(locale: Locale, counts: &LevelCounts, level: DutchLevel, mine: MyDutch) -> String {
    let n = format_count(locale, counts.at_most(level) as usize);
    match counts.payoff(mine) {
        Some(p) if p.to == level => {
            format!("{n} (+{})", format_count(locale, p.gained() as usize))
        }
        _ => n,
    }
}

/// Each fit's part of a bar as (x, width) in percent of the chart, in [`FitClass::ALL`] order
/// (a class with no vacancy gets a zero width, which SVG does not draw).
fn bar_parts(
    counts: &LevelCounts,
    level: DutchLevel,
    mine: MyDutch,
) -> [(f64, f64); FitClass::ALL.len()] {
    let total = f64::from(counts.total().max(1));
    let parts = counts.at_most_by_fit(level, mine.level());
    let mut left = 0.0;
    FitClass::ALL.map(|class| {
        let width = f64::from(parts[usize::from(class.index())]) / total * 100.0;
        let x = left;
        left += width;
        (x, width)
    })
}

/// The chart. Its rows and bars are built once: a filter change only resizes the bars and
/// rewrites the counts (rebuilding some eighty SVG elements was a visible part of a filter
/// change at 100,000 vacancies on a phone-class CPU).
#[component]
pub fn LevelChart(counts: Memo<LevelCounts>, mine: Memo<MyDutch>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = DutchLevel::ALL
        .into_iter()
        .enumerate()
        .map(|(i, level)| {
            let top = ROW_EM * i as f64;
            let parts = Memo::new(move |_| bar_parts(&counts.read(), level, mine.get()));
            let bars = FitClass::ALL
                .into_iter()
                .enumerate()
                .map(|(c, class)| {
                    view! {
                        <rect class=format!("payoff-bar {}", class.as_css())
                            x=move || format!("{:.3}%", parts.read()[c].0) y=em(top + BAR_TOP_EM)
                            width=move || format!("{:.3}%", parts.read()[c].1) height=em(BAR_EM) />
                    }
                })
                .collect_view();
            view! {
                <g class="payoff-row" class:payoff-row-mine=move || mine.get().level() == Some(level)>
                    <rect class="payoff-track" x="0" y=em(top + BAR_TOP_EM)
                        width="100%" height=em(BAR_EM) />
                    {bars}
                    <text x="0" y=em(top + BASELINE_EM)>{move || row_label(i18n, level, mine.get())}</text>
                    <text x="100%" y=em(top + BASELINE_EM) text-anchor="end">
                        {move || row_count(i18n.get_locale(), &counts.read(), level, mine.get())}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="payoff-chart" role="img"
            aria-label=move || t_string!(i18n, payoff_chart_label).to_string()
            xmlns="http://www.w3.org/2000/svg">
            {rows}
        </svg>
    }
}

/// The same numbers as a table, shown on request.
#[component]
pub fn LevelTable(
    counts: Memo<LevelCounts>,
    mine: Memo<MyDutch>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Built once, like the chart; only the texts follow the counts.
    let rows = DutchLevel::ALL
        .into_iter()
        .map(|level| {
            view! {
                <tr class:payoff-row-mine=move || mine.get().level() == Some(level)>
                    <th scope="row">{move || row_label(i18n, level, mine.get())}</th>
                    <td>{move || row_count(i18n.get_locale(), &counts.read(), level, mine.get())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table id="payoff-table" class="payoff-table" hidden=move || !open.get()>
            <caption>{t!(i18n, payoff_table_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, payoff_table_level)}</th>
                    <th scope="col">{t!(i18n, payoff_table_count)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
