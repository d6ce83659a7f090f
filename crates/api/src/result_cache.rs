//! The sorted results of recent searches, so following `next` through a large result costs a
//! slice per page instead of a new search per page.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// The ids and distances of one search's matches, nearest first.
pub type SortedMatches = Arc<Vec<(u32, f64)>>;

/// A small least-recently-used cache keyed by query fingerprint.
pub struct ResultCache {
    capacity: usize,
    entries: Mutex<VecDeque<(u64, SortedMatches)>>,
}

impl ResultCache {
    /// Sixteen searches of 200,000 matches stay under 60 MB.
    pub const DEFAULT_CAPACITY: usize = 16;

    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(VecDeque::with_capacity(capacity)),
        }
    }

    /// The cached matches for `key`, or `compute`'s, cached. Two simultaneous misses for one key
    /// both compute; the results are equal, so that costs time, not correctness.
    pub fn get_or_compute(
        &self,
        key: u64,
        compute: impl FnOnce() -> Vec<(u32, f64)>,
    ) -> SortedMatches {
        {
            // A poisoned lock only means a panic elsewhere; the entries are still whole.
            let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(position) = entries.iter().position(|(k, _)| *k == key) {
                if let Some(hit) = entries.remove(position) {
                    let matches = hit.1.clone();
                    entries.push_back(hit);
                    return matches;
                }
            }
        }
        let matches = Arc::new(compute());
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.push_back((key, matches.clone()));
        while entries.len() > self.capacity {
            entries.pop_front();
        }
        matches
    }
}

impl Default for ResultCache {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_does_not_recompute_and_the_oldest_entry_is_evicted() {
        let cache = ResultCache::new(2);
        assert_eq!(*cache.get_or_compute(1, || vec![(1, 0.5)]), [(1, 0.5)]);
        assert_eq!(
            *cache.get_or_compute(1, || unreachable!("cached")),
            [(1, 0.5)]
        );
        cache.get_or_compute(2, Vec::new);
        cache.get_or_compute(3, Vec::new);
        assert_eq!(
            *cache.get_or_compute(1, || vec![(9, 9.0)]),
            [(9, 9.0)],
            "1 was evicted"
        );
    }
}
