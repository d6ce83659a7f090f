//! The zone analysis (issue 9) for counsellors and planners: for an IRM zone, a Walloon
//! arrondissement or one town, the Flemish vacancies within reach of any of its towns as
//! occupation × Dutch level, with totals, the share reachable at each level, a bar chart of
//! the largest occupations and a CSV for Excel. The counting is the core's
//! (`passerelle_core::zone`); this folder wires it to the shared loader and the DOM.
//!
//! - [`controls`]: the area, radius and filters;
//! - [`table`]: the sortable table and its totals;
//! - [`chart`]: the largest occupations as bars;
//! - [`export`]: the CSV download.
//!
//! The zones come from the deployment's `data/irm-zones.csv`, read at run time so a deployment
//! can replace it without a rebuild.

mod chart;
mod controls;
mod export;
mod table;

use crate::api::{get_static_text, use_api};
use crate::components::desk::DeskEnabled;
use crate::components::results::LoadSummary;
use crate::components::status::DroppedParamsNotice;
use crate::focus::focus_after_render;
use crate::i18n::*;
use crate::url_state::{desk_href, use_zone_navigator, use_zone_view};
use crate::vacancies::{use_vacancy_load, LoadState, RetryPolicy, VacancyLoad};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_use::signal_throttled;
use passerelle_core::desk::DeskState;
use passerelle_core::filter::{SearchArea, VacancyFilter};
use passerelle_core::municipality::Municipality;
use passerelle_core::occupation::row_occupation;
use passerelle_core::zone::{
    covering_areas, OccupationRow, ZoneArea, ZoneCount, ZoneMap, ZoneReach, ZoneTable, ZoneView,
};
use std::sync::Arc;

/// Where the deployment's zone file is served (beside `index.html`).
const ZONE_FILE: &str = "/data/irm-zones.csv";

/// The zone file as read, or why it could not be.
#[derive(Debug, Clone, PartialEq)]
enum ZoneFile {
    Loading,
    Read(Arc<ZoneMap>),
    Unusable(String),
}

async fn read_zone_file() -> ZoneFile {
    match get_static_text(ZONE_FILE).await {
        Ok(text) => match ZoneMap::parse(&text) {
            Ok(zones) => ZoneFile::Read(Arc::new(zones)),
            Err(e) => ZoneFile::Unusable(format!("{ZONE_FILE}: {e}")),
        },
        Err(e) => ZoneFile::Unusable(format!("{ZONE_FILE}: {e}")),
    }
}

/// A zone's name: the three known zones translated, any other as the file spells it.
pub fn zone_name(i18n: I18nContext<Locale>, zone: &str) -> String {
    match zone {
        "west" => t_string!(i18n, zone_name_west).to_string(),
        "centre" => t_string!(i18n, zone_name_centre).to_string(),
        "east" => t_string!(i18n, zone_name_east).to_string(),
        other => t_string!(i18n, zone_name_other, zone = other).to_string(),
    }
}

/// The area's name as the page and the CSV give it.
pub fn area_name(i18n: I18nContext<Locale>, area: &ZoneArea, zones: &ZoneMap) -> String {
    match area {
        ZoneArea::Zone(id) => zone_name(i18n, id),
        ZoneArea::Arrondissement(nis) => zones
            .arrondissements()
            .iter()
            .find(|a| a.nis == *nis)
            .map_or_else(|| nis.clone(), |a| a.name.clone()),
        ZoneArea::Town(m) => m
            .name_in(locale_code(i18n.get_locale_untracked()))
            .to_owned(),
    }
}

/// The page's state, load and running count, provided once by the page: every part reads
/// these page-owned signals (see `url_state::CurrentView` for why).
#[derive(Clone, Copy)]
pub struct Zone {
    pub view: Memo<ZoneView>,
    pub zones: StoredValue<Arc<ZoneMap>>,
    pub towns: Memo<Vec<&'static Municipality>>,
    pub load: VacancyLoad,
    /// The count of the current load (`None` before its first page).
    pub count: Memo<Option<ZoneCount>>,
    /// The table as drawn: the count's, at most twice a second while pages arrive.
    pub shown: Memo<Option<ZoneTable>>,
    write: Callback<ZoneView>,
}

impl Zone {
    /// Applies an edit (the URL follows, and the page with it).
    pub fn edit(&self, change: impl FnOnce(&mut ZoneView)) {
        let mut view = self.view.get_untracked();
        change(&mut view);
        self.write.run(view);
    }
}

pub fn use_zone() -> Zone {
    expect_context::<Zone>()
}

