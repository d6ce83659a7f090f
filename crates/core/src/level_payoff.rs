//! "One more level": how many vacancies in reach ask at most each of VDAB's six Dutch levels, and
//! what the next level up would add for a person ("with medium instead of basic: +1,240 jobs").
//!
//! The counts use the results view's own filter (distance from the nearest home town, keyword,
//! contract, hours, bottleneck) with the Dutch level left out, so the count at a level is what
//! the map and the list show when that level is the limit, and what the API answers for
//! `dutch_max=<level>`.

use crate::api::VacancySummary;
use crate::dutch::{DutchLevel, FitClass};
use crate::filter::{nearest_home_km, SearchArea};
use crate::loading::LoadedVacancies;
use crate::vacancy_index::IndexQuery;
use crate::view_state::{MyDutch, ViewState};

/// How many vacancies in reach ask each Dutch level (not cumulative; see [`Self::at_most`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LevelCounts {
    asked: [u32; 6],
    /// Vacancies that state no Dutch level (Le Forem's): in the total, never "reachable".
    unstated: u32,
}

impl LevelCounts {
    /// Counts the vacancies that `state` shows around `homes` at some Dutch level.
    ///
    /// Example: `LevelCounts::of(load.items(), &homes, &view).at_most(DutchLevel::Basic)`.
    pub fn of<'v>(
        vacancies: impl IntoIterator<Item = &'v VacancySummary>,
        homes: &[SearchArea],
        state: &ViewState,
    ) -> Self {
        let mut counts = Self::default();
        counts.count(vacancies, homes, state);
        counts
    }

    /// Adds the vacancies that `state` shows around `homes` (e.g. a page that just arrived).
    pub fn count<'v>(
        &mut self,
        vacancies: impl IntoIterator<Item = &'v VacancySummary>,
        homes: &[SearchArea],
        state: &ViewState,
    ) {
        let filter = state.filter_at_every_level();
        let prepared = filter.prepare();
        for v in vacancies {
            let shown = nearest_home_km(homes, v.location())
                .is_some_and(|km| state.shows(&prepared, v, km));
            if shown {
                self.add(v.dutch_level);
            }
        }
    }

    /// Adds the vacancies of `load` from position `from` on that `state` shows, reading the
    /// load's index (distances from its areas' centres, worked out as pages landed).
    pub fn count_loaded(&mut self, load: &LoadedVacancies, from: usize, state: &ViewState) {
        let filter = state.filter_at_every_level();
        let query = IndexQuery::new(&filter);
        for hit in load
            .index()
            .select(load.items(), from, f64::from(state.radius_km), &query)
        {
            self.add(hit.level);
        }
    }

    /// Counts one vacancy asking `level` (`None`: it states none).
    pub fn add(&mut self, level: Option<DutchLevel>) {
        match level {
            Some(level) => self.asked[level as usize] += 1,
            None => self.unstated += 1,
        }
    }

    /// The vacancies in reach that state no Dutch level.
    pub fn unstated(&self) -> u32 {
        self.unstated
    }

    /// The vacancies asking `level` or less.
    pub fn at_most(&self, level: DutchLevel) -> u32 {
        self.asked[..=level as usize].iter().sum()
    }

    /// [`Self::at_most`] for every level, lowest first (the chart's six steps).
    pub fn cumulative(&self) -> [(DutchLevel, u32); 6] {
        let mut total = 0;
        DutchLevel::ALL.map(|level| {
            total += self.asked[level as usize];
            (level, total)
        })
    }

    /// [`Self::at_most`]`(level)` split by how each vacancy fits someone at `mine`, indexed by
    /// [`FitClass::index`]: the chart draws each part in its fit colour, so the step that one
    /// more level adds shows in the "reachable with a course" colour.
    pub fn at_most_by_fit(
        &self,
        level: DutchLevel,
        mine: Option<DutchLevel>,
    ) -> [u32; FitClass::ALL.len()] {
        let mut parts = [0; FitClass::ALL.len()];
        for asked in &DutchLevel::ALL[..=level as usize] {
            parts[usize::from(FitClass::of(*asked, mine).index())] += self.asked[*asked as usize];
        }
        parts
    }

    /// Every vacancy in reach, whatever Dutch it asks, stated or not.
    pub fn total(&self) -> u32 {
        self.asked.iter().sum::<u32>() + self.unstated
    }

    /// What one more level brings someone at `mine`; `None` when their level is unknown
    /// or already the highest.
    pub fn payoff(&self, mine: MyDutch) -> Option<Payoff> {
        let from = mine.level()?;
        let to = from.next()?;
        Some(Payoff {
            from,
            to,
            now: self.at_most(from),
            then: self.at_most(to),
        })
    }
}

