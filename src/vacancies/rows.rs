//! The filtered, distance-sorted rows that the list, the map and the counts all show.
//!
//! Kept up to date incrementally: while pages arrive only the new vacancies are filtered; a
//! change of filters (or a new load) filters everything once.

use super::loader::LoadState;
use passerelle_core::api::VacancySummary;
use passerelle_core::filter::SearchArea;
use passerelle_core::haversine_km;
use passerelle_core::view_state::{fit_class, ViewState};

/// One vacancy that passes the filters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into the load's vacancies.
    pub index: usize,
    /// Distance to the nearest home point.
    pub distance_km: f64,
    /// 0 within my level, 1 one above, 2 beyond, 3 my level unknown.
    pub class: u8,
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
    pub fn update(
        previous: Option<Rows>,
        load: &LoadState,
        key: &FilterKey,
        homes: &[SearchArea],
    ) -> (Rows, bool) {
        let mut rows = match previous {
            Some(p) if p.generation == load.generation && p.key.as_ref() == Some(key) => p,
            previous => {
                let was_empty = previous.as_ref().is_none_or(|p| p.rows.is_empty());
                let fresh = Rows {
                    generation: load.generation,
                    key: Some(key.clone()),
                    scanned: 0,
                    rows: Vec::new(),
                };
                // A new empty answer replacing an empty one is no change.
                if was_empty && load.vacancies.is_empty() {
                    return (fresh, previous.is_none());
                }
                fresh
            }
        };
        let new = load.vacancies.since(rows.scanned);
        if new.is_empty() && rows.scanned > 0 {
            return (rows, false);
        }
        let state = &key.0;
        let filter = state.filter();
        let prepared = filter.prepare();
        let start = rows.scanned;
        let before = rows.rows.len();
        rows.rows
            .extend(new.iter().enumerate().filter_map(|(offset, v)| {
                let distance_km = distance_to_nearest(homes, v)?;
                state.shows(&prepared, v, distance_km).then(|| Row {
                    index: start + offset,
                    distance_km,
                    class: fit_class(v.dutch_level, state.dutch),
                })
            }));
        rows.scanned = load.vacancies.len();
        // One area's pages arrive nearest first; several areas interleave and need a sort.
        if !rows
            .rows
            .is_sorted_by(|a, b| a.distance_km <= b.distance_km)
        {
            rows.rows.sort_by(|a, b| {
                a.distance_km
                    .total_cmp(&b.distance_km)
                    .then(a.index.cmp(&b.index))
            });
        }
        let changed = rows.rows.len() != before || start == 0;
        (rows, changed)
    }

    /// The vacancy a row points at, if the row belongs to this load.
    pub fn vacancy<'a>(&self, load: &'a LoadState, row: &Row) -> Option<&'a VacancySummary> {
        (self.generation == load.generation)
            .then(|| load.vacancies.items().get(row.index))
            .flatten()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }
}

/// The distance from the nearest home point, `None` when it lies outside every area.
fn distance_to_nearest(homes: &[SearchArea], v: &VacancySummary) -> Option<f64> {
    let location = v.location();
    homes
        .iter()
        .map(|home| haversine_km(home.centre, location))
        .filter(|d| d.is_finite())
        .min_by(f64::total_cmp)
}
