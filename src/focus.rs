//! Where keyboard focus goes when the view changes. An accessible single-page app moves focus
//! to the new view's heading (or the form's first field), as a page load would; otherwise focus
//! drops to `<body>` and the next Tab starts from the footer.
//!
//! Views render after the signal that changed them, so every move waits for the next frame.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Focuses `node` once, as soon as it is in the document.
pub fn focus_after_render<E>(node: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |focused: Option<bool>| {
        if focused == Some(true) {
            return true;
        }
        let Some(element) = node.get() else {
            return false;
        };
        focus_when_connected(element.unchecked_into(), FRAMES_TO_WAIT);
        true
    });
}

/// How many frames (about five seconds) a view may take to reach the document before focus
/// gives up: a view holding a `<Suspense>` is inserted only once its first data is there.
const FRAMES_TO_WAIT: u32 = 300;

/// Focuses `element` at the next frame where it is in the document.
fn focus_when_connected(element: HtmlElement, frames_left: u32) {
    request_animation_frame(move || {
        if element.is_connected() {
            let _ = element.focus();
        } else if frames_left > 0 {
            focus_when_connected(element, frames_left - 1);
        }
    });
}

/// After the next render, focuses the first element matching `selector` (e.g. the list card
/// of the vacancy just closed), or `fallback` when there is none.
pub fn focus_heading_after_render<E>(selector: &str, fallback: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let selector = selector.to_owned();
    request_animation_frame(move || {
        let found = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .map(JsCast::unchecked_into::<HtmlElement>);
        let target = found.or_else(|| {
            fallback
                .get_untracked()
                .map(JsCast::unchecked_into::<HtmlElement>)
        });
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}

/// After the next render, focuses the element with this id and scrolls it to the middle of the
/// screen (an error that appears below the fold must be seen, not just focused).
pub fn focus_id_after_render(id: &'static str) {
    request_animation_frame(move || {
        let Some(element) = document().get_element_by_id(id) else {
            return;
        };
        let element: HtmlElement = element.unchecked_into();
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        element.scroll_into_view_with_scroll_into_view_options(&options);
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    });
}
