//! `cargo xtask serve`: the README's "run it locally" promise.

use std::process::Command;

use crate::bundle;
use crate::setup::{self, Scope};
use crate::steps::{Done, Pipeline};
use crate::tools::{cargo, repo_root, run, Result};

pub const DEFAULT_PORT: u16 = 8080;

/// Builds the app and the API in release mode, then serves both on one origin until Ctrl-C.
pub fn serve(port: u16) -> Result {
    let mut p = Pipeline::new("serve");
    setup::add_steps(&mut p, Scope::Build);
    p.step("trunk build --release", bundle::trunk_release).step(
        "cargo build --release -p passerelle-api",
        || {
            run(cargo()
                .args(["build", "--release", "-p", "passerelle-api"])
                .current_dir(repo_root()))
            .map(|()| Done::Ran)
        },
    );
    p.finish()?;

    let root = repo_root();
    let addr = format!("127.0.0.1:{port}");
    println!("\nPasserelle: http://{addr}/  (Ctrl-C stops it)");
    // The API serves dist/ itself, so the app and /api/v1 share an origin (no CORS).
    run(Command::new(root.join("target/release/passerelle-api"))
        .args(["--addr", &addr, "--dist", "dist"])
        .current_dir(&root))
}