#[component]
pub fn ZonePage() -> impl IntoView {
    let enabled = use_context::<DeskEnabled>().is_some_and(|d| d.0);
    let i18n = use_i18n();
    let file = RwSignal::new(ZoneFile::Loading);
    if enabled {
        spawn_local(async move {
            let read = read_zone_file().await;
            file.try_set(read);
        });
    }
    view! {
        <Title text=move || t_string!(i18n, page_title_zone).to_string() />
        {move || match (enabled, file.get()) {
            (false, _) => view! {
                <div class="start-page">
                    <h1>{t!(i18n, zone_title)}</h1>
                    <p class="notice notice-info">{t!(i18n, desk_disabled)}</p>
                </div>
            }
            .into_any(),
            (true, ZoneFile::Loading) => view! {
                <div class="start-page"><p role="status">{t!(i18n, count_loading)}</p></div>
            }
            .into_any(),
            (true, ZoneFile::Read(zones)) => view! { <ZoneAnalysis zones=zones problem=None /> }.into_any(),
            // Without a usable zone file the arrondissements and zones are gone, but a town's
            // analysis still works: say why and offer that.
            (true, ZoneFile::Unusable(why)) => {
                view! { <ZoneAnalysis zones=Arc::new(ZoneMap::default()) problem=Some(why) /> }.into_any()
            }
        }}
    }
}

/// The count of the load in progress, carried over from page to page: each page is examined
/// once as it lands, a filter change recounts what is already in reach, and a load of other
/// searches (other towns or radius) starts a new count. `None` until the load for the current
/// `areas` has its first page, so a table never mixes two areas.
fn running_count(
    load: ReadSignal<LoadState>,
    areas: Memo<Vec<SearchArea>>,
    filter: Memo<VacancyFilter>,
    reach: impl Fn() -> ZoneReach + Send + Sync + 'static,
) -> Memo<Option<ZoneCount>> {
    let counted_load = StoredValue::new(None::<u64>);
    Memo::new_owning(move |previous: Option<Option<ZoneCount>>| {
        let filter = filter.get();
        let counted = load.with(|l| {
            let current = l
                .vacancies
                .areas()
                .iter()
                .map(|a| a.area)
                .eq(areas.read().iter().copied());
            if !current || !l.vacancies.has_first_page() {
                return None;
            }
            let items = l.vacancies.items();
            let mut count = match previous.flatten() {
                Some(count) if counted_load.get_value() == Some(l.generation) => count,
                _ => {
                    counted_load.set_value(Some(l.generation));
                    ZoneCount::new(reach(), filter.clone())
                }
            };
            count.set_filter(filter, items);
            count.extend(items);
            Some(count)
        });
        (counted, true)
    })
}

/// An occupation's row as the table and the chart show it: its name in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub struct OccupationLine {
    pub name: String,
    pub bottleneck: bool,
    pub by_level: [u32; 6],
    /// Vacancies that state no Dutch level.
    pub unstated: u32,
    pub total: u32,
}

