//! Grid clustering of map points by zoom level, so the map hands Leaflet a few hundred marks
//! instead of one layer per vacancy (25,000 Leaflet circleMarkers cost ~370 ms to draw).
//!
//! Points are projected to Web Mercator pixels at the map's zoom (as Leaflet does) and bucketed
//! into square cells; a cell with one point is drawn as that point, a fuller one as a cluster.

use crate::geo::{BoundingBox, LatLon};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Leaflet's tile size: the world is `256 · 2^zoom` pixels wide.
const TILE_SIZE: f64 = 256.0;
/// How many point classes a mark counts: one per [`crate::FitClass`].
pub const CLASSES: usize = crate::FitClass::ALL.len();
/// Web Mercator's latitude limit.
const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// A point to cluster: its position and a small class (e.g. the Dutch-level fit) to count per cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterInput {
    /// Its Web Mercator position at zoom 0 in world widths ([`world`]), worked out once: every
    /// pan and zoom clusters all points again, and the projection's logarithm and tangent
    /// were most of that work. The only position kept: the map builds one input per vacancy
    /// shown on every filter change, and a second copy in degrees made each twice the size.
    pub world: (f64, f64),
    /// 0 to `CLASSES - 1`; anything larger counts as the last class.
    pub class: u8,
}

impl ClusterInput {
    pub fn new(location: LatLon, class: u8) -> Self {
        Self {
            world: world(location),
            class,
        }
    }

    /// Its position in degrees (within 1e-9° of the one it was made from).
    pub fn location(&self) -> LatLon {
        unproject(self.world)
    }
}

/// One mark to draw: a single point (`count == 1`) or a cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The mean position of the members.
    pub centre: LatLon,
    pub count: u32,
    /// Members per class.
    pub by_class: [u32; CLASSES],
    /// The index (in the input) of the member nearest the start of the input; for a single point, the point.
    pub first: usize,
}

impl Mark {
    /// The class most members share (ties go to the lower class).
    pub fn dominant_class(&self) -> u8 {
        let mut best = 0;
        for class in 1..CLASSES {
            if self.by_class[class] > self.by_class[best] {
                best = class;
            }
        }
        best as u8
    }
}

/// Web Mercator pixel coordinates of a point at a zoom level.
pub fn project(p: LatLon, zoom: f64) -> (f64, f64) {
    at_scale(world(p), scale(zoom))
}

