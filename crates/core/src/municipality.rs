//! Belgium's 565 municipalities (1 January 2025), embedded at compile time, with name and
//! postal-code look-up. The 261 Walloon ones are Passerelle's home towns.
//!
//! `build.rs` cuts `data/municipalities.csv` into two tables: the home towns, all the start
//! page needs, and the other municipalities, read by [`all`] and [`by_nis`] alone. The start
//! page must only call the home-town functions, or all 565 rows come back into its wasm.

mod exonyms;
mod search;

pub use exonyms::Exonym;
pub use search::{search_all, search_home_towns};

use crate::geo::LatLon;
use search::SearchKey;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The Walloon rows of `data/municipalities.csv`, trimmed by `build.rs`: NIS code, the three
/// names, region, postal codes, latitude and longitude in 1e-5 degrees.
const HOME_TOWNS_CSV: &str = include_str!(concat!(env!("OUT_DIR"), "/home_towns.csv"));
/// The Flemish and Brussels rows, in the same form.
const OTHER_MUNICIPALITIES_CSV: &str =
    include_str!(concat!(env!("OUT_DIR"), "/other_municipalities.csv"));

/// A Belgian region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Flanders,
    Wallonia,
    Brussels,
}

/// One municipality: its REFNIS code, names, region, postal codes and main place.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// REFNIS (NIS) code, 5 digits, kept as text (leading zeros matter elsewhere).
    pub nis_code: &'static str,
    pub name_fr: &'static str,
    pub name_nl: &'static str,
    /// Only the nine municipalities of the German-speaking Community have one.
    pub name_de: Option<&'static str>,
    pub region: Region,
    pub postal_codes: Vec<&'static str>,
    /// The main place (usually the seat), not the centroid of the territory.
    pub location: LatLon,
    /// Other names people know the town by, from `data/exonyms.csv` (German "Lüttich" for Liège).
    exonyms: Vec<Exonym>,
    /// Every name in its search forms, computed once at load: search runs at every keystroke.
    search_keys: Vec<SearchKey>,
}

impl Municipality {
    /// The name to show in a UI language (`fr`, `nl`, `de`, anything else → French, then Dutch).
    pub fn name_in(&self, lang: &str) -> &'static str {
        match lang {
            "nl" => self.name_nl,
            "de" => self.name_de.unwrap_or(self.name_fr),
            _ => self.name_fr,
        }
    }

    /// The distinct names of this municipality (FR, NL, DE), for display as "Mons (Bergen)".
    pub fn names(&self) -> Vec<&'static str> {
        let mut names = vec![self.name_fr];
        for n in [Some(self.name_nl), self.name_de].into_iter().flatten() {
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names
    }

    /// Names in other languages that Statbel does not give (e.g. German "Arel" for Arlon).
    /// They are searchable but not shown by [`Self::name_in`] or [`Self::names`].
    pub fn exonyms(&self) -> &[Exonym] {
        &self.exonyms
    }

    pub fn is_walloon(&self) -> bool {
        self.region == Region::Wallonia
    }
}

static HOME_TOWNS: LazyLock<Vec<Municipality>> = LazyLock::new(|| load(HOME_TOWNS_CSV));

static ALL: LazyLock<Vec<Municipality>> = LazyLock::new(|| {
    let mut all = load(OTHER_MUNICIPALITIES_CSV);
    all.extend(HOME_TOWNS.iter().cloned());
    all.sort_unstable_by_key(|m| m.nis_code);
    all
});

fn load(csv: &'static str) -> Vec<Municipality> {
    let mut municipalities = parse(csv);
    exonyms::attach(&mut municipalities);
    municipalities
}

fn parse(csv: &'static str) -> Vec<Municipality> {
    csv.lines()
        .map(|line| {
            let f: Vec<&'static str> = line.split(',').collect();
            // The tables are part of the build: a malformed row is a build-time data bug,
            // caught by build.rs and the tests.
            let region = match f[4] {
                "flanders" => Region::Flanders,
                "wallonia" => Region::Wallonia,
                "brussels" => Region::Brussels,
                other => panic!("unknown region {other} in municipalities.csv"),
            };
            let name_de = (!f[3].is_empty()).then_some(f[3]);
            let mut search_keys = Vec::new();
            for name in [Some(f[1]), Some(f[2]), name_de].into_iter().flatten() {
                search::add_keys(&mut search_keys, name);
            }
            let degrees = |field: &str| {
                f64::from(
                    field
                        .parse::<i32>()
                        .expect("coordinate in municipalities.csv"),
                ) / 1e5
            };
            Municipality {
                nis_code: f[0],
                name_fr: f[1],
                name_nl: f[2],
                name_de,
                region,
                postal_codes: f[5].split(' ').filter(|p| !p.is_empty()).collect(),
                location: LatLon::new(degrees(f[6]), degrees(f[7])),
                exonyms: Vec::new(),
                search_keys,
            }
        })
        .collect()
}

