//! Where an offer is: its first workplace in Flanders, placed from the source's own point when
//! it has one, else from the postal code or the locality through the municipality table.

use passerelle_core::municipality::{self, Municipality, Region};
use passerelle_core::text::separator_key;
use passerelle_core::{haversine_km, LatLon};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

use super::record::RecordPlace;

/// How the offer's point was found (kept with the offer, counted in `/health`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocatedBy {
    /// The source's `lieuxtravailgeo` point.
    Geo,
    /// The main place of the municipality of `lieuxtravailcodepostal`.
    PostalCode,
    /// The main place of the municipality named by `lieuxtravaillocalite`.
    Locality,
}

impl LocatedBy {
    pub const fn as_str(self) -> &'static str {
        match self {
            LocatedBy::Geo => "geo",
            LocatedBy::PostalCode => "postal_code",
            LocatedBy::Locality => "locality",
        }
    }
}

/// A workplace in Flanders.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub point: LatLon,
    pub municipality: &'static Municipality,
    pub by: LocatedBy,
    /// As the source wrote it, or the municipality's name.
    pub label: String,
}

/// Why an offer has no workplace in Flanders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotInFlanders {
    Wallonia,
    Brussels,
    /// A NUTS code outside Belgium, or no region we can tell.
    Elsewhere,
    /// Flemish by its NUTS code, but no point, postal code or locality we can place.
    Unplaceable,
}

/// Belgium's extent with a margin: a source point outside it is a data error, not a workplace.
fn in_belgium(p: LatLon) -> bool {
    (49.3..=51.7).contains(&p.lat) && (2.4..=6.6).contains(&p.lon)
}

/// The first workplace of `places` that lies in Flanders.
pub fn locate(places: &[RecordPlace]) -> Result<Located, NotInFlanders> {
    let mut first_region = None;
    for place in places {
        let by_postal_code = place
            .postal_code
            .as_deref()
            .and_then(municipality_of_postal_code(place));
        let by_locality = place.locality.as_deref().and_then(municipality_named);
        let geo = place.geo.filter(|p| in_belgium(*p));
        // The NUTS code says the region most directly; the municipality table otherwise.
        let region = match place.nuts.as_deref().map(nuts_region) {
            Some(Nuts::Belgian(region)) => Some(region),
            Some(Nuts::Abroad) => None,
            Some(Nuts::Unknown) | None => by_postal_code
                .or(by_locality)
                .or_else(|| geo.and_then(|p| nearest(p, |_| true)))
                .map(|m| m.region),
        };
        first_region.get_or_insert(region);
        if region != Some(Region::Flanders) {
            continue;
        }
        let flemish = |m: &&'static Municipality| m.region == Region::Flanders;
        let found = if let Some(point) = geo {
            nearest(point, |m| m.region == Region::Flanders).map(|m| (point, m, LocatedBy::Geo))
        } else if let Some(m) = by_postal_code.filter(flemish) {
            Some((m.location, m, LocatedBy::PostalCode))
        } else {
            by_locality
                .filter(flemish)
                .map(|m| (m.location, m, LocatedBy::Locality))
        };
        if let Some((point, municipality, by)) = found {
            return Ok(Located {
                point: rounded(point),
                municipality,
                by,
                label: place
                    .locality
                    .as_deref()
                    .map_or_else(|| municipality.name_nl.to_owned(), readable_case),
            });
        }
        return Err(NotInFlanders::Unplaceable);
    }
    Err(match first_region.flatten() {
        Some(Region::Wallonia) => NotInFlanders::Wallonia,
        Some(Region::Brussels) => NotInFlanders::Brussels,
        // A Flemish first region would have returned; none at all is elsewhere.
        _ => NotInFlanders::Elsewhere,
    })
}

/// What a NUTS code says about the region.
enum Nuts {
    Belgian(Region),
    /// Another country's code (`FR…`, `LU…`): a workplace abroad, whatever else the record says.
    Abroad,
    Unknown,
}

fn nuts_region(nuts: &str) -> Nuts {
    let nuts = nuts.trim().to_ascii_uppercase();
    match nuts.as_bytes() {
        [b'B', b'E', b'1', ..] => Nuts::Belgian(Region::Brussels),
        [b'B', b'E', b'2', ..] => Nuts::Belgian(Region::Flanders),
        [b'B', b'E', b'3', ..] => Nuts::Belgian(Region::Wallonia),
        [b'B', b'E', ..] => Nuts::Unknown,
        [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Nuts::Abroad,
        _ => Nuts::Unknown,
    }
}

/// The municipality of a postal code; where a code is shared, the one the locality names.
fn municipality_of_postal_code(
    place: &RecordPlace,
) -> impl Fn(&str) -> Option<&'static Municipality> + '_ {
    move |code| {
        let candidates = municipality::by_postal_code(code.trim());
        let named = place.locality.as_deref().and_then(municipality_named);
        named
            .filter(|m| candidates.contains(m))
            .or_else(|| candidates.first().copied())
    }
}

/// The municipality whose French or Dutch name is exactly `locality` (case, accents and
/// separators aside). Sub-municipality names ("Heule") do not match: the postal code places those.
fn municipality_named(locality: &str) -> Option<&'static Municipality> {
    // Built once: a sync looks up thousands of localities.
    static BY_NAME: LazyLock<HashMap<String, &'static Municipality>> = LazyLock::new(|| {
        let mut names = HashMap::new();
        for m in municipality::all() {
            for name in [m.name_fr, m.name_nl] {
                names.entry(separator_key(name)).or_insert(m);
            }
        }
        names
    });
    BY_NAME.get(&separator_key(locality)).copied()
}

