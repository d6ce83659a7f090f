//! The real binary killed with SIGKILL in the middle of a stream of applications, then
//! restarted on the same database: every 201 survived, and retrying each application whose
//! outcome was unknown, under its own key, stores it once and only once.

use crate::stand_in::{post_application, stored_applications, StandIn};
use passerelle_api::dataset::Dataset;
use passerelle_core::api::{ApplicationReceipt, ApplicationRequest, ApplyMode};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

const VACANCIES: &str = "300";
const SEED: u64 = 5;
const SENDERS: usize = 4;
const PER_SENDER: usize = 100;
/// Confirmed applications before the kill: enough that it lands mid-stream.
const CONFIRMED_BEFORE_KILL: usize = 40;

/// The stand-in on `db`; four senders on one address outpace any person, so the per-client
/// limit is off.
fn start(db: &Path) -> StandIn {
    let seed = SEED.to_string();
    StandIn::start(
        db,
        &[
            "--vacancies",
            VACANCIES,
            "--seed",
            &seed,
            "--applications-per-minute",
            "0",
        ],
    )
}

fn application(vacancy_id: u32, n: usize) -> (String, String) {
    let body = serde_json::to_string(&ApplicationRequest {
        vacancy_id,
        first_name: "Amélie".into(),
        last_name: "Dupont".into(),
        email: "amelie.dupont@example.be".into(),
        message: format!("application {n}"),
        consent: true,
        ..Default::default()
    })
    .expect("serialise");
    (format!("durability-{n:05}"), body)
}

/// What a sender learnt about one application.
enum Outcome {
    Stored(ApplicationReceipt),
    Unknown,
}

#[test]
fn after_a_sigkill_every_201_is_stored_and_retries_store_nothing_twice() {
    let dir = tempfile::TempDir::new().expect("temporary folder");
    let db = dir.path().join("applications.sqlite3");
    let vacancy_id = Dataset::generate(VACANCIES.parse().expect("count"), SEED)
        .summaries()
        .iter()
        .find(|v| v.apply_mode == ApplyMode::InApp)
        .expect("an in-app vacancy")
        .id;

    let mut server = start(&db);
    let killed = Arc::new(AtomicBool::new(false));
    let (outcomes, received) = mpsc::channel::<(usize, Outcome)>();
    let senders: Vec<_> = (0..SENDERS)
        .map(|s| {
            let (addr, killed, outcomes) = (server.addr.clone(), killed.clone(), outcomes.clone());
            std::thread::spawn(move || {
                for n in (s * PER_SENDER)..((s + 1) * PER_SENDER) {
                    if killed.load(Ordering::SeqCst) {
                        break;
                    }
                    let (key, body) = application(vacancy_id, n);
                    let outcome = match post_application(&addr, &key, &body) {
                        Ok((201, _, receipt)) => {
                            Outcome::Stored(serde_json::from_str(&receipt).expect("receipt"))
                        }
                        Ok((status, _, body)) if !killed.load(Ordering::SeqCst) => {
                            panic!("{key}: {status} {body}")
                        }
                        _ => Outcome::Unknown,
                    };
                    if outcomes.send((n, outcome)).is_err() {
                        break;
                    }
                }
            })
        })
        .collect();
    drop(outcomes);

    let mut attempted: HashMap<usize, Outcome> = HashMap::new();
    let mut confirmed = 0;
    while confirmed < CONFIRMED_BEFORE_KILL {
        let (n, outcome) = received
            .recv_timeout(Duration::from_secs(60))
            .expect("the stream of applications goes on");
        confirmed += usize::from(matches!(outcome, Outcome::Stored(_)));
        attempted.insert(n, outcome);
    }
    // Requests are in flight on every sender while the process dies.
    killed.store(true, Ordering::SeqCst);
    server.kill();
    for sender in senders {
        sender.join().expect("sender");
    }
    attempted.extend(received.try_iter());
    let confirmed_before: HashMap<usize, ApplicationReceipt> = attempted
        .iter()
        .filter_map(|(n, o)| match o {
            Outcome::Stored(receipt) => Some((*n, receipt.clone())),
            Outcome::Unknown => None,
        })
        .collect();
    let unknown: Vec<usize> = attempted
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Unknown))
        .map(|(n, _)| *n)
        .collect();
    assert!(!unknown.is_empty(), "the kill cut some requests short");
    eprintln!(
        "{} sent before the kill: {} got a 201, {} unknown",
        attempted.len(),
        confirmed_before.len(),
        unknown.len()
    );

    let server = start(&db);
    let mut replayed = 0;
    for &n in &unknown {
        let (key, body) = application(vacancy_id, n);
        let (status, head, response) =
            post_application(&server.addr, &key, &body).expect("the restarted server");
        assert_eq!(status, 201, "{key}: {response}");
        replayed += usize::from(head.contains("idempotent-replayed: true"));
    }
    eprintln!("{replayed} retries were stored before the kill and answered as replays");

    let stored = stored_applications(&db);
    assert_eq!(
        stored.len(),
        attempted.len(),
        "one row per application sent"
    );
    for (n, receipt) in &confirmed_before {
        let (key, body) = application(vacancy_id, *n);
        let row = stored.iter().find(|(k, _, _)| *k == key);
        assert_eq!(
            row.map(|(_, reference, _)| reference),
            Some(&receipt.reference),
            "{key} got a 201 before the kill"
        );
        assert_eq!(row.map(|(_, _, b)| b), Some(&body));
    }
    for n in attempted.keys() {
        let marker = format!("\"application {n}\"");
        let copies = stored
            .iter()
            .filter(|(_, _, b)| b.contains(&marker))
            .count();
        assert_eq!(copies, 1, "application {n} is stored exactly once");
    }
}
