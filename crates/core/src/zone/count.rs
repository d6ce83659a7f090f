//! Counting a zone's vacancies by occupation and Dutch level, page by page as they arrive.
//!
//! A zone reaches up to 100,000 vacancies in 100+ pages. Each page is examined once when it
//! lands (is it within the radius of any of the area's towns?) and added to the running
//! table, so the work per page is the page's size, not the load so far; a filter change
//! recounts only the vacancies already known to be in reach.

use crate::api::VacancySummary;
use crate::dutch::DutchLevel;
use crate::filter::{SearchArea, VacancyFilter};
use crate::geo::{BoundingBox, LatLon};
use std::cmp::Ordering;
use std::collections::HashMap;

const LEVELS: usize = DutchLevel::ALL.len();

/// Whether a point lies within the radius of any of the area's towns.
#[derive(Debug, Clone)]
pub struct ZoneReach {
    towns: Vec<SearchArea>,
    boxes: Vec<BoundingBox>,
}

impl ZoneReach {
    pub fn new(towns: &[LatLon], radius_km: f64) -> Self {
        let towns: Vec<SearchArea> = towns
            .iter()
            .map(|&t| SearchArea::new(t, radius_km))
            .collect();
        let boxes = towns
            .iter()
            .map(|a| BoundingBox::around(a.centre, a.radius_km))
            .collect();
        Self { towns, boxes }
    }

    /// A box test first: most towns of a zone are far from any one vacancy.
    pub fn reaches(&self, point: LatLon) -> bool {
        self.towns
            .iter()
            .zip(&self.boxes)
            .any(|(town, bbox)| town.distance_if_inside(bbox, point).is_some())
    }
}

/// One occupation's vacancies in reach, by the Dutch level they ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccupationRow {
    /// ISCO-08 code; empty when the source's occupation has none.
    pub code: String,
    /// The source's own occupation name, for a row without a code (Le Forem's `metier`).
    pub source_label: Option<String>,
    /// On VDAB's bottleneck list (any of its vacancies says so).
    pub bottleneck: bool,
    /// Indexed by `DutchLevel as usize`.
    pub by_level: [u32; LEVELS],
    /// Vacancies that state no Dutch level.
    pub unstated: u32,
}

impl OccupationRow {
    pub fn total(&self) -> u32 {
        self.by_level.iter().sum::<u32>() + self.unstated
    }

    pub fn at(&self, level: DutchLevel) -> u32 {
        self.by_level[level as usize]
    }
}

/// How the table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZoneSort {
    /// Bottleneck occupations first, then the most vacancies: what planners look at first.
    #[default]
    BottleneckFirst,
    /// By occupation name (the app gives the names; the core sorts by what it is handed).
    Occupation(Direction),
    Level(DutchLevel, Direction),
    Total(Direction),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl ZoneSort {
    /// Reads the URL's `sort=` (`occupation`, `total`, a level name, each with `-` for
    /// descending).
    pub fn parse(value: &str) -> Option<Self> {
        let (direction, column) = match value.strip_prefix('-') {
            Some(column) => (Direction::Descending, column),
            None => (Direction::Ascending, value),
        };
        match column {
            "occupation" => Some(Self::Occupation(direction)),
            "total" => Some(Self::Total(direction)),
            level => level
                .parse::<DutchLevel>()
                .ok()
                .map(|l| Self::Level(l, direction)),
        }
    }

    /// `None` for the default order (left out of the URL).
    pub fn param(self) -> Option<String> {
        let (column, direction) = match self {
            Self::BottleneckFirst => return None,
            Self::Occupation(d) => ("occupation", d),
            Self::Total(d) => ("total", d),
            Self::Level(l, d) => (l.as_str(), d),
        };
        Some(match direction {
            Direction::Ascending => column.to_owned(),
            Direction::Descending => format!("-{column}"),
        })
    }

    /// The order after clicking a column's header: counts start with the largest, names
    /// with A; a second click reverses.
    pub fn clicked(self, column: ZoneSort) -> Self {
        let first = |c: ZoneSort| match c {
            Self::Occupation(_) => Self::Occupation(Direction::Ascending),
            Self::Level(l, _) => Self::Level(l, Direction::Descending),
            _ => Self::Total(Direction::Descending),
        };
        let flip = |d: Direction| match d {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        };
        match (self, first(column)) {
            (Self::Occupation(d), Self::Occupation(_)) => Self::Occupation(flip(d)),
            (Self::Total(d), Self::Total(_)) => Self::Total(flip(d)),
            (Self::Level(a, d), Self::Level(b, _)) if a == b => Self::Level(a, flip(d)),
            (_, fresh) => fresh,
        }
    }

    /// The direction this order sorts `column` in, if it sorts by it.
    pub fn direction_of(self, column: ZoneSort) -> Option<Direction> {
        match (self, column) {
            (Self::Occupation(d), Self::Occupation(_)) | (Self::Total(d), Self::Total(_)) => {
                Some(d)
            }
            (Self::Level(a, d), Self::Level(b, _)) if a == b => Some(d),
            _ => None,
        }
    }
}

