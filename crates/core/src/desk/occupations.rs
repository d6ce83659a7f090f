//! The occupations present in the loaded vacancies: what the desk's searchable occupation list
//! offers, so a counsellor never picks an occupation that has no vacancy.

use crate::api::VacancySummary;
use crate::occupation::{names_of, occupation_label};
use crate::text::fold;
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
    // An occupation without an ISCO code (Le Forem's) cannot be chosen by code.
    for (v, code) in items
        .iter()
        .filter_map(|v| Some((v, v.occupation_code.as_deref()?)))
    {
        let entry = by_code.entry(code).or_insert_with(|| OccupationCount {
            code,
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

impl OccupationCount<'_> {
    /// Its name in `lang` (the code when Passerelle has no name for it).
    pub fn label(&self, lang: &str) -> String {
        occupation_label(self.code, lang)
    }
}

/// The occupation of `list` that the counsellor typed: its name in `lang` or in any of the
/// four languages, or its code, accents and case aside; else the only one whose name in
/// `lang` contains the text. `None` when nothing or several match.
pub fn find_occupation<'a>(
    list: &[OccupationCount<'a>],
    typed: &str,
    lang: &str,
) -> Option<&'a str> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return None;
    }
    let named = |o: &OccupationCount<'_>| {
        o.code == typed
            || names_of(o.code).is_some_and(|n| {
                [n.fr, n.nl, n.de, n.en]
                    .iter()
                    .any(|name| fold(name) == typed)
            })
    };
    if let Some(o) = list.iter().find(|o| named(o)) {
        return Some(o.code);
    }
    let mut containing = list
        .iter()
        .filter(|o| fold(&o.label(lang)).contains(&typed));
    match (containing.next(), containing.next()) {
        (Some(o), None) => Some(o.code),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::vacancy;

    fn with(id: u32, code: &str, bottleneck: bool) -> VacancySummary {
        VacancySummary {
            occupation_code: Some(code.into()),
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

    #[test]
    fn a_typed_occupation_is_found_by_name_in_any_language_by_code_or_by_a_unique_part() {
        let items = [
            with(1, "7212", true),
            with(2, "8332", true),
            with(3, "8331", true),
        ];
        let list = occupations_in(&items);
        assert_eq!(find_occupation(&list, "soudeur·se", "fr"), Some("7212"));
        assert_eq!(find_occupation(&list, " LASSER ", "fr"), Some("7212"));
        assert_eq!(find_occupation(&list, "8332", "fr"), Some("8332"));
        assert_eq!(find_occupation(&list, "poids", "fr"), Some("8332"));
        // "Chauffeur" is in two names: no guess.
        assert_eq!(find_occupation(&list, "chauffeur", "fr"), None);
        // Not in the loaded data, or nothing typed.
        assert_eq!(find_occupation(&list, "Infirmier·ère", "fr"), None);
        assert_eq!(find_occupation(&list, "  ", "fr"), None);
    }
}