/// All 565 municipalities, sorted by NIS code.
pub fn all() -> &'static [Municipality] {
    &ALL
}

/// The 261 Walloon municipalities: the home towns a jobseeker can pick, sorted by NIS code.
pub fn home_towns() -> impl Iterator<Item = &'static Municipality> {
    HOME_TOWNS.iter()
}

/// The home town with this NIS code; `None` for a Flemish or Brussels code too.
pub fn home_town_by_nis(nis_code: &str) -> Option<&'static Municipality> {
    home_towns().find(|m| m.nis_code == nis_code)
}

/// The municipality with this NIS code.
pub fn by_nis(nis_code: &str) -> Option<&'static Municipality> {
    all().iter().find(|m| m.nis_code == nis_code)
}

/// Municipalities that a postal code belongs to (a few codes are shared by two).
pub fn by_postal_code(code: &str) -> Vec<&'static Municipality> {
    all()
        .iter()
        .filter(|m| m.postal_codes.contains(&code))
        .collect()
}

/// The home town nearest to a point (for "use my location").
pub fn nearest_home_town(point: LatLon) -> Option<(&'static Municipality, f64)> {
    home_towns()
        .map(|m| (m, crate::geo::haversine_km(point, m.location)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_holds_565_municipalities_of_which_261_walloon_and_285_flemish() {
        assert_eq!(all().len(), 565);
        assert_eq!(home_towns().count(), 261);
        assert_eq!(
            all()
                .iter()
                .filter(|m| m.region == Region::Flanders)
                .count(),
            285
        );
    }

    #[test]
    fn every_point_lies_in_belgium() {
        for m in all() {
            assert!((49.4..51.6).contains(&m.location.lat), "{}", m.name_fr);
            assert!((2.5..6.5).contains(&m.location.lon), "{}", m.name_fr);
        }
    }

    #[test]
    fn nearest_home_town_of_a_point_in_mons_is_mons() {
        let (m, km) = nearest_home_town(LatLon::new(50.455, 3.953)).unwrap();
        assert_eq!(m.name_fr, "Mons");
        assert!(km < 1.0);
    }

    /// build.rs trims the source file: every row must come out with the same names, region,
    /// postal codes and coordinates as `data/municipalities.csv` gives them.
    #[test]
    fn the_embedded_tables_hold_the_source_file_row_for_row() {
        let source = include_str!("../data/municipalities.csv");
        let rows: Vec<Vec<&str>> = source
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect())
            .collect();
        assert_eq!(rows.len(), all().len());
        for (row, m) in rows.iter().zip(all()) {
            assert_eq!(m.nis_code, row[0]);
            assert_eq!(
                (m.name_fr, m.name_nl, m.name_de.unwrap_or("")),
                (row[1], row[2], row[3])
            );
            assert_eq!(format!("{:?}", m.region).to_lowercase(), row[4]);
            assert_eq!(m.postal_codes.join(" "), row[6]);
            let (lat, lon): (f64, f64) = (row[7].parse().unwrap(), row[8].parse().unwrap());
            assert_eq!(
                (m.location.lat, m.location.lon),
                (lat, lon),
                "{}",
                m.name_fr
            );
        }
        let walloon: Vec<_> = all().iter().filter(|m| m.is_walloon()).collect();
        assert_eq!(home_towns().collect::<Vec<_>>(), walloon);
    }

    #[test]
    fn home_town_look_up_refuses_flemish_and_brussels_codes() {
        assert_eq!(home_town_by_nis("53053").map(|m| m.name_fr), Some("Mons"));
        assert!(home_town_by_nis("44021").is_none(), "Gent");
        assert!(home_town_by_nis("21004").is_none(), "Bruxelles");
        assert!(home_town_by_nis("99999").is_none());
        assert!(by_nis("44021").is_some());
    }

    #[test]
    fn look_up_by_nis_code() {
        assert_eq!(by_nis("53053").map(|m| m.name_fr), Some("Mons"));
        assert!(by_nis("99999").is_none());
    }
}
