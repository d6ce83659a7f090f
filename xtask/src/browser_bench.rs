//! `cargo xtask bench --browser`: Passerelle beside its peers (Leaflet canvas markers,
//! Leaflet.markercluster, supercluster) in one headless Chromium at 1× and 4× CPU, on the same
//! points from the release stand-in with 200,000 vacancies, plus the loader at scale; the table
//! goes to `target/bench-browser.md`. `tests/perf/bench.mjs` measures; this builds, starts the
//! stand-in and hands it the app shell's sizes and named copies of the wasm for its profile.
//!
//! It reports and never judges a timing, but fails when a figure could not be taken.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use crate::bundle;
use crate::load::start_release_stand_in;
use crate::setup::{self, Scope};
use crate::size;
use crate::steps::{Done, Pipeline};
use crate::tools::{cargo, repo_root, run, target_dir, Result};

pub const USAGE: &str = "bench --browser [--runs N] [--peer-runs N] [--loads N]";

const TRUNK_BUILD: &str = "trunk build --release";
const API_BUILD: &str = "cargo build --release -p passerelle-api";
const CHROMIUM: &str = "/usr/bin/chromium";

/// How many times each figure is taken; the table shows medians.
#[derive(Debug, PartialEq, Eq)]
pub struct BrowserOptions {
    /// Passerelle's interactions (filter changes, pan/zoom) per CPU rate.
    pub runs: u32,
    /// The peers' interactions: markercluster and canvas take seconds each at 4×.
    pub peer_runs: u32,
    /// Full page loads, peers' first maps, memory and LCP.
    pub loads: u32,
}

impl BrowserOptions {
    /// The arguments after `bench --browser`.
    pub fn parse(args: &[&str]) -> Result<Self> {
        let mut o = Self {
            runs: 5,
            peer_runs: 3,
            loads: 3,
        };
        let mut args = args.iter();
        while let Some(&flag) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| format!("{flag} wants a value; usage: {USAGE}"))?;
            let n = value
                .parse::<u32>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| format!("{flag} wants a whole number of at least 1, not `{value}`"));
            match flag {
                "--runs" => o.runs = n?,
                "--peer-runs" => o.peer_runs = n?,
                "--loads" => o.loads = n?,
                _ => return Err(format!("unknown argument `{flag}`; usage: {USAGE}").into()),
            }
        }
        Ok(o)
    }
}

pub fn run_all(o: &BrowserOptions) -> Result {
    let mut p = Pipeline::new("bench --browser");
    setup::add_steps(&mut p, Scope::Build);
    p.step("chromium", chromium)
        .step(TRUNK_BUILD, bundle::trunk_release)
        .step(API_BUILD, || {
            run(cargo()
                .args(["build", "--release", "-p", "passerelle-api"])
                .current_dir(repo_root()))
            .map(|()| Done::Ran)
        })
        .step_after(
            "browser bench (tests/perf/bench.mjs)",
            &[TRUNK_BUILD, API_BUILD, "chromium"],
            || bench(o),
        );
    p.finish()
}

/// Only the browser the e2e tests use; `cargo xtask setup` installs it.
fn chromium() -> Result<Done> {
    if Path::new(CHROMIUM).exists() {
        Ok(Done::Ran)
    } else {
        Err(format!("{CHROMIUM} is missing: `cargo xtask setup` installs Debian's chromium").into())
    }
}

fn bench(o: &BrowserOptions) -> Result<Done> {
    let root = repo_root();
    let shell = size::shell_brotli_by_kind(&root.join("dist"))?;
    let named = size::named_wasm_dir(&root.join("dist"))?;
    let work = target_dir().join("bench-browser");
    // A fresh database: nothing here applies, but the stand-in wants one.
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let (_stand_in, url) = start_release_stand_in(&[
        "--addr".into(),
        "127.0.0.1:0".into(),
        "--vacancies".into(),
        "200000".into(),
        "--applications-per-minute".into(),
        "0".into(),
        "--db".into(),
        work.join("applications.sqlite3").into(),
        "--dist".into(),
        root.join("dist").into(),
        "--config-json".into(),
        root.join("tests/e2e/config.test.json").into(),
    ])?;
    let out = target_dir().join("bench-browser.md");
    let started = SystemTime::now();
    let args: Vec<OsString> = vec![
        "tests/perf/bench.mjs".into(),
        "--url".into(),
        url.into(),
        "--runs".into(),
        o.runs.to_string().into(),
        "--peer-runs".into(),
        o.peer_runs.to_string().into(),
        "--loads".into(),
        o.loads.to_string().into(),
        "--shell".into(),
        shell_arg(&shell).into(),
        "--named-wasm".into(),
        named.into(),
        "--out".into(),
        out.clone().into(),
    ];
    // bench.mjs exits non-zero when any figure is missing.
    run(Command::new("node").args(&args).current_dir(&root))?;
    let written = std::fs::metadata(&out)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= started);
    if !written {
        return Err(format!("{} was not written by this run", out.display()).into());
    }
    Ok(Done::Note(format!("table in {}", out.display())))
}

/// `wasm=BYTES,js=BYTES,css=BYTES`, as bench.mjs reads `--shell`.
fn shell_arg(shell: &[(&str, usize)]) -> String {
    shell
        .iter()
        .map(|(kind, bytes)| format!("{kind}={bytes}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_bench_defaults_to_5_runs_3_peer_runs_3_loads_and_reads_each_flag() {
        let o = BrowserOptions::parse(&[]).unwrap();
        assert_eq!((o.runs, o.peer_runs, o.loads), (5, 3, 3));
        let o =
            BrowserOptions::parse(&["--runs", "9", "--peer-runs", "2", "--loads", "1"]).unwrap();
        assert_eq!((o.runs, o.peer_runs, o.loads), (9, 2, 1));
        assert!(BrowserOptions::parse(&["--runs"]).is_err());
        assert!(
            BrowserOptions::parse(&["--runs", "0"]).is_err(),
            "no runs measures nothing"
        );
        assert!(BrowserOptions::parse(&["--runs", "many"]).is_err());
        assert!(BrowserOptions::parse(&["--sizes"]).is_err());
    }

    #[test]
    fn shell_sizes_reach_the_script_as_kind_equals_bytes() {
        assert_eq!(
            shell_arg(&[("wasm", 342_000), ("js", 9_000), ("css", 3_000)]),
            "wasm=342000,js=9000,css=3000"
        );
    }
}
