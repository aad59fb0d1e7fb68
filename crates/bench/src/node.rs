//! A Plugboard node started as a child process for the length of one benchmark run.

use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

use crate::error::BenchError;

const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
const READY_PREFIX: &str = "Plugboard listening on ";
const STDERR_LINES_KEPT: usize = 40;
/// Seconds; the node's default that the benchmark's refresh schedule is built for.
const TOKEN_EXPIRY_S: u64 = 120;

/// The node's config contract: one VMR without PINs, so every participant joins as host.
#[derive(Serialize)]
struct NodeConfig<'a> {
    token_expiry: u64,
    vmr: [VmrConfig<'a>; 1],
}

#[derive(Serialize)]
struct VmrConfig<'a> {
    name: &'a str,
    aliases: [&'a str; 1],
    allow_guests: bool,
}

type StderrTail = Arc<Mutex<VecDeque<String>>>;

#[derive(Debug)]
pub(crate) struct LocalNode {
    /// Killed on drop, so an early return anywhere in the benchmark does not leave the node running.
    child: Child,
    pid: Option<u32>,
    base_url: String,
    stderr_tail: StderrTail,
    /// Kept so the file outlives the node; deleted on drop.
    _config: tempfile::NamedTempFile,
}

impl LocalNode {
    /// Spawns `<exe> serve --listen 127.0.0.1:0 --config <file>` with one VMR named `alias`, and waits
    /// until the node says where it listens.
    pub async fn start(exe: &Path, alias: &str) -> Result<Self, BenchError> {
        let config = write_config(alias).map_err(BenchError::NodeConfig)?;
        let mut command = Command::new(exe);
        command
            .arg("serve")
            .args(["--listen", "127.0.0.1:0", "--config"])
            .arg(config.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        // Per-request logging would make the node measure its logger; an explicit RUST_LOG still wins.
        if std::env::var_os("RUST_LOG").is_none() {
            command.env("RUST_LOG", "warn");
        }
        let mut child = command.spawn().map_err(|source| BenchError::NodeSpawn {
            exe: exe.to_owned(),
            source,
        })?;
        let stderr_tail = StderrTail::default();
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(keep_tail(stderr, Arc::clone(&stderr_tail)));
        }
        let Some(stdout) = child.stdout.take() else {
            return Err(BenchError::NodeExited {
                status: "its stdout could not be read".into(),
                stderr_tail: String::new(),
            });
        };
        let mut stdout = BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(STARTUP_TIMEOUT, wait_for_url(&mut stdout)).await;
        let base_url = match ready {
            Ok(Some(url)) => url,
            Ok(None) => {
                let status = match child.wait().await {
                    Ok(status) => status.to_string(),
                    Err(error) => error.to_string(),
                };
                // Let the stderr reader catch up with the last lines the node wrote.
                tokio::time::sleep(Duration::from_millis(100)).await;
                return Err(BenchError::NodeExited {
                    status,
                    stderr_tail: tail_text(&stderr_tail),
                });
            }
            Err(_) => {
                return Err(BenchError::NodeStartTimeout {
                    waited: STARTUP_TIMEOUT,
                    stderr_tail: tail_text(&stderr_tail),
                })
            }
        };
        // The node may print more; a full pipe would block it.
        tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
        Ok(Self {
            pid: child.id(),
            child,
            base_url,
            stderr_tail,
            _config: config,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The node's resident set size now, from `/proc/<pid>/status`.
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid?)).ok()?;
        parse_vm_rss_kib(&status)
    }

    /// The last lines the node wrote to stderr, for error reports.
    pub fn stderr_tail(&self) -> String {
        tail_text(&self.stderr_tail)
    }

    pub async fn stop(mut self) {
        // Errors mean it already exited, which is what we want.
        let _ = self.child.kill().await;
    }
}

fn write_config(alias: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let config = NodeConfig {
        token_expiry: TOKEN_EXPIRY_S,
        vmr: [VmrConfig {
            name: alias,
            aliases: [alias],
            allow_guests: false,
        }],
    };
    let text = toml::to_string(&config).map_err(std::io::Error::other)?;
    let mut file = tempfile::Builder::new()
        .prefix("plugboard-bench-")
        .suffix(".toml")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    Ok(file)
}

/// Reads stdout lines until `Plugboard listening on <url>`; `None` when stdout closes first.
async fn wait_for_url(stdout: &mut Lines<BufReader<ChildStdout>>) -> Option<String> {
    while let Ok(Some(line)) = stdout.next_line().await {
        if let Some(url) = parse_listening_line(&line) {
            return Some(url.to_owned());
        }
    }
    None
}

pub(crate) fn parse_listening_line(line: &str) -> Option<&str> {
    let (_, rest) = line.split_once(READY_PREFIX)?;
    rest.split_whitespace().next()
}

pub(crate) fn parse_vm_rss_kib(proc_status: &str) -> Option<u64> {
    let line = proc_status
        .lines()
        .find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn keep_tail(stderr: impl AsyncRead + Unpin, tail: StderrTail) {
    let mut lines = BufReader::new(stderr).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if let Ok(mut tail) = tail.lock() {
            if tail.len() == STDERR_LINES_KEPT {
                tail.pop_front();
            }
            tail.push_back(line);
        }
    }
}

fn tail_text(tail: &StderrTail) -> String {
    tail.lock()
        .map(|lines| {
            lines
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_line_gives_the_url() {
        assert_eq!(
            parse_listening_line("Plugboard listening on http://127.0.0.1:40123"),
            Some("http://127.0.0.1:40123")
        );
        assert_eq!(
            parse_listening_line("  Plugboard listening on http://127.0.0.1:1/ (press Ctrl-C)"),
            Some("http://127.0.0.1:1/")
        );
        assert_eq!(parse_listening_line("loading config"), None);
    }

    #[test]
    fn vm_rss_is_read_from_proc_status() {
        let status = "Name:\tplugboard\nVmPeak:\t  9000 kB\nVmRSS:\t   12345 kB\nThreads:\t3\n";
        assert_eq!(parse_vm_rss_kib(status), Some(12345));
        assert_eq!(parse_vm_rss_kib("Name:\tx\n"), None);
    }

    #[test]
    fn config_matches_the_node_contract() {
        let text = toml::to_string(&NodeConfig {
            token_expiry: TOKEN_EXPIRY_S,
            vmr: [VmrConfig {
                name: "bench",
                aliases: ["bench"],
                allow_guests: false,
            }],
        })
        .unwrap();
        let parsed: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(parsed["token_expiry"].as_integer(), Some(120));
        let vmr = &parsed["vmr"][0];
        assert_eq!(vmr["name"].as_str(), Some("bench"));
        assert_eq!(vmr["aliases"][0].as_str(), Some("bench"));
        assert_eq!(vmr["allow_guests"].as_bool(), Some(false));
    }
}
