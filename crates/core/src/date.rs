//! Calendar dates as people read them: the API sends ISO dates ("2026-11-22"); the interface shows
//! "22 novembre 2026", "22 november 2026", "22. November 2026" or "22 November 2026".
//!
//! A table of month names instead of ICU data: four languages, one format, and no date tables
//! in the wasm bundle.

use std::fmt;

/// A day of the Gregorian calendar, as the API's `YYYY-MM-DD` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month and year.
    pub day: u8,
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl CalendarDate {
    /// Reads `YYYY-MM-DD`; anything else (a time part, a day that does not exist) is `None`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(year) && all_digits(month) && all_digits(day)) {
            return None;
        }
        let (year, month, day) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Self { year, month, day })
    }

    /// The date written out in an interface language (`fr`, `nl`, `de`, `en`; others get French).
    pub fn long_form(self, lang: &str) -> String {
        let month = usize::from(self.month - 1);
        let (year, day) = (self.year, self.day);
        match lang {
            "nl" => format!("{day} {} {year}", MONTHS_NL[month]),
            "de" => format!("{day}. {} {year}", MONTHS_DE[month]),
            "en" => format!("{day} {} {year}", MONTHS_EN[month]),
            // French writes the first of the month as an ordinal: « 1er mars ».
            _ if day == 1 => format!("1er {} {year}", MONTHS_FR[month]),
            _ => format!("{day} {} {year}", MONTHS_FR[month]),
        }
    }
}

impl fmt::Display for CalendarDate {
    /// The ISO form, `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An API date (`YYYY-MM-DD`) written out in `lang`; text that is not such a date is shown as it came.
pub fn long_date(iso: &str, lang: &str) -> String {
    CalendarDate::parse_iso(iso).map_or_else(|| iso.to_owned(), |d| d.long_form(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publication_date_reads_naturally_in_each_language() {
        assert_eq!(long_date("2026-11-22", "fr"), "22 novembre 2026");
        assert_eq!(long_date("2026-11-22", "nl"), "22 november 2026");
        assert_eq!(long_date("2026-11-22", "de"), "22. November 2026");
        assert_eq!(long_date("2026-11-22", "en"), "22 November 2026");
    }

    #[test]
    fn days_carry_no_leading_zero_and_months_keep_their_accents() {
        assert_eq!(long_date("2026-02-05", "fr"), "5 février 2026");
        assert_eq!(long_date("2026-08-09", "fr"), "9 août 2026");
        assert_eq!(long_date("2026-03-05", "de"), "5. März 2026");
        assert_eq!(long_date("2026-03-05", "nl"), "5 maart 2026");
    }

    #[test]
    fn french_writes_the_first_of_the_month_as_an_ordinal() {
        assert_eq!(long_date("2026-12-01", "fr"), "1er décembre 2026");
        assert_eq!(long_date("2026-12-01", "nl"), "1 december 2026");
        assert_eq!(long_date("2026-12-01", "de"), "1. Dezember 2026");
        assert_eq!(long_date("2026-12-01", "en"), "1 December 2026");
    }

    #[test]
    fn every_month_has_a_name_in_every_language() {
        for month in 1..=12u8 {
            let date = CalendarDate {
                year: 2026,
                month,
                day: 15,
            };
            for lang in ["fr", "nl", "de", "en"] {
                let text = date.long_form(lang);
                assert!(text.starts_with("15"), "{text}");
                assert!(text.ends_with(" 2026"), "{text}");
                assert!(text.chars().any(char::is_alphabetic), "{text}");
            }
        }
    }

    #[test]
    fn an_unknown_language_gets_french() {
        assert_eq!(long_date("2026-11-22", "xx"), "22 novembre 2026");
    }

    #[test]
    fn only_real_iso_days_are_read() {
        assert_eq!(
            CalendarDate::parse_iso("2028-02-29"),
            Some(CalendarDate {
                year: 2028,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2026-02-29",
            "2100-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "2026-11-00",
            "2026-11-22T10:00:00Z",
            "22/11/2026",
            "2026-1-5",
            "+026-11-22",
            "",
        ] {
            assert_eq!(CalendarDate::parse_iso(bad), None, "{bad}");
        }
        assert!(CalendarDate::parse_iso("2000-02-29").is_some());
    }

    #[test]
    fn text_that_is_not_a_date_is_shown_unchanged() {
        assert_eq!(long_date("bientôt", "fr"), "bientôt");
    }

    #[test]
    fn display_gives_back_the_iso_form() {
        let date = CalendarDate::parse_iso("2026-03-05").map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2026-03-05"));
    }
}
