//! `plugboard bench check`: time `plugboard check` on a generated package of many plugins.

use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use plugboard_branding::report::Tally;
use plugboard_branding::{check_path, CheckOptions};
use serde_json::json;

use crate::bench_package;
use crate::check::human_report;

#[derive(Args)]
pub struct CheckBenchArgs {
    /// How many plugins the generated package holds.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=5_000))]
    plugins: u64,
    /// About how many KiB of JavaScript each plugin has.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_024))]
    script_kib: u64,
    /// How many checks to time (after one untimed warm-up).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    runs: u64,
    /// Generate the package into this folder and keep it (e.g. to time `plugboard check DIR` as a whole
    /// process, or to serve it: the plugin host benchmark does); by default a temporary folder, removed
    /// afterwards.
    #[arg(long, value_name = "DIR")]
    keep_in: Option<std::path::PathBuf>,
    /// Print one JSON object instead of a sentence.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &CheckBenchArgs) -> anyhow::Result<()> {
    let temporary = tempfile::tempdir().context("cannot create a temporary folder")?;
    let root = args.keep_in.as_deref().unwrap_or(temporary.path());
    let plugins = usize::try_from(args.plugins)?;
    let script_bytes = usize::try_from(args.script_kib)? * 1024;
    let javascript_bytes = bench_package::generate(root, plugins, script_bytes)
        .with_context(|| format!("cannot write the package into {}", root.display()))?;
    let mut timings = Vec::new();
    let mut tally = Tally::default();
    for run in 0..=args.runs {
        let started = Instant::now();
        let checked = check_path(root, &CheckOptions::default())?;
        let printed = human_report("bench", &checked.report, checked.package.as_ref());
        let elapsed = started.elapsed();
        std::hint::black_box(printed);
        tally = Tally::of(&checked.report.findings);
        if run > 0 {
            timings.push(elapsed);
        }
    }
    timings.sort();
    let p50 = timings.get(timings.len() / 2).copied().unwrap_or_default();
    let min = timings.first().copied().unwrap_or_default();
    let max = timings.last().copied().unwrap_or_default();
    if args.json {
        let report = json!({
            "plugins": plugins,
            "javascript_bytes": javascript_bytes,
            "runs": timings.len(),
            "p50_ms": millis(p50),
            "min_ms": millis(min),
            "max_ms": millis(max),
            "errors": tally.errors,
            "warnings": tally.warnings,
            "infos": tally.infos,
        });
        println!("{report}");
    } else {
        println!(
            "check of {plugins} plugins ({:.1} MiB of JavaScript): p50 {:.1} ms, min {:.1} ms, max {:.1} ms over {} runs; findings: {}",
            javascript_bytes as f64 / (1024.0 * 1024.0),
            millis(p50),
            millis(min),
            millis(max),
            timings.len(),
            tally.sentence()
        );
    }
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 10_000.0).round() / 10.0
}
