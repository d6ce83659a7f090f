//! Work that can wait until a change is on screen: what a change must show at once (the map,
//! the count, the first cards) goes first; the rest (the other cards, the address bar) follows
//! once that frame is painted.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `then` once the browser is idle after painting the frame in preparation (so it delays
/// neither that paint nor the input that follows it), within 200 ms whatever happens. Safari
/// has no `requestIdleCallback`: there, in a task after the next frame.
pub fn when_idle_after_paint(then: impl FnOnce() + 'static) {
    let window = window();
    if js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false) {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(200);
        let callback = wasm_bindgen::closure::Closure::once_into_js(then);
        // Refused only by a browser without it, checked above.
        let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
        return;
    }
    // The next frame callback runs before that frame's paint; a task it queues, after.
    request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO));
}
