//! Installs what is missing, and nothing that is already there.
//!
//! Every tool comes from a registry these machines reach (crates.io, npm, Debian), because
//! nothing else can be downloaded: no Trunk auto-download, no Playwright browser download.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::steps::{human, Done, Pipeline};
use crate::tools::{
    self, cargo, repo_root, reports_version, run, version_of, Result, CHROMEDRIVER, CHROMIUM,
    TRUNK_VERSION, TWIGGY_VERSION, WASM_BINDGEN_VERSION, WASM_OPT_VERSION, WASM_TARGET,
};

/// How much a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// What `trunk build --release` needs.
    Build,
    /// Also Chromium and ChromeDriver, for wasm-bindgen-test and Playwright.
    Everything,
}

/// Adds one step per install; if any fails, the pipeline's later steps are skipped.
pub fn add_steps(p: &mut Pipeline, scope: Scope) {
    p.step("check wasm-bindgen pins", || {
        tools::check_wasm_bindgen_pins().map(|()| Done::Ran)
    })
    .step(&format!("rustup target {WASM_TARGET}"), wasm_target)
    .step(&format!("trunk {TRUNK_VERSION}"), trunk)
    .step(
        &format!("wasm-bindgen-cli {WASM_BINDGEN_VERSION}"),
        wasm_bindgen_cli,
    )
    .step("npm ci", npm_packages)
    .step(
        &format!("wasm-opt {WASM_OPT_VERSION} first on PATH"),
        wasm_opt,
    )
    .step("vendor leaflet", vendor_leaflet)
    .step("cargo fetch --locked", || {
        // Trunk.toml's `offline = true` makes Trunk's cargo offline, so fetch first.
        run(cargo().args(["fetch", "--locked"]).current_dir(repo_root())).map(|()| Done::Ran)
    });
    if scope == Scope::Everything {
        p.step("chromium + chromedriver", chromium);
    }
    p.halt_if_failed("setup failed");
}

fn wasm_target() -> Result<Done> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("could not run rustup ({e}); install Rust with rustup"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        println!("{WASM_TARGET} is installed");
        return Ok(Done::Note("already installed".into()));
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    Ok(Done::Ran)
}

fn trunk() -> Result<Done> {
    let root = tools::trunk_root();
    let bin = tools::trunk_bin();
    cargo_install(&root, &[&bin], TRUNK_VERSION, || {
        println!("building Trunk from crates.io: about 10 minutes on 2 cores");
        // Trunk's own lockfile works here, and keeps its dependencies as tested.
        let mut cmd = cargo();
        cmd.args(["install", "--locked", "--force", "trunk", "--version"])
            .arg(TRUNK_VERSION);
        cmd
    })
}

fn wasm_bindgen_cli() -> Result<Done> {
    let root = tools::wasm_bindgen_root();
    let bins = [
        root.join("bin/wasm-bindgen"),
        root.join("bin/wasm-bindgen-test-runner"),
    ];
    cargo_install(&root, &[&bins[0], &bins[1]], WASM_BINDGEN_VERSION, || {
        println!("building wasm-bindgen-cli from crates.io: about 3 minutes on 2 cores");
        // No --locked: its lockfile names a crate version the registry here lacks.
        let mut cmd = cargo();
        cmd.args(["install", "--force", "wasm-bindgen-cli", "--version"])
            .arg(WASM_BINDGEN_VERSION);
        cmd
    })
}

/// twiggy, for the size report only: `cargo xtask bench` installs it, setup does not.
pub fn twiggy() -> Result<Done> {
    let root = tools::twiggy_root();
    let bin = tools::twiggy_bin();
    cargo_install(&root, &[&bin], TWIGGY_VERSION, || {
        println!("building twiggy from crates.io: about 3 minutes on 2 cores");
        let mut cmd = cargo();
        cmd.args(["install", "--locked", "--force", "twiggy", "--version"])
            .arg(TWIGGY_VERSION);
        cmd
    })
}

/// Runs `install --root <root>` unless every binary already reports `version`.
fn cargo_install(
    root: &Path,
    bins: &[&Path],
    version: &str,
    install: impl FnOnce() -> Command,
) -> Result<Done> {
    wait_for_concurrent_install(root);
    let present = || bins.iter().all(|bin| reports_version(bin, version));
    if present() {
        for bin in bins {
            println!(
                "{} ({})",
                version_of(bin).unwrap_or_default(),
                bin.display()
            );
        }
        return Ok(Done::Note("already installed".into()));
    }
    run(install().arg("--root").arg(root))?;
    if !present() {
        return Err(format!("{} do not report version {version}", list(bins)).into());
    }
    Ok(Done::Ran)
}

