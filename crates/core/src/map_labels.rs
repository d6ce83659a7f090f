//! Town names the app draws on the map itself when there are no tiles (kiosks at fairs, tests,
//! offline): the home towns and the main towns on both sides of the language border, thinned
//! out on screen so no two names overlap.

use crate::geo::LatLon;
use crate::municipality::{self, Municipality, Region};

/// The main towns, most important first: where names collide the later ones give way.
///
/// Statbel's municipality file has no population, so the list is curated: Brussels and the
/// province capitals, then the regional centres a jobseeker would commute to or change trains
/// at on either side of the border, west to east. Names as in the municipality data (2025:
/// Tongeren merged into Tongeren-Borgloon); a test fails when one is not found.
pub const MAIN_TOWNS: &[&str] = &[
    "Bruxelles",
    "Antwerpen",
    "Gent",
    "Charleroi",
    "Liège",
    "Brugge",
    "Namur",
    "Leuven",
    "Mons",
    "Hasselt",
    "Mechelen",
    "Kortrijk",
    "Aalst",
    "Tournai",
    "La Louvière",
    "Wavre",
    "Genk",
    "Sint-Niklaas",
    "Roeselare",
    "Verviers",
    "Mouscron",
    "Nivelles",
    "Ieper",
    "Oudenaarde",
    "Ronse",
    "Halle",
    "Tienen",
    "Sint-Truiden",
    "Tongeren-Borgloon",
    "Geraardsbergen",
    "Ninove",
    "Dendermonde",
    "Waregem",
    "Ath",
    "Soignies",
    "Huy",
    "Waremme",
    "Eupen",
];

/// A name to draw at a place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceLabel {
    pub text: String,
    pub location: LatLon,
    pub nis_code: &'static str,
}

impl PlaceLabel {
    pub fn of(m: &Municipality) -> Self {
        Self {
            text: local_name(m),
            location: m.location,
            nis_code: m.nis_code,
        }
    }
}

/// The name a town goes by where it is: Dutch in Flanders, French in Wallonia (German in the
/// German-speaking Community), both in bilingual Brussels. That is the name on the road signs,
/// the station and the vacancies' place labels, so the map matches what the person will read
/// on the way, whatever the interface language.
pub fn local_name(m: &Municipality) -> String {
    match m.region {
        Region::Flanders => m.name_nl.to_owned(),
        Region::Wallonia => m.name_de.unwrap_or(m.name_fr).to_owned(),
        Region::Brussels if m.name_fr != m.name_nl => format!("{}/{}", m.name_fr, m.name_nl),
        Region::Brussels => m.name_fr.to_owned(),
    }
}

/// The municipality a listed name refers to (its French, Dutch or German name, exactly).
pub fn find_by_name(name: &str) -> Option<&'static Municipality> {
    municipality::all()
        .iter()
        .find(|m| m.name_fr == name || m.name_nl == name || m.name_de == Some(name))
}

/// The labels to draw, in priority order: the home towns first (always kept), then the main
/// towns that are not a home town.
pub fn labels_for(homes: &[&Municipality]) -> Vec<PlaceLabel> {
    let mut labels: Vec<PlaceLabel> = homes.iter().map(|m| PlaceLabel::of(m)).collect();
    for town in MAIN_TOWNS.iter().filter_map(|name| find_by_name(name)) {
        if !labels.iter().any(|l| l.nis_code == town.nis_code) {
            labels.push(PlaceLabel::of(town));
        }
    }
    labels
}

/// A rectangle on screen, in CSS pixels (y grows downward).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenBox {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl ScreenBox {
    fn overlaps(&self, other: &ScreenBox) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }
}

/// How a label is laid out around its place, in CSS pixels; must match the map's stylesheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelMetrics {
    /// The text's line height.
    pub line_height: f64,
    /// A generous average glyph width: an overestimate only spaces names a little more.
    pub char_width: f64,
    /// From the place's point to the start of the text (the dot and a gap).
    pub text_offset: f64,
    /// Extra room kept free around each name.
    pub gap: f64,
}

impl LabelMetrics {
    /// The box a label takes with its place at screen point `(x, y)`: a dot on the point and the
    /// text to its right, vertically centred.
    pub fn screen_box(&self, (x, y): (f64, f64), text: &str) -> ScreenBox {
        let width = self.text_offset + self.char_width * text.chars().count() as f64;
        let half_height = self.line_height / 2.0;
        ScreenBox {
            left: x - self.text_offset - self.gap,
            top: y - half_height - self.gap,
            right: x + width + self.gap,
            bottom: y + half_height + self.gap,
        }
    }
}