/// The occupation × Dutch level table of the vacancies in reach that pass the filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneTable {
    /// Keyed by ISCO code, or by the source's label for occupations without one.
    rows: HashMap<(String, Option<String>), OccupationRow>,
    by_level: [u32; LEVELS],
    unstated: u32,
}

impl ZoneTable {
    fn add(&mut self, v: &VacancySummary) {
        let code = v.occupation_key().to_owned();
        let source_label = v
            .occupation_code
            .is_none()
            .then(|| v.occupation_label.as_deref().map(str::to_owned))
            .flatten();
        let row = self
            .rows
            .entry((code.clone(), source_label.clone()))
            .or_insert_with(|| OccupationRow {
                code,
                source_label,
                bottleneck: false,
                by_level: [0; LEVELS],
                unstated: 0,
            });
        row.bottleneck |= v.bottleneck;
        match v.dutch_level {
            Some(level) => {
                row.by_level[level as usize] += 1;
                self.by_level[level as usize] += 1;
            }
            None => {
                row.unstated += 1;
                self.unstated += 1;
            }
        }
    }

    pub fn total(&self) -> u32 {
        self.by_level.iter().sum::<u32>() + self.unstated
    }

    /// The vacancies in the table that state no Dutch level.
    pub fn unstated(&self) -> u32 {
        self.unstated
    }

    /// The column totals, indexed by `DutchLevel as usize`.
    pub fn by_level(&self) -> [u32; LEVELS] {
        self.by_level
    }

    /// The share of the vacancies a person with `level` can take on (those asking at most
    /// it), 0 when there are none. Vacancies stating no level count in the whole but never as
    /// reachable: nothing says they are.
    pub fn share_reachable(&self, level: DutchLevel) -> f64 {
        let total = self.total();
        if total == 0 {
            return 0.0;
        }
        let within: u32 = self.by_level[..=level as usize].iter().sum();
        f64::from(within) / f64::from(total)
    }

    /// The rows in `sort` order; `name` gives an occupation's display name for sorting by
    /// name (ties by code, then source label, so the order is stable).
    pub fn rows(
        &self,
        sort: ZoneSort,
        name: impl Fn(&OccupationRow) -> String,
    ) -> Vec<&OccupationRow> {
        let directed = |d: Direction, o: Ordering| match d {
            Direction::Ascending => o,
            Direction::Descending => o.reverse(),
        };
        // Names are only worked out when they decide the order.
        let mut rows: Vec<(&OccupationRow, String)> = self
            .rows
            .values()
            .map(|r| match sort {
                ZoneSort::Occupation(_) => (r, name(r)),
                _ => (r, String::new()),
            })
            .collect();
        rows.sort_by(|(a, a_name), (b, b_name)| {
            let primary = match sort {
                ZoneSort::BottleneckFirst => b
                    .bottleneck
                    .cmp(&a.bottleneck)
                    .then(b.total().cmp(&a.total())),
                ZoneSort::Occupation(d) => directed(d, a_name.cmp(b_name)),
                ZoneSort::Level(l, d) => directed(d, a.at(l).cmp(&b.at(l))),
                ZoneSort::Total(d) => directed(d, a.total().cmp(&b.total())),
            };
            primary
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.source_label.cmp(&b.source_label))
        });
        rows.into_iter().map(|(row, _)| row).collect()
    }

    /// The `n` occupations with the most vacancies (for the bar chart).
    pub fn top(&self, n: usize) -> Vec<&OccupationRow> {
        let mut rows = self.rows(ZoneSort::Total(Direction::Descending), |_| String::new());
        rows.truncate(n);
        rows
    }
}

