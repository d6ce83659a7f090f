//! `cargo xtask split-wasm`, run by Trunk as a `post_build` hook (Trunk.toml): cuts the app's
//! wasm at its `#[wasm_split]` points so that the start page downloads only the shell, and
//! each screen's code (results, vacancy, desk, zone, …) arrives when it is first opened.
//!
//! Trunk 0.21 has no splitting step, and it must happen before wasm-bindgen (which drops the
//! relocations the splitter reads). So the hook takes cargo's own output (linked with
//! `--emit-relocs`, see .cargo/config.toml), splits it with `wasm_split_cli_support` (what
//! cargo-leptos `--split` uses), runs the pinned wasm-bindgen and wasm-opt the way Trunk does on
//! the main part, and replaces Trunk's unsplit JS glue and wasm in the staging folder under
//! the same names. The split parts and their loader get the main part's hash in their names,
//! so a new build never meets an old part in a cache.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{run, target_dir, Result};

/// The cargo profile Trunk.toml builds with (`cargo_profile`).
const WASM_PROFILE: &str = "wasm-release";
/// The binary Trunk builds (`data-bin` in index.html).
const BIN: &str = "passerelle";
/// wasm-opt's level for every part, as `-O<level>`: size first. Trunk's own wasm-opt is off
/// (index.html's `data-wasm-opt="0"`): it would optimise the unsplit wasm this replaces.
pub const WASM_OPT_LEVEL: &str = "z";
/// Set (to anything) for a build whose every part keeps its function names, so a CPU profile
/// (DevTools, `tests/perf/bench.mjs --only profile`) names the wasm functions it shows:
/// `PASSERELLE_WASM_NAMES=1 trunk build --release`. Never for a shipped build: names add ~50 %.
const KEEP_NAMES: &str = "PASSERELLE_WASM_NAMES";

/// The hook: reads `TRUNK_STAGING_DIR`, which Trunk sets for hooks.
pub fn split_staged_build() -> Result {
    let staging = env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("split-wasm runs as Trunk's post_build hook (TRUNK_STAGING_DIR is unset)")?;
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join(WASM_PROFILE)
        .join(format!("{BIN}.wasm"));
    split(&input, &staging)
}

/// Where the split keeps its intermediate files; the size report reads two of them.
pub fn work_dir() -> PathBuf {
    target_dir().join("wasm-split")
}

/// The main part as wasm-bindgen wrote it, before wasm-opt (names kept).
pub fn main_part_before_wasm_opt() -> PathBuf {
    work_dir().join(format!("{BIN}_bg.wasm"))
}

/// The split parts as wasm-split wrote them, before wasm-opt (names kept), each under its
/// shipped name: a CPU profile of the release build reads its functions' names from them.
pub fn parts_before_wasm_opt() -> PathBuf {
    work_dir().join("parts")
}

/// Which wasm parts (file names in dist/) each split screen needs, a line per screen:
/// `screen<TAB>part part …`.
pub fn screens_file() -> PathBuf {
    work_dir().join("screens.tsv")
}

fn split(input: &Path, staging: &Path) -> Result {
    let hashed = trunk_output_name(staging)?;
    let work = work_dir();
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&work)?;
    let input_wasm = fs::read(input)
        .map_err(|e| format!("cannot read cargo's wasm {}: {e}", input.display()))?;

    let main_split = work.join("main_split.wasm");
    let main_module = format!("./{hashed}.js");
    // The loader the main part imports its parts through, next to the JS glue; hashed too, so
    // a cached loader of an older build never names parts that are gone.
    let loader_name = format!("{hashed}-split.js");
    let link_name = format!("./{loader_name}");
    let mut options = wasm_split_cli_support::Options::new(&input_wasm);
    options.output_dir = staging;
    options.main_out_path = &main_split;
    options.main_module = &main_module;
    options.link_name = &link_name;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("wasm-split failed: {e:?}"))?;

    // The main part, through wasm-bindgen and wasm-opt as Trunk does (plus keeping the
    // linker's exports, which the split parts call).
    run(Command::new("wasm-bindgen")
        .arg("--target=web")
        .arg(format!("--out-dir={}", work.display()))
        .arg(format!("--out-name={BIN}"))
        .args(["--no-typescript", "--keep-lld-exports", "--no-demangle"])
        .arg(&main_split))?;
    let shipped_wasm = staging.join(format!("{hashed}_bg.wasm"));
    wasm_opt(&main_part_before_wasm_opt(), &shipped_wasm)?;
    fs::copy(
        work.join(format!("{BIN}.js")),
        staging.join(format!("{hashed}.js")),
    )?;

    // The split parts: optimised in place, renamed with the build's hash.
    let suffix = hashed.trim_start_matches(BIN);
    let loader_path = staging.join(&loader_name);
    let mut loader = fs::read_to_string(&loader_path)?;
    let mut renamed_parts = std::collections::HashMap::new();
    let named_parts = parts_before_wasm_opt();
    fs::create_dir_all(&named_parts)?;
    for part in &split.split_modules {
        let stem = part
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("a split part without a name")?
            .to_string();
        let renamed = format!("{stem}{suffix}.wasm");
        wasm_opt(part, &staging.join(&renamed))?;
        fs::copy(part, named_parts.join(&renamed))?;
        fs::remove_file(part)?;
        let old = format!("\"./{stem}.wasm\"");
        if !loader.contains(&old) {
            return Err(format!("{loader_name} does not name {old}").into());
        }
        loader = loader.replace(&old, &format!("\"./{renamed}\""));
        renamed_parts.insert(stem, renamed);
    }
    fs::write(&loader_path, loader)?;
    let index = staging.join("index.html");
    fs::write(
        &index,
        preload_loader(&fs::read_to_string(&index)?, &hashed, &loader_name)?,
    )?;

    let mut screens: Vec<_> = split.prefetch_map.iter().collect();
    screens.sort();
    let mut tsv = String::new();
    for (screen, stems) in screens {
        let parts = stems
            .iter()
            .map(|stem| {
                renamed_parts
                    .get(stem)
                    .map(String::as_str)
                    .ok_or_else(|| format!("screen {screen} needs {stem}, which was not written"))
            })
            .collect::<std::result::Result<Vec<&str>, String>>()?;
        tsv.push_str(&format!("{screen}\t{}\n", parts.join(" ")));
    }
    fs::write(screens_file(), tsv)?;
    println!(
        "split-wasm: {hashed}_bg.wasm + {} parts loaded on demand",
        split.split_modules.len()
    );
    Ok(())
}

