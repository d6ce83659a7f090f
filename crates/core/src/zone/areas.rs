//! The areas a zone analysis covers: an IRM zone, a Walloon arrondissement or one town, read
//! from the deployment's `irm-zones.csv`, and the few API searches that reach all of it.

use crate::filter::SearchArea;
use crate::geo::{haversine_km, LatLon};
use crate::municipality::{self, Municipality};

/// Above this the API refuses a search (`radius_km` ≤ 200 in `openapi.yaml`).
pub const API_MAX_RADIUS_KM: f64 = 200.0;

/// One arrondissement of the zone file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrondissement {
    /// The first two digits of its municipalities' NIS codes (`53` for Mons).
    pub nis: String,
    /// Its French name as the file gives it (Walloon arrondissements are named in French).
    pub name: String,
    pub zone: String,
}

/// The deployment's working definition of the IRM zones (arrondissement → zone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneMap {
    arrondissements: Vec<Arrondissement>,
}

/// Why the zone file cannot be used; the app shows it with the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneFileError {
    #[error("line {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error("the file has no arrondissement")]
    Empty,
    #[error("not CSV: {0}")]
    Csv(String),
}

impl ZoneMap {
    /// Reads `arrondissement_nis,arrondissement_fr,zone[,…]` (extra columns ignored).
    ///
    /// Strict, because a deployment edits this file by hand and a typo must not silently move
    /// towns out of a zone: an unknown arrondissement, a duplicate or an empty zone is refused.
    pub fn parse(text: &str) -> Result<Self, ZoneFileError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| ZoneFileError::Csv(e.to_string()))?
            .clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| ZoneFileError::Line {
                    line: 1,
                    reason: format!("no `{name}` column"),
                })
        };
        let (nis_at, name_at, zone_at) = (
            column("arrondissement_nis")?,
            column("arrondissement_fr")?,
            column("zone")?,
        );
        let mut arrondissements: Vec<Arrondissement> = Vec::new();
        for (row, record) in reader.records().enumerate() {
            let line = row + 2;
            let record = record.map_err(|e| ZoneFileError::Csv(e.to_string()))?;
            let field = |at: usize| record.get(at).unwrap_or("").to_owned();
            let (nis, name, zone) = (field(nis_at), field(name_at), field(zone_at));
            let fail = |reason: String| Err(ZoneFileError::Line { line, reason });
            if !municipality::home_towns().any(|m| m.nis_code.starts_with(nis.as_str()))
                || nis.len() != 2
            {
                return fail(format!("`{nis}` is not a Walloon arrondissement"));
            }
            if zone.is_empty() || name.is_empty() {
                return fail("empty name or zone".into());
            }
            if arrondissements.iter().any(|a| a.nis == nis) {
                return fail(format!("arrondissement `{nis}` appears twice"));
            }
            arrondissements.push(Arrondissement { nis, name, zone });
        }
        if arrondissements.is_empty() {
            return Err(ZoneFileError::Empty);
        }
        Ok(Self { arrondissements })
    }

    pub fn arrondissements(&self) -> &[Arrondissement] {
        &self.arrondissements
    }

    /// The zones in the order the file first names them.
    pub fn zones(&self) -> Vec<&str> {
        let mut zones: Vec<&str> = Vec::new();
        for a in &self.arrondissements {
            if !zones.contains(&a.zone.as_str()) {
                zones.push(&a.zone);
            }
        }
        zones
    }

    /// The arrondissement of a municipality (by its NIS code's first two digits).
    pub fn arrondissement_of(&self, town: &Municipality) -> Option<&Arrondissement> {
        self.arrondissements
            .iter()
            .find(|a| town.nis_code.starts_with(a.nis.as_str()))
    }
}

/// What the analysis is about, as the URL's `area=` says it.
#[derive(Debug, Clone, PartialEq)]
pub enum ZoneArea {
    /// `zone:centre`
    Zone(String),
    /// `arr:53`
    Arrondissement(String),
    /// `town:53053`
    Town(&'static Municipality),
}

impl ZoneArea {
    /// Reads `zone:…`, `arr:…` or `town:…` (a Walloon NIS code); whether a zone or
    /// arrondissement exists is the zone file's to say ([`ZoneArea::towns`]).
    pub fn parse(value: &str) -> Option<Self> {
        let (kind, id) = value.split_once(':')?;
        let id_ok = !id.is_empty() && id.len() <= 40;
        match kind {
            "zone" if id_ok => Some(Self::Zone(id.to_owned())),
            "arr" if id_ok => Some(Self::Arrondissement(id.to_owned())),
            "town" => municipality::by_nis(id)
                .filter(|m| m.is_walloon())
                .map(Self::Town),
            _ => None,
        }
    }

