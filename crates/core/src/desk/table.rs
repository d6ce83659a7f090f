//! The desk's dense results table: one row per vacancy in reach of any chosen town (at its
//! nearest town), sorted by a column, shown 50 rows at a time. Rows are small index records
//! into the loaded vacancies, so sorting 100,000 of them moves no strings.

use super::state::{DeskFilter, DeskState, HomeTown};
use crate::api::VacancySummary;
use crate::dutch::DutchLevel;
use crate::filter::{nearest_area, SearchArea};
use crate::geo::{BoundingBox, LatLon};
use std::collections::HashMap;
use std::ops::Range;

/// Rows shown at a time: enough to scan, few enough that the DOM stays light.
pub const PAGE_SIZE: usize = 50;

/// One row of the table: which loaded vacancy, and its nearest chosen town.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeskRow {
    /// Position in the loaded vacancies (`LoadedVacancies::items`).
    pub index: usize,
    /// Position of the nearest town in [`DeskState::towns`] whose radius reaches the vacancy.
    pub town: usize,
    /// Distance to that town, in km.
    pub km: f64,
}

impl DeskState {
    /// The nearest chosen town whose own radius reaches `point`, and the distance: for one
    /// vacancy (the detail, the map popup). The table uses [`desk_rows`].
    pub fn nearest_town(&self, point: LatLon) -> Option<(&HomeTown, f64)> {
        let areas = self.search_areas();
        let boxes = bounding_boxes(&areas);
        nearest_area(&areas, &boxes, point).map(|(i, km)| (&self.towns()[i], km))
    }
}

fn bounding_boxes(areas: &[SearchArea]) -> Vec<BoundingBox> {
    areas
        .iter()
        .map(|a| BoundingBox::around(a.centre, a.radius_km))
        .collect()
}

/// The rows of the table, in load order: each vacancy in `items` that passes `filter` and lies
/// within some town's radius, once, at its nearest such town. Sort them with [`sort_rows`].
pub fn desk_rows(
    items: &[VacancySummary],
    areas: &[SearchArea],
    filter: &DeskFilter,
) -> Vec<DeskRow> {
    let boxes = bounding_boxes(areas);
    let prepared = filter.base.prepare();
    items
        .iter()
        .enumerate()
        .filter_map(|(index, v)| {
            let (town, km) = nearest_area(areas, &boxes, v.location())?;
            filter
                .matches(&prepared, v)
                .then_some(DeskRow { index, town, km })
        })
        .collect()
}

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    Distance,
    DutchLevel,
    /// By ISCO code, which groups the same occupation together.
    Occupation,
    /// In the order of `ContractType::ALL` (permanent first).
    Contract,
    Published,
}

impl SortColumn {
    /// Every sortable column, in table order.
    pub const ALL: [SortColumn; 5] = [
        SortColumn::Distance,
        SortColumn::DutchLevel,
        SortColumn::Occupation,
        SortColumn::Contract,
        SortColumn::Published,
    ];

    /// The URL name.
    pub const fn as_str(self) -> &'static str {
        match self {
            SortColumn::Distance => "distance",
            SortColumn::DutchLevel => "level",
            SortColumn::Occupation => "occupation",
            SortColumn::Contract => "contract",
            SortColumn::Published => "published",
        }
    }

    /// The column of a URL name (see [`Self::as_str`]).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The direction a first click on the header gives: nearest, least Dutch, newest first.
    pub const fn first_direction(self) -> SortDirection {
        match self {
            SortColumn::Published => SortDirection::Descending,
            _ => SortDirection::Ascending,
        }
    }
}

/// Ascending or descending, as `aria-sort` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortDirection {
    Ascending,
    Descending,
}

impl SortDirection {
    /// The `aria-sort` value of the sorted column's header.
    pub const fn aria_sort(self) -> &'static str {
        match self {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        }
    }

    /// The other direction (a second click on the same header).
    pub const fn reversed(self) -> Self {
        match self {
            SortDirection::Ascending => SortDirection::Descending,
            SortDirection::Descending => SortDirection::Ascending,
        }
    }
}

