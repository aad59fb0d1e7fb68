//! Command-line parsing for `cargo xtask` (few enough options not to need clap).

use anyhow::{bail, Context, Result};

pub const HELP: &str = "\
cargo xtask — Plugboard project automation

USAGE:
    cargo xtask test [--quick]    run every test (installs what the tests need first)
    cargo xtask bench app [--participants N] [--minutes M] [--churn-per-minute C]
                                  the web app's roster benchmark in headless Chromium
    cargo xtask bench plugins [--plugins P] [--participants N] [--updates U] [--rounds R]
                              [--join link|form]
                                  the plugin host benchmark in headless Chromium
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

`bench plugins` does the same preparation and runs tests/bench/plugin-host.mjs: the
same room twice, without plugins and with P generated plugins (default 20), timing
how soon the plugins' menu items show after joining and what they add to U
participant_update events (default 200); R rounds (default 1) alternate the two.
The app joins with the direct link (default) or through the home page's form.
";

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Test(TestOptions),
    Bench(BenchOptions),
}

/// Options of `cargo xtask test`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestOptions {
    /// Skip `cargo fmt --check` and `cargo clippy`.
    pub quick: bool,
}

/// The benchmarks `cargo xtask bench` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Benchmark {
    /// The web app's roster (tests/bench/app-roster.mjs).
    App,
    /// The plugin host (tests/bench/plugin-host.mjs).
    Plugins,
}

/// What `cargo xtask bench` knows of a benchmark.
struct Spec {
    name: &'static str,
    /// The script under tests/.
    script: &'static str,
    /// What the step is called in the plan.
    title: &'static str,
    /// The options it takes, passed on to the script.
    flags: &'static [Flag],
}

/// An option of a benchmark and the values it takes.
struct Flag {
    name: &'static str,
    /// `None`: a positive whole number; otherwise one of these words.
    words: Option<&'static [&'static str]>,
}

const fn number(name: &'static str) -> Flag {
    Flag { name, words: None }
}

const APP: Spec = Spec {
    name: "app",
    script: "bench/app-roster.mjs",
    title: "web app roster benchmark",
    flags: &[
        number("--participants"),
        number("--minutes"),
        number("--churn-per-minute"),
    ],
};

const PLUGINS: Spec = Spec {
    name: "plugins",
    script: "bench/plugin-host.mjs",
    title: "plugin host benchmark",
    flags: &[
        number("--plugins"),
        number("--participants"),
        number("--updates"),
        number("--rounds"),
        Flag {
            name: "--join",
            words: Some(&["link", "form"]),
        },
    ],
};

impl Benchmark {
    const ALL: [Benchmark; 2] = [Benchmark::App, Benchmark::Plugins];

    fn spec(self) -> &'static Spec {
        match self {
            Benchmark::App => &APP,
            Benchmark::Plugins => &PLUGINS,
        }
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The script under tests/.
    pub fn script(self) -> &'static str {
        self.spec().script
    }

    /// What the step is called in the plan.
    pub fn title(self) -> &'static str {
        self.spec().title
    }

    fn known() -> String {
        Self::ALL.map(Benchmark::name).join(", ")
    }
}

