//! The one owner of HTTP to the Le Forem portal: the export endpoint of the Opendatasoft Explore
//! API v2.1, paged by windows of `datedebutdiffusion` (the export has no offset limit, but one
//! answer for every offer at once would be tens of megabytes), one request at a time, with a
//! clear User-Agent, backing off on 429 and 5xx as [`passerelle_core::retry`] decides and
//! honouring `Retry-After`.

use crate::calendar::Date;
use passerelle_core::retry::{parse_retry_after, Failure, NextStep, RetryPolicy};
use serde_json::Value;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The dataset's export, under the portal's base URL.
pub const EXPORT_PATH: &str =
    "/api/explore/v2.1/catalog/datasets/offres-d-emploi-forem/exports/json";

/// Says who asks and where to read about it, as a polite client does.
pub const USER_AGENT: &str = concat!(
    "Passerelle/",
    env!("CARGO_PKG_VERSION"),
    " (stand-in API syncing Le Forem open data once a day; see the project README)"
);

/// How the portal is asked.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// The portal's base URL, e.g. `https://www.odwb.be` (no trailing slash needed).
    pub base_url: String,
    /// Days of `datedebutdiffusion` asked per request.
    pub window_days: u32,
    /// How far back publication dates are asked for, in days before today.
    pub lookback_days: u32,
    /// The pause between two window requests: one request at a time, and not back to back.
    pub pause_between_requests: Duration,
    pub retry: RetryPolicy,
    /// Largest answer read for one window; a bigger one fails the sync rather than the memory.
    pub max_body_bytes: u64,
    /// Ends a request that hangs (connect to last byte).
    pub timeout: Duration,
}

impl ClientOptions {
    /// Defaults for a live portal: a week per request over half a year, retries spread over
    /// minutes (a rate-limit window), and a pause of a second between requests.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            window_days: 7,
            lookback_days: 183,
            pause_between_requests: Duration::from_secs(1),
            retry: RetryPolicy {
                retries: 5,
                first_pause: Duration::from_secs(5),
                max_pause: Duration::from_secs(120),
            },
            max_body_bytes: 256 * 1024 * 1024,
            timeout: Duration::from_secs(300),
        }
    }
}

/// Why the portal's answer could not be had; any of these fails the whole sync.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    #[error("the portal answered {status} for {window}")]
    Status { status: u16, window: String },
    #[error("no usable answer from the portal for {window}: {detail}")]
    Transport { window: String, detail: String },
    #[error("the portal's answer for {window} is not a JSON list of records: {detail}")]
    NotRecords { window: String, detail: String },
    #[error("the request task failed: {0}")]
    Task(String),
}

/// A date window `[from, until)` of publication dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Date,
    pub until: Date,
}

impl Window {
    /// The Opendatasoft query language filter for this window.
    pub fn where_clause(self) -> String {
        format!(
            "datedebutdiffusion >= date'{}' AND datedebutdiffusion < date'{}'",
            self.from.iso(),
            self.until.iso()
        )
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.from.iso(), self.until.iso())
    }
}

/// The windows that cover the lookback up to and including `today`, oldest first.
pub fn windows(today: Date, lookback_days: u32, window_days: u32) -> Vec<Window> {
    let step = i64::from(window_days.max(1));
    let end = today.plus_days(1);
    let mut from = today.minus_days(i64::from(lookback_days));
    let mut out = Vec::new();
    while from < end {
        let until = from.plus_days(step).min(end);
        out.push(Window { from, until });
        from = until;
    }
    out
}

/// One failed attempt: what retrying needs to know, and what to report.
struct Attempt {
    failure: Failure,
    error: FetchError,
}

pub struct ForemClient {
    agent: ureq::Agent,
    options: ClientOptions,
}

impl ForemClient {
    pub fn new(options: ClientOptions) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .timeout_global(Some(options.timeout))
            .build()
            .into();
        Self { agent, options }
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// Every record published in `window`, as raw JSON values (read one by one later, so one
    /// unreadable record costs that record, not the window).
    pub async fn records(&self, window: Window) -> Result<Vec<Value>, FetchError> {
        let url = format!(
            "{}{EXPORT_PATH}",
            self.options.base_url.trim_end_matches('/')
        );
        let mut attempt = 0;
        loop {
            let (agent, url, limit) =
                (self.agent.clone(), url.clone(), self.options.max_body_bytes);
            let outcome =
                tokio::task::spawn_blocking(move || fetch_once(&agent, &url, window, limit))
                    .await
                    .map_err(|e| FetchError::Task(e.to_string()))?;
            let failed = match outcome {
                Ok(records) => return Ok(records),
                Err(failed) => failed,
            };
            match self.options.retry.after(failed.failure, attempt) {
                NextStep::Retry { wait, .. } => {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                NextStep::GiveUp => return Err(failed.error),
            }
        }
    }
}

fn fetch_once(
    agent: &ureq::Agent,
    url: &str,
    window: Window,
    limit: u64,
) -> Result<Vec<Value>, Attempt> {
    let transport = |detail: String| Attempt {
        failure: Failure::NoAnswer,
        error: FetchError::Transport {
            window: window.to_string(),
            detail,
        },
    };
    let mut response = agent
        .get(url)
        .query("where", window.where_clause())
        .call()
        .map_err(|e| transport(e.to_string()))?;
    let status = response.status().as_u16();
    if status != 200 {
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, now_unix_secs()));
        return Err(Attempt {
            failure: Failure::Status {
                status,
                retry_after,
            },
            error: FetchError::Status {
                status,
                window: window.to_string(),
            },
        });
    }
    // A body cut short is a transport failure (worth asking again), not a bad answer.
    let body = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| transport(e.to_string()))?;
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(records)) => Ok(records),
        Ok(_) => Err(Attempt {
            failure: Failure::Unusable,
            error: FetchError::NotRecords {
                window: window.to_string(),
                detail: "not a list".to_owned(),
            },
        }),
        // JSON that ends early is a cut answer, worth asking again; other garbage is not.
        Err(e) if e.is_eof() => Err(transport(format!("the answer ends early: {e}"))),
        Err(e) => Err(Attempt {
            failure: Failure::Unusable,
            error: FetchError::NotRecords {
                window: window.to_string(),
                detail: e.to_string(),
            },
        }),
    }
}

fn now_unix_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_lookback_to_today_without_gaps_or_overlap() {
        let today = Date::new(2026, 12, 1);
        let all = windows(today, 30, 7);
        assert_eq!(all.first().map(|w| w.from), Some(Date::new(2026, 11, 1)));
        assert_eq!(all.last().map(|w| w.until), Some(Date::new(2026, 12, 2)));
        assert!(all.windows(2).all(|w| w[0].until == w[1].from));
        assert_eq!(all.len(), 5);
    }

    #[test]
    fn the_where_clause_uses_date_literals_and_a_half_open_window() {
        let window = Window {
            from: Date::new(2026, 11, 1),
            until: Date::new(2026, 11, 8),
        };
        assert_eq!(
            window.where_clause(),
            "datedebutdiffusion >= date'2026-11-01' AND datedebutdiffusion < date'2026-11-08'"
        );
    }
}