/// Web Mercator coordinates of a point in world widths (0 to 1): its pixels at any zoom are
/// these times the world's width in pixels.
pub fn world(p: LatLon) -> (f64, f64) {
    let lat = p.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The position at Web Mercator coordinates in world widths: the inverse of [`world`].
pub fn unproject((x, y): (f64, f64)) -> LatLon {
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    LatLon::new(lat, x * 360.0 - 180.0)
}

/// The world's width in pixels at a zoom level.
fn scale(zoom: f64) -> f64 {
    TILE_SIZE * 2f64.powf(zoom)
}

fn at_scale((x, y): (f64, f64), scale: f64) -> (f64, f64) {
    (x * scale, y * scale)
}

/// Clusters the points that lie in `view` into cells of `cell_px` pixels at `zoom`.
///
/// Marks come out in a stable order (by cell, row-major), so redraws do not shuffle. The
/// points may be anything holding a [`ClusterInput`] (the map's own points, with no copy).
pub fn cluster<P: Borrow<ClusterInput>>(
    points: &[P],
    zoom: f64,
    view: &BoundingBox,
    cell_px: f64,
) -> Vec<Mark> {
    struct Cell {
        sum_x: f64,
        sum_y: f64,
        count: u32,
        by_class: [u32; CLASSES],
        first: usize,
    }
    let scale = scale(zoom);
    // The view in world widths: Web Mercator keeps the order of longitudes, and reverses that
    // of latitudes (y grows southwards).
    let (west, south) = world(view.min);
    let (east, north) = world(view.max);
    let mut cells: HashMap<(i64, i64), Cell, BuildHasherDefault<CellHasher>> = HashMap::default();
    for (i, p) in points.iter().enumerate() {
        let p: &ClusterInput = p.borrow();
        let (wx, wy) = p.world;
        if !((west..=east).contains(&wx) && (north..=south).contains(&wy)) {
            continue;
        }
        let (x, y) = at_scale(p.world, scale);
        let key = ((x / cell_px).floor() as i64, (y / cell_px).floor() as i64);
        let cell = cells.entry(key).or_insert(Cell {
            sum_x: 0.0,
            sum_y: 0.0,
            count: 0,
            by_class: [0; CLASSES],
            first: i,
        });
        cell.sum_x += wx;
        cell.sum_y += wy;
        cell.count += 1;
        cell.by_class[usize::from(p.class).min(CLASSES - 1)] += 1;
    }
    let mut marks: Vec<((i64, i64), Mark)> = cells
        .into_iter()
        .map(|(key, c)| {
            let n = f64::from(c.count);
            // The members' mean on the screen (Mercator is all but linear across a cell).
            let centre = if c.count == 1 {
                points[c.first].borrow().location()
            } else {
                unproject((c.sum_x / n, c.sum_y / n))
            };
            (
                key,
                Mark {
                    centre,
                    count: c.count,
                    by_class: c.by_class,
                    first: c.first,
                },
            )
        })
        .collect();
    marks.sort_by_key(|(key, _)| (key.1, key.0));
    marks.into_iter().map(|(_, m)| m).collect()
}

/// Merges marks whose centres lie closer than `min_px` pixels at `zoom`, so that no two drawn
/// marks cover each other's counts. Grid cells alone cannot promise that: two clusters in
/// neighbouring cells may sit a few pixels apart at the cells' common edge.
///
/// The biggest marks keep their place and absorb the smaller ones near them, so the result's
/// marks are at least `min_px` apart and every point is still counted once.
pub fn separate(marks: Vec<Mark>, zoom: f64, min_px: f64) -> Vec<Mark> {
    let n = marks.len();
    let at: Vec<(f64, f64)> = marks.iter().map(|m| project(m.centre, zoom)).collect();
    let cell = |(x, y): (f64, f64)| ((x / min_px).floor() as i64, (y / min_px).floor() as i64);
    let mut by_size: Vec<usize> = (0..n).collect();
    by_size.sort_by(|&a, &b| marks[b].count.cmp(&marks[a].count).then(a.cmp(&b)));
    // `kept_in[i]`: the mark that mark i is drawn as (itself when it stays).
    let mut kept_in = vec![usize::MAX; n];
    let mut kept_by_cell: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for &i in &by_size {
        let (cx, cy) = cell(at[i]);
        let near = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (cx + dx, cy + dy)))
            .filter_map(|key| kept_by_cell.get(&key))
            .flatten()
            .copied()
            .find(|&k| {
                let (dx, dy) = (at[k].0 - at[i].0, at[k].1 - at[i].1);
                dx * dx + dy * dy < min_px * min_px
            });
        match near {
            Some(k) => kept_in[i] = k,
            None => {
                kept_in[i] = i;
                kept_by_cell.entry((cx, cy)).or_default().push(i);
            }
        }
    }
    let mut merged: Vec<Option<Mark>> = marks.into_iter().map(Some).collect();
    for i in 0..n {
        let k = kept_in[i];
        if k == i {
            continue;
        }
        let Some(absorbed) = merged[i].take() else {
            continue;
        };
        if let Some(keeper) = merged[k].as_mut() {
            keeper.count += absorbed.count;
            for (sum, add) in keeper.by_class.iter_mut().zip(absorbed.by_class) {
                *sum += add;
            }
            keeper.first = keeper.first.min(absorbed.first);
        }
    }
    merged.into_iter().flatten().collect()
}

