//! The one module that talks HTTP: typed requests to the JSON API, the runtime `config.json`,
//! and the static GeoJSON layers. Every failure becomes an [`ApiError`] the UI can explain.

mod client;
mod config;
mod error;
mod http;

pub use client::{ApiClient, LoadProgress};
pub use config::load_config;
pub use error::ApiError;
pub use http::get_json_value;
