//! The command line (with environment fallbacks) and the settings it yields.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// New applications one client (peer address) may send per minute by default: far above what a
/// person types, and above what the end-to-end suite sends to one worker's stand-in.
pub const DEFAULT_APPLICATIONS_PER_MINUTE: u32 = 30;

/// Largest dataset the stand-in generates: enough to measure the app at "100,000+ in reach".
pub const MAX_VACANCIES: u32 = 200_000;

/// Passerelle's stand-in API: generated Flemish vacancies, radius search, durable applications,
/// and the built app served at `/`.
#[derive(Debug, Clone, Parser)]
#[command(name = "passerelle-api", version)]
pub struct Cli {
    /// Address to listen on; port 0 picks a free port. The bound address is printed to stdout
    /// as `listening on http://HOST:PORT`.
    #[arg(long, env = "PASSERELLE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Folder of the built app, served at `/` (unknown paths fall back to its index.html).
    #[arg(long, env = "PASSERELLE_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// SQLite file for received applications (parent folders are created).
    #[arg(
        long,
        env = "PASSERELLE_DB",
        default_value = "data/applications.sqlite3"
    )]
    pub db: PathBuf,

    /// Number of generated vacancies (1 to 200000).
    #[arg(long, env = "PASSERELLE_VACANCIES", default_value_t = 25_000,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_VACANCIES)))]
    pub vacancies: u32,

    /// Seed of the dataset generator: the same seed and count give the same vacancies.
    #[arg(long, env = "PASSERELLE_SEED", default_value_t = 42)]
    pub seed: u64,

    /// Serve this file as `/config.json` instead of the one in the dist folder.
    #[arg(long, env = "PASSERELLE_CONFIG_JSON")]
    pub config_json: Option<PathBuf>,

    /// Allow cross-origin requests from this origin (repeatable; CORS is off without it).
    /// The environment variable takes a comma-separated list.
    #[arg(
        long = "cors-origin",
        env = "PASSERELLE_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// New applications one client (peer IP address; IPv6 per /64) may send per minute, as a
    /// burst of that many then one every 60/N s; over it, `429` with `Retry-After`. Retries of a
    /// stored application never count. `0` turns the limit off (load runs).
    #[arg(long, env = "PASSERELLE_APPLICATIONS_PER_MINUTE", default_value_t = DEFAULT_APPLICATIONS_PER_MINUTE)]
    pub applications_per_minute: u32,

    /// Where vacancies come from: `generated` (the default) or `forem`, Le Forem's open data
    /// synced from `--forem-url`. Check the portal's terms of use and robots rules first.
    #[arg(long, env = "PASSERELLE_SOURCE", value_enum, default_value_t = Source::Generated)]
    pub source: Source,

    /// Base URL of the Opendatasoft portal publishing `offres-d-emploi-forem` (e.g. the Open
    /// Data Wallonie-Bruxelles portal). Needed by `--source forem`; nothing is fetched without it.
    #[arg(long, env = "PASSERELLE_FOREM_URL")]
    pub forem_url: Option<String>,

    /// Hours between two syncs of the forem source (the first runs at start).
    #[arg(long, env = "PASSERELLE_FOREM_SYNC_HOURS", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(1..=24 * 30))]
    pub forem_sync_hours: u32,

    /// Days of publication dates a forem sync asks for, back from today.
    #[arg(long, env = "PASSERELLE_FOREM_LOOKBACK_DAYS", default_value_t = 183,
          value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub forem_lookback_days: u32,

    /// Milliseconds between two requests of a forem sync (one request at a time either way).
    /// Keep the default for a live portal; end-to-end runs against `fake-forem` use 0.
    #[arg(
        long,
        env = "PASSERELLE_FOREM_REQUEST_PAUSE_MS",
        default_value_t = 1000
    )]
    pub forem_request_pause_ms: u64,

    /// Fault injection: delay every API response (except health) by this many milliseconds.
    #[arg(long, env = "PASSERELLE_FAULT_LATENCY_MS", default_value_t = 0)]
    pub fault_latency_ms: u64,

    /// Fault injection: share of API requests (except health) answered 503, from 0.0 to 1.0.
    #[arg(long, env = "PASSERELLE_FAULT_ERROR_RATE", default_value_t = 0.0, value_parser = parse_rate)]
    pub fault_error_rate: f64,

    /// Fault injection: share of API responses (except health) cut short into invalid JSON with
    /// status 200, from 0.0 to 1.0.
    #[arg(long, env = "PASSERELLE_FAULT_MALFORMED_RATE", default_value_t = 0.0, value_parser = parse_rate)]
    pub fault_malformed_rate: f64,
}

/// Where the served vacancies come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Source {
    /// The deterministic generated dataset (`--vacancies`, `--seed`).
    Generated,
    /// Le Forem's open data, synced from `--forem-url` (see `passerelle_api::forem`).
    Forem,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let rate: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err(format!("{rate} is not between 0.0 and 1.0"))
    }
}

impl Cli {
    pub fn application_limit(&self) -> Option<crate::application_limit::ApplicationLimit> {
        crate::application_limit::ApplicationLimit::per_minute(self.applications_per_minute)
    }

    pub fn faults(&self) -> crate::faults::FaultConfig {
        crate::faults::FaultConfig {
            latency_ms: self.fault_latency_ms,
            error_rate: self.fault_error_rate,
            malformed_rate: self.fault_malformed_rate,
        }
    }
}
