//! What can go wrong opening the management node or hashing a secret.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ManagementError {
    #[error("cannot create the data directory {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the database {} has schema version {found}, newer than this Plugboard knows ({known}); use a newer Plugboard", path.display())]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("[admin] {what}: {reason}")]
    InvalidHash { what: String, reason: String },
    #[error("[admin] the user name {0:?} appears more than once")]
    DuplicateUser(String),
    #[error("cannot hash the secret: {0}")]
    Hash(String),
}
