//! The Leaflet map itself: base layers, the home circles, the town names of an offline map,
//! and the vacancy marks redrawn from the core's grid clustering whenever the view moves.

use super::js::{object, ResizeObserver};
use super::marks::{marks_canvas, Marks};
use super::place_labels::{self, PlaceLabels};
use super::view_control::ViewControl;
use super::{HomeArea, MapPoint, Tiles, ZoomTitles};
use leaflet::{
    CanvasOptions, Circle, CircleMarker, CircleOptions, DivIconOptions, Evented, FeatureGroup,
    Icon, LatLng, Layer, LayerGroup, Map, MapOptions, Svg, TileLayer, TileLayerOptions, Zoom,
    ZoomOptions,
};
use leptos::prelude::{set_timeout_with_handle, Callable, Callback};
use passerelle_core::filter::SearchArea;
use passerelle_core::framing;
use passerelle_core::LatLon;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
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
    pub(super) fn div_icon(options: &DivIconOptions) -> Icon;
}

/// Belgium, for the first view before a town is known.
const BELGIUM_CENTRE: (f64, f64) = (50.6, 4.6);
/// The pane of the vacancy marks' canvas: above the town names (Leaflet would put it in the
/// overlay pane, under the SVG regions).
const VACANCIES_PANE: &str = "vacanciesPane";

/// Set on the map's element from a zoom's start to the redraw after it.
const STALE_MARKS_CLASS: &str = "marks-stale";

/// Redraws the marks, then the town names around them.
fn redraw(marks: &RefCell<Marks>, labels: Option<&Rc<RefCell<PlaceLabels>>>) {
    let Ok(mut marks) = marks.try_borrow_mut() else {
        return;
    };
    let discs = marks.redraw();
    if let Some(Ok(mut labels)) = labels.map(|l| l.try_borrow_mut()) {
        labels.redraw(&discs);
    }
    let _ = marks.element.class_list().remove_1(STALE_MARKS_CLASS);
}

/// The redraw after a pan or zoom, run as a task of its own: Leaflet's `moveend` comes inside
/// the task of the drag's `mouseup` or of the zoom's end, after Leaflet's own updates, and the
/// two together made tasks over 50 ms at 100,000 vacancies on a phone-class CPU. Moves that
/// end before it runs share one redraw.
struct RedrawAfterMove {
    marks: Rc<RefCell<Marks>>,
    labels: Option<Rc<RefCell<PlaceLabels>>>,
    pending: Cell<bool>,
    /// Cleared when the map is removed: a redraw queued before must not touch it.
    live: Cell<bool>,
}

impl RedrawAfterMove {
    fn schedule(self: &Rc<Self>) {
        if !self.live.get() || self.pending.replace(true) {
            return;
        }
        let this = Rc::clone(self);
        let queued = set_timeout_with_handle(
            move || {
                if this.pending.replace(false) && this.live.get() {
                    redraw(&this.marks, this.labels.as_ref());
                }
            },
            Duration::ZERO,
        );
        if queued.is_err() {
            // No timer: redraw now rather than never.
            self.pending.set(false);
            redraw(&self.marks, self.labels.as_ref());
        }
    }
}

