//! Selects for the core's closed choices, shared by the results filters and the desk: one
//! labelled `<select>` per choice, "any" first, names translated.

use crate::i18n::*;
use crate::labels::{contract_name, regime_name};
use leptos::prelude::*;
use passerelle_core::api::{ContractType, Regime};

/// A labelled select of contract types, "any" meaning no filter.
#[component]
pub fn ContractSelect(
    /// The select's id (several pages may show one).
    id: &'static str,
    #[prop(into)] value: Signal<Option<ContractType>>,
    on_change: Callback<Option<ContractType>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{t!(i18n, filter_contract)}</label>
            <select id=id on:change=move |ev| on_change.run(ContractType::parse(&event_target_value(&ev)))>
                <option value="" prop:selected=move || value.get().is_none()>{t!(i18n, any)}</option>
                {ContractType::ALL.into_iter().map(|c| view! {
                    <option value=c.as_str() prop:selected=move || value.get() == Some(c)>{move || contract_name(i18n, c)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled select of working-time regimes, "any" meaning no filter.
#[component]
pub fn RegimeSelect(
    id: &'static str,
    #[prop(into)] value: Signal<Option<Regime>>,
    on_change: Callback<Option<Regime>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{t!(i18n, filter_regime)}</label>
            <select id=id on:change=move |ev| on_change.run(Regime::parse(&event_target_value(&ev)))>
                <option value="" prop:selected=move || value.get().is_none()>{t!(i18n, any)}</option>
                {Regime::ALL.into_iter().map(|r| view! {
                    <option value=r.as_str() prop:selected=move || value.get() == Some(r)>{move || regime_name(i18n, r)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
