//! The filtered, distance-sorted rows that the list, the map and the counts all show.
//!
//! Kept up to date incrementally: while pages arrive only the new vacancies are filtered; a
//! change of filters (or a new load) filters everything once.

use super::loader::LoadState;
use passerelle_core::api::VacancySummary;
use passerelle_core::vacancy_index::IndexQuery;
use passerelle_core::view_state::ViewState;
use passerelle_core::FitClass;

/// One vacancy that passes the filters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into the load's vacancies.
    pub index: usize,
    /// Distance to the nearest home point.
    pub distance_km: f64,
    /// 0 within my level, 1 one above, 2 beyond, 3 my level unknown.
    pub class: FitClass,
}

/// The part of the view state that changes which rows are shown (not the selection or language).
#[derive(Debug, Clone, PartialEq)]
pub struct FilterKey(ViewState);

impl FilterKey {
    pub fn of(state: &ViewState) -> Self {
        FilterKey(ViewState {
            vacancy: None,
            applying: false,
            lang: None,
            ..state.clone()
        })
    }
}

/// The rows of one load under one set of filters.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// The load these rows index into (see `LoadState::generation`).
    generation: u64,
    key: Option<FilterKey>,
    /// How many of the load's vacancies have been looked at.
    scanned: usize,
    pub rows: Vec<Row>,
}

impl Rows {
    /// The rows for `load` under `key`, reusing `previous` when only new vacancies arrived.
    /// Returns whether anything changed.
    ///
    /// Reads the load's index: distances from the load's areas' centres, worked out as pages
    /// landed, and the vacancies' text folded once.
    pub fn update(previous: Option<Rows>, load: &LoadState, key: &FilterKey) -> (Rows, bool) {
        let (mut rows, fresh) = match previous {
            Some(p) if p.generation == load.generation && p.key.as_ref() == Some(key) => (p, false),
            _ => (
                Rows {
                    generation: load.generation,
                    key: Some(key.clone()),
                    scanned: 0,
                    rows: Vec::new(),
                },
                true,
            ),
        };
        let loaded = &load.vacancies;
        if rows.scanned == loaded.len() && !fresh {
            return (rows, false);
        }
        let state = &key.0;
        let filter = state.filter();
        let query = IndexQuery::new(&filter);
        let before = rows.rows.len();
        let my_level = state.dutch.level();
        rows.rows.extend(
            loaded
                .index()
                .select(
                    loaded.items(),
                    rows.scanned,
                    f64::from(state.radius_km),
                    &query,
                )
                .map(|hit| Row {
                    index: hit.index,
                    distance_km: hit.home_km,
                    class: FitClass::of_vacancy(hit.level, my_level),
                }),
        );
        rows.scanned = loaded.len();
        // One area's pages arrive nearest first; several areas interleave and need a sort.
        if !rows
            .rows
            .is_sorted_by(|a, b| a.distance_km <= b.distance_km)
        {
            rows.rows.sort_unstable_by(|a, b| {
                a.distance_km
                    .total_cmp(&b.distance_km)
                    .then(a.index.cmp(&b.index))
            });
        }
        let changed = fresh || rows.rows.len() != before;
        (rows, changed)
    }

