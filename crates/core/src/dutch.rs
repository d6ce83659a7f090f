//! VDAB's six language levels, and how a vacancy's Dutch requirement fits a person.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language level on VDAB's six-step scale, ordered from none to very good.
///
/// VDAB's Vacature API codes these 10–15; the serde names are our API's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutchLevel {
    /// No knowledge needed (VDAB 10).
    None,
    /// Beginner: a few words and set phrases (VDAB 11).
    Starter,
    /// Simple everyday exchanges (VDAB 12).
    Basic,
    /// Follows and joins work conversations on familiar topics (VDAB 13).
    Medium,
    /// Works fluently in Dutch, writes clear texts (VDAB 14).
    Good,
    /// Near-native (VDAB 15).
    VeryGood,
}

/// Error for an unknown level name or VDAB code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Dutch level: {0}")]
pub struct UnknownDutchLevel(pub String);

impl DutchLevel {
    /// Every level, lowest first.
    pub const ALL: [DutchLevel; 6] = [
        DutchLevel::None,
        DutchLevel::Starter,
        DutchLevel::Basic,
        DutchLevel::Medium,
        DutchLevel::Good,
        DutchLevel::VeryGood,
    ];

    /// VDAB's code for this level (10 = none … 15 = very good).
    pub const fn vdab_code(self) -> u8 {
        10 + self as u8
    }

    pub fn from_vdab_code(code: u8) -> Result<Self, UnknownDutchLevel> {
        Self::ALL
            .get(usize::from(code.wrapping_sub(10)))
            .copied()
            .ok_or_else(|| UnknownDutchLevel(code.to_string()))
    }

    /// The serde / URL name (`none`, `starter`, …, `very_good`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DutchLevel::None => "none",
            DutchLevel::Starter => "starter",
            DutchLevel::Basic => "basic",
            DutchLevel::Medium => "medium",
            DutchLevel::Good => "good",
            DutchLevel::VeryGood => "very_good",
        }
    }

    /// An indicative CEFR equivalent; VDAB publishes no official mapping, so the UI labels it as a hint.
    pub const fn cefr_hint(self) -> &'static str {
        match self {
            DutchLevel::None => "–",
            DutchLevel::Starter => "A1",
            DutchLevel::Basic => "A2",
            DutchLevel::Medium => "B1",
            DutchLevel::Good => "B2",
            DutchLevel::VeryGood => "C1",
        }
    }

    /// The next level up, if any.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self as usize + 1).copied()
    }
}

impl fmt::Display for DutchLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DutchLevel {
    type Err = UnknownDutchLevel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownDutchLevel(s.to_owned()))
    }
}

/// How a vacancy's Dutch requirement fits a person's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// The person's level meets the requirement.
    Within,
    /// One level above: reachable with a Dutch course.
    OneAbove,
    /// Two or more levels above.
    Beyond,
}

impl Fit {
    pub const ALL: [Fit; 3] = [Fit::Within, Fit::OneAbove, Fit::Beyond];

    /// The fit of a vacancy that asks `required` for a person who has `mine`.
    pub fn of(required: DutchLevel, mine: DutchLevel) -> Self {
        match (required as i8) - (mine as i8) {
            i8::MIN..=0 => Fit::Within,
            1 => Fit::OneAbove,
            _ => Fit::Beyond,
        }
    }
}

/// How a vacancy is drawn for a person (badge, map marker, legend): its [`Fit`], or `Unknown`
/// when the person did not give a level. A named type instead of a bare 0–3, so the colour and
/// the CSS class live in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FitClass {
    Within,
    OneAbove,
    Beyond,
    /// The person's level is unknown: nothing is judged.
    Unknown,
    /// The vacancy states no Dutch level: nothing can be judged, whatever the person's level.
    NotStated,
}

impl FitClass {
    /// Every class, in legend order.
    pub const ALL: [FitClass; 5] = [
        FitClass::Within,
        FitClass::OneAbove,
        FitClass::Beyond,
        FitClass::Unknown,
        FitClass::NotStated,
    ];

    /// The class of a vacancy asking `required` for a person with `mine` (`None`: "I don't know").
    pub fn of(required: DutchLevel, mine: Option<DutchLevel>) -> Self {
        match mine.map(|l| Fit::of(required, l)) {
            Some(Fit::Within) => FitClass::Within,
            Some(Fit::OneAbove) => FitClass::OneAbove,
            Some(Fit::Beyond) => FitClass::Beyond,
            None => FitClass::Unknown,
        }
    }

    /// The class of a vacancy asking `required` (`None`: it states no level).
    pub fn of_vacancy(required: Option<DutchLevel>, mine: Option<DutchLevel>) -> Self {
        required.map_or(FitClass::NotStated, |required| Self::of(required, mine))
    }