/// The table's order: a column and a direction. Default: nearest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableSort {
    pub column: SortColumn,
    pub direction: SortDirection,
}

impl Default for TableSort {
    fn default() -> Self {
        Self {
            column: SortColumn::Distance,
            direction: SortDirection::Ascending,
        }
    }
}

impl TableSort {
    /// `published` or `-published` (descending).
    pub fn parse(s: &str) -> Option<Self> {
        let (direction, name) = match s.strip_prefix('-') {
            Some(name) => (SortDirection::Descending, name),
            None => (SortDirection::Ascending, s),
        };
        SortColumn::parse(name).map(|column| Self { column, direction })
    }

    /// The URL value (see [`Self::parse`]).
    pub fn as_param(self) -> String {
        match self.direction {
            SortDirection::Ascending => self.column.as_str().to_owned(),
            SortDirection::Descending => format!("-{}", self.column.as_str()),
        }
    }

    /// The order after a click on (or Enter in) `column`'s header: the same column flips,
    /// another column starts in its [`SortColumn::first_direction`].
    pub fn clicked(self, column: SortColumn) -> Self {
        let direction = if column == self.column {
            self.direction.reversed()
        } else {
            column.first_direction()
        };
        Self { column, direction }
    }
}

/// Sorts rows by `sort`; equal values fall back to distance (nearest first), then id, so the
/// order and the pages are the same at every reload.
///
/// Fast for 100,000 rows: each row's column value is first reduced to a number (text columns
/// to their rank among the distinct values), so the sort compares small copied keys instead
/// of reaching into the vacancies at every comparison.
pub fn sort_rows(rows: &mut [DeskRow], items: &[VacancySummary], sort: TableSort) {
    let ranks = column_ranks(rows, items, sort.column);
    let descending = sort.direction == SortDirection::Descending;
    let mut keyed: Vec<(u32, u32, DeskRow)> = rows
        .iter()
        .zip(ranks)
        .map(|(row, rank)| {
            let id = items.get(row.index).map_or(u32::MAX, |v| v.id);
            (if descending { !rank } else { rank }, id, *row)
        })
        .collect();
    keyed.sort_unstable_by(|(rank_a, id_a, a), (rank_b, id_b, b)| {
        let by_km = a.km.total_cmp(&b.km);
        let primary = match (sort.column, descending) {
            (SortColumn::Distance, false) => by_km,
            (SortColumn::Distance, true) => by_km.reverse(),
            _ => rank_a.cmp(rank_b),
        };
        primary.then(by_km).then(id_a.cmp(id_b))
    });
    for (slot, (_, _, row)) in rows.iter_mut().zip(keyed) {
        *slot = row;
    }
}

/// A level's place in the Dutch column's order: a vacancy stating no level sorts after
/// every level (it may ask anything).
fn level_rank(level: Option<DutchLevel>) -> u32 {
    level.map_or(DutchLevel::ALL.len() as u32, |l| l as u32)
}

/// The text a text column sorts by; `YYYY-MM-DD` dates sort as text.
fn column_text(v: &VacancySummary, column: SortColumn) -> &str {
    match column {
        SortColumn::Occupation => v.occupation_key(),
        _ => &v.published,
    }
}

