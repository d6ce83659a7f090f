//! The release build of the app: dist/ as the API serves it and Playwright tests it.

use crate::steps::Done;
use crate::tools::{self, repo_root, run, Result};

/// `trunk build --release` with the pinned Trunk. Trunk.toml chooses the `wasm-release`
/// cargo profile, pins wasm-bindgen and wasm-opt, and stays offline (setup fetched crates).
pub fn trunk_release() -> Result<Done> {
    run(std::process::Command::new(tools::trunk_bin())
        .args(["build", "--release"])
        .current_dir(repo_root()))?;
    Ok(Done::Ran)
}