/// The rows `pick` takes from the table (none before the first page), named in `lang`.
pub fn occupation_lines(
    table: Memo<Option<ZoneTable>>,
    pick: impl Fn(&ZoneTable) -> Vec<&OccupationRow>,
    lang: &str,
) -> Vec<OccupationLine> {
    table.with(|t| {
        t.as_ref()
            .map(|t| {
                pick(t)
                    .into_iter()
                    .map(|r| OccupationLine {
                        name: row_occupation(r, lang),
                        bottleneck: r.bottleneck,
                        by_level: r.by_level,
                        unstated: r.unstated,
                        total: r.total(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The towns' positions and the radius, the two things a count's reach depends on.
fn reach_of(towns: &[&'static Municipality], radius_km: u8) -> ZoneReach {
    let points: Vec<_> = towns.iter().map(|m| m.location).collect();
    ZoneReach::new(&points, f64::from(radius_km))
}

#[component]
fn ZoneAnalysis(zones: Arc<ZoneMap>, problem: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let url = use_zone_view();
    let view = Memo::new(move |_| url.read().0.clone());
    let zones = StoredValue::new(zones);
    let towns = Memo::new(move |_| {
        view.with(|v| {
            v.area
                .as_ref()
                .map(|a| zones.with_value(|z| a.towns(z)))
                .unwrap_or_default()
        })
    });
    let radius = Memo::new(move |_| view.with(|v| v.radius_km));
    let areas: Memo<Vec<SearchArea>> = Memo::new(move |_| {
        let points: Vec<_> = towns.read().iter().map(|m| m.location).collect();
        covering_areas(&points, f64::from(radius.get()))
    });
    let load = use_vacancy_load(use_api(), areas, RetryPolicy::default());
    let filter = Memo::new(move |_| view.with(ZoneView::filter));

    let count = running_count(load.state, areas, filter, move || {
        reach_of(&towns.get_untracked(), radius.get_untracked())
    });
    // The table and the chart are redrawn at most twice a second while pages arrive, and at
    // once when the last one has: redrawing them for each of 150 pages kept the browser busy
    // with layout (profile of the west zone: 3.4 s of layout and paint, 2 s of script), and no
    // one reads a table that changes six times a second.
    let table = Memo::new(move |_| count.with(|c| c.as_ref().map(|c| c.table().clone())));
    let throttled = signal_throttled(table, 500.0);
    let complete = Memo::new(move |_| load.state.with(|l| l.is_complete()));
    let shown = Memo::new(move |_| {
        if complete.get() {
            table.get()
        } else {
            throttled.get()
        }
    });
    let navigate = use_zone_navigator();
    provide_context(Zone {
        view,
        zones,
        towns,
        load,
        count,
        shown,
        write: Callback::new(move |v: ZoneView| navigate(&v)),
    });

    let total = Signal::derive(move || {
        count.with(|c| c.as_ref().map_or(0, |c| c.table().total() as usize))
    });
    let within =
        Signal::derive(move || t_string!(i18n, zone_within, km = radius.get()).to_string());
    let has_area = Memo::new(move |_| view.with(|v| v.area.is_some()));
    let unknown_area = Memo::new(move |_| has_area.get() && towns.read().is_empty());
    let desk_link = move || {
        let mut desk = DeskState::default();
        desk.lang = view.with(|v| v.lang);
        desk_href(&desk)
    };
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_after_render(heading);
    let problem_text = problem.map(|why| t_string!(i18n, zone_file_error, error = why).to_string());

    view! {
        <div class="zone-page">
            <p class="zone-back"><a href=desk_link>{t!(i18n, zone_back_to_desk)}</a></p>
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, zone_title)}</h1>
            <p class="hint">{t!(i18n, zone_intro)}</p>
            {problem_text.map(|text| view! { <p class="notice notice-error" role="alert">{text}</p> })}
            <DroppedParamsNotice dropped=Signal::derive(move || url.read().1.clone()) />
            <controls::ZoneControls />
            <Show
                when=move || has_area.get() && !unknown_area.get()
                fallback=move || view! {
                    <p class="notice notice-info">
                        {move || if unknown_area.get() {
                            t_string!(i18n, zone_unknown_area).to_string()
                        } else {
                            t_string!(i18n, zone_no_area).to_string()
                        }}
                    </p>
                }
            >
                <LoadSummary load=load count=total within=within />
                <export::ZoneCsvButton />
                <chart::ZoneChart />
                <table::ZoneTableView />
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::api::VacancySummary;
    use passerelle_core::fixtures::vacancy;
    use passerelle_core::loading::{CheckedPage, LoadedVacancies};
    use passerelle_core::municipality::by_nis;
    use passerelle_core::DutchLevel;

    fn near(id: u32, lat: f64, lon: f64, level: DutchLevel, bottleneck: bool) -> VacancySummary {
        VacancySummary {
            lat,
            lon,
            dutch_level: Some(level),
            bottleneck,
            ..vacancy(id)
        }
    }

    fn page(items: Vec<VacancySummary>, next: Option<&str>) -> CheckedPage {
        CheckedPage {
            total: 4,
            items,
            next: next.map(str::to_owned),
            dropped: 0,
        }
    }

    #[test]
    fn the_count_follows_pages_filters_and_a_new_load_and_never_mixes_areas() {
        let owner = Owner::new();
        owner.set();
        let mons = by_nis("53053").unwrap();
        let tournai = by_nis("57081").unwrap();
        let cover = |towns: &[&'static Municipality]| {
            covering_areas(&towns.iter().map(|m| m.location).collect::<Vec<_>>(), 60.0)
        };
        let towns = RwSignal::new(vec![mons]);
        let areas = Memo::new(move |_| cover(&towns.read()));
        let load = RwSignal::new(LoadState {
            vacancies: LoadedVacancies::new(cover(&[mons])),
            generation: 1,
            ..LoadState::default()
        });
        let bottleneck_only = RwSignal::new(false);
        let filter = Memo::new(move |_| VacancyFilter {
            bottleneck_only: bottleneck_only.get(),
            ..VacancyFilter::default()
        });
        let count = running_count(load.read_only(), areas, filter, move || {
            reach_of(&towns.get_untracked(), 60)
        });
        let total = move || count.with(|c| c.as_ref().map(|c| c.table().total()));
        assert_eq!(total(), None, "nothing before the first page");

        // Ghent is beyond 60 km of Mons: fetched by a wider search, never counted.
        let ghent = near(3, 51.05, 3.72, DutchLevel::Good, true);
        load.update(|l| {
            let _ = l.vacancies.accept(
                0,
                page(
                    vec![near(1, 50.75, 3.6, DutchLevel::Basic, true), ghent],
                    Some("c1"),
                ),
            );
        });
        assert_eq!(total(), Some(1));
        load.update(|l| {
            let _ = l.vacancies.accept(
                0,
                page(vec![near(2, 50.8, 4.0, DutchLevel::Medium, false)], None),
            );
        });
        assert_eq!(total(), Some(2));
        bottleneck_only.set(true);
        assert_eq!(total(), Some(1), "a filter recounts what is in reach");

        // Another town while the old load is still there: no table until the new load runs.
        towns.set(vec![mons, tournai]);
        assert_eq!(total(), None);
        load.set(LoadState {
            vacancies: LoadedVacancies::new(cover(&[mons, tournai])),
            generation: 2,
            ..LoadState::default()
        });
        // 63 km from Mons, 21 km from Tournai: counted with the new reach.
        load.update(|l| {
            let _ = l.vacancies.accept(
                0,
                page(vec![near(4, 50.75, 3.2, DutchLevel::None, true)], None),
            );
        });
        assert_eq!(total(), Some(1));
    }
}
