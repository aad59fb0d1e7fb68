//! Who may use the admin API: HTTP Basic against `[[admin.users]]`, `Token`/`Bearer` against
//! `[[admin.tokens]]`, each checked against an argon2 hash.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::config::AdminConfig;
use crate::error::ManagementError;
use crate::secret::{check_phc, verify_secret};

/// How long a verified `Authorization` header is trusted without verifying it again, so that the several
/// requests of one deploy pay for argon2 once.
const TRUSTED_FOR: Duration = Duration::from_secs(120);
const TRUSTED_HEADERS: usize = 256;
/// Checked against for unknown user names, so that they take as long as known ones (default cost, any
/// salt: it never matches).
const UNKNOWN_USER_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// Why a request is not let in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("The admin API is disabled: no admin users or tokens are configured. Add an [[admin.users]] entry (name, and a password_hash printed by `plugboard admin hash-password`) to the node's configuration file and restart it.")]
    NotConfigured,
    #[error(
        "Authentication required: HTTP Basic with an admin user, or `Authorization: Token <token>`"
    )]
    Missing,
    #[error("Malformed Authorization header: {0}")]
    Malformed(&'static str),
    #[error("Invalid credentials")]
    Invalid,
}

enum Credentials {
    Basic { name: String, password: String },
    Token(String),
}

pub struct Authenticator {
    config: Arc<AdminConfig>,
    /// SHA-256 of verified header values, with when they were verified.
    trusted: Mutex<HashMap<[u8; 32], Instant>>,
    /// Argon2 takes memory and CPU on purpose; a flood of guesses waits here instead of exhausting both.
    verifying: Semaphore,
}

impl Authenticator {
    /// Refuses hashes argon2 cannot verify and user names given twice.
    pub fn new(config: AdminConfig) -> Result<Self, ManagementError> {
        let mut names = std::collections::HashSet::new();
        for user in &config.users {
            if !names.insert(user.name.as_str()) {
                return Err(ManagementError::DuplicateUser(user.name.clone()));
            }
            check_phc(&user.password_hash).map_err(|reason| ManagementError::InvalidHash {
                what: format!("user {:?}: password_hash", user.name),
                reason,
            })?;
        }
        for token in &config.tokens {
            check_phc(&token.token_hash).map_err(|reason| ManagementError::InvalidHash {
                what: format!("token {:?}: token_hash", token.name),
                reason,
            })?;
        }
        let parallel = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        Ok(Self {
            config: Arc::new(config),
            trusted: Mutex::new(HashMap::new()),
            verifying: Semaphore::new(parallel),
        })
    }

    /// Lets the request with this `Authorization` header value in, or says why not.
    pub async fn check(&self, authorization: Option<&[u8]>) -> Result<(), Denied> {
        if self.config.is_empty() {
            return Err(Denied::NotConfigured);
        }
        let header = authorization.ok_or(Denied::Missing)?;
        let key: [u8; 32] = Sha256::digest(header).into();
        if self.is_trusted(&key) {
            return Ok(());
        }
        let credentials = parse(header)?;
        let config = Arc::clone(&self.config);
        let _permit = self
            .verifying
            .acquire()
            .await
            .map_err(|_| Denied::Invalid)?;
        let verified = tokio::task::spawn_blocking(move || verify(&config, &credentials))
            .await
            .unwrap_or(false);
        if !verified {
            return Err(Denied::Invalid);
        }
        self.trust(key);
        Ok(())
    }

    fn is_trusted(&self, key: &[u8; 32]) -> bool {
        let trusted = self.trusted.lock().unwrap_or_else(PoisonError::into_inner);
        trusted
            .get(key)
            .is_some_and(|verified| verified.elapsed() < TRUSTED_FOR)
    }

    fn trust(&self, key: [u8; 32]) {
        let mut trusted = self.trusted.lock().unwrap_or_else(PoisonError::into_inner);
        if trusted.len() >= TRUSTED_HEADERS {
            trusted.retain(|_, verified| verified.elapsed() < TRUSTED_FOR);
            if trusted.len() >= TRUSTED_HEADERS {
                trusted.clear();
            }
        }
        trusted.insert(key, Instant::now());
    }
}

fn parse(header: &[u8]) -> Result<Credentials, Denied> {
    let header = std::str::from_utf8(header).map_err(|_| Denied::Malformed("not UTF-8"))?;
    let (scheme, value) = header.trim().split_once(' ').ok_or(Denied::Malformed(
        "expected `Basic …`, `Token …` or `Bearer …`",
    ))?;
    let value = value.trim();
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(value)
            .map_err(|_| Denied::Malformed("Basic credentials are not base64"))?;
        let decoded = String::from_utf8(decoded)
            .map_err(|_| Denied::Malformed("Basic credentials are not UTF-8"))?;
        let (name, password) = decoded
            .split_once(':')
            .ok_or(Denied::Malformed("Basic credentials have no `:`"))?;
        Ok(Credentials::Basic {
            name: name.to_owned(),
            password: password.to_owned(),
        })
    } else if scheme.eq_ignore_ascii_case("token") || scheme.eq_ignore_ascii_case("bearer") {
        Ok(Credentials::Token(value.to_owned()))
    } else {
        Err(Denied::Malformed(
            "expected `Basic …`, `Token …` or `Bearer …`",
        ))
    }
}

fn verify(config: &AdminConfig, credentials: &Credentials) -> bool {
    match credentials {
        Credentials::Basic { name, password } => {
            let hash = config
                .users
                .iter()
                .find(|user| user.name == *name)
                .map_or(UNKNOWN_USER_HASH, |user| user.password_hash.as_str());
            verify_secret(password, hash) && hash != UNKNOWN_USER_HASH
        }
        Credentials::Token(token) => config
            .tokens
            .iter()
            .any(|known| verify_secret(token, &known.token_hash)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unknown_user_hash_is_a_valid_phc_string() {
        assert_eq!(check_phc(UNKNOWN_USER_HASH), Ok(()));
        assert!(!verify_secret("", UNKNOWN_USER_HASH));
    }

    #[test]
    fn headers_are_parsed_by_scheme() {
        let basic = base64::engine::general_purpose::STANDARD.encode("admin:pa:ss");
        match parse(format!("basic {basic}").as_bytes()) {
            Ok(Credentials::Basic { name, password }) => {
                assert_eq!((name.as_str(), password.as_str()), ("admin", "pa:ss"));
            }
            _ => panic!("Basic credentials"),
        }
        assert!(matches!(parse(b"Bearer abc"), Ok(Credentials::Token(t)) if t == "abc"));
        assert!(matches!(parse(b"Token  abc "), Ok(Credentials::Token(t)) if t == "abc"));
        assert!(matches!(parse(b"Digest x"), Err(Denied::Malformed(_))));
        assert!(matches!(parse(b"Basic !!!"), Err(Denied::Malformed(_))));
        assert!(matches!(parse(b"Basic"), Err(Denied::Malformed(_))));
    }
}
