//! Debian's chromium, which the browser suites drive through playwright-core.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Result};

use crate::steps;

pub const CHROMIUM: &str = "/usr/bin/chromium";

pub fn ensure_installed() -> Result<()> {
    if Path::new(CHROMIUM).exists() {
        println!("{CHROMIUM} is present");
        return Ok(());
    }
    println!("{CHROMIUM} is missing: installing Debian's chromium");
    apt_install(&["chromium"])?;
    if !Path::new(CHROMIUM).exists() {
        bail!("apt-get installed chromium but {CHROMIUM} is still missing");
    }
    Ok(())
}

/// `apt-get update` then `apt-get install -y PACKAGES`, through sudo when not root.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if !steps::has_program("apt-get") {
        bail!(
            "apt-get is not available: install {} by hand",
            packages.join(" ")
        );
    }
    steps::run(apt_get().arg("update"))?;
    steps::run(apt_get().args(["install", "-y"]).args(packages))
}

fn apt_get() -> Command {
    let mut command = if is_root() {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.env("DEBIAN_FRONTEND", "noninteractive");
    command
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
        .unwrap_or(false)
}
