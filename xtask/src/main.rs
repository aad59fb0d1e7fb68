//! `cargo xtask`: project automation.
//!
//! `cargo xtask test` is the one command that runs every test of the project on a fresh
//! Debian machine: it installs what the tests need (npm packages, Debian's chromium) and
//! runs formatting, lints, the Rust tests and the Node suites, stopping at the first failure.
//! `cargo xtask bench app` and `cargo xtask bench plugins` run the web app's benchmarks the same way.

mod bench;
mod cargo;
mod chromium;
mod cli;
mod node;
mod npm;
mod paths;
mod steps;
mod typecheck;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Command, TestOptions};
use paths::Profile;
use steps::Plan;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    match cli::parse(args)? {
        Command::Help => {
            print!("{}", cli::HELP);
            Ok(())
        }
        Command::Test(options) => test(&options),
        Command::Bench(options) => bench::run(&paths::repo_root(), &options),
    }
}

/// Builds the plan of `cargo xtask test` and runs it.
fn test(options: &TestOptions) -> Result<()> {
    let root = paths::repo_root();
    let tests_dir = root.join("tests");
    let mut plan = Plan::new();
    if !options.quick {
        plan.step("cargo fmt --check", || cargo::fmt_check(&root));
        plan.step("cargo clippy (deny warnings)", || cargo::clippy(&root));
    }
    plan.step("cargo test --workspace", || cargo::test(&root));
    plan.step("build plugboard (debug)", || {
        cargo::build_cli(&root, Profile::Debug)
    });
    plan.step("npm dependencies (tests/)", || {
        npm::ensure_installed(&tests_dir)
    });
    plan.step("typecheck web JS (tsc --checkJs)", || {
        typecheck::check_all(&root)
    });
    plan.step("chromium (Debian package)", chromium::ensure_installed);
    plan.step("Node suites", || node::run_suites(&root, node::Suite::Node));
    plan.step("browser suites", || {
        node::run_suites(&root, node::Suite::Browser)
    });
    plan.run()
}
