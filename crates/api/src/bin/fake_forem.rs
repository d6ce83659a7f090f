//! `fake-forem`: a stand-in Le Forem open-data portal over fixture records, for end-to-end runs
//! of `passerelle-api --source forem --forem-url http://127.0.0.1:PORT`.
//!
//! ```text
//! fake-forem [--addr 127.0.0.1:0] [--fixtures crates/api/tests/fixtures/forem/offers.json]
//! ```
//! Prints `listening on http://HOST:PORT` as its one line on stdout. The fixtures' dates are
//! moved so the newest offer was published yesterday: the API's sync finds them whatever the day.

use passerelle_api::calendar::UtcTimestamp;
use passerelle_api::forem::fake_portal::{rebase_dates, FakePortal};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/forem/offers.json"
);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fake-forem: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    let mut fixtures = PathBuf::from(DEFAULT_FIXTURES);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--addr" => addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--fixtures" => fixtures = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other} (--addr, --fixtures)")),
        }
    }
    let mut records = FakePortal::records_from_file(&fixtures)?;
    rebase_dates(&mut records, UtcTimestamp::now().date);
    let count = records.len();
    let bound = FakePortal::new(records)
        .serve(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{bound}").map_err(|e| e.to_string())?;
    stdout.flush().map_err(|e| e.to_string())?;
    drop(stdout);
    eprintln!("fake-forem: serving {count} fixture records");
    // Until killed (the e2e runner sends SIGTERM).
    std::future::pending::<()>().await;
    Ok(())
}
