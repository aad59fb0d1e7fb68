//! `plugboard check PATH [--format human|json] [--strict] [--previous ZIP]`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use plugboard_branding::lint::CheckReport;
use plugboard_branding::report::{self, Tally};
use plugboard_branding::{check_path, BrandingPackage, CheckOptions, Checked, Finding};

/// Exit status for usage errors, as clap uses for its own.
pub const USAGE_ERROR: u8 = 2;

#[derive(Args)]
pub struct CheckArgs {
    /// A branding folder, its webapp2/ folder, or a zip.
    path: PathBuf,
    /// `human`: like rustc, with the offending line; `json`: one object per finding per line.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    strict: bool,
    /// The package uploaded before (zip or folder): warn when the brandingID did not change.
    #[arg(long, value_name = "ZIP")]
    previous: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

/// Exit 0 without errors (and, with `--strict`, without warnings), 1 otherwise, 2 on usage errors.
pub fn run(args: CheckArgs) -> ExitCode {
    let options = CheckOptions {
        previous: args.previous,
        ..CheckOptions::default()
    };
    let checked = match check_path(&args.path, &options) {
        Ok(checked) => checked,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let findings = &checked.report.findings;
    let mut out = std::io::stdout().lock();
    let printed = match args.format {
        OutputFormat::Json => out.write_all(report::json_lines(findings).as_bytes()),
        OutputFormat::Human => {
            let text = human_report(
                &args.path.display().to_string(),
                &checked.report,
                checked.package.as_ref(),
            );
            out.write_all(text.as_bytes())
        }
    };
    if printed.is_err() {
        return ExitCode::FAILURE;
    }
    if Tally::of(findings).fails(args.strict) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The findings as rustc shows diagnostics, then what plugins contact, then a one-line summary.
/// The findings of a check before packaging or uploading, on stderr (nothing when there are none).
pub fn print_findings(path: &str, checked: &Checked) {
    if !checked.report.findings.is_empty() {
        eprint!(
            "{}",
            human_report(path, &checked.report, checked.package.as_ref())
        );
    }
}

pub fn human_report(path: &str, report: &CheckReport, package: Option<&BrandingPackage>) -> String {
    let mut text = report::human(&report.findings, package, use_color());
    for plugin in report
        .plugins
        .iter()
        .filter(|plugin| !plugin.external_origins.is_empty())
    {
        text.push_str(&format!(
            "note: plugin `{}` contacts {} (the server's Content-Security-Policy must allow them)\n",
            plugin.id,
            plugin.external_origins.join(", ")
        ));
    }
    text.push_str(&summary(path, &report.findings, report.plugins.len()));
    text
}

fn summary(path: &str, findings: &[Finding], plugins: usize) -> String {
    let tally = Tally::of(findings);
    let plugins = match plugins {
        1 => "1 plugin".to_owned(),
        count => format!("{count} plugins"),
    };
    if findings.is_empty() {
        format!("{path}: clean ({plugins} checked)\n")
    } else {
        format!("{path}: {} ({plugins} checked)\n", tally.sentence())
    }
}

fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