/// The vacancies in reach at a person's level and at the next one up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payoff {
    pub from: DutchLevel,
    pub to: DutchLevel,
    /// Vacancies asking at most `from`.
    pub now: u32,
    /// Vacancies asking at most `to`.
    pub then: u32,
}

impl Payoff {
    /// The vacancies one more level adds.
    pub fn gained(&self) -> u32 {
        self.then - self.now
    }

    /// The gain as a whole percentage of `now`, rounded half up; `None` when nothing is in
    /// reach now (no percentage of zero means anything).
    pub fn percent(&self) -> Option<u32> {
        let now = u64::from(self.now);
        (now > 0).then(|| ((u64::from(self.gained()) * 100 + now / 2) / now) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ContractType, Regime};
    use crate::filter::VacancyFilter;
    use crate::geo::LatLon;
    use crate::haversine_km;
    use crate::municipality;
    use crate::view_state::Reach;
    use proptest::prelude::*;

    fn mons() -> &'static crate::Municipality {
        municipality::by_nis("53053").expect("Mons")
    }

    fn vacancy(id: u32, lat: f64, lon: f64, level: DutchLevel) -> VacancySummary {
        VacancySummary {
            title: "Lasser".into(),
            employer: "Bouwbedrijf Peeters".into(),
            lat,
            lon,
            dutch_level: Some(level),
            ..crate::fixtures::vacancy(id)
        }
    }

    fn view(dutch: MyDutch, radius_km: u8) -> ViewState {
        ViewState {
            town: Some(mons()),
            dutch,
            radius_km,
            ..ViewState::default()
        }
    }

    fn homes() -> Vec<SearchArea> {
        vec![SearchArea::new(mons().location, 60.0)]
    }

    #[test]
    fn offers_stating_no_level_are_in_the_total_but_never_reachable() {
        let mut counts = LevelCounts::default();
        counts.add(Some(DutchLevel::None));
        counts.add(None);
        counts.add(None);
        assert_eq!(counts.unstated(), 2);
        assert_eq!(counts.total(), 3);
        assert_eq!(counts.at_most(DutchLevel::VeryGood), 1);
    }

    #[test]
    fn counts_are_cumulative_from_none_to_very_good() {
        let mut counts = LevelCounts::default();
        for (level, n) in DutchLevel::ALL.into_iter().zip([3, 0, 2, 5, 1, 4]) {
            for _ in 0..n {
                counts.add(Some(level));
            }
        }
        let steps: Vec<u32> = counts.cumulative().iter().map(|(_, n)| *n).collect();
        assert_eq!(steps, vec![3, 3, 5, 10, 11, 15]);
        assert_eq!(counts.at_most(DutchLevel::Basic), 5);
        assert_eq!(counts.total(), 15);
    }

    #[test]
    fn the_persons_own_level_filter_does_not_narrow_the_curve() {
        // A basic speaker who keeps only "within my level" still sees what medium would bring.
        let home = mons().location;
        let all: Vec<_> = DutchLevel::ALL
            .into_iter()
            .enumerate()
            .map(|(i, l)| vacancy(i as u32 + 1, home.lat + 0.1, home.lon, l))
            .collect();
        let state = ViewState {
            reach: Reach::Within,
            ..view(MyDutch::Level(DutchLevel::Basic), 60)
        };
        let counts = LevelCounts::of(&all, &homes(), &state);
        assert_eq!(counts.total(), 6);
    }

