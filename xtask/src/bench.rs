//! `cargo xtask bench`: criterion benches, then what the browser downloads.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::bundle;
use crate::setup::{self, Scope};
use crate::steps::{Done, Pipeline};
use crate::tools::{cargo, repo_root, run, Result};

const TRUNK_BUILD: &str = "trunk build --release";

/// Criterion benches unless `sizes_only`, then the release build and its size report.
pub fn run_all(sizes_only: bool) -> Result {
    let mut p = Pipeline::new("bench");
    setup::add_steps(&mut p, Scope::Build);
    if !sizes_only {
        p.step("cargo bench -p passerelle-core", || {
            cargo_bench("passerelle-core")
        })
        .step("cargo bench -p passerelle-api", || {
            if has_benches(&repo_root().join("crates/api/benches")) {
                cargo_bench("passerelle-api")
            } else {
                Ok(Done::Skipped("crates/api has no benches".into()))
            }
        });
    }
    p.step(TRUNK_BUILD, bundle::trunk_release).step_after(
        "size report of dist/",
        &[TRUNK_BUILD],
        size_report,
    );
    p.finish()
}

fn cargo_bench(package: &str) -> Result<Done> {
    run(cargo()
        .args(["bench", "-p", package])
        .current_dir(repo_root()))
    .map(|()| Done::Ran)
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
