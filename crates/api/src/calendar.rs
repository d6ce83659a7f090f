//! Proleptic Gregorian dates without a date crate: the generator's publication dates and the
//! receipts' RFC 3339 timestamps are all this API needs.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    pub fn minus_days(self, days: i64) -> Self {
        Self::from_days(self.to_days() - days)
    }

    pub fn plus_days(self, days: i64) -> Self {
        Self::from_days(self.to_days() + days)
    }

    /// A date from text that starts `YYYY-MM-DD` (a date, or an RFC 3339 timestamp whose date
    /// part is taken as written); `None` for anything else or a day the calendar lacks.
    pub fn parse_iso_prefix(text: &str) -> Option<Self> {
        let head = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let bytes = head.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            bytes[r.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| head[r].parse::<u32>().ok())
                .flatten()
        };
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let date = Self::new(i32::try_from(year).ok()?, month, day);
        // Round-tripping through the day count rejects 2026-02-30 and month 13.
        (Self::from_days(date.to_days()) == date).then_some(date)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A UTC instant, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTimestamp {
    pub date: Date,
    pub seconds_of_day: u32,
}

impl UtcTimestamp {
    pub fn now() -> Self {
        // A clock before 1970 is a broken host; treat it as the epoch rather than failing a request.
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_unix(secs)
    }

    pub fn from_unix(secs: u64) -> Self {
        let secs = i64::try_from(secs).unwrap_or(i64::MAX);
        Self {
            date: Date::from_days(secs.div_euclid(86_400)),
            seconds_of_day: secs.rem_euclid(86_400) as u32,
        }
    }

    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub fn rfc3339(self) -> String {
        let s = self.seconds_of_day;
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date.iso(),
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_timestamps_are_read_and_impossible_days_are_not() {
        assert_eq!(
            Date::parse_iso_prefix("2026-11-20"),
            Some(Date::new(2026, 11, 20))
        );
        assert_eq!(
            Date::parse_iso_prefix("2026-11-20T08:00:00+01:00"),
            Some(Date::new(2026, 11, 20))
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026/11/20",
            "20-11-2026",
            "2026-11-2",
            "2026-11-20x",
            "",
            "2026-1é-20",
        ] {
            assert_eq!(Date::parse_iso_prefix(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_round_trip_across_leap_years() {
        for days in [-1000, 0, 365, 11_016, 20_787, 20_513, 60_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(
            Date::new(2024, 2, 29).to_days() + 1,
            Date::new(2024, 3, 1).to_days()
        );
    }

    #[test]
    fn sixty_days_before_the_reference_date_is_the_first_of_october() {
        assert_eq!(
            Date::new(2026, 11, 30).minus_days(60),
            Date::new(2026, 10, 1)
        );
    }

    #[test]
    fn unix_seconds_format_as_rfc_3339_utc() {
        assert_eq!(UtcTimestamp::from_unix(0).rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(
            UtcTimestamp::from_unix(1_795_000_000).rfc3339(),
            "2026-11-18T11:06:40Z"
        );
    }
}
