//! A load run against a running stand-in: many clients doing what the app does (search pages
//! around random Walloon towns, following `next`; opening vacancies; now and then applying),
//! then latency percentiles per request kind, throughput and errors, as text and markdown.
//!
//! `cargo xtask load` starts the release stand-in (per-client application limit off) and runs
//! this; by hand, against a stand-in started with `--applications-per-minute 0` (all clients
//! here share one address, so the limit would refuse most of their applications with 429):
//! `cargo run --release -p passerelle-api --example load -- --url http://127.0.0.1:8080 \
//!  [--clients 200] [--duration 30] [--report target/load-report.md]`

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use passerelle_core::api::{ApplicationRequest, ApplyMode, VacancyPage, IDEMPOTENCY_KEY_HEADER};
use passerelle_core::municipality::{self, Municipality};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// The request kinds reported apart.
const KINDS: [&str; 4] = [
    "search first page",
    "search next page",
    "vacancy detail",
    "application",
];
/// Radii the app offers most (km).
const RADII: [u32; 3] = [10, 25, 60];
/// Share of visits that end in an application.
const APPLY_SHARE: f64 = 0.02;

struct Options {
    url: String,
    clients: usize,
    duration: Duration,
    report: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        url: String::new(),
        clients: 200,
        duration: Duration::from_secs(30),
        report: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} wants a value"));
        match flag.as_str() {
            "--url" => o.url = value()?.trim_end_matches('/').to_owned(),
            "--clients" => o.clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--duration" => {
                o.duration =
                    Duration::from_secs(value()?.parse().map_err(|e| format!("--duration: {e}"))?)
            }
            "--report" => o.report = Some(value()?.clone()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.url.is_empty() {
        return Err("--url is required".into());
    }
    Ok(o)
}

/// One client's measurements: latencies in microseconds and error counts, per kind.
#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<u64>>,
    errors: BTreeMap<&'static str, u64>,
    /// Applications answered 429 (also counted as errors): the server's per-client limit.
    limited: u64,
}

impl Tally {
    fn record(&mut self, kind: &'static str, started: Instant, ok: bool) {
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.latencies.entry(kind).or_default().push(micros);
        if !ok {
            *self.errors.entry(kind).or_default() += 1;
        }
    }

    fn merge(&mut self, other: Tally) {
        for (kind, l) in other.latencies {
            self.latencies.entry(kind).or_default().extend(l);
        }
        for (kind, e) in other.errors {
            *self.errors.entry(kind).or_default() += e;
        }
        self.limited += other.limited;
    }
}

/// Status and body, or `None` for a transport error.
async fn send(client: &HttpClient, request: hyper::Request<Full<Bytes>>) -> Option<(u16, Bytes)> {
    let response = client.request(request).await.ok()?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.ok()?.to_bytes();
    Some((status, body))
}

async fn get(client: &HttpClient, uri: &str) -> Option<(u16, Bytes)> {
    let request = hyper::Request::get(uri).body(Full::default()).ok()?;
    send(client, request).await
}

