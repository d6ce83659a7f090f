//! The ten occupations with the most vacancies in reach, as bars split by the Dutch level
//! asked (light for little Dutch, dark for a lot). SVG drawn here, on the same rows as the
//! "one more level" chart (`components::bar_rows`). The table below has the same figures; the
//! chart's label lists them for screen readers.

use super::{occupation_lines, use_zone};
use crate::components::bar_rows::{em, BAR_EM, BAR_TOP_EM, BASELINE_EM, ROW_EM};
use crate::i18n::*;
use crate::labels::{format_count, level_name};
use leptos::prelude::*;
use passerelle_core::DutchLevel;

const SHOWN: usize = 10;

#[component]
pub fn ZoneChart() -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_zone();
    let bars = Memo::new(move |_| {
        let lang = locale_code(i18n.get_locale());
        occupation_lines(zone.shown, |t| t.top(SHOWN), lang)
    });
    let flag = move |bottleneck: bool| {
        if bottleneck {
            format!(" · {}", t_string!(i18n, zone_bottleneck))
        } else {
            String::new()
        }
    };
    let label = move || {
        let locale = i18n.get_locale();
        let list = bars
            .get()
            .iter()
            .map(|b| {
                format!(
                    "{}{} {}",
                    b.name,
                    flag(b.bottleneck),
                    format_count(locale, b.total as usize)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        t_string!(i18n, zone_chart_label, list = list).to_string()
    };
    let rows = move || {
        let bars = bars.get();
        let locale = i18n.get_locale();
        let widest = f64::from(bars.first().map_or(1, |b| b.total.max(1)));
        bars.into_iter()
            .enumerate()
            .map(|(i, bar)| {
                let top = ROW_EM * i as f64;
                let mut left = 0.0;
                let parts = DutchLevel::ALL
                    .into_iter()
                    .filter(|&l| bar.by_level[l as usize] > 0)
                    .map(|level| {
                        let width = f64::from(bar.by_level[level as usize]) / widest * 100.0;
                        let x = left;
                        left += width;
                        view! {
                            <rect class=format!("zone-bar zone-level-{}", level as usize)
                                x=format!("{x:.3}%") y=em(top + BAR_TOP_EM)
                                width=format!("{width:.3}%") height=em(BAR_EM) />
                        }
                    })
                    .collect_view();
                let unstated = (bar.unstated > 0).then(|| {
                    let width = f64::from(bar.unstated) / widest * 100.0;
                    view! {
                        <rect class="zone-bar zone-level-unstated"
                            x=format!("{left:.3}%") y=em(top + BAR_TOP_EM)
                            width=format!("{width:.3}%") height=em(BAR_EM) />
                    }
                });
                view! {
                    <g>
                        {parts}
                        {unstated}
                        <text x="0" y=em(top + BASELINE_EM)>{format!("{}{}", bar.name, flag(bar.bottleneck))}</text>
                        <text x="100%" y=em(top + BASELINE_EM) text-anchor="end">
                            {format_count(locale, bar.total as usize)}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    let legend = move || {
        let unstated = bars.read().iter().any(|b| b.unstated > 0).then(|| {
            view! {
                <li><span class="zone-swatch zone-level-unstated"></span>
                    {t!(i18n, zone_col_unstated)}</li>
            }
        });
        let levels = DutchLevel::ALL
            .into_iter()
            .map(|level| {
                view! {
                    <li><span class=format!("zone-swatch zone-level-{}", level as usize)></span>
                        {level_name(i18n, level)}</li>
                }
            })
            .collect_view();
        view! { {levels}{unstated} }
    };
    view! {
        <Show when=move || !bars.read().is_empty()>
            <section class="zone-chart" aria-labelledby="zone-chart-title">
                <h2 id="zone-chart-title">{t!(i18n, zone_chart_title)}</h2>
                <svg class="zone-bars" role="img" aria-label=label
                    height=move || em(ROW_EM * bars.read().len() as f64)
                    xmlns="http://www.w3.org/2000/svg">
                    {rows}
                </svg>
                <ul class="zone-legend" aria-hidden="true">{legend}</ul>
            </section>
        </Show>
    }
}
