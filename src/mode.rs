//! Who the app is serving: a person on their own device, or visitors at an unattended kiosk.
//! Decided once at start from `config.json` (or tried with `?mode=kiosk`) and provided as a
//! context; a visitor cannot change it from the interface.

use crate::api::{ApiError, ConfiguredMode, RuntimeConfig};
use leptos::prelude::*;
use passerelle_core::kiosk::KioskSettings;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Personal,
    Kiosk(Arc<KioskSettings>),
}

impl Mode {
    /// The deployment's mode; `?mode=kiosk` in the first address tries kiosk mode anywhere,
    /// with the deployment's kiosk settings (or the defaults).
    pub fn of(config: &RuntimeConfig) -> Result<Mode, ApiError> {
        let kiosk = config.mode == ConfiguredMode::Kiosk || kiosk_tried_in_address();
        if !kiosk {
            return Ok(Mode::Personal);
        }
        let origin = window().location().origin().unwrap_or_default();
        config
            .kiosk
            .settings(&origin)
            .map(|s| Mode::Kiosk(Arc::new(s)))
            .map_err(|e| ApiError::Malformed(format!("config.json: {e}")))
    }
}

/// `?mode=kiosk` in the address the app was opened at.
pub fn kiosk_tried_in_address() -> bool {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair == "mode=kiosk")
}

/// The kiosk settings when the app runs as a kiosk.
pub fn use_kiosk() -> Option<Arc<KioskSettings>> {
    match use_context::<Mode>()? {
        Mode::Kiosk(settings) => Some(settings),
        Mode::Personal => None,
    }
}
