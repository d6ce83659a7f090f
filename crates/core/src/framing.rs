//! Which part of the map to show for a search: the home circles, narrowed to where the
//! vacancies are.
//!
//! Around Mons the 60 km circle is mostly Wallonia and France while every vacancy lies north
//! of the language border; fitting the whole circle spends most of the screen on empty land.
//! The frame is the box of the vacancies in reach and the home points, with a margin, never
//! smaller than a share of the circle (a few vacancies next door must not zoom the map to street
//! level), and never larger than the circles themselves.

use crate::filter::SearchArea;
use crate::geo::{haversine_km, BoundingBox, LatLon, EARTH_RADIUS_KM};

/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
/// Margin on each side, as a share of the framed span, so no mark sits on the map's edge.
const MARGIN_SHARE: f64 = 0.06;
/// The smallest framed span, as a share of the largest circle's diameter: keeps part of the
/// circle and the towns around in view when the vacancies are few and close.
const MIN_SPAN_SHARE: f64 = 0.5;

/// The box the map should show for `homes` and the vacancies found, or `None` without homes.
///
/// Vacancies outside every circle are ignored. Without any vacancy in reach the frame is the
/// whole of the circles, as before anything has loaded.
pub fn frame(
    homes: &[SearchArea],
    vacancies: impl IntoIterator<Item = LatLon>,
) -> Option<BoundingBox> {
    let whole = whole_circles(homes)?;
    let in_reach = vacancies.into_iter().filter(|&p| {
        whole.contains(p)
            && homes
                .iter()
                .any(|h| haversine_km(h.centre, p) <= h.radius_km)
    });
    let Some(found) = in_reach.fold(None, |found: Option<BoundingBox>, p| {
        Some(found.map_or(BoundingBox::at(p), |b| b.including(p)))
    }) else {
        return Some(whole);
    };
    let framed = homes.iter().fold(found, |b, h| b.including(h.centre));
    let largest_radius = homes.iter().map(|h| h.radius_km).fold(0.0, f64::max);
    let min_span_km = 2.0 * largest_radius * MIN_SPAN_SHARE;
    Some(widen(framed, &whole, min_span_km).clamped_to(&whole))
}

/// The box around every circle: the view before anything is known about the vacancies.
pub fn whole_circles(homes: &[SearchArea]) -> Option<BoundingBox> {
    homes
        .iter()
        .map(|h| BoundingBox::around(h.centre, h.radius_km))
        .reduce(BoundingBox::union)
}

/// Adds the margin and grows each axis to at least `min_span_km`, shifting the growth inward
/// where it would leave `limit`.
fn widen(b: BoundingBox, limit: &BoundingBox, min_span_km: f64) -> BoundingBox {
    let mid_lat = ((b.min.lat + b.max.lat) / 2.0).to_radians();
    let lat_span = widen_axis(
        (b.min.lat, b.max.lat),
        (limit.min.lat, limit.max.lat),
        min_span_km / KM_PER_DEGREE,
    );
    let lon_span = widen_axis(
        (b.min.lon, b.max.lon),
        (limit.min.lon, limit.max.lon),
        min_span_km / (KM_PER_DEGREE * mid_lat.cos()),
    );
    BoundingBox {
        min: LatLon::new(lat_span.0, lon_span.0),
        max: LatLon::new(lat_span.1, lon_span.1),
    }
}

fn widen_axis(
    (lo, hi): (f64, f64),
    (low_limit, high_limit): (f64, f64),
    min_span: f64,
) -> (f64, f64) {
    let margin = (hi - lo) * MARGIN_SHARE;
    let (mut lo, mut hi) = (lo - margin, hi + margin);
    let missing = min_span - (hi - lo);
    if missing > 0.0 {
        lo -= missing / 2.0;
        hi += missing / 2.0;
        if lo < low_limit {
            hi += low_limit - lo;
            lo = low_limit;
        } else if hi > high_limit {
            lo -= hi - high_limit;
            hi = high_limit;
        }
    }
    (lo, hi)
}

