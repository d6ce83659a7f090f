//! The one module that talks HTTP: typed requests to the JSON API, the runtime `config.json`,
//! and the static GeoJSON layers. Every failure becomes an [`ApiError`] the UI can explain.

mod client;
mod config;
mod error;
mod http;

pub use client::ApiClient;
pub use config::{load_config, ConfiguredMode, RuntimeConfig};
pub use error::ApiError;
pub use http::{get_fresh_text, get_json_value, get_static_text};

/// The API client the app was configured with (provided once by the shell).
pub fn use_api() -> ApiClient {
    leptos::prelude::expect_context::<ApiClient>()
}