/// `index_html` with the split loader preloaded beside the JS glue: the glue imports it, so
/// without the link the browser finds it only once the glue has been fetched and parsed, a
/// round trip later (~20 ms on localhost at 4× CPU, more on a phone's connection).
fn preload_loader(index_html: &str, hashed: &str, loader_name: &str) -> Result<String> {
    let glue =
        format!("<link rel=\"modulepreload\" href=\"/{hashed}.js\" crossorigin=\"anonymous\">");
    if !index_html.contains(&glue) {
        return Err(format!("index.html has no {glue} to preload {loader_name} beside").into());
    }
    let loader =
        format!("<link rel=\"modulepreload\" href=\"/{loader_name}\" crossorigin=\"anonymous\">");
    Ok(index_html.replacen(&glue, &format!("{glue}{loader}"), 1))
}

/// `passerelle-<hash>`: the name Trunk gave the JS glue and wasm in the staging folder.
fn trunk_output_name(staging: &Path) -> Result<String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(staging)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            if stem.starts_with(&format!("{BIN}-")) {
                names.push(stem.to_string());
            }
        }
    }
    match names.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected one {BIN}-<hash>_bg.wasm in {}, found {names:?}",
            staging.display()
        )
        .into()),
    }
}

fn wasm_opt(input: &Path, output: &Path) -> Result {
    let mut wasm_opt = Command::new("wasm-opt");
    wasm_opt
        .arg(format!("-O{WASM_OPT_LEVEL}"))
        .arg(format!("--output={}", output.display()));
    if env::var_os(KEEP_NAMES).is_some() {
        wasm_opt.arg("--debuginfo");
    }
    run(wasm_opt.arg(input))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staging_with(case: &str, files: &[&str]) -> PathBuf {
        let dir = env::temp_dir().join(format!(
            "passerelle-split-test-{}-{case}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for f in files {
            fs::write(dir.join(f), b"").unwrap();
        }
        dir
    }

    #[test]
    fn the_split_loader_is_preloaded_beside_the_glue_or_the_hook_fails() {
        let trunk = r#"<head><link rel="modulepreload" href="/passerelle-0a1b.js" crossorigin="anonymous"><link rel="preload" href="/passerelle-0a1b_bg.wasm"></head>"#;
        let html = preload_loader(trunk, "passerelle-0a1b", "passerelle-0a1b-split.js").unwrap();
        assert_eq!(
            html,
            r#"<head><link rel="modulepreload" href="/passerelle-0a1b.js" crossorigin="anonymous"><link rel="modulepreload" href="/passerelle-0a1b-split.js" crossorigin="anonymous"><link rel="preload" href="/passerelle-0a1b_bg.wasm"></head>"#
        );
        // Trunk wrote its links otherwise: say so rather than ship without the preload.
        assert!(preload_loader("<head></head>", "passerelle-0a1b", "x-split.js").is_err());
    }

    #[test]
    fn the_hook_finds_the_one_wasm_trunk_staged_and_refuses_to_guess() {
        let one = staging_with(
            "one",
            &[
                "passerelle-0a1b_bg.wasm",
                "passerelle-0a1b.js",
                "main-9.css",
            ],
        );
        assert_eq!(trunk_output_name(&one).unwrap(), "passerelle-0a1b");

        let none = staging_with("none", &["main-9.css"]);
        assert!(trunk_output_name(&none).is_err());

        let two = staging_with(
            "two",
            &["passerelle-0a1b_bg.wasm", "passerelle-ffff_bg.wasm"],
        );
        assert!(trunk_output_name(&two).is_err());

        for dir in [one, none, two] {
            fs::remove_dir_all(dir).unwrap();
        }
    }
}