impl BoundingBox {
    /// This box cut to `limit` (both assumed to overlap).
    fn clamped_to(self, limit: &BoundingBox) -> BoundingBox {
        BoundingBox {
            min: LatLon::new(
                self.min.lat.max(limit.min.lat),
                self.min.lon.max(limit.min.lon),
            ),
            max: LatLon::new(
                self.max.lat.min(limit.max.lat),
                self.max.lon.min(limit.max.lon),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::municipality::{self, Region};

    const MONS: LatLon = LatLon::new(50.45413, 3.95229);
    const LIEGE: LatLon = LatLon::new(50.63373, 5.56749);

    /// Every Flemish municipality within `radius_km` of `home`: where the vacancies are.
    fn flemish_towns_near(home: LatLon, radius_km: f64) -> Vec<LatLon> {
        municipality::all()
            .iter()
            .filter(|m| m.region == Region::Flanders)
            .map(|m| m.location)
            .filter(|&p| haversine_km(home, p) <= radius_km)
            .collect()
    }

    fn height_km(b: &BoundingBox) -> f64 {
        (b.max.lat - b.min.lat) * KM_PER_DEGREE
    }

    #[test]
    fn around_mons_the_frame_leaves_out_the_empty_south_of_the_circle() {
        let homes = [SearchArea::new(MONS, 60.0)];
        let vacancies = flemish_towns_near(MONS, 60.0);
        assert!(vacancies.len() > 20, "{} towns", vacancies.len());
        let framed = frame(&homes, vacancies.iter().copied()).unwrap();
        let circle = whole_circles(&homes).unwrap();
        // Half a degree is ~55 km: the southern half of the circle (France, Hainaut) is off screen.
        assert!(
            framed.min.lat > circle.min.lat + 0.45,
            "framed south {} vs circle south {}",
            framed.min.lat,
            circle.min.lat
        );
        assert!(framed.contains(MONS), "the home town is in view");
        for p in &vacancies {
            assert!(framed.contains(*p), "{p:?} is off screen");
        }
        assert!(
            circle.contains_box(&framed),
            "the frame stays within the circle"
        );
    }

    #[test]
    fn without_vacancies_in_reach_the_frame_is_the_whole_circle() {
        let homes = [SearchArea::new(MONS, 60.0)];
        let whole = whole_circles(&homes);
        assert_eq!(frame(&homes, []), whole);
        // Antwerp is 75 km from Mons: found, but not in reach, so it does not count.
        assert_eq!(frame(&homes, [LatLon::new(51.2194, 4.4025)]), whole);
    }

    #[test]
    fn no_home_means_no_frame() {
        assert_eq!(frame(&[], [MONS]), None);
        assert_eq!(whole_circles(&[]), None);
    }

    #[test]
    fn one_vacancy_next_door_does_not_zoom_in_past_half_the_circle() {
        let homes = [SearchArea::new(MONS, 60.0)];
        let next_door = LatLon::new(MONS.lat + 0.02, MONS.lon + 0.02);
        let framed = frame(&homes, [next_door]).unwrap();
        assert!(height_km(&framed) >= 59.9, "{} km tall", height_km(&framed));
        assert!(framed.contains(MONS) && framed.contains(next_door));
    }

    #[test]
    fn a_frame_near_the_circle_edge_grows_inward_not_out_of_the_circle() {
        let homes = [SearchArea::new(MONS, 60.0)];
        let circle = whole_circles(&homes).unwrap();
        // A vacancy at the circle's northern edge, due north of home.
        let north = LatLon::new(MONS.lat + 59.0 / KM_PER_DEGREE, MONS.lon);
        let framed = frame(&homes, [north]).unwrap();
        assert!(circle.contains_box(&framed));
        assert!(framed.contains(north) && framed.contains(MONS));
    }

    #[test]
    fn several_circles_frame_every_home_and_every_vacancy_in_any_of_them() {
        let homes = [SearchArea::new(MONS, 60.0), SearchArea::new(LIEGE, 40.0)];
        let mut vacancies = flemish_towns_near(MONS, 60.0);
        vacancies.extend(flemish_towns_near(LIEGE, 40.0));
        let framed = frame(&homes, vacancies.iter().copied()).unwrap();
        let whole = whole_circles(&homes).unwrap();
        assert!(framed.contains(MONS) && framed.contains(LIEGE));
        for p in &vacancies {
            assert!(framed.contains(*p), "{p:?} is off screen");
        }
        assert!(whole.contains_box(&framed));
        assert!(
            framed.min.lat > whole.min.lat + 0.3,
            "the south is left out"
        );
        // Without vacancies: both circles whole.
        let empty = frame(&homes, []).unwrap();
        assert!(empty.contains_box(&BoundingBox::around(MONS, 60.0)));
        assert!(empty.contains_box(&BoundingBox::around(LIEGE, 40.0)));
    }

    #[test]
    fn a_vacancy_in_one_circle_counts_even_outside_the_others() {
        // Hasselt is 37 km from Liège, 122 km from Mons.
        let hasselt = LatLon::new(50.9307, 5.3325);
        let homes = [SearchArea::new(MONS, 60.0), SearchArea::new(LIEGE, 40.0)];
        let framed = frame(&homes, [hasselt]).unwrap();
        assert!(framed.contains(hasselt));
    }
}
