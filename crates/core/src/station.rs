//! NMBS/SNCB railway stations (iRail list), embedded at compile time, and the nearest one to a point.

use crate::geo::{haversine_km, LatLon};
use std::sync::LazyLock;

const STATIONS_CSV: &str = include_str!("../data/stations.csv");

/// iRail entries where no passenger train stops (border points, closed stops): never "nearest".
const NOT_SERVED: [&str; 14] = [
    "008821030",
    "008821048",
    "008894839",
    "008821022",
    "008869088",
    "008865128",
    "008865110",
    "008864923",
    "008829025",
    "008890142",
    "008821154",
    "008889003",
    "008849064",
    "008891611",
];

/// A railway station where passengers can board.
#[derive(Debug, Clone, PartialEq)]
pub struct Station {
    pub id: &'static str,
    pub name_fr: &'static str,
    pub name_nl: &'static str,
    pub location: LatLon,
}

impl Station {
    pub fn name_in(&self, lang: &str) -> &'static str {
        if lang == "nl" {
            self.name_nl
        } else {
            self.name_fr
        }
    }
}

static ALL: LazyLock<Vec<Station>> = LazyLock::new(|| {
    STATIONS_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| line.split(',').collect::<Vec<_>>())
        .filter(|f| !NOT_SERVED.contains(&f[0]))
        .map(|f| Station {
            id: f[0],
            name_fr: f[2],
            name_nl: f[3],
            location: LatLon::new(
                f[4].parse().expect("lat in stations.csv"),
                f[5].parse().expect("lon in stations.csv"),
            ),
        })
        .collect()
});

/// All stations with stopping trains.
pub fn all() -> &'static [Station] {
    &ALL
}

/// The station nearest to `point`, with its great-circle distance in km.
pub fn nearest(point: LatLon) -> Option<(&'static Station, f64)> {
    all()
        .iter()
        .map(|s| (s, haversine_km(point, s.location)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unserved_entries_are_left_out() {
        assert_eq!(all().len(), 578 - NOT_SERVED.len());
        assert!(all().iter().all(|s| !NOT_SERVED.contains(&s.id)));
        assert!(
            all().iter().any(|s| s.id == "008821006"),
            "Antwerpen-Centraal is served"
        );
    }

    #[test]
    fn nearest_station_to_kortrijk_centre_is_kortrijk() {
        let (s, km) = nearest(LatLon::new(50.8280, 3.2649)).unwrap();
        assert_eq!(s.name_nl, "Kortrijk");
        assert!(km < 1.5, "{km}");
    }

    #[test]
    fn nearest_station_to_hasselt_market_is_hasselt() {
        let (s, _) = nearest(LatLon::new(50.9307, 5.3378)).unwrap();
        assert_eq!(s.name_nl, "Hasselt");
    }
}
