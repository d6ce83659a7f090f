//! VDAB's six levels as a radio group, each with a plain description and an indicative CEFR hint,
//! plus "I don't know".

use crate::i18n::*;
use crate::labels::{level_description, level_name};
use leptos::prelude::*;
use passerelle_core::view_state::MyDutch;
use passerelle_core::DutchLevel;

#[component]
pub fn DutchLevelPicker(selected: RwSignal<MyDutch>) -> impl IntoView {
    let i18n = use_i18n();
    let choices: Vec<MyDutch> = DutchLevel::ALL
        .into_iter()
        .map(MyDutch::Level)
        .chain(std::iter::once(MyDutch::Unknown))
        .collect();
    view! {
        <fieldset class="field dutch-picker">
            <legend>{t!(i18n, dutch_legend)}</legend>
            <p class="field-hint">{t!(i18n, dutch_hint)}</p>
            {choices.into_iter().map(|choice| {
                let id = format!("level-{}", choice.as_str());
                let title = move || match choice {
                    MyDutch::Level(l) => level_name(i18n, l),
                    MyDutch::Unknown => t_string!(i18n, level_unknown).to_string(),
                };
                let description = move || match choice {
                    MyDutch::Level(l) => level_description(i18n, l),
                    MyDutch::Unknown => t_string!(i18n, level_unknown_desc).to_string(),
                };
                let cefr = match choice {
                    MyDutch::Level(l) if l != DutchLevel::None => Some(l.cefr_hint()),
                    _ => None,
                };
                // The whole label is clickable, but the radio's name is only the title (and CEFR hint)
                // and the description is its description: read together they ran into one sentence.
                let (name_id, desc_id) = (format!("{id}-name"), format!("{id}-desc"));
                view! {
                    <div class="level-choice">
                        <input
                            type="radio"
                            name="dutch-level"
                            id=id.clone()
                            value=choice.as_str()
                            aria-labelledby=name_id.clone()
                            aria-describedby=desc_id.clone()
                            prop:checked=move || selected.get() == choice
                            on:change=move |_| selected.set(choice)
                        />
                        <label for=id>
                            <span id=name_id>
                                <span class="level-title">{title}</span>
                                {cefr.map(|c| view! { " " <span class="level-cefr">{t!(i18n, cefr_hint, cefr = move || c)}</span> })}
                            </span>
                            <span class="level-desc" id=desc_id>{description}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
