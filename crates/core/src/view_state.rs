//! The state of the results view as it lives in the URL, so a reload or a shared link restores
//! the exact view. Parsing never fails: invalid values are dropped and reported for a gentle notice.

use crate::api::{ContractType, Regime, VacancySummary};
use crate::dutch::DutchLevel;
use crate::filter::VacancyFilter;
use crate::municipality::{self, Municipality};
use crate::SUITABLE_RADIUS_KM;

/// Radius bounds offered by the filter, in km.
pub const MIN_RADIUS_KM: u8 = 5;
pub const MAX_RADIUS_KM: u8 = 60;
/// A keyword longer than this is cut (the URL must stay shareable).
pub const MAX_KEYWORD_CHARS: usize = 100;
/// Interface languages, default first.
pub const LANGUAGES: [&str; 4] = ["fr", "nl", "de", "en"];

/// The person's Dutch as they told us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MyDutch {
    /// "I don't know": nothing is filtered or coloured by level.
    #[default]
    Unknown,
    Level(DutchLevel),
}

impl MyDutch {
    pub fn as_str(self) -> &'static str {
        match self {
            MyDutch::Unknown => "unknown",
            MyDutch::Level(l) => l.as_str(),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        if s == "unknown" {
            Some(MyDutch::Unknown)
        } else {
            s.parse().ok().map(MyDutch::Level)
        }
    }

    pub fn level(self) -> Option<DutchLevel> {
        match self {
            MyDutch::Unknown => None,
            MyDutch::Level(l) => Some(l),
        }
    }
}

/// Which Dutch requirements to show, relative to the person's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reach {
    /// Only vacancies within my level.
    Within,
    /// Also one level above: reachable with a Dutch course.
    #[default]
    WithCourse,
    /// Every level.
    All,
}

impl Reach {
    pub const ALL: [Reach; 3] = [Reach::Within, Reach::WithCourse, Reach::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Reach::Within => "within",
            Reach::WithCourse => "course",
            Reach::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The highest Dutch requirement shown for someone at `level`; `None` = no limit.
    pub fn dutch_max(self, mine: MyDutch) -> Option<DutchLevel> {
        let level = mine.level()?;
        match self {
            Reach::Within => Some(level),
            Reach::WithCourse => Some(level.next().unwrap_or(level)),
            Reach::All => None,
        }
    }
}

/// The drawing class of a vacancy for someone: 0 within, 1 one above, 2 beyond, 3 level unknown.
///
/// Everything the results view shows, as in the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    pub town: Option<&'static Municipality>,
    pub dutch: MyDutch,
    pub reach: Reach,
    pub radius_km: u8,
    pub keyword: String,
    pub contract: Option<ContractType>,
    pub regime: Option<Regime>,
    pub bottleneck_only: bool,
    /// Drop the vacancies that state no Dutch level when the level filters (URL `unstated=hide`);
    /// by default they are shown, marked.
    pub hide_unstated_level: bool,
    /// The vacancy open in the detail view.
    pub vacancy: Option<u32>,
    /// The application form is open for `vacancy`.
    pub applying: bool,
    pub lang: Option<&'static str>,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            town: None,
            dutch: MyDutch::Unknown,
            reach: Reach::default(),
            radius_km: SUITABLE_RADIUS_KM as u8,
            keyword: String::new(),
            contract: None,
            regime: None,
            bottleneck_only: false,
            hide_unstated_level: false,
            vacancy: None,
            applying: false,
            lang: None,
        }
    }
}

/// A query parameter that was dropped because its value was invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedParam {
    pub key: String,
    pub value: String,
}

