//! Passerelle's browser app: a thin Leptos shell over `passerelle-core`.
//!
//! - `api`: the one owner of HTTP (the JSON API, the runtime config, static GeoJSON).
//! - `storage`: the one owner of browser storage (application drafts, sent applications; memory
//!   only on kiosks).
//! - `mode`: personal device or job-fair kiosk, decided once from the deployment's config.
//! - `url_state`: each page's state, kept by the page and mirrored in the URL.
//! - `after_paint`: work that waits until a change is on screen (the rest of the list, the
//!   results' address).
//! - `vacancies`: the vacancies around the chosen towns, loaded once and filtered locally;
//!   every mode reads them.
//! - `split`: screens loaded on demand, cut out of the start page's wasm in the release build.
//! - `focus`: where keyboard focus goes when the view changes.
//! - `i18n` + `labels`: interface languages and translated names of core values.
//! - `components`: the UI, a folder per feature; `components::map` is the one owner of Leaflet.

mod after_paint;
mod api;
mod app;
mod components;
mod focus;
mod i18n;
mod labels;
mod mode;
mod split;
mod storage;
mod url_state;
mod vacancies;

pub use app::App;