    #[test]
    fn the_radius_and_other_filters_apply() {
        let home = mons().location;
        let near = vacancy(1, home.lat + 0.1, home.lon, DutchLevel::None); // ~11 km
        let far = vacancy(2, home.lat + 0.4, home.lon, DutchLevel::None); // ~44 km
        let mut cook = vacancy(3, home.lat + 0.1, home.lon, DutchLevel::Medium);
        cook.title = "Kok".into();
        let all = [near, far, cook];
        let at_20 = LevelCounts::of(&all, &homes(), &view(MyDutch::Unknown, 20));
        assert_eq!(at_20.total(), 2, "the 44 km vacancy is outside 20 km");
        let lassers = ViewState {
            keyword: "lasser".into(),
            ..view(MyDutch::Unknown, 60)
        };
        let counts = LevelCounts::of(&all, &homes(), &lassers);
        assert_eq!(
            counts.at_most(DutchLevel::VeryGood),
            2,
            "the cook is left out"
        );
    }

    #[test]
    fn payoff_is_the_next_level_with_its_gain_and_percentage() {
        let mut counts = LevelCounts::default();
        for (level, n) in DutchLevel::ALL
            .into_iter()
            .zip([1000, 500, 675, 1240, 300, 100])
        {
            for _ in 0..n {
                counts.add(Some(level));
            }
        }
        let payoff = counts
            .payoff(MyDutch::Level(DutchLevel::Basic))
            .expect("basic has a next level");
        assert_eq!(payoff.from, DutchLevel::Basic);
        assert_eq!(payoff.to, DutchLevel::Medium);
        assert_eq!((payoff.now, payoff.then), (2175, 3415));
        assert_eq!(payoff.gained(), 1240);
        assert_eq!(payoff.percent(), Some(57), "1240 / 2175 = 57.01 %");
    }

    #[test]
    fn each_step_splits_into_the_fit_colours_of_the_levels_it_holds() {
        let mut counts = LevelCounts::default();
        for (level, n) in DutchLevel::ALL.into_iter().zip([3, 0, 2, 5, 1, 4]) {
            for _ in 0..n {
                counts.add(Some(level));
            }
        }
        let basic = Some(DutchLevel::Basic);
        // [within, one above, beyond, unknown]
        assert_eq!(
            counts.at_most_by_fit(DutchLevel::Starter, basic),
            [3, 0, 0, 0, 0]
        );
        assert_eq!(
            counts.at_most_by_fit(DutchLevel::Medium, basic),
            [5, 5, 0, 0, 0]
        );
        assert_eq!(
            counts.at_most_by_fit(DutchLevel::VeryGood, basic),
            [5, 5, 5, 0, 0]
        );
        assert_eq!(
            counts.at_most_by_fit(DutchLevel::Good, None),
            [0, 0, 0, 11, 0]
        );
    }

    #[test]
    fn no_payoff_at_the_top_level_nor_for_an_unknown_level() {
        let mut counts = LevelCounts::default();
        counts.add(Some(DutchLevel::Good));
        assert_eq!(counts.payoff(MyDutch::Level(DutchLevel::VeryGood)), None);
        assert_eq!(counts.payoff(MyDutch::Unknown), None);
    }

    #[test]
    fn percent_rounds_half_up_and_is_none_from_zero() {
        let payoff = |now, then| Payoff {
            from: DutchLevel::None,
            to: DutchLevel::Starter,
            now,
            then,
        };
        assert_eq!(payoff(8, 9).percent(), Some(13), "12.5 % rounds up");
        assert_eq!(payoff(3, 4).percent(), Some(33));
        assert_eq!(payoff(0, 7).percent(), None);
        assert_eq!(payoff(0, 7).gained(), 7);
        assert_eq!(payoff(5, 5).percent(), Some(0));
    }

