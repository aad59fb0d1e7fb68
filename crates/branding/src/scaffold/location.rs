//! Where a new plugin's menu item appears: the three menus of the package file's `menuItems`.

use std::fmt;
use std::str::FromStr;

use super::template::{template, Template};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MenuLocation {
    /// A button of the floating conference toolbar; its action gets the participants.
    #[default]
    Toolbar,
    /// An item of the conference control menu; its action gets the conference details.
    Conference,
    /// An item of each participant's menu in the roster; its action gets that participant.
    Participants,
}

/// A location name that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a menu location; use toolbar, conference or participants")]
pub struct UnknownLocation(pub String);

impl MenuLocation {
    pub const ALL: [MenuLocation; 3] = [Self::Toolbar, Self::Conference, Self::Participants];

    /// The key under `menuItems` in the package file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Toolbar => "toolbar",
            Self::Conference => "conference",
            Self::Participants => "participants",
        }
    }

    /// What the plugin is, after its name: `Hello: a toolbar button that opens a dialog`.
    pub fn summary(self) -> &'static str {
        match self {
            Self::Toolbar => "a toolbar button that opens a dialog about the participants",
            Self::Conference => "a conference menu item that opens a dialog about the conference",
            Self::Participants => {
                "an item of each participant's menu that opens a dialog about that participant"
            }
        }
    }

    /// The action function of the plugin script, which differs by what the app passes it.
    pub(super) fn action_template(self) -> Template {
        match self {
            Self::Toolbar => template!("plugin/action-toolbar.js"),
            Self::Conference => template!("plugin/action-conference.js"),
            Self::Participants => template!("plugin/action-participants.js"),
        }
    }
}

impl FromStr for MenuLocation {
    type Err = UnknownLocation;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|location| location.key() == text)
            .ok_or_else(|| UnknownLocation(text.to_owned()))
    }
}

impl fmt::Display for MenuLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_its_keys_only() {
        for location in MenuLocation::ALL {
            assert_eq!(location.key().parse(), Ok(location));
        }
        assert_eq!(
            "menu".parse::<MenuLocation>(),
            Err(UnknownLocation("menu".to_owned()))
        );
    }
}
