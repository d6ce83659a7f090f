//! The spatial index: an R*-tree over the vacancies' coordinates narrows a search to its
//! bounding box; core's [`filter::search`] then decides, so the API and the app filter identically.

use crate::dataset::Dataset;
use passerelle_core::api::VacancySummary;
use passerelle_core::filter::{self, SearchArea, VacancyFilter};
use passerelle_core::geo::BoundingBox;
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

/// A point `[lon, lat]` carrying the vacancy's position in the dataset.
type IndexedPoint = GeomWithData<[f64; 2], u32>;

/// The dataset with its R*-tree.
pub struct VacancyIndex {
    dataset: Dataset,
    tree: RTree<IndexedPoint>,
}

impl VacancyIndex {
    pub fn new(dataset: Dataset) -> Self {
        let points = dataset
            .summaries()
            .iter()
            .zip(0u32..)
            .map(|(v, position)| GeomWithData::new([v.lon, v.lat], position))
            .collect();
        // Bulk loading builds a better-balanced tree than inserting one by one, and faster.
        let tree = RTree::bulk_load(points);
        Self { dataset, tree }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The vacancies inside `area` that pass `filter`, with their distance, nearest first
    /// (ties by id).
    pub fn search(&self, area: SearchArea, filter: &VacancyFilter) -> Vec<(&VacancySummary, f64)> {
        let bbox = BoundingBox::around(area.centre, area.radius_km);
        let envelope = AABB::from_corners([bbox.min.lon, bbox.min.lat], [bbox.max.lon, bbox.max.lat]);
        let summaries = self.dataset.summaries();
        let candidates = self
            .tree
            .locate_in_envelope(envelope)
            .filter_map(|p| summaries.get(usize::try_from(p.data).ok()?));
        filter::search(candidates, area, filter)
    }
}