/// The running count of a zone analysis over a growing list of loaded vacancies.
#[derive(Debug, Clone)]
pub struct ZoneCount {
    reach: ZoneReach,
    filter: VacancyFilter,
    /// How many of the loaded vacancies have been looked at.
    examined: usize,
    /// Positions (in the loaded list) of those within reach, whatever the filter.
    in_reach: Vec<u32>,
    table: ZoneTable,
}

impl ZoneCount {
    pub fn new(reach: ZoneReach, filter: VacancyFilter) -> Self {
        Self {
            reach,
            filter,
            examined: 0,
            in_reach: Vec::new(),
            table: ZoneTable::default(),
        }
    }

    /// Takes in the vacancies loaded since the last call: `loaded` is the whole list so far,
    /// which only grows (a new load starts a new count).
    pub fn extend(&mut self, loaded: &[VacancySummary]) {
        let Some(new) = loaded.get(self.examined..) else {
            return;
        };
        let prepared = self.filter.prepare();
        for (offset, v) in new.iter().enumerate() {
            if self.reach.reaches(v.location()) {
                self.in_reach.push((self.examined + offset) as u32);
                if prepared.matches(v) {
                    self.table.add(v);
                }
            }
        }
        self.examined = loaded.len();
    }

    /// Counts again with another filter, over the vacancies already known to be in reach.
    pub fn set_filter(&mut self, filter: VacancyFilter, loaded: &[VacancySummary]) {
        if filter == self.filter {
            return;
        }
        self.filter = filter;
        let prepared = self.filter.prepare();
        let mut table = ZoneTable::default();
        for v in self
            .in_reach
            .iter()
            .filter_map(|&i| loaded.get(i as usize))
            .filter(|v| prepared.matches(v))
        {
            table.add(v);
        }
        self.table = table;
    }

    pub fn table(&self) -> &ZoneTable {
        &self.table
    }

    pub fn examined(&self) -> usize {
        self.examined
    }

    /// Vacancies in reach whatever the filter.
    pub fn in_reach(&self) -> usize {
        self.in_reach.len()
    }

