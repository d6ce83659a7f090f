//! The counsellor intake desk (issue 8): several home towns with their own radius, the
//! person's Dutch level, a dense keyboard-driven table beside the map, and a shortlist with
//! notes that downloads as CSV. The state lives in the URL (`passerelle_core::desk::DeskState`),
//! so a link reproduces the view; this folder only wires it to signals and the DOM.
//!
//! - [`towns`]: the towns, their radii and the Dutch level;
//! - [`table`]: the sorted table, 50 rows a page, and the vacancy opened from it;
//! - [`shortlist`]: the shortlist panel, the course hint and "new intake";
//! - [`filters`]: occupations of interest, contract and working time;
//! - [`handover`]: print, the person's link and QR code, and the CSV download;
//! - [`export`]: the shortlist as a CSV download.

mod export;
mod filters;
mod handover;
mod shortlist;
mod table;
pub(crate) mod towns;

use crate::api::use_api;
use crate::components::map::{HomeArea, MapPoint, Tiles, VacancyMap};
use crate::components::results::LoadSummary;
use crate::components::source_attribution::SourceAttribution;
use crate::components::status::DroppedParamsNotice;
use crate::focus::focus_after_render;
use crate::i18n::*;
use crate::url_state::{use_desk_navigator, use_desk_state, zone_href, UrlSynced, UrlWrite};
use crate::vacancies::{use_vacancy_load, LoadState, RetryPolicy, VacancyLoad};
use filters::DeskFilters;
use handover::DeskHandover;
use leptos::prelude::*;
use leptos_meta::Title;
use passerelle_core::desk::{desk_rows, sort_rows, DeskRow, DeskState};
use passerelle_core::dutch::FitClass;
use passerelle_core::filter::SearchArea;
use passerelle_core::zone::{ZoneArea, ZoneView};
use shortlist::ShortlistPanel;
use table::DeskTable;
use towns::DeskTowns;

/// Whether this deployment offers the desk (`config.json`'s `counsellor_desk`, never on a kiosk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskEnabled(pub bool);

/// The desk's state and load, provided once by the page: every part of the desk reads these
/// page-owned signals (see `url_state::CurrentView` for why not per-view wrappers).
#[derive(Clone, Copy)]
pub struct Desk {
    /// The desk as the counsellor edits it; the URL follows (see `url_state::UrlSynced`).
    pub state: RwSignal<DeskState>,
    pub load: VacancyLoad,
    /// The table's rows, sorted, over the whole load.
    pub rows: Memo<Vec<DeskRow>>,
}

impl Desk {
    /// Applies an edit to the desk (the URL follows).
    pub fn edit(&self, change: impl FnOnce(&mut DeskState)) {
        self.state.update(change);
    }
}

/// The desk of the page, provided by [`DeskPage`].
pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}

/// The table's rows over the whole load, each vacancy once at its nearest town, in the
/// desk's order; recomputed as pages land and when the towns, filter or order change.
fn table_rows(
    state: RwSignal<DeskState>,
    areas: Memo<Vec<SearchArea>>,
    load: ReadSignal<LoadState>,
) -> Memo<Vec<DeskRow>> {
    let filter = Memo::new(move |_| state.with(DeskState::filter));
    let sort = Memo::new(move |_| state.with(|s| s.sort));
    Memo::new(move |_| {
        load.with(|l| {
            let items = l.vacancies.items();
            let mut rows = desk_rows(items, &areas.read(), &filter.read());
            sort_rows(&mut rows, items, sort.get());
            rows
        })
    })
}

#[component]
pub fn DeskPage(tiles: Option<Tiles>) -> impl IntoView {
    let enabled = use_context::<DeskEnabled>().is_some_and(|d| d.0);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, page_title_desk).to_string() />
        {if enabled {
            view! { <DeskView tiles=tiles /> }.into_any()
        } else {
            view! {
                <div class="start-page">
                    <h1>{t!(i18n, desk_title)}</h1>
                    <p class="notice notice-info">{t!(i18n, desk_disabled)}</p>
                </div>
            }
            .into_any()
        }}
    }
}

