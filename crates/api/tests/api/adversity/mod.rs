//! Applications under adversity: N intended applications, each sent the way the app sends one
//! (core's `ApplicationDraft` picks the Idempotency-Key; a retry reuses it), through a proxy
//! that drops requests and responses, to the real stand-in injecting 503s and cut-short
//! answers. Each is retried until it gets its `201`. Afterwards the database holds exactly one
//! row per intended application: none lost, none doubled.
//!
//! 1,000 applications by default (about 2 s in a debug build); the figures are printed with
//! `cargo test -p passerelle-api --test api adversity -- --nocapture`, and
//! `ADVERSITY_APPLICATIONS`, `ADVERSITY_REQUEST_DROP`, `ADVERSITY_RESPONSE_DROP` (shares from
//! 0.0 to 1.0, 0.2 each by default) change the run. The server faults are 10 % 503 and 10 %
//! cut-short `200` answers (after storing).

mod proxy;

use crate::stand_in::{post_application, stored_applications, StandIn};
use passerelle_api::dataset::Dataset;
use passerelle_core::api::{ApplicationReceipt, ApplyMode};
use passerelle_core::draft::ApplicationDraft;
use proxy::{Losses, Proxy};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const VACANCIES: u32 = 300;
const SEED: u64 = 5;
const SENDERS: usize = 8;
/// A bound, so a broken retry loop fails instead of spinning.
const MAX_ATTEMPTS: u32 = 60;

fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What the senders saw.
#[derive(Default)]
struct Seen {
    attempts: AtomicU64,
    unknown_outcomes: AtomicU64,
    unavailable: AtomicU64,
    cut_short: AtomicU64,
    final_replays: AtomicU64,
    keys_minted: AtomicU64,
}

/// The person's draft for intended application `n`.
fn draft(n: usize, in_app: &[u32]) -> ApplicationDraft {
    ApplicationDraft {
        first_name: "Amélie".into(),
        last_name: format!("Dupont {n}"),
        email: format!("amelie.{n}@example.be"),
        message: format!("adversity application {n}"),
        consent: true,
        ..ApplicationDraft::new(in_app[n % in_app.len()])
    }
}