    /// The vacancy a row points at, if the row belongs to this load.
    pub fn vacancy<'a>(&self, load: &'a LoadState, row: &Row) -> Option<&'a VacancySummary> {
        self.is_of(load)
            .then(|| load.vacancies.items().get(row.index))
            .flatten()
    }

    /// True when these rows index into this load (and not the previous town's).
    pub fn is_of(&self, load: &LoadState) -> bool {
        self.generation == load.generation
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The filters these rows passed, and the load they come from: both stay the same while
    /// pages arrive and change when the person changes a filter or the town.
    pub fn filtered_by(&self) -> (u64, Option<&FilterKey>) {
        (self.generation, self.key.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::filter::SearchArea;
    use passerelle_core::loading::{CheckedPage, LoadedVacancies};
    use passerelle_core::view_state::{MyDutch, Reach};
    use passerelle_core::{haversine_km, municipality, DutchLevel, LatLon};

    fn mons() -> &'static passerelle_core::Municipality {
        municipality::by_nis("53053").expect("Mons")
    }

    fn pages(count: u32, per_page: usize) -> Vec<CheckedPage> {
        passerelle_core::fixtures::pages_around(mons().location, count, per_page)
    }

    fn key(dutch: MyDutch, keyword: &str, radius_km: u8) -> FilterKey {
        FilterKey::of(&ViewState {
            town: Some(mons()),
            dutch,
            reach: Reach::WithCourse,
            radius_km,
            keyword: keyword.into(),
            ..ViewState::default()
        })
    }

    fn homes() -> Vec<SearchArea> {
        vec![SearchArea::new(mons().location, 60.0)]
    }

    fn ids(rows: &Rows, load: &LoadState) -> Vec<u32> {
        rows.rows
            .iter()
            .map(|r| rows.vacancy(load, r).expect("row of this load").id)
            .collect()
    }

    #[test]
    fn rows_built_page_by_page_equal_rows_built_from_everything_at_once() {
        for key in [
            key(MyDutch::Level(DutchLevel::Basic), "", 60),
            key(MyDutch::Unknown, "lasser", 40),
            key(MyDutch::Level(DutchLevel::None), "", 25),
        ] {
            let mut load = LoadState {
                vacancies: LoadedVacancies::new(homes()),
                generation: 1,
                ..LoadState::default()
            };
            let mut incremental = None;
            for page in pages(2_000, 300) {
                load.vacancies.accept(0, page).expect("well-formed page");
                incremental = Some(Rows::update(incremental, &load, &key).0);
            }
            let incremental = incremental.expect("some pages");
            let at_once = Rows::update(None, &load, &key).0;
            assert_eq!(ids(&incremental, &load), ids(&at_once, &load));
            assert!(!incremental.rows.is_empty());
            assert!(incremental
                .rows
                .windows(2)
                .all(|w| w[0].distance_km <= w[1].distance_km));
        }
    }

    #[test]
    fn a_filter_change_filters_everything_again() {
        let mut load = LoadState {
            vacancies: LoadedVacancies::new(homes()),
            generation: 1,
            ..LoadState::default()
        };
        for page in pages(500, 100) {
            load.vacancies.accept(0, page).expect("well-formed page");
        }
        let all = key(MyDutch::Unknown, "", 60);
        let near = key(MyDutch::Unknown, "", 10);
        let (wide, _) = Rows::update(None, &load, &all);
        let (narrow, changed) = Rows::update(Some(wide.clone()), &load, &near);
        assert!(changed);
        assert!(narrow.len() < wide.len());
        assert!(narrow.rows.iter().all(|r| r.distance_km <= 10.0));
        let (_, unchanged) = Rows::update(Some(narrow), &load, &near);
        assert!(
            !unchanged,
            "no new page and the same filters: nothing to redraw"
        );
    }

    #[test]
    fn rows_of_an_older_load_point_at_nothing_in_a_newer_one() {
        // Regression guard: a row index of the previous town must never reach into the next
        // town's vacancies (it would show the wrong vacancy, or panic past the end).
        let mut old = LoadState {
            vacancies: LoadedVacancies::new(homes()),
            generation: 1,
            ..LoadState::default()
        };
        old.vacancies
            .accept(0, pages(50, 50).remove(0))
            .expect("well-formed page");
        let k = key(MyDutch::Unknown, "", 60);
        let (rows, _) = Rows::update(None, &old, &k);
        let newer = LoadState {
            vacancies: LoadedVacancies::new(homes()),
            generation: 2,
            ..LoadState::default()
        };
        assert!(rows.vacancy(&newer, &rows.rows[0]).is_none());
        let (renewed, changed) = Rows::update(Some(rows), &newer, &k);
        assert!(changed && renewed.len() == 0);
    }

    #[test]
    fn with_two_homes_a_row_takes_the_distance_to_the_nearer() {
        let far_home = SearchArea::new(LatLon::new(50.61, 3.39), 60.0);
        let mut load = LoadState {
            vacancies: LoadedVacancies::new([far_home, homes()[0]]),
            generation: 1,
            ..LoadState::default()
        };
        load.vacancies
            .accept(0, pages(1, 1).remove(0))
            .expect("well-formed page");
        let v = load.vacancies.items()[0].clone();
        let (rows, _) = Rows::update(None, &load, &key(MyDutch::Unknown, "", 60));
        let d_mons = haversine_km(mons().location, v.location());
        let d_far = haversine_km(far_home.centre, v.location());
        assert_eq!(rows.rows[0].distance_km, d_mons.min(d_far));
    }
}
