//! Command-line parsing for `cargo xtask` (few enough options not to need clap).

use anyhow::{bail, Result};

pub const HELP: &str = "\
cargo xtask — Plugboard project automation

USAGE:
    cargo xtask test [--quick]    run every test (installs what the tests need first)
    cargo xtask help              show this help

`test` runs, stopping at the first failure:
    cargo fmt --check, cargo clippy -D warnings (skipped with --quick),
    cargo test --workspace, cargo build -p plugboard-cli,
    npm ci in tests/ (when needed), apt-get install chromium (when missing),
    the Node suites (node --test) and the browser suites (tests/browser/, when present).
";

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Test(TestOptions),
}

/// Options of `cargo xtask test`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestOptions {
    /// Skip `cargo fmt --check` and `cargo clippy`.
    pub quick: bool,
}

pub fn parse(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    match command.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "test" => Ok(Command::Test(parse_test_options(rest)?)),
        other => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}

fn parse_test_options(args: &[String]) -> Result<TestOptions> {
    let mut options = TestOptions::default();
    for arg in args {
        match arg.as_str() {
            "--quick" => options.quick = true,
            other => bail!("unknown option `{other}` for `cargo xtask test`\n\n{HELP}"),
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn no_arguments_show_help() {
        assert_eq!(parse(&[]).unwrap(), Command::Help);
    }

    #[test]
    fn test_with_and_without_quick() {
        assert_eq!(
            parse(&args(&["test"])).unwrap(),
            Command::Test(TestOptions { quick: false })
        );
        assert_eq!(
            parse(&args(&["test", "--quick"])).unwrap(),
            Command::Test(TestOptions { quick: true })
        );
    }

    #[test]
    fn unknown_command_or_option_is_an_error() {
        assert!(parse(&args(&["frobnicate"])).is_err());
        assert!(parse(&args(&["test", "--fast"])).is_err());
    }
}
