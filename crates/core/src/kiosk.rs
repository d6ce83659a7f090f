//! Kiosk mode: the settings a deployment gives an unattended job-fair screen, checked once, and
//! the pure rules of its idle reset and its "continue on my phone" link.

use crate::municipality::{self, Municipality};
use crate::view_state::{ViewState, LANGUAGES};
use serde::Deserialize;

/// Quiet time before the "still there?" question (seconds). Touch, keys and scrolling count.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;
/// How long the question waits for an answer before the screen is wiped (seconds).
pub const DEFAULT_COUNTDOWN_SECONDS: u32 = 20;

/// Allowed ranges: shorter would interrupt a person reading a vacancy; longer leaves one
/// visitor's search to the next.
const IDLE_RANGE: std::ops::RangeInclusive<u32> = 15..=900;
const COUNTDOWN_RANGE: std::ops::RangeInclusive<u32> = 5..=120;

/// Towns offered as buttons on the kiosk's start screen when the deployment names none:
/// Walloon towns along the language border and the main cities within 60 km of Flanders.
pub const DEFAULT_TOWNS: [&str; 12] = [
    "57096", // Mouscron
    "57081", // Tournai
    "51004", // Ath
    "51067", // Enghien
    "53053", // Mons
    "58001", // La Louvière
    "52011", // Charleroi
    "25072", // Nivelles
    "25112", // Wavre
    "92094", // Namur
    "62063", // Liège
    "63023", // Eupen
];

/// `"kiosk": {…}` in `config.json`; every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KioskConfig {
    pub idle_seconds: Option<u32>,
    pub countdown_seconds: Option<u32>,
    /// Where phones reach Passerelle (the kiosk's own origin may be a local address).
    pub public_url: Option<String>,
    /// The language the screen returns to after a reset (`fr` if absent).
    pub language: Option<String>,
    /// NIS codes of the towns offered as buttons on the start screen.
    pub towns: Option<Vec<String>>,
}

/// Checked kiosk settings.
#[derive(Debug, Clone, PartialEq)]
pub struct KioskSettings {
    pub idle_seconds: u32,
    pub countdown_seconds: u32,
    /// Absolute `http(s)://host[/base]`, no trailing slash.
    pub public_url: String,
    /// One of [`LANGUAGES`].
    pub language: &'static str,
    pub towns: Vec<&'static Municipality>,
}

/// Why a kiosk configuration was refused; shown to the staff who set it up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KioskConfigError {
    #[error("kiosk.idle_seconds must be between {} and {}", IDLE_RANGE.start(), IDLE_RANGE.end())]
    IdleOutOfRange,
    #[error("kiosk.countdown_seconds must be between {} and {}", COUNTDOWN_RANGE.start(), COUNTDOWN_RANGE.end())]
    CountdownOutOfRange,
    #[error("kiosk.public_url must be an absolute http(s) address, not `{0}`")]
    PublicUrl(String),
    #[error("kiosk.language must be fr, nl, de or en, not `{0}`")]
    Language(String),
    #[error("kiosk.towns: `{0}` is not the NIS code of a Walloon municipality")]
    Town(String),
}

