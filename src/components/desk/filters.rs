//! The person's search profile beyond towns and level: occupations of interest (searched by
//! name among those present in the loaded vacancies, bottleneck occupations first), contract
//! and working time. Every choice is in the URL with the rest of the desk.

use super::use_desk;
use crate::components::choices::{ContractSelect, RegimeSelect};
use crate::i18n::*;
use crate::labels::format_count;
use leptos::prelude::*;
use passerelle_core::desk::{find_occupation, occupations_in, MAX_OCCUPATIONS};
use passerelle_core::occupation::occupation_label;

/// One occupation the list offers.
#[derive(Debug, Clone, PartialEq)]
struct Offered {
    code: String,
    bottleneck: bool,
    vacancies: usize,
}

#[component]
pub fn DeskFilters() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let lang = move || locale_code(i18n.get_locale());
    let load = desk.load.state;
    // The occupations of the whole load (every town, every filter): what can be picked.
    let offered = Memo::new(move |_| {
        load.with(|l| {
            occupations_in(l.vacancies.items())
                .into_iter()
                .map(|o| Offered {
                    code: o.code.to_owned(),
                    bottleneck: o.bottleneck,
                    vacancies: o.vacancies,
                })
                .collect::<Vec<_>>()
        })
    });
    let chosen = Memo::new(move |_| desk.state.with(|s| s.occupations().to_vec()));
    let full = Memo::new(move |_| chosen.with(|c| c.len() >= MAX_OCCUPATIONS));
    let typed = RwSignal::new(String::new());
    let unknown = RwSignal::new(None::<String>);
    let add = move || {
        let text = typed.get_untracked();
        let found = load.with_untracked(|l| {
            find_occupation(&occupations_in(l.vacancies.items()), &text, lang()).map(str::to_owned)
        });
        match found {
            Some(code) => {
                desk.edit(|s| {
                    s.add_occupation(&code);
                });
                typed.set(String::new());
                unknown.set(None);
            }
            // What was typed stays in the field, with the reason beside it.
            None if !text.trim().is_empty() => unknown.set(Some(text)),
            None => {}
        }
    };
    let option_text = move |o: &Offered| {
        let name = occupation_label(&o.code, lang());
        let count = format_count(i18n.get_locale(), o.vacancies);
        if o.bottleneck {
            t_string!(
                i18n,
                desk_occupation_option_bottleneck,
                name = name,
                count = count
            )
            .to_string()
        } else {
            t_string!(i18n, desk_occupation_option, name = name, count = count).to_string()
        }
    };

    view! {
        <fieldset class="desk-filters">
            <legend>{t!(i18n, desk_filters_legend)}</legend>
            <div class="field desk-occupations">
                <label for="desk-occupation">{t!(i18n, desk_occupations)}</label>
                <ul class="chips" aria-label=move || t_string!(i18n, desk_occupations).to_string()>
                    <For each=move || chosen.get() key=|code| code.clone() let:code>
                        {
                            let name = {
                                let code = code.clone();
                                move || occupation_label(&code, lang())
                            };
                            let label = {
                                let name = name.clone();
                                move || t_string!(i18n, desk_occupation_remove, name = name()).to_string()
                            };
                            view! {
                                <li class="chip">
                                    <span>{name}</span>
                                    <button type="button" class="chip-remove" aria-label=label
                                        on:click=move |_| desk.edit(|s| { s.remove_occupation(&code); })
                                    >"✕"</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <Show
                    when=move || !full.get()
                    fallback=move || view! { <p class="field-note">{t!(i18n, desk_occupation_full)}</p> }
                >
                    <div class="inline-add">
                        <input id="desk-occupation" type="text" list="desk-occupation-list" autocomplete="off"
                            aria-describedby="desk-occupation-hint desk-occupation-error"
                            aria-invalid=move || unknown.with(Option::is_some).to_string()
                            prop:value=move || typed.get()
                            on:input=move |ev| {
                                typed.set(event_target_value(&ev));
                                unknown.set(None);
                            }
                            on:keydown=move |ev| if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        />
                        <button type="button" class="button button-small" on:click=move |_| add()>
                            {t!(i18n, desk_occupation_add)}
                        </button>
                    </div>
                    <datalist id="desk-occupation-list">
                        <For each=move || offered.get() key=|o| (o.code.clone(), o.vacancies) let:o>
                            <option value=move || occupation_label(&o.code, lang())>{option_text(&o)}</option>
                        </For>
                    </datalist>
                    <p class="field-hint" id="desk-occupation-hint">{t!(i18n, desk_occupation_hint)}</p>
                    <p class="field-error" id="desk-occupation-error" role="alert">
                        {move || unknown.get().map(|text| t_string!(i18n, desk_occupation_unknown, text = text).to_string())}
                    </p>
                </Show>
            </div>
            <ContractSelect
                id="desk-contract"
                value=Signal::derive(move || desk.state.with(|s| s.contract))
                on_change=Callback::new(move |c| desk.edit(|s| s.contract = c))
            />
            <RegimeSelect
                id="desk-regime"
                value=Signal::derive(move || desk.state.with(|s| s.regime))
                on_change=Callback::new(move |r| desk.edit(|s| s.regime = r))
            />
        </fieldset>
    }
}
