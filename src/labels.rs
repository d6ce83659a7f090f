//! Translated names for the core's values and the API's errors.

use crate::api::ApiError;
use crate::i18n::*;
use leptos_i18n::reexports::icu::plurals::PluralOperands;
use leptos_i18n::I18nContext;
use passerelle_core::api::{
    ContractType, DutchAsk, DutchUnstated, FieldErrorCode, Regime, VacancySummary,
};
use passerelle_core::view_state::{MyDutch, Reach};
use passerelle_core::{DutchLevel, FitClass};

type I18n = I18nContext<Locale>;

pub fn level_name(i18n: I18n, level: DutchLevel) -> String {
    match level {
        DutchLevel::None => t_string!(i18n, level_none),
        DutchLevel::Starter => t_string!(i18n, level_starter),
        DutchLevel::Basic => t_string!(i18n, level_basic),
        DutchLevel::Medium => t_string!(i18n, level_medium),
        DutchLevel::Good => t_string!(i18n, level_good),
        DutchLevel::VeryGood => t_string!(i18n, level_very_good),
    }
    .to_string()
}

/// What a vacancy asks of Dutch: the level's name, or that it states none and why.
pub fn dutch_ask_name(i18n: I18n, ask: DutchAsk) -> String {
    match ask {
        DutchAsk::Level(level) => level_name(i18n, level),
        DutchAsk::Unstated(DutchUnstated::DutchAsked) => {
            t_string!(i18n, level_unstated_asked).to_string()
        }
        DutchAsk::Unstated(DutchUnstated::NoLanguageStated) => {
            t_string!(i18n, level_unstated_no_language).to_string()
        }
    }
}

/// Another language's level in a vacancy, `None` when it is asked without one.
pub fn language_level_name(i18n: I18n, level: Option<DutchLevel>) -> String {
    level.map_or_else(
        || t_string!(i18n, language_level_unstated).to_string(),
        |level| level_name(i18n, level),
    )
}

pub fn level_description(i18n: I18n, level: DutchLevel) -> String {
    match level {
        DutchLevel::None => t_string!(i18n, level_none_desc),
        DutchLevel::Starter => t_string!(i18n, level_starter_desc),
        DutchLevel::Basic => t_string!(i18n, level_basic_desc),
        DutchLevel::Medium => t_string!(i18n, level_medium_desc),
        DutchLevel::Good => t_string!(i18n, level_good_desc),
        DutchLevel::VeryGood => t_string!(i18n, level_very_good_desc),
    }
    .to_string()
}

pub fn my_dutch_name(i18n: I18n, mine: MyDutch) -> String {
    match mine {
        MyDutch::Unknown => t_string!(i18n, level_unknown).to_string(),
        MyDutch::Level(l) => level_name(i18n, l),
    }
}

pub fn reach_name(i18n: I18n, reach: Reach) -> String {
    match reach {
        Reach::Within => t_string!(i18n, reach_within),
        Reach::WithCourse => t_string!(i18n, reach_course),
        Reach::All => t_string!(i18n, reach_all),
    }
    .to_string()
}

pub fn contract_name(i18n: I18n, contract: ContractType) -> String {
    match contract {
        ContractType::Permanent => t_string!(i18n, contract_permanent),
        ContractType::FixedTerm => t_string!(i18n, contract_fixed_term),
        ContractType::Interim => t_string!(i18n, contract_interim),
        ContractType::Apprenticeship => t_string!(i18n, contract_apprenticeship),
        ContractType::Other => t_string!(i18n, contract_other),
    }
    .to_string()
}

/// A vacancy's contract as shown: the source's own label when it maps to no type.
pub fn vacancy_contract(i18n: I18n, v: &VacancySummary) -> String {
    match (v.contract, &v.contract_label) {
        (ContractType::Other, Some(label)) => label.clone(),
        (contract, _) => contract_name(i18n, contract),
    }
}

/// A vacancy's working time as shown: the source's own label when it maps to neither.
pub fn vacancy_regime(i18n: I18n, v: &VacancySummary) -> String {
    match (v.regime, &v.regime_label) {
        (Regime::Other, Some(label)) => label.clone(),
        (regime, _) => regime_name(i18n, regime),
    }
}

pub fn regime_name(i18n: I18n, regime: Regime) -> String {
    match regime {
        Regime::FullTime => t_string!(i18n, regime_full_time),
        Regime::PartTime => t_string!(i18n, regime_part_time),
        Regime::Other => t_string!(i18n, regime_other),
    }
    .to_string()
}

/// The fit of a vacancy's Dutch to the person's, in words.
pub fn fit_name(i18n: I18n, class: FitClass) -> String {
    match class {
        FitClass::Within => t_string!(i18n, fit_within),
        FitClass::OneAbove => t_string!(i18n, fit_one_above),
        FitClass::Beyond => t_string!(i18n, fit_beyond),
        FitClass::Unknown => t_string!(i18n, fit_unknown),
        FitClass::NotStated => t_string!(i18n, fit_not_stated),
    }
    .to_string()
}

/// A language's name from its ISO 639-1 code; unknown codes are shown as the code.
pub fn language_name(i18n: I18n, code: &str) -> String {
    match code {
        "nl" => t_string!(i18n, lang_nl).to_string(),
        "fr" => t_string!(i18n, lang_fr).to_string(),
        "de" => t_string!(i18n, lang_de).to_string(),
        "en" => t_string!(i18n, lang_en).to_string(),
        other => other.to_ascii_uppercase(),
    }
}

