//! The counts per Dutch level, kept up to date as pages arrive: only the new vacancies are
//! counted, and a change of filters (or a new load) counts everything once, as `vacancies::Rows`
//! does for the list.

use crate::vacancies::LoadState;
use passerelle_core::level_payoff::LevelCounts;
use passerelle_core::view_state::{MyDutch, Reach, ViewState};

/// The counts of one load under one set of filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LevelTally {
    generation: u64,
    /// The view with what does not change the counts left out (the person's level, the reach,
    /// the open vacancy, the language).
    key: Option<ViewState>,
    scanned: usize,
    pub counts: LevelCounts,
}

impl LevelTally {
    /// What of `state` the counts depend on: the person's level and reach only move the
    /// chart's marker, the open vacancy and the language nothing.
    fn counted_view(state: &ViewState) -> ViewState {
        ViewState {
            dutch: MyDutch::Unknown,
            reach: Reach::All,
            vacancy: None,
            applying: false,
            lang: None,
            ..state.clone()
        }
    }

    /// The counts for `load` under `state`, reusing `previous` when only new vacancies arrived.
    /// Returns whether anything changed.
    pub fn update(
        previous: Option<LevelTally>,
        load: &LoadState,
        state: &ViewState,
    ) -> (LevelTally, bool) {
        let key = Self::counted_view(state);
        let (mut tally, fresh) = match previous {
            Some(p) if p.generation == load.generation && p.key.as_ref() == Some(&key) => {
                (p, false)
            }
            _ => (
                LevelTally {
                    generation: load.generation,
                    key: Some(key),
                    ..LevelTally::default()
                },
                true,
            ),
        };
        if tally.scanned == load.vacancies.len() && !fresh {
            return (tally, false);
        }
        let before = tally.counts;
        tally
            .counts
            .count_loaded(&load.vacancies, tally.scanned, state);
        tally.scanned = load.vacancies.len();
        let changed = fresh || tally.counts != before;
        (tally, changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::filter::SearchArea;
    use passerelle_core::loading::{CheckedPage, LoadedVacancies};
    use passerelle_core::{municipality, DutchLevel};

    fn mons() -> &'static passerelle_core::Municipality {
        municipality::by_nis("53053").expect("Mons")
    }

    fn homes() -> Vec<SearchArea> {
        vec![SearchArea::new(mons().location, 60.0)]
    }

    fn pages(count: u32, per_page: usize) -> Vec<CheckedPage> {
        passerelle_core::fixtures::pages_around(mons().location, count, per_page)
    }

    fn view(keyword: &str, radius_km: u8) -> ViewState {
        ViewState {
            town: Some(mons()),
            dutch: MyDutch::Level(DutchLevel::Basic),
            keyword: keyword.into(),
            radius_km,
            ..ViewState::default()
        }
    }

    fn new_load() -> LoadState {
        LoadState {
            vacancies: LoadedVacancies::new(homes()),
            generation: 1,
            ..LoadState::default()
        }
    }

    #[test]
    fn counts_kept_page_by_page_equal_counts_of_everything_at_once() {
        let state = view("lasser", 40);
        let mut load = new_load();
        let mut tally = None;
        for page in pages(2_000, 300) {
            load.vacancies.accept(0, page).expect("well-formed page");
            tally = Some(LevelTally::update(tally, &load, &state).0);
        }
        let tally = tally.expect("some pages");
        let at_once = LevelCounts::of(load.vacancies.items(), &homes(), &state);
        assert_eq!(tally.counts, at_once);
        assert!(tally.counts.total() > 0);
    }

    #[test]
    fn a_filter_change_counts_again_but_a_new_level_does_not() {
        let mut load = new_load();
        for page in pages(500, 100) {
            load.vacancies.accept(0, page).expect("well-formed page");
        }
        let (wide, _) = LevelTally::update(None, &load, &view("", 60));
        let (narrow, changed) = LevelTally::update(Some(wide.clone()), &load, &view("", 10));
        assert!(changed);
        assert!(narrow.counts.total() < wide.counts.total());
        // The person's level and reach move the marker, not the counts: nothing to recount.
        let medium = ViewState {
            dutch: MyDutch::Level(DutchLevel::Medium),
            reach: Reach::Within,
            ..view("", 10)
        };
        let (same, changed) = LevelTally::update(Some(narrow.clone()), &load, &medium);
        assert!(!changed);
        assert_eq!(same, narrow);
    }

    #[test]
    fn the_counted_view_counts_as_the_view_it_comes_from() {
        let mut load = new_load();
        for page in pages(500, 100) {
            load.vacancies.accept(0, page).expect("well-formed page");
        }
        let state = ViewState {
            dutch: MyDutch::Level(DutchLevel::Basic),
            reach: Reach::Within,
            vacancy: Some(7),
            ..view("lasser", 40)
        };
        let counted = LevelTally::counted_view(&state);
        assert_eq!(LevelTally::counted_view(&counted), counted);
        let (from_view, _) = LevelTally::update(None, &load, &state);
        let (from_counted, _) = LevelTally::update(None, &load, &counted);
        assert_eq!(from_counted, from_view);
        assert!(from_view.counts.total() > 0);
        // A filter the counts depend on stays in it.
        assert_ne!(LevelTally::counted_view(&view("", 40)), counted);
    }

    #[test]
    fn a_new_load_starts_the_counts_from_nothing() {
        // Regression guard: counts of the previous town must not add up with the next town's.
        let mut old = new_load();
        old.vacancies
            .accept(0, pages(50, 50).remove(0))
            .expect("well-formed page");
        let (tally, _) = LevelTally::update(None, &old, &view("", 60));
        assert!(tally.counts.total() > 0);
        let newer = LoadState {
            generation: 2,
            ..new_load()
        };
        let (renewed, changed) = LevelTally::update(Some(tally), &newer, &view("", 60));
        assert!(changed);
        assert_eq!(renewed.counts.total(), 0);
    }
}