/// Each row's value in `column` as a number that sorts the same way (0 for distance, which
/// is compared as km). Text columns get their rank among the distinct values present.
fn column_ranks(rows: &[DeskRow], items: &[VacancySummary], column: SortColumn) -> Vec<u32> {
    let vacancy = |r: &DeskRow| items.get(r.index);
    match column {
        SortColumn::Distance => vec![0; rows.len()],
        SortColumn::DutchLevel => rows
            .iter()
            .map(|r| vacancy(r).map_or(0, |v| level_rank(v.dutch_level)))
            .collect(),
        SortColumn::Contract => rows
            .iter()
            .map(|r| vacancy(r).map_or(0, |v| v.contract as u32))
            .collect(),
        SortColumn::Occupation | SortColumn::Published => {
            let mut rank: HashMap<&str, u32> = rows
                .iter()
                .filter_map(vacancy)
                .map(|v| (column_text(v, column), 0))
                .collect();
            let mut distinct: Vec<&str> = rank.keys().copied().collect();
            distinct.sort_unstable();
            for (i, value) in distinct.into_iter().enumerate() {
                rank.insert(value, i as u32);
            }
            rows.iter()
                .map(|r| {
                    vacancy(r)
                        .and_then(|v| rank.get(column_text(v, column)).copied())
                        .unwrap_or(0)
                })
                .collect()
        }
    }
}

/// One page of the table, for "rows 51–100 of 1,234" and the page buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 0-based page number.
    pub index: usize,
    /// Number of pages (at least 1, so an empty table still has a page to show).
    pub count: usize,
    /// 1-based number of the first row shown; 0 when the table is empty.
    pub first_row: usize,
    /// 1-based number of the last row shown; 0 when the table is empty.
    pub last_row: usize,
    pub total_rows: usize,
}

impl Page {
    /// Page `index` of a table of `total_rows`; an index past the end (rows filtered away
    /// since) gives the last page.
    pub fn new(total_rows: usize, index: usize) -> Self {
        let count = total_rows.div_ceil(PAGE_SIZE).max(1);
        let index = index.min(count - 1);
        let start = index * PAGE_SIZE;
        let end = (start + PAGE_SIZE).min(total_rows);
        Self {
            index,
            count,
            first_row: if end > start { start + 1 } else { 0 },
            last_row: end,
            total_rows,
        }
    }

    /// The page that shows row `position` (0-based): the arrow keys cross page borders.
    pub fn containing(total_rows: usize, position: usize) -> Self {
        Self::new(total_rows, position / PAGE_SIZE)
    }

    /// The positions of this page's rows in the sorted rows.
    pub fn range(&self) -> Range<usize> {
        self.first_row.saturating_sub(1)..self.last_row
    }

    /// True when a "previous page" button has somewhere to go.
    pub fn has_previous(&self) -> bool {
        self.index > 0
    }

