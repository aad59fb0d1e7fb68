//! `plugboard dev PATH [--listen ADDR]`: a node with the demo rooms serving the branding folder PATH
//! from disk; every save is checked and pushed to the open apps, which reload the changed plugins in
//! place or show the findings.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use plugboard_branding::report::Tally;
use plugboard_branding::Severity;
use plugboard_server::dev::{DevEvent, DevMode};
use plugboard_server::{Branding, NodeConfig, ServeOptions, Started, TlsMode};

#[derive(Args)]
pub struct DevArgs {
    /// The branding folder to develop (or its webapp2/ folder).
    path: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Rooms, `[csp]` sources for plugins that call other services, … as for `plugboard serve`
    /// (its admin users are not used: `dev` has no management node).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    bots: crate::bots_args::BotsArgs,
}

pub async fn run(args: DevArgs) -> anyhow::Result<()> {
    let dev = DevMode::start(&args.path)
        .with_context(|| format!("cannot develop {}", args.path.display()))?;
    report_findings(&dev, &args.path.display().to_string());
    tokio::spawn(print_changes(dev.changes()));
    let config = match &args.config {
        Some(path) => NodeConfig::load(path)?,
        None => NodeConfig::demo(),
    };
    let options = ServeOptions {
        listen: args.listen,
        config,
        tls: TlsMode::Off,
        branding: Branding::Example,
        dev: Some(dev),
        data_dir: None,
        bots: args.bots.plan()?,
    };
    plugboard_server::serve(options, announce).await?;
    Ok(())
}

fn report_findings(dev: &DevMode, shown: &str) {
    let tally = Tally::of(&dev.findings());
    println!(
        "Checked {shown}: {} (the app shows them; `plugboard check` explains)",
        tally.sentence()
    );
}

/// One line per change, so the terminal tells what the open apps were asked to do.
async fn print_changes(mut changes: tokio::sync::broadcast::Receiver<DevEvent>) {
    use tokio::sync::broadcast::error::RecvError;
    loop {
        match changes.recv().await {
            Ok(change) => println!("{}", describe(&change)),
            Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => break,
        }
    }
}

fn describe(change: &DevEvent) -> String {
    let tally = Tally::of(&change.findings);
    let what = match change.reload {
        "plugins" => format!("reloading {}", change.plugins.join(", ")),
        "all" => "reloading the branding".to_owned(),
        _ if tally.fails(false) => "not reloaded: fix the errors first".to_owned(),
        _ => "nothing to reload".to_owned(),
    };
    let mut line = format!("changed: {what} ({})", tally.sentence());
    if let Some(first) = change
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
    {
        line.push_str(&format!(
            "\n  {}:{}:{}: {} ({})",
            first.file, first.line, first.column, first.message, first.code
        ));
    }
    line
}

fn announce(started: &Started) {
    println!("Plugboard listening on {}", started.url);
    println!(
        "Watching for changes. Open {}/webapp2/conference/meet?name=Developer&join=1",
        started.url
    );
}
