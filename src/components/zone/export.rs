//! The table as a CSV download (the core writes it: `passerelle_core::zone::zone_csv`), headed
//! by what it counts so a file forwarded alone still says what it is.

use super::{area_name, use_zone, Zone};
use crate::api::use_api;
use crate::components::download::download_csv;
use crate::i18n::*;
use crate::labels::{contract_name, level_name, regime_name};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use passerelle_core::occupation::row_occupation;
use passerelle_core::zone::{zone_csv, ZoneCsvLabels};
use passerelle_core::DutchLevel;

/// "passerelle-zone-centre-60km.csv": a planner downloads several and must tell them apart.
fn file_name(zone: &Zone) -> String {
    zone.view.with_untracked(|v| {
        let area = v
            .area
            .as_ref()
            .map(|a| a.param().replace(':', "-"))
            .unwrap_or_default();
        format!("passerelle-zone-{area}-{}km.csv", v.radius_km)
    })
}

/// The filters as one line ("Contract: permanent · Bottleneck occupations only"), or "none".
fn filters_line(i18n: I18nContext<Locale>, zone: &Zone) -> String {
    zone.view.with_untracked(|v| {
        let mut parts = Vec::new();
        if let Some(c) = v.contract {
            parts.push(format!(
                "{}: {}",
                t_string!(i18n, filter_contract),
                contract_name(i18n, c)
            ));
        }
        if let Some(r) = v.regime {
            parts.push(format!(
                "{}: {}",
                t_string!(i18n, filter_regime),
                regime_name(i18n, r)
            ));
        }
        if v.bottleneck_only {
            parts.push(t_string!(i18n, zone_bottleneck_only).to_string());
        }
        if parts.is_empty() {
            t_string!(i18n, zone_csv_no_filter).to_string()
        } else {
            parts.join(" · ")
        }
    })
}

fn labels(i18n: I18nContext<Locale>, zone: &Zone, api: &str) -> ZoneCsvLabels {
    let lang = locale_code(i18n.get_locale_untracked());
    let (area, radius) = zone.view.with_untracked(|v| {
        let area = v
            .area
            .as_ref()
            .map(|a| zone.zones.with_value(|z| area_name(i18n, a, z)))
            .unwrap_or_default();
        (area, v.radius_km)
    });
    let towns = zone.towns.with_untracked(|t| {
        t.iter()
            .map(|m| m.name_in(lang))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let (dataset_date, partial) = zone.load.state.with_untracked(|l| {
        let date = zone.count.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.newest_published(l.vacancies.items()))
                .unwrap_or_default()
                .to_owned()
        });
        (date, l.is_partial())
    });
    let today = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect::<String>();
    let mut about = vec![
        (t_string!(i18n, zone_csv_area).to_string(), area),
        (t_string!(i18n, zone_csv_towns).to_string(), towns),
        (
            t_string!(i18n, zone_csv_radius).to_string(),
            radius.to_string(),
        ),
        (
            t_string!(i18n, zone_csv_filters).to_string(),
            filters_line(i18n, zone),
        ),
        (
            t_string!(i18n, zone_csv_dataset_date).to_string(),
            dataset_date,
        ),
        (t_string!(i18n, zone_csv_exported).to_string(), today),
        (
            t_string!(i18n, zone_csv_source).to_string(),
            format!(
                "{} {}",
                t_string!(i18n, zone_csv_source_text, api = api),
                passerelle_core::DATA_ATTRIBUTION
            ),
        ),
    ];
    // Le Forem's licence (CC BY-SA) asks for its attribution wherever its offers are used.
    if zone
        .load
        .state
        .with_untracked(|l| l.vacancies.traits().from_forem > 0)
    {
        about.push((
            t_string!(i18n, zone_csv_source).to_string(),
            format!(
                "{} (https://creativecommons.org/licenses/by-sa/4.0/)",
                t_string!(i18n, attribution_forem)
            ),
        ));
    }
    if partial {
        about.push((t_string!(i18n, zone_csv_partial).to_string(), String::new()));
    }
    ZoneCsvLabels {
        about,
        occupation: t_string!(i18n, col_occupation).to_string(),
        code: t_string!(i18n, zone_csv_code).to_string(),
        bottleneck: t_string!(i18n, zone_bottleneck).to_string(),
        yes: t_string!(i18n, zone_csv_yes).to_string(),
        levels: DutchLevel::ALL.map(|l| level_name(i18n, l)),
        unstated: t_string!(i18n, zone_col_unstated).to_string(),
        total: t_string!(i18n, zone_col_total).to_string(),
        totals: t_string!(i18n, zone_totals).to_string(),
        share: format!("{} (%)", t_string!(i18n, zone_share)),
    }
}

#[component]
pub fn ZoneCsvButton() -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_zone();
    let api = use_api();
    let partial = Memo::new(move |_| zone.load.state.with(|l| l.is_partial()));
    let download = move |_| {
        let labels = labels(i18n, &zone, api.base());
        let lang = locale_code(i18n.get_locale_untracked());
        let sort = zone.view.with_untracked(|v| v.sort);
        let csv = zone.count.with_untracked(|c| {
            c.as_ref()
                .map(|c| zone_csv(c.table(), sort, &labels, |row| row_occupation(row, lang)))
        });
        if let Some(csv) = csv {
            download_csv(&csv, &file_name(&zone));
        }
    };
    view! {
        <p class="zone-export">
            <button type="button" class="button" on:click=download>{t!(i18n, zone_csv)}</button>
            <Show when=move || partial.get()>
                " "<span class="hint">{t!(i18n, zone_csv_wait)}</span>
            </Show>
        </p>
    }
}