    /// The newest publication date among the vacancies in reach (`YYYY-MM-DD` sorts as text):
    /// the date the data speaks for.
    pub fn newest_published<'a>(&self, loaded: &'a [VacancySummary]) -> Option<&'a str> {
        self.in_reach
            .iter()
            .filter_map(|&i| loaded.get(i as usize))
            .map(|v| &*v.published)
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ContractType;
    use crate::fixtures::vacancy;
    use crate::geo::haversine_km;
    use crate::loading::{CheckedPage, LoadedVacancies};
    use proptest::prelude::*;

    const MONS: LatLon = LatLon {
        lat: 50.4542,
        lon: 3.9523,
    };
    const TOURNAI: LatLon = LatLon {
        lat: 50.6056,
        lon: 3.3889,
    };

    fn at(id: u32, lat: f64, lon: f64, level: DutchLevel, code: &str) -> VacancySummary {
        VacancySummary {
            lat,
            lon,
            dutch_level: Some(level),
            occupation_code: Some(code.into()),
            ..vacancy(id)
        }
    }

    #[test]
    fn a_vacancy_two_towns_reach_and_two_searches_return_is_counted_once() {
        // Ronse lies within 60 km of both Mons and Tournai; both covering searches return it.
        let ronse = at(1, 50.746, 3.6, DutchLevel::Basic, "7212");
        let far = at(2, 51.3, 4.4, DutchLevel::Basic, "7212");
        let areas = [
            SearchArea::new(MONS, 100.0),
            SearchArea::new(TOURNAI, 100.0),
        ];
        let mut loaded = LoadedVacancies::new(areas);
        for area in 0..2 {
            let page = CheckedPage {
                total: 2,
                items: vec![ronse.clone(), far.clone()],
                next: None,
                dropped: 0,
            };
            let _ = loaded.accept(area, page);
        }
        let mut count = ZoneCount::new(
            ZoneReach::new(&[MONS, TOURNAI], 60.0),
            VacancyFilter::default(),
        );
        count.extend(loaded.items());
        assert_eq!(count.table().total(), 1);
        assert_eq!(count.in_reach(), 1);
        assert_eq!(
            count.table().rows(ZoneSort::default(), |r| r.code.clone())[0].at(DutchLevel::Basic),
            1
        );
    }

    #[test]
    fn pages_counted_as_they_land_give_the_table_of_the_whole_list() {
        let items: Vec<VacancySummary> = (1..=300)
            .map(|i| {
                let level = DutchLevel::ALL[(i % 6) as usize];
                let code = ["7212", "8322", "5321"][(i % 3) as usize];
                at(
                    i,
                    50.5 + f64::from(i % 40) * 0.02,
                    3.3 + f64::from(i % 30) * 0.05,
                    level,
                    code,
                )
            })
            .collect();
        let reach = ZoneReach::new(&[MONS, TOURNAI], 40.0);
        let mut whole = ZoneCount::new(reach.clone(), VacancyFilter::default());
        whole.extend(&items);
        let mut paged = ZoneCount::new(reach, VacancyFilter::default());
        for end in [0, 7, 100, 100, 250, 300] {
            paged.extend(&items[..end]);
        }
        assert_eq!(paged.table(), whole.table());
        assert_eq!(paged.examined(), 300);
        assert!(whole.table().total() > 0 && whole.table().total() < 300);
    }

    #[test]
    fn the_default_order_puts_bottleneck_occupations_first_then_the_largest() {
        let mut items = vec![
            at(1, 50.5, 3.9, DutchLevel::Basic, "1111"),
            at(2, 50.5, 3.9, DutchLevel::Basic, "1111"),
            at(3, 50.5, 3.9, DutchLevel::Good, "2222"),
        ];
        items[2].bottleneck = true;
        let mut count = ZoneCount::new(ZoneReach::new(&[MONS], 60.0), VacancyFilter::default());
        count.extend(&items);
        let codes = |sort| {
            count
                .table()
                .rows(sort, |r: &OccupationRow| {
                    if r.code == "1111" {
                        "Zz".into()
                    } else {
                        "Aa".into()
                    }
                })
                .iter()
                .map(|r| r.code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(ZoneSort::BottleneckFirst), ["2222", "1111"]);
        assert_eq!(
            codes(ZoneSort::Total(Direction::Descending)),
            ["1111", "2222"]
        );
        assert_eq!(
            codes(ZoneSort::Occupation(Direction::Ascending)),
            ["2222", "1111"]
        );
        assert_eq!(
            codes(ZoneSort::Level(DutchLevel::Good, Direction::Descending)),
            ["2222", "1111"]
        );
        assert_eq!(count.table().top(1)[0].code, "1111");
        assert!((count.table().share_reachable(DutchLevel::Basic) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(count.table().share_reachable(DutchLevel::VeryGood), 1.0);
    }

    #[test]
    fn sort_headers_toggle_and_read_back_from_the_url() {
        let total = ZoneSort::Total(Direction::Descending);
        assert_eq!(ZoneSort::default().clicked(total), total);
        assert_eq!(total.clicked(total), ZoneSort::Total(Direction::Ascending));
        let name = ZoneSort::Occupation(Direction::Ascending);
        assert_eq!(total.clicked(name), name);
        for sort in [
            ZoneSort::BottleneckFirst,
            total,
            name,
            ZoneSort::Level(DutchLevel::VeryGood, Direction::Ascending),
        ] {
            let back = sort
                .param()
                .map_or(Some(ZoneSort::BottleneckFirst), |p| ZoneSort::parse(&p));
            assert_eq!(back, Some(sort));
        }
        assert_eq!(ZoneSort::parse("-salary"), None);
        assert_eq!(total.direction_of(name), None);
    }

    fn arb_vacancy() -> impl Strategy<Value = VacancySummary> {
        (
            1u32..60,
            50.0f64..51.5,
            2.5f64..6.0,
            0usize..7,
            0usize..4,
            0usize..4,
            any::<bool>(),
        )
            .prop_map(
                |(id, lat, lon, level, code, contract, bottleneck)| VacancySummary {
                    contract: ContractType::ALL[contract],
                    bottleneck,
                    // One in seven states no level, as Le Forem's offers.
                    dutch_level: DutchLevel::ALL.get(level).copied(),
                    ..at(
                        id,
                        lat,
                        lon,
                        DutchLevel::ALL[level % 6],
                        ["7212", "8322", "5321", "2221"][code],
                    )
                },
            )
    }

    proptest! {
        /// The incremental count, after any filter change, equals a brute-force count over the
        /// same vacancies: in reach of some town, passing the filter, each id once.
        #[test]
        fn the_running_count_equals_a_brute_force_count(
            items in prop::collection::vec(arb_vacancy(), 0..120),
            radius in 5.0f64..80.0,
            split in 0usize..120,
            contract in prop::option::of(0usize..4),
            level in prop::option::of(0usize..6),
        ) {
            let towns = [MONS, TOURNAI, LatLon::new(50.64, 5.57)];
            let mut loaded = LoadedVacancies::new([SearchArea::new(LatLon::new(50.6, 4.4), 200.0)]);
            let page = CheckedPage { total: items.len() as u32, items: items.clone(), next: None, dropped: 0 };
            let _ = loaded.accept(0, page);
            let loaded = loaded.items();
            let filter = VacancyFilter {
                contract: contract.map(|c| ContractType::ALL[c]),
                dutch_max: level.map(|l| DutchLevel::ALL[l]),
                ..VacancyFilter::default()
            };
            let mut count = ZoneCount::new(ZoneReach::new(&towns, radius), VacancyFilter::default());
            count.extend(&loaded[..split.min(loaded.len())]);
            count.extend(loaded);
            count.set_filter(filter.clone(), loaded);

            let mut seen = std::collections::HashSet::new();
            let mut expected = [0u32; LEVELS];
            let mut expected_unstated = 0;
            for v in &items {
                // The load keeps an id's first copy.
                if !seen.insert(v.id) {
                    continue;
                }
                let reached = towns.iter().any(|&t| haversine_km(t, v.location()) <= radius);
                // Offers stating no level pass a level filter (the default).
                let passes = filter.dutch_max.is_none_or(|m| v.dutch_level.is_none_or(|l| l <= m))
                    && filter.contract.is_none_or(|c| v.contract == c);
                if reached && passes {
                    match v.dutch_level {
                        Some(l) => expected[l as usize] += 1,
                        None => expected_unstated += 1,
                    }
                }
            }
            prop_assert_eq!(count.table().by_level(), expected);
            prop_assert_eq!(count.table().unstated(), expected_unstated);
            let rows_sum: u32 = count.table().rows(ZoneSort::default(), |r| r.code.clone()).iter().map(|r| r.total()).sum();
            prop_assert_eq!(rows_sum, count.table().total());
        }
    }
}
