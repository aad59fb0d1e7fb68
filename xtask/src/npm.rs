//! `npm ci` in `tests/` when `node_modules` is missing or `package-lock.json` changed.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{chromium, steps};

/// Copy of the lockfile that was last installed, kept inside `node_modules`.
const STAMP: &str = ".plugboard-installed-package-lock.json";

pub fn ensure_installed(tests_dir: &Path) -> Result<()> {
    let lockfile = tests_dir.join("package-lock.json");
    if !lockfile.is_file() {
        bail!("{} is missing", lockfile.display());
    }
    ensure_node_and_npm()?;
    let lock = fs::read(&lockfile).with_context(|| format!("reading {}", lockfile.display()))?;
    let stamp = tests_dir.join("node_modules").join(STAMP);
    if fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        println!("tests/node_modules is up to date with package-lock.json");
        return Ok(());
    }
    steps::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(tests_dir),
    )?;
    fs::write(&stamp, &lock).with_context(|| format!("writing {}", stamp.display()))
}

/// Node.js and npm come with the machine image; install Debian's if they are missing.
fn ensure_node_and_npm() -> Result<()> {
    if steps::has_program("node") && steps::has_program("npm") {
        return Ok(());
    }
    println!("node/npm not found: installing Debian's nodejs and npm");
    chromium::apt_install(&["nodejs", "npm"])
}
