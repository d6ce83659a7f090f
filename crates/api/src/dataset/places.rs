//! Where vacancies are: Flemish municipalities weighted by a rough size, and a point jittered
//! around each one's main place.

use super::pick::Weighted;
use passerelle_core::geo::EARTH_RADIUS_KM;
use passerelle_core::municipality::{self, Municipality, Region};
use passerelle_core::LatLon;
use rand::Rng;

/// Extra weight for the regional centres: postal-code counts alone undersell where jobs are.
const CITY_BONUS: &[(&str, u32)] = &[
    ("Antwerpen", 60),
    ("Gent", 40),
    ("Brugge", 14),
    ("Leuven", 14),
    ("Mechelen", 10),
    ("Kortrijk", 10),
    ("Hasselt", 10),
    ("Aalst", 8),
    ("Oostende", 8),
    ("Sint-Niklaas", 7),
    ("Genk", 7),
    ("Roeselare", 7),
];

/// Jitter never moves a vacancy further than this from its municipality's main place.
const MAX_JITTER_KM: f64 = 6.0;

/// The Flemish municipalities with their weights.
pub struct Places {
    weighted: Weighted<&'static Municipality>,
}

impl Places {
    pub fn flanders() -> Self {
        let weighted = Weighted::new(
            municipality::all()
                .iter()
                .filter(|m| m.region == Region::Flanders)
                .map(|m| (m, weight(m))),
        );
        Self { weighted }
    }

    pub fn pick(&self, rng: &mut impl Rng) -> &'static Municipality {
        self.weighted.pick(rng)
    }
}

/// A rough size: merged municipalities have more postal codes (one per former village), plus a
/// bonus for the regional centres.
fn weight(m: &Municipality) -> u32 {
    let postal = u32::try_from(m.postal_codes.len()).unwrap_or(u32::MAX);
    let bonus = CITY_BONUS
        .iter()
        .find(|(name, _)| *name == m.name_nl)
        .map_or(0, |(_, b)| *b);
    2 + postal + bonus
}

/// A point near the municipality's main place: gaussian, wider for larger municipalities.
pub fn jittered_location(rng: &mut impl Rng, m: &Municipality) -> LatLon {
    let sigma_km = (1.5 + 0.2 * m.postal_codes.len() as f64).min(4.0);
    // Box–Muller: one gaussian radius, a uniform bearing.
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let bearing = rng.random::<f64>() * std::f64::consts::TAU;
    let distance_km = (sigma_km * (-2.0 * u1.ln()).sqrt()).min(MAX_JITTER_KM);
    let dlat = (distance_km * bearing.cos() / EARTH_RADIUS_KM).to_degrees();
    let dlon = (distance_km * bearing.sin()
        / (EARTH_RADIUS_KM * m.location.lat.to_radians().cos()))
    .to_degrees();
    // Five decimals (about a metre) is what a real feed carries and keeps the JSON short.
    let round = |x: f64| (x * 1e5).round() / 1e5;
    LatLon::new(round(m.location.lat + dlat), round(m.location.lon + dlon))
}

/// The place label as an employer would write it: the town, sometimes with its postal code.
pub fn place_label(rng: &mut impl Rng, m: &Municipality) -> String {
    match m.postal_codes.first() {
        Some(code) if rng.random_ratio(1, 4) => format!("{code} {}", m.name_nl),
        _ => m.name_nl.to_owned(),
    }
}
