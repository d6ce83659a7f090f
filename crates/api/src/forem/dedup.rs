//! The same offer relayed twice (by VDAB and by a job board, say) is shown once.
//!
//! Two offers are the same when they share Le Forem's offer number (one record exported twice),
//! or the same publishing `source` and `referenceexterne`, or the same normalised title,
//! employer and municipality. The last needs an employer: two anonymous "Magasinier" offers in
//! one town may well be two jobs. The first offer seen is kept.

use super::offer::ForemOffer;
use passerelle_core::text::separator_key;
use std::collections::HashSet;

/// The offers with duplicates removed, and how many were merged into an earlier one.
pub fn deduplicate(offers: Vec<ForemOffer>) -> (Vec<ForemOffer>, u32) {
    let mut seen: HashSet<String> = HashSet::with_capacity(offers.len() * 3);
    let mut kept = Vec::with_capacity(offers.len());
    let mut merged = 0u32;
    for offer in offers {
        let keys = keys(&offer);
        if keys.iter().any(|k| seen.contains(k)) {
            merged += 1;
            continue;
        }
        seen.extend(keys);
        kept.push(offer);
    }
    (kept, merged)
}

/// The identities of an offer; prefixes keep the three kinds apart.
fn keys(offer: &ForemOffer) -> Vec<String> {
    let mut keys = vec![format!("number\u{1f}{}", offer.number)];
    if let Some(reference) = &offer.external_reference {
        keys.push(format!(
            "reference\u{1f}{}\u{1f}{}",
            separator_key(offer.source.as_deref().unwrap_or("")),
            separator_key(reference)
        ));
    }
    let employer = separator_key(&offer.employer);
    if !employer.is_empty() {
        keys.push(format!(
            "content\u{1f}{}\u{1f}{employer}\u{1f}{}",
            separator_key(&offer.title),
            offer.nis_code
        ));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forem::labels::Mapped;
    use crate::forem::offer::DutchStated;
    use crate::forem::place::LocatedBy;

    fn offer(number: &str, title: &str, employer: &str, reference: Option<&str>) -> ForemOffer {
        ForemOffer {
            number: number.into(),
            title: title.into(),
            employer: employer.into(),
            place: "Kortrijk".into(),
            nis_code: "34022".into(),
            lat: 50.82,
            lon: 3.26,
            located_by: LocatedBy::PostalCode,
            dutch: DutchStated::DutchAsked,
            other_languages: Vec::new(),
            contract: Mapped::Other(String::new()),
            regime: Mapped::Other(String::new()),
            occupation_code: None,
            occupation_label: None,
            bottleneck: false,
            published: "2026-11-20".into(),
            url: "https://example.org/1".into(),
            source: Some("VDAB".into()),
            external_reference: reference.map(str::to_owned),
        }
    }

    #[test]
    fn the_same_source_reference_is_merged_whatever_the_wording() {
        let (kept, merged) = deduplicate(vec![
            offer("1", "Magasinier", "A", Some("V-9")),
            offer("2", "Magasinier (h/f)", "A nv", Some("V-9")),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].number, "1", "the first one seen is kept");
        assert_eq!(merged, 1);
    }

    #[test]
    fn the_same_title_employer_and_town_is_merged_across_case_and_punctuation() {
        let (kept, merged) = deduplicate(vec![
            offer("1", "Cariste - Heftruck", "Logistiek NV", None),
            offer("2", "CARISTE – heftruck", "logistiek nv", Some("JB-1")),
        ]);
        assert_eq!((kept.len(), merged), (1, 1));
    }

    #[test]
    fn anonymous_offers_with_the_same_title_are_two_jobs() {
        let (kept, merged) = deduplicate(vec![
            offer("1", "Magasinier", "", None),
            offer("2", "Magasinier", "", None),
        ]);
        assert_eq!((kept.len(), merged), (2, 0));
    }

    #[test]
    fn one_record_exported_twice_counts_as_merged() {
        let (kept, merged) = deduplicate(vec![
            offer("7", "Soudeur", "", None),
            offer("7", "Soudeur", "", None),
        ]);
        assert_eq!((kept.len(), merged), (1, 1));
    }
}
