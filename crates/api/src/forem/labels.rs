//! The source's French labels read into the contract's values, and only where the reading is
//! sure: a label we do not recognise stays "other" with its original text, and an occupation
//! without a confident match has no ISCO code.

use crate::dataset::occupations;
use passerelle_core::api::{ContractType, Regime};
use passerelle_core::occupation::OCCUPATIONS;
use passerelle_core::text::fold;
use serde::{Deserialize, Serialize};

/// A contract or regime label read into the contract's value, or kept as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mapped<T> {
    Known(T),
    /// The source's label, not one we can read with confidence (or none at all: empty).
    Other(String),
}

/// `typecontrat`. Le Forem publishes "CDI"/"Contrat à durée indéterminée", "CDD"/"…déterminée",
/// "Intérim" (also "Intérim avec option"), "Contrat de remplacement" and "Contrat de travail
/// nettement défini" (both fixed-term under Belgian law), "Contrat d'apprentissage" and
/// "Formation en alternance"; anything else ("Indépendant", "Étudiant", "Flexi-job", a new
/// label) is kept as other.
pub fn contract(label: Option<&str>) -> Mapped<ContractType> {
    let Some(label) = label else {
        return Mapped::Other(String::new());
    };
    let folded = fold(label);
    let has = |word: &str| folded.contains(word);
    let known = if has("indetermine") || folded.trim() == "cdi" {
        Some(ContractType::Permanent)
    } else if has("determine")
        || folded.trim() == "cdd"
        || has("remplacement")
        || has("nettement defini")
    {
        Some(ContractType::FixedTerm)
    } else if has("interim") {
        Some(ContractType::Interim)
    } else if has("apprentissage") || has("alternance") {
        Some(ContractType::Apprenticeship)
    } else {
        None
    };
    known.map_or_else(|| Mapped::Other(label.to_owned()), Mapped::Known)
}

/// `regimetravail`: "Temps plein" and "Temps partiel"; anything else ("Temps plein ou
/// partiel", an hours count) is kept as other.
pub fn regime(label: Option<&str>) -> Mapped<Regime> {
    let Some(label) = label else {
        return Mapped::Other(String::new());
    };
    match fold(label).trim() {
        "temps plein" => Mapped::Known(Regime::FullTime),
        "temps partiel" => Mapped::Known(Regime::PartTime),
        _ => Mapped::Other(label.to_owned()),
    }
}

/// ISO 639-1 codes of the languages named in `langues` (French names). Names we do not know are
/// left out: the source gives no level for any of them anyway.
pub fn language_codes(names: &[String]) -> Vec<&'static str> {
    const NAMES: &[(&str, &str)] = &[
        ("neerlandais", "nl"),
        ("francais", "fr"),
        ("anglais", "en"),
        ("allemand", "de"),
        ("espagnol", "es"),
        ("italien", "it"),
    ];
    let mut codes = Vec::new();
    for name in names {
        let folded = fold(name);
        if let Some((_, code)) = NAMES.iter().find(|(n, _)| *n == folded.trim()) {
            if !codes.contains(code) {
                codes.push(*code);
            }
        }
    }
    codes
}

/// An occupation the app knows, matched from Le Forem's `metier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OccupationMatch {
    /// ISCO-08 unit group.
    pub code: &'static str,
    /// On VDAB's bottleneck list, as our generated data records it for this code.
    pub bottleneck: bool,
}

/// The ISCO code for a `metier`, only on a confident match: the name, folded (case, accents),
/// without parenthesised parts ("(h/f/x)") and split into its " / " alternatives
/// ("Magasinier / Magasinière"), must equal the masculine form of a French name in
/// [`passerelle_core::occupation::OCCUPATIONS`] ("Magasinier·ère" → "magasinier") word for
/// word. No fuzzy or partial matching: "Chauffeur de bus scolaire" is not "Chauffeur de bus".
/// Forem's own code (`metiercodedimeco`) is not used: we have no DIMECO–ISCO table.
pub fn occupation(metier: &str) -> Option<OccupationMatch> {
    let key = |s: &str| -> String {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let without_brackets = remove_parenthesised(metier);
    let alternatives: Vec<String> = without_brackets
        .split('/')
        .map(key)
        .filter(|a| !a.is_empty())
        .collect();
    OCCUPATIONS.iter().find_map(|names| {
        let ours = key(&masculine(names.fr));
        alternatives.contains(&ours).then(|| OccupationMatch {
            code: names.code,
            bottleneck: occupations::OCCUPATIONS
                .iter()
                .any(|o| o.isco == names.code && o.bottleneck),
        })
    })
}

/// "Chauffeur·se poids lourd" → "Chauffeur poids lourd": each word up to its "·".
fn masculine(name: &str) -> String {
    name.split(' ')
        .map(|word| word.split('·').next().unwrap_or(word))
        .collect::<Vec<_>>()
        .join(" ")
}

fn remove_parenthesised(text: &str) -> String {
    let mut depth = 0u32;
    text.chars()
        .filter(|c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_contract_labels_map_to_the_contracts_values() {
        for (label, expected) in [
            ("CDI", ContractType::Permanent),
            ("Contrat à durée indéterminée", ContractType::Permanent),
            ("Contrat à durée déterminée", ContractType::FixedTerm),
            ("Contrat de remplacement", ContractType::FixedTerm),
            ("Intérim avec option", ContractType::Interim),
            ("Formation en alternance", ContractType::Apprenticeship),
        ] {
            assert_eq!(contract(Some(label)), Mapped::Known(expected), "{label}");
        }
    }

    #[test]
    fn an_unknown_contract_label_is_other_with_the_label_as_published() {
        assert_eq!(
            contract(Some("Flexi-job")),
            Mapped::Other("Flexi-job".to_owned())
        );
        assert_eq!(contract(None), Mapped::Other(String::new()));
    }

    #[test]
    fn regimes_other_than_plein_and_partiel_stay_other() {
        assert_eq!(regime(Some("Temps plein")), Mapped::Known(Regime::FullTime));
        assert_eq!(
            regime(Some("TEMPS PARTIEL")),
            Mapped::Known(Regime::PartTime)
        );
        assert_eq!(
            regime(Some("Temps plein ou partiel")),
            Mapped::Other("Temps plein ou partiel".to_owned())
        );
    }

    #[test]
    fn language_names_become_codes_once_each() {
        let names = ["Néerlandais", "Anglais", "NEERLANDAIS", "Klingon"].map(String::from);
        assert_eq!(language_codes(&names), ["nl", "en"]);
    }

    #[test]
    fn an_occupation_matches_only_its_exact_name_in_either_gender() {
        let magasinier = occupation("Magasinier / Magasinière (h/f/x)").expect("match");
        assert_eq!(magasinier.code, "4321");
        assert!(magasinier.bottleneck);
        assert_eq!(
            occupation("Chauffeur poids lourd").map(|m| m.code),
            Some("8332")
        );
        assert_eq!(occupation("Vendeur").map(|m| m.code), Some("5223"));
        assert!(!occupation("Vendeur").expect("match").bottleneck);
        assert_eq!(occupation("Magasinier en chef"), None, "no partial matches");
        assert_eq!(occupation("Conseiller en énergie"), None);
    }
}
