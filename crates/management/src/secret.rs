//! Argon2id hashes of passwords and API tokens, as PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

use crate::error::ManagementError;

/// The argon2id PHC string of `secret`, with a random salt and the crate's default cost.
pub fn hash_secret(secret: &str) -> Result<String, ManagementError> {
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| ManagementError::Hash(error.to_string()))
}

/// Whether `hash` is a PHC string argon2 can verify against; the reason when it is not.
pub(crate) fn check_phc(hash: &str) -> Result<(), String> {
    let parsed = PasswordHash::new(hash).map_err(|error| error.to_string())?;
    let algorithm = parsed.algorithm.as_str();
    if matches!(algorithm, "argon2id" | "argon2i" | "argon2d") {
        Ok(())
    } else {
        Err(format!("the algorithm is {algorithm}, not argon2"))
    }
}

/// Whether `secret` matches `hash`. Slow on purpose: call it off the async threads.
pub(crate) fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_secret_only() {
        let hash = hash_secret("correct horse").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(check_phc(&hash).is_ok());
        assert!(verify_secret("correct horse", &hash));
        assert!(!verify_secret("correct horse!", &hash));
        assert_ne!(hash_secret("correct horse").unwrap_or_default(), hash);
    }

    #[test]
    fn only_argon2_phc_strings_are_accepted() {
        assert!(check_phc("hunter2").is_err());
        assert!(check_phc("$2b$12$abcdefghijklmnopqrstuv").is_err());
        assert!(!verify_secret("x", "not a hash"));
    }
}
