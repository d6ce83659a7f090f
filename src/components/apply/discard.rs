//! "Discard this draft", confirmed in place (no browser `confirm()`, which kiosks and some phone
//! browsers block): the button becomes a question with "Yes, discard" and "Keep my draft".

use crate::i18n::*;
use leptos::ev::KeyboardEvent;
use leptos::html::Button;
use leptos::prelude::*;

/// Focuses a button at the next frame, once the view that holds it is rendered.
fn focus_after_frame(button: NodeRef<Button>) {
    request_animation_frame(move || {
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    });
}

#[component]
pub fn DiscardDraft(
    /// Clears the form and forgets the stored draft; the form then moves focus.
    on_discard: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let discard_button = NodeRef::<Button>::new();
    let keep_button = NodeRef::<Button>::new();
    // "Keep" has focus while asking: the safe choice is the one a second Enter picks.
    let ask = move |_| {
        confirming.set(true);
        focus_after_frame(keep_button);
    };
    let keep = move || {
        confirming.set(false);
        focus_after_frame(discard_button);
    };
    let escape_keeps = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            keep();
        }
    };
    view! {
        <div class="discard-draft">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button button-link" node_ref=discard_button on:click=ask>
                        {t!(i18n, apply_discard)}
                    </button>
                }
            >
                <div class="discard-confirm" role="group" aria-labelledby="discard-question" on:keydown=escape_keeps>
                    <p id="discard-question">{t!(i18n, apply_discard_question)}</p>
                    <button type="button" class="button button-danger" on:click=move |_| on_discard.run(())>
                        {t!(i18n, apply_discard_yes)}
                    </button>
                    <button type="button" class="button button-secondary" node_ref=keep_button on:click=move |_| keep()>
                        {t!(i18n, apply_discard_keep)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
