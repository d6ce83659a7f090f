//! A Le Forem record mapped to what Passerelle serves, keeping what the source does not say
//! unsaid: no Dutch level, no description, no occupation code without a confident match.

use super::clean::plain_text;
use super::labels::{self, Mapped};
use super::place::{self, LocatedBy, NotInFlanders};
use super::record::{ForemRecord, RecordProblem};
use crate::calendar::Date;
use passerelle_core::api::{ContractType, Regime};
use serde::{Deserialize, Serialize};

/// What the source says about Dutch: never a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutchStated {
    /// `langues` names Dutch ("Néerlandais"), with no level.
    DutchAsked,
    /// `langues` names no Dutch (and perhaps nothing at all).
    NoLanguageStated,
}

/// One offer as stored and served; `number` is Le Forem's offer number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForemOffer {
    pub number: String,
    pub title: String,
    pub employer: String,
    /// The workplace as the source wrote it.
    pub place: String,
    pub nis_code: String,
    pub lat: f64,
    pub lon: f64,
    pub located_by: LocatedBy,
    pub dutch: DutchStated,
    /// ISO 639-1 codes of the other languages `langues` names (no levels).
    pub other_languages: Vec<String>,
    pub contract: Mapped<ContractType>,
    pub regime: Mapped<Regime>,
    /// ISCO-08 code, only on a confident match of `occupation_label` (see [`labels::occupation`]).
    pub occupation_code: Option<String>,
    /// `metier` as published.
    pub occupation_label: Option<String>,
    /// Only from a confident occupation match; false otherwise.
    pub bottleneck: bool,
    /// `YYYY-MM-DD`.
    pub published: String,
    /// The full offer at the source: applications are made there.
    pub url: String,
    /// Who published it (`source`) and its reference there, for deduplication.
    pub source: Option<String>,
    pub external_reference: Option<String>,
}

/// Why a record is not served; each is counted in `/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DropReason {
    /// A field every offer needs is missing or unreadable (a schema change, or a bad record).
    Unreadable,
    Wallonia,
    Brussels,
    /// Abroad or in no region we can tell.
    Elsewhere,
    /// Flemish by its region code, but nothing to place it by.
    Unplaceable,
    /// Its diffusion ended before the sync.
    Expired,
    /// No http(s) link to the offer: nowhere to apply.
    NoLink,
}

impl DropReason {
    pub const ALL: [DropReason; 7] = [
        DropReason::Unreadable,
        DropReason::Wallonia,
        DropReason::Brussels,
        DropReason::Elsewhere,
        DropReason::Unplaceable,
        DropReason::Expired,
        DropReason::NoLink,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            DropReason::Unreadable => "unreadable",
            DropReason::Wallonia => "wallonia",
            DropReason::Brussels => "brussels",
            DropReason::Elsewhere => "elsewhere",
            DropReason::Unplaceable => "unplaceable",
            DropReason::Expired => "expired",
            DropReason::NoLink => "no_link",
        }
    }
}

impl From<RecordProblem> for DropReason {
    fn from(_: RecordProblem) -> Self {
        DropReason::Unreadable
    }
}

impl From<NotInFlanders> for DropReason {
    fn from(reason: NotInFlanders) -> Self {
        match reason {
            NotInFlanders::Wallonia => DropReason::Wallonia,
            NotInFlanders::Brussels => DropReason::Brussels,
            NotInFlanders::Elsewhere => DropReason::Elsewhere,
            NotInFlanders::Unplaceable => DropReason::Unplaceable,
        }
    }
}

/// Longest offer link kept; longer ones are not links a person follows.
const MAX_URL_CHARS: usize = 2000;

impl ForemOffer {
    /// The offer for one exported record, or why it is not served. `today` decides expiry.
    pub fn from_json(value: &serde_json::Value, today: Date) -> Result<Self, DropReason> {
        Self::from_record(ForemRecord::from_json(value)?, today)
    }

