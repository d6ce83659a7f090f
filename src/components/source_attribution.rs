//! The line naming where the vacancies come from when they are not the API's own: Le Forem's
//! open data is CC BY-SA 4.0, whose attribution must show wherever its offers do.

use crate::i18n::*;
use crate::mode::use_kiosk;
use leptos::prelude::*;

const CC_BY_SA_4: &str = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr";

/// "Offres : Le Forem, CC BY-SA 4.0", while `forem` is true; the licence is a link except on a
/// kiosk, which never leaves the app.
#[component]
pub fn SourceAttribution(#[prop(into)] forem: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = use_kiosk().is_some();
    view! {
        <Show when=move || forem.get()>
            <p class="source-attribution">
                {if kiosk {
                    t!(i18n, attribution_forem).into_any()
                } else {
                    view! {
                        <a href=CC_BY_SA_4 target="_blank" rel="noopener noreferrer license">
                            {t!(i18n, attribution_forem)}
                        </a>
                    }
                    .into_any()
                }}
            </p>
        </Show>
    }
}
