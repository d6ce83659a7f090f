//! The spatial index: vacancies stored in thin latitude strips, each sorted by longitude, so the
//! vacancies of a bounding box are one contiguous slice per strip. Core's [`filter::search`]
//! then decides, so the API and the app filter identically.
//!
//! Chosen over an R-tree after measuring: with 200,000 vacancies a 60 km box holds over
//! 100,000 of them, and reading them in memory order is several times faster than following
//! tree leaves into randomly placed records.

use crate::dataset::Dataset;
use passerelle_core::api::VacancySummary;
use passerelle_core::filter::{self, SearchArea, VacancyFilter};
use passerelle_core::geo::BoundingBox;
use std::sync::{Arc, RwLock};

/// Strip height in degrees of latitude (about 1.1 km): thin enough that a box's edge strips
/// hold few vacancies outside it, thick enough that a 200 km search needs a few hundred slices.
const STRIP_DEG: f64 = 0.01;

fn strip(lat: f64) -> i64 {
    ((lat + 90.0) / STRIP_DEG).floor() as i64
}

/// The dataset, stored strip by strip.
pub struct VacancyIndex {
    dataset: Dataset,
}

impl VacancyIndex {
    pub fn new(mut dataset: Dataset) -> Self {
        // Longitudes carry five decimals, so the scaled integer orders them exactly.
        dataset.reorder_by(|v| (strip(v.lat), (v.lon * 1e5).round() as i64, v.id));
        Self { dataset }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The vacancies inside `area` that pass `filter`, with their distance, nearest first
    /// (ties by id).
    pub fn search(&self, area: SearchArea, filter: &VacancyFilter) -> Vec<(&VacancySummary, f64)> {
        filter::search(self.candidates(area), area, filter)
    }

    /// Every vacancy in the area's bounding box (and a few just outside, which core drops).
    fn candidates(&self, area: SearchArea) -> impl Iterator<Item = &VacancySummary> {
        let bbox = BoundingBox::around(area.centre, area.radius_km);
        let stored = self.dataset.summaries();
        let key = |v: &VacancySummary| (strip(v.lat), v.lon);
        (strip(bbox.min.lat.max(-90.0))..=strip(bbox.max.lat.min(90.0))).flat_map(move |row| {
            let start = stored.partition_point(|v| key(v) < (row, bbox.min.lon));
            let end = stored.partition_point(|v| key(v) <= (row, bbox.max.lon));
            stored.get(start..end).unwrap_or_default()
        })
    }
}

/// The index being served, replaced whole when a source syncs: a request takes the current
/// one and keeps it to the end, so it never sees half of one sync and half of another.
pub struct LiveIndex {
    current: RwLock<Arc<VacancyIndex>>,
}

impl LiveIndex {
    pub fn new(index: impl Into<Arc<VacancyIndex>>) -> Self {
        Self {
            current: RwLock::new(index.into()),
        }
    }

    /// The index as it is now (a cheap clone of an `Arc`).
    pub fn current(&self) -> Arc<VacancyIndex> {
        // A poisoned lock still holds a whole index: replacing is a single assignment.
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn replace(&self, index: VacancyIndex) {
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(index);
    }
}
