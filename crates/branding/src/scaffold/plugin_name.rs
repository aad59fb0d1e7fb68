//! The name given to `plugboard new plugin`: the plugin's id, its folder and the stem of its files.

use std::fmt;
use std::str::FromStr;

/// Longer names make unwieldy file names and menu labels.
pub const MAX_LENGTH: usize = 64;

/// A valid plugin name: lowercase ASCII letters, digits and single hyphens between them, starting with a
/// letter, e.g. `hello` or `raise-hand-2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PluginName(String);

/// Why a name is not a plugin name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not a plugin name: {reason}; use lowercase letters, digits and hyphens, starting with a letter (e.g. `hello` or `raise-hand`)")]
pub struct InvalidPluginName {
    pub name: String,
    pub reason: String,
}

impl PluginName {
    pub fn parse(text: &str) -> Result<Self, InvalidPluginName> {
        let invalid = |reason: String| InvalidPluginName {
            name: text.to_owned(),
            reason,
        };
        if text.is_empty() {
            return Err(invalid("it is empty".to_owned()));
        }
        if text.len() > MAX_LENGTH {
            return Err(invalid(format!(
                "it is longer than {MAX_LENGTH} characters"
            )));
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            let reason = if bad.is_uppercase() {
                format!("`{bad}` is uppercase")
            } else {
                format!("`{}` is not allowed", bad.escape_default())
            };
            return Err(invalid(reason));
        }
        if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(invalid("it does not start with a letter".to_owned()));
        }
        if text.ends_with('-') || text.contains("--") {
            return Err(invalid(
                "hyphens go between letters or digits, one at a time".to_owned(),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as people read it: `raise-hand` → `Raise Hand`.
    pub fn title(&self) -> String {
        self.words().collect::<Vec<_>>().join(" ")
    }

    /// The name of the action function: `raise-hand` → `openRaiseHand`.
    pub fn action(&self) -> String {
        let mut action = String::from("open");
        action.extend(self.words());
        action
    }

    /// The hyphen-separated parts, each with its first letter in uppercase.
    fn words(&self) -> impl Iterator<Item = String> + '_ {
        self.0.split('-').map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
    }
}

impl FromStr for PluginName {
    type Err = InvalidPluginName;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for PluginName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lowercase_words_and_digits() -> Result<(), InvalidPluginName> {
        let name = PluginName::parse("raise-hand-2")?;
        assert_eq!(name.as_str(), "raise-hand-2");
        assert_eq!(name.title(), "Raise Hand 2");
        assert_eq!(name.action(), "openRaiseHand2");
        assert_eq!(PluginName::parse("hello")?.action(), "openHello");
        Ok(())
    }

    #[test]
    fn refuses_everything_else_and_says_why() {
        let reason = |text: &str| PluginName::parse(text).map_err(|error| error.reason);
        assert_eq!(reason(""), Err("it is empty".to_owned()));
        assert_eq!(reason("Hello"), Err("`H` is uppercase".to_owned()));
        assert_eq!(reason("a_b"), Err("`_` is not allowed".to_owned()));
        assert_eq!(reason("a/b"), Err("`/` is not allowed".to_owned()));
        assert_eq!(reason("a b"), Err("` ` is not allowed".to_owned()));
        assert_eq!(reason("é"), Err("`\\u{e9}` is not allowed".to_owned()));
        assert_eq!(
            reason("2x"),
            Err("it does not start with a letter".to_owned())
        );
        assert_eq!(
            reason("-x"),
            Err("it does not start with a letter".to_owned())
        );
        assert!(reason("a--b").is_err());
        assert!(reason("a-").is_err());
        assert!(reason(&"a".repeat(MAX_LENGTH + 1)).is_err());
        assert!(reason(&"a".repeat(MAX_LENGTH)).is_ok());
        let message = PluginName::parse("My Plugin")
            .map(|_| String::new())
            .unwrap_or_else(|error| error.to_string());
        assert!(message.starts_with("`My Plugin` is not a plugin name: `M` is uppercase;"));
    }
}
