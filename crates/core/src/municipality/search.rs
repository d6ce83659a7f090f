//! Name and postal-code search over municipalities, for the town picker (run at every keystroke,
//! in wasm, so names are prepared once at load).
//!
//! People type place names with whatever separators they like ("braine l alleud",
//! "Braine-l’Alleud", "brainelalleud") and abbreviate "Saint" ("st ghislain"). A name is therefore
//! compared in two forms: words joined by single spaces, and run together.

use super::{all, home_towns, Municipality};
use crate::text::{separator_key, umlauts_as_digraphs};

/// How well a municipality matches a query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MatchRank {
    ExactName,
    PostalCode,
    NamePrefix,
    WordPrefix,
    Contains,
}

/// Shorter queries would match the middle of too many names.
const MIN_CONTAINS_LEN: usize = 3;

/// A name (or a query) in the forms the search compares.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SearchKey {
    /// Folded, words separated by single spaces: "braine l alleud".
    spaced: String,
    /// Folded, with no separators: "brainelalleud".
    compact: String,
}

impl SearchKey {
    fn new(text: &str) -> Self {
        let spaced = separator_key(text);
        let compact = spaced.replace(' ', "");
        SearchKey { spaced, compact }
    }

    /// How well this name matches `query`: by words as typed, or with the separators ignored
    /// (where a compact match counts as much as the same match by words).
    fn rank(&self, query: &SearchKey) -> Option<MatchRank> {
        let by_words = if self.spaced == query.spaced {
            Some(MatchRank::ExactName)
        } else if self.spaced.starts_with(&query.spaced) {
            Some(MatchRank::NamePrefix)
        } else if starts_a_word(&self.spaced, &query.spaced) {
            Some(MatchRank::WordPrefix)
        } else if query.spaced.len() >= MIN_CONTAINS_LEN && self.spaced.contains(&query.spaced) {
            Some(MatchRank::Contains)
        } else {
            None
        };
        let run_together = if self.compact == query.compact {
            Some(MatchRank::ExactName)
        } else if self.compact.starts_with(&query.compact) {
            Some(MatchRank::NamePrefix)
        } else if query.compact.len() >= MIN_CONTAINS_LEN && self.compact.contains(&query.compact) {
            Some(MatchRank::Contains)
        } else {
            None
        };
        by_words.into_iter().chain(run_together).min()
    }
}

/// True when `words` (a spaced key) has a word from which `query` (spaced, possibly several
/// words) follows: "mont saint guibert" matches "saint gu".
fn starts_a_word(words: &str, query: &str) -> bool {
    words.match_indices(' ').any(|(i, _)| {
        words
            .get(i + 1..)
            .is_some_and(|rest| rest.starts_with(query))
    })
}

