//! A labelled form field that shows its translated error and links it for screen readers.

use crate::i18n::*;
use crate::labels::field_error;
use leptos::prelude::*;
use passerelle_core::api::{FieldError, FieldErrorCode};

/// Errors per field name, in form order (client validation or the server's problem+json).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(Vec<(String, FieldErrorCode)>);

impl From<Vec<FieldError>> for FieldErrors {
    fn from(errors: Vec<FieldError>) -> Self {
        FieldErrors(errors.into_iter().map(|e| (e.field, e.code)).collect())
    }
}

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<FieldErrorCode> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, c)| *c)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, FieldErrorCode)> {
        self.0.iter()
    }

    /// Forgets a field's error once the person edits it.
    pub fn clear(&mut self, field: &str) {
        self.0.retain(|(f, _)| f != field);
    }
}

#[component]
pub fn TextField(
    /// The API field name; the input's id is `apply-{name}`.
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "on")] autocomplete: &'static str,
    #[prop(default = false)] optional: bool,
    #[prop(default = false)] multiline: bool,
    #[prop(optional, into)] hint: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("apply-{name}");
    let error_id = format!("apply-{name}-error");
    let hint_id = format!("apply-{name}-hint");
    let error = move || errors.read().get(name);
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.read().is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let input = move |ev| {
        errors.update(|e| e.clear(name));
        on_input.run(event_target_value(&ev));
    };
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="6" autocomplete=autocomplete
                aria-invalid=move || error().is_some().to_string() aria-describedby=described_by.clone()
                prop:value=value on:input=input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type=input_type autocomplete=autocomplete
                aria-invalid=move || error().is_some().to_string() aria-describedby=described_by
                aria-required=(!optional).to_string()
                prop:value=value on:input=input />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id>
                {label}
                {optional.then(|| view! { " " <span class="optional">{t!(i18n, optional)}</span> })}
            </label>
            {move || hint.get().map(|h| view! { <p class="field-hint" id=hint_id.clone()>{h}</p> })}
            {control}
            {move || error().map(|code| view! { <p class="field-error" id=error_id.clone()>{field_error(i18n, code)}</p> })}
        </div>
    }
}
