//! Where the project's tools live, which versions it expects, and the PATH every child sees.
//!
//! The versions below are the ones TOOLCHAIN.md found to work together; each is checked
//! rather than trusted, because a near-miss (Trunk 0.22, Debian's wasm-opt 108, a
//! wasm-bindgen-cli that differs from Cargo.lock) builds an app that fails only at load.

use std::env;
use std::error::Error;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Every xtask function fails with a message meant for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// Trunk 0.22 needs rustc 1.96, newer than the machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The CLI must match the `wasm-bindgen` crate in Cargo.lock exactly; the root Cargo.toml
/// pins `wasm-bindgen = "=0.2.130"` because web-sys 0.3.107 needs it.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The size profiler behind `cargo xtask bench --sizes`, installed on demand (not by setup).
pub const TWIGGY_VERSION: &str = "0.8.0";
/// npm's `binaryen`. Debian's wasm-opt 108 produces a wasm that throws at load.
pub const WASM_OPT_VERSION: &str = "132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's browser and driver; nothing else can be downloaded on these machines.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The workspace root (xtask lives one level below it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// Versioned tool installs live outside the repo so `cargo clean` and fresh clones keep them.
/// `$PASSERELLE_TOOLS` overrides the default `~/.cache/passerelle/tools`.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = env::var_os("PASSERELLE_TOOLS") {
        return PathBuf::from(dir);
    }
    let home = env::var_os("HOME").unwrap_or_else(|| OsString::from("."));
    Path::new(&home).join(".cache/passerelle/tools")
}

/// `cargo install --root` folder for Trunk.
pub fn trunk_root() -> PathBuf {
    tools_dir().join(format!("trunk-{TRUNK_VERSION}"))
}

/// `cargo install --root` folder for wasm-bindgen-cli.
pub fn wasm_bindgen_root() -> PathBuf {
    tools_dir().join(format!("wasm-bindgen-{WASM_BINDGEN_VERSION}"))
}

/// `cargo install --root` folder for twiggy.
pub fn twiggy_root() -> PathBuf {
    tools_dir().join(format!("twiggy-{TWIGGY_VERSION}"))
}

pub fn twiggy_bin() -> PathBuf {
    twiggy_root().join("bin/twiggy")
}

/// Where cargo puts builds (and Trunk its wasm-bindgen output): `$CARGO_TARGET_DIR` if set,
/// else the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
}

pub fn trunk_bin() -> PathBuf {
    trunk_root().join("bin/trunk")
}

pub fn node_bin_dir() -> PathBuf {
    repo_root().join("node_modules/.bin")
}

/// Puts the pinned tools first on PATH for this process and so for every child: Trunk looks
/// wasm-bindgen and wasm-opt up on PATH and would otherwise find Debian's wasm-opt.
pub fn put_tools_first_on_path() -> Result {
    let mut dirs = vec![
        trunk_root().join("bin"),
        wasm_bindgen_root().join("bin"),
        node_bin_dir(),
    ];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    // Edition 2021: set_var is safe; xtask sets it once, before any thread exists.
    env::set_var("PATH", env::join_paths(dirs)?);
    // No npm package may fetch its own browser: Playwright drives Debian's Chromium.
    env::set_var("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Ok(())
}

/// `cargo`, preferring the one that launched xtask.
pub fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Prints the command, runs it with inherited output, and fails if it fails.
pub fn run(cmd: &mut Command) -> Result {
    println!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)).into())
    }
}

/// Like [`run`], but also returns what the command printed on stdout (shown as it comes),
/// for steps that must check what it ran.
pub fn run_and_read(cmd: &mut Command) -> Result<String> {
    use std::io::{BufRead, BufReader, Write};
    println!("$ {}", describe(cmd));
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    let mut output = String::new();
    if let Some(stdout) = child.stdout.take() {
        let mut shown = std::io::stdout();
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            writeln!(shown, "{line}")?;
            output.push_str(&line);
            output.push('\n');
        }
    }
    let status = child.wait()?;
    if status.success() {
        Ok(output)
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)).into())
    }
}

/// The first line `program --version` prints, or None if it does not run.
pub fn version_of(program: &Path) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    out.status
        .success()
        .then(|| text.lines().next().unwrap_or("").trim().to_string())
}

/// True when `program --version` names exactly `version` as one of its words
/// (`trunk 0.21.14`, `wasm-bindgen 0.2.130`, `wasm-opt version 132 (version_132)`).
pub fn reports_version(program: &Path, version: &str) -> bool {
    version_of(program).is_some_and(|line| line.split_whitespace().any(|word| word == version))
}

/// Fails loudly when Cargo.lock or Trunk.toml drifted from [`WASM_BINDGEN_VERSION`]:
/// a mismatched CLI would happily build a wasm that the generated JS cannot load.
pub fn check_wasm_bindgen_pins() -> Result {
    let root = repo_root();
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let locked = locked_versions(&lock, "wasm-bindgen");
    if locked != [WASM_BINDGEN_VERSION] {
        return Err(format!(
            "Cargo.lock has wasm-bindgen {locked:?}, but xtask installs wasm-bindgen-cli \
             {WASM_BINDGEN_VERSION}.\n  If the change was an accident, restore it with \
             `cargo update -p wasm-bindgen --precise {WASM_BINDGEN_VERSION}` (the root Cargo.toml \
             pins `wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"`).\n  If you upgraded on purpose, \
             change WASM_BINDGEN_VERSION in xtask/src/tools.rs, `[tools] wasm_bindgen` in \
             Trunk.toml and the pin in Cargo.toml together."
        )
        .into());
    }
    let trunk_toml = fs::read_to_string(root.join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let wanted = format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"");
    if !trunk_toml.lines().any(|line| line.trim() == wanted) {
        return Err(format!(
            "Trunk.toml's [tools] must say `{wanted}` to match xtask's WASM_BINDGEN_VERSION"
        )
        .into());
    }
    Ok(())
}

/// Every version of `package` that Cargo.lock records.
fn locked_versions(lock: &str, package: &str) -> Vec<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    let mut versions = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                versions.push(version.to_string());
            }
        }
    }
    versions
}

fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    cmd.get_args().fold(program, |mut line, arg| {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
        line
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_versions_reads_every_entry_of_a_package_and_no_lookalike() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-shared\"\nversion = \"0.2.130\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n";
        assert_eq!(locked_versions(lock, "wasm-bindgen"), ["0.2.130", "0.2.99"]);
    }

    #[test]
    fn the_pins_agree_with_the_workspace_as_committed() {
        check_wasm_bindgen_pins().unwrap();
    }
}
