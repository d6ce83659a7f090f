//! "One more level": a compact chart of the vacancies in reach at each Dutch level asked, the
//! person's level marked, one sentence with what the next level adds, and a link to Dutch
//! courses. Counted from the vacancies already loaded, with the results' own filters (see
//! `passerelle_core::level_payoff`), so it agrees with the map and the list.

mod chart;
mod tally;

pub use tally::LevelTally;

use crate::components::kiosk::PhoneLink;
use crate::components::results::open_beside_the_list;
use crate::i18n::*;
use crate::labels::{format_count, level_name, LocalCount};
use crate::mode::use_kiosk;
use crate::url_state::use_current_view;
use crate::vacancies::VacancyResults;
use chart::{LevelChart, LevelTable};
use leptos::prelude::*;
use passerelle_core::level_payoff::LevelCounts;
use passerelle_core::view_state::MyDutch;

/// Where a jobseeker finds Dutch courses (`config.json`'s `dutch_courses_url`), provided once
/// by the app; `None`: no link.
#[derive(Debug, Clone, PartialEq)]
pub struct DutchCourses(pub Option<String>);

/// The chart and its sentence. `tally` is owned by the results page (see
/// `url_state::CurrentView` for why views shown and hidden by the page read page-owned memos).
#[component]
pub fn LevelPayoff(tally: Memo<LevelTally>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_current_view();
    let load = expect_context::<VacancyResults>().load.state;
    let courses = use_context::<DutchCourses>().and_then(|c| c.0);
    let kiosk = use_kiosk().is_some();
    let counts = Memo::new(move |_| tally.read().counts);
    let mine = Memo::new(move |_| state.read().dutch);
    let awaiting = Memo::new(move |_| load.with(|s| s.awaiting_first_page()));
    let partial = Memo::new(move |_| load.with(|s| s.is_partial()));
    let unstated = Memo::new(move |_| counts.read().unstated());
    let table_open = RwSignal::new(false);
    // The sentence always shows; the chart folds as the filters do, so phones and kiosks keep
    // the vacancies in the first screen.
    let chart_open_at_start = open_beside_the_list();

    let sentence = move || {
        let locale = i18n.get_locale();
        let counts: LevelCounts = counts.get();
        let Some(from) = mine.get().level() else {
            return t_string!(i18n, payoff_unknown).to_string();
        };
        let Some(payoff) = counts.payoff(MyDutch::Level(from)) else {
            return t_string!(i18n, payoff_top).to_string();
        };
        let to = level_name(i18n, payoff.to);
        let from = level_name(i18n, payoff.from);
        let count = LocalCount::new(locale, payoff.gained() as usize);
        match payoff.percent() {
            Some(percent) => t_string!(
                i18n,
                payoff_gain,
                to = to,
                from = from,
                count = count,
                percent = format_count(locale, percent as usize)
            )
            .to_string(),
            None => t_string!(
                i18n,
                payoff_gain_from_none,
                to = to,
                from = from,
                count = count
            )
            .to_string(),
        }
    };
    let courses_view = courses.map(|url| {
        if kiosk {
            // A kiosk never leaves the app: the course page goes to the visitor's phone.
            view! {
                <details class="payoff-courses">
                    <summary>{t!(i18n, payoff_courses_link)}</summary>
                    <PhoneLink url=url explanation=Signal::derive(move || t_string!(i18n, payoff_courses_kiosk).to_string()) />
                </details>
            }
            .into_any()
        } else {
            view! {
                " "
                <a href=url target="_blank" rel="noopener noreferrer">{t!(i18n, payoff_courses_link)}</a>
            }
            .into_any()
        }
    });

    view! {
        <section class="level-payoff" aria-labelledby="payoff-title" hidden=move || awaiting.get()>
            <h2 id="payoff-title">{t!(i18n, payoff_title)}</h2>
            <p class="payoff-sentence">
                <span data-testid="payoff-sentence">{sentence}</span>
                {courses_view}
            </p>
            <p class="hint" hidden=move || !partial.get()>{t!(i18n, payoff_so_far)}</p>
            <p class="hint" hidden=move || unstated.get() == 0>
                {move || t_string!(i18n, payoff_unstated, count = LocalCount::new(i18n.get_locale(), unstated.get() as usize)).to_string()}
            </p>
            <details class="payoff-details" open=chart_open_at_start>
                <summary>{t!(i18n, payoff_chart_show)}</summary>
                <LevelChart counts=counts mine=mine />
                <button type="button" class="button-link" aria-controls="payoff-table"
                    aria-expanded=move || table_open.get().to_string()
                    on:click=move |_| table_open.update(|open| *open = !*open)>
                    {t!(i18n, payoff_table_show)}
                </button>
                <LevelTable counts=counts mine=mine open=table_open />
            </details>
        </section>
    }
}
