//! `cargo xtask bench`: criterion benches, then what the browser downloads.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::bundle;
use crate::ran;
use crate::setup::{self, Scope};
use crate::steps::{Done, Pipeline};
use crate::tools::{cargo, repo_root, run_and_read, Result};

const TRUNK_BUILD: &str = "trunk build --release";

/// Criterion benches unless `sizes_only`, then the release build and its size report.
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
    p.step(TRUNK_BUILD, bundle::trunk_release).step_after(
        "size report of dist/",
        &[TRUNK_BUILD],
        size_report,
    );
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

/// Raw, gzip and brotli sizes of the files that decide first-load time: the wasm, its JS
/// glue and leaflet.js. Servers compress with brotli or gzip, so those are the real costs.
fn size_report() -> Result<Done> {
    let dist = repo_root().join("dist");
    let mut files = files_with_extension(&dist, "wasm")?;
    files.extend(files_with_extension(&dist, "js")?);
    files.push(dist.join("vendor/leaflet/leaflet.js"));

    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file (dist/)", "raw", "gzip -9", "brotli 11"
    );
    for file in files {
        let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file.strip_prefix(&dist).unwrap_or(&file).display();
        println!(
            "{:<44} {:>10} {:>10} {:>10}",
            name.to_string(),
            kib(bytes.len()),
            kib(gzip(&bytes)?),
            kib(brotli(&bytes)?)
        );
    }
    Ok(Done::Ran)
}

/// The top-level files of `dir` whose name ends in `.ext`, sorted.
fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e} (build it first)", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(format!("no .{ext} file in {}", dir.display()).into());
    }
    Ok(found)
}

fn gzip(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    {
        // Quality 11 with a 4 MiB window: what a precompressing server would use.
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out.len())
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_compressors_shrink_repetitive_text() {
        let text = "L.circle(center, { radius: 60000 });\n".repeat(200);
        assert!(gzip(text.as_bytes()).unwrap() < text.len() / 10);
        assert!(brotli(text.as_bytes()).unwrap() < text.len() / 10);
    }
}
