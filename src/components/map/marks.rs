//! The vacancy marks: the core's grid clustering of the points in view, drawn as canvas dots
//! (single vacancies) and counted discs (clusters).

use super::js::{object, set};
use super::leaflet_map::div_icon;
use super::MapPoint;
use leaflet::{
    Canvas, CircleMarker, DivIconOptions, FeatureGroup, LatLng, Map, Marker, MarkerOptions, Point,
};
use passerelle_core::cluster::{cluster, separate, Mark};
use passerelle_core::geo::BoundingBox;
use passerelle_core::map_labels::ScreenBox;
use passerelle_core::{FitClass, LatLon};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, Text};

/// Cluster cell size in screen pixels: big enough to keep a few hundred marks on a laptop screen.
const CELL_PX: f64 = 56.0;
/// The widest cluster disc; marks closer than this are merged so no disc covers another's count.
const CLUSTER_MAX_PX: f64 = 46.0;

#[wasm_bindgen]
extern "C" {
    /// An `L.Marker`, for the method the crate does not bind.
    type IconMarker;

    /// `marker.getElement()`: the icon's element, once the marker is on the map.
    #[wasm_bindgen(method, js_name = getElement)]
    fn get_element(this: &IconMarker) -> Option<HtmlElement>;
}

/// The vacancy marks and what they are drawn from; shared with the `moveend` handler.
pub struct Marks {
    pub map: Map,
    pub element: HtmlElement,
    /// Holds `singles` and the discs; the map listens for clicks here.
    pub layer: FeatureGroup,
    pub canvas: Canvas,
    pub points: Arc<Vec<MapPoint>>,
    pub complete: bool,
    /// Holds the single vacancies' dots (canvas).
    singles: FeatureGroup,
    /// The single vacancies' dots, reused like the discs: a dot that keeps its place and fit
    /// costs nothing, one that moves is only redrawn, where removing and adding every dot
    /// redrew them all.
    dots: Vec<Dot>,
    /// The cluster discs on the map, reused from one redraw to the next: moving a disc and
    /// rewriting its count costs far less than removing its element and building another
    /// (every filter change and every pan redraws a few hundred). Discs a redraw does not
    /// need are hidden, not removed: zooming in and out again would otherwise remove and
    /// build again a few hundred (most of a zoom's redraw at 100,000 vacancies).
    discs: Vec<Disc>,
}

/// A single vacancy's dot on the map and what it shows.
struct Dot {
    marker: CircleMarker,
    at: LatLon,
    class: FitClass,
}

/// A cluster disc on the map and what it shows.
struct Disc {
    marker: Marker,
    icon: HtmlElement,
    /// The count's text node: rewriting its data leaves the node in place, where setting the
    /// icon's `textContent` replaced it (every zoom rewrites nearly every disc's count).
    count_text: Text,
    count: u32,
    class: u8,
    size: f64,
    hidden: bool,
}

