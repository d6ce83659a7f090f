//! A stored offer as the contract's summary and detail.
//!
//! PRE-CONTRACT: the contract cannot yet say "no Dutch level stated", "other" contract or
//! regime, "no occupation code" or "no hours"; until it can, this module fills those with the
//! stand-ins marked below. The `Contract:` change on main replaces them with the honest values.

use super::labels::Mapped;
use super::offer::{DutchStated, ForemOffer};
use crate::dataset::ImportedDetail;
use passerelle_core::api::{ApplyMode, ContractType, Regime, VacancySummary};
use passerelle_core::DutchLevel;

/// The source's language: offers are relayed in French.
pub const CONTENT_LANGUAGE: &str = "fr";

pub fn summary(id: u32, offer: &ForemOffer) -> VacancySummary {
    VacancySummary {
        id,
        title: offer.title.clone(),
        employer: offer.employer.clone(),
        nis_code: offer.nis_code.clone(),
        place: offer.place.clone(),
        lat: offer.lat,
        lon: offer.lon,
        // Stand-in: the strictest level, so a level filter never shows an offer as easier than
        // it may be. The source states no level.
        dutch_level: match offer.dutch {
            DutchStated::DutchAsked | DutchStated::NoLanguageStated => DutchLevel::VeryGood,
        },
        // Stand-in for "other": the contract has no such value yet.
        contract: match &offer.contract {
            Mapped::Known(c) => *c,
            Mapped::Other(_) => ContractType::FixedTerm,
        },
        regime: match &offer.regime {
            Mapped::Known(r) => *r,
            Mapped::Other(_) => Regime::FullTime,
        },
        bottleneck: offer.bottleneck,
        // Stand-in: ISCO 9999 does not exist, so no occupation name is ever shown for it.
        occupation_code: offer
            .occupation_code
            .clone()
            .unwrap_or_else(|| "9999".to_owned()),
        published: offer.published.clone(),
        apply_mode: ApplyMode::External,
        distance_km: None,
    }
}

pub fn detail(offer: &ForemOffer) -> ImportedDetail {
    ImportedDetail {
        // The source has no description: the person reads the full offer at `apply_url`.
        description: String::new(),
        content_language: CONTENT_LANGUAGE.to_owned(),
        // Stand-in: levels are required, and the source gives none.
        languages: Vec::new(),
        // Stand-in: the source gives no hours.
        hours_per_week: 0.0,
        apply_url: Some(offer.url.clone()),
    }
}
