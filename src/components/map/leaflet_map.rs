//! The Leaflet map itself: base layers, the home circle, and the vacancy marks redrawn from the
//! core's grid clustering whenever the view moves.

use super::js::object;
use super::{HomeArea, MapPoint, Tiles, ZoomTitles};
use leaflet::{
    Canvas, Circle, CircleMarker, CircleOptions, DivIconOptions, Evented, FeatureGroup, Icon,
    LatLng, LatLngBounds, Layer, LayerGroup, Map, MapOptions, Marker, MarkerOptions, Point, Svg,
    TileLayer, TileLayerOptions, Zoom, ZoomOptions,
};
use leptos::prelude::{Callable, Callback};
use passerelle_core::cluster::{cluster, separate, ClusterInput, Mark};
use passerelle_core::geo::BoundingBox;
use passerelle_core::LatLon;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen]
extern "C" {
    /// `L.geoJSON(data, options)`; the crate binds the type but does not export the factory.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> Layer;

    /// `L.divIcon(options)`. The crate's `DivIcon::new` binds `new L.Icon` (leaflet 0.5.0 names
    /// the class `Icon`), which throws "iconUrl not set".
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &DivIconOptions) -> Icon;
}

/// Belgium, for the first view before a town is known.
const BELGIUM_CENTRE: (f64, f64) = (50.6, 4.6);
/// Cluster cell size in screen pixels: big enough to keep a few hundred marks on a laptop screen.
const CELL_PX: f64 = 56.0;
/// The widest cluster disc; marks closer than this are merged so no disc covers another's count.
const CLUSTER_MAX_PX: f64 = 46.0;
/// Fill colours for the drawing classes (see `MapPoint::class`): within, one above, beyond, unknown.
pub const CLASS_COLOURS: [&str; 4] = ["#1b7f3b", "#b15c00", "#6b6b6b", "#0b5cad"];

/// The vacancy marks and what they are drawn from; shared with the `moveend` handler.
struct Marks {
    map: Map,
    element: HtmlElement,
    layer: FeatureGroup,
    canvas: Canvas,
    points: Arc<Vec<MapPoint>>,
    inputs: Vec<ClusterInput>,
    complete: bool,
}

impl Marks {
    fn redraw(&mut self) {
        self.layer.clear_layers();
        let bounds = self.map.get_bounds();
        let (sw, ne) = (bounds.get_south_west(), bounds.get_north_east());
        let view = BoundingBox {
            min: LatLon::new(sw.lat(), sw.lng()),
            max: LatLon::new(ne.lat(), ne.lng()),
        };
        let zoom = self.map.get_zoom();
        let marks = separate(
            cluster(&self.inputs, zoom, &view, CELL_PX),
            zoom,
            CLUSTER_MAX_PX,
        );
        let mut shown: u32 = 0;
        for mark in &marks {
            shown += mark.count;
            let layer = if mark.count == 1 {
                self.single(mark)
            } else {
                cluster_marker(mark)
            };
            self.layer.add_layer(&layer);
        }
        let _ = self
            .element
            .set_attribute("data-markers", &shown.to_string());
        let _ = self
            .element
            .set_attribute("data-ready", if self.complete { "true" } else { "false" });
    }

    fn single(&self, mark: &Mark) -> Layer {
        let point = &self.points[mark.first];
        let colour = CLASS_COLOURS[usize::from(point.class.min(3))];
        // Shape as well as colour tells the fit apart: solid disc, ring, small grey dot.
        let (radius, weight, stroke, fill) = match point.class {
            1 => (6.5, 3.0, colour, "#ffffff"),
            2 => (4.5, 1.0, "#ffffff", colour),
            _ => (6.5, 1.5, "#ffffff", colour),
        };
        let options = object(&[
            ("renderer", self.canvas.clone().into()),
            ("radius", radius.into()),
            ("weight", weight.into()),
            ("color", stroke.into()),
            ("fillColor", fill.into()),
            ("fillOpacity", 0.95.into()),
            ("vacancyId", point.id.into()),
        ]);
        CircleMarker::new_with_options(&LatLng::new(mark.centre.lat, mark.centre.lon), &options)
            .unchecked_into()
    }
}

