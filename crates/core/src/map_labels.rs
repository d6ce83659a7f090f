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

/// Where a name sits around its place's dot, tried in this order until one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Right,
    Left,
    Above,
    Below,
}

impl Placement {
    pub const ALL: [Placement; 4] = [
        Placement::Right,
        Placement::Left,
        Placement::Above,
        Placement::Below,
    ];
}

/// How a label is laid out around its place, in CSS pixels; must match the map's stylesheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelMetrics {
    /// The text's line height.
    pub line_height: f64,
    /// A generous average glyph width: an overestimate only spaces names a little more.
    pub char_width: f64,
    /// From the place's point to the text beside it (the dot and a gap).
    pub text_offset: f64,
    /// From the place's point to the text above or below it.
    pub vertical_offset: f64,
    /// Half the dot's size: the dot is part of the label wherever the text goes.
    pub dot_radius: f64,
    /// Extra room kept free around each name.
    pub gap: f64,
}

impl LabelMetrics {
    /// The box a label takes with its place at screen point `(x, y)` and its text `placement`.
    pub fn screen_box(&self, (x, y): (f64, f64), text: &str, placement: Placement) -> ScreenBox {
        let width = self.char_width * text.chars().count() as f64;
        let (dot, half_height) = (self.dot_radius, self.line_height / 2.0);
        let (left, top, right, bottom) = match placement {
            Placement::Right => (
                x - dot,
                y - half_height,
                x + self.text_offset + width,
                y + half_height,
            ),
            Placement::Left => (
                x - self.text_offset - width,
                y - half_height,
                x + dot,
                y + half_height,
            ),
            Placement::Above => (
                x - (width / 2.0).max(dot),
                y - self.vertical_offset - self.line_height,
                x + (width / 2.0).max(dot),
                y + dot,
            ),
            Placement::Below => (
                x - (width / 2.0).max(dot),
                y - dot,
                x + (width / 2.0).max(dot),
                y + self.vertical_offset + self.line_height,
            ),
        };
        ScreenBox {
            left: left - self.gap,
            top: top - self.gap,
            right: right + self.gap,
            bottom: bottom + self.gap,
        }
    }
}

impl ScreenBox {
    /// A square of `size` pixels centred on `(x, y)` (a cluster disc, say).
    pub fn centred((x, y): (f64, f64), size: f64) -> Self {
        let half = size / 2.0;
        Self {
            left: x - half,
            top: y - half,
            right: x + half,
            bottom: y + half,
        }
    }

    fn inside(&self, view: &ScreenBox) -> bool {
        self.left >= view.left
            && self.right <= view.right
            && self.top >= view.top
            && self.bottom <= view.bottom
    }
}

/// Where to show each label, or `None` to leave it out: the first of its placements (boxes in
/// the order of [`Placement::ALL`]) that overlaps no label already placed, none of the
/// `obstacles` (marks drawn above the names, which would hide them) and stays in `view`.
/// The first `always` labels (the home towns) are placed on the right whatever they overlap.
pub fn place_apart(
    candidates: &[[ScreenBox; 4]],
    always: usize,
    obstacles: &[ScreenBox],
    view: &ScreenBox,
) -> Vec<Option<Placement>> {
    let mut taken: Vec<ScreenBox> = obstacles.to_vec();
    candidates
        .iter()
        .enumerate()
        .map(|(i, boxes)| {
            let chosen = if i < always {
                Some(0)
            } else {
                (0..boxes.len()).find(|&p| {
                    boxes[p].inside(view) && !taken.iter().any(|t| t.overlaps(&boxes[p]))
                })
            };
            chosen.map(|p| {
                taken.push(boxes[p]);
                Placement::ALL[p]
            })
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
        vertical_offset: 5.0,
        dot_radius: 4.0,
        gap: 2.0,
    };
    const SCREEN: ScreenBox = ScreenBox {
        left: 0.0,
        top: 0.0,
        right: 1000.0,
        bottom: 800.0,
    };

    fn candidates(at: (f64, f64), text: &str) -> [ScreenBox; 4] {
        Placement::ALL.map(|p| METRICS.screen_box(at, text, p))
    }

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
    fn a_name_moves_round_its_dot_to_avoid_another_and_gives_way_when_nothing_fits() {
        let labels = [
            candidates((100.0, 100.0), "Gent"),
            // Right of a dot just right of Gent's: its own right side is free.
            candidates((150.0, 100.0), "Melle"),
            // A dot on Gent's text: every placement covers it.
            candidates((120.0, 100.0), "Merelbeke"),
            candidates((100.0, 300.0), "Aalst"),
        ];
        assert_eq!(
            place_apart(&labels, 0, &[], &SCREEN),
            vec![
                Some(Placement::Right),
                Some(Placement::Right),
                None,
                Some(Placement::Right)
            ]
        );
    }

    #[test]
    fn a_name_with_a_cluster_on_its_right_goes_left() {
        let cluster = [ScreenBox::centred((140.0, 100.0), 40.0)];
        let labels = [candidates((100.0, 100.0), "Kortrijk")];
        assert_eq!(
            place_apart(&labels, 0, &cluster, &SCREEN),
            vec![Some(Placement::Left)]
        );
    }

    #[test]
    fn home_towns_stay_on_the_right_even_where_they_overlap_and_others_give_way() {
        let cluster = [ScreenBox::centred((100.0, 100.0), 40.0)];
        let labels = [
            candidates((100.0, 100.0), "Mons"),
            candidates((104.0, 100.0), "Quaregnon"),
            candidates((108.0, 100.0), "Jemappes"),
        ];
        assert_eq!(
            place_apart(&labels, 2, &cluster, &SCREEN),
            vec![Some(Placement::Right), Some(Placement::Right), None]
        );
    }

    #[test]
    fn a_name_at_the_screen_edge_turns_inward_and_one_off_screen_is_left_out() {
        let labels = [
            candidates((990.0, 100.0), "Antwerpen"),
            candidates((1200.0, 100.0), "Lier"),
        ];
        assert_eq!(
            place_apart(&labels, 0, &[], &SCREEN),
            vec![Some(Placement::Left), None]
        );
    }

    #[test]
    fn every_placement_covers_the_dot_and_grows_with_the_name() {
        for placement in Placement::ALL {
            let short = METRICS.screen_box((50.0, 50.0), "Ath", placement);
            let long = METRICS.screen_box((50.0, 50.0), "Tongeren-Borgloon", placement);
            assert!(short.left < 46.0 && short.right > 54.0, "{placement:?}");
            assert!(short.top < 46.0 && short.bottom > 54.0, "{placement:?}");
            assert!(
                long.right - long.left > short.right - short.left,
                "{placement:?}"
            );
        }
    }
}
