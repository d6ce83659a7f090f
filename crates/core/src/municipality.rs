//! Belgium's 565 municipalities (1 January 2025), embedded at compile time, with name and
//! postal-code look-up. The 261 Walloon ones are Passerelle's home towns.

use crate::geo::LatLon;
use crate::text::{fold, has_word_prefix};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

const MUNICIPALITIES_CSV: &str = include_str!("../data/municipalities.csv");

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
    /// Folded names, precomputed for search.
    search_names: Vec<String>,
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

    pub fn is_walloon(&self) -> bool {
        self.region == Region::Wallonia
    }
}

static ALL: LazyLock<Vec<Municipality>> = LazyLock::new(|| parse(MUNICIPALITIES_CSV));

fn parse(csv: &'static str) -> Vec<Municipality> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&'static str> = line.split(',').collect();
            // The file is part of the build: a malformed row is a build-time data bug, caught by the tests.
            let region = match f[4] {
                "flanders" => Region::Flanders,
                "wallonia" => Region::Wallonia,
                "brussels" => Region::Brussels,
                other => panic!("unknown region {other} in municipalities.csv"),
            };
            let name_de = (!f[3].is_empty()).then_some(f[3]);
            let mut search_names: Vec<String> = vec![fold(f[1])];
            for n in [Some(f[2]), name_de].into_iter().flatten() {
                let folded = fold(n);
                if !search_names.contains(&folded) {
                    search_names.push(folded);
                }
            }
            Municipality {
                nis_code: f[0],
                name_fr: f[1],
                name_nl: f[2],
                name_de,
                region,
                postal_codes: f[6].split(' ').filter(|p| !p.is_empty()).collect(),
                location: LatLon::new(
                    f[7].parse().expect("lat in municipalities.csv"),
                    f[8].parse().expect("lon in municipalities.csv"),
                ),
                search_names,
            }
        })
        .collect()
}

/// All 565 municipalities, sorted by NIS code.
pub fn all() -> &'static [Municipality] {
    &ALL
}

/// The 261 Walloon municipalities: the home towns a jobseeker can pick.
pub fn home_towns() -> impl Iterator<Item = &'static Municipality> {
    all().iter().filter(|m| m.is_walloon())
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

/// How well a municipality matches a query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MatchRank {
    ExactName,
    PostalCode,
    NamePrefix,
    WordPrefix,
    Contains,
}

/// Searches home towns by FR/NL/DE name (case- and accent-insensitive; whole name, then name
/// prefix, then word prefix, then substring) or by postal code (prefix), best first.
pub fn search_home_towns(query: &str, limit: usize) -> Vec<&'static Municipality> {
    search(home_towns(), query, limit)
}

/// As [`search_home_towns`], over every municipality in Belgium.
pub fn search_all(query: &str, limit: usize) -> Vec<&'static Municipality> {
    search(all().iter(), query, limit)
}

fn search(
    candidates: impl Iterator<Item = &'static Municipality>,
    query: &str,
    limit: usize,
) -> Vec<&'static Municipality> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let is_postal = q.chars().all(|c| c.is_ascii_digit());
    let mut ranked: Vec<(MatchRank, &'static Municipality)> = candidates
        .filter_map(|m| {
            let rank = if is_postal {
                m.postal_codes
                    .iter()
                    .any(|p| p.starts_with(q.as_str()))
                    .then_some(MatchRank::PostalCode)
            } else {
                m.search_names.iter().filter_map(|n| name_rank(n, &q)).min()
            };
            rank.map(|r| (r, m))
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.name_fr.len().cmp(&b.1.name_fr.len()))
            .then_with(|| a.1.name_fr.cmp(b.1.name_fr))
    });
    ranked.into_iter().take(limit).map(|(_, m)| m).collect()
}

fn name_rank(name: &str, q: &str) -> Option<MatchRank> {
    if name == q {
        Some(MatchRank::ExactName)
    } else if name.starts_with(q) {
        Some(MatchRank::NamePrefix)
    } else if has_word_prefix(name, q) {
        Some(MatchRank::WordPrefix)
    } else if q.len() >= 3 && name.contains(q) {
        Some(MatchRank::Contains)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[&Municipality]) -> Vec<&'static str> {
        found.iter().map(|m| m.name_fr).collect()
    }

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
    fn mons_is_found_first_by_its_french_name_lower_case() {
        assert_eq!(search_home_towns("mons", 5)[0].name_fr, "Mons");
    }

    #[test]
    fn mons_is_found_by_its_dutch_name() {
        assert_eq!(search_home_towns("Bergen", 5)[0].name_fr, "Mons");
    }

    #[test]
    fn liege_is_found_without_accent_and_by_dutch_name() {
        assert_eq!(search_home_towns("liege", 5)[0].name_fr, "Liège");
        assert_eq!(search_home_towns("Luik", 5)[0].name_fr, "Liège");
    }

    #[test]
    fn german_names_of_east_belgium_are_searchable() {
        let found = search_home_towns("sankt", 5);
        assert!(
            names(&found).iter().any(|n| n.contains("Vith")),
            "{:?}",
            names(&found)
        );
    }

    #[test]
    fn a_word_inside_a_compound_name_matches() {
        assert!(names(&search_home_towns("louvière", 5)).contains(&"La Louvière"));
    }

    #[test]
    fn exact_names_rank_before_prefixes() {
        // "Ath" is a town, and a prefix of "Athus"-like names: the town itself comes first.
        assert_eq!(search_home_towns("ath", 10)[0].name_fr, "Ath");
    }

    #[test]
    fn postal_code_finds_the_municipality() {
        assert_eq!(search_home_towns("7000", 5)[0].name_fr, "Mons");
        assert_eq!(by_postal_code("4000")[0].name_fr, "Liège");
    }

    #[test]
    fn flemish_towns_are_not_home_towns() {
        assert!(search_home_towns("Kortrijk", 5).is_empty());
        assert_eq!(search_all("Kortrijk", 5)[0].name_nl, "Kortrijk");
    }

    #[test]
    fn empty_query_returns_nothing() {
        assert!(search_home_towns("  ", 5).is_empty());
    }

    #[test]
    fn nearest_home_town_of_a_point_in_mons_is_mons() {
        let (m, km) = nearest_home_town(LatLon::new(50.455, 3.953)).unwrap();
        assert_eq!(m.name_fr, "Mons");
        assert!(km < 1.0);
    }

    #[test]
    fn look_up_by_nis_code() {
        assert_eq!(by_nis("53053").map(|m| m.name_fr), Some("Mons"));
        assert!(by_nis("99999").is_none());
    }
}
