//! Handing the shortlist over: print it (A4, the [`HandoverSheet`] under `@media print`),
//! give the person a link and its QR code that open it on their phone in their language, or
//! download it as CSV ([`super::export`]).

use super::export::download_shortlist_csv;
use super::use_desk;
use crate::components::handover::{shortlist_details, site_origin, HandoverSheet, SHORTLIST_PATH};
use crate::components::qr::QrSvg;
use crate::i18n::*;
use leptos::prelude::*;
use passerelle_core::view_state::LANGUAGES;

/// What "copy the link" last did, told in a live region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Done,
    Failed,
}

#[component]
pub fn DeskHandover() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let state = Memo::new(move |_| desk.state.get());
    let empty = Memo::new(move |_| desk.state.with(|s| s.shortlist.is_empty()));
    let handover = Memo::new(move |_| {
        state.with(|s| s.handover(&format!("{}{SHORTLIST_PATH}", site_origin())))
    });
    let person_lang = Signal::derive(move || desk.state.with(|s| s.handover_lang));
    let details = shortlist_details(state);
    let copied = RwSignal::new(Copied::Not);
    let copy = move |_| {
        let link = handover.with_untracked(|h| h.link.clone());
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&link);
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(if done { Copied::Done } else { Copied::Failed });
        });
    };
    // A new link is not the one copied.
    Effect::new(move |_| {
        handover.track();
        copied.set(Copied::Not);
    });
    let print = move |_| {
        let _ = window().print();
    };
    let language_name = move |code: &str| {
        crate::i18n::LOCALE_NAMES
            .iter()
            .find(|(l, _)| locale_code(*l) == code)
            .map_or(code.to_owned(), |(_, name)| (*name).to_owned())
    };

    view! {
        <section class="desk-handover no-print" aria-labelledby="handover-heading">
            <h2 id="handover-heading">{t!(i18n, desk_handover_title)}</h2>
            <Show when=move || empty.get()>
                <p class="hint">{t!(i18n, desk_handover_empty)}</p>
            </Show>
            <div class="desk-actions">
                <button type="button" class="button button-primary" disabled=move || empty.get() on:click=print>
                    {t!(i18n, desk_print)}
                </button>
                <button type="button" class="button" disabled=move || empty.get()
                    on:click=move |_| download_shortlist_csv(i18n, desk, details)
                >{t!(i18n, desk_csv)}</button>
            </div>
            <div class="field">
                <label for="handover-lang">{t!(i18n, desk_handover_lang)}</label>
                <select id="handover-lang" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let lang = LANGUAGES.iter().copied().find(|&l| l == value);
                    desk.edit(|s| s.handover_lang = lang);
                }>
                    <option value="" prop:selected=move || person_lang.get().is_none()>{t!(i18n, desk_handover_lang_phone)}</option>
                    {LANGUAGES.iter().copied().map(|code| view! {
                        <option value=code lang=code prop:selected=move || person_lang.get() == Some(code)>{language_name(code)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || !empty.get()>
                <div class="handover-link">
                    <div class="handover-link-qr">
                        {move || handover.with(|h| h.qr.clone()).map(|drawing| view! {
                            <QrSvg drawing=drawing label=Signal::derive(move || t_string!(i18n, desk_handover_qr_label).to_string()) />
                        })}
                    </div>
                    <div class="handover-link-text">
                        {move || handover.with(|h| (h.qr.is_some(), h.qr_without_notes)).0.then(|| view! {
                            <p class="hint">{t!(i18n, desk_handover_qr_hint)}</p>
                        })}
                        {move || handover.with(|h| h.qr_without_notes).then(|| view! {
                            <p class="field-note">{t!(i18n, desk_handover_qr_no_notes)}</p>
                        })}
                        {move || handover.with(|h| h.qr.is_none()).then(|| view! {
                            <p class="field-note">{t!(i18n, desk_handover_no_qr)}</p>
                        })}
                        <label for="handover-link">{t!(i18n, desk_handover_link)}</label>
                        <input id="handover-link" type="text" readonly prop:value=move || handover.with(|h| h.link.clone())
                            on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            } />
                        <button type="button" class="button button-small" on:click=copy>{t!(i18n, desk_copy_link)}</button>
                        <span role="status">{move || match copied.get() {
                            Copied::Not => String::new(),
                            Copied::Done => t_string!(i18n, desk_link_copied).to_string(),
                            Copied::Failed => t_string!(i18n, desk_copy_failed).to_string(),
                        }}</span>
                    </div>
                </div>
            </Show>
        </section>
        // Shown only when printing: the sheet the person takes home.
        <section class="print-sheet" aria-labelledby="print-heading">
            <h1 id="print-heading">{t!(i18n, handover_title)}</h1>
            <HandoverSheet desk=state links_lang=person_lang details=details />
        </section>
    }
}
