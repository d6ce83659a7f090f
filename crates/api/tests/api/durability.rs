//! The real binary killed with SIGKILL in the middle of a stream of applications, then
//! restarted on the same database: every 201 survived, and retrying each application whose
//! outcome was unknown, under its own key, stores it once and only once.

use passerelle_api::dataset::Dataset;
use passerelle_core::api::{ApplicationReceipt, ApplicationRequest, ApplyMode};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

const VACANCIES: &str = "300";
const SEED: u64 = 5;
const SENDERS: usize = 4;
const PER_SENDER: usize = 100;
/// Confirmed applications before the kill: enough that it lands mid-stream.
const CONFIRMED_BEFORE_KILL: usize = 40;

/// Kills the server even when an assertion fails.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(db: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passerelle-api"))
            .args(["--addr", "127.0.0.1:0", "--vacancies", VACANCIES])
            .args(["--seed", &SEED.to_string()])
            // Four senders on one address outpace any person: the per-client limit is off.
            .args(["--applications-per-minute", "0"])
            .arg("--db")
            .arg(db)
            .arg("--dist")
            .arg(db.with_file_name("no-dist"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the binary");
        let addr = crate::support::announced_address(&mut child);
        Self { child, addr }
    }

    /// SIGKILL on Unix: no graceful shutdown, no flushing.
    fn kill(&mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What came back: status, head (status line and headers, lower case) and body.
type Response = (u16, String, String);

/// One `POST /api/v1/applications` over a fresh connection, or the transport error that
/// leaves the outcome unknown.
fn post(addr: &str, key: &str, body: &str) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nIdempotency-Key: {key}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line: {response:?}")))?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    Ok((status, head.to_ascii_lowercase(), body.to_owned()))
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

    let mut server = Server::start(&db);
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
                    let outcome = match post(&addr, &key, &body) {
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

    let server = Server::start(&db);
    let mut replayed = 0;
    for &n in &unknown {
        let (key, body) = application(vacancy_id, n);
        let (status, head, response) =
            post(&server.addr, &key, &body).expect("the restarted server");
        assert_eq!(status, 201, "{key}: {response}");
        replayed += usize::from(head.contains("idempotent-replayed: true"));
    }
    eprintln!("{replayed} retries were stored before the kill and answered as replays");

    let conn = rusqlite::Connection::open(&db).expect("open the database");
    let mut rows = conn
        .prepare("SELECT idempotency_key, reference, body_json FROM applications")
        .expect("query");
    let stored: Vec<(String, String, String)> = rows
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
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
