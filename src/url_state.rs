//! The results view's state lives in the URL (see `passerelle_core::view_state`): this module
//! reads it from the router and writes it back, so a reload or a shared link restores the view.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use passerelle_core::desk::DeskState;
use passerelle_core::view_state::{DroppedParam, ViewState};
use passerelle_core::zone::ZoneView;

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

/// The results page's view state, provided once by the page.
///
/// Views that the page creates and drops as the state changes (the list, a vacancy, the form)
/// read this memo, owned by the page, and never a `Signal` wrapper created while rendering
/// them: such a wrapper is disposed with the closure that rendered it, while the effects
/// inside the old view, notified by the same change of URL, still run once and read it
/// ("Tried to access a reactive value that has already been disposed" on going back).
#[derive(Clone, Copy)]
pub struct CurrentView(pub Memo<ViewState>);

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
