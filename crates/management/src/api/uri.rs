//! The admin API's collections and their resource URIs, as Pexip's Management Node writes them (and
//! `Location` headers carry).

use std::fmt::Display;

use uuid::Uuid;

use super::error::AdminError;

pub const BASE: &str = "/api/admin/configuration/v1";

/// A collection of objects under [`BASE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collection {
    /// As in the path, e.g. `webapp_alias`.
    pub name: &'static str,
    /// `BASE/<name>/`.
    pub path: &'static str,
}

pub const BRANDINGS: Collection = Collection {
    name: "webapp_branding",
    path: "/api/admin/configuration/v1/webapp_branding/",
};
pub const ALIASES: Collection = Collection {
    name: "webapp_alias",
    path: "/api/admin/configuration/v1/webapp_alias/",
};
pub const CONFERENCES: Collection = Collection {
    name: "conference",
    path: "/api/admin/configuration/v1/conference/",
};

impl Collection {
    /// The resource URI of the object with this id or uuid.
    pub fn uri(&self, key: impl Display) -> String {
        format!("{}{key}/", self.path)
    }

    /// 404 for the object `key`.
    pub fn missing(&self, key: impl Display) -> AdminError {
        AdminError::NotFound(format!("No {} at {}", self.name, self.uri(key)))
    }

    /// The integer id in a path segment, or 404.
    pub fn id(&self, text: &str) -> Result<i64, AdminError> {
        parse_id(text).ok_or_else(|| self.missing(text))
    }

    /// The uuid in a path segment, as it is stored, or 404.
    pub fn uuid(&self, text: &str) -> Result<String, AdminError> {
        parse_uuid(text).ok_or_else(|| self.missing(text))
    }
}

/// The uuid in a branding's resource URI (or a bare uuid), in the form it is stored in.
pub fn branding_uuid(text: &str) -> Option<String> {
    let uuid = text.strip_prefix(BRANDINGS.path).unwrap_or(text);
    let uuid = uuid.strip_suffix('/').unwrap_or(uuid);
    parse_uuid(uuid)
}

/// Lower-case and hyphenated.
fn parse_uuid(text: &str) -> Option<String> {
    Uuid::try_parse(text)
        .ok()
        .map(|uuid| uuid.hyphenated().to_string())
}

fn parse_id(text: &str) -> Option<i64> {
    text.parse().ok().filter(|id| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branding_uris_and_bare_uuids_name_a_branding() {
        let uuid = "0b5c2b0e-8d2e-4c43-9d4f-6a3f1f1b2c3d";
        assert_eq!(branding_uuid(&BRANDINGS.uri(uuid)).as_deref(), Some(uuid));
        assert_eq!(branding_uuid(&uuid.to_uppercase()).as_deref(), Some(uuid));
        assert_eq!(branding_uuid(&ALIASES.uri(1)), None);
        assert_eq!(branding_uuid(""), None);
    }

    #[test]
    fn ids_are_positive_integers() {
        assert_eq!(parse_id("12"), Some(12));
        assert_eq!(parse_id("0"), None);
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("1x"), None);
    }
}
