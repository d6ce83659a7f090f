//! Loading progress and error messages with a retry button.

use leptos::prelude::*;

/// A polite live region that reports loading progress ("3,000 of 18,234").
#[component]
pub fn LoadingProgress(#[prop(into)] loaded: Signal<usize>, #[prop(into)] total: Signal<usize>) -> impl IntoView {
    view! {
        <div class="progress" role="status" aria-live="polite">
            <progress max=move || total.get().max(1) value=move || loaded.get()></progress>
            <span>{move || format!("Chargement… {} sur {}", group_thousands(loaded.get()), group_thousands(total.get()))}</span>
        </div>
    }
}

/// An error message with a retry action; what was shown before stays on screen.
#[component]
pub fn ErrorNotice(#[prop(into)] message: Signal<String>, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Réessayer"</button>
        </div>
    }
}

/// 18234 → "18 234" (French style with a narrow no-break space).
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}
