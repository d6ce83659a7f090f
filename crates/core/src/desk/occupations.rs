//! The occupations present in the loaded vacancies: what the desk's searchable occupation list
//! offers, so a counsellor never picks an occupation that has no vacancy.

use crate::api::VacancySummary;
use std::collections::HashMap;

/// One occupation in the loaded data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccupationCount<'a> {
    /// ISCO-08 code.
    pub code: &'a str,
    /// On VDAB's bottleneck list (the list shows these first).
    pub bottleneck: bool,
    /// A job title of this occupation, as a label until the app has translated names.
    pub example_title: &'a str,
    pub vacancies: usize,
}

/// The distinct occupations of `items`: bottleneck occupations first, then by number of
/// vacancies (most first), then by code.
pub fn occupations_in(items: &[VacancySummary]) -> Vec<OccupationCount<'_>> {
    let mut by_code: HashMap<&str, OccupationCount<'_>> = HashMap::new();
    for v in items {
        let entry = by_code
            .entry(v.occupation_code.as_str())
            .or_insert_with(|| OccupationCount {
                code: &v.occupation_code,
                bottleneck: false,
                example_title: &v.title,
                vacancies: 0,
            });
        entry.vacancies += 1;
        entry.bottleneck |= v.bottleneck;
    }
    let mut list: Vec<OccupationCount<'_>> = by_code.into_values().collect();
    list.sort_by(|a, b| {
        b.bottleneck
            .cmp(&a.bottleneck)
            .then(b.vacancies.cmp(&a.vacancies))
            .then(a.code.cmp(b.code))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::vacancy;

    fn with(id: u32, code: &str, bottleneck: bool) -> VacancySummary {
        VacancySummary {
            occupation_code: code.into(),
            bottleneck,
            ..vacancy(id)
        }
    }

    #[test]
    fn each_occupation_is_listed_once_bottlenecks_first_then_the_most_common() {
        let items = [
            with(1, "5321", false),
            with(2, "5321", false),
            with(3, "5321", false),
            with(4, "7212", true),
            with(5, "9112", false),
            with(6, "9112", false),
        ];
        let list = occupations_in(&items);
        let codes: Vec<(&str, usize)> = list.iter().map(|o| (o.code, o.vacancies)).collect();
        assert_eq!(codes, [("7212", 1), ("5321", 3), ("9112", 2)]);
        assert!(list[0].bottleneck && !list[1].bottleneck);
        assert_eq!(list[0].example_title, "Job 4");
        assert!(occupations_in(&[]).is_empty());
    }
}
