//! Command-line parsing for `cargo xtask` (few enough options not to need clap).

use anyhow::{bail, Context, Result};

pub const HELP: &str = "\
cargo xtask — Plugboard project automation

USAGE:
    cargo xtask test [--quick]    run every test (installs what the tests need first)
    cargo xtask bench app [--participants N] [--minutes M] [--churn-per-minute C]
                                  the web app's roster benchmark in headless Chromium
    cargo xtask help              show this help

`test` runs, stopping at the first failure:
    cargo fmt --check, cargo clippy -D warnings (skipped with --quick),
    cargo test --workspace, cargo build -p plugboard-cli,
    npm ci in tests/ (when needed), tsc --checkJs of the browser JavaScript (web/app),
    apt-get install chromium (when missing),
    the Node suites (node --test) and the browser suites (tests/browser/, when present).

`bench app` builds plugboard in release, installs what `test` installs, and runs
tests/bench/app-roster.mjs: a node with N participants (default 1000, joined by
`plugboard bench crowd`), the app in headless Chromium, M minutes (default 10) of
joins and leaves (C a minute, default 120); it prints the figures for BENCHMARKS.md.
";

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Test(TestOptions),
    BenchApp(AppBenchOptions),
}

/// Options of `cargo xtask test`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestOptions {
    /// Skip `cargo fmt --check` and `cargo clippy`.
    pub quick: bool,
}

/// Options of `cargo xtask bench app`; unset ones take the benchmark script's defaults.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AppBenchOptions {
    pub participants: Option<u32>,
    pub minutes: Option<u32>,
    pub churn_per_minute: Option<u32>,
}

impl AppBenchOptions {
    /// The options as the benchmark script takes them.
    pub fn script_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let flags = [
            ("--participants", self.participants),
            ("--minutes", self.minutes),
            ("--churn-per-minute", self.churn_per_minute),
        ];
        for (flag, value) in flags {
            if let Some(value) = value {
                args.extend([flag.to_owned(), value.to_string()]);
            }
        }
        args
    }
}

pub fn parse(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    match command.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "test" => Ok(Command::Test(parse_test_options(rest)?)),
        "bench" => parse_bench(rest),
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

fn parse_bench(args: &[String]) -> Result<Command> {
    match args.split_first() {
        Some((which, rest)) if which == "app" => Ok(Command::BenchApp(parse_app_options(rest)?)),
        Some((other, _)) => bail!("unknown benchmark `{other}` (known: app)\n\n{HELP}"),
        None => bail!("`cargo xtask bench` needs a benchmark (known: app)\n\n{HELP}"),
    }
}

fn parse_app_options(args: &[String]) -> Result<AppBenchOptions> {
    let mut options = AppBenchOptions::default();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--participants" => &mut options.participants,
            "--minutes" => &mut options.minutes,
            "--churn-per-minute" => &mut options.churn_per_minute,
            other => bail!("unknown option `{other}` for `cargo xtask bench app`\n\n{HELP}"),
        };
        let value = args
            .next()
            .with_context(|| format!("`{flag}` needs a value"))?;
        let number: u32 = value
            .parse()
            .ok()
            .filter(|number| *number > 0)
            .with_context(|| format!("`{flag}` takes a positive whole number, not `{value}`"))?;
        *slot = Some(number);
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

    #[test]
    fn bench_app_takes_its_options() {
        assert_eq!(
            parse(&args(&["bench", "app"])).unwrap(),
            Command::BenchApp(AppBenchOptions::default())
        );
        let parsed = parse(&args(&[
            "bench",
            "app",
            "--minutes",
            "1",
            "--participants",
            "500",
            "--churn-per-minute",
            "60",
        ]))
        .unwrap();
        let expected = AppBenchOptions {
            participants: Some(500),
            minutes: Some(1),
            churn_per_minute: Some(60),
        };
        assert_eq!(parsed, Command::BenchApp(expected));
    }

    #[test]
    fn bench_app_passes_only_the_options_given() {
        let options = AppBenchOptions {
            minutes: Some(1),
            ..AppBenchOptions::default()
        };
        assert_eq!(options.script_args(), args(&["--minutes", "1"]));
    }

    #[test]
    fn bench_needs_a_known_benchmark_and_valid_numbers() {
        assert!(parse(&args(&["bench"])).is_err());
        assert!(parse(&args(&["bench", "fanout"])).is_err());
        assert!(parse(&args(&["bench", "app", "--minutes"])).is_err());
        assert!(parse(&args(&["bench", "app", "--minutes", "0"])).is_err());
        assert!(parse(&args(&["bench", "app", "--minutes", "ten"])).is_err());
        assert!(parse(&args(&["bench", "app", "--seconds", "5"])).is_err());
    }
}
