//! The sorted results of recent searches, so following `next` through a large result costs a
//! slice per page instead of a new search per page.
//!
//! Single-flight: the first miss for a query puts an empty cell in the cache and computes it on
//! the blocking pool; identical requests arriving meanwhile wait on that cell instead of
//! searching again, so a burst of identical first pages costs one search.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// The ids and distances of one search's matches, nearest first.
pub type SortedMatches = Arc<Vec<(u32, f64)>>;

type Slot = Arc<OnceCell<SortedMatches>>;

/// Why a search could not be computed: the search panicked (or the runtime is shutting down).
#[derive(Debug, thiserror::Error)]
#[error("the search task failed: {0}")]
pub struct ComputeFailed(String);

/// A small least-recently-used cache keyed by query fingerprint.
pub struct ResultCache {
    capacity: usize,
    /// Most recently used last. A slot may still be empty while its search runs.
    entries: Mutex<VecDeque<(u64, Slot)>>,
    computations: AtomicU64,
}

impl ResultCache {
    /// Sixteen searches of 200,000 matches stay under 60 MB.
    pub const DEFAULT_CAPACITY: usize = 16;

    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(VecDeque::with_capacity(capacity)),
            computations: AtomicU64::new(0),
        }
    }

    /// The cached matches for `key`, or `compute`'s, run once on the blocking pool however many
    /// callers miss at the same time. A failed computation leaves the slot empty, so the next
    /// caller tries again.
    pub async fn get_or_compute<F>(
        &self,
        key: u64,
        compute: F,
    ) -> Result<SortedMatches, ComputeFailed>
    where
        F: FnOnce() -> Vec<(u32, f64)> + Send + 'static,
    {
        let slot = self.slot(key);
        slot.get_or_try_init(|| async {
            self.computations.fetch_add(1, Ordering::Relaxed);
            tokio::task::spawn_blocking(compute)
                .await
                .map(Arc::new)
                .map_err(|e| ComputeFailed(e.to_string()))
        })
        .await
        .cloned()
    }

    /// How many searches this cache has started (hits and shared waits start none).
    pub fn computations(&self) -> u64 {
        self.computations.load(Ordering::Relaxed)
    }

    /// How many callers are waiting on or holding `key`'s slot right now (0 if it is not cached).
    pub fn sharers(&self, key: u64) -> usize {
        let entries = self.lock();
        entries
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(0, |(_, slot)| Arc::strong_count(slot) - 1)
    }

    /// The slot for `key`, moved to the most recent end; a new empty one on a miss.
    fn slot(&self, key: u64) -> Slot {
        let mut entries = self.lock();
        let slot = match entries.iter().position(|(k, _)| *k == key) {
            Some(position) => entries.remove(position).map(|(_, slot)| slot),
            None => None,
        }
        .unwrap_or_default();
        entries.push_back((key, slot.clone()));
        // An evicted slot still completes for the callers holding it.
        while entries.len() > self.capacity {
            entries.pop_front();
        }
        slot
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(u64, Slot)>> {
        // A poisoned lock only means a panic elsewhere; the entries are still whole.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
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
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    async fn get(cache: &ResultCache, key: u64, value: Vec<(u32, f64)>) -> Vec<(u32, f64)> {
        cache
            .get_or_compute(key, move || value)
            .await
            .expect("computed")
            .to_vec()
    }

    #[tokio::test]
    async fn a_hit_does_not_recompute_and_the_oldest_entry_is_evicted() {
        let cache = ResultCache::new(2);
        assert_eq!(get(&cache, 1, vec![(1, 0.5)]).await, [(1, 0.5)]);
        assert_eq!(get(&cache, 1, vec![(7, 7.0)]).await, [(1, 0.5)], "cached");
        get(&cache, 2, Vec::new()).await;
        get(&cache, 3, Vec::new()).await;
        assert_eq!(
            get(&cache, 1, vec![(9, 9.0)]).await,
            [(9, 9.0)],
            "1 was evicted"
        );
        assert_eq!(cache.computations(), 4);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_misses_of_one_query_compute_it_once() {
        const CALLERS: usize = 16;
        let cache = Arc::new(ResultCache::new(4));
        let computed = Arc::new(AtomicUsize::new(0));
        // Every computation blocks until the gate opens, so all callers miss while it runs.
        let (open_gate, gate) = std::sync::mpsc::channel::<()>();
        let gate = Arc::new(Mutex::new(gate));

        let mut callers = tokio::task::JoinSet::new();
        for _ in 0..CALLERS {
            let (cache, computed, gate) = (cache.clone(), computed.clone(), gate.clone());
            callers.spawn(async move {
                cache
                    .get_or_compute(42, move || {
                        computed.fetch_add(1, Ordering::SeqCst);
                        let _ = gate.lock().map(|g| g.recv_timeout(Duration::from_secs(30)));
                        vec![(3, 1.5)]
                    })
                    .await
                    .expect("computed")
            });
        }
        // Wait (no fixed sleep) until every caller holds the one slot, then let the search end.
        tokio::time::timeout(Duration::from_secs(30), async {
            while cache.sharers(42) < CALLERS {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("all callers share one slot");
        drop(open_gate);

        while let Some(result) = callers.join_next().await {
            assert_eq!(*result.expect("caller"), [(3, 1.5)]);
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        assert_eq!(cache.computations(), 1);
    }

    #[tokio::test]
    async fn a_search_that_panics_is_an_error_and_the_next_caller_computes_again() {
        let cache = ResultCache::new(2);
        let failed = cache
            .get_or_compute(5, || panic!("search bug"))
            .await
            .map(|m| m.to_vec());
        assert!(failed.is_err());
        assert_eq!(get(&cache, 5, vec![(1, 1.0)]).await, [(1, 1.0)]);
    }
}
