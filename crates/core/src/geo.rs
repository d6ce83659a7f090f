//! Great-circle geometry on the WGS 84 sphere approximation.

use serde::{Deserialize, Serialize};

/// Mean Earth radius (IUGG), in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A WGS 84 point in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    /// True when both coordinates are finite and within their ranges.
    pub fn is_valid(&self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon)
    }
}

/// Great-circle distance in km (haversine formula, mean Earth radius).
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// A circle made ready to test many points: the centre's trigonometry is worked out once, a
/// bounding box rejects most points with four comparisons, and the haversine term is compared
/// before its square root and arcsine, so only points inside pay for those. The distances it
/// gives are [`haversine_km`]'s to the bit (same operations), so a search and the app agree on
/// a vacancy at the very edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    centre: LatLon,
    radius_km: f64,
    bbox: BoundingBox,
    cos_lat: f64,
    /// The haversine term of `radius_km`, widened a hair: only a pre-test, the km decide.
    h_max: f64,
}

impl Circle {
    pub fn new(centre: LatLon, radius_km: f64) -> Self {
        let half_angle = radius_km / EARTH_RADIUS_KM / 2.0;
        let h_max = if half_angle >= std::f64::consts::FRAC_PI_2 {
            f64::INFINITY
        } else {
            half_angle.sin().powi(2) * (1.0 + 1e-9)
        };
        Self {
            centre,
            radius_km,
            bbox: BoundingBox::around(centre, radius_km),
            cos_lat: centre.lat.to_radians().cos(),
            h_max,
        }
    }

    /// The great-circle distance to `point` when it lies within the radius.
    #[inline]
    pub fn distance_if_inside(&self, point: LatLon) -> Option<f64> {
        if !self.bbox.contains(point) {
            return None;
        }
        let lat2 = point.lat.to_radians();
        let dlat = lat2 - self.centre.lat.to_radians();
        let dlon = (point.lon - self.centre.lon).to_radians();
        let h = (dlat / 2.0).sin().powi(2) + self.cos_lat * lat2.cos() * (dlon / 2.0).sin().powi(2);
        if h > self.h_max {
            return None;
        }
        let d = 2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin();
        (d <= self.radius_km).then_some(d)
    }
}

/// True when `point` lies within `radius_km` (great-circle) of `centre`.
pub fn within_radius(centre: LatLon, point: LatLon, radius_km: f64) -> bool {
    haversine_km(centre, point) <= radius_km
}

/// A latitude/longitude box that contains every point within `radius_km` of `centre`:
/// a cheap pre-filter before the exact haversine test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub min: LatLon,
    pub max: LatLon,
}

impl BoundingBox {
    pub fn around(centre: LatLon, radius_km: f64) -> Self {
        let dlat = (radius_km / EARTH_RADIUS_KM).to_degrees();
        // Longitude degrees shrink with cos(lat); use the latitude nearest a pole for safety.
        let widest_lat = (centre.lat.abs() + dlat).min(89.9).to_radians();
        let dlon = (dlat / widest_lat.cos()).min(180.0);
        Self {
            min: LatLon::new(centre.lat - dlat, centre.lon - dlon),
            max: LatLon::new(centre.lat + dlat, centre.lon + dlon),
        }
    }

    pub fn contains(&self, p: LatLon) -> bool {
        (self.min.lat..=self.max.lat).contains(&p.lat)
            && (self.min.lon..=self.max.lon).contains(&p.lon)
    }

    /// The box of a single point.
    pub fn at(p: LatLon) -> Self {
        Self { min: p, max: p }
    }

    /// The smallest box holding this one and `p`.
    pub fn including(self, p: LatLon) -> Self {
        Self {
            min: LatLon::new(self.min.lat.min(p.lat), self.min.lon.min(p.lon)),
            max: LatLon::new(self.max.lat.max(p.lat), self.max.lon.max(p.lon)),
        }
    }

    /// The smallest box holding both.
    pub fn union(self, other: Self) -> Self {
        self.including(other.min).including(other.max)
    }

    /// True when `other` lies entirely inside this box.
    pub fn contains_box(&self, other: &Self) -> bool {
        self.contains(other.min) && self.contains(other.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONS: LatLon = LatLon::new(50.4542, 3.9567);
    const KORTRIJK: LatLon = LatLon::new(50.8280, 3.2649);
    const LIEGE: LatLon = LatLon::new(50.6326, 5.5797);
    const HASSELT: LatLon = LatLon::new(50.9307, 5.3325);

    fn assert_close(actual: f64, expected: f64) {
        let err = (actual - expected).abs() / expected;
        assert!(
            err < 0.005,
            "{actual} km is not within 0.5 % of {expected} km"
        );
    }

    #[test]
    fn a_prepared_circle_gives_haversine_distances_to_the_bit_and_the_same_edge() {
        let mons = LatLon::new(50.45413, 3.95229);
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for radius in [5.0, 60.0, 199.9] {
            let circle = Circle::new(mons, radius);
            for _ in 0..20_000 {
                let p = LatLon::new(49.0 + next() * 3.0, 2.0 + next() * 4.5);
                let exact = haversine_km(mons, p);
                let expected = (exact <= radius).then_some(exact);
                assert_eq!(
                    circle.distance_if_inside(p),
                    expected,
                    "{p:?} at {radius} km"
                );
            }
            // Right on the edge, both ways.
            let edge = LatLon::new(mons.lat + (radius / EARTH_RADIUS_KM).to_degrees(), mons.lon);
            let d = haversine_km(mons, edge);
            assert_eq!(Circle::new(mons, d).distance_if_inside(edge), Some(d));
        }
    }

    #[test]
    fn mons_to_kortrijk_is_about_64_km() {
        // Reference: the WGS 84 ellipsoidal geodesic (Karney, geographiclib), 64.217 km.
        assert_close(haversine_km(MONS, KORTRIJK), 64.217);
    }

    #[test]
    fn liege_to_hasselt_is_about_37_km() {
        // Reference: WGS 84 geodesic (geographiclib), 37.465 km.
        assert_close(haversine_km(LIEGE, HASSELT), 37.465);
    }

    #[test]
    fn distance_is_symmetric_and_zero_on_itself() {
        assert_eq!(haversine_km(MONS, MONS), 0.0);
        assert!((haversine_km(MONS, LIEGE) - haversine_km(LIEGE, MONS)).abs() < 1e-9);
    }

    #[test]
    fn within_radius_includes_the_edge_and_excludes_beyond() {
        let d = haversine_km(MONS, KORTRIJK);
        assert!(within_radius(MONS, KORTRIJK, d));
        assert!(!within_radius(MONS, KORTRIJK, d - 0.01));
    }

    #[test]
    fn bounding_box_contains_every_point_of_the_circle() {
        let bbox = BoundingBox::around(LIEGE, 60.0);
        for deg in (0..360).step_by(5) {
            let bearing = (deg as f64).to_radians();
            // A point ~59.9 km away along `bearing` (small-distance approximation is enough here).
            let dlat = 59.9 / 111.195 * bearing.cos();
            let dlon = 59.9 / (111.195 * LIEGE.lat.to_radians().cos()) * bearing.sin();
            let p = LatLon::new(LIEGE.lat + dlat, LIEGE.lon + dlon);
            assert!(bbox.contains(p), "bearing {deg}° left the box");
        }
        assert!(!bbox.contains(MONS));
    }

    #[test]
    fn invalid_coordinates_are_detected() {
        assert!(MONS.is_valid());
        assert!(!LatLon::new(f64::NAN, 4.0).is_valid());
        assert!(!LatLon::new(91.0, 4.0).is_valid());
    }
}