/// Adds the search keys of one name to `keys`, skipping those already there: the name itself,
/// with "Saint", "Sainte", "Sint" and "Sankt" shortened as people type them ("st ghislain",
/// "ste ode", "st vith"), and with umlauts spelt as German digraphs ("buetgenbach").
pub(super) fn add_keys(keys: &mut Vec<SearchKey>, name: &str) {
    let mut candidates = vec![SearchKey::new(name)];
    if let Some(digraphs) = umlauts_as_digraphs(name) {
        candidates.push(SearchKey::new(&digraphs));
    }
    let abbreviated: Vec<SearchKey> = candidates
        .iter()
        .filter_map(|key| abbreviate_saints(&key.spaced))
        .map(|spaced| SearchKey::new(&spaced))
        .collect();
    candidates.extend(abbreviated);
    for key in candidates {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
}

/// The spaced key with "saint"/"sint"/"sankt" as "st" and "sainte" as "ste", if it has any.
fn abbreviate_saints(spaced: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<&str> = spaced
        .split(' ')
        .map(|word| match word {
            "saint" | "sint" | "sankt" => {
                changed = true;
                "st"
            }
            "sainte" => {
                changed = true;
                "ste"
            }
            other => other,
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// Searches home towns by name (French, Dutch, German, or a known exonym such as "Lüttich"),
/// ignoring case, accents and separators (whole name, then name prefix, then word prefix, then
/// substring), or by postal code (prefix), best first.
pub fn search_home_towns(query: &str, limit: usize) -> Vec<&'static Municipality> {
    search(home_towns, query, limit)
}

/// As [`search_home_towns`], over every municipality in Belgium.
pub fn search_all(query: &str, limit: usize) -> Vec<&'static Municipality> {
    search(|| all().iter(), query, limit)
}

/// `candidates` is only called for a query with something to look for: the start page's empty
/// field then does not parse the municipality table while the page is first drawn.
fn search<I: Iterator<Item = &'static Municipality>>(
    candidates: impl FnOnce() -> I,
    query: &str,
    limit: usize,
) -> Vec<&'static Municipality> {
    let query = SearchKey::new(query);
    if query.compact.is_empty() {
        return Vec::new();
    }
    let postal_prefix = query
        .compact
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(query.compact.as_str());
    let mut ranked: Vec<(MatchRank, &'static Municipality)> = candidates()
        .filter_map(|m| {
            let rank = match postal_prefix {
                Some(prefix) => m
                    .postal_codes
                    .iter()
                    .any(|p| p.starts_with(prefix))
                    .then_some(MatchRank::PostalCode),
                None => m.search_keys.iter().filter_map(|k| k.rank(&query)).min(),
            };
            rank.map(|r| (r, m))
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.name_fr.len().cmp(&b.1.name_fr.len()))
            .then_with(|| a.1.name_fr.cmp(b.1.name_fr))
    });
    ranked.into_iter().take(limit).map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::municipality::by_postal_code;

    fn names(found: &[&Municipality]) -> Vec<&'static str> {
        found.iter().map(|m| m.name_fr).collect()
    }

    #[test]
    fn mons_is_found_first_by_its_french_name_lower_case() {
        assert_eq!(search_home_towns("mons", 5)[0].name_fr, "Mons");
    }

    #[test]
    fn mons_is_found_by_its_dutch_name() {
        assert_eq!(search_home_towns("Bergen", 5)[0].name_fr, "Mons");
    }

    #[test]
    fn liege_is_found_without_accent_and_by_dutch_name() {
        assert_eq!(search_home_towns("liege", 5)[0].name_fr, "Liège");
        assert_eq!(search_home_towns("Luik", 5)[0].name_fr, "Liège");
    }

    #[test]
    fn german_names_of_east_belgium_are_searchable() {
        let found = search_home_towns("sankt", 5);
        assert!(
            names(&found).iter().any(|n| n.contains("Vith")),
            "{:?}",
            names(&found)
        );
    }

    #[test]
    fn a_word_inside_a_compound_name_matches() {
        assert!(names(&search_home_towns("louvière", 5)).contains(&"La Louvière"));
    }

    #[test]
    fn exact_names_rank_before_prefixes() {
        // "Ath" is a town, and a prefix of "Athus"-like names: the town itself comes first.
        assert_eq!(search_home_towns("ath", 10)[0].name_fr, "Ath");
    }

    #[test]
    fn postal_code_finds_the_municipality() {
        assert_eq!(search_home_towns("7000", 5)[0].name_fr, "Mons");
        assert_eq!(by_postal_code("4000")[0].name_fr, "Liège");
    }

    #[test]
    fn flemish_towns_are_not_home_towns() {
        assert!(search_home_towns("Kortrijk", 5).is_empty());
        assert_eq!(search_all("Kortrijk", 5)[0].name_nl, "Kortrijk");
    }

    #[test]
    fn empty_query_returns_nothing() {
        assert!(search_home_towns("  ", 5).is_empty());
    }

    fn first_found(query: &str) -> Option<&'static str> {
        search_home_towns(query, 5).first().map(|m| m.name_fr)
    }

    #[test]
    fn braine_l_alleud_is_found_first_whatever_the_separators() {
        for typed in [
            "braine-l'alleud",
            "Braine-l’Alleud",
            "braine l alleud",
            "braine lalleud",
            "braine l'alleud",
            "braine l’alleud",
            "braine – l. alleud",
            "braine  l  alleud",
            "brainelalleud",
        ] {
            assert_eq!(first_found(typed), Some("Braine-l’Alleud"), "{typed}");
        }
    }

    #[test]
    fn la_louviere_is_found_with_its_words_run_together() {
        assert_eq!(first_found("lalouviere"), Some("La Louvière"));
        assert_eq!(first_found("lalouv"), Some("La Louvière"));
    }

    #[test]
    fn mont_saint_guibert_is_found_with_spaces_for_hyphens() {
        assert_eq!(
            first_found("mont saint guibert"),
            Some("Mont-Saint-Guibert")
        );
        assert_eq!(first_found("montsaintguibert"), Some("Mont-Saint-Guibert"));
    }

    #[test]
    fn a_multi_word_query_matches_from_a_word_inside_the_name() {
        assert_eq!(first_found("saint guib"), Some("Mont-Saint-Guibert"));
    }

    #[test]
    fn saint_abbreviated_as_st_finds_the_saint_town() {
        assert_eq!(first_found("st ghislain"), Some("Saint-Ghislain"));
        assert_eq!(first_found("St-Ghislain"), Some("Saint-Ghislain"));
        assert_eq!(first_found("st. hubert"), Some("Saint-Hubert"));
        assert_eq!(first_found("ste ode"), Some("Sainte-Ode"));
    }

    #[test]
    fn sankt_vith_is_found_by_its_german_name_and_abbreviated() {
        for typed in [
            "sankt vith",
            "Sankt-Vith",
            "st vith",
            "St. Vith",
            "saint vith",
        ] {
            assert_eq!(first_found(typed), Some("Saint-Vith"), "{typed}");
        }
    }

    #[test]
    fn an_abbreviated_query_still_finds_towns_starting_with_st() {
        assert!(names(&search_home_towns("st", 20)).contains(&"Stavelot"));
    }

    #[test]
    fn liege_is_found_by_its_german_name_with_or_without_umlaut() {
        for typed in [
            "Lüttich", "luttich", "lüttich", "LUTTICH", "luettich", "lütt",
        ] {
            assert_eq!(first_found(typed), Some("Liège"), "{typed}");
        }
    }

    #[test]
    fn arlon_is_found_by_its_german_and_luxembourgish_name_arel() {
        assert_eq!(first_found("Arel"), Some("Arlon"));
    }

    #[test]
    fn namur_is_found_when_typed_with_an_umlaut() {
        assert_eq!(first_found("Namür"), Some("Namur"));
    }

    #[test]
    fn german_umlaut_names_are_found_spelt_with_digraphs() {
        assert_eq!(first_found("buetgenbach"), Some("Butgenbach"));
    }

    #[test]
    fn a_query_of_only_separators_returns_nothing() {
        assert!(search_home_towns(" - ’ . ", 5).is_empty());
    }

    #[test]
    fn every_home_town_is_found_among_the_first_three_by_each_name_with_any_separators() {
        for m in home_towns() {
            for name in m.names() {
                let spaced = name.replace(crate::text::is_name_separator, " ");
                let compact = name.replace(crate::text::is_name_separator, "");
                for typed in [spaced, compact] {
                    let found = search_home_towns(&typed, 3);
                    assert!(
                        found.iter().any(|f| f.nis_code == m.nis_code),
                        "{typed:?} → {:?}",
                        names(&found)
                    );
                }
            }
        }
    }
}
