//! The map: the one owner of Leaflet. Created once when its element mounts, removed on cleanup;
//! reactive inputs update it through [`leaflet_map::LeafletMap`], never one effect per marker.

mod boundaries;
mod js;
mod leaflet_loader;
mod leaflet_map;
mod marks;
mod place_labels;
mod view_control;

use crate::i18n::*;
pub use leaflet_loader::load_leaflet;
use leaflet_map::LeafletMap;
use leptos::html::Div;
use leptos::prelude::*;
use passerelle_core::cluster::ClusterInput;
use passerelle_core::filter::SearchArea;
use passerelle_core::loading::LoadedVacancies;
use passerelle_core::{FitClass, LatLon, Municipality};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// A home town and its search circle (a counsellor may search around several).
#[derive(Debug, Clone, PartialEq)]
pub struct HomeArea {
    pub town: &'static Municipality,
    pub radius_km: f64,
}

impl HomeArea {
    pub fn area(&self) -> SearchArea {
        SearchArea::new(self.town.location, self.radius_km)
    }
}

/// A vacancy as the map needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapPoint {
    pub id: u32,
    /// How the vacancy's Dutch fits the person's: the mark's colour and shape.
    pub class: FitClass,
    /// What the clustering reads: the Web Mercator position worked out once as the vacancy
    /// landed, and the class.
    pub input: ClusterInput,
}

impl MapPoint {
    /// The point of the load's vacancy at `index`, read from the load's index columns: every
    /// filter change builds one per vacancy shown (50,000 around Wavre).
    pub fn of_loaded(loaded: &LoadedVacancies, index: usize, class: FitClass) -> Option<Self> {
        let (id, world) = loaded.index().id_and_world(index)?;
        Some(Self {
            id,
            class,
            input: ClusterInput {
                world,
                class: class.index(),
            },
        })
    }

    /// The points of the load's vacancies at these `(index, class)`: every filter change
    /// builds one per vacancy shown (50,000 around Wavre), in a vector sized once.
    pub fn all_of(
        loaded: &LoadedVacancies,
        shown: impl ExactSizeIterator<Item = (usize, FitClass)>,
    ) -> Arc<Vec<Self>> {
        let mut points = Vec::with_capacity(shown.len());
        points.extend(shown.filter_map(|(index, class)| Self::of_loaded(loaded, index, class)));
        Arc::new(points)
    }

    pub fn location(&self) -> LatLon {
        self.input.location()
    }
}

impl std::borrow::Borrow<ClusterInput> for MapPoint {
    fn borrow(&self) -> &ClusterInput {
        &self.input
    }
}

/// Base-map tiles; `None` draws the map from the shipped GeoJSON alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiles {
    pub url: String,
}

/// The titles (and accessible names) of the zoom buttons, in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoomTitles {
    pub zoom_in: String,
    pub zoom_out: String,
}

/// The Leaflet map with the regions, the language border, the home circles and the vacancies.
///
/// `points_complete` tells the map when `points` is the whole answer for `homes` (it then
/// frames the view on them once, and marks itself `data-ready`, which the browser tests wait for).
#[component]
pub fn VacancyMap(
    #[prop(into)] homes: Signal<Vec<HomeArea>>,
    #[prop(into)] points: Signal<Arc<Vec<MapPoint>>>,
    #[prop(into)] points_complete: Signal<bool>,
    /// A vacancy to ring (hovered or selected in the list).
    #[prop(into)]
    highlight: Signal<Option<LatLon>>,
    /// Called with a vacancy id when its point is clicked.
    on_select: Callback<u32>,
    /// On phones the map sits in a tab; Leaflet must re-measure when it appears.
    #[prop(into)]
    visible: Signal<bool>,
    tiles: Option<Tiles>,
    #[prop(into)] label: Signal<String>,
    /// Says the circle is straight-line and indicative.
    #[prop(into)]
    circle_label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let zoom_titles = Memo::new(move |_| ZoomTitles {
        zoom_in: t_string!(i18n, map_zoom_in).to_string(),
        zoom_out: t_string!(i18n, map_zoom_out).to_string(),
    });
    let container = NodeRef::<Div>::new();
    let map: StoredValue<Option<Rc<RefCell<LeafletMap>>>, LocalStorage> =
        StoredValue::new_local(None);

    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        if map.with_value(Option::is_some) {
            return;
        }
        match LeafletMap::new(&el, tiles.as_ref(), &zoom_titles.get_untracked(), on_select) {
            Ok(created) => {
                let created = Rc::new(RefCell::new(created));
                boundaries::load_into(Rc::clone(&created));
                map.set_value(Some(created));
            }
            Err(e) => leptos::logging::error!("map could not start: {e:?}"),
        }
    });

    // One effect for the homes and the points: framing needs both as they are at the same moment.
    Effect::new(move |_| {
        let homes = homes.get();
        let points = points.get();
        let complete = points_complete.get();
        map.with_value(|m| {
            if let Some(m) = m {
                m.borrow_mut().show(&homes, points, complete);
            }
        });
    });

    Effect::new(move |_| {
        let titles = zoom_titles.get();
        map.with_value(|m| {
            if let Some(m) = m {
                m.borrow().set_zoom_titles(&titles);
            }
        });
    });

    Effect::new(move |_| {
        let at = highlight.get();
        map.with_value(|m| {
            if let Some(m) = m {
                m.borrow_mut().set_highlight(at);
            }
        });
    });

    Effect::new(move |_| {
        if visible.get() {
            map.with_value(|m| {
                if let Some(m) = m {
                    m.borrow().refresh_size();
                }
            });
        }
    });

    on_cleanup(move || {
        if let Some(m) = map.try_update_value(Option::take).flatten() {
            m.borrow_mut().remove();
        }
    });

    view! {
        <p class="map-caption">{circle_label}</p>
        <div id="map" class="map" node_ref=container role="region" aria-label=label></div>
    }
}
