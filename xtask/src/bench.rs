//! `cargo xtask bench`: criterion benches, then what the browser downloads (see `size`).

use std::fs;
use std::path::Path;

use crate::bundle;
use crate::ran;
use crate::setup::{self, Scope};
use crate::size;
use crate::steps::{Done, Pipeline};
use crate::tools::{cargo, repo_root, run_and_read, Result};

const TRUNK_BUILD: &str = "trunk build --release";

/// Criterion benches unless `sizes_only`, then the release build and its size report
/// (`target/size-report.md`, with twiggy's per-crate and per-function breakdown).
pub fn run_all(sizes_only: bool) -> Result {
    let mut p = Pipeline::new("bench");
    setup::add_steps(&mut p, Scope::Build);
    if !sizes_only {
        p.step("cargo bench -p passerelle-core", || {
            cargo_bench("passerelle-core", "crates/core/benches")
        })
        .step("cargo bench -p passerelle-api", || {
            cargo_bench("passerelle-api", "crates/api/benches")
        });
    }
    p.step(
        &format!("twiggy {}", crate::tools::TWIGGY_VERSION),
        setup::twiggy,
    )
    .step(TRUNK_BUILD, bundle::trunk_release)
    .step_after("size report of dist/", &[TRUNK_BUILD], size::report);
    p.finish()
}

/// `cargo bench -p package`, failing unless criterion measured something: a bench step that
/// measures nothing must not read as done.
fn cargo_bench(package: &str, benches: &str) -> Result<Done> {
    if !has_benches(&repo_root().join(benches)) {
        return Err(format!("{benches}/ has no bench file: nothing to measure").into());
    }
    let output = run_and_read(
        cargo()
            .args(["bench", "-p", package])
            .current_dir(repo_root()),
    )?;
    ran::at_least_one(
        ran::benchmarks_measured(&output),
        "benchmark",
        &format!("criterion reported no measurement for {package} (is `criterion_main!` there?)"),
    )
}

fn has_benches(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|ext| ext == "rs"))
    })
}