pub fn field_error(i18n: I18n, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::Required => t_string!(i18n, error_required),
        FieldErrorCode::TooLong => t_string!(i18n, error_too_long),
        FieldErrorCode::InvalidEmail => t_string!(i18n, error_invalid_email),
        FieldErrorCode::InvalidPhone => t_string!(i18n, error_invalid_phone),
        FieldErrorCode::InvalidFormat => t_string!(i18n, error_invalid_format),
        FieldErrorCode::ConsentRequired => t_string!(i18n, error_consent_required),
        FieldErrorCode::UnknownVacancy => t_string!(i18n, error_unknown_vacancy),
        FieldErrorCode::NotInApp => t_string!(i18n, error_not_in_app),
        FieldErrorCode::Unknown => t_string!(i18n, error_unknown),
    }
    .to_string()
}

/// The label of an application field named by the API, for the error summary ("Prénom : ce
/// champ est obligatoire."); `None` where the message says it alone (consent, unknown fields).
pub fn field_label(i18n: I18n, field: &str) -> Option<String> {
    Some(
        match field {
            "first_name" => t_string!(i18n, field_first_name),
            "last_name" => t_string!(i18n, field_last_name),
            "email" => t_string!(i18n, field_email),
            "phone" => t_string!(i18n, field_phone),
            "dutch_level" => t_string!(i18n, field_dutch),
            "forem_number" => t_string!(i18n, field_forem),
            "message" => t_string!(i18n, field_message),
            _ => return None,
        }
        .to_string(),
    )
}

/// A sentence for an API failure.
pub fn api_error(i18n: I18n, error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => t_string!(i18n, error_network).to_string(),
        ApiError::Timeout => t_string!(i18n, error_timeout).to_string(),
        ApiError::Malformed(_) => t_string!(i18n, error_malformed).to_string(),
        ApiError::Status { status: 404, .. } => t_string!(i18n, error_not_found).to_string(),
        // A 503 is "busy" when the server says for how long; without that it may be anything.
        ApiError::Status {
            status: status @ 429,
            ..
        }
        | ApiError::Status {
            status: status @ 503,
            retry_after: Some(_),
            ..
        } => t_string!(i18n, error_busy, status = *status).to_string(),
        ApiError::Status { status, .. } => {
            t_string!(i18n, error_server, status = *status).to_string()
        }
    }
}

/// A moment as the device's local clock shows it, "14:05:30": when a busy server's wait ends.
/// Seconds included, since the wait is often under a minute.
pub fn clock_time(unix_ms: f64) -> String {
    let date = js_sys::Date::new(&unix_ms.into());
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// A number of things as a plural message takes it: it picks the form (`_one`, `_other`) by its
/// value and is written with the locale's thousands separator (`count = LocalCount::new(…)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalCount {
    locale: Locale,
    n: usize,
}

impl LocalCount {
    pub fn new(locale: Locale, n: usize) -> Self {
        Self { locale, n }
    }
}

impl std::fmt::Display for LocalCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_count(self.locale, self.n))
    }
}

impl From<LocalCount> for PluralOperands {
    fn from(count: LocalCount) -> Self {
        count.n.into()
    }
}

/// 18234 → "18 234" in French and German, "18.234" in Dutch, "18,234" in English.
pub fn format_count(locale: Locale, n: usize) -> String {
    let sep = match locale {
        Locale::fr => '\u{202f}',
        Locale::nl | Locale::de => '.',
        Locale::en => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// 12.34 km → "12,3" (decimal comma except in English).
pub fn format_km(locale: Locale, km: f64) -> String {
    let s = format!("{km:.1}");
    if locale == Locale::en {
        s
    } else {
        s.replace('.', ",")
    }
}

/// 0.573 → "57,3 %" in French and German ("57,3 %" with a narrow no-break space in French),
/// "57,3%" in Dutch, "57.3%" in English.
pub fn format_share(locale: Locale, share: f64) -> String {
    let number = format_km(locale, 100.0 * share);
    match locale {
        Locale::fr => format!("{number}\u{202f}%"),
        Locale::de => format!("{number}\u{a0}%"),
        Locale::nl | Locale::en => format!("{number}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_each_languages_thousands_separator() {
        assert_eq!(format_count(Locale::fr, 18_234), "18\u{202f}234");
        assert_eq!(format_count(Locale::nl, 1_234_567), "1.234.567");
        assert_eq!(format_count(Locale::de, 999), "999");
        assert_eq!(format_count(Locale::en, 100_000), "100,000");
        assert_eq!(format_count(Locale::en, 0), "0");
    }

    #[test]
    fn distances_and_shares_have_one_decimal_in_the_languages_way() {
        assert_eq!(format_km(Locale::fr, 12.34), "12,3");
        assert_eq!(format_km(Locale::en, 12.35), "12.3");
        assert_eq!(format_share(Locale::fr, 0.573), "57,3\u{202f}%");
        assert_eq!(format_share(Locale::de, 1.0), "100,0\u{a0}%");
        assert_eq!(format_share(Locale::nl, 0.0), "0,0%");
        assert_eq!(format_share(Locale::en, 0.1416), "14.2%");
    }
}
