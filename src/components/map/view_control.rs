//! Who decides what the map shows: the app frames it until the person moves it themselves.

use super::js::object;
use leaflet::{LatLng, LatLngBounds, Map};
use passerelle_core::geo::BoundingBox;
use std::cell::Cell;
use web_sys::HtmlElement;

/// Whether the view may still be framed for the person, or they have moved it themselves.
#[derive(Default)]
pub struct ViewControl {
    /// Set while the app itself moves the map, so its own `movestart` is not taken for the person's.
    pub moving_ourselves: Cell<bool>,
    /// The person panned or zoomed since the home towns were last set: their view is left alone.
    pub moved_by_person: Cell<bool>,
    /// The last frame the app chose, fitted again when the map's size changes.
    pub frame: Cell<Option<BoundingBox>>,
}

impl ViewControl {
    /// Fits `map` to the chosen frame, unless the person has moved it or it has no size yet
    /// (a hidden tab: the resize observer fits it when it appears).
    pub fn fit(&self, map: &Map, element: &HtmlElement) {
        let Some(frame) = self.frame.get() else {
            return;
        };
        if self.moved_by_person.get() || element.client_width() == 0 || element.client_height() == 0
        {
            return;
        }
        let bounds = LatLngBounds::new(
            &LatLng::new(frame.min.lat, frame.min.lon),
            &LatLng::new(frame.max.lat, frame.max.lon),
        );
        // Without animation Leaflet moves synchronously, so its `movestart` fires while the flag is set.
        self.moving_ourselves.set(true);
        map.fit_bounds_with_options(&bounds, &object(&[("animate", false.into())]));
        self.moving_ourselves.set(false);
    }
}
