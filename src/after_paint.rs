//! Work that can wait until a change is on screen: what a filter change must show at once (the
//! map, the count, the first cards) goes first; the rest follows once that frame is painted.
//! Only for what cannot move what is already shown (the list keeps its cards' room meanwhile).

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Notifies `painted` once the browser is idle after painting the frame in preparation (so the
/// work it starts delays neither that paint nor the input that follows it), within 200 ms
/// whatever happens. Safari has no `requestIdleCallback`: there, in a task after the next frame.
pub fn notify_when_idle_after_paint(painted: Trigger) {
    when_idle_after_paint(move || painted.notify());
}

fn when_idle_after_paint(then: impl FnOnce() + 'static) {
    // Shared by both ways of waiting, so a refused idle callback can still fall back.
    let then = Rc::new(Cell::new(Some(then)));
    let window = window();
    if js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false) {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(200);
        let idle = Rc::clone(&then);
        let callback = wasm_bindgen::closure::Closure::once_into_js(move || run_once(&idle));
        if window
            .request_idle_callback_with_options(callback.unchecked_ref(), &options)
            .is_ok()
        {
            return;
        }
    }
    // The next frame callback runs before that frame's paint; a task it queues, after.
    request_animation_frame(move || {
        set_timeout(move || run_once(&then), std::time::Duration::ZERO)
    });
}

fn run_once(then: &Cell<Option<impl FnOnce()>>) {
    if let Some(f) = then.take() {
        f();
    }
}
