//! The vacancy marks: the core's grid clustering of the points in view, drawn as canvas dots
//! (single vacancies) and counted discs (clusters).

use super::js::object;
use super::MapPoint;
use leaflet::{CanvasOptions, CircleMarker, FeatureGroup, LatLng, Map};
use passerelle_core::cluster::{cluster, separate, Mark};
use passerelle_core::geo::BoundingBox;
use passerelle_core::map_labels::ScreenBox;
use passerelle_core::{FitClass, LatLon};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Cluster cell size in screen pixels: big enough to keep a few hundred marks on a laptop screen.
const CELL_PX: f64 = 56.0;
/// The widest cluster disc; marks closer than this are merged so no disc covers another's count.
const CLUSTER_MAX_PX: f64 = 46.0;
/// The cluster sizes, by count: under 10, 100, 1,000, and more.
const DISC_SIZES: [f64; 4] = [28.0, 34.0, 40.0, CLUSTER_MAX_PX];

#[wasm_bindgen]
extern "C" {
    /// The canvas the marks are drawn on (`load_leaflet.js`): Leaflet's, plus the counts.
    #[wasm_bindgen(extends = leaflet::Canvas)]
    pub type MarksCanvas;

    #[wasm_bindgen(js_namespace = L, js_name = vacancyMarksCanvas)]
    pub fn marks_canvas(options: &CanvasOptions) -> MarksCanvas;

    /// A vacancy's dot or a cluster's counted disc (`load_leaflet.js`).
    #[wasm_bindgen(extends = CircleMarker)]
    type VacancyMark;

    #[wasm_bindgen(js_namespace = L, js_name = vacancyMark)]
    fn vacancy_mark(renderer: &MarksCanvas) -> VacancyMark;

    /// Moves, restyles and recounts the mark in one redraw.
    #[wasm_bindgen(method)]
    fn place(
        this: &VacancyMark,
        lat: f64,
        lon: f64,
        look: &JsValue,
        count: u32,
        vacancy_id: Option<u32>,
    );
}

/// The vacancy marks and what they are drawn from; shared with the `moveend` handler.
pub struct Marks {
    pub map: Map,
    pub element: HtmlElement,
    /// Holds the marks; the map listens for clicks here.
    pub layer: FeatureGroup,
    canvas: MarksCanvas,
    pub points: Arc<Vec<MapPoint>>,
    pub complete: bool,
    /// The marks on the map, reused from one redraw to the next: a mark that keeps its place,
    /// look and count costs nothing, one that changes is only redrawn. Extra ones are removed.
    drawn: Vec<Drawn>,
    /// The looks a mark can take (see [`Look::index`]), shared by every mark that has it.
    looks: Vec<JsValue>,
}

/// A mark on the map and what it shows.
struct Drawn {
    mark: VacancyMark,
    at: LatLon,
    look: Look,
    count: u32,
    vacancy_id: Option<u32>,
}

/// How a mark looks: a single vacancy's dot by its fit, or a cluster's disc by the class most
/// of its vacancies share and its size.
#[derive(Clone, Copy, PartialEq)]
enum Look {
    Dot(FitClass),
    Disc { class: u8, size: u8 },
}

impl Look {
    fn of(mark: &Mark, points: &[MapPoint]) -> Self {
        if mark.count == 1 {
            Look::Dot(points[mark.first].class)
        } else {
            Look::Disc {
                class: mark.dominant_class(),
                size: disc_size(mark.count),
            }
        }
    }

    /// The position in `Marks::looks`: the dots, then the discs by class and size.
    fn index(self) -> usize {
        match self {
            Look::Dot(class) => usize::from(class.index()),
            Look::Disc { class, size } => {
                FitClass::ALL.len() + usize::from(class) * DISC_SIZES.len() + usize::from(size)
            }
        }
    }

