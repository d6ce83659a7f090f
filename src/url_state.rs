//! Each page's state lives in the URL (see `passerelle_core::view_state`): this module reads it
//! from the router and writes it back, so Back, a reload or a shared link restores the view.

use crate::after_paint::when_idle_after_paint;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use leptos_use::{use_event_listener_with_options, UseEventListenerOptions};
use passerelle_core::desk::DeskState;
use passerelle_core::view_state::{DroppedParam, ViewState};
use passerelle_core::zone::ZoneView;
use std::sync::Arc;

/// Paths of the two screens.
pub const START_PATH: &str = "/";
pub const RESULTS_PATH: &str = "/jobs";
/// The counsellor desk (see `components::desk`).
pub const DESK_PATH: &str = "/desk";
/// The zone analysis (see `components::zone`).
pub const ZONE_PATH: &str = "/zone";

/// The parsed URL state, with the parameters that had to be dropped.
pub fn use_view_state() -> Memo<(ViewState, Vec<DroppedParam>)> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        ViewState::from_query(q.latest_values().map(|(k, v)| (k.as_ref(), v)))
    })
}

/// `path?query` for a state (just `path` for the default state).
pub fn view_href(path: &str, state: &ViewState) -> String {
    path_with_query(path, state.to_query_string())
}

/// How a change reaches the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back returns to the previous view (opening a vacancy, searching).
    Push,
    /// Edit the current entry (typing in a filter, switching language).
    Replace,
}

/// A function that shows a state at a path.
///
/// A kiosk never pushes: its visitors' searches must not stay in the history (see
/// `components::kiosk`).
pub fn use_view_navigator() -> impl Fn(&str, &ViewState, History) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    let kiosk = crate::mode::use_kiosk().is_some();
    move |path: &str, state: &ViewState, history: History| {
        navigate(
            &view_href(path, state),
            NavigateOptions {
                replace: kiosk || history == History::Replace,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// A page's state, held by the page and mirrored in the address.
///
/// The page holds the state itself rather than re-reading the URL after every edit: keys
/// pressed in quick succession (S, ↓, S) must each see the previous edit, whether or not the
/// router has published the new address yet. An address the page wrote itself is recognised
/// when the router publishes it; any other one (Back, Forward, a link, the language switch)
/// replaces the state.
///
/// When an edit reaches the address is the page's choice ([`UrlWrite`]). A click anywhere and a
/// pushed state write a pending edit first, so the entry Back returns to has it.
pub struct UrlSynced<S: Send + Sync + 'static> {
    state: RwSignal<S>,
    url: Memo<(S, Vec<DroppedParam>)>,
    written: StoredValue<WrittenStates<S>>,
    write: StoredValue<WriteUrl<S>>,
}

/// When a page's edits reach the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlWrite {
    /// In the edit's own task: a reload straight after it keeps it (the desk's shortlist and
    /// notes are an interview's work).
    AtOnce,
    /// Once the browser is idle after painting the edit: the router's write (parsing,
    /// `history.replaceState`, reading the location back) was ~9 ms of a ~50 ms filter change
    /// on a phone-class CPU, and nothing on screen waits for it; a burst of keys is one write.
    /// A reload within that moment (200 ms at most) shows the view before the edit.
    AfterPaint,
}

/// Shows a state at the page's path.
type WriteUrl<S> = Arc<dyn Fn(&S, History) + Send + Sync>;

impl<S: Send + Sync + 'static> Clone for UrlSynced<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static> Copy for UrlSynced<S> {}

impl<S: Clone + PartialEq + Send + Sync + 'static> UrlSynced<S> {
    /// Starts from the address as opened; `write` shows a state at the page's path.
    pub fn new(
        url: Memo<(S, Vec<DroppedParam>)>,
        when: UrlWrite,
        write: impl Fn(&S, History) + Send + Sync + 'static,
    ) -> Self {
        let state = RwSignal::new(url.get_untracked().0);
        let written = StoredValue::new(WrittenStates::default());
        let synced = Self {
            state,
            url,
            written,
            write: StoredValue::new(Arc::new(write)),
        };
        Effect::new(move |first: Option<()>| {
            let from_url = url.read().0.clone();
            if first.is_none() {
                return;
            }
            let ours = written
                .try_update_value(|w| w.published(&from_url))
                .unwrap_or(false);
            if !ours && state.with_untracked(|s| *s != from_url) {
                state.set(from_url);
            }
        });
        // Not on the first run: the link as opened stays, so the notice of dropped parameters
        // can still name them.
        Effect::new(move |first: Option<()>| {
            state.track();
            if first.is_some() {
                match when {
                    UrlWrite::AtOnce => synced.write_pending(),
                    UrlWrite::AfterPaint => when_idle_after_paint(move || synced.write_pending()),
                }
            }
        });
        // Capture: before the router's click handler on the window follows a link, so the
        // entry left behind has the last edit. A `change` may navigate as well (the header's
        // language menu, chosen with the keyboard, builds its address from the router's).
        let capture = || UseEventListenerOptions::default().capture(true);
        let _ = use_event_listener_with_options(
            document(),
            leptos::ev::click,
            move |_| synced.write_pending(),
            capture(),
        );
        let _ = use_event_listener_with_options(
            document(),
            leptos::ev::change,
            move |_| synced.write_pending(),
            capture(),
        );
        synced
    }

    /// The state as the page shows it (ahead of the address by an edit at most).
    pub fn state(&self) -> RwSignal<S> {
        self.state
    }

    /// Applies an edit; the address follows (when: see [`UrlWrite`]).
    pub fn edit(&self, change: impl FnOnce(&mut S)) {
        self.state.update(change);
    }

    /// Shows `next` in a new history entry: Back returns to the state as it is now.
    pub fn push(&self, next: S) {
        self.write_pending();
        self.state.set(next.clone());
        self.write_now(&next, History::Push);
    }

    /// Writes the state to the address if the address does not have it yet. Does nothing once
    /// the page is gone (a write waiting for the browser to be idle can outlive it).
    fn write_pending(&self) {
        let pending = self
            .state
            .try_with_untracked(|s| {
                self.url
                    .try_with_untracked(|(from_url, _)| (from_url != s).then(|| s.clone()))
            })
            .flatten()
            .flatten();
        if let Some(pending) = pending {
            self.write_now(&pending, History::Replace);
        }
    }

    fn write_now(&self, state: &S, history: History) {
        self.written.update_value(|w| w.wrote(state.clone()));
        self.write.with_value(|write| write(state, history));
    }
}