impl ViewState {
    /// Reads the state from query pairs; unknown keys are ignored, invalid values dropped and reported.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<DroppedParam>) {
        let mut state = ViewState::default();
        let mut dropped = Vec::new();
        for (key, value) in pairs {
            let ok = match key {
                "town" => set(
                    &mut state.town,
                    municipality::home_town_by_nis(value).map(Some),
                ),
                "level" => set(&mut state.dutch, MyDutch::parse(value)),
                "reach" => set(&mut state.reach, Reach::parse(value)),
                "radius" => set(
                    &mut state.radius_km,
                    value
                        .parse::<u8>()
                        .ok()
                        .filter(|r| (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(r)),
                ),
                "q" => {
                    state.keyword = value.chars().take(MAX_KEYWORD_CHARS).collect();
                    true
                }
                "contract" => set(&mut state.contract, ContractType::parse(value).map(Some)),
                "regime" => set(&mut state.regime, Regime::parse(value).map(Some)),
                "bottleneck" => set(&mut state.bottleneck_only, parse_flag(value)),
                "unstated" => set(
                    &mut state.hide_unstated_level,
                    match value {
                        "hide" => Some(true),
                        "show" => Some(false),
                        _ => None,
                    },
                ),
                "vacancy" => set(
                    &mut state.vacancy,
                    value.parse::<u32>().ok().filter(|&id| id > 0).map(Some),
                ),
                "apply" => set(&mut state.applying, parse_flag(value)),
                "lang" => set(
                    &mut state.lang,
                    LANGUAGES.iter().find(|&&l| l == value).map(|&l| Some(l)),
                ),
                _ => true,
            };
            if !ok {
                dropped.push(DroppedParam {
                    key: key.to_owned(),
                    value: value.to_owned(),
                });
            }
        }
        if state.vacancy.is_none() {
            state.applying = false;
        }
        (state, dropped)
    }

    /// The query pairs for this state, defaults left out, in a stable order.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(town) = self.town {
            q.push(("town", town.nis_code.to_owned()));
        }
        if self.dutch != MyDutch::Unknown {
            q.push(("level", self.dutch.as_str().to_owned()));
        }
        if self.reach != Reach::default() {
            q.push(("reach", self.reach.as_str().to_owned()));
        }
        if self.radius_km != SUITABLE_RADIUS_KM as u8 {
            q.push(("radius", self.radius_km.to_string()));
        }
        if !self.keyword.trim().is_empty() {
            q.push(("q", self.keyword.clone()));
        }
        if let Some(c) = self.contract {
            q.push(("contract", c.as_str().to_owned()));
        }
        if let Some(r) = self.regime {
            q.push(("regime", r.as_str().to_owned()));
        }
        if self.bottleneck_only {
            q.push(("bottleneck", "1".to_owned()));
        }
        if self.hide_unstated_level {
            q.push(("unstated", "hide".to_owned()));
        }
        if let Some(id) = self.vacancy {
            q.push(("vacancy", id.to_string()));
            if self.applying {
                q.push(("apply", "1".to_owned()));
            }
        }
        if let Some(lang) = self.lang {
            q.push(("lang", lang.to_owned()));
        }
        q
    }

    /// [`Self::to_query`] joined as `key=value&…`, every value percent-encoded, ready after `?`.
    pub fn to_query_string(&self) -> String {
        crate::text::join_query(self.to_query())
    }

    /// The vacancy filter this view applies (the radius is applied separately, by distance).
    pub fn filter(&self) -> VacancyFilter {
        VacancyFilter {
            dutch_max: self.reach.dutch_max(self.dutch),
            hide_unstated_level: self.hide_unstated_level,
            keyword: Some(self.keyword.clone()).filter(|k| !k.trim().is_empty()),
            contract: self.contract,
            regime: self.regime,
            bottleneck_only: self.bottleneck_only,
        }
    }

    /// This view's filter with no limit on the Dutch level asked (for counts per level).
    pub fn filter_at_every_level(&self) -> VacancyFilter {
        VacancyFilter {
            dutch_max: None,
            ..self.filter()
        }
    }

    /// True when the vacancy passes this view's filters and lies within its radius.
    /// `distance_km` is the vacancy's distance from the home town.
    pub fn shows(
        &self,
        prepared: &crate::filter::PreparedFilter<'_>,
        v: &VacancySummary,
        distance_km: f64,
    ) -> bool {
        distance_km <= f64::from(self.radius_km) && prepared.matches(v)
    }
}

