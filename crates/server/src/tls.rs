//! HTTPS: a self-signed development certificate kept in the data directory, or real files.

use std::path::{Path, PathBuf};

use axum_server::tls_rustls::RustlsConfig;
use thiserror::Error;

/// How the node speaks HTTPS, if at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsMode {
    Off,
    /// A certificate for `localhost` created on first use in `data_dir` and reused afterwards.
    SelfSigned {
        data_dir: PathBuf,
    },
    Files {
        cert: PathBuf,
        key: PathBuf,
    },
}

#[derive(Debug, Error)]
pub enum TlsError {
    #[error("cannot create the development certificate: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot use the certificate {cert} with the key {key}: {source}")]
    Load {
        cert: String,
        key: String,
        source: std::io::Error,
    },
}

const CERT_FILE: &str = "dev-cert.pem";
const KEY_FILE: &str = "dev-key.pem";

impl TlsMode {
    /// The rustls configuration to serve with, or `None` for plain HTTP.
    pub async fn rustls_config(&self) -> Result<Option<RustlsConfig>, TlsError> {
        // Both rustls providers may be compiled in through dependencies; this node uses ring.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let (cert, key) = match self {
            TlsMode::Off => return Ok(None),
            TlsMode::SelfSigned { data_dir } => development_certificate(data_dir)?,
            TlsMode::Files { cert, key } => (cert.clone(), key.clone()),
        };
        let config = RustlsConfig::from_pem_file(&cert, &key)
            .await
            .map_err(|source| TlsError::Load {
                cert: cert.display().to_string(),
                key: key.display().to_string(),
                source,
            })?;
        Ok(Some(config))
    }
}

/// The certificate and key files in `data_dir`, created if they do not exist yet.
fn development_certificate(data_dir: &Path) -> Result<(PathBuf, PathBuf), TlsError> {
    let cert_path = data_dir.join(CERT_FILE);
    let key_path = data_dir.join(KEY_FILE);
    if cert_path.is_file() && key_path.is_file() {
        return Ok((cert_path, key_path));
    }
    let names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    let certified = rcgen::generate_simple_self_signed(names)?;
    let write = |path: &Path, contents: String| {
        std::fs::create_dir_all(data_dir)
            .and_then(|()| std::fs::write(path, contents))
            .map_err(|source| TlsError::Write {
                path: path.display().to_string(),
                source,
            })
    };
    write(&key_path, certified.signing_key.serialize_pem())?;
    write(&cert_path, certified.cert.pem())?;
    Ok((cert_path, key_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_development_certificate_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let mode = TlsMode::SelfSigned {
            data_dir: dir.path().join("data"),
        };
        assert!(mode.rustls_config().await.unwrap().is_some());
        let cert = std::fs::read(dir.path().join("data").join(CERT_FILE)).unwrap();
        assert!(mode.rustls_config().await.unwrap().is_some());
        assert_eq!(
            std::fs::read(dir.path().join("data").join(CERT_FILE)).unwrap(),
            cert
        );
    }

    #[tokio::test]
    async fn missing_files_are_a_clear_error() {
        let mode = TlsMode::Files {
            cert: "/nonexistent/cert.pem".into(),
            key: "/nonexistent/key.pem".into(),
        };
        let error = mode.rustls_config().await.unwrap_err().to_string();
        assert!(error.contains("/nonexistent/cert.pem"), "{error}");
    }
}
