//! Passerelle's browser app: a thin Leptos shell over `passerelle-core`.
//!
//! - `api`: the one owner of HTTP (the JSON API, the runtime config, static GeoJSON).
//! - `components`: the UI, a folder per feature; `components::map` is the one owner of Leaflet.

mod api;
mod app;
mod components;

pub use app::App;
