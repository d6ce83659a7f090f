//! Step 6: the application form. The draft is saved on the device as the person types and
//! restored after a reload or a failed send; a retry reuses the idempotency key, so a dropped
//! connection never makes a second application. A busy server's wait is honoured; a key the
//! server holds for other content is replaced only after the person agrees; editing after a
//! send of unknown outcome is warned about (`passerelle_core::draft` decides all three). The
//! person can discard the draft, and a sent application is recorded for "My applications".

mod discard;
mod field;
mod send_notice;

use crate::api::{use_api, ApiError};
use crate::components::applications::{DevicePrivacyNote, APPLICATIONS_PATH};
use crate::components::qr::QrCode;
use crate::focus::focus_id_after_render;
use crate::i18n::*;
use crate::labels::{field_error, field_label, level_name};
use crate::mode::use_kiosk;
use crate::storage;
use crate::url_state::use_current_view;
use discard::DiscardDraft;
use field::{FieldErrors, TextField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use passerelle_core::api::{ApplicationRequest, VacancySummary};
use passerelle_core::application::validate_application;
use passerelle_core::draft::{is_key_reused, ApplicationDraft, AttemptOutcome, SendPlan};
use passerelle_core::on_device::SentApplication;
use passerelle_core::DutchLevel;
use send_notice::{SendNotices, SendState};
use wasm_bindgen::JsCast;

/// The id of a field's input, which its label, error and summary link point at.
fn field_id(field: &str) -> String {
    format!("apply-{field}")
}

/// Focuses a field by its API name once the errors are rendered.
fn focus_field(field: &str) {
    let id = field_id(field);
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// What a kiosk receipt's QR code carries: the reference first (what the employer asks for),
/// then which vacancy and when, as plain text any phone shows.
fn receipt_qr_text(sent: &SentApplication) -> String {
    format!(
        "Passerelle {} · {} · {} · {}",
        sent.reference, sent.title, sent.employer, sent.received_at
    )
}

#[component]
pub fn ApplyForm(vacancy: VacancySummary) -> impl IntoView {
    let i18n = use_i18n();
    let view_now = use_current_view().get_untracked();
    let my_dutch = view_now.dutch;
    let client = use_api();
    let id = vacancy.id;
    let blank_draft = move || ApplicationDraft {
        dutch_level: my_dutch.level(),
        ..ApplicationDraft::new(id)
    };
    let restored = storage::load_draft(id);
    let was_restored = RwSignal::new(restored.as_ref().is_some_and(|d| !d.is_blank()));
    let draft = RwSignal::new(restored.unwrap_or_else(blank_draft));
    let sending = RwSignal::new(match storage::load_sent(id) {
        Some(sent) => SendState::Sent(sent),
        None => SendState::Idle,
    });
    let errors = RwSignal::new(FieldErrors::default());
    let storage_failed = RwSignal::new(false);
    let discarded = RwSignal::new(false);
    // What "My applications" shows for this vacancy, and the search that opens it again.
    let record = move |receipt: passerelle_core::api::ApplicationReceipt| SentApplication {
        vacancy_id: id,
        reference: receipt.reference,
        received_at: receipt.received_at,
        title: vacancy.title.to_string(),
        employer: vacancy.employer.to_string(),
        town: view_now
            .town
            .map(|t| t.nis_code.to_owned())
            .unwrap_or_default(),
        dutch: my_dutch.as_str().to_owned(),
    };

    // Every edit is saved at once: a reload, a crash or a dead battery loses nothing typed.
    let edit = move |change: Box<dyn FnOnce(&mut ApplicationDraft)>| {
        draft.update(|d| change(d));
        discarded.set(false);
        storage_failed.set(draft.with_untracked(storage::save_draft).is_err());
    };

    let discard = Callback::new(move |()| {
        storage::discard_draft(id);
        draft.set(blank_draft());
        errors.set(FieldErrors::default());
        sending.set(SendState::Idle);
        storage_failed.set(false);
        was_restored.set(false);
        discarded.set(true);
        focus_field("first_name");
    });

    // Sends under `key`; the attempt (with its key) is on the device before the request
    // leaves, so a reload mid-send retries with it.
    let send = Callback::new(move |(request, key): (ApplicationRequest, String)| {
        let _ = draft.with_untracked(storage::save_draft);
        sending.set(SendState::InFlight);
        let client = client.clone();
        let record = record.clone();
        spawn_local(async move {
            let error = match client.apply(&request, &key).await {
                Ok(receipt) => {
                    let sent = record(receipt);
                    storage::application_sent(&sent);
                    sending.try_set(SendState::Sent(sent));
                    focus_id_after_render("apply-success");
                    return;
                }
                Err(e) => e,
            };
            let failed = |outcome: AttemptOutcome| {
                draft.try_update(|d| d.send_failed(outcome));
                let _ = draft.try_with_untracked(storage::save_draft);
            };
            match error {
                ApiError::Status {
                    status: 422,
                    problem: Some(problem),
                    ..
                } if is_key_reused(&problem.problem_type) => {
                    failed(AttemptOutcome::KeyTaken);
                    sending.try_set(SendState::KeyTaken);
                    focus_id_after_render("apply-key-taken");
                }
                ApiError::Status {
                    status: 422,
                    problem: Some(problem),
                    ..
                } if !problem.errors.is_empty() => {
                    failed(AttemptOutcome::NotStored);
                    let first = problem.errors.first().map(|e| e.field.clone());
                    errors.try_set(FieldErrors::from(problem.errors));
                    sending.try_set(SendState::Idle);
                    if let Some(field) = first {
                        focus_field(&field);
                    }
                }
                e => {
                    failed(AttemptOutcome::of_failure(e.answered_status()));
                    match e.server_wait() {
                        Some(wait) => {
                            let until_ms = js_sys::Date::now() + wait.as_millis() as f64;
                            sending.try_set(SendState::Busy { until_ms });
                            set_timeout(
                                move || {
                                    sending.try_update(|s| {
                                        if matches!(s, SendState::Busy { .. }) {
                                            *s = SendState::BusyOver;
                                        }
                                    });
                                },
                                wait,
                            );
                        }
                        None => {
                            sending.try_set(SendState::Failed(e));
                        }
                    }
                    focus_id_after_render("apply-send-error");
                }
            }
        });
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked().blocks_send() {
            return;
        }
        let request = draft.with_untracked(ApplicationDraft::to_request);
        if let Err(found) = validate_application(&request) {
            let first = found.first().map(|e| e.field.clone());
            errors.set(FieldErrors::from(found));
            if let Some(field) = first {
                focus_field(&field);
            }
            return;
        }
        errors.set(FieldErrors::default());
        let mut plan = SendPlan::ConfirmNewKey;
        draft.update(|d| plan = d.plan_send(storage::new_idempotency_key));
        match plan {
            SendPlan::Send { key } => send.run((request, key)),
            SendPlan::ConfirmNewKey => {
                sending.set(SendState::KeyTaken);
                focus_id_after_render("apply-key-taken");
            }
        }
    };

    // The person agreed: this content goes as a new application, under a new key.
    let send_as_new = Callback::new(move |()| {
        let mut key = String::new();
        draft.update(|d| key = d.send_under_new_key(storage::new_idempotency_key));
        send.run((draft.with_untracked(ApplicationDraft::to_request), key));
    });

    // Back to the content of the send whose outcome is unknown: a resend reuses its key.
    let restore_attempted = Callback::new(move |()| {
        draft.update(|d| {
            d.restore_attempted();
        });
        errors.set(FieldErrors::default());
        storage_failed.set(draft.with_untracked(storage::save_draft).is_err());
    });
    let may_send_twice = Signal::derive(move || draft.read().may_send_twice());

    // Opening the form puts the cursor in its first field (or on the receipt, if already sent).
    if matches!(sending.get_untracked(), SendState::Sent(_)) {
        focus_id_after_render("apply-success");
    } else {
        focus_field("first_name");
    }

    let kiosk = use_kiosk().is_some();

    let levels: Vec<Option<DutchLevel>> = std::iter::once(None)
        .chain(DutchLevel::ALL.into_iter().map(Some))
        .collect();

    view! {
        {move || match sending.get() {
            SendState::Sent(receipt) => view! {
                <div class="notice notice-success" id="apply-success" tabindex="-1" role="status">
                    <h3>{t!(i18n, apply_success_title)}</h3>
                    <p class="reference" data-testid="application-reference">
                        {t!(i18n, apply_success_ref, reference = { let r = receipt.reference.clone(); move || r.clone() })}
                    </p>
                    // A kiosk forgets the receipt at the next reset: the visitor takes it along.
                    {kiosk.then(|| view! {
                        <div class="receipt-qr">
                            <QrCode text=receipt_qr_text(&receipt)
                                label=Signal::derive(move || t_string!(i18n, kiosk_receipt_qr_label).to_string()) />
                            <p>{t!(i18n, kiosk_receipt_note)}</p>
                        </div>
                    })}
                    <p>{t!(i18n, apply_success_note)}</p>
                    // A kiosk keeps no list of applications for the next visitor to see.
                    {(!kiosk).then(|| view! {
                        <p><a href=move || format!("{APPLICATIONS_PATH}?lang={}", locale_code(i18n.get_locale()))>{t!(i18n, apply_see_applications)}</a></p>
                    })}
                </div>
            }.into_any(),
            _ => ().into_any(),
        }}
        <Show when=move || !matches!(sending.get(), SendState::Sent(_))>
            <form class="apply-form" on:submit=submit novalidate aria-labelledby="apply-form-title">
                <h3 id="apply-form-title">{t!(i18n, apply_title)}</h3>
                {move || was_restored.get().then(|| view! { <p class="notice notice-info" role="status">{t!(i18n, apply_draft_restored)}</p> })}
                // Always in the document, so screen readers announce the text when it appears.
                <p role="status" class=move || if discarded.get() { "notice notice-success" } else { "" }>
                    {move || discarded.get().then(|| t_string!(i18n, apply_discarded).to_string())}
                </p>
                <Show when=move || !errors.read().is_empty()>
                    <div class="notice notice-error" role="alert">
                        <p>{t!(i18n, apply_errors_summary)}</p>
                        <ul>
                            {move || errors.get().iter().map(|(field, code)| {
                                let href = format!("#apply-{field}");
                                let (field, code) = (field.clone(), *code);
                                // Names the field: three "this field is required" alone say nothing.
                                let text = move || match field_label(i18n, &field) {
                                    Some(label) => t_string!(i18n, field_error_in, field = label, error = field_error(i18n, code)).to_string(),
                                    None => field_error(i18n, code),
                                };
                                view! { <li><a href=href>{text}</a></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                </Show>
                <TextField name="first_name" label=Signal::derive(move || t_string!(i18n, field_first_name).to_string())
                    autocomplete="given-name" value=Signal::derive(move || draft.read().first_name.clone())
                    on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.first_name = v))) errors=errors />
                <TextField name="last_name" label=Signal::derive(move || t_string!(i18n, field_last_name).to_string())
                    autocomplete="family-name" value=Signal::derive(move || draft.read().last_name.clone())
                    on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.last_name = v))) errors=errors />
                <TextField name="email" input_type="email" label=Signal::derive(move || t_string!(i18n, field_email).to_string())
                    autocomplete="email" value=Signal::derive(move || draft.read().email.clone())
                    on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.email = v))) errors=errors />
                <TextField name="phone" input_type="tel" optional=true label=Signal::derive(move || t_string!(i18n, field_phone).to_string())
                    autocomplete="tel" value=Signal::derive(move || draft.read().phone.clone())
                    on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.phone = v))) errors=errors />
                <div class="field">
                    <label for="apply-dutch_level">{t!(i18n, field_dutch)}</label>
                    <select id="apply-dutch_level" prop:value=move || draft.read().dutch_level.map(|l| l.as_str()).unwrap_or("") on:change=move |ev| {
                        let level = event_target_value(&ev).parse::<DutchLevel>().ok();
                        edit(Box::new(move |d| d.dutch_level = level));
                    }>
                        {levels.clone().into_iter().map(|level| view! {
                            <option value=level.map(|l| l.as_str()).unwrap_or("") selected=move || draft.read().dutch_level == level>
                                {move || match level {
                                    Some(l) => level_name(i18n, l),
                                    None => t_string!(i18n, level_unknown).to_string(),
                                }}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField name="forem_number" optional=true label=Signal::derive(move || t_string!(i18n, field_forem).to_string())
                    autocomplete="off" value=Signal::derive(move || draft.read().forem_number.clone())
                    on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.forem_number = v))) errors=errors />
                <TextField name="message" multiline=true optional=true label=Signal::derive(move || t_string!(i18n, field_message).to_string())
                    hint=Signal::derive(move || Some(t_string!(i18n, field_message_hint).to_string()))
                    autocomplete="off" value=Signal::derive(move || draft.read().message.clone())
                    on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.message = v))) errors=errors />
                <div class="field field-check" class:has-error=move || errors.read().get("consent").is_some()>
                    <input id="apply-consent" type="checkbox"
                        prop:checked=move || draft.read().consent
                        aria-invalid=move || errors.read().get("consent").is_some().to_string()
                        aria-describedby="apply-privacy apply-consent-error"
                        on:change=move |ev| { let checked = event_target_checked(&ev); edit(Box::new(move |d| d.consent = checked)); }
                    />
                    <label for="apply-consent">{t!(i18n, field_consent)}</label>
                    <p class="field-hint" id="apply-privacy">{t!(i18n, privacy_note)}</p>
                    {move || errors.read().get("consent").map(|code| view! { <p class="field-error" id="apply-consent-error">{field_error(i18n, code)}</p> })}
                </div>
                <SendNotices sending=sending may_send_twice=may_send_twice
                    on_send_as_new=send_as_new on_restore=restore_attempted />
                {move || storage_failed.get().then(|| view! { <p class="field-hint">{t!(i18n, apply_draft_not_saved)}</p> })}
                <button type="submit" class="button button-primary" disabled=move || sending.read().blocks_send()>
                    {move || if sending.get() == SendState::InFlight { t_string!(i18n, apply_sending).to_string() } else { t_string!(i18n, apply_send).to_string() }}
                </button>
                {move || (sending.get() == SendState::Idle && !draft.read().is_blank()).then(|| view! {
                    <p class="field-hint" aria-live="polite">{t!(i18n, apply_draft_saved)}</p>
                })}
                <Show when=move || !draft.read().is_blank() && sending.get() != SendState::InFlight>
                    <DiscardDraft on_discard=discard />
                </Show>
                // After the actions, so the send button stays close to the fields.
                <DevicePrivacyNote />
            </form>
        </Show>
    }
}
