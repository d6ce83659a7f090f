//! When to ask a server again: growing pauses after a failure, and the wait a busy server asks
//! for itself with `Retry-After` (RFC 9110 §10.2.3, sent with 429 and 503).
//!
//! The app's HTTP layer reads the header, the loader and the forms decide with
//! [`RetryPolicy::after`]; both stay free of the browser so they are tested here.

use std::time::Duration;

/// The longest wait a server can impose; a longer `Retry-After` is cut to it. Long enough for a
/// restart or a rate-limit window, short enough that a person still waiting gets an answer.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(10 * 60);

/// The wait a `Retry-After` value asks for, in either form the RFC allows: delta-seconds
/// (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`, and the two obsolete date forms),
/// `now_unix_secs` being the current time. A date already past asks for no wait; anything
/// beyond [`MAX_RETRY_AFTER`] is cut to it; anything else (garbage, negative, fractions) is
/// `None`, as if the header were absent.
pub fn parse_retry_after(value: &str, now_unix_secs: f64) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() || value.len() > 64 {
        return None;
    }
    let wait = if value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits: only overflow can fail, and an overflowing wait is a very long one.
        Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX))
    } else {
        let at = http_date_unix_secs(value)?;
        let seconds = (at as f64 - now_unix_secs).ceil();
        if seconds.is_nan() {
            return None;
        }
        Duration::from_secs_f64(seconds.clamp(0.0, MAX_RETRY_AFTER.as_secs_f64()))
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Seconds since 1970 of an HTTP date: IMF-fixdate, RFC 850 or asctime (RFC 9110 §5.6.7).
fn http_date_unix_secs(text: &str) -> Option<i64> {
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let (day, month, year, time) = match words.as_slice() {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        [weekday, day, month, year, time, "GMT"] if weekday.ends_with(',') => {
            (*day, *month, year.parse::<i64>().ok()?, *time)
        }
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (two-digit years: 70–99 are 19xx)
        [weekday, date, time, "GMT"] if weekday.ends_with(',') => {
            let mut parts = date.split('-');
            let (day, month, yy) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || yy.len() != 2 {
                return None;
            }
            let yy = yy.parse::<i64>().ok()?;
            (
                day,
                month,
                if yy < 70 { 2000 + yy } else { 1900 + yy },
                *time,
            )
        }
        // asctime: Sun Nov  6 08:49:37 1994
        [_weekday, month, day, time, year] => (*day, *month, year.parse::<i64>().ok()?, *time),
        _ => return None,
    };
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let day = day
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=31).contains(d) && day.len() <= 2)?;
    let mut hms = time.split(':').map(|p| {
        p.parse::<i64>()
            .ok()
            .filter(|_| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
    });
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() || h > 23 || m > 59 || s > 60 || !(1900..=9999).contains(&year) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3_600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A failed request, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No answer: offline, refused, cut, or timed out.
    NoAnswer,
    /// An error status, with the wait the server asked for (429 and 503 may carry one).
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// An answer we cannot use (not JSON, the wrong shape): asking again gets the same.
    Unusable,
}

impl Failure {
    /// Worth asking again: the network, a timeout, a busy or restarting server.
    /// A 4xx other than 408/429 would fail the same way again.
    pub fn is_transient(self) -> bool {
        match self {
            Failure::NoAnswer => true,
            Failure::Status { status, .. } => status >= 500 || matches!(status, 408 | 429),
            Failure::Unusable => false,
        }
    }

    /// The wait the server asked for, if it is busy (429/503) and said how long.
    pub fn server_wait(self) -> Option<Duration> {
        match self {
            Failure::Status {
                status: 429 | 503,
                retry_after,
            } => retry_after,
            _ => None,
        }
    }
}

/// What to do after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Ask again after `wait`; `server_asked` when that wait is the server's own `Retry-After`
    /// (worth telling the person: it can be minutes).
    Retry { wait: Duration, server_asked: bool },
    /// Stop and tell the person (who can retry by hand).
    GiveUp,
}

/// How often and how patiently a failed request is asked for again before the person is told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first failure of one request.
    pub retries: u32,
    /// The first pause; each further one doubles, up to `max_pause`.
    pub first_pause: Duration,
    pub max_pause: Duration,
}

impl Default for RetryPolicy {
    /// Four retries over about 7.5 s: enough for a flaky mobile connection or a restarting
    /// server, short enough that a dead server is reported while the person still waits.
    fn default() -> Self {
        Self {
            retries: 4,
            first_pause: Duration::from_millis(500),
            max_pause: Duration::from_secs(4),
        }
    }
}

impl RetryPolicy {
    /// The pause before retry number `attempt` (0-based).
    pub fn pause(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.min(16);
        self.first_pause.saturating_mul(factor).min(self.max_pause)
    }