/// Sends draft `n` until it is stored: the app's loop, natively.
fn send_until_stored(n: usize, in_app: &[u32], proxy: &str, seen: &Seen) -> ApplicationReceipt {
    let mut draft = draft(n, in_app);
    for attempt in 1..=MAX_ATTEMPTS {
        let key = draft.key_for_send(|| {
            seen.keys_minted.fetch_add(1, Ordering::Relaxed);
            format!("adversity-{n:05}-{attempt}")
        });
        let body = draft
            .attempt
            .as_ref()
            .expect("set by key_for_send")
            .body
            .clone();
        seen.attempts.fetch_add(1, Ordering::Relaxed);
        match post_application(proxy, &key, &body) {
            Ok((201, head, receipt)) => {
                let receipt = serde_json::from_str(&receipt)
                    .unwrap_or_else(|e| panic!("{key}: a 201 with {e}: {receipt}"));
                if head.contains("idempotent-replayed: true") {
                    seen.final_replays.fetch_add(1, Ordering::Relaxed);
                }
                return receipt;
            }
            Ok((503, _, _)) => {
                seen.unavailable.fetch_add(1, Ordering::Relaxed);
            }
            // The stand-in's malformed fault: stored or not, the client cannot tell.
            Ok((200, _, _)) => {
                seen.cut_short.fetch_add(1, Ordering::Relaxed);
            }
            Ok((status, _, body)) => panic!("{key}: unexpected {status}: {body}"),
            Err(_) => {
                seen.unknown_outcomes.fetch_add(1, Ordering::Relaxed);
            }
        }
        // The person fiddles while waiting: blanks the form trims away keep the same request,
        // so the same key.
        draft.last_name = format!("Dupont {n}{}", " ".repeat(attempt as usize % 2));
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("application {n} was not stored after {MAX_ATTEMPTS} attempts")
}

#[test]
fn every_intended_application_is_stored_exactly_once_through_drops_and_faults() {
    let applications: usize = setting("ADVERSITY_APPLICATIONS", 1000);
    let losses = Losses {
        requests: setting("ADVERSITY_REQUEST_DROP", 0.2),
        responses: setting("ADVERSITY_RESPONSE_DROP", 0.2),
    };
    let dir = tempfile::TempDir::new().expect("temporary folder");
    let db = dir.path().join("applications.sqlite3");
    let (vacancies, seed) = (VACANCIES.to_string(), SEED.to_string());
    let server = StandIn::start(
        &db,
        &[
            "--vacancies",
            &vacancies,
            "--seed",
            &seed,
            "--fault-error-rate",
            "0.1",
            "--fault-malformed-rate",
            "0.1",
            // Eight senders on one address, faster than any person: no per-client limit.
            "--applications-per-minute",
            "0",
        ],
    );
    let proxy = Proxy::start(&server.addr, losses);
    let in_app: Arc<Vec<u32>> = Arc::new(
        Dataset::generate(VACANCIES, SEED)
            .summaries()
            .iter()
            .filter(|v| v.apply_mode == ApplyMode::InApp)
            .map(|v| v.id)
            .collect(),
    );

    let started = Instant::now();
    let seen = Arc::new(Seen::default());
    let next = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = (0..SENDERS)
        .map(|_| {
            let (seen, next, in_app, addr) = (
                seen.clone(),
                next.clone(),
                in_app.clone(),
                proxy.addr.clone(),
            );
            std::thread::spawn(move || {
                let mut receipts = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= applications {
                        break receipts;
                    }
                    receipts.push((n, send_until_stored(n, &in_app, &addr, &seen)));
                }
            })
        })
        .collect();
    let mut receipts: Vec<(usize, ApplicationReceipt)> = senders
        .into_iter()
        .flat_map(|s| s.join().expect("sender"))
        .collect();
    receipts.sort_by_key(|(n, _)| *n);
    let elapsed = started.elapsed();

    let stored = stored_applications(&db);
    assert_eq!(
        receipts.len(),
        applications,
        "every application got its 201"
    );
    assert_eq!(
        stored.len(),
        applications,
        "one row per intended application"
    );
    for (n, receipt) in &receipts {
        let marker = format!("\"adversity application {n}\"");
        let copies: Vec<_> = stored
            .iter()
            .filter(|(_, _, b)| b.contains(&marker))
            .collect();
        assert_eq!(copies.len(), 1, "application {n} is stored exactly once");
        assert_eq!(
            copies[0].1, receipt.reference,
            "application {n}'s receipt is its row"
        );
        assert!(
            copies[0].0.starts_with(&format!("adversity-{n:05}-")),
            "{}",
            copies[0].0
        );
    }

    let count = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let tally = &proxy.tally;
    eprintln!(
        "adversity: {applications} applications in {:.1} s through {} connections; \
         {} attempts ({} per application), {} keys minted; \
         proxy dropped {} requests and {} responses; server answered {} new 201, \
         {} replayed 201 (duplicates prevented, at least), {} injected 503, {} cut-short 200, {} other; \
         senders saw {} unknown outcomes (transport), {} 503, {} cut-short, \
         {} final answers that were replays; rows stored {}",
        elapsed.as_secs_f64(),
        count(&tally.connections),
        count(&seen.attempts),
        format_args!("{:.2}", count(&seen.attempts) as f64 / applications as f64),
        count(&seen.keys_minted),
        count(&tally.requests_dropped),
        count(&tally.responses_dropped),
        count(&tally.stored),
        count(&tally.replayed),
        count(&tally.unavailable),
        count(&tally.malformed),
        count(&tally.other),
        count(&seen.unknown_outcomes),
        count(&seen.unavailable),
        count(&seen.cut_short),
        count(&seen.final_replays),
        stored.len(),
    );
    assert_eq!(
        count(&seen.keys_minted),
        applications as u64,
        "a retry reuses its key, whitespace edits too"
    );
    // A cut-short 200 hides whether its request was new, so new 201s can be fewer than rows.
    assert!(count(&tally.stored) <= applications as u64);
    assert_eq!(
        count(&tally.other),
        0,
        "no answer but 201, 503 or the cut-short 200"
    );
    // The run tested something: every kind of adversity happened, and retries of stored
    // applications were answered as replays instead of stored again.
    for (what, n) in [
        ("requests dropped", count(&tally.requests_dropped)),
        ("responses dropped", count(&tally.responses_dropped)),
        ("503s injected", count(&tally.unavailable)),
        ("answers cut short", count(&tally.malformed)),
        ("replays", count(&tally.replayed)),
    ] {
        assert!(n > 0, "no {what}: the run did not test what it claims");
    }
    drop(server);
}
