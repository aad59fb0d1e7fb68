//! The cargo steps: formatting, lints, Rust tests and the `plugboard` build.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Result};

use crate::paths::Profile;
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

/// Builds `target/<profile>/plugboard`: the debug one for the Node suites, the release one for
/// benchmarks.
pub fn build_cli(root: &Path, profile: Profile) -> Result<()> {
    let mut command = cargo(root);
    command.args(["build", "-p", "plugboard-cli"]);
    if profile == Profile::Release {
        command.arg("--release");
    }
    steps::run(&mut command)?;
    let binary = paths::plugboard_binary_of(root, profile);
    if !binary.is_file() {
        bail!("`{}` was not produced by the build", binary.display());
    }
    Ok(())
}
