//! The map legend: fit by colour and by shape, so it does not rely on colour alone.

use crate::i18n::*;
use crate::labels::fit_name;
use leptos::prelude::*;
use passerelle_core::view_state::MyDutch;
use passerelle_core::FitClass;

#[component]
pub fn MapLegend(
    #[prop(into)] dutch: Signal<MyDutch>,
    /// Some loaded vacancies state no Dutch level (they get their own mark).
    #[prop(into)]
    unstated: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let classes = move || {
        let mut classes = if dutch.get() == MyDutch::Unknown {
            vec![FitClass::Unknown]
        } else {
            vec![FitClass::Within, FitClass::OneAbove, FitClass::Beyond]
        };
        if unstated.get() {
            classes.push(FitClass::NotStated);
        }
        classes
    };
    view! {
        <div class="map-legend" aria-label=move || t_string!(i18n, legend_title).to_string() role="group">
            <ul>
                {move || classes().into_iter().map(|class| view! {
                    <li><span class=format!("fit-swatch {}", class.as_css()) aria-hidden="true"></span>{move || fit_name(i18n, class)}</li>
                }).collect_view()}
                <li><span class="cluster-swatch" aria-hidden="true">"12"</span>{t!(i18n, legend_cluster)}</li>
            </ul>
        </div>
    }
}