    /// Every look, in the order of [`Look::index`].
    fn all() -> impl Iterator<Item = Look> {
        let dots = FitClass::ALL.into_iter().map(Look::Dot);
        let discs = (0..FitClass::ALL.len() as u8).flat_map(|class| {
            (0..DISC_SIZES.len() as u8).map(move |size| Look::Disc { class, size })
        });
        dots.chain(discs)
    }
}

impl Marks {
    pub fn new(map: Map, element: HtmlElement, layer: FeatureGroup, canvas: MarksCanvas) -> Self {
        let font = count_font();
        let looks = Look::all()
            .map(|look| match look {
                Look::Dot(class) => dot_style(class),
                Look::Disc { class, size } => disc_style(class, size, &font),
            })
            .collect();
        Self {
            map,
            element,
            layer,
            canvas,
            points: Arc::new(Vec::new()),
            complete: false,
            drawn: Vec::new(),
            looks,
        }
    }

    /// Redraws the marks in view; returns where the cluster discs are, for the town names to avoid.
    pub fn redraw(&mut self) -> Vec<ScreenBox> {
        let bounds = self.map.get_bounds();
        let (sw, ne) = (bounds.get_south_west(), bounds.get_north_east());
        let view = BoundingBox {
            min: LatLon::new(sw.lat(), sw.lng()),
            max: LatLon::new(ne.lat(), ne.lng()),
        };
        let zoom = self.map.get_zoom();
        let marks = separate(
            cluster(&self.points, zoom, &view, CELL_PX),
            zoom,
            CLUSTER_MAX_PX,
        );
        let mut shown: u32 = 0;
        let mut singles: u32 = 0;
        let mut discs = Vec::new();
        for (n, mark) in marks.iter().enumerate() {
            shown += mark.count;
            let look = Look::of(mark, &self.points);
            if let Look::Disc { size, .. } = look {
                let centre = LatLng::new(mark.centre.lat, mark.centre.lon);
                let at = self.map.lat_lng_to_container_point(&centre);
                discs.push(ScreenBox::centred(
                    (at.x(), at.y()),
                    DISC_SIZES[usize::from(size)],
                ));
            } else {
                singles += 1;
            }
            self.show(n, mark, look);
        }
        for unused in self.drawn.drain(marks.len().min(self.drawn.len())..) {
            self.layer.remove_layer(&unused.mark);
        }
        let _ = self
            .element
            .set_attribute("data-markers", &shown.to_string());
        let _ = self
            .element
            .set_attribute("data-singles", &singles.to_string());
        // The zoom the marks were counted at: tests wait for a zoom to be drawn, not for time.
        let _ = self.element.set_attribute("data-zoom", &zoom.to_string());
        let _ = self
            .element
            .set_attribute("data-ready", if self.complete { "true" } else { "false" });
        discs
    }

    /// Shows `mark` as the `n`th mark: the one already on the map, changed where it differs,
    /// or a new one.
    fn show(&mut self, n: usize, mark: &Mark, look: Look) {
        let (at, count) = (mark.centre, mark.count);
        // Singles open their vacancy when clicked; clusters zoom in.
        let vacancy_id = (count == 1).then(|| self.points[mark.first].id);
        let style = &self.looks[look.index()];
        match self.drawn.get_mut(n) {
            Some(drawn) => {
                if (drawn.at, drawn.look, drawn.count, drawn.vacancy_id)
                    != (at, look, count, vacancy_id)
                {
                    drawn.mark.place(at.lat, at.lon, style, count, vacancy_id);
                    (drawn.at, drawn.look, drawn.count, drawn.vacancy_id) =
                        (at, look, count, vacancy_id);
                }
            }
            None => {
                let new = vacancy_mark(&self.canvas);
                new.place(at.lat, at.lon, style, count, vacancy_id);
                self.layer.add_layer(&new);
                self.drawn.push(Drawn {
                    mark: new,
                    at,
                    look,
                    count,
                    vacancy_id,
                });
            }
        }
    }
}