    /// The CSS class for badges and swatches.
    pub const fn as_css(self) -> &'static str {
        match self {
            FitClass::Within => "fit-within",
            FitClass::OneAbove => "fit-one-above",
            FitClass::Beyond => "fit-beyond",
            FitClass::Unknown => "fit-unknown",
            FitClass::NotStated => "fit-not-stated",
        }
    }

    /// The marker colour: the one table the map and the stylesheet should both follow.
    /// Besides colour, the map tells classes apart by shape (colour is never the only cue).
    pub const fn colour(self) -> &'static str {
        match self {
            FitClass::Within => "#1b7f3b",
            FitClass::OneAbove => "#b15c00",
            FitClass::Beyond => "#6b6b6b",
            FitClass::Unknown => "#0b5cad",
            FitClass::NotStated => "#6a3d9a",
        }
    }

    /// The position in [`Self::ALL`], for per-class counters such as the map's clusters.
    pub const fn index(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vacancy_stating_no_level_is_never_judged() {
        assert_eq!(
            FitClass::of_vacancy(None, Some(DutchLevel::VeryGood)),
            FitClass::NotStated
        );
        assert_eq!(FitClass::of_vacancy(None, None), FitClass::NotStated);
        assert_eq!(
            FitClass::of_vacancy(Some(DutchLevel::Basic), Some(DutchLevel::Basic)),
            FitClass::Within
        );
    }

    #[test]
    fn levels_are_ordered_from_none_to_very_good() {
        assert!(DutchLevel::None < DutchLevel::Starter);
        assert!(DutchLevel::Good < DutchLevel::VeryGood);
        let mut sorted = DutchLevel::ALL;
        sorted.sort();
        assert_eq!(sorted, DutchLevel::ALL);
    }

    #[test]
    fn vdab_codes_map_both_ways_from_10_to_15() {
        assert_eq!(DutchLevel::None.vdab_code(), 10);
        assert_eq!(DutchLevel::Medium.vdab_code(), 13);
        assert_eq!(DutchLevel::VeryGood.vdab_code(), 15);
        for level in DutchLevel::ALL {
            assert_eq!(DutchLevel::from_vdab_code(level.vdab_code()), Ok(level));
        }
        assert!(DutchLevel::from_vdab_code(9).is_err());
        assert!(DutchLevel::from_vdab_code(16).is_err());
    }

    #[test]
    fn serde_names_are_snake_case_and_match_from_str() {
        for level in DutchLevel::ALL {
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.as_str()));
            assert_eq!(level.as_str().parse::<DutchLevel>(), Ok(level));
        }
        assert_eq!(
            serde_json::to_string(&DutchLevel::VeryGood).unwrap(),
            "\"very_good\""
        );
        assert!("fluent".parse::<DutchLevel>().is_err());
    }

    #[test]
    fn fit_is_within_at_or_below_my_level() {
        assert_eq!(Fit::of(DutchLevel::Basic, DutchLevel::Basic), Fit::Within);
        assert_eq!(Fit::of(DutchLevel::None, DutchLevel::Medium), Fit::Within);
    }

    #[test]
    fn fit_is_one_above_for_the_next_level_and_beyond_after() {
        assert_eq!(
            Fit::of(DutchLevel::Medium, DutchLevel::Basic),
            Fit::OneAbove
        );
        assert_eq!(Fit::of(DutchLevel::Good, DutchLevel::Basic), Fit::Beyond);
        assert_eq!(Fit::of(DutchLevel::VeryGood, DutchLevel::None), Fit::Beyond);
    }

    #[test]
    fn fit_class_follows_the_fit_and_an_unknown_level_judges_nothing() {
        let basic = Some(DutchLevel::Basic);
        assert_eq!(FitClass::of(DutchLevel::Starter, basic), FitClass::Within);
        assert_eq!(FitClass::of(DutchLevel::Medium, basic), FitClass::OneAbove);
        assert_eq!(FitClass::of(DutchLevel::VeryGood, basic), FitClass::Beyond);
        assert_eq!(FitClass::of(DutchLevel::None, None), FitClass::Unknown);
    }

    #[test]
    fn fit_classes_have_distinct_css_classes_colours_and_their_index_in_all() {
        for (i, class) in FitClass::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(class.index()), i);
            for other in FitClass::ALL.into_iter().filter(|&o| o != class) {
                assert_ne!(class.as_css(), other.as_css());
                assert_ne!(class.colour(), other.colour());
            }
        }
    }

    #[test]
    fn next_level_stops_at_very_good() {
        assert_eq!(DutchLevel::Basic.next(), Some(DutchLevel::Medium));
        assert_eq!(DutchLevel::VeryGood.next(), None);
    }
}