impl KioskConfig {
    /// The settings, with defaults for what is left out. `page_origin` stands in for a missing
    /// public address (a kiosk tried from a laptop).
    pub fn settings(&self, page_origin: &str) -> Result<KioskSettings, KioskConfigError> {
        let idle_seconds = self.idle_seconds.unwrap_or(DEFAULT_IDLE_SECONDS);
        if !IDLE_RANGE.contains(&idle_seconds) {
            return Err(KioskConfigError::IdleOutOfRange);
        }
        let countdown_seconds = self.countdown_seconds.unwrap_or(DEFAULT_COUNTDOWN_SECONDS);
        if !COUNTDOWN_RANGE.contains(&countdown_seconds) {
            return Err(KioskConfigError::CountdownOutOfRange);
        }
        let public_url = self.public_url.as_deref().unwrap_or(page_origin).trim();
        let public_url = public_url.trim_end_matches('/');
        let host = public_url
            .strip_prefix("https://")
            .or_else(|| public_url.strip_prefix("http://"));
        if !host.is_some_and(|h| !h.is_empty() && !h.contains(char::is_whitespace)) {
            return Err(KioskConfigError::PublicUrl(public_url.to_owned()));
        }
        let language = match &self.language {
            None => LANGUAGES[0],
            Some(code) => LANGUAGES
                .iter()
                .copied()
                .find(|l| l == code)
                .ok_or_else(|| KioskConfigError::Language(code.clone()))?,
        };
        let towns = match &self.towns {
            None => DEFAULT_TOWNS
                .iter()
                .filter_map(|nis| municipality::home_town_by_nis(nis))
                .collect(),
            Some(codes) => codes
                .iter()
                .map(|nis| {
                    municipality::home_town_by_nis(nis.trim())
                        .ok_or_else(|| KioskConfigError::Town(nis.clone()))
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(KioskSettings {
            idle_seconds,
            countdown_seconds,
            public_url: public_url.to_owned(),
            language,
            towns,
        })
    }
}

impl KioskSettings {
    /// The address a phone opens to carry on with this search: the public address, the path
    /// and the view state in the interface language. The view state holds no personal data
    /// (town, level, filters, open vacancy), and "applying" is left out: the form starts empty
    /// on the phone anyway.
    pub fn continue_url(&self, path: &str, state: &ViewState, lang: &'static str) -> String {
        let mut state = state.clone();
        state.applying = false;
        state.lang = Some(lang);
        format!("{}{path}?{}", self.public_url, state.to_query_string())
    }
}

/// Whole seconds left before `deadline_ms`, rounded up so the countdown shows 20 … 1 and the
/// reset happens when it would show 0.
pub fn seconds_left(deadline_ms: f64, now_ms: f64) -> u32 {
    ((deadline_ms - now_ms) / 1000.0).ceil().max(0.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    fn settings(json: &str) -> Result<KioskSettings, KioskConfigError> {
        serde_json::from_str::<KioskConfig>(json)
            .unwrap()
            .settings(ORIGIN)
    }

    #[test]
    fn an_empty_kiosk_section_gets_the_named_defaults() {
        let s = settings("{}").unwrap();
        assert_eq!(s.idle_seconds, DEFAULT_IDLE_SECONDS);
        assert_eq!(s.countdown_seconds, DEFAULT_COUNTDOWN_SECONDS);
        assert_eq!(s.public_url, ORIGIN);
        assert_eq!(s.language, "fr");
        assert_eq!(
            s.towns.len(),
            DEFAULT_TOWNS.len(),
            "every default town is in the data"
        );
        assert!(s.towns.iter().all(|m| m.is_walloon()));
    }

    #[test]
    fn deployment_values_are_taken_and_the_public_address_loses_its_trailing_slash() {
        let s = settings(
            r#"{"idle_seconds":120,"countdown_seconds":10,"public_url":"https://passerelle.example.be/app/",
                "language":"nl","towns":["53053"," 57081"]}"#,
        )
        .unwrap();
        assert_eq!((s.idle_seconds, s.countdown_seconds), (120, 10));
        assert_eq!(s.public_url, "https://passerelle.example.be/app");
        assert_eq!(s.language, "nl");
        let names: Vec<_> = s.towns.iter().map(|m| m.name_fr).collect();
        assert_eq!(names, ["Mons", "Tournai"]);
    }

    #[test]
    fn settings_that_would_make_a_kiosk_unsafe_or_unusable_are_refused() {
        assert_eq!(
            settings(r#"{"idle_seconds":5}"#),
            Err(KioskConfigError::IdleOutOfRange)
        );
        assert_eq!(
            settings(r#"{"countdown_seconds":0}"#),
            Err(KioskConfigError::CountdownOutOfRange)
        );
        assert!(matches!(
            settings(r#"{"public_url":"javascript:alert(1)"}"#),
            Err(KioskConfigError::PublicUrl(_))
        ));
        assert!(matches!(
            settings(r#"{"language":"xx"}"#),
            Err(KioskConfigError::Language(_))
        ));
        // Gent is Flemish: not a home town.
        assert_eq!(
            settings(r#"{"towns":["44021"]}"#),
            Err(KioskConfigError::Town("44021".into()))
        );
        assert!(
            serde_json::from_str::<KioskConfig>(r#"{"idle":90}"#).is_err(),
            "typos are not silently ignored"
        );
    }

    #[test]
    fn the_phone_link_carries_the_search_and_language_but_not_the_open_form() {
        let s = settings(r#"{"public_url":"https://passerelle.example.be"}"#).unwrap();
        let (state, _) = ViewState::from_query([
            ("town", "53053"),
            ("level", "basic"),
            ("vacancy", "17"),
            ("apply", "1"),
        ]);
        let url = s.continue_url("/jobs", &state, "nl");
        assert!(
            url.starts_with("https://passerelle.example.be/jobs?"),
            "{url}"
        );
        for part in ["town=53053", "level=basic", "vacancy=17", "lang=nl"] {
            assert!(url.contains(part), "{part} missing in {url}");
        }
        assert!(!url.contains("apply"), "{url}");
    }

    #[test]
    fn the_countdown_rounds_up_and_stops_at_zero() {
        assert_eq!(seconds_left(20_000.0, 0.0), 20);
        assert_eq!(seconds_left(20_000.0, 1.0), 20);
        assert_eq!(seconds_left(20_000.0, 19_000.5), 1);
        assert_eq!(seconds_left(20_000.0, 20_000.0), 0);
        assert_eq!(seconds_left(20_000.0, 25_000.0), 0);
    }
}