impl Marks {
    pub fn new(map: Map, element: HtmlElement, layer: FeatureGroup, canvas: Canvas) -> Self {
        let singles = FeatureGroup::new();
        // A single's click reaches `layer` through this group (Leaflet propagates events to
        // the groups a layer is in).
        layer.add_layer(&singles);
        Self {
            map,
            element,
            layer,
            canvas,
            points: Arc::new(Vec::new()),
            complete: false,
            singles,
            dots: Vec::new(),
            discs: Vec::new(),
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
        for mark in &marks {
            shown += mark.count;
            if mark.count == 1 {
                self.show_dot(singles as usize, mark);
                singles += 1;
            } else {
                let centre = LatLng::new(mark.centre.lat, mark.centre.lon);
                let at = self.map.lat_lng_to_container_point(&centre);
                discs.push(ScreenBox::centred(
                    (at.x(), at.y()),
                    cluster_size(mark.count),
                ));
                self.show_disc(discs.len() - 1, mark, &centre);
            }
        }
        for unused in self.discs.iter_mut().skip(discs.len()) {
            unused.set_hidden(true);
        }
        let still_drawn = (singles as usize).min(self.dots.len());
        for unused in self.dots.drain(still_drawn..) {
            self.singles.remove_layer(&unused.marker);
        }
        let _ = self
            .element
            .set_attribute("data-markers", &shown.to_string());
        // The dots are drawn on a canvas: tests add this to the counts written in the discs.
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

    /// Shows single vacancy `mark` as the `n`th dot: the one already on the map, moved and
    /// restyled where it differs, or a new one.
    fn show_dot(&mut self, n: usize, mark: &Mark) {
        let point = &self.points[mark.first];
        let (at, class) = (mark.centre, point.class);
        let Some(dot) = self.dots.get_mut(n) else {
            let options = dot_style(class);
            set(&options, "renderer", &self.canvas);
            set(&options, "vacancyId", &point.id.into());
            let marker = CircleMarker::new_with_options(&LatLng::new(at.lat, at.lon), &options);
            self.singles.add_layer(&marker);
            self.dots.push(Dot { marker, at, class });
            return;
        };
        // Read back by the map's click handler.
        if let Ok(options) = js_sys::Reflect::get(&dot.marker, &"options".into()) {
            set(&options, "vacancyId", &point.id.into());
        }
        if dot.class != class {
            dot.marker.set_style(dot_style(class).unchecked_ref());
            dot.class = class;
        }
        if dot.at != at {
            dot.marker.set_lat_lng(&LatLng::new(at.lat, at.lon));
            dot.at = at;
        }
    }

    /// Shows cluster `mark` as the `n`th disc: the one already on the map, moved and rewritten
    /// where it differs, or a new one.
    fn show_disc(&mut self, n: usize, mark: &Mark, centre: &LatLng) {
        let (count, class, size) = (mark.count, mark.dominant_class(), cluster_size(mark.count));
        let Some(disc) = self.discs.get_mut(n) else {
            if let Some(disc) = new_disc(&self.layer, mark, centre) {
                self.discs.push(disc);
            }
            return;
        };
        disc.marker.set_lat_lng(centre);
        disc.set_hidden(false);
        if disc.count != count {
            disc.count_text.set_data(&count.to_string());
            disc.count = count;
        }
        if disc.class != class {
            let classes = disc.icon.class_list();
            let _ = classes.replace(&class_name(disc.class), &class_name(class));
            disc.class = class;
        }
        if disc.size != size {
            // As Leaflet styles a div icon: its size, and centred on its point.
            let style = disc.icon.style();
            let (side, margin) = (format!("{size}px"), format!("{}px", -size / 2.0));
            let _ = style.set_property("width", &side);
            let _ = style.set_property("height", &side);
            let _ = style.set_property("margin-left", &margin);
            let _ = style.set_property("margin-top", &margin);
            disc.size = size;
        }
    }
}

impl Disc {
    /// Hides the disc, kept on the map for a later redraw, or shows it again.
    fn set_hidden(&mut self, hidden: bool) {
        if self.hidden != hidden {
            let style = self.icon.style();
            let _ = if hidden {
                style.set_property("display", "none")
            } else {
                style.remove_property("display").map(drop)
            };
            self.hidden = hidden;
        }
    }
}

/// A cluster disc put on `layer`: a round label with its count (our own number, never API
/// text, is the icon's text).
fn new_disc(layer: &FeatureGroup, mark: &Mark, centre: &LatLng) -> Option<Disc> {
    let (count, class, size) = (mark.count, mark.dominant_class(), cluster_size(mark.count));
    let icon_options = DivIconOptions::new();
    icon_options.set_html(String::new());
    icon_options.set_class_name(format!("cluster {}", class_name(class)));
    icon_options.set_icon_size(Point::new(size, size));
    let options = MarkerOptions::new();
    options.set_icon(div_icon(&icon_options));
    // The list is the keyboard route to every vacancy; hundreds of focusable clusters would bury it.
    options.set_keyboard(false);
    let marker = Marker::new_with_options(centre, &options);
    layer.add_layer(&marker);
    let drawn = marker
        .unchecked_ref::<IconMarker>()
        .get_element()
        .and_then(|icon| {
            let text = Text::new_with_data(&count.to_string()).ok()?;
            icon.append_child(&text).ok()?;
            Some((icon, text))
        });
    let Some((icon, count_text)) = drawn else {
        // Not on a map (it is being removed): nothing to keep.
        layer.remove_layer(&marker);
        return None;
    };
    Some(Disc {
        marker,
        icon,
        count_text,
        count,
        class,
        size,
        hidden: false,
    })
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

fn class_name(class: u8) -> String {
    format!("cluster-class-{class}")
}

/// A cluster disc's diameter in pixels: grows with the count.
fn cluster_size(count: u32) -> f64 {
    match count {
        0..=9 => 28.0,
        10..=99 => 34.0,
        100..=999 => 40.0,
        _ => CLUSTER_MAX_PX,
    }
}
