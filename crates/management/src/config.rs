//! Who may use the admin API: the `[admin]` table of the node's configuration file.

use serde::Deserialize;

/// `[[admin.users]]` sign in with HTTP Basic, `[[admin.tokens]]` with `Authorization: Token …` (or
/// `Bearer …`). With neither, the admin API refuses every request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminConfig {
    #[serde(default)]
    pub users: Vec<AdminUser>,
    #[serde(default)]
    pub tokens: Vec<ApiToken>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminUser {
    pub name: String,
    /// An argon2 PHC string, as `plugboard admin hash-password` prints it.
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiToken {
    /// What the token is for (shown nowhere but the configuration file and logs).
    pub name: String,
    /// An argon2 PHC string of the token.
    pub token_hash: String,
}

impl AdminConfig {
    /// Whether anyone at all can sign in.
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.tokens.is_empty()
    }
}
