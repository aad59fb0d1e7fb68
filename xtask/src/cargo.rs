//! The cargo steps: formatting, lints, Rust tests and the `plugboard` build.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Result};

use crate::{paths, steps};

fn cargo(root: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.current_dir(root);
    command
}

pub fn fmt_check(root: &Path) -> Result<()> {
    steps::run(cargo(root).args(["fmt", "--all", "--", "--check"]))
}

pub fn clippy(root: &Path) -> Result<()> {
    steps::run(cargo(root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

pub fn test(root: &Path) -> Result<()> {
    steps::run(cargo(root).args(["test", "--workspace"]))
}

/// Builds `target/debug/plugboard`, which the Node suites start.
pub fn build_cli(root: &Path) -> Result<()> {
    steps::run(cargo(root).args(["build", "-p", "plugboard-cli"]))?;
    let binary = paths::plugboard_binary(root);
    if !binary.is_file() {
        bail!("`{}` was not produced by the build", binary.display());
    }
    Ok(())
}
