//! Weighted random choice over a fixed table (a cumulative sum and a binary search).

use rand::Rng;

/// Items with integer weights; zero-weight items are never picked.
pub struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Copy> Weighted<T> {
    /// Panics on an empty table or one whose weights are all zero: both are generator bugs.
    pub fn new(items: impl IntoIterator<Item = (T, u32)>) -> Self {
        let mut total = 0u64;
        let (items, cumulative): (Vec<T>, Vec<u64>) = items
            .into_iter()
            .map(|(item, w)| {
                total += u64::from(w);
                (item, total)
            })
            .unzip();
        assert!(total > 0, "a weighted table needs a positive total weight");
        Self { items, cumulative }
    }

    pub fn pick(&self, rng: &mut impl Rng) -> T {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let ticket = rng.random_range(0..total);
        let index = self.cumulative.partition_point(|&c| c <= ticket);
        self.items[index]
    }
}