/// Another `cargo install` into the same folder (a second terminal, a background install
/// started by hand) would race this one: wait for it and reuse what it installs.
/// Returns whether it waited.
fn wait_for_concurrent_install(root: &Path) -> bool {
    let Some(pid) = installer_into(root) else {
        return false;
    };
    println!(
        "another `cargo install` into {} is running (pid {pid}); waiting for it",
        root.display()
    );
    let started = Instant::now();
    let mut last_report = Instant::now();
    loop {
        sleep(Duration::from_secs(5));
        if installer_into(root).is_none() {
            // A script installing tools one by one starts the next within moments; a
            // short second look keeps us from racing it.
            sleep(Duration::from_secs(3));
            if installer_into(root).is_none() {
                break;
            }
        }
        if last_report.elapsed() >= Duration::from_secs(60) {
            println!("  still waiting ({})", human(started.elapsed()));
            last_report = Instant::now();
        }
    }
    println!("  it finished after {}", human(started.elapsed()));
    true
}

/// The id of a process (not this one) whose command line installs into `root`.
fn installer_into(root: &Path) -> Option<u32> {
    let root = root.to_string_lossy();
    let own = std::process::id();
    fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let cmdline = fs::read(entry.path().join("cmdline")).ok()?;
        let args: Vec<_> = cmdline
            .split(|b| *b == 0)
            .map(String::from_utf8_lossy)
            .collect();
        let installs = args.iter().any(|a| a == "install");
        let into_root = args.iter().any(|a| a.ends_with(root.as_ref()));
        (pid != own && installs && into_root).then_some(pid)
    })
}

fn npm_packages() -> Result<Done> {
    let root = repo_root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    let up_to_date = match (modified(&installed)?, modified(&lock)?) {
        (_, None) => {
            return Err("package-lock.json is missing; it is committed with the repo".into())
        }
        (Some(installed), Some(lock)) => installed >= lock,
        (None, Some(_)) => false,
    };
    if up_to_date {
        println!("node_modules matches package-lock.json");
        return Ok(Done::Note("up to date".into()));
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&root))
    .map_err(|e| format!("{e}\n  (needs Node.js 20+ and npm on PATH)"))?;
    Ok(Done::Ran)
}

fn wasm_opt() -> Result<Done> {
    let wanted = tools::node_bin_dir().join("wasm-opt");
    let found = first_on_path("wasm-opt");
    if found.as_deref() != Some(wanted.as_path()) {
        return Err(format!(
            "PATH finds wasm-opt at {found:?}, not npm's {}",
            wanted.display()
        )
        .into());
    }
    if !reports_version(&wanted, WASM_OPT_VERSION) {
        return Err(format!(
            "{} is not version {WASM_OPT_VERSION}: {:?}",
            wanted.display(),
            version_of(&wanted)
        )
        .into());
    }
    println!(
        "{} ({})",
        version_of(&wanted).unwrap_or_default(),
        wanted.display()
    );
    Ok(Done::Ran)
}

/// index.html loads Leaflet with a plain `<script>` from /vendor/leaflet (the `leaflet`
/// crate binds the global `L`), and Trunk copies public/vendor into dist/.
fn vendor_leaflet() -> Result<Done> {
    let root = repo_root();
    let from = root.join("node_modules/leaflet/dist");
    let to = root.join("public/vendor/leaflet");
    let mut files: Vec<PathBuf> = vec!["leaflet.js".into(), "leaflet.css".into()];
    for entry in fs::read_dir(from.join("images"))? {
        files.push(Path::new("images").join(entry?.file_name()));
    }
    let mut copied = 0;
    for file in &files {
        let (src, dst) = (from.join(file), to.join(file));
        let bytes = fs::read(&src).map_err(|e| format!("{}: {e}", src.display()))?;
        if fs::read(&dst).ok().as_ref() != Some(&bytes) {
            fs::create_dir_all(dst.parent().expect("a file has a folder"))?;
            fs::write(&dst, &bytes)?;
            println!("copied {}", dst.display());
            copied += 1;
        }
    }
    if copied == 0 {
        println!("{} is up to date", to.display());
        return Ok(Done::Note("up to date".into()));
    }
    Ok(Done::Note(format!("copied {copied} files")))
}

fn chromium() -> Result<Done> {
    if !(Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()) {
        install_chromium()?;
    }
    for bin in [CHROMIUM, CHROMEDRIVER] {
        let version = version_of(Path::new(bin))
            .ok_or_else(|| format!("{bin} is there but `{bin} --version` fails"))?;
        println!("{version} ({bin})");
    }
    Ok(Done::Ran)
}

/// Debian's packages are the only browser these machines can get.
fn install_chromium() -> Result {
    let command = "apt-get update && apt-get install -y chromium chromium-driver";
    if !is_root() {
        return Err(format!(
            "{CHROMIUM} and {CHROMEDRIVER} are missing; install Debian's packages with \
             `sudo sh -c '{command}'`, then run this again"
        )
        .into());
    }
    println!("installing Chromium and ChromeDriver from Debian (about 40 s)");
    run(Command::new("apt-get").arg("update"))?;
    // Wait for a running apt (unattended upgrades on a fresh machine) instead of failing.
    run(Command::new("apt-get")
        .args(["install", "-y", "-o", "DPkg::Lock::Timeout=300"])
        .args(["chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn first_on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn modified(path: &Path) -> Result<Option<std::time::SystemTime>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(meta.modified()?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display()).into()),
    }
}

fn list(paths: &[&Path]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
