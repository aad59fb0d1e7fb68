//! `cargo xtask bench app|plugins`: the web app's benchmarks (tests/bench/app-roster.mjs,
//! tests/bench/plugin-host.mjs) against a release build, with the npm packages and chromium that the
//! browser suites use.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::cli::BenchOptions;
use crate::paths::{self, Profile};
use crate::steps::{self, Plan};
use crate::{cargo, chromium, npm};

pub fn run(root: &Path, options: &BenchOptions) -> Result<()> {
    let tests_dir = root.join("tests");
    let benchmark = options.benchmark;
    let mut plan = Plan::new();
    plan.step("build plugboard (release)", || {
        cargo::build_cli(root, Profile::Release)
    });
    plan.step("npm dependencies (tests/)", || {
        npm::ensure_installed(&tests_dir)
    });
    plan.step("chromium (Debian package)", chromium::ensure_installed);
    plan.step(benchmark.title(), || {
        steps::run(
            Command::new("node")
                .current_dir(&tests_dir)
                .arg(benchmark.script())
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