/// A benchmark and the options given to it; unset ones take the benchmark script's defaults.
#[derive(Debug, PartialEq, Eq)]
pub struct BenchOptions {
    pub benchmark: Benchmark,
    /// The options given, in order, as `(flag, value)`.
    pub values: Vec<(&'static str, String)>,
}

impl BenchOptions {
    /// The options as the benchmark script takes them.
    pub fn script_args(&self) -> Vec<String> {
        self.values
            .iter()
            .flat_map(|(flag, value)| [(*flag).to_owned(), value.clone()])
            .collect()
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
    let Some((which, rest)) = args.split_first() else {
        bail!(
            "`cargo xtask bench` needs a benchmark (known: {})\n\n{HELP}",
            Benchmark::known()
        );
    };
    let Some(benchmark) = Benchmark::ALL.into_iter().find(|b| b.name() == which) else {
        bail!(
            "unknown benchmark `{which}` (known: {})\n\n{HELP}",
            Benchmark::known()
        );
    };
    Ok(Command::Bench(parse_bench_options(benchmark, rest)?))
}

fn parse_bench_options(benchmark: Benchmark, args: &[String]) -> Result<BenchOptions> {
    let mut values: Vec<(&'static str, String)> = Vec::new();
    let mut args = args.iter();
    while let Some(given) = args.next() {
        let Some(flag) = benchmark.spec().flags.iter().find(|f| f.name == given) else {
            bail!(
                "unknown option `{given}` for `cargo xtask bench {}`\n\n{HELP}",
                benchmark.name()
            );
        };
        let value = args
            .next()
            .with_context(|| format!("`{given}` needs a value"))?;
        check_value(flag, value)?;
        values.retain(|(name, _)| *name != flag.name);
        values.push((flag.name, value.clone()));
    }
    Ok(BenchOptions { benchmark, values })
}

fn check_value(flag: &Flag, value: &str) -> Result<()> {
    match flag.words {
        Some(words) if !words.contains(&value) => bail!(
            "`{}` takes {}, not `{value}`",
            flag.name,
            words.join(" or ")
        ),
        Some(_) => Ok(()),
        None => value
            .parse::<u32>()
            .ok()
            .filter(|number| *number > 0)
            .map(|_| ())
            .with_context(|| {
                format!(
                    "`{}` takes a positive whole number, not `{value}`",
                    flag.name
                )
            }),
    }
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
            Command::Bench(BenchOptions {
                benchmark: Benchmark::App,
                values: vec![]
            })
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
        let Command::Bench(options) = parsed else {
            panic!("not a benchmark: {parsed:?}");
        };
        assert_eq!(options.benchmark, Benchmark::App);
        assert_eq!(
            options.script_args(),
            args(&[
                "--minutes",
                "1",
                "--participants",
                "500",
                "--churn-per-minute",
                "60"
            ])
        );
    }

    #[test]
    fn bench_plugins_takes_its_options() {
        let parsed = parse(&args(&[
            "bench",
            "plugins",
            "--plugins",
            "20",
            "--participants",
            "1000",
            "--updates",
            "300",
        ]))
        .unwrap();
        let Command::Bench(options) = parsed else {
            panic!("not a benchmark: {parsed:?}");
        };
        assert_eq!(options.benchmark, Benchmark::Plugins);
        assert_eq!(options.benchmark.script(), "bench/plugin-host.mjs");
        assert_eq!(
            options.script_args(),
            args(&[
                "--plugins",
                "20",
                "--participants",
                "1000",
                "--updates",
                "300"
            ])
        );
    }

    #[test]
    fn bench_passes_only_the_options_given_and_the_last_of_each() {
        let Command::Bench(options) = parse(&args(&[
            "bench",
            "plugins",
            "--plugins",
            "5",
            "--plugins",
            "7",
        ]))
        .unwrap() else {
            panic!("not a benchmark");
        };
        assert_eq!(options.script_args(), args(&["--plugins", "7"]));
    }

    #[test]
    fn bench_needs_a_known_benchmark_and_valid_numbers() {
        assert!(parse(&args(&["bench"])).is_err());
        assert!(parse(&args(&["bench", "fanout"])).is_err());
        assert!(parse(&args(&["bench", "app", "--minutes"])).is_err());
        assert!(parse(&args(&["bench", "app", "--minutes", "0"])).is_err());
        assert!(parse(&args(&["bench", "app", "--minutes", "ten"])).is_err());
        assert!(parse(&args(&["bench", "app", "--seconds", "5"])).is_err());
        assert!(parse(&args(&["bench", "app", "--plugins", "5"])).is_err());
        assert!(parse(&args(&["bench", "plugins", "--minutes", "5"])).is_err());
        assert!(parse(&args(&["bench", "plugins", "--join", "sideways"])).is_err());
        assert!(parse(&args(&["bench", "app", "--join", "form"])).is_err());
    }

    #[test]
    fn bench_plugins_joins_by_link_or_form() {
        let Command::Bench(options) = parse(&args(&[
            "bench", "plugins", "--join", "form", "--rounds", "3",
        ]))
        .unwrap() else {
            panic!("not a benchmark");
        };
        assert_eq!(
            options.script_args(),
            args(&["--join", "form", "--rounds", "3"])
        );
    }
}