    pub fn from_record(record: ForemRecord, today: Date) -> Result<Self, DropReason> {
        let located = place::locate(&record.places)?;
        if record.ends.is_some_and(|end| end < today) {
            return Err(DropReason::Expired);
        }
        let url = record
            .url
            .filter(|u| {
                (u.starts_with("https://") || u.starts_with("http://"))
                    && u.len() <= MAX_URL_CHARS
                    && !u.chars().any(|c| c.is_whitespace() || c.is_control())
            })
            .ok_or(DropReason::NoLink)?;
        let codes = labels::language_codes(&record.languages);
        let occupation = record.occupation.as_deref().and_then(labels::occupation);
        Ok(Self {
            number: record.number,
            title: plain_text(&record.title),
            employer: plain_text(&record.employer),
            place: plain_text(&located.label),
            nis_code: located.municipality.nis_code.to_owned(),
            lat: located.point.lat,
            lon: located.point.lon,
            located_by: located.by,
            dutch: if codes.contains(&"nl") {
                DutchStated::DutchAsked
            } else {
                DutchStated::NoLanguageStated
            },
            other_languages: codes
                .into_iter()
                .filter(|c| *c != "nl")
                .map(str::to_owned)
                .collect(),
            contract: labels::contract(record.contract_label.as_deref()),
            regime: labels::regime(record.regime_label.as_deref()),
            occupation_code: occupation.map(|m| m.code.to_owned()),
            occupation_label: record.occupation.as_deref().map(plain_text),
            bottleneck: occupation.is_some_and(|m| m.bottleneck),
            published: record.published.iso(),
            url,
            source: record.source,
            external_reference: record.external_reference,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TODAY: Date = Date::new(2026, 12, 1);

    fn record() -> serde_json::Value {
        json!({
            "numerooffreforem": "4567890",
            "titreoffre": "Magasinier <b>(h/f/x)</b>",
            "nomemployeur": "Logistique Courtraisienne SA",
            "lieuxtravaillocalite": ["KORTRIJK"],
            "lieuxtravailcodepostal": ["8500"],
            "lieuxtravailregionnuts": ["BE254"],
            "lieuxtravailgeo": [],
            "typecontrat": "Intérim",
            "regimetravail": "Temps plein",
            "langues": ["Néerlandais", "Anglais"],
            "metier": "Magasinier / Magasinière",
            "source": "VDAB",
            "referenceexterne": "VDAB-123",
            "url": "https://www.leforem.be/offre/4567890",
            "datedebutdiffusion": "2026-11-20",
            "datefindiffusion": "2027-01-20",
        })
    }

    #[test]
    fn a_flemish_record_maps_honestly() {
        let offer = ForemOffer::from_json(&record(), TODAY).expect("kept");
        assert_eq!(offer.title, "Magasinier (h/f/x)");
        assert_eq!(offer.located_by, LocatedBy::PostalCode);
        assert_eq!(offer.dutch, DutchStated::DutchAsked);
        assert_eq!(offer.other_languages, ["en"]);
        assert_eq!(offer.contract, Mapped::Known(ContractType::Interim));
        assert_eq!(offer.occupation_code.as_deref(), Some("4321"));
        assert!(offer.bottleneck);
        assert_eq!(offer.published, "2026-11-20");
    }

    #[test]
    fn without_dutch_in_langues_no_language_is_stated() {
        let mut value = record();
        value["langues"] = json!([]);
        let offer = ForemOffer::from_json(&value, TODAY).expect("kept");
        assert_eq!(offer.dutch, DutchStated::NoLanguageStated);
    }

    #[test]
    fn an_unmatched_occupation_has_no_code_and_no_bottleneck_flag() {
        let mut value = record();
        value["metier"] = json!("Gestionnaire de flotte");
        let offer = ForemOffer::from_json(&value, TODAY).expect("kept");
        assert_eq!(offer.occupation_code, None);
        assert_eq!(
            offer.occupation_label.as_deref(),
            Some("Gestionnaire de flotte")
        );
        assert!(!offer.bottleneck);
    }

    #[test]
    fn expired_linkless_and_walloon_records_are_dropped_with_their_reason() {
        let mut expired = record();
        expired["datefindiffusion"] = json!("2026-11-30");
        assert_eq!(
            ForemOffer::from_json(&expired, TODAY),
            Err(DropReason::Expired)
        );
        let mut linkless = record();
        linkless["url"] = json!("javascript:alert(1)");
        assert_eq!(
            ForemOffer::from_json(&linkless, TODAY),
            Err(DropReason::NoLink)
        );
        let mut walloon = record();
        walloon["lieuxtravailcodepostal"] = json!(["7000"]);
        walloon["lieuxtravailregionnuts"] = json!(["BE323"]);
        assert_eq!(
            ForemOffer::from_json(&walloon, TODAY),
            Err(DropReason::Wallonia)
        );
    }

    proptest::proptest! {
        /// The portal's text is not ours: any strings in any field map or drop, never panic.
        #[test]
        fn any_record_text_maps_or_drops_without_panic(
            title in ".{0,300}",
            employer in ".{0,60}",
            locality in ".{0,40}",
            postal_code in "[0-9A-Z]{0,6}",
            nuts in "[A-Z0-9]{0,6}",
            // Mostly real dates, so the mapping past the date check is exercised too.
            date in "(2026-1[0-2]-[0-3][0-9])(T.{0,10})?|.{0,20}",
            url in ".{0,80}",
            lat in -100.0f64..100.0,
            lon in -200.0f64..200.0,
        ) {
            let value = json!({
                "numerooffreforem": "1",
                "titreoffre": title,
                "nomemployeur": employer,
                "lieuxtravaillocalite": [locality],
                "lieuxtravailcodepostal": [postal_code],
                "lieuxtravailregionnuts": [nuts],
                "lieuxtravailgeo": [{"lat": lat, "lon": lon}],
                "typecontrat": title,
                "langues": [employer],
                "metier": title,
                "url": url,
                "datedebutdiffusion": date,
                "datefindiffusion": date,
            });
            if let Ok(offer) = ForemOffer::from_json(&value, TODAY) {
                proptest::prop_assert!(offer.title.chars().count() <= super::super::clean::MAX_TEXT_CHARS);
                proptest::prop_assert!(offer.url.starts_with("http"));
            }
        }
    }
}
