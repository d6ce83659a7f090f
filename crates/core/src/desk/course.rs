//! The Dutch-course hint: how many shortlisted vacancies a course could bring within reach,
//! for the plain sentence on screen and in print ("3 of these jobs need one more Dutch level").

use crate::dutch::{DutchLevel, Fit};
use crate::view_state::MyDutch;

/// How far the shortlisted vacancies' Dutch lies above the person's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CourseHint {
    /// Vacancies asking exactly one level more: a course is the realistic next step.
    pub one_level_above: usize,
    /// Vacancies asking two levels or more above.
    pub more_than_one_above: usize,
}

impl CourseHint {
    /// The hint for a person at `mine` and the levels the shortlisted vacancies ask.
    /// `None` when the person's level is unknown: nothing can be said.
    pub fn of(mine: MyDutch, asked: impl IntoIterator<Item = DutchLevel>) -> Option<Self> {
        let mine = mine.level()?;
        let mut hint = Self::default();
        for level in asked {
            match Fit::of(level, mine) {
                Fit::Within => {}
                Fit::OneAbove => hint.one_level_above += 1,
                Fit::Beyond => hint.more_than_one_above += 1,
            }
        }
        Some(hint)
    }

    /// True when there is something to say about a course.
    pub fn worth_saying(&self) -> bool {
        self.one_level_above > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DutchLevel::*;

    #[test]
    fn vacancies_one_level_up_and_further_up_are_counted_apart() {
        let asked = [Starter, Basic, Medium, Medium, Good, VeryGood, Medium];
        let hint = CourseHint::of(MyDutch::Level(Basic), asked).unwrap();
        assert_eq!(
            hint,
            CourseHint {
                one_level_above: 3,
                more_than_one_above: 2
            }
        );
        assert!(hint.worth_saying());
    }

    #[test]
    fn nothing_is_said_for_an_unknown_level_or_when_everything_is_within_reach() {
        assert!(CourseHint::of(MyDutch::Unknown, [VeryGood]).is_none());
        let hint = CourseHint::of(MyDutch::Level(Good), [None, Basic, Good]).unwrap();
        assert_eq!(hint, CourseHint::default());
        assert!(!hint.worth_saying());
        let far = CourseHint::of(MyDutch::Level(None), [Good]).unwrap();
        assert!(
            !far.worth_saying(),
            "only a big step: no 'one more level' sentence"
        );
    }
}
