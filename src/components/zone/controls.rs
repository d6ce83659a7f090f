//! The area (zone, arrondissement or town), the radius and the filters; each change is an
//! edit of the URL.

use super::{area_name, use_zone, zone_name};
use crate::components::choices::{ContractSelect, RegimeSelect};
use crate::components::desk::towns::radius_choices;
use crate::i18n::*;
use leptos::prelude::*;
use passerelle_core::municipality;
use passerelle_core::zone::ZoneArea;

#[component]
pub fn ZoneControls() -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_zone();
    let view = zone.view;
    let lang = move || locale_code(i18n.get_locale());
    let chosen = Memo::new(move |_| view.with(|v| v.area.as_ref().map(ZoneArea::param)));
    let option = move |area: ZoneArea, label: String| {
        let value = area.param();
        let selected = value.clone();
        view! { <option value=value prop:selected=move || chosen.get().as_deref() == Some(selected.as_str())>{label}</option> }
    };
    let zone_options = move || {
        zone.zones.with_value(|z| {
            z.zones()
                .into_iter()
                .map(|id| option(ZoneArea::Zone(id.to_owned()), zone_name(i18n, id)))
                .collect_view()
        })
    };
    let arrondissement_options = move || {
        zone.zones.with_value(|z| {
            let mut list: Vec<_> = z.arrondissements().to_vec();
            list.sort_by(|a, b| a.name.cmp(&b.name));
            list.into_iter()
                .map(|a| {
                    let label = format!("{} ({})", a.name, zone_name(i18n, &a.zone));
                    option(ZoneArea::Arrondissement(a.nis), label)
                })
                .collect_view()
        })
    };
    let town_options = move || {
        let lang = lang();
        let mut towns: Vec<_> = municipality::home_towns().collect();
        towns.sort_by_key(|m| passerelle_core::text::fold(m.name_in(lang)));
        towns
            .into_iter()
            .map(|m| option(ZoneArea::Town(m), m.name_in(lang).to_owned()))
            .collect_view()
    };
    // A zone's or arrondissement's towns, under a summary: a planner checks them once.
    let towns_list = move || {
        let lang = lang();
        zone.towns.with(|towns| {
            (towns.len() > 1).then(|| {
                let summary = t_string!(i18n, zone_towns, count = towns.len()).to_string();
                let names = towns
                    .iter()
                    .map(|m| m.name_in(lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                (summary, names)
            })
        })
    };
    let is_zone = Memo::new(move |_| view.with(|v| matches!(v.area, Some(ZoneArea::Zone(_)))));
    let area_title = move || {
        view.with(|v| {
            v.area
                .as_ref()
                .map(|a| zone.zones.with_value(|z| area_name(i18n, a, z)))
        })
    };

    view! {
        <div class="zone-controls">
            <div class="field">
                <label for="zone-area">{t!(i18n, zone_area)}</label>
                <select id="zone-area" on:change=move |ev| {
                    let area = ZoneArea::parse(&event_target_value(&ev));
                    zone.edit(|v| v.area = area);
                }>
                    <option value="" prop:selected=move || chosen.get().is_none()>{t!(i18n, zone_choose)}</option>
                    <optgroup label=move || t_string!(i18n, zone_group_zones).to_string()>{zone_options}</optgroup>
                    <optgroup label=move || t_string!(i18n, zone_group_arrondissements).to_string()>{arrondissement_options}</optgroup>
                    <optgroup label=move || t_string!(i18n, zone_group_towns).to_string()>{town_options}</optgroup>
                </select>
            </div>
            <div class="field">
                <label for="zone-radius">{t!(i18n, zone_radius)}</label>
                <select id="zone-radius" on:change=move |ev| {
                    if let Ok(km) = event_target_value(&ev).parse::<u8>() {
                        zone.edit(|v| v.radius_km = km);
                    }
                }>
                    {move || {
                        let current = view.with(|v| v.radius_km);
                        radius_choices(current).into_iter().map(|km| view! {
                            <option value=km.to_string() prop:selected=move || km == current>{format!("{km} km")}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
            <ContractSelect id="zone-contract"
                value=Signal::derive(move || view.with(|v| v.contract))
                on_change=Callback::new(move |c| zone.edit(|v| v.contract = c)) />
            <RegimeSelect id="zone-regime"
                value=Signal::derive(move || view.with(|v| v.regime))
                on_change=Callback::new(move |r| zone.edit(|v| v.regime = r)) />
            <label class="check">
                <input type="checkbox" prop:checked=move || view.with(|v| v.bottleneck_only)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        zone.edit(|v| v.bottleneck_only = on);
                    } />
                {t!(i18n, zone_bottleneck_only)}
            </label>
        </div>
        {move || area_title().map(|title| view! { <h2 class="zone-area-title">{title}</h2> })}
        <Show when=move || is_zone.get()>
            <p class="hint zone-indicative">{t!(i18n, zone_indicative)}</p>
        </Show>
        {move || towns_list().map(|(summary, names)| view! {
            <details class="zone-towns"><summary>{summary}</summary><p>{names}</p></details>
        })}
    }
}
