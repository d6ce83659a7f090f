//! Passerelle's task runner, run as `cargo xtask <command>` (see .cargo/config.toml).
//!
//! One command per README promise, each installing what it is missing first, so a fresh
//! machine needs only Rust, Node.js and (for tests) root or Debian's Chromium.

mod bench;
mod browser_bench;
mod bundle;
mod load;
mod ran;
mod serve;
mod setup;
mod size;
mod split;
mod steps;
mod test;
mod tools;

use std::process::ExitCode;

use steps::Pipeline;
use tools::Result;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup            install what is missing: the wasm target, Trunk, wasm-bindgen-cli,
                   npm packages (wasm-opt, Leaflet, Playwright), Debian's Chromium
  serve [--port N] build the app and the API in release mode and serve them on
                   http://127.0.0.1:N/ (default 8080)
  test             every check CI runs: fmt, clippy (native and wasm), cargo test,
                   wasm-bindgen tests, trunk build --release, Playwright
  bench [--sizes]  criterion benches, then raw/gzip/brotli sizes of the release wasm, its
                   JS glue, CSS and leaflet.js against the 250 KB brotli budget, and twiggy's
                   per-crate and per-function breakdown -> target/size-report.md
                   (--sizes: only the build and the sizes)
  bench --browser [--runs N] [--peer-runs N] [--loads N]
                   Passerelle beside Leaflet canvas markers, Leaflet.markercluster and
                   supercluster in headless Chromium at 1× and 4× CPU, on the same points
                   from the release stand-in (200000 vacancies), and the loader at scale
                   (localhost, slow 4G, the raw API): medians (5 runs, 3 for peers, 3
                   loads by default) -> target/bench-browser.md; fails if a figure is missing
  size             the same as bench --sizes
  load [--url URL] [--clients N] [--duration S] [--vacancies N] [--applications-per-minute N]
                   200 clients (default) doing the app's mix for 30 s against the release
                   stand-in with 200000 vacancies (or --url): latency percentiles per request
                   kind, throughput, errors, server memory -> target/load-report.md; the
                   stand-in's per-client application limit is off unless given (all clients
                   share one address; start a --url server with --applications-per-minute 0)
  split-wasm       (Trunk's post_build hook) split the wasm at the app's lazy screens";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[&str]) -> Result {
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (*command, rest),
        None => return Err(USAGE.into()),
    };
    if matches!(command, "-h" | "--help" | "help") {
        println!("{USAGE}");
        return Ok(());
    }
    tools::put_tools_first_on_path()?;
    match (command, rest) {
        ("setup", []) => {
            let mut p = Pipeline::new("setup");
            setup::add_steps(&mut p, setup::Scope::Everything);
            p.finish()
        }
        ("serve", rest) => serve::serve(parse_port(rest)?),
        ("test", []) => test::run_all(),
        ("bench", []) => bench::run_all(false),
        ("bench", ["--sizes"]) | ("size", []) => bench::run_all(true),
        ("bench", ["--browser", rest @ ..]) => {
            browser_bench::run_all(&browser_bench::BrowserOptions::parse(rest)?)
        }
        ("load", rest) => load::load(load::LoadOptions::parse(rest)?),
        ("split-wasm", []) => split::split_staged_build(),
        _ => Err(format!("unknown arguments: {}\n\n{USAGE}", args.join(" ")).into()),
    }
}

/// `[]`, `["--port", "N"]` or `["--port=N"]`.
fn parse_port(args: &[&str]) -> Result<u16> {
    let value = match args {
        [] => return Ok(serve::DEFAULT_PORT),
        ["--port", value] => *value,
        [flag] if flag.starts_with("--port=") => &flag["--port=".len()..],
        _ => return Err(format!("serve takes only --port N\n\n{USAGE}").into()),
    };
    value
        .parse()
        .map_err(|_| format!("--port wants a number from 1 to 65535, not `{value}`").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_listens_on_8080_unless_a_port_is_given_either_way() {
        assert_eq!(parse_port(&[]).unwrap(), 8080);
        assert_eq!(parse_port(&["--port", "9000"]).unwrap(), 9000);
        assert_eq!(parse_port(&["--port=9001"]).unwrap(), 9001);
        assert!(parse_port(&["--port", "http"]).is_err());
        assert!(parse_port(&["9000"]).is_err());
    }
}
