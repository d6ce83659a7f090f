//! The header: the name, and the language switch (the choice lives in the URL's `lang`).

use crate::components::applications::APPLICATIONS_PATH;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Follows later changes of the URL's `lang` into the i18n context (the address the app opens with
/// is read before the first render, by `i18n::provide_initial_locale`); without one, the browser's
/// language stands.
pub fn sync_locale_from_url() {
    let i18n = use_i18n();
    let query = use_query_map();
    Effect::new(move |_| {
        if let Some(locale) = query.read().get_str("lang").and_then(locale_from_code) {
            if i18n.get_locale_untracked() != locale {
                i18n.set_locale(locale);
            }
        }
    });
}

/// Switches the interface language and records it in the URL's `lang` (replacing the entry:
/// a language is not a step Back should undo).
pub fn use_language_switch() -> impl Fn(Locale) + Clone + 'static {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    move |locale: Locale| {
        i18n.set_locale(locale);
        let mut params = query.get_untracked();
        params.replace("lang", locale_code(locale).to_owned());
        let href = format!(
            "{}{}",
            location.pathname.get_untracked(),
            params.to_query_string()
        );
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let switch_to = use_language_switch();
    let kiosk = crate::mode::use_kiosk().is_some();
    let switch = move |ev| {
        if let Some(locale) = locale_from_code(&event_target_value(&ev)) {
            switch_to(locale);
        }
    };
    view! {
        <header class="app-header">
            <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
            <a class="brand" href=move || format!("/?lang={}", locale_code(i18n.get_locale()))>{t!(i18n, app_name)}</a>
            <span class="tagline">{t!(i18n, tagline)}</span>
            // A kiosk keeps no applications: nothing to list for the next visitor.
            {(!kiosk).then(|| view! {
                <a class="header-link" href=move || format!("{APPLICATIONS_PATH}?lang={}", locale_code(i18n.get_locale()))>{t!(i18n, nav_applications)}</a>
            })}
            <div class="language-switch">
                <label for="language-select">{t!(i18n, language_label)}</label>
                // `prop:value`, not only `selected`: once the person has chosen an option, the
                // browser shows that choice until the property changes (Back/Forward change the
                // language through the URL).
                <select id="language-select" on:change=switch prop:value=move || locale_code(i18n.get_locale())>
                    {LOCALE_NAMES.into_iter().map(|(locale, name)| view! {
                        <option value=locale_code(locale) lang=locale_code(locale) selected=move || i18n.get_locale() == locale>{name}</option>
                    }).collect_view()}
                </select>
            </div>
        </header>
    }
}
