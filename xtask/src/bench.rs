//! `cargo xtask bench app`: the web app's roster benchmark (tests/bench/app-roster.mjs) against a
//! release build, with the npm packages and chromium that the browser suites use.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::cli::AppBenchOptions;
use crate::paths::{self, Profile};
use crate::steps::{self, Plan};
use crate::{cargo, chromium, npm};

const SCRIPT: &str = "bench/app-roster.mjs";

pub fn app(root: &Path, options: &AppBenchOptions) -> Result<()> {
    let tests_dir = root.join("tests");
    let mut plan = Plan::new();
    plan.step("build plugboard (release)", || {
        cargo::build_cli(root, Profile::Release)
    });
    plan.step("npm dependencies (tests/)", || {
        npm::ensure_installed(&tests_dir)
    });
    plan.step("chromium (Debian package)", chromium::ensure_installed);
    plan.step("web app roster benchmark", || {
        steps::run(
            Command::new("node")
                .current_dir(&tests_dir)
                .arg(SCRIPT)
                .args(options.script_args())
                .env(
                    "PLUGBOARD_BIN",
                    paths::plugboard_binary_of(root, Profile::Release),
                )
                .env("CHROMIUM_PATH", chromium::CHROMIUM),
        )
    });
    plan.run()
}
