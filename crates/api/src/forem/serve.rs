//! A stored offer as the contract's summary and detail: what the source does not state stays
//! unstated (no Dutch level, no hours, no description, no ISCO code without a confident match).

use super::labels::Mapped;
use super::offer::{DutchStated, ForemOffer};
use crate::dataset::ImportedDetail;
use passerelle_core::api::{
    ApplyMode, ContractType, DutchUnstated, LanguageRequirement, Regime, VacancySource,
    VacancySummary,
};

/// The source's language: offers are relayed in French.
pub const CONTENT_LANGUAGE: &str = "fr";

pub fn summary(id: u32, offer: &ForemOffer) -> VacancySummary {
    let (contract, contract_label) = known_or_other(&offer.contract, ContractType::Other);
    let (regime, regime_label) = known_or_other(&offer.regime, Regime::Other);
    VacancySummary {
        id,
        title: offer.title.as_str().into(),
        employer: offer.employer.as_str().into(),
        nis_code: offer.nis_code.as_str().into(),
        place: offer.place.as_str().into(),
        lat: offer.lat,
        lon: offer.lon,
        // `langues` names languages, never a level.
        dutch_level: None,
        dutch_unstated: Some(match offer.dutch {
            DutchStated::DutchAsked => DutchUnstated::DutchAsked,
            DutchStated::NoLanguageStated => DutchUnstated::NoLanguageStated,
        }),
        contract,
        contract_label,
        regime,
        regime_label,
        bottleneck: offer.bottleneck,
        occupation_code: offer.occupation_code.as_deref().map(Into::into),
        occupation_label: offer.occupation_label.as_deref().map(Into::into),
        published: offer.published.as_str().into(),
        apply_mode: ApplyMode::External,
        distance_km: None,
        source: Some(VacancySource::Forem),
    }
}

/// The contract's value and, for "other", the source's label (absent when it gave none).
fn known_or_other<T: Copy>(mapped: &Mapped<T>, other: T) -> (T, Option<String>) {
    match mapped {
        Mapped::Known(value) => (*value, None),
        Mapped::Other(label) => (other, Some(label.clone()).filter(|l| !l.is_empty())),
    }
}

pub fn detail(offer: &ForemOffer) -> ImportedDetail {
    ImportedDetail {
        // The source has no description: the app points to the full offer at `apply_url`.
        description: String::new(),
        content_language: CONTENT_LANGUAGE.to_owned(),
        languages: offer
            .other_languages
            .iter()
            .map(|code| LanguageRequirement {
                language: code.clone(),
                level: None,
            })
            .collect(),
        hours_per_week: None,
        apply_url: Some(offer.url.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use serde_json::json;

    fn offer(edit: impl FnOnce(&mut serde_json::Value)) -> ForemOffer {
        let mut record = json!({
            "numerooffreforem": "1",
            "titreoffre": "Soudeur",
            "nomemployeur": "Metaal nv",
            "lieuxtravailcodepostal": ["9600"],
            "typecontrat": "Flexi-job",
            "regimetravail": "Temps plein",
            "langues": ["Néerlandais", "Anglais"],
            "metier": "Soudeur / Soudeuse",
            "url": "https://example.org/1",
            "datedebutdiffusion": "2026-11-20",
        });
        edit(&mut record);
        ForemOffer::from_json(&record, Date::new(2026, 12, 1)).expect("kept")
    }

    #[test]
    fn an_offer_states_no_level_and_says_whether_dutch_is_asked() {
        let asked = summary(1, &offer(|_| {}));
        assert_eq!(asked.dutch_level, None);
        assert_eq!(asked.dutch_unstated, Some(DutchUnstated::DutchAsked));
        let silent = summary(1, &offer(|r| r["langues"] = json!([])));
        assert_eq!(silent.dutch_unstated, Some(DutchUnstated::NoLanguageStated));
    }

    #[test]
    fn an_unknown_contract_is_other_with_its_label_and_a_known_regime_has_none() {
        let v = summary(1, &offer(|_| {}));
        assert_eq!(
            (v.contract, v.contract_label.as_deref()),
            (ContractType::Other, Some("Flexi-job"))
        );
        assert_eq!((v.regime, v.regime_label), (Regime::FullTime, None));
        assert_eq!(v.source, Some(VacancySource::Forem));
        assert_eq!(v.occupation_code.as_deref(), Some("7212"));
        assert_eq!(v.occupation_label.as_deref(), Some("Soudeur / Soudeuse"));
    }

    #[test]
    fn the_detail_lists_other_languages_without_levels_and_no_hours() {
        let d = detail(&offer(|_| {}));
        assert_eq!(
            d.languages,
            [LanguageRequirement {
                language: "en".into(),
                level: None
            }]
        );
        assert_eq!(d.hours_per_week, None);
        assert_eq!(d.description, "");
        assert_eq!(d.content_language, "fr");
    }
}