/// A cluster: a round label with its count (our own number, never API text, goes into the icon's HTML).
fn cluster_marker(mark: &Mark) -> Layer {
    let size = match mark.count {
        0..=9 => 28.0,
        10..=99 => 34.0,
        100..=999 => 40.0,
        _ => CLUSTER_MAX_PX,
    };
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

/// Owns the Leaflet map and every layer on it.
pub struct LeafletMap {
    map: Map,
    svg: Svg,
    background: LayerGroup,
    home_layer: LayerGroup,
    highlight_layer: LayerGroup,
    marks: Rc<RefCell<Marks>>,
    zoom: Zoom,
    fitted_home: Option<HomeArea>,
    /// Closures Leaflet calls back; dropped (and so invalid) only after the map is removed.
    callbacks: Vec<Closure<dyn Fn(JsValue) -> JsValue>>,
    on_move: Closure<dyn Fn(JsValue)>,
    on_click: Closure<dyn Fn(JsValue)>,
}

impl LeafletMap {
    pub fn new(
        element: &HtmlElement,
        tiles: Option<&Tiles>,
        zoom_titles: &ZoomTitles,
        on_select: Callback<u32>,
    ) -> Result<Self, JsValue> {
        let options = MapOptions::new();
        options.set_center(LatLng::new(BELGIUM_CENTRE.0, BELGIUM_CENTRE.1));
        options.set_zoom(8.0);
        options.set_min_zoom(7.0);
        options.set_max_zoom(18.0);
        // Attribution is rendered by the app as text (never Leaflet's HTML control).
        options.set_attribution_control(false);
        // Leaflet's own zoom buttons are titled "Zoom in"/"Zoom out" in every language: ours are translated.
        options.set_zoom_control(false);
        let map = Map::new_with_element(element, &options)?;
        // The marks are a picture of the list, which is their accessible equivalent: screen
        // readers would read the cluster discs as a bare row of numbers.
        if let Ok(Some(pane)) = element.query_selector(".leaflet-marker-pane") {
            let _ = pane.set_attribute("aria-hidden", "true");
        }
        let mut zoom_options = ZoomOptions::new();
        zoom_options.set_zoom_in_title(&zoom_titles.zoom_in);
        zoom_options.set_zoom_out_title(&zoom_titles.zoom_out);
        let zoom = Zoom::new(&zoom_options);
        zoom.add_to(&map);
        if let Some(tiles) = tiles {
            let tile_options = TileLayerOptions::new();
            tile_options.set_max_zoom(18.0);
            TileLayer::new_options(&tiles.url, &tile_options).add_to(&map);
        }
        let background = LayerGroup::new();
        background.add_to(&map);
        let home_layer = LayerGroup::new();
        home_layer.add_to(&map);
        let layer = FeatureGroup::new();
        layer.add_to(&map);
        let highlight_layer = LayerGroup::new();
        highlight_layer.add_to(&map);
        let marks = Rc::new(RefCell::new(Marks {
            map: map.clone(),
            element: element.clone(),
            layer: layer.clone(),
            canvas: Canvas::new(),
            points: Arc::new(Vec::new()),
            inputs: Vec::new(),
            complete: false,
        }));
        let on_move = {
            let marks = Rc::clone(&marks);
            Closure::<dyn Fn(JsValue)>::new(move |_| {
                if let Ok(mut m) = marks.try_borrow_mut() {
                    m.redraw();
                }
            })
        };
        map.unchecked_ref::<Evented>()
            .on("moveend", on_move.as_ref());
        let on_click = {
            let map = map.clone();
            Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| match clicked_vacancy(&event) {
                Some(id) => on_select.run(id),
                None => zoom_into_cluster(&map, &event),
            })
        };
        layer
            .unchecked_ref::<Evented>()
            .on("click", on_click.as_ref());
        Ok(Self {
            map,
            // SVG for the few big shapes (circle, regions, border): crisp, and visible in the DOM.
            svg: Svg::new(),
            background,
            home_layer,
            highlight_layer,
            marks,
            zoom,
            fitted_home: None,
            callbacks: Vec::new(),
            on_move,
            on_click,
        })
    }

    /// Adds a GeoJSON layer under the circle and the marks.
    pub fn add_background(
        &mut self,
        data: &JsValue,
        options: &JsValue,
        style: Option<Closure<dyn Fn(JsValue) -> JsValue>>,
    ) {
        let _ = js_sys::Reflect::set(options, &"renderer".into(), self.svg.as_ref());
        let layer = geo_json(data, options);
        self.background.add_layer(&layer);
        self.callbacks.extend(style);
    }

    /// Draws the home town and its circle, and fits the view to the circle when it changed.
    pub fn set_home(&mut self, home: &HomeArea) {
        if self.fitted_home.as_ref() == Some(home) {
            return;
        }
        self.home_layer.clear_layers();
        let centre = LatLng::new(home.location.lat, home.location.lon);
        let circle_options = CircleOptions::new();
        circle_options.set_radius(home.radius_km * 1000.0);
        circle_options.set_renderer(self.svg.clone().into());
        circle_options.set_class_name("home-circle".into());
        circle_options.set_color("#0b5cad".into());
        circle_options.set_weight(2.5);
        circle_options.set_fill_opacity(0.04);
        circle_options.set_interactive(false);
        let circle = Circle::new_with_options(&centre, &circle_options);
        self.home_layer.add_layer(&circle.clone().into());
        let home_marker = object(&[
            ("renderer", self.svg.clone().into()),
            ("radius", 8.into()),
            ("color", "#ffffff".into()),
            ("weight", 3.into()),
            ("fillColor", "#0b5cad".into()),
            ("fillOpacity", 1.into()),
            ("className", "home-marker".into()),
            ("interactive", false.into()),
        ]);
        self.home_layer
            .add_layer(&CircleMarker::new_with_options(&centre, &home_marker).unchecked_into());
        let bounds: LatLngBounds = circle.get_bounds();
        self.map.fit_bounds(&bounds);
        self.fitted_home = Some(home.clone());
    }

    /// Replaces the vacancies shown and redraws.
    pub fn set_points(&mut self, points: Arc<Vec<MapPoint>>, complete: bool) {
        let mut marks = self.marks.borrow_mut();
        marks.inputs = points
            .iter()
            .map(|p| ClusterInput {
                location: p.location,
                class: p.class,
            })
            .collect();
        marks.points = points;
        marks.complete = complete;
        marks.redraw();
    }

    /// Marks one vacancy (or none): a thick yellow ring edged in black, the focus colours,
    /// so it stands out on any background and from every fit colour.
    pub fn set_highlight(&mut self, at: Option<LatLon>) {
        self.highlight_layer.clear_layers();
        let Some(at) = at else { return };
        let centre = LatLng::new(at.lat, at.lon);
        for (radius, weight, colour) in [(17, 9, "#0b0c0c"), (17, 5, "#ffdd00"), (9, 3, "#0b0c0c")]
        {
            let ring = object(&[
                ("renderer", self.svg.clone().into()),
                ("radius", radius.into()),
                ("color", colour.into()),
                ("weight", weight.into()),
                ("fill", false.into()),
                ("className", "highlight-ring".into()),
                ("interactive", false.into()),
            ]);
            self.highlight_layer
                .add_layer(&CircleMarker::new_with_options(&centre, &ring).unchecked_into());
        }
    }

    /// Retitles the zoom buttons (the language changed). Leaflet reads the titles only when it
    /// builds the buttons, so their `title` and `aria-label` are set on the anchors directly.
    pub fn set_zoom_titles(&self, titles: &ZoomTitles) {
        let container = self.zoom.get_container();
        for (class, title) in [
            ("leaflet-control-zoom-in", &titles.zoom_in),
            ("leaflet-control-zoom-out", &titles.zoom_out),
        ] {
            if let Ok(Some(button)) = container.query_selector(&format!(".{class}")) {
                let _ = button.set_attribute("title", title);
                let _ = button.set_attribute("aria-label", title);
            }
        }
    }

    /// Re-measures the container (after it was hidden) and redraws.
    pub fn refresh_size(&self) {
        self.map.invalidate_size(false);
    }

    /// Removes the map and its listeners (component cleanup).
    pub fn remove(&mut self) {
        let evented = self.map.unchecked_ref::<Evented>();
        evented.off("moveend", self.on_move.as_ref());
        self.marks
            .borrow()
            .layer
            .unchecked_ref::<Evented>()
            .off("click", self.on_click.as_ref());
        self.map.remove();
    }
}

/// The vacancy id of a clicked single point (set in its options when drawn).
fn clicked_vacancy(event: &JsValue) -> Option<u32> {
    let layer = js_sys::Reflect::get(event, &"layer".into()).ok()?;
    let options = js_sys::Reflect::get(&layer, &"options".into()).ok()?;
    let id = js_sys::Reflect::get(&options, &"vacancyId".into())
        .ok()?
        .as_f64()?;
    Some(id as u32)
}

/// A click on a cluster zooms in two levels around it (a click on a single point is the list's job).
fn zoom_into_cluster(map: &Map, event: &JsValue) {
    let Ok(latlng) = js_sys::Reflect::get(event, &"latlng".into()) else {
        return;
    };
    let latlng: LatLng = latlng.unchecked_into();
    map.set_view(&latlng, (map.get_zoom() + 2.0).min(18.0));
}