/// A hasher for grid cells: every pan and zoom puts each point in view into a cell, and the
/// standard library's DoS-resistant hash costs more than the cell arithmetic. Cell keys come
/// from our own arithmetic, not from anyone's input, so a multiplicative hash is enough (the
/// vacancy index hashes addresses with it, for the same reason).
/// (With positions projected once, 100k points at zoom 9: 10.2 → 1.3 ms, `cargo bench -p
/// passerelle-core --bench filter -- cluster`.)
#[derive(Default)]
pub(crate) struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        // FxHash's step (rustc's own hasher).
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(lat: f64, lon: f64, class: u8) -> ClusterInput {
        ClusterInput::new(LatLon::new(lat, lon), class)
    }

    fn belgium() -> BoundingBox {
        BoundingBox {
            min: LatLon::new(49.0, 2.0),
            max: LatLon::new(52.0, 7.0),
        }
    }

    #[test]
    fn unproject_undoes_world_across_the_map() {
        for lat in [-85.0, -50.0, 0.0, 1e-7, 49.5, 50.846_74, 51.5, 85.0] {
            for lon in [-180.0, -3.7, 0.0, 2.545_21, 6.4, 179.999] {
                let back = unproject(world(LatLon::new(lat, lon)));
                assert!(
                    (back.lat - lat).abs() < 1e-9 && (back.lon - lon).abs() < 1e-9,
                    "{lat}, {lon} came back as {back:?}"
                );
            }
        }
    }

    #[test]
    fn a_point_on_the_views_edge_is_in_view() {
        let view = belgium();
        let points = [
            input(view.min.lat, view.min.lon, 0),
            input(view.max.lat, view.max.lon, 0),
            input(view.max.lat + 1e-6, 4.0, 0),
            input(50.0, view.min.lon - 1e-6, 0),
        ];
        let marks = cluster(&points, 12.0, &view, 60.0);
        assert_eq!(marks.iter().map(|m| m.count).sum::<u32>(), 2, "{marks:?}");
    }

    #[test]
    fn projection_matches_leaflet_at_zoom_zero() {
        let (x, y) = project(LatLon::new(0.0, 0.0), 0.0);
        assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
        let (x, _) = project(LatLon::new(0.0, 180.0), 1.0);
        assert!((x - 512.0).abs() < 1e-9);
    }

    #[test]
    fn nearby_points_merge_at_low_zoom_and_split_at_high_zoom() {
        let points = [
            input(50.85, 4.35, 0),
            input(50.851, 4.351, 1),
            input(50.70, 4.60, 2),
        ];
        let low = cluster(&points, 7.0, &belgium(), 60.0);
        assert!(low.len() < 3, "{low:?}");
        assert_eq!(low.iter().map(|m| m.count).sum::<u32>(), 3);
        let high = cluster(&points, 18.0, &belgium(), 60.0);
        assert_eq!(high.len(), 3);
        assert!(high.iter().all(|m| m.count == 1));
    }

    #[test]
    fn counts_per_class_are_kept_and_a_single_keeps_its_exact_position() {
        let points = [
            input(50.85, 4.35, 0),
            input(50.8501, 4.3501, 2),
            input(50.8502, 4.3502, 2),
            input(50.8503, 4.3503, 4),
        ];
        let marks = cluster(&points, 8.0, &belgium(), 60.0);
        assert_eq!(marks.len(), 1);
        assert_eq!(
            marks[0].by_class,
            [1, 0, 2, 0, 1],
            "an offer stating no level counts in its own class"
        );
        assert_eq!(marks[0].dominant_class(), 2);
        let single = cluster(&points[..1], 8.0, &belgium(), 60.0);
        let (centre, exact) = (single[0].centre, LatLon::new(50.85, 4.35));
        assert!(
            (centre.lat - exact.lat).abs() < 1e-9 && (centre.lon - exact.lon).abs() < 1e-9,
            "{centre:?}"
        );
        assert_eq!(single[0].first, 0);
    }

    #[test]
    fn points_outside_the_view_are_left_out() {
        let points = [input(50.85, 4.35, 0), input(40.0, -3.7, 0)];
        let marks = cluster(&points, 6.0, &belgium(), 60.0);
        assert_eq!(marks.iter().map(|m| m.count).sum::<u32>(), 1);
    }

    #[test]
    fn output_order_is_stable_between_runs() {
        let points: Vec<_> = (0..500)
            .map(|i| {
                input(
                    50.0 + f64::from(i % 25) * 0.05,
                    3.0 + f64::from(i / 25) * 0.1,
                    0,
                )
            })
            .collect();
        assert_eq!(
            cluster(&points, 9.0, &belgium(), 50.0),
            cluster(&points, 9.0, &belgium(), 50.0)
        );
    }

    #[test]
    fn separated_marks_never_cover_each_other_and_every_point_is_counted_once() {
        // Regression: clusters in neighbouring grid cells were drawn on top of each other.
        let points: Vec<_> = (0..3_000u32)
            .map(|i| {
                let a = f64::from(i.wrapping_mul(2_654_435_761) % 10_000) / 10_000.0;
                let b = f64::from(i.wrapping_mul(40_503) % 10_000) / 10_000.0;
                input(50.4 + a * 0.9, 3.0 + b * 2.5, (i % 5) as u8)
            })
            .collect();
        for zoom in [8.0, 9.0, 10.0, 12.0] {
            let marks = separate(cluster(&points, zoom, &belgium(), 56.0), zoom, 46.0);
            let at: Vec<_> = marks.iter().map(|m| project(m.centre, zoom)).collect();
            for (i, a) in at.iter().enumerate() {
                for b in &at[i + 1..] {
                    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    assert!(d >= 46.0, "two marks {d:.1} px apart at zoom {zoom}");
                }
            }
            assert_eq!(marks.iter().map(|m| m.count).sum::<u32>(), 3_000);
            let per_class = marks.iter().fold([0u32; CLASSES], |mut acc, m| {
                for (sum, add) in acc.iter_mut().zip(m.by_class) {
                    *sum += add;
                }
                acc
            });
            assert_eq!(per_class, [600; CLASSES]);
        }
    }

    #[test]
    fn marks_far_apart_are_left_as_they_are() {
        let points = [input(50.85, 4.35, 0), input(50.70, 4.60, 2)];
        let marks = cluster(&points, 12.0, &belgium(), 56.0);
        assert_eq!(separate(marks.clone(), 12.0, 46.0), marks);
    }
}
