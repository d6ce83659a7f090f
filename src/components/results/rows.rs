//! The filtered, distance-sorted rows that both the list and the map show.

use super::loader::Loaded;
use passerelle_core::api::VacancySummary;
use passerelle_core::view_state::{fit_class, ViewState};
use passerelle_core::{haversine_km, Municipality};
use std::sync::Arc;

/// One vacancy that passes the filters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into the loaded items.
    pub index: usize,
    pub distance_km: f64,
    /// 0 within my level, 1 one above, 2 beyond, 3 level unknown.
    pub class: u8,
}

/// The rows and the items they point into, compared by identity (see `Loaded`).
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub items: Arc<Vec<VacancySummary>>,
    pub rows: Arc<Vec<Row>>,
}

impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.items, &other.items) && Arc::ptr_eq(&self.rows, &other.rows)
    }
}

impl Rows {
    pub fn get(&self, row: &Row) -> &VacancySummary {
        &self.items[row.index]
    }
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

/// Applies the view's filters to the loaded vacancies. They arrive nearest first, so the
/// result stays sorted by distance.
pub fn filter_rows(loaded: &Loaded, key: &FilterKey, town: Option<&Municipality>) -> Rows {
    let state = &key.0;
    let filter = state.filter();
    let prepared = filter.prepare();
    let rows = loaded
        .items
        .iter()
        .enumerate()
        .filter_map(|(index, v)| {
            let distance_km = v
                .distance_km
                .or_else(|| town.map(|t| haversine_km(t.location, v.location())))?;
            state.shows(&prepared, v, distance_km).then(|| Row {
                index,
                distance_km,
                class: fit_class(v.dutch_level, state.dutch),
            })
        })
        .collect();
    Rows {
        items: Arc::clone(&loaded.items),
        rows: Arc::new(rows),
    }
}
