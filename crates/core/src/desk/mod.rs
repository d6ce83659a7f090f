//! The counsellor intake desk (issue 8): several home towns, a dense sortable table, a
//! shortlist with notes, and its hand-over (link, print, CSV). Pure: the app's desk view only
//! wires these to signals and the DOM, on top of the shared loader, filter and URL conventions.
//!
//! - [`state`]: the desk in the URL ([`DeskState`]), its towns and filter;
//! - [`table`]: rows at their nearest town, sorting, pages of 50;
//! - [`shortlist`]: the ordered shortlist and which ids are gone;
//! - [`course`]: the Dutch-course hint;
//! - [`occupations`]: the occupations present in the data;
//! - [`export`]: the shortlist as CSV for Excel;
//! - [`handover`]: the link and QR code that open the shortlist on the person's phone.

pub mod course;
pub mod export;
pub mod handover;
pub mod occupations;
pub mod shortlist;
pub mod state;
pub mod table;

pub use course::CourseHint;
pub use export::{shortlist_csv, ExportColumn, ExportLabels, ExportRow};
pub use handover::{Handover, HANDOVER_QR_MAX_BYTES};
pub use occupations::{find_occupation, occupations_in, OccupationCount};
pub use shortlist::{
    ResolvedShortlist, Shortlist, ShortlistEntry, ShortlistError, MAX_NOTE_CHARS, MAX_SHORTLIST,
};
pub use state::{DeskFilter, DeskState, HomeTown, TownError, MAX_OCCUPATIONS, MAX_TOWNS};
pub use table::{
    desk_rows, sort_rows, DeskRow, Page, SortColumn, SortDirection, TableSort, PAGE_SIZE,
};