fn nearest(point: LatLon, keep: impl Fn(&Municipality) -> bool) -> Option<&'static Municipality> {
    municipality::all()
        .iter()
        .filter(|m| keep(m))
        .min_by(|a, b| haversine_km(point, a.location).total_cmp(&haversine_km(point, b.location)))
}

/// Le Forem writes localities in capitals ("SINT-PIETERS-LEEUW"); shown so on a map and in a
/// list they shout. A label in capitals only is given a capital per word; any other is kept.
fn readable_case(label: &str) -> String {
    if label.chars().any(char::is_lowercase) {
        return label.to_owned();
    }
    let mut out = String::with_capacity(label.len());
    let mut word_start = true;
    for c in label.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphanumeric();
    }
    out
}

/// Five decimals (about a metre), as the index expects.
fn rounded(p: LatLon) -> LatLon {
    let round = |x: f64| (x * 1e5).round() / 1e5;
    LatLon::new(round(p.lat), round(p.lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        locality: &str,
        postal_code: &str,
        nuts: &str,
        geo: Option<(f64, f64)>,
    ) -> RecordPlace {
        let some = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        RecordPlace {
            locality: some(locality),
            postal_code: some(postal_code),
            nuts: some(nuts),
            geo: geo.map(|(lat, lon)| LatLon::new(lat, lon)),
        }
    }

    #[test]
    fn a_geo_point_is_kept_and_named_after_the_nearest_flemish_municipality() {
        let located = locate(&[place("KORTRIJK", "8500", "BE254", Some((50.8275, 3.2650)))])
            .expect("in Flanders");
        assert_eq!(located.by, LocatedBy::Geo);
        assert_eq!(located.municipality.name_nl, "Kortrijk");
        assert_eq!(located.point, LatLon::new(50.8275, 3.265));
        assert_eq!(located.label, "Kortrijk", "capitals only are made readable");
    }

    #[test]
    fn without_a_point_the_postal_codes_municipality_places_the_offer() {
        let located = locate(&[place("RONSE", "9600", "", None)]).expect("in Flanders");
        assert_eq!(located.by, LocatedBy::PostalCode);
        assert_eq!(located.municipality.name_nl, "Ronse");
        assert_eq!(located.point, located.municipality.location);
    }

    #[test]
    fn without_point_or_postal_code_the_locality_places_the_offer() {
        let located = locate(&[place("Geraardsbergen", "", "BE23", None)]).expect("in Flanders");
        assert_eq!(located.by, LocatedBy::Locality);
        assert_eq!(located.municipality.name_fr, "Grammont");
    }

    #[test]
    fn a_label_in_capitals_gets_a_capital_per_word_and_others_stay_as_written() {
        assert_eq!(readable_case("SINT-PIETERS-LEEUW"), "Sint-Pieters-Leeuw");
        assert_eq!(readable_case("OUDENAARDE (HEURNE)"), "Oudenaarde (Heurne)");
        assert_eq!(readable_case("De Panne"), "De Panne");
        assert_eq!(readable_case("ÉCAUSSINNES"), "Écaussinnes");
    }

    #[test]
    fn walloon_and_brussels_offers_are_not_in_flanders() {
        assert_eq!(
            locate(&[place("MONS", "7000", "BE323", None)]),
            Err(NotInFlanders::Wallonia)
        );
        assert_eq!(
            locate(&[place("BRUXELLES", "1000", "", None)]),
            Err(NotInFlanders::Brussels)
        );
        assert_eq!(
            locate(&[place("LILLE", "59000", "FRE11", None)]),
            Err(NotInFlanders::Elsewhere)
        );
        assert_eq!(locate(&[]), Err(NotInFlanders::Elsewhere));
    }

    #[test]
    fn the_first_flemish_workplace_of_several_is_the_offers() {
        let located = locate(&[
            place("TOURNAI", "7500", "BE327", None),
            place("KORTRIJK", "8500", "BE254", None),
        ])
        .expect("in Flanders");
        assert_eq!(located.municipality.name_nl, "Kortrijk");
    }

    #[test]
    fn a_flemish_nuts_code_with_nothing_to_place_it_is_unplaceable() {
        assert_eq!(
            locate(&[place("", "", "BE2", None)]),
            Err(NotInFlanders::Unplaceable)
        );
    }
}