/// The clusters' count font: bold, 0.8 rem (as the page's text grows on a kiosk) in the
/// page's typeface. Read once: a canvas cannot take it from the stylesheet.
fn count_font() -> String {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| web_sys::window()?.get_computed_style(&root).ok().flatten());
    let (size, family) = root
        .map(|style| {
            let size = style
                .get_property_value("font-size")
                .ok()
                .and_then(|px| px.trim_end_matches("px").parse::<f64>().ok());
            (size, style.get_property_value("font-family").ok())
        })
        .unwrap_or_default();
    format!(
        "700 {}px {}",
        0.8 * size.unwrap_or(16.0),
        family
            .filter(|f| !f.is_empty())
            .as_deref()
            .unwrap_or("sans-serif")
    )
}

/// A cluster disc's look: its count on white in a ring of the class's colour; the ring's
/// pattern (solid, dashed, dotted) tells the classes apart without colour.
fn disc_style(class: u8, size: u8, font: &str) -> JsValue {
    let class = FitClass::ALL[usize::from(class)];
    let dash = match class {
        FitClass::OneAbove | FitClass::NotStated => "7 4",
        // Round dots: zero-length dashes with round caps.
        FitClass::Beyond => "0 7",
        FitClass::Within | FitClass::Unknown => "",
    };
    const RING: f64 = 4.0;
    object(&[
        // To the middle of the ring, which is drawn inside the disc's size.
        (
            "radius",
            (DISC_SIZES[usize::from(size)] / 2.0 - RING / 2.0).into(),
        ),
        ("weight", RING.into()),
        ("color", class.colour().into()),
        ("fillColor", "#ffffff".into()),
        ("fillOpacity", 0.92.into()),
        ("dashArray", dash.into()),
        ("lineCap", "round".into()),
        ("countFont", font.into()),
        ("countColor", "#1c2430".into()),
    ])
}

/// A single dot's look. Shape as well as colour tells the fit apart: solid disc, ring, small
/// grey dot, and a dashed ring for an offer stating no level.
fn dot_style(class: FitClass) -> JsValue {
    let colour = class.colour();
    let (radius, weight, stroke, fill) = match class {
        FitClass::OneAbove => (6.5, 3.0, colour, "#ffffff"),
        FitClass::Beyond => (4.5, 1.0, "#ffffff", colour),
        FitClass::NotStated => (6.5, 2.5, colour, "#ffffff"),
        FitClass::Within | FitClass::Unknown => (6.5, 1.5, "#ffffff", colour),
    };
    let dash = if class == FitClass::NotStated {
        "3 2"
    } else {
        ""
    };
    object(&[
        ("radius", radius.into()),
        ("weight", weight.into()),
        ("color", stroke.into()),
        ("fillColor", fill.into()),
        ("fillOpacity", 0.95.into()),
        ("dashArray", dash.into()),
    ])
}

/// A cluster disc's size (see [`DISC_SIZES`]): grows with the count.
fn disc_size(count: u32) -> u8 {
    match count {
        0..=9 => 0,
        10..=99 => 1,
        100..=999 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_look_has_its_own_place_in_the_table() {
        let looks: Vec<Look> = Look::all().collect();
        assert_eq!(looks.len(), FitClass::ALL.len() * (1 + DISC_SIZES.len()));
        for (position, look) in looks.into_iter().enumerate() {
            assert_eq!(look.index(), position);
        }
    }

    #[test]
    fn discs_grow_with_the_count_up_to_the_widest() {
        let sizes: Vec<f64> = [2, 9, 10, 99, 100, 999, 1_000, 99_198]
            .map(|count| DISC_SIZES[usize::from(disc_size(count))])
            .to_vec();
        assert_eq!(sizes, [28.0, 28.0, 34.0, 34.0, 40.0, 40.0, 46.0, 46.0]);
        assert_eq!(
            DISC_SIZES.iter().copied().fold(0.0, f64::max),
            CLUSTER_MAX_PX
        );
    }
}