    /// What to do after `failure`, `attempt` retries having been made already. A server's own
    /// wait replaces the pause when it is longer (never shorter: a `Retry-After: 0` loop would
    /// hammer it) and counts as a retry, so a server busy for ever is still reported.
    pub fn after(&self, failure: Failure, attempt: u32) -> NextStep {
        if !failure.is_transient() || attempt >= self.retries {
            return NextStep::GiveUp;
        }
        let pause = self.pause(attempt);
        match failure.server_wait() {
            Some(asked) if asked > pause => NextStep::Retry {
                wait: asked,
                server_asked: true,
            },
            _ => NextStep::Retry {
                wait: pause,
                server_asked: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-10-21 07:28:00 UTC.
    const NOW: f64 = 1_792_567_680.0;

    #[test]
    fn delta_seconds_are_read_as_a_wait() {
        assert_eq!(
            parse_retry_after("120", NOW),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", NOW), Some(Duration::ZERO));
    }

    #[test]
    fn the_three_http_date_forms_give_the_time_left_until_then() {
        for value in [
            "Wed, 21 Oct 2026 07:29:30 GMT",
            "Wednesday, 21-Oct-26 07:29:30 GMT",
            "Wed Oct 21 07:29:30 2026",
        ] {
            assert_eq!(
                parse_retry_after(value, NOW),
                Some(Duration::from_secs(90)),
                "{value}"
            );
        }
        // asctime pads a one-digit day with a space.
        assert_eq!(
            parse_retry_after("Thu Oct  1 00:00:10 2026", 1_790_812_800.0),
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn a_date_already_past_asks_for_no_wait() {
        assert_eq!(
            parse_retry_after("Tue, 20 Oct 2026 07:28:00 GMT", NOW),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn no_server_can_park_the_app_for_more_than_ten_minutes() {
        assert_eq!(parse_retry_after("86400", NOW), Some(MAX_RETRY_AFTER));
        assert_eq!(
            parse_retry_after("99999999999999999999999999", NOW),
            Some(MAX_RETRY_AFTER),
            "overflowing digits are a very long wait, not garbage"
        );
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", NOW),
            Some(MAX_RETRY_AFTER)
        );
    }

    #[test]
    fn garbage_is_ignored_as_if_the_header_were_absent() {
        for value in [
            "",
            "soon",
            "-5",
            "1.5",
            "+30",
            "0x10",
            "Wed, 21 Oct 2026 07:29:30 CET",
            "Wed, 32 Oct 2026 07:29:30 GMT",
            "Wed, 21 Okt 2026 07:29:30 GMT",
            "Wed, 21 Oct 2026 24:00:00 GMT",
            "Wed, 21 Oct 2026 7:29:30 GMT",
            "Wed, 21 Oct -2026 07:29:30 GMT",
            "<script>alert(1)</script>",
            &"9".repeat(100),
        ] {
            assert_eq!(parse_retry_after(value, NOW), None, "{value:?}");
        }
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:29:30 GMT", f64::NAN),
            None
        );
    }

    #[test]
    fn dates_count_days_like_the_calendar() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 10, 21), 20_747);
    }

    fn busy(status: u16, secs: u64) -> Failure {
        Failure::Status {
            status,
            retry_after: Some(Duration::from_secs(secs)),
        }
    }

    #[test]
    fn pauses_between_retries_grow_and_are_capped() {
        let policy = RetryPolicy::default();
        let pauses: Vec<u128> = (0..6).map(|a| policy.pause(a).as_millis()).collect();
        assert_eq!(pauses, [500, 1000, 2000, 4000, 4000, 4000]);
    }

    #[test]
    fn a_busy_server_is_asked_again_when_it_said_and_the_person_is_told() {
        let policy = RetryPolicy::default();
        for status in [429, 503] {
            assert_eq!(
                policy.after(busy(status, 120), 0),
                NextStep::Retry {
                    wait: Duration::from_secs(120),
                    server_asked: true
                }
            );
        }
    }

    #[test]
    fn a_retry_after_shorter_than_the_pause_never_makes_the_app_ask_faster() {
        assert_eq!(
            RetryPolicy::default().after(busy(503, 0), 2),
            NextStep::Retry {
                wait: Duration::from_secs(2),
                server_asked: false
            }
        );
    }

    #[test]
    fn a_server_busy_for_ever_is_reported_after_the_retries() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.after(busy(503, 60), 4), NextStep::GiveUp);
    }

    #[test]
    fn retry_after_on_other_statuses_is_not_a_reason_to_wait_longer() {
        assert_eq!(
            RetryPolicy::default().after(busy(500, 300), 0),
            NextStep::Retry {
                wait: Duration::from_millis(500),
                server_asked: false
            }
        );
    }

    #[test]
    fn client_errors_and_unusable_answers_are_not_asked_again() {
        let policy = RetryPolicy::default();
        for failure in [
            Failure::Unusable,
            Failure::Status {
                status: 404,
                retry_after: None,
            },
            Failure::Status {
                status: 422,
                retry_after: None,
            },
        ] {
            assert_eq!(policy.after(failure, 0), NextStep::GiveUp, "{failure:?}");
        }
    }

    #[test]
    fn transient_failures_are_the_network_timeouts_and_busy_servers() {
        assert!(Failure::NoAnswer.is_transient());
        for status in [500, 502, 503, 504, 408, 429] {
            assert!(Failure::Status {
                status,
                retry_after: None
            }
            .is_transient());
        }
        for status in [400, 404, 422] {
            assert!(!Failure::Status {
                status,
                retry_after: None
            }
            .is_transient());
        }
    }
}
