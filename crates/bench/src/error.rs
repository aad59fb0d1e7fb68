use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything that can stop a benchmark run. Messages name the participant or round involved so that a
/// failure against a node under test says what the node did.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("invalid options: {0}")]
    InvalidOptions(String),

    #[error(
        "target {0:?} is not a plain http:// base URL (the benchmark speaks HTTP/1.1 without TLS)"
    )]
    UnsupportedTarget(String),

    #[error("could not write the node's config file: {0}")]
    NodeConfig(#[source] std::io::Error),

    #[error("could not start {exe}: {source}")]
    NodeSpawn {
        exe: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the node did not print `Plugboard listening on <url>` within {waited:?}; its stderr ended with:\n{stderr_tail}")]
    NodeStartTimeout {
        waited: Duration,
        stderr_tail: String,
    },

    #[error(
        "the node exited before it was ready ({status}); its stderr ended with:\n{stderr_tail}"
    )]
    NodeExited { status: String, stderr_tail: String },

    #[error("{what}: {source}")]
    Http {
        what: String,
        #[source]
        source: reqwest::Error,
    },

    #[error("could not resolve {target}: {detail}")]
    Resolve { target: String, detail: String },

    #[error("could not connect to {addr}: {source}")]
    Connect {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },

    #[error("{what}: {source}")]
    EventStream {
        what: String,
        #[source]
        source: hyper::Error,
    },

    #[error("{what}: HTTP {status}: {body}")]
    UnexpectedStatus {
        what: String,
        status: u16,
        body: String,
    },

    #[error("{what}: unexpected response: {detail}")]
    BadResponse { what: String, detail: String },

    #[error("participant {participant} did not receive participant_sync_end within {waited:?}")]
    JoinTimeout {
        participant: usize,
        waited: Duration,
    },

    #[error("the event stream of participant {participant} ended: {reason}")]
    StreamLost { participant: usize, reason: String },

    #[error(
        "fan-out round {round}: only {received} of {expected} streams saw the participant_update within {waited:?}"
    )]
    RoundTimeout {
        round: u64,
        received: usize,
        expected: usize,
        waited: Duration,
    },
}
