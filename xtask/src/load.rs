//! `cargo xtask load`: 200 clients doing the app's mix against the release stand-in, with
//! latency percentiles, throughput, errors and the server's memory in `target/load-report.md`.
//! Not a CI step: it takes the machine for the whole run.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::tools::{cargo, repo_root, run, target_dir, Result};

pub const USAGE: &str = "load [--url URL] [--clients N] [--duration SECONDS] [--vacancies N] \
                         [--applications-per-minute N]";

/// What the run is told; without `url` the release stand-in is built and started.
pub struct LoadOptions {
    pub url: Option<String>,
    pub clients: u32,
    pub duration_s: u32,
    pub vacancies: u32,
    /// The started stand-in's per-client limit on new applications; 0 (the default) turns it
    /// off, since all the run's clients share one address. Not used with `url`.
    pub applications_per_minute: u32,
}

impl LoadOptions {
    pub fn parse(args: &[&str]) -> Result<Self> {
        let mut o = Self {
            url: None,
            clients: 200,
            duration_s: 30,
            vacancies: 200_000,
            applications_per_minute: 0,
        };
        let mut args = args.iter();
        while let Some(&flag) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| format!("{flag} wants a value; usage: {USAGE}"))?;
            let number = || {
                value
                    .parse::<u32>()
                    .map_err(|_| format!("{flag} wants a whole number, not `{value}`"))
            };
            match flag {
                "--url" => o.url = Some((*value).to_owned()),
                "--clients" => o.clients = number()?,
                "--duration" => o.duration_s = number()?,
                "--vacancies" => o.vacancies = number()?,
                "--applications-per-minute" => o.applications_per_minute = number()?,
                _ => return Err(format!("unknown argument `{flag}`; usage: {USAGE}").into()),
            }
        }
        Ok(o)
    }
}

/// The stand-in, stopped when dropped.
pub struct StandIn(Child);

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the release stand-in (built already) with `args` and returns it with the address it
/// announced (`http://127.0.0.1:PORT`).
pub fn start_release_stand_in(args: &[OsString]) -> Result<(StandIn, String)> {
    let mut child = Command::new(target_dir().join("release/passerelle-api"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start the release stand-in: {e}"))?;
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        BufReader::new(stdout).read_line(&mut line)?;
    }
    let stand_in = StandIn(child);
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("the stand-in did not announce its address: {line:?}"))?
        .to_owned();
    Ok((stand_in, url))
}

pub fn load(o: LoadOptions) -> Result {
    let root = repo_root();
    let target = target_dir();
    let report = target.join("load-report.md");
    let mut stand_in = None;
    let url = match o.url {
        Some(url) => url,
        None => {
            run(cargo()
                .args(["build", "--release", "-p", "passerelle-api"])
                .current_dir(&root))?;
            let work = target.join("load");
            // A fresh database each run, so the applications count is this run's.
            let _ = std::fs::remove_dir_all(&work);
            let (child, url) = start_release_stand_in(&[
                "--addr".into(),
                "127.0.0.1:0".into(),
                "--vacancies".into(),
                o.vacancies.to_string().into(),
                "--applications-per-minute".into(),
                o.applications_per_minute.to_string().into(),
                "--db".into(),
                work.join("applications.sqlite3").into(),
                "--dist".into(),
                work.join("no-dist").into(),
            ])?;
            stand_in = Some(child);
            url
        }
    };
    run(cargo()
        .args([
            "run",
            "--release",
            "-q",
            "-p",
            "passerelle-api",
            "--example",
            "load",
            "--",
        ])
        .args(["--url", &url])
        .args(["--clients", &o.clients.to_string()])
        .args(["--duration", &o.duration_s.to_string()])
        .arg("--report")
        .arg(&report)
        .current_dir(&root))?;

    if let Some(StandIn(child)) = &stand_in {
        let memory = server_memory(child.id());
        println!("{memory}");
        let mut text = std::fs::read_to_string(&report)?;
        text.push_str(&format!(
            "\nStand-in: release build, {} vacancies. {memory}\n",
            o.vacancies
        ));
        std::fs::write(&report, text)?;
    }
    Ok(())
}

/// Resident and peak resident memory from `/proc` (Linux only).
fn server_memory(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or("unknown".to_owned(), |v| v.trim().to_owned())
    };
    format!(
        "Server memory after the run: resident {}, peak {}.",
        field("VmRSS:"),
        field("VmHWM:")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_defaults_to_200_clients_for_30_seconds_and_reads_each_flag() {
        let o = LoadOptions::parse(&[]).unwrap();
        assert_eq!((o.clients, o.duration_s, o.vacancies), (200, 30, 200_000));
        assert_eq!(
            o.applications_per_minute, 0,
            "200 clients share one address: the stand-in's limit is off"
        );
        assert!(o.url.is_none());
        let o = LoadOptions::parse(&["--url", "http://x:1", "--clients", "5", "--duration", "2"])
            .unwrap();
        assert_eq!(o.url.as_deref(), Some("http://x:1"));
        assert_eq!((o.clients, o.duration_s), (5, 2));
        let o = LoadOptions::parse(&["--applications-per-minute", "30"]).unwrap();
        assert_eq!(o.applications_per_minute, 30);
        assert!(LoadOptions::parse(&["--clients"]).is_err());
        assert!(LoadOptions::parse(&["--clients", "many"]).is_err());
        assert!(LoadOptions::parse(&["--rps", "5"]).is_err());
    }
}
