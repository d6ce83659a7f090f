//! `cargo xtask test`: every check CI runs, in one command.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::bundle;
use crate::ran;
use crate::setup::{self, Scope};
use crate::steps::{Done, Pipeline};
use crate::tools::{self, cargo, repo_root, run, run_and_read, Result, CHROMEDRIVER, WASM_TARGET};

const TRUNK_BUILD: &str = "trunk build --release";
const API_BUILD: &str = "cargo build -p passerelle-api";

pub fn run_all() -> Result {
    let mut p = Pipeline::new("test");
    setup::add_steps(&mut p, Scope::Everything);
    p.step("cargo fmt --all --check", || {
        cargo_step(&["fmt", "--all", "--check"])
    })
    .step("cargo clippy (native)", || {
        cargo_step(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    })
    // With `split`, as Trunk builds it; the native run covers the unsplit code path.
    .step("cargo clippy (wasm app)", || {
        cargo_step(&[
            "clippy",
            "-p",
            "passerelle",
            "--target",
            WASM_TARGET,
            "--all-targets",
            "--features",
            "split",
            "--",
            "-D",
            "warnings",
        ])
    })
    .step("cargo test --workspace", || {
        cargo_step(&["test", "--workspace"])
    })
    .step("wasm-bindgen tests of the app", wasm_tests)
    .step(TRUNK_BUILD, bundle::trunk_release)
    // `cargo test` builds the binary only for packages with integration tests; Playwright's
    // fixture starts target/debug/passerelle-api, so make sure it exists and is current.
    .step(API_BUILD, || cargo_step(&["build", "-p", "passerelle-api"]))
    .step_after("playwright", &[TRUNK_BUILD, API_BUILD], || {
        run(Command::new("npx")
            .args(["playwright", "test"])
            .current_dir(repo_root()))
        .map(|()| Done::Ran)
    });
    p.finish()
}

fn cargo_step(args: &[&str]) -> Result<Done> {
    run(cargo().args(args).current_dir(repo_root())).map(|()| Done::Ran)
}

/// Runs the app's `#[wasm_bindgen_test]`s in headless Chromium through ChromeDriver, and fails
/// unless some ran: the runner exits 0 with `no tests to run!` when none was linked in.
/// The runner adds headless and no-sandbox itself; xtask/webdriver.json adds the flags that
/// keep Chromium from calling Google (refused here, many times over).
fn wasm_tests() -> Result<Done> {
    let root = repo_root();
    if !mentions_wasm_bindgen_test(&root.join("src"))?
        && !mentions_wasm_bindgen_test(&root.join("tests"))?
    {
        return Err(
            "the app crate has no `wasm_bindgen_test` in src/ or tests/, so this step \
                    would test nothing (the browser storage tests were in src/storage.rs)"
                .into(),
        );
    }
    let runner = tools::wasm_bindgen_root().join("bin/wasm-bindgen-test-runner");
    let output = run_and_read(
        cargo()
            .args(["test", "-p", "passerelle", "--target", WASM_TARGET])
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                root.join("xtask/webdriver.json"),
            )
            .current_dir(&root),
    )?;
    ran::at_least_one(
        ran::tests_run(&output),
        "wasm-bindgen test",
        "the runner found none (`no tests to run!`); are the tests compiled for wasm32, \
         and is `wasm_bindgen_test_configure!(run_in_browser)` still there?",
    )
}

/// Whether any `.rs` file under `dir` (recursively) mentions `wasm_bindgen_test`.
fn mentions_wasm_bindgen_test(dir: &Path) -> Result<bool> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(false);
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            if mentions_wasm_bindgen_test(&path)? {
                return Ok(true);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && fs::read_to_string(&path)?.contains("wasm_bindgen_test")
        {
            return Ok(true);
        }
    }
    Ok(false)
}