    // The property: for any vacancies and any filters, the count at each level equals a plain
    // count of the vacancies the API's search would return with `dutch_max` = that level (any
    // home within the radius, every other criterion of the view's filter).

    const TITLES: [&str; 3] = ["Lasser", "Kok", "Elektrotechnicus"];
    const KEYWORDS: [&str; 4] = ["", "kok", "LASSER ", "elektro"];
    const TOWNS: [&str; 3] = ["53053", "57081", "63023"]; // Mons, Tournai, Eupen

    prop_compose! {
        fn any_vacancy()(
            id in 1u32..100_000,
            dlat in -0.8f64..0.8,
            dlon in -1.2f64..1.2,
            level in 0usize..6,
            title in 0usize..TITLES.len(),
            contract in 0usize..ContractType::ALL.len(),
            regime in 0usize..Regime::ALL.len(),
            bottleneck in any::<bool>(),
        ) -> VacancySummary {
            let home = mons().location;
            VacancySummary {
                title: TITLES[title].into(),
                contract: ContractType::ALL[contract],
                regime: Regime::ALL[regime],
                bottleneck,
                ..vacancy(id, home.lat + dlat, home.lon + dlon, DutchLevel::ALL[level])
            }
        }
    }

    prop_compose! {
        fn any_view()(
            dutch in prop::option::of(0usize..6),
            reach in 0usize..Reach::ALL.len(),
            radius_km in 5u8..=60,
            keyword in 0usize..KEYWORDS.len(),
            contract in prop::option::of(0usize..ContractType::ALL.len()),
            regime in prop::option::of(0usize..Regime::ALL.len()),
            bottleneck_only in any::<bool>(),
        ) -> ViewState {
            ViewState {
                dutch: dutch.map_or(MyDutch::Unknown, |l| MyDutch::Level(DutchLevel::ALL[l])),
                reach: Reach::ALL[reach],
                keyword: KEYWORDS[keyword].into(),
                contract: contract.map(|c| ContractType::ALL[c]),
                regime: regime.map(|r| Regime::ALL[r]),
                bottleneck_only,
                ..view(MyDutch::Unknown, radius_km)
            }
        }
    }

    fn brute_force_at_most(
        all: &[VacancySummary],
        homes: &[LatLon],
        state: &ViewState,
        level: DutchLevel,
    ) -> u32 {
        let filter = VacancyFilter {
            dutch_max: Some(level),
            ..state.filter()
        };
        all.iter()
            .filter(|v| {
                homes
                    .iter()
                    .any(|h| haversine_km(*h, v.location()) <= f64::from(state.radius_km))
                    && filter.prepare().matches(v)
            })
            .count() as u32
    }

    proptest! {
        #[test]
        fn cumulative_counts_equal_a_brute_force_count_per_level(
            all in prop::collection::vec(any_vacancy(), 0..200),
            state in any_view(),
            towns in prop::sample::subsequence(TOWNS.to_vec(), 1..=2),
        ) {
            let centres: Vec<LatLon> = towns
                .iter()
                .map(|nis| municipality::by_nis(nis).expect("a town").location)
                .collect();
            let homes: Vec<SearchArea> =
                centres.iter().map(|c| SearchArea::new(*c, 60.0)).collect();
            let counts = LevelCounts::of(&all, &homes, &state);
            for (level, n) in counts.cumulative() {
                prop_assert_eq!(n, brute_force_at_most(&all, &centres, &state, level), "at {}", level);
            }
            // Counting page by page gives the same as counting everything at once.
            let mut by_pages = LevelCounts::default();
            for page in all.chunks(37) {
                by_pages.count(page, &homes, &state);
            }
            prop_assert_eq!(by_pages, counts);
        }
    }
}