    pub fn param(&self) -> String {
        match self {
            Self::Zone(id) => format!("zone:{id}"),
            Self::Arrondissement(nis) => format!("arr:{nis}"),
            Self::Town(m) => format!("town:{}", m.nis_code),
        }
    }

    /// The Walloon towns of the area, by name; empty when the zone file does not know it.
    pub fn towns(&self, zones: &ZoneMap) -> Vec<&'static Municipality> {
        let in_arrondissements = |keep: &dyn Fn(&Arrondissement) -> bool| {
            municipality::home_towns()
                .filter(|m| zones.arrondissement_of(m).is_some_and(keep))
                .collect::<Vec<_>>()
        };
        match self {
            Self::Zone(id) => in_arrondissements(&|a| a.zone == *id),
            Self::Arrondissement(nis) => in_arrondissements(&|a| a.nis == *nis),
            Self::Town(m) => vec![*m],
        }
    }
}

/// The searches that together hold every point within `radius_km` of any of `towns`.
///
/// One circle around the towns' middle, as wide as the farthest town plus the radius: it
/// fetches some vacancies that no town reaches (they are dropped when counting), but a few
/// large pages cost less than one search per town, whose circles overlap so much that a zone
/// of 100 towns would fetch each vacancy dozens of times. A group too wide for the API's
/// largest radius is split in two, west and east (or north and south), until each fits.
pub fn covering_areas(towns: &[LatLon], radius_km: f64) -> Vec<SearchArea> {
    let Some(centre) = middle(towns) else {
        return Vec::new();
    };
    let reach = towns
        .iter()
        .map(|&t| haversine_km(centre, t))
        .fold(0.0, f64::max)
        + radius_km;
    if reach <= API_MAX_RADIUS_KM || towns.len() == 1 {
        // Widened by a metre: a town's own circle must not poke out by a rounding error.
        return vec![SearchArea::new(
            centre,
            (reach + 0.001).min(API_MAX_RADIUS_KM),
        )];
    }
    let mut sorted = towns.to_vec();
    let (lat_span, lon_span) = spans(towns);
    if lon_span * centre.lat.to_radians().cos() >= lat_span {
        sorted.sort_by(|a, b| a.lon.total_cmp(&b.lon));
    } else {
        sorted.sort_by(|a, b| a.lat.total_cmp(&b.lat));
    }
    let (west, east) = sorted.split_at(sorted.len() / 2);
    let mut areas = covering_areas(west, radius_km);
    areas.extend(covering_areas(east, radius_km));
    areas
}

/// The centre of the towns' bounding box: within a few km of the smallest enclosing circle's
/// centre for the shapes of Walloon zones, and any centre gives a correct (if wider) cover.
fn middle(towns: &[LatLon]) -> Option<LatLon> {
    let first = towns.first()?;
    let (min, max) = towns.iter().fold((*first, *first), |(min, max), t| {
        (
            LatLon::new(min.lat.min(t.lat), min.lon.min(t.lon)),
            LatLon::new(max.lat.max(t.lat), max.lon.max(t.lon)),
        )
    });
    Some(LatLon::new(
        (min.lat + max.lat) / 2.0,
        (min.lon + max.lon) / 2.0,
    ))
}