async fn run_client(
    id: usize,
    client: HttpClient,
    base: String,
    towns: Vec<&'static Municipality>,
    until: Instant,
) -> Tally {
    let mut rng = ChaCha8Rng::seed_from_u64(id as u64);
    let mut tally = Tally::default();
    let mut applications = 0u64;
    while Instant::now() < until {
        let town = towns[rng.random_range(0..towns.len())];
        let radius = RADII[rng.random_range(0..RADII.len())];
        let search = format!(
            "{base}/api/v1/vacancies?lat={}&lon={}&radius_km={radius}",
            town.location.lat, town.location.lon
        );
        let started = Instant::now();
        let mut page = match get(&client, &search).await {
            Some((200, body)) => {
                let page = serde_json::from_slice::<VacancyPage>(&body).ok();
                tally.record(KINDS[0], started, page.is_some());
                page
            }
            _ => {
                tally.record(KINDS[0], started, false);
                None
            }
        };
        // Scroll a few pages further, as the app's loader does for a wide search.
        for _ in 0..rng.random_range(0..3) {
            let Some(next) = page.as_ref().and_then(|p| p.next.clone()) else {
                break;
            };
            let started = Instant::now();
            page = match get(&client, &format!("{search}&cursor={next}")).await {
                Some((200, body)) => {
                    let next_page = serde_json::from_slice::<VacancyPage>(&body).ok();
                    tally.record(KINDS[1], started, next_page.is_some());
                    next_page
                }
                _ => {
                    tally.record(KINDS[1], started, false);
                    None
                }
            };
        }
        let Some(items) = page.map(|p| p.items).filter(|i| !i.is_empty()) else {
            continue;
        };
        for _ in 0..rng.random_range(1..=3) {
            let vacancy = &items[rng.random_range(0..items.len())];
            let started = Instant::now();
            let ok = matches!(
                get(&client, &format!("{base}/api/v1/vacancies/{}", vacancy.id)).await,
                Some((200, _))
            );
            tally.record(KINDS[2], started, ok);
        }
        if rng.random_bool(APPLY_SHARE) {
            if let Some(vacancy) = items.iter().find(|v| v.apply_mode == ApplyMode::InApp) {
                applications += 1;
                let body = serde_json::to_vec(&ApplicationRequest {
                    vacancy_id: vacancy.id,
                    first_name: "Charge".into(),
                    last_name: format!("Client {id}"),
                    email: format!("client{id}@example.be"),
                    message: format!("load run application {applications}"),
                    consent: true,
                    ..Default::default()
                })
                .unwrap_or_default();
                let request = hyper::Request::post(format!("{base}/api/v1/applications"))
                    .header("content-type", "application/json")
                    .header(IDEMPOTENCY_KEY_HEADER, format!("load-{id}-{applications}"))
                    .body(Full::new(Bytes::from(body)));
                let started = Instant::now();
                let status = match request {
                    Ok(request) => send(&client, request).await.map(|(status, _)| status),
                    Err(_) => None,
                };
                tally.limited += u64::from(status == Some(429));
                let ok = status == Some(201);
                tally.record(KINDS[3], started, ok);
            }
        }
    }
    tally
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)] as f64 / 1000.0
}

fn report(o: &Options, tally: &mut Tally, elapsed: Duration) -> String {
    let total: usize = tally.latencies.values().map(Vec::len).sum();
    let errors: u64 = tally.errors.values().sum();
    let mut md = String::new();
    let _ = writeln!(md, "# Load run\n");
    let _ = writeln!(
        md,
        "{} clients for {:.1} s against {}: {total} requests, {:.0} requests/s, {errors} errors.\n",
        o.clients,
        elapsed.as_secs_f64(),
        o.url,
        total as f64 / elapsed.as_secs_f64()
    );
    if tally.limited > 0 {
        let _ = writeln!(
            md,
            "{} applications were refused with 429: every client here shares one address, so \
             the server's per-client limit applies to all of them (start it with \
             `--applications-per-minute 0`).\n",
            tally.limited
        );
    }
    let _ = writeln!(
        md,
        "| request | count | per s | p50 ms | p95 ms | p99 ms | max ms | errors |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for kind in KINDS {
        let latencies = tally.latencies.entry(kind).or_default();
        latencies.sort_unstable();
        let _ = writeln!(
            md,
            "| {kind} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            latencies.len(),
            latencies.len() as f64 / elapsed.as_secs_f64(),
            percentile(latencies, 50.0),
            percentile(latencies, 95.0),
            percentile(latencies, 99.0),
            percentile(latencies, 100.0),
            tally.errors.get(kind).copied().unwrap_or(0)
        );
    }
    md
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("load: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(o.clients)
        .build(connector);
    let towns: Vec<&'static Municipality> = municipality::home_towns().collect();
    let started = Instant::now();
    let until = started + o.duration;
    let clients: Vec<_> = (0..o.clients)
        .map(|id| {
            tokio::spawn(run_client(
                id,
                client.clone(),
                o.url.clone(),
                towns.clone(),
                until,
            ))
        })
        .collect();
    let mut tally = Tally::default();
    for c in clients {
        if let Ok(t) = c.await {
            tally.merge(t);
        }
    }
    let md = report(&o, &mut tally, started.elapsed());
    println!("{md}");
    if let Some(path) = &o.report {
        if let Err(e) = std::fs::write(path, &md) {
            eprintln!("load: cannot write {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
        println!("report written to {path}");
    }
    std::process::ExitCode::SUCCESS
}