/// The states a page wrote to the URL that the router has not published yet, oldest first.
struct WrittenStates<S>(Vec<S>);

impl<S> Default for WrittenStates<S> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<S: PartialEq> WrittenStates<S> {
    /// Enough for a burst of keys; an address never published is forgotten after that.
    const KEPT: usize = 16;

    fn wrote(&mut self, state: S) {
        if self.0.len() == Self::KEPT {
            self.0.remove(0);
        }
        self.0.push(state);
    }

    /// Whether `state`, just published by the router, is one the page wrote (it and every
    /// older write are then settled). Any other address settles them all: the router has
    /// moved past them, and one of them coming back later (Back) is the person's move.
    fn published(&mut self, state: &S) -> bool {
        let found = self.0.iter().position(|s| s == state);
        self.0.drain(..found.map_or(self.0.len(), |i| i + 1));
        found.is_some()
    }
}

/// The results page's view state, provided once by the page.
///
/// Views that the page creates and drops as the state changes (the list, a vacancy, the form)
/// read this memo, owned by the page, and never a `Signal` wrapper created while rendering
/// them: such a wrapper is disposed with the closure that rendered it, while the effects
/// inside the old view, notified by the same change of URL, still run once and read it
/// ("Tried to access a reactive value that has already been disposed" on going back).
#[derive(Clone, Copy)]
pub struct CurrentView(pub Memo<ViewState>);

/// The results page's state as it edits it (provided by the page; the URL follows).
pub fn use_view_editor() -> UrlSynced<ViewState> {
    expect_context()
}

/// The view state provided by the results page.
pub fn use_current_view() -> Memo<ViewState> {
    expect_context::<CurrentView>().0
}

/// The parsed counsellor desk state, with the parameters that had to be dropped.
///
/// Every value of a repeated key counts (`town=…&town=…`), in the order of the link.
pub fn use_desk_state() -> Memo<(DeskState, Vec<DroppedParam>)> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        DeskState::from_query((&*q).into_iter().map(|(k, v)| (k.as_ref(), v)))
    })
}

/// `path?query`, or the bare path for an empty query.
fn path_with_query(path: &str, query: String) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// Shows an address by editing the current history entry: a counsellor's or planner's edits
/// are not steps Back should walk through one by one.
fn use_replacing_navigator() -> impl Fn(&str) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    move |href: &str| {
        navigate(
            href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// `/desk?query` for a desk state.
pub fn desk_href(state: &DeskState) -> String {
    path_with_query(DESK_PATH, state.to_query_string())
}

/// Shows a desk state by editing the current history entry.
pub fn use_desk_navigator() -> impl Fn(&DeskState) + Clone + Send + Sync + 'static {
    let navigate = use_replacing_navigator();
    move |state: &DeskState| navigate(&desk_href(state))
}

/// The parsed zone analysis state, with the parameters that had to be dropped.
pub fn use_zone_view() -> Memo<(ZoneView, Vec<DroppedParam>)> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        ZoneView::from_query(q.latest_values().map(|(k, v)| (k.as_ref(), v)))
    })
}

/// `/zone?query` for a zone analysis state.
pub fn zone_href(view: &ZoneView) -> String {
    path_with_query(ZONE_PATH, view.to_query_string())
}

/// Shows a zone analysis by editing the current history entry, like the desk's edits.
pub fn use_zone_navigator() -> impl Fn(&ZoneView) + Clone + Send + Sync + 'static {
    let navigate = use_replacing_navigator();
    move |view: &ZoneView| navigate(&zone_href(view))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_address_the_page_did_not_write_replaces_its_state() {
        let mut written = WrittenStates::default();
        written.wrote(4);
        written.wrote(45);
        // The router publishes only the last of two quick writes: both are settled.
        assert!(written.published(&45));
        assert!(!written.published(&4), "an older write is settled too");
        // Back to the address before them is the person's move, not an echo.
        assert!(!written.published(&0));
        // A link followed right after a write: the router publishes the link's address only,
        // and Back to the written one later is the person's move too.
        written.wrote(7);
        assert!(!written.published(&8));
        assert!(!written.published(&7));
        for _ in 0..WrittenStates::<u32>::KEPT + 1 {
            written.wrote(0);
        }
        assert_eq!(written.0.len(), WrittenStates::<u32>::KEPT);
    }
}