/// Stores a parsed value; false (report it) when it did not parse. Shared with the desk's state.
pub(crate) fn set<T>(slot: &mut T, value: Option<T>) -> bool {
    match value {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

pub(crate) fn parse_flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FitClass;

    fn parse(query: &[(&str, &str)]) -> (ViewState, Vec<DroppedParam>) {
        ViewState::from_query(query.iter().copied())
    }

    #[test]
    fn hiding_offers_without_a_level_is_in_the_url_and_reaches_the_filter() {
        let (state, dropped) = ViewState::from_query([("unstated", "hide")]);
        assert!(dropped.is_empty());
        assert!(state.hide_unstated_level && state.filter().hide_unstated_level);
        assert_eq!(state.to_query(), vec![("unstated", "hide".to_owned())]);
        let (shown, _) = ViewState::from_query([("unstated", "show")]);
        assert!(!shown.hide_unstated_level && shown.to_query().is_empty());
        let (_, dropped) = ViewState::from_query([("unstated", "maybe")]);
        assert_eq!(dropped.len(), 1);
    }

    #[test]
    fn a_full_state_survives_a_round_trip_through_the_url() {
        let (state, dropped) = parse(&[
            ("town", "53053"),
            ("level", "basic"),
            ("reach", "all"),
            ("radius", "35"),
            ("q", "lasser"),
            ("contract", "permanent"),
            ("regime", "part_time"),
            ("bottleneck", "1"),
            ("vacancy", "42"),
            ("apply", "1"),
            ("lang", "nl"),
        ]);
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.town.map(|m| m.name_fr), Some("Mons"));
        assert_eq!(state.dutch, MyDutch::Level(DutchLevel::Basic));
        let pairs = state.to_query();
        let again = ViewState::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str()))).0;
        assert_eq!(again, state);
    }

    #[test]
    fn defaults_are_left_out_of_the_url() {
        let state = ViewState {
            town: municipality::by_nis("53053"),
            ..Default::default()
        };
        assert_eq!(state.to_query(), vec![("town", "53053".to_owned())]);
    }

    #[test]
    fn invalid_values_are_dropped_and_reported_but_the_rest_is_kept() {
        let (state, dropped) = parse(&[
            ("town", "11002"), // Antwerpen: not a Walloon home town
            ("level", "fluent"),
            ("radius", "500"),
            ("contract", "forever"),
            ("vacancy", "-3"),
            ("lang", "xx"),
            ("q", "kok"),
            ("utm_source", "mail"), // unknown keys are not ours to judge
        ]);
        let keys: Vec<&str> = dropped.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(
            keys,
            vec!["town", "level", "radius", "contract", "vacancy", "lang"]
        );
        assert_eq!(state.town, None);
        assert_eq!(state.radius_km, 60);
        assert_eq!(state.keyword, "kok");
    }

    #[test]
    fn apply_without_a_vacancy_is_ignored() {
        let (state, _) = parse(&[("apply", "1")]);
        assert!(!state.applying);
    }

    #[test]
    fn overlong_keywords_are_cut() {
        let long = "a".repeat(500);
        let (state, _) = parse(&[("q", long.as_str())]);
        assert_eq!(state.keyword.chars().count(), MAX_KEYWORD_CHARS);
    }

    #[test]
    fn reach_sets_the_dutch_maximum_from_my_level() {
        let basic = MyDutch::Level(DutchLevel::Basic);
        assert_eq!(Reach::Within.dutch_max(basic), Some(DutchLevel::Basic));
        assert_eq!(Reach::WithCourse.dutch_max(basic), Some(DutchLevel::Medium));
        assert_eq!(Reach::All.dutch_max(basic), None);
        assert_eq!(
            Reach::WithCourse.dutch_max(MyDutch::Level(DutchLevel::VeryGood)),
            Some(DutchLevel::VeryGood)
        );
        assert_eq!(
            Reach::Within.dutch_max(MyDutch::Unknown),
            None,
            "an unknown level filters nothing"
        );
    }

    #[test]
    fn fit_classes_follow_the_level_and_unknown_is_neutral() {
        let basic = MyDutch::Level(DutchLevel::Basic);
        let fit = |required, mine: MyDutch| FitClass::of(required, mine.level());
        assert_eq!(fit(DutchLevel::Starter, basic), FitClass::Within);
        assert_eq!(fit(DutchLevel::Medium, basic), FitClass::OneAbove);
        assert_eq!(fit(DutchLevel::VeryGood, basic), FitClass::Beyond);
        assert_eq!(
            fit(DutchLevel::VeryGood, MyDutch::Unknown),
            FitClass::Unknown
        );
    }
}
