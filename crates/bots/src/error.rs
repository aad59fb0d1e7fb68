use thiserror::Error;

/// Why a crowd of simulated people could not start.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BotsError {
    #[error("no room answers to {0:?}")]
    NoSuchRoom(String),
    #[error("the share of hosts must be between 0 and 1, not {0}")]
    HostShare(f64),
}