fn spans(towns: &[LatLon]) -> (f64, f64) {
    let lats = towns.iter().map(|t| t.lat);
    let lons = towns.iter().map(|t| t.lon);
    let span = |it: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = it.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        hi - lo
    };
    (span(&mut lats.clone()), span(&mut lons.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const ZONES: &str = include_str!("../../../../public/data/irm-zones.csv");

    #[test]
    fn the_shipped_file_puts_every_walloon_town_in_one_of_three_zones() {
        let zones = ZoneMap::parse(ZONES).unwrap();
        assert_eq!(zones.zones(), vec!["west", "centre", "east"]);
        let mut total = 0;
        for zone in zones.zones() {
            total += ZoneArea::Zone(zone.into()).towns(&zones).len();
        }
        assert_eq!(total, municipality::home_towns().count());
        let mons = municipality::by_nis("53053").unwrap();
        assert_eq!(zones.arrondissement_of(mons).unwrap().zone, "centre");
    }

    #[test]
    fn a_hand_edited_file_with_a_mistake_is_refused_with_its_line() {
        let header = "arrondissement_nis,arrondissement_fr,zone\n";
        for (body, line) in [
            ("53,Mons,centre\n99,Nowhere,west\n", 3),
            ("53,Mons,centre\n53,Mons,west\n", 3),
            ("53,Mons,\n", 2),
            ("11,Antwerpen,west\n", 2),
        ] {
            let error = ZoneMap::parse(&format!("{header}{body}")).unwrap_err();
            assert!(
                matches!(error, ZoneFileError::Line { line: l, .. } if l == line),
                "{body:?}: {error}"
            );
        }
        assert_eq!(ZoneMap::parse(header), Err(ZoneFileError::Empty));
        assert!(ZoneMap::parse("nis;zone\n53;centre\n").is_err());
        // A BOM and extra columns (as Excel saves it) are fine.
        let excel = "\u{feff}arrondissement_nis,arrondissement_fr,zone,note\n53,Mons,centre,x\n";
        assert_eq!(ZoneMap::parse(excel).unwrap().zones(), vec!["centre"]);
    }

    #[test]
    fn areas_read_back_from_their_parameter() {
        let zones = ZoneMap::parse(ZONES).unwrap();
        for value in ["zone:centre", "arr:53", "town:53053"] {
            let area = ZoneArea::parse(value).unwrap();
            assert_eq!(area.param(), value);
            assert!(!area.towns(&zones).is_empty(), "{value}");
        }
        for bad in ["centre", "town:11001", "town:", "zone:", "county:1"] {
            assert_eq!(ZoneArea::parse(bad), None, "{bad}");
        }
        assert!(ZoneArea::parse("zone:north")
            .unwrap()
            .towns(&zones)
            .is_empty());
        let soignies = ZoneArea::parse("arr:55").unwrap().towns(&zones);
        assert!(soignies.iter().all(|m| m.nis_code.starts_with("55")));
    }

    #[test]
    fn the_cover_holds_every_point_each_town_reaches_within_the_api_limit() {
        let zones = ZoneMap::parse(ZONES).unwrap();
        for zone in zones.zones() {
            for radius in [10.0, 60.0, 100.0] {
                let towns: Vec<LatLon> = ZoneArea::Zone(zone.into())
                    .towns(&zones)
                    .iter()
                    .map(|m| m.location)
                    .collect();
                let cover = covering_areas(&towns, radius);
                assert!(!cover.is_empty());
                assert!(cover.iter().all(|a| a.radius_km <= API_MAX_RADIUS_KM));
                for town in &towns {
                    // The circle's far edge, in 16 directions, lies in some search.
                    for step in 0..16 {
                        let bearing = f64::from(step) * std::f64::consts::PI / 8.0;
                        let edge = destination(*town, bearing, radius * 0.999);
                        assert!(
                            cover
                                .iter()
                                .any(|a| haversine_km(a.centre, edge) <= a.radius_km),
                            "{zone} {radius} km: {town:?} bearing {step}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_group_wider_than_the_api_allows_is_split() {
        let towns = [LatLon::new(50.0, 2.0), LatLon::new(50.0, 6.5)];
        let cover = covering_areas(&towns, 100.0);
        assert_eq!(cover.len(), 2);
        assert!(covering_areas(&[], 60.0).is_empty());
    }

    /// The point `km` away from `from` along `bearing` (radians from north), on the sphere.
    fn destination(from: LatLon, bearing: f64, km: f64) -> LatLon {
        let d = km / crate::geo::EARTH_RADIUS_KM;
        let (lat1, lon1) = (from.lat.to_radians(), from.lon.to_radians());
        let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * bearing.cos()).asin();
        let lon2 =
            lon1 + (bearing.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
        LatLon::new(lat2.to_degrees(), lon2.to_degrees())
    }
}