    /// True when a "next page" button has somewhere to go.
    pub fn has_next(&self) -> bool {
        self.index + 1 < self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ContractType;
    use crate::dutch::DutchLevel;
    use crate::fixtures::vacancy;
    use crate::geo::haversine_km;
    use crate::municipality;

    const MONS: &str = "53053";
    const TOURNAI: &str = "57081";

    fn state(towns: &[(&str, u8)]) -> DeskState {
        let mut s = DeskState::default();
        for &(nis, km) in towns {
            s.add_town(municipality::by_nis(nis).unwrap(), km).unwrap();
        }
        s
    }

    fn at(id: u32, lat: f64, lon: f64) -> VacancySummary {
        VacancySummary {
            lat,
            lon,
            ..vacancy(id)
        }
    }

    #[test]
    fn a_vacancy_in_reach_of_two_towns_is_one_row_at_the_smaller_distance() {
        let s = state(&[(MONS, 60), (TOURNAI, 60)]);
        let between = at(1, 50.55, 3.60); // nearer Tournai
        let near_mons = at(2, 50.46, 3.96);
        let far = at(3, 51.3, 4.4); // Antwerp area
        let items = [between.clone(), near_mons, far];
        let rows = desk_rows(&items, &s.search_areas(), &s.filter());
        assert_eq!(rows.len(), 2);
        let row = rows.iter().find(|r| r.index == 0).unwrap();
        let tournai = s.towns()[1].municipality.location;
        let mons = s.towns()[0].municipality.location;
        assert_eq!(row.town, 1);
        assert!((row.km - haversine_km(tournai, between.location())).abs() < 1e-9);
        assert!(row.km < haversine_km(mons, between.location()));
    }

    #[test]
    fn a_town_whose_radius_is_too_small_does_not_claim_the_vacancy() {
        let s = state(&[(MONS, 60), (TOURNAI, 5)]);
        let v = at(1, 50.55, 3.60);
        let (town, km) = s.nearest_town(v.location()).unwrap();
        assert_eq!(town.municipality.name_fr, "Mons");
        assert!(km > 5.0);
        assert_eq!(state(&[(TOURNAI, 5)]).nearest_town(v.location()), None);
    }

    #[test]
    fn rows_leave_out_what_the_filter_refuses() {
        let mut s = state(&[(MONS, 60)]);
        s.add_occupation("7212");
        let mut other = at(2, 50.46, 3.96);
        other.occupation_code = Some("5321".into());
        let items = [at(1, 50.46, 3.96), other];
        let rows = desk_rows(&items, &s.search_areas(), &s.filter());
        assert_eq!(rows.iter().map(|r| r.index).collect::<Vec<_>>(), [0]);
    }

    fn row(index: usize, km: f64) -> DeskRow {
        DeskRow { index, town: 0, km }
    }

    fn sorted_ids(items: &[VacancySummary], rows: &[DeskRow], sort: TableSort) -> Vec<u32> {
        let mut rows = rows.to_vec();
        sort_rows(&mut rows, items, sort);
        rows.iter().map(|r| items[r.index].id).collect()
    }

    fn by(column: SortColumn, direction: SortDirection) -> TableSort {
        TableSort { column, direction }
    }

    #[test]
    fn each_column_sorts_both_ways_with_distance_then_id_breaking_ties() {
        let mut items: Vec<VacancySummary> = (1..=4).map(vacancy).collect();
        items[0].dutch_level = Some(DutchLevel::Good);
        items[0].published = "2026-10-01".into();
        items[0].contract = ContractType::Interim;
        items[0].occupation_code = Some("9999".into());
        items[3].dutch_level = Some(DutchLevel::None);
        items[3].published = "2026-12-01".into();
        items[3].occupation_code = Some("1111".into());
        // ids 2 and 3 are equal in every column but distance: 3 is nearer.
        let rows = [row(0, 10.0), row(1, 30.0), row(2, 20.0), row(3, 40.0)];
        use SortColumn as C;
        use SortDirection::{Ascending as Asc, Descending as Desc};
        assert_eq!(
            sorted_ids(&items, &rows, by(C::Distance, Asc)),
            [1, 3, 2, 4]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::Distance, Desc)),
            [4, 2, 3, 1]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::DutchLevel, Asc)),
            [4, 3, 2, 1]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::DutchLevel, Desc)),
            [1, 3, 2, 4]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::Occupation, Asc)),
            [4, 3, 2, 1]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::Contract, Desc)),
            [1, 3, 2, 4]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::Published, Desc)),
            [4, 3, 2, 1]
        );
        assert_eq!(
            sorted_ids(&items, &rows, by(C::Published, Asc)),
            [1, 3, 2, 4]
        );
    }

    #[test]
    fn rows_equal_in_everything_are_ordered_by_id_whatever_the_load_order() {
        let items: Vec<VacancySummary> = [9, 4, 7].into_iter().map(vacancy).collect();
        let rows = [row(0, 10.0), row(1, 10.0), row(2, 10.0)];
        let mut reversed = rows;
        reversed.reverse();
        for sort in SortColumn::ALL.map(|c| by(c, SortDirection::Descending)) {
            assert_eq!(sorted_ids(&items, &rows, sort), [4, 7, 9]);
            assert_eq!(sorted_ids(&items, &reversed, sort), [4, 7, 9]);
        }
    }

    #[test]
    fn a_header_click_flips_the_same_column_and_starts_another_in_its_first_direction() {
        let nearest = TableSort::default();
        let farthest = nearest.clicked(SortColumn::Distance);
        assert_eq!(farthest.direction, SortDirection::Descending);
        let newest = farthest.clicked(SortColumn::Published);
        assert_eq!(newest.as_param(), "-published");
        assert_eq!(newest.direction.aria_sort(), "descending");
        assert_eq!(
            newest.clicked(SortColumn::Published).as_param(),
            "published"
        );
        for column in SortColumn::ALL {
            for direction in [SortDirection::Ascending, SortDirection::Descending] {
                let sort = by(column, direction);
                assert_eq!(TableSort::parse(&sort.as_param()), Some(sort));
            }
        }
        assert_eq!(TableSort::parse("--distance"), None);
    }

    #[test]
    fn pages_hold_fifty_rows_and_name_their_first_and_last_row() {
        let second = Page::new(1_234, 1);
        assert_eq!(
            (second.first_row, second.last_row, second.total_rows),
            (51, 100, 1_234)
        );
        assert_eq!(second.range(), 50..100);
        assert_eq!(second.count, 25);
        let last = Page::new(1_234, 24);
        assert_eq!((last.first_row, last.last_row), (1_201, 1_234));
        assert!(last.has_previous() && !last.has_next());
        assert_eq!(Page::new(1_234, 99), last, "past the end: the last page");
        assert_eq!(Page::containing(1_234, 50).index, 1);
        assert_eq!(Page::containing(1_234, 49).index, 0);
    }

    #[test]
    fn an_empty_table_has_one_empty_page() {
        let page = Page::new(0, 3);
        assert_eq!(
            (page.index, page.count, page.first_row, page.last_row),
            (0, 1, 0, 0)
        );
        assert!(page.range().is_empty());
        assert!(!page.has_previous() && !page.has_next());
    }

    /// The fast path (index rows, unstable sort) against the obvious one (clone, stable sort).
    #[test]
    fn sorting_rows_matches_a_plain_sort_of_the_vacancies() {
        let mut seed: u64 = 7;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        let items: Vec<VacancySummary> = (1..=500)
            .map(|id| VacancySummary {
                dutch_level: Some(DutchLevel::ALL[next(6) as usize]),
                published: format!("2026-1{}-0{}", next(3), 1 + next(9)).into(),
                occupation_code: Some(format!("{}", 1000 + next(5)).into()),
                contract: ContractType::ALL[next(4) as usize],
                ..vacancy(id)
            })
            .collect();
        let rows: Vec<DeskRow> = (0..items.len()).map(|i| row(i, next(20) as f64)).collect();
        for column in SortColumn::ALL {
            for direction in [SortDirection::Ascending, SortDirection::Descending] {
                let sort = by(column, direction);
                let mut plain: Vec<(VacancySummary, f64)> = rows
                    .iter()
                    .map(|r| (items[r.index].clone(), r.km))
                    .collect();
                plain.sort_by(|(a, ka), (b, kb)| {
                    let key = match column {
                        SortColumn::Distance => ka.total_cmp(kb),
                        SortColumn::DutchLevel => a.dutch_level.cmp(&b.dutch_level),
                        SortColumn::Occupation => a.occupation_code.cmp(&b.occupation_code),
                        SortColumn::Contract => ContractType::ALL
                            .iter()
                            .position(|c| *c == a.contract)
                            .cmp(&ContractType::ALL.iter().position(|c| *c == b.contract)),
                        SortColumn::Published => a.published.cmp(&b.published),
                    };
                    let key = if direction == SortDirection::Descending {
                        key.reverse()
                    } else {
                        key
                    };
                    key.then(ka.total_cmp(kb)).then(a.id.cmp(&b.id))
                });
                let expected: Vec<u32> = plain.iter().map(|(v, _)| v.id).collect();
                assert_eq!(sorted_ids(&items, &rows, sort), expected, "{sort:?}");
            }
        }
    }
}