#[component]
fn DeskView(tiles: Option<Tiles>) -> impl IntoView {
    let i18n = use_i18n();
    let url = use_desk_state();
    let navigate = use_desk_navigator();
    // The desk's edits all replace the current entry (see `use_desk_navigator`).
    let state = UrlSynced::new(url, UrlWrite::AtOnce, move |s, _| navigate(s)).state();
    let areas: Memo<Vec<SearchArea>> = Memo::new(move |_| state.with(DeskState::search_areas));
    let load = use_vacancy_load(use_api(), areas, RetryPolicy::default());
    let rows = table_rows(state, areas, load.state);
    let desk = Desk { state, load, rows };
    provide_context(desk);

    let dutch = Memo::new(move |_| state.with(|s| s.dutch.level()));
    let points = Signal::derive(move || {
        let mine = dutch.get();
        load.state.with(|l| {
            let items = l.vacancies.items();
            MapPoint::all_of(
                &l.vacancies,
                rows.read().iter().map(|r| {
                    let level = items.get(r.index).and_then(|v| v.dutch_level);
                    (r.index, FitClass::of_vacancy(level, mine))
                }),
            )
        })
    });
    let homes = Memo::new(move |_| {
        state.with(|s| {
            s.towns()
                .iter()
                .map(|t| HomeArea {
                    town: t.municipality,
                    radius_km: f64::from(t.radius_km),
                })
                .collect::<Vec<_>>()
        })
    });
    let points_complete = Memo::new(move |_| load.state.with(|s| s.is_complete_for(&areas.read())));
    // The row opened from the table or the map.
    let opened = RwSignal::new(None::<u32>);
    let has_towns = Memo::new(move |_| !areas.read().is_empty());
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_after_render(heading);
    // The zone analysis opens on the arrondissement of the first town (one step from its zone).
    let zone_link = move || {
        state.with(|s| {
            zone_href(&ZoneView {
                area: s.towns().first().and_then(|t| {
                    ZoneArea::parse(&format!("arr:{}", &t.municipality.nis_code[..2]))
                }),
                lang: s.lang,
                ..ZoneView::default()
            })
        })
    };

    view! {
        <div class="desk-page">
            <section class="desk-main" aria-labelledby="desk-heading">
                <h1 id="desk-heading" tabindex="-1" node_ref=heading>{t!(i18n, desk_title)}</h1>
                <p class="hint">{t!(i18n, desk_intro)}</p>
                <p class="desk-zone-link"><a href=zone_link>{t!(i18n, zone_link)}</a></p>
                <DroppedParamsNotice dropped=Signal::derive(move || url.read().1.clone()) />
                <DeskTowns />
                <DeskFilters />
                <Show
                    when=move || has_towns.get()
                    fallback=move || view! { <p class="notice notice-info">{t!(i18n, desk_no_towns)}</p> }
                >
                    <LoadSummary
                        load=load
                        count=Signal::derive(move || rows.read().len())
                        within=Signal::derive(move || t_string!(i18n, desk_within).to_string())
                    />
                </Show>
                <DeskTable opened=opened />
            </section>
            <aside class="desk-side">
                <div class="desk-map">
                    <VacancyMap
                        homes=homes
                        points=points
                        points_complete=points_complete
                        highlight=Signal::derive(move || {
                            let id = opened.get()?;
                            load.state.with(|l| l.vacancies.by_id(id).map(|v| v.location()))
                        })
                        on_select=Callback::new(move |id| opened.set(Some(id)))
                        visible=Signal::derive(|| true)
                        tiles=tiles.clone()
                        label=Signal::derive(move || t_string!(i18n, desk_map_label).to_string())
                        circle_label=Signal::derive(move || t_string!(i18n, desk_circle_label).to_string())
                    />
                    <SourceAttribution forem=Signal::derive(move || load.state.with(|l| l.vacancies.traits().from_forem > 0)) />
                </div>
                <ShortlistPanel />
                <DeskHandover />
            </aside>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::fixtures::vacancy;
    use passerelle_core::loading::{CheckedPage, LoadedVacancies};
    use passerelle_core::municipality::by_nis;

    fn mons_and_tournai() -> DeskState {
        let mut state = DeskState::default();
        for nis in ["53053", "57081"] {
            state.add_town(by_nis(nis).unwrap(), 60).unwrap();
        }
        state
    }

    #[test]
    fn a_vacancy_found_around_both_towns_is_one_row_at_the_nearer_town() {
        // The loader dedups by id; the table must not count the second town's copy again.
        let owner = Owner::new();
        owner.set();
        let state = RwSignal::new(mons_and_tournai());
        let areas = Memo::new(move |_| state.with(DeskState::search_areas));
        let load = RwSignal::new(LoadState {
            vacancies: LoadedVacancies::new(areas.get_untracked()),
            ..LoadState::default()
        });
        let rows = table_rows(state, areas, load.read_only());
        assert!(rows.get_untracked().is_empty());
        for area in 0..2 {
            load.update(|l| {
                let page = CheckedPage {
                    total: 1,
                    items: vec![vacancy(7)],
                    next: None,
                    dropped: 0,
                };
                let _ = l.vacancies.accept(area, page);
            });
        }
        let rows = rows.get_untracked();
        assert_eq!(rows.len(), 1);
        // Kortrijk (the fixture's place) lies nearer Tournai than Mons.
        assert_eq!(rows[0].town, 1);
    }

    #[test]
    fn edits_in_quick_succession_each_see_the_previous_one() {
        // Regression guard: S, ↓, S pressed before the router publishes the new address must
        // keep both picks, so edits apply to the page's state, not to the URL as last parsed.
        let owner = Owner::new();
        owner.set();
        let state = RwSignal::new(mons_and_tournai());
        let load = VacancyLoad {
            state: RwSignal::new(LoadState::default()).read_only(),
            retry: Callback::new(|_| {}),
        };
        let desk = Desk {
            state,
            load,
            rows: Memo::new(|_| Vec::new()),
        };
        desk.edit(|s| {
            let _ = s.toggle_shortlisted(4);
        });
        desk.edit(|s| {
            let _ = s.toggle_shortlisted(5);
        });
        let ids: Vec<u32> =
            state.with_untracked(|s| s.shortlist.entries().iter().map(|e| e.id).collect());
        assert_eq!(ids, vec![4, 5]);
    }
}
