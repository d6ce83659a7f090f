//! A QR code drawn as inline SVG from `passerelle_core::qr` (no image request, no HTML built
//! from text).

use leptos::prelude::*;
use passerelle_core::qr::{self, QrDrawing};

/// The QR code of `text`; nothing when the text is too long for one.
#[component]
pub fn QrCode(
    /// What the code carries (an address, a reference).
    #[prop(into)]
    text: Signal<String>,
    /// Its accessible name, e.g. "QR code: this search on your phone".
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let drawing = Memo::new(move |_| qr::draw(&text.read()).ok());
    move || {
        drawing
            .get()
            .map(|drawing| view! { <QrSvg drawing=drawing label=label /> })
    }
}

/// A QR code already drawn by the core (when the caller chose what it carries).
#[component]
pub fn QrSvg(drawing: QrDrawing, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let size = drawing.size.to_string();
    let view_box = format!("0 0 {size} {size}");
    view! {
        <svg class="qr" viewBox=view_box role="img" aria-label=label
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width=size.clone() height=size fill="#ffffff" />
            <path d=drawing.path fill="#000000" />
        </svg>
    }
}
