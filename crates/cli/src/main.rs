//! `plugboard`: run a node, and measure one.

mod admin;
mod admin_client;
mod bench;
mod bench_check;
mod bench_crowd;
mod bench_package;
mod bots_args;
mod check;
mod deploy;
mod dev;
mod new;
mod package;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Plugboard: an open conferencing node with a Webapp2-compatible plugin system.
#[derive(Parser)]
#[command(name = "plugboard", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a node: the client REST API v2 with its event stream.
    Serve(serve::ServeArgs),
    /// Check a branding package (folder or zip) for what stops plugins from appearing.
    Check(check::CheckArgs),
    /// Write a checked branding package as a zip for the Management Node, with a new brandingID.
    Package(package::PackageArgs),
    /// Develop a branding folder: serve it from disk with the demo rooms, reload plugins in open apps on save.
    Dev(dev::DevArgs),
    /// Package (a folder) and upload a branding package to a Management Node, and bind it to a web app path.
    Deploy(deploy::DeployArgs),
    /// Load generators that measure a node.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Create a branding package, or add a plugin to one.
    #[command(subcommand)]
    New(new::NewCommand),
    /// Helpers for the management node's configuration.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = match cli.command {
        Command::Check(args) => return check::run(args),
        Command::Package(args) => return package::run(args),
        Command::New(command) => return new::run(command),
        Command::Admin(command) => {
            return match admin::run(command) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {}", report(&error));
                    ExitCode::FAILURE
                }
            }
        }
        command => command,
    };
    init_logging();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match command {
            // Handled above, without the async runtime.
            Command::Check(_) | Command::Package(_) | Command::New(_) | Command::Admin(_) => Ok(()),
            Command::Serve(args) => serve::run(args).await,
            Command::Bench(command) => bench::run(command).await,
            Command::Deploy(args) => deploy::run(args).await,
            Command::Dev(args) => dev::run(args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", report(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each cause once: many messages already quote their cause, and repeating it
/// (as `{:#}` would) doubles long texts such as a TOML error with its source line.
fn report(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PLUGBOARD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,plugboard=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}
