//! Runs the fan-out benchmark without the CLI:
//!
//! ```text
//! cargo run --release -p plugboard-bench --example fanout -- 2000 [--updates 30] [--target URL]
//!     [--exe target/release/plugboard] [--json]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use plugboard_bench::{fanout, FanoutOptions};

struct Args {
    options: FanoutOptions,
    exe: PathBuf,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut options = FanoutOptions::default();
    let mut exe = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/plugboard");
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--target" => options.target = Some(value("--target")?),
            "--updates" => options.updates = parse_count(&value("--updates")?)?,
            "--alias" => options.alias = value("--alias")?,
            "--exe" => exe = PathBuf::from(value("--exe")?),
            "--json" => json = true,
            count if !count.starts_with('-') => options.participants = parse_count(count)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args { options, exe, json })
}

fn parse_count(text: &str) -> Result<usize, String> {
    text.parse().map_err(|_| format!("{text:?} is not a count"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("usage: fanout [PARTICIPANTS] [--updates N] [--target URL] [--alias A] [--exe PATH] [--json]\n{message}");
            return ExitCode::from(2);
        }
    };
    match fanout(&args.options, &args.exe).await {
        Ok(report) if args.json => match serde_json::to_string(&report) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Ok(report) => {
            println!("{}", report.human());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
