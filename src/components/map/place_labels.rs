//! Town names drawn by the app when the map has no tiles (tiles carry their own names): the
//! home towns always, the core's main towns where they fit without overlapping.

use super::js::object;
use super::leaflet_map::div_icon;
use leaflet::{DivIconOptions, LatLng, LayerGroup, Map, Marker, MarkerOptions, Point};
use passerelle_core::map_labels::{place_apart, LabelMetrics, PlaceLabel, Placement, ScreenBox};
use passerelle_core::Municipality;
use wasm_bindgen::prelude::*;

/// The pane the names live in: above the regions and the circle, below the vacancies, which
/// are what a person taps.
pub const PANE: &str = "placeLabelsPane";

/// Main towns: 14 px bold text beside a 6 px dot (see `.place-label` in style/main.css).
const TOWN: LabelMetrics = LabelMetrics {
    line_height: 18.0,
    char_width: 8.5,
    text_offset: 8.0,
    vertical_offset: 5.0,
    dot_radius: 4.0,
    gap: 3.0,
};
/// Home towns: 16 px text right of the home marker.
const HOME: LabelMetrics = LabelMetrics {
    line_height: 20.0,
    char_width: 10.0,
    text_offset: 14.0,
    vertical_offset: 12.0,
    dot_radius: 11.0,
    gap: 3.0,
};

struct Drawn {
    label: PlaceLabel,
    /// One marker per placement, in the order of `Placement::ALL`.
    markers: [Marker; 4],
    metrics: LabelMetrics,
    /// Where the name is on the map now, if it is.
    shown: Option<Placement>,
}

/// The labels on the map, thinned out again whenever the view moves.
pub struct PlaceLabels {
    map: Map,
    layer: LayerGroup,
    labels: Vec<Drawn>,
    /// How many of `labels` (the first ones) are home towns.
    homes: usize,
}

impl PlaceLabels {
    pub fn new(map: &Map) -> Self {
        let layer = LayerGroup::new();
        layer.add_to(map);
        Self {
            map: map.clone(),
            layer,
            labels: Vec::new(),
            homes: 0,
        }
    }

    /// Labels the home towns (and every main town that is not one); drawn at the next redraw.
    pub fn set_homes(&mut self, homes: &[&'static Municipality]) {
        self.layer.clear_layers();
        self.homes = homes.len();
        self.labels = passerelle_core::map_labels::labels_for(homes)
            .into_iter()
            .enumerate()
            .map(|(i, label)| {
                let (metrics, class) = if i < self.homes {
                    (HOME, "place-label place-label-home")
                } else {
                    (TOWN, "place-label")
                };
                Drawn {
                    markers: Placement::ALL.map(|p| label_marker(&label, class, p)),
                    label,
                    metrics,
                    shown: None,
                }
            })
            .collect();
    }

    /// Shows the names that fit in the current view without covering one another or the
    /// `obstacles` (the cluster discs, drawn above the names).
    ///
    /// Only the names that appear, go or change sides are touched: Leaflet builds a marker's
    /// element anew each time it is added, and most names stay put from one redraw to the next.
    pub fn redraw(&mut self, obstacles: &[ScreenBox]) {
        let size = self.map.get_size();
        let view = ScreenBox {
            left: 0.0,
            top: 0.0,
            right: size.x(),
            bottom: size.y(),
        };
        let candidates: Vec<[ScreenBox; 4]> = self
            .labels
            .iter()
            .map(|d| {
                let at = self.map.lat_lng_to_container_point(&LatLng::new(
                    d.label.location.lat,
                    d.label.location.lon,
                ));
                Placement::ALL.map(|p| d.metrics.screen_box((at.x(), at.y()), &d.label.text, p))
            })
            .collect();
        let placements = place_apart(&candidates, self.homes, obstacles, &view);
        for (drawn, placement) in self.labels.iter_mut().zip(placements) {
            if drawn.shown == placement {
                continue;
            }
            if let Some(old) = drawn.shown {
                self.layer.remove_layer(&drawn.markers[old as usize]);
            }
            if let Some(new) = placement {
                self.layer.add_layer(&drawn.markers[new as usize]);
            }
            drawn.shown = placement;
        }
    }
}

/// A non-interactive marker whose icon is the name as text (set with `text_content`, never HTML).
fn label_marker(label: &PlaceLabel, class: &str, placement: Placement) -> Marker {
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("span").ok());
    let icon_options = DivIconOptions::new();
    if let Some(text) = &text {
        text.set_text_content(Some(&label.text));
        // Leaflet appends an element given as `html` instead of parsing a string.
        let _ = js_sys::Reflect::set(&icon_options, &"html".into(), text);
    }
    let side = match placement {
        Placement::Right => "place-label-right",
        Placement::Left => "place-label-left",
        Placement::Above => "place-label-above",
        Placement::Below => "place-label-below",
    };
    icon_options.set_class_name(format!("{class} {side}"));
    // A zero-size icon anchored at the place; the stylesheet lays the dot and text around it.
    icon_options.set_icon_size(Point::new(0.0, 0.0));
    let options: MarkerOptions = object(&[
        ("pane", PANE.into()),
        ("interactive", false.into()),
        ("keyboard", false.into()),
    ])
    .unchecked_into();
    options.set_icon(div_icon(&icon_options));
    Marker::new_with_options(
        &LatLng::new(label.location.lat, label.location.lon),
        &options,
    )
}
