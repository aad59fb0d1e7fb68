//! The node's configuration file (TOML): rooms, token lifetimes, dial-out answer rules.

use std::path::Path;

use plugboard_conference::{DialRule, Settings, VmrConfig, VmrServiceType};
use plugboard_management::AdminConfig;
use serde::Deserialize;
use thiserror::Error;

use crate::csp::{ContentSecurityPolicy, CspConfig, CspError};

/// Everything `--config` can set.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeConfig {
    pub rooms: Vec<VmrConfig>,
    pub settings: Settings,
    /// The pages' policy, built (and so validated) from the `[csp]` table.
    pub csp: ContentSecurityPolicy,
    /// Who may use the admin API (`[[admin.users]]`, `[[admin.tokens]]`).
    pub admin: AdminConfig,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parse {
        path: String,
        source: toml::de::Error,
    },
    #[error("{path}: {source}")]
    Room {
        path: String,
        source: plugboard_conference::ConfigError,
    },
    #[error("{path}: {source}")]
    Csp { path: String, source: CspError },
    #[error("{path}: token_expiry must be at least {MIN_TOKEN_EXPIRY_SECS} seconds (clients refresh at a third of it)")]
    TokenExpiryTooShort { path: String },
}

const MIN_TOKEN_EXPIRY_SECS: u64 = 3;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    token_expiry: Option<u64>,
    waiting_room_timeout: Option<u64>,
    #[serde(default)]
    vmr: Vec<RoomEntry>,
    #[serde(default)]
    dial_rule: Vec<DialRuleEntry>,
    #[serde(default)]
    csp: CspConfig,
    #[serde(default)]
    admin: AdminConfig,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    pin: Option<String>,
    guest_pin: Option<String>,
    #[serde(default)]
    allow_guests: bool,
    #[serde(default)]
    service_type: ServiceTypeEntry,
    participant_limit: Option<usize>,
    #[serde(default)]
    locked: bool,
    #[serde(default)]
    guests_muted: bool,
    #[serde(default = "enabled")]
    chat_enabled: bool,
}

fn enabled() -> bool {
    true
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "snake_case")]
enum ServiceTypeEntry {
    #[default]
    Conference,
    Lecture,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DialRuleEntry {
    #[serde(rename = "match")]
    pattern: String,
    answer: bool,
    #[serde(default)]
    after_ms: u64,
}

impl NodeConfig {
    /// The rooms a node has without `--config`: `meet`, where everyone joins as host without a PIN, and
    /// `secure`, with host PIN 1234 and guest PIN 5678.
    pub fn demo() -> Self {
        let secure = VmrConfig {
            pin: Some("1234".to_owned()),
            guest_pin: Some("5678".to_owned()),
            allow_guests: true,
            ..VmrConfig::open("secure")
        };
        NodeConfig {
            rooms: vec![VmrConfig::open("meet"), secure],
            settings: Settings::default(),
            csp: ContentSecurityPolicy::default(),
            admin: AdminConfig::default(),
        }
    }

    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::parse(&text, &shown)
    }

    /// Parse the text of a configuration file; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Self, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|source| ConfigError::Parse {
            path: path.to_owned(),
            source,
        })?;
        // A file that only sets, say, `[csp]` or `[[admin.users]]` keeps the demo rooms.
        let rooms: Vec<VmrConfig> = if file.vmr.is_empty() {
            NodeConfig::demo().rooms
        } else {
            file.vmr.into_iter().map(RoomEntry::into_config).collect()
        };
        for room in &rooms {
            room.validate().map_err(|source| ConfigError::Room {
                path: path.to_owned(),
                source,
            })?;
        }
        let defaults = Settings::default();
        let token_expiry_secs = file.token_expiry.unwrap_or(defaults.token_expiry_secs);
        if token_expiry_secs < MIN_TOKEN_EXPIRY_SECS {
            return Err(ConfigError::TokenExpiryTooShort {
                path: path.to_owned(),
            });
        }
        let mut dial_rules: Vec<DialRule> = file
            .dial_rule
            .into_iter()
            .map(DialRuleEntry::into_rule)
            .collect();
        dial_rules.extend(defaults.dial_rules);
        let csp =
            ContentSecurityPolicy::from_config(&file.csp).map_err(|source| ConfigError::Csp {
                path: path.to_owned(),
                source,
            })?;
        Ok(NodeConfig {
            rooms,
            settings: Settings {
                token_expiry_secs,
                waiting_room_timeout_secs: file
                    .waiting_room_timeout
                    .unwrap_or(defaults.waiting_room_timeout_secs),
                dial_rules,
            },
            csp,
            admin: file.admin,
        })
    }
}

impl RoomEntry {
    fn into_config(self) -> VmrConfig {
        VmrConfig {
            aliases: self.aliases,
            pin: self.pin,
            guest_pin: self.guest_pin,
            allow_guests: self.allow_guests,
            service_type: match self.service_type {
                ServiceTypeEntry::Conference => VmrServiceType::Conference,
                ServiceTypeEntry::Lecture => VmrServiceType::Lecture,
            },
            participant_limit: self.participant_limit,
            locked: self.locked,
            guests_muted: self.guests_muted,
            chat_enabled: self.chat_enabled,
            name: self.name,
        }
    }
}

impl DialRuleEntry {
    fn into_rule(self) -> DialRule {
        DialRule {
            pattern: self.pattern,
            answer: self.answer,
            after_ms: self.after_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_is_read() {
        let config = NodeConfig::parse(
            r#"
            token_expiry = 60
            [[vmr]]
            name = "board"
            aliases = ["board@example.com"]
            pin = "1111"
            guest_pin = "2222"
            allow_guests = true
            service_type = "lecture"
            participant_limit = 5
            locked = true
            guests_muted = true
            chat_enabled = false
            [[dial_rule]]
            match = "slow"
            answer = true
            after_ms = 3000
            "#,
            "test.toml",
        )
        .unwrap();
        let room = &config.rooms[0];
        assert_eq!(room.service_type, VmrServiceType::Lecture);
        assert_eq!(room.participant_limit, Some(5));
        assert!(room.locked && room.guests_muted && !room.chat_enabled);
        assert_eq!(config.settings.token_expiry_secs, 60);
        assert_eq!(config.settings.dial_rules[0].pattern, "slow");
        assert_eq!(config.settings.dial_rules.len(), 4);
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let error =
            NodeConfig::parse("[[vmr]]\nname = \"x\"\npin = 1234\n", "rooms.toml").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("rooms.toml:"), "{text}");
        assert!(text.contains("line 3"), "{text}");

        let error =
            NodeConfig::parse("[[vmr]]\nname = \"x\"\nguest_pin = \"1\"\n", "r.toml").unwrap_err();
        assert!(error.to_string().contains("allow_guests"), "{error}");

        let error =
            NodeConfig::parse("token_expiry = 1\n[[vmr]]\nname = \"x\"\n", "r.toml").unwrap_err();
        assert!(error.to_string().contains("token_expiry"), "{error}");

        let demo_rooms = NodeConfig::parse("token_expiry = 5\n", "r.toml").unwrap();
        assert_eq!(demo_rooms.rooms, NodeConfig::demo().rooms);

        let error =
            NodeConfig::parse("[[vmr]]\nname = \"x\"\ncolour = \"red\"\n", "r.toml").unwrap_err();
        assert!(error.to_string().contains("colour"), "{error}");
    }
}
