use anyhow::Context;
use clap::{Args, Subcommand};
use plugboard_bench::{FanoutOptions, MIN_UPDATES};

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Join N participants to one conference and time how long one update takes to reach every stream.
    Fanout(FanoutArgs),
    /// Time `plugboard check` on a generated branding package of N plugins.
    Check(crate::bench_check::CheckBenchArgs),
    /// Keep N participants in a running node's conference (with churn: replace the oldest C times a
    /// minute) until told to stop; prints `crowd ready: …` once all have joined.
    Crowd(crate::bench_crowd::CrowdArgs),
}

#[derive(Args)]
pub struct FanoutArgs {
    /// How many participants join (each with a token and an event stream).
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=20_000))]
    participants: u64,
    /// Measure a running node at this base URL instead of starting one.
    #[arg(long, value_name = "URL")]
    target: Option<String>,
    /// The conference alias to join.
    #[arg(long, default_value = "bench")]
    alias: String,
    /// How many updates to time.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(MIN_UPDATES as u64..=10_000))]
    updates: u64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Fanout(args) => fanout(args).await,
        BenchCommand::Check(args) => crate::bench_check::run(&args),
        BenchCommand::Crowd(args) => crate::bench_crowd::run(&args).await,
    }
}

async fn fanout(args: FanoutArgs) -> anyhow::Result<()> {
    let exe =
        std::env::current_exe().context("cannot find the plugboard executable to start a node")?;
    let options = FanoutOptions {
        participants: usize::try_from(args.participants)?,
        target: args.target,
        updates: usize::try_from(args.updates)?,
        alias: args.alias,
    };
    let report = plugboard_bench::fanout(&options, &exe).await?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!("{}", report.human());
    }
    Ok(())
}
