//! `plugboard bench crowd`: keep N participants in a running node's conference, with churn, until told
//! to stop — the load for the web app's roster benchmark.

use std::fs::File;
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::fs::FileTypeExt;
use std::time::Duration;

use clap::Args;
use plugboard_bench::{CrowdOptions, NameStyle, MAX_CHURN_PER_MINUTE};
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::oneshot;

/// The line a driver script waits for, followed by `<N> participants in <ROOM>`.
const READY_PREFIX: &str = "crowd ready:";

#[derive(Args, Debug)]
pub struct CrowdArgs {
    /// Base URL of the running node, e.g. http://127.0.0.1:8080.
    #[arg(long, value_name = "URL")]
    target: String,
    /// The conference alias to join.
    #[arg(long, value_name = "ROOM", default_value = "bench")]
    alias: String,
    /// How many participants to keep in the room (each with a token and an event stream).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=20_000))]
    participants: u64,
    /// Replace the participant who has been there longest with a newcomer this many times a minute.
    #[arg(long, value_name = "C", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_CHURN_PER_MINUTE)))]
    churn_per_minute: u32,
    /// Stop this many seconds after everyone has joined (default: run until SIGINT, SIGTERM, or the end
    /// of standard input when that is a pipe).
    #[arg(long, value_name = "S", value_parser = clap::value_parser!(u64).range(1..))]
    duration_s: Option<u64>,
    /// Name participants `<PREFIX> 0000`, `<PREFIX> 0001`, … instead of varied first and last names.
    #[arg(long, value_name = "PREFIX")]
    name_prefix: Option<String>,
}

impl CrowdArgs {
    fn options(&self) -> anyhow::Result<CrowdOptions> {
        Ok(CrowdOptions {
            target: self.target.clone(),
            alias: self.alias.clone(),
            participants: usize::try_from(self.participants)?,
            churn_per_minute: self.churn_per_minute,
            duration: self.duration_s.map(Duration::from_secs),
            names: match &self.name_prefix {
                Some(prefix) => NameStyle::Numbered {
                    prefix: prefix.clone(),
                },
                None => NameStyle::Realistic,
            },
        })
    }
}

pub async fn run(args: &CrowdArgs) -> anyhow::Result<()> {
    let options = args.options()?;
    let stop = stop_requested(watch_stdin_pipe());
    let ready_line = format!(
        "{READY_PREFIX} {} participants in {}",
        options.participants, options.alias
    );
    let summary = plugboard_bench::crowd(&options, stop, || println!("{ready_line}")).await?;
    println!("{}", summary.human());
    if summary.failures > 0 {
        anyhow::bail!("{} participant failures", summary.failures);
    }
    Ok(())
}

/// Completes on SIGINT, SIGTERM or `stdin_closed`.
async fn stop_requested(stdin_closed: Option<oneshot::Receiver<()>>) {
    let stdin_closed = async {
        match stdin_closed {
            // A dropped sender means the watcher failed to read, which ends the run as well.
            Some(closed) => {
                let _ = closed.await;
            }
            None => std::future::pending().await,
        }
    };
    let terminated = async {
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminated => {}
        () = stdin_closed => {}
    }
}

/// When stdin is a pipe or a socket — a driver process holds the other end — its end stops the crowd,
/// so a driver that dies does not leave participants behind. A terminal or `/dev/null` is ignored.
fn watch_stdin_pipe() -> Option<oneshot::Receiver<()>> {
    let stdin = std::io::stdin();
    let duplicate = stdin.as_fd().try_clone_to_owned().ok()?;
    let file_type = File::from(duplicate).metadata().ok()?.file_type();
    if !(file_type.is_fifo() || file_type.is_socket()) {
        return None;
    }
    let (closed_tx, closed_rx) = oneshot::channel();
    // A plain thread: a blocking read on the runtime's blocking pool would hold up its shutdown.
    std::thread::spawn(move || {
        read_until_end(stdin.lock());
        let _ = closed_tx.send(());
    });
    Some(closed_rx)
}

fn read_until_end(mut input: impl Read) {
    let mut discarded = [0_u8; 1024];
    loop {
        match input.read(&mut discarded) {
            Ok(0) => return,
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        crowd: CrowdArgs,
    }

    fn parse(args: &[&str]) -> Result<CrowdArgs, clap::Error> {
        Wrapper::try_parse_from(std::iter::once("crowd").chain(args.iter().copied()))
            .map(|wrapper| wrapper.crowd)
    }

    #[test]
    fn options_come_from_the_flags() {
        let args = parse(&[
            "--target",
            "http://127.0.0.1:8080",
            "--alias",
            "big",
            "--participants",
            "998",
            "--churn-per-minute",
            "120",
            "--duration-s",
            "600",
            "--name-prefix",
            "Churn",
        ])
        .unwrap();
        let options = args.options().unwrap();
        assert_eq!(options.participants, 998);
        assert_eq!(options.churn_per_minute, 120);
        assert_eq!(options.duration, Some(Duration::from_secs(600)));
        assert_eq!(options.alias, "big");
        assert_eq!(options.names.name(7), "Churn 0007");
    }

    #[test]
    fn defaults_keep_everyone_with_realistic_names() {
        let args = parse(&["--target", "http://x", "--participants", "3"]).unwrap();
        let options = args.options().unwrap();
        assert_eq!(options.churn_per_minute, 0);
        assert_eq!(options.duration, None);
        assert_eq!(options.alias, "bench");
        assert_eq!(options.names, NameStyle::Realistic);
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert!(parse(&["--target", "http://x", "--participants", "0"]).is_err());
        assert!(
            parse(&["--participants", "3"]).is_err(),
            "the target is required"
        );
        let too_fast = (MAX_CHURN_PER_MINUTE + 1).to_string();
        assert!(parse(&[
            "--target",
            "http://x",
            "--participants",
            "3",
            "--churn-per-minute",
            &too_fast
        ])
        .is_err());
    }

    #[test]
    fn reading_stops_at_the_end_of_input() {
        read_until_end(&b"some bytes the driver might write"[..]);
    }
}
