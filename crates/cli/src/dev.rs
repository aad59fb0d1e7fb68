//! `plugboard dev PATH [--listen ADDR]`: a node with the demo rooms serving the branding folder PATH
//! from disk; every save is checked and pushed to the open apps, which reload the changed plugins in
//! place or show the findings.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use plugboard_branding::Severity;
use plugboard_server::dev::DevMode;
use plugboard_server::{Branding, NodeConfig, ServeOptions, Started, TlsMode};

#[derive(Args)]
pub struct DevArgs {
    /// The branding folder to develop (or its webapp2/ folder).
    path: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    #[command(flatten)]
    bots: crate::bots_args::BotsArgs,
}

pub async fn run(args: DevArgs) -> anyhow::Result<()> {
    let dev = DevMode::start(&args.path)
        .with_context(|| format!("cannot develop {}", args.path.display()))?;
    report_findings(&dev, &args.path.display().to_string());
    let options = ServeOptions {
        listen: args.listen,
        config: NodeConfig::demo(),
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
    let findings = dev.findings();
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    println!("Checked {shown}: {errors} errors, {warnings} warnings (the app shows them; `plugboard check` explains)");
}

fn announce(started: &Started) {
    println!("Plugboard listening on {}", started.url);
    println!(
        "Watching for changes. Open {}/webapp2/conference/meet?name=Developer&join=1",
        started.url
    );
}
