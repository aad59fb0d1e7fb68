use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use clap::Args;
use plugboard_branding::report::Tally;
use plugboard_branding::{check_path, CheckOptions};
use plugboard_server::{Branding, NodeConfig, ServeOptions, Started, TlsMode};

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Rooms and node settings (TOML). Without it: demo rooms `meet` (no PIN, everyone is host) and
    /// `secure` (host PIN 1234, guest PIN 5678).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The branding package to serve at /webapp2/custom_configuration/: a branding folder, its
    /// `webapp2/` folder, or a zip. Without it: the example package.
    #[arg(long, value_name = "DIR_OR_ZIP")]
    branding: Option<PathBuf>,
    /// Where the node keeps its state: the management node's database (branding uploads, web app paths,
    /// rooms) and the development certificate. Default: $XDG_DATA_HOME/plugboard or ~/.local/share/plugboard.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Serve HTTPS with a self-signed development certificate, created in the data directory on first use.
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    tls: bool,
    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The private key (PEM) of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    #[command(flatten)]
    bots: crate::bots_args::BotsArgs,
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(path) => NodeConfig::load(path)?,
        None => NodeConfig::demo(),
    };
    let data_dir = data_dir(args.data)?;
    let tls = match (args.tls, args.tls_cert, args.tls_key) {
        (_, Some(cert), Some(key)) => TlsMode::Files { cert, key },
        (true, _, _) => TlsMode::SelfSigned {
            data_dir: data_dir.clone(),
        },
        _ => TlsMode::Off,
    };
    let branding = match &args.branding {
        Some(path) => checked_branding(path)?,
        None => Branding::Example,
    };
    let options = ServeOptions {
        listen: args.listen,
        config,
        tls,
        branding,
        dev: None,
        data_dir: Some(data_dir),
        bots: args.bots.plan()?,
    };
    plugboard_server::serve(options, announce).await?;
    Ok(())
}

/// The package at `path`, read and checked once. One with errors is served all the same (to try how the
/// app copes), but not silently: an upload of it to the management node would be refused.
fn checked_branding(path: &Path) -> anyhow::Result<Branding> {
    let shown = path.display().to_string();
    let checked = check_path(path, &CheckOptions::default())
        .with_context(|| format!("cannot serve the branding package {shown}"))?;
    if Tally::of(&checked.report.findings).fails(true) {
        crate::check::print_findings(&shown, &checked);
        eprintln!("warning: serving {shown} although `plugboard check` finds problems in it");
    }
    match checked.package {
        Some(package) => Ok(Branding::Package(Arc::new(package))),
        None => bail!("cannot serve the branding package {shown}: it was refused while loading"),
    }
}

fn announce(started: &Started) {
    println!("Plugboard listening on {}", started.url);
    println!("Rooms: {}", started.rooms.join(", "));
    println!(
        "Try: curl -X POST {}/api/client/v2/conferences/{}/request_token -H 'Content-Type: application/json' -d '{{\"display_name\":\"Alice\"}}'",
        started.url,
        started.rooms.first().map_or("meet", String::as_str)
    );
}

/// `--data`, or the user's data directory.
fn data_dir(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match explicit {
        Some(dir) => Ok(dir),
        None => dirs_data_dir().context("cannot find a data directory; pass --data DIR"),
    }
}

fn dirs_data_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .map(|base| base.join("plugboard"))
}
