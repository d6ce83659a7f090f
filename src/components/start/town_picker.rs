//! An accessible combobox over the 261 Walloon municipalities (ARIA 1.2 combobox with a listbox
//! popup): type a name in any language or a postal code, pick with arrows + Enter, touch or click.

use crate::i18n::*;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use passerelle_core::municipality::{search_home_towns, Municipality};

const MAX_OPTIONS: usize = 8;

/// Shows "Mons / Bergen · 7000" (in Dutch "Bergen / Mons · 7000"): the interface language's name
/// first, then the others, so each language's speakers recognise the town.
pub fn town_label(m: &Municipality, lang: &str) -> String {
    let shown = m.name_in(lang);
    let names: Vec<&str> = std::iter::once(shown)
        .chain(m.names().into_iter().filter(|n| *n != shown))
        .collect();
    format!(
        "{} · {}",
        names.join(" / "),
        m.postal_codes.first().copied().unwrap_or_default()
    )
}

#[component]
pub fn TownPicker(
    /// The chosen town; set when an option is picked, cleared when the text no longer matches it.
    selected: RwSignal<Option<&'static Municipality>>,
    /// Shown under the field (e.g. "choose a town first").
    #[prop(into)]
    error: Signal<Option<String>>,
    /// When given, a picked town is handed here and the field empties for the next one (the
    /// counsellor desk adds several towns); `selected` then stays empty.
    #[prop(optional)]
    on_pick: Option<Callback<&'static Municipality>>,
    /// The field's label, when not "your town".
    #[prop(optional)]
    label: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || locale_code(i18n.get_locale());
    let lang_untracked = move || locale_code(i18n.get_locale_untracked());
    let text = RwSignal::new(
        selected
            .get_untracked()
            .map(|m| m.name_in(lang_untracked()).to_owned())
            .unwrap_or_default(),
    );
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let options = Memo::new(move |_| search_home_towns(&text.read(), MAX_OPTIONS));

    // A town chosen elsewhere (e.g. by "use my location") shows in the field, and a chosen town
    // follows the interface language (Mons becomes Bergen in Dutch).
    Effect::new(move |_| {
        if let Some(m) = selected.get() {
            let name = m.name_in(lang());
            if !text.get_untracked().eq_ignore_ascii_case(name) {
                text.set(name.to_owned());
            }
        }
    });

    let choose = move |m: &'static Municipality| {
        match on_pick {
            Some(pick) => {
                pick.run(m);
                text.set(String::new());
            }
            None => {
                selected.set(Some(m));
                text.set(m.name_in(lang_untracked()).to_owned());
            }
        }
        open.set(false);
        active.set(None);
    };

    let on_input = move |ev| {
        let value = event_target_value(&ev);
        if selected
            .get_untracked()
            .is_some_and(|m| m.name_in(lang_untracked()) != value)
        {
            selected.set(None);
        }
        text.set(value);
        open.set(true);
        active.set(None);
    };

    let on_keydown = move |ev: KeyboardEvent| {
        let count = options.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count.max(1))));
            }
            "ArrowUp" => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| {
                    *a = Some(a.map_or(count.saturating_sub(1), |i| {
                        (i + count.max(1) - 1) % count.max(1)
                    }))
                });
            }
            "Enter" if open.get_untracked() && count > 0 => {
                ev.prevent_default();
                let index = active.get_untracked().unwrap_or(0);
                if let Some(m) = options.with_untracked(|o| o.get(index).copied()) {
                    choose(m);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let expanded = move || open.get() && !text.read().trim().is_empty();
    // The "no town matches" note stays after the field loses focus: it is still true then, and
    // hiding it on blur moved the form up under a pointer already pressed on a level radio, so
    // the click checked nothing (found by the random walk, seed 1605416544).
    let unmatched = move || !text.read().trim().is_empty() && options.read().is_empty();
    let option_id = |i: usize| format!("town-option-{i}");
    let label_text = move || match label {
        Some(label) => label.get(),
        None => t_string!(i18n, town_label).to_string(),
    };

    view! {
        <div class="field town-picker">
            <label for="town-input">{label_text}</label>
            <p class="field-hint" id="town-hint">{t!(i18n, town_hint)}</p>
            <input
                id="town-input"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls="town-options"
                aria-describedby=move || {
                    let mut ids = String::from("town-hint");
                    if unmatched() {
                        ids.push_str(" town-note");
                    }
                    if error.read().is_some() {
                        ids.push_str(" town-error");
                    }
                    ids
                }
                aria-invalid=move || error.read().is_some().to_string()
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                prop:value=text
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
            />
            <ul id="town-options" role="listbox" class="town-options" aria-label=label_text hidden=move || !expanded()>
                <For each=move || options.get().into_iter().enumerate() key=|(i, m)| (*i, m.nis_code) let:((i, m))>
                    <li
                        id=option_id(i)
                        role="option"
                        class="town-option"
                        class:active=move || active.get() == Some(i)
                        aria-selected=move || (active.get() == Some(i)).to_string()
                        // mousedown, not click: it fires before the input's blur closes the list.
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            choose(m);
                        }
                    >
                        {move || town_label(m, lang())}
                    </li>
                </For>
            </ul>
            <p class="sr-only" role="status" aria-live="polite">
                {move || {
                    if !expanded() {
                        String::new()
                    } else if options.read().is_empty() {
                        t_string!(i18n, town_no_match, query = text.get()).to_string()
                    } else if options.read().len() == 1 {
                        // Two messages, not a plural one: the start page's wasm then needs no
                        // CLDR plural rules (~10 KB brotli). The list is never empty here.
                        t_string!(i18n, town_option_single).to_string()
                    } else {
                        t_string!(i18n, town_options_several, count = options.read().len()).to_string()
                    }
                }}
            </p>
            {move || unmatched().then(|| view! {
                <p class="field-note" id="town-note">{t!(i18n, town_no_match, query = move || text.get())}</p>
            })}
            {move || error.get().map(|e| view! { <p class="field-error" id="town-error">{e}</p> })}
        </div>
    }
}