/// Owns the Leaflet map and every layer on it.
pub struct LeafletMap {
    map: Map,
    svg: Svg,
    background: LayerGroup,
    /// The GeoJSON layers of `background` (an `L.GeoJSON` is a feature group).
    background_layers: Vec<FeatureGroup>,
    home_layer: LayerGroup,
    highlight_layer: LayerGroup,
    marks: Rc<RefCell<Marks>>,
    /// Only without tiles: tiles carry their own place names.
    labels: Option<Rc<RefCell<PlaceLabels>>>,
    zoom: Zoom,
    homes: Vec<HomeArea>,
    /// The view was framed on a complete load for the current homes (framing happens once).
    framed_on_complete_load: bool,
    view_control: Rc<ViewControl>,
    /// Closures Leaflet calls back; dropped (and so invalid) only after the map is removed.
    callbacks: Vec<Closure<dyn Fn(JsValue) -> JsValue>>,
    on_move: Closure<dyn Fn(JsValue)>,
    redraw_after_move: Rc<RedrawAfterMove>,
    on_zoom_start: Closure<dyn Fn(JsValue)>,
    on_move_start: Closure<dyn Fn(JsValue)>,
    on_click: Closure<dyn Fn(JsValue)>,
    /// Only kept alive: the observer calls it until `remove` disconnects it.
    _on_resize: Closure<dyn Fn(JsValue)>,
    resize_observer: ResizeObserver,
    element: HtmlElement,
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
        // The cluster discs are hidden during a zoom's animation instead of each being
        // animated: the redraw at its end forms new clusters anyway, and a CSS transition per
        // disc doubled the style work of every zoom at 100,000 vacancies (a trace at 4×).
        options.set_marker_zoom_animation(false);
        let map = Map::new_with_element(element, &options)?;
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
        // Panes (z-index in style/main.css): regions, border and circles (SVG, overlay pane),
        // then town names, then the vacancies and their clusters (one canvas).
        map.create_pane_by_name(VACANCIES_PANE);
        let labels = tiles.is_none().then(|| {
            let pane = map.create_pane_by_name(place_labels::PANE);
            // The list names every vacancy's place; read aloud, the names would be noise.
            let _ = pane.set_attribute("aria-hidden", "true");
            Rc::new(RefCell::new(PlaceLabels::new(&map)))
        });
        let canvas_options = CanvasOptions::new();
        canvas_options.set_pane(VACANCIES_PANE.to_owned());
        let background = LayerGroup::new();
        background.add_to(&map);
        let home_layer = LayerGroup::new();
        home_layer.add_to(&map);
        let layer = FeatureGroup::new();
        layer.add_to(&map);
        let highlight_layer = LayerGroup::new();
        highlight_layer.add_to(&map);
        let marks = Rc::new(RefCell::new(Marks::new(
            map.clone(),
            element.clone(),
            layer.clone(),
            marks_canvas(&canvas_options),
        )));
        let redraw_after_move = Rc::new(RedrawAfterMove {
            marks: Rc::clone(&marks),
            labels: labels.clone(),
            pending: Cell::new(false),
            live: Cell::new(true),
        });
        let on_move = {
            let redraw_after_move = Rc::clone(&redraw_after_move);
            Closure::<dyn Fn(JsValue)>::new(move |_| redraw_after_move.schedule())
        };
        map.unchecked_ref::<Evented>()
            .on("moveend", on_move.as_ref());
        // A zoom leaves the town names chosen for the old zoom until the redraw after it: they
        // stay hidden (style/main.css) rather than overlap for a frame. The marks' canvas
        // scales with the map meanwhile, as its tiles would.
        let on_zoom_start = {
            let element = element.clone();
            Closure::<dyn Fn(JsValue)>::new(move |_| {
                let _ = element.class_list().add_1(STALE_MARKS_CLASS);
            })
        };
        map.unchecked_ref::<Evented>()
            .on("zoomstart", on_zoom_start.as_ref());
        // Every pan and zoom starts with `movestart`: a drag, the wheel, the keyboard, the zoom
        // buttons, a tap on a cluster. Only ours happen while `moving_ourselves` is set.
        let view_control = Rc::new(ViewControl::default());
        let on_move_start = {
            let view_control = Rc::clone(&view_control);
            Closure::<dyn Fn(JsValue)>::new(move |_| {
                if !view_control.moving_ourselves.get() {
                    view_control.moved_by_person.set(true);
                }
            })
        };
        map.unchecked_ref::<Evented>()
            .on("movestart", on_move_start.as_ref());
        let on_resize = {
            let (map, element, view_control) =
                (map.clone(), element.clone(), Rc::clone(&view_control));
            Closure::<dyn Fn(JsValue)>::new(move |_| {
                if element.client_width() == 0 || element.client_height() == 0 {
                    return;
                }
                view_control.moving_ourselves.set(true);
                map.invalidate_size(false);
                view_control.moving_ourselves.set(false);
                view_control.fit(&map, &element);
            })
        };
        let resize_observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref());
        resize_observer.observe(element);
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
            background_layers: Vec::new(),
            home_layer,
            highlight_layer,
            marks,
            labels,
            zoom,
            homes: Vec::new(),
            framed_on_complete_load: false,
            view_control,
            callbacks: Vec::new(),
            on_move,
            redraw_after_move,
            on_zoom_start,
            on_move_start,
            on_click,
            _on_resize: on_resize,
            resize_observer,
            element: element.clone(),
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
        // They arrive after the circles are drawn and would cover them (one SVG, stacked in the
        // order drawn): keep them at the bottom, in the order added (regions, then the border).
        self.background_layers.push(layer.unchecked_into());
        for layer in self.background_layers.iter().rev() {
            layer.bring_to_back();
        }
    }

    /// Shows the home towns and the vacancies found so far (`complete` once the load is done
    /// for these homes).
    ///
    /// The view is framed when the homes change (on the whole circles until the load is
    /// complete) and once more when the load completes, on the vacancies in reach; never while
    /// pages stream in, and never again once the person has moved the map.
    pub fn show(&mut self, homes: &[HomeArea], points: Arc<Vec<MapPoint>>, complete: bool) {
        let homes_changed = self.homes != homes;
        if homes_changed {
            self.draw_homes(homes);
            self.view_control.moved_by_person.set(false);
            self.framed_on_complete_load = false;
        }
        let frame_on_points = complete && !self.framed_on_complete_load;
        let framing_points = frame_on_points.then(|| Arc::clone(&points));
        self.set_points(points, complete);
        if homes_changed || (frame_on_points && !self.view_control.moved_by_person.get()) {
            self.frame(framing_points.as_deref().map(Vec::as_slice));
        }
        if complete {
            self.framed_on_complete_load = true;
        }
    }

    /// Draws a circle and a marker per home town, and their names on an offline map.
    fn draw_homes(&mut self, homes: &[HomeArea]) {
        self.home_layer.clear_layers();
        for home in homes {
            let centre = LatLng::new(home.town.location.lat, home.town.location.lon);
            let circle_options = CircleOptions::new();
            circle_options.set_radius(home.radius_km * 1000.0);
            circle_options.set_renderer(self.svg.clone().into());
            circle_options.set_class_name("home-circle".into());
            circle_options.set_color("#0b5cad".into());
            circle_options.set_weight(2.5);
            circle_options.set_fill_opacity(0.04);
            circle_options.set_interactive(false);
            self.home_layer
                .add_layer(&Circle::new_with_options(&centre, &circle_options).into());
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
        }
        self.homes = homes.to_vec();
        if let Some(labels) = &self.labels {
            let towns: Vec<_> = homes.iter().map(|h| h.town).collect();
            labels.borrow_mut().set_homes(&towns);
        }
    }

    /// Frames the view with the core: the vacancies in reach and the homes, or the whole
    /// circles without `points`.
    fn frame(&self, points: Option<&[MapPoint]>) {
        let areas: Vec<SearchArea> = self.homes.iter().map(HomeArea::area).collect();
        let locations = points.into_iter().flatten().map(|p| p.location());
        self.view_control
            .frame
            .set(framing::frame(&areas, locations));
        self.view_control.fit(&self.map, &self.element);
    }

    /// Replaces the vacancies shown and redraws.
    fn set_points(&mut self, points: Arc<Vec<MapPoint>>, complete: bool) {
        let mut marks = self.marks.borrow_mut();
        marks.points = points;
        marks.complete = complete;
        drop(marks);
        // This redraw serves a move's queued one too.
        self.redraw_after_move.pending.set(false);
        redraw(&self.marks, self.labels.as_ref());
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
        evented.off("zoomstart", self.on_zoom_start.as_ref());
        self.redraw_after_move.live.set(false);
        evented.off("movestart", self.on_move_start.as_ref());
        self.resize_observer.disconnect();
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

/// A click on a cluster zooms in two levels around its centre (a single's click opens its vacancy).
fn zoom_into_cluster(map: &Map, event: &JsValue) {
    let Ok(cluster) = js_sys::Reflect::get(event, &"layer".into()) else {
        return;
    };
    let cluster: CircleMarker = cluster.unchecked_into();
    map.set_view(&cluster.get_lat_lng(), (map.get_zoom() + 2.0).min(18.0));
}
