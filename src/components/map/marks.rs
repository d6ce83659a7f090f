//! The vacancy marks: the core's grid clustering of the points in view, drawn as canvas dots
//! (single vacancies) and counted discs (clusters).

use super::js::object;
use super::leaflet_map::div_icon;
use super::MapPoint;
use leaflet::{
    Canvas, CircleMarker, DivIconOptions, FeatureGroup, LatLng, Layer, Map, Marker, MarkerOptions,
    Point,
};
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

/// The vacancy marks and what they are drawn from; shared with the `moveend` handler.
pub struct Marks {
    pub map: Map,
    pub element: HtmlElement,
    pub layer: FeatureGroup,
    pub canvas: Canvas,
    pub points: Arc<Vec<MapPoint>>,
    pub complete: bool,
}

impl Marks {
    /// Redraws the marks in view; returns where the cluster discs are, for the town names to avoid.
    pub fn redraw(&mut self) -> Vec<ScreenBox> {
        self.layer.clear_layers();
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
        let mut discs = Vec::new();
        for mark in &marks {
            shown += mark.count;
            let layer = if mark.count == 1 {
                self.single(mark)
            } else {
                let at = self
                    .map
                    .lat_lng_to_container_point(&LatLng::new(mark.centre.lat, mark.centre.lon));
                discs.push(ScreenBox::centred(
                    (at.x(), at.y()),
                    cluster_size(mark.count),
                ));
                cluster_marker(mark)
            };
            self.layer.add_layer(&layer);
        }
        let _ = self
            .element
            .set_attribute("data-markers", &shown.to_string());
        // The zoom the marks were counted at: tests wait for a zoom to be drawn, not for time.
        let _ = self.element.set_attribute("data-zoom", &zoom.to_string());
        let _ = self
            .element
            .set_attribute("data-ready", if self.complete { "true" } else { "false" });
        discs
    }

    fn single(&self, mark: &Mark) -> Layer {
        let point = &self.points[mark.first];
        let colour = point.class.colour();
        // Shape as well as colour tells the fit apart: solid disc, ring, small grey dot, and a
        // dashed ring for an offer stating no level.
        let (radius, weight, stroke, fill) = match point.class {
            FitClass::OneAbove => (6.5, 3.0, colour, "#ffffff"),
            FitClass::Beyond => (4.5, 1.0, "#ffffff", colour),
            FitClass::NotStated => (6.5, 2.5, colour, "#ffffff"),
            FitClass::Within | FitClass::Unknown => (6.5, 1.5, "#ffffff", colour),
        };
        let dash = if point.class == FitClass::NotStated {
            "3 2"
        } else {
            ""
        };
        let options = object(&[
            ("renderer", self.canvas.clone().into()),
            ("radius", radius.into()),
            ("weight", weight.into()),
            ("color", stroke.into()),
            ("fillColor", fill.into()),
            ("fillOpacity", 0.95.into()),
            ("dashArray", dash.into()),
            ("vacancyId", point.id.into()),
        ]);
        CircleMarker::new_with_options(&LatLng::new(mark.centre.lat, mark.centre.lon), &options)
            .unchecked_into()
    }
}

/// A cluster: a round label with its count (our own number, never API text, goes into the icon's HTML).
fn cluster_marker(mark: &Mark) -> Layer {
    let size = cluster_size(mark.count);
    let icon_options = DivIconOptions::new();
    icon_options.set_html(format!("<span>{}</span>", mark.count));
    icon_options.set_class_name(format!("cluster cluster-class-{}", mark.dominant_class()));
    icon_options.set_icon_size(Point::new(size, size));
    let options = MarkerOptions::new();
    options.set_icon(div_icon(&icon_options));
    // The list is the keyboard route to every vacancy; hundreds of focusable clusters would bury it.
    options.set_keyboard(false);
    Marker::new_with_options(&LatLng::new(mark.centre.lat, mark.centre.lon), &options).into()
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