/// Which labels to show: each in turn unless it overlaps one already kept or leaves `view`.
/// The first `always` labels are kept whatever they overlap (the home towns).
pub fn keep_apart(boxes: &[ScreenBox], always: usize, view: &ScreenBox) -> Vec<bool> {
    let mut kept: Vec<ScreenBox> = Vec::new();
    boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let inside = b.left >= view.left
                && b.right <= view.right
                && b.top >= view.top
                && b.bottom <= view.bottom;
            let keep = i < always || (inside && !kept.iter().any(|k| k.overlaps(b)));
            if keep {
                kept.push(*b);
            }
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const METRICS: LabelMetrics = LabelMetrics {
        line_height: 16.0,
        char_width: 8.0,
        text_offset: 8.0,
        gap: 2.0,
    };
    const SCREEN: ScreenBox = ScreenBox {
        left: 0.0,
        top: 0.0,
        right: 1000.0,
        bottom: 800.0,
    };

    #[test]
    fn every_listed_main_town_is_a_known_municipality() {
        for name in MAIN_TOWNS {
            assert!(
                find_by_name(name).is_some(),
                "{name} is not in municipalities.csv"
            );
        }
        assert_eq!(
            labels_for(&[]).len(),
            MAIN_TOWNS.len(),
            "no town listed twice"
        );
    }

    #[test]
    fn the_list_has_towns_on_both_sides_of_the_border() {
        let regions: Vec<Region> = MAIN_TOWNS
            .iter()
            .filter_map(|n| find_by_name(n))
            .map(|m| m.region)
            .collect();
        assert!(regions.iter().filter(|r| **r == Region::Flanders).count() >= 15);
        assert!(regions.iter().filter(|r| **r == Region::Wallonia).count() >= 12);
    }

    #[test]
    fn towns_are_named_in_their_own_region_language() {
        let name = |n: &str| local_name(find_by_name(n).unwrap());
        assert_eq!(name("Courtrai"), "Kortrijk");
        assert_eq!(name("Bergen"), "Mons");
        assert_eq!(name("Luik"), "Liège");
        assert_eq!(name("Renaix"), "Ronse");
        assert_eq!(name("Eupen"), "Eupen");
        assert_eq!(name("Bruxelles"), "Bruxelles/Brussel");
    }

    #[test]
    fn home_towns_come_first_and_are_not_repeated() {
        let mons = find_by_name("Mons").unwrap();
        let quaregnon = find_by_name("Quaregnon").unwrap();
        let labels = labels_for(&[quaregnon, mons]);
        assert_eq!(labels[0].text, "Quaregnon");
        assert_eq!(labels[1].text, "Mons");
        assert_eq!(labels.iter().filter(|l| l.text == "Mons").count(), 1);
    }

    #[test]
    fn a_name_that_would_overlap_a_kept_one_gives_way() {
        let boxes = [
            METRICS.screen_box((100.0, 100.0), "Gent"),
            METRICS.screen_box((110.0, 105.0), "Merelbeke-Melle"),
            METRICS.screen_box((100.0, 200.0), "Aalst"),
        ];
        assert_eq!(keep_apart(&boxes, 0, &SCREEN), vec![true, false, true]);
    }

    #[test]
    fn home_towns_stay_even_where_they_overlap_and_others_give_way() {
        let boxes = [
            METRICS.screen_box((100.0, 100.0), "Mons"),
            METRICS.screen_box((104.0, 100.0), "Quaregnon"),
            METRICS.screen_box((108.0, 100.0), "Jemappes"),
        ];
        assert_eq!(keep_apart(&boxes, 2, &SCREEN), vec![true, true, false]);
    }

    #[test]
    fn a_name_cut_by_the_screen_edge_is_left_out() {
        let boxes = [METRICS.screen_box((990.0, 100.0), "Antwerpen")];
        assert_eq!(keep_apart(&boxes, 0, &SCREEN), vec![false]);
    }

    #[test]
    fn a_label_box_covers_the_dot_and_grows_with_the_name() {
        let short = METRICS.screen_box((50.0, 50.0), "Ath");
        let long = METRICS.screen_box((50.0, 50.0), "Tongeren-Borgloon");
        assert!(short.left < 50.0 && short.right > 50.0);
        assert!(long.right - long.left > short.right - short.left);
    }
}
