//! The runtime configuration, read from `config.json` beside `index.html`, so one build serves
//! any deployment.

use super::http::{get_text, parse, take_early_answer};
use super::ApiError;
use gloo_net::http::Request;
use passerelle_core::kiosk::KioskConfig;
use serde::Deserialize;

/// How this deployment is used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfiguredMode {
    /// A person's own phone or computer.
    #[default]
    Personal,
    /// An unattended touch screen at a job fair (see `components::kiosk`).
    Kiosk,
}

/// What a deployment configures.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RuntimeConfig {
    /// The API's base URL, absolute or relative to the page (e.g. `/api/v1`).
    pub api_base: String,
    /// A tile URL template (`https://…/{z}/{x}/{y}.png`); absent or null = no tiles requested.
    #[serde(default)]
    pub tile_url: Option<String>,
    /// Plain-text attribution for the tiles.
    #[serde(default)]
    pub tile_attribution: Option<String>,
    #[serde(default)]
    pub mode: ConfiguredMode,
    /// Kiosk settings, used in kiosk mode (defaults in `passerelle_core::kiosk`).
    #[serde(default)]
    pub kiosk: KioskConfig,
    /// Whether the start page offers the counsellor desk (`components::desk`); never on a kiosk.
    #[serde(default = "enabled")]
    pub counsellor_desk: bool,
    /// Where a jobseeker finds Dutch courses (the "one more level" chart links to it; kiosks
    /// show it as a QR code). Absent, null or not an `http(s)://` address: no link.
    #[serde(default)]
    pub dutch_courses_url: Option<String>,
}

fn enabled() -> bool {
    true
}

impl RuntimeConfig {
    fn validated(mut self) -> Result<Self, ApiError> {
        self.api_base = self.api_base.trim().trim_end_matches('/').to_owned();
        if self.api_base.is_empty() {
            return Err(ApiError::Malformed("config.json: api_base is empty".into()));
        }
        self.tile_url = self
            .tile_url
            .filter(|u| u.contains("{z}") && u.contains("{x}") && u.contains("{y}"));
        self.dutch_courses_url = self
            .dutch_courses_url
            .map(|u| u.trim().to_owned())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        Ok(self)
    }
}

/// Loads and checks `config.json`.
///
/// `index.html` asks for it while the wasm downloads and hands the answer over as
/// `window.passerelleConfig` (see there): read at once, it lets the start page be built in the
/// wasm's first task, with no "loading" frame and second task before it. Without that
/// answer (another page, or a browser whose script failed), the app asks itself.
pub async fn load_config() -> Result<RuntimeConfig, ApiError> {
    let text = match take_early_answer(EARLY_ANSWER).await {
        Some(answer) => answer?,
        None => get_text(Request::get("/config.json")).await?,
    };
    parse::<RuntimeConfig>(&text)?.validated()
}

/// The global `index.html` puts its `config.json` answer under.
const EARLY_ANSWER: &str = "passerelleConfig";

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<RuntimeConfig, ApiError> {
        serde_json::from_str::<RuntimeConfig>(json)
            .map_err(|e| ApiError::Malformed(e.to_string()))?
            .validated()
    }

    #[test]
    fn a_minimal_config_gets_the_defaults() {
        let config = read(r#"{"api_base": " /api/v1/ "}"#).unwrap();
        assert_eq!(
            config.api_base, "/api/v1",
            "joined with paths that start with /"
        );
        assert_eq!(config.mode, ConfiguredMode::Personal);
        assert!(config.counsellor_desk);
        assert_eq!(config.tile_url, None);
        assert_eq!(config.dutch_courses_url, None);
    }

    #[test]
    fn a_tile_template_without_its_placeholders_or_a_course_link_that_is_not_web_is_ignored() {
        let config = read(
            r#"{"api_base": "/api/v1", "tile_url": "https://tiles.example/{z}/{x}.png",
                "dutch_courses_url": "javascript:alert(1)"}"#,
        )
        .unwrap();
        assert_eq!(
            config.tile_url, None,
            "no {{y}}: the map would request garbage"
        );
        assert_eq!(
            config.dutch_courses_url, None,
            "only http(s) links are offered"
        );
        let config = read(
            r#"{"api_base": "/api/v1", "tile_url": "https://t.example/{z}/{x}/{y}.png",
                "dutch_courses_url": "  https://courses.example/nl  "}"#,
        )
        .unwrap();
        assert_eq!(
            config.tile_url.as_deref(),
            Some("https://t.example/{z}/{x}/{y}.png")
        );
        assert_eq!(
            config.dutch_courses_url.as_deref(),
            Some("https://courses.example/nl")
        );
    }

    #[test]
    fn a_config_the_app_cannot_use_is_an_error_not_a_default() {
        for bad in [
            r#"{}"#,
            r#"{"api_base": ""}"#,
            r#"{"api_base": "/api/v1", "mode": "arcade"}"#,
            r#"{"api_base": "  /  "}"#,
            "<html>",
        ] {
            assert!(read(bad).is_err(), "{bad} was accepted");
        }
    }
}
