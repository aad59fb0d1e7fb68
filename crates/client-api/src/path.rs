//! The part of a client API path after `/conferences/`.
//!
//! Split by hand rather than by the router because plugins send paths with doubled slashes
//! (`…/meet//participants/<uuid>/buzz`), which a router treats as a different path.

use percent_encoding::percent_decode_str;
use uuid::Uuid;

use crate::envelope::ApiError;

/// `<alias>/<request…>`, with empty segments dropped.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ConferencePath<'a> {
    pub alias: String,
    pub request: Vec<&'a str>,
}

impl<'a> ConferencePath<'a> {
    pub fn parse(rest: &'a str) -> Result<Self, ApiError> {
        let mut segments = rest.split('/').filter(|s| !s.is_empty());
        let raw_alias = segments
            .next()
            .ok_or_else(|| ApiError::UnknownRequest(rest.to_owned()))?;
        let alias = percent_decode_str(raw_alias)
            .decode_utf8()
            .map_err(|_| ApiError::bad_request("The conference alias is not valid UTF-8"))?
            .into_owned();
        Ok(ConferencePath {
            alias,
            request: segments.collect(),
        })
    }
}

pub(crate) fn participant_uuid(segment: &str) -> Result<Uuid, ApiError> {
    // A uuid that cannot be one of ours names no participant: 404, as for an unknown one.
    Uuid::parse_str(segment)
        .map_err(|_| ApiError::Engine(plugboard_conference::Error::ParticipantNotFound))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_slashes_are_collapsed() {
        let path = ConferencePath::parse("meet//participants/abc//buzz").unwrap();
        assert_eq!(path.alias, "meet");
        assert_eq!(path.request, ["participants", "abc", "buzz"]);
    }

    #[test]
    fn the_alias_is_percent_decoded() {
        let path = ConferencePath::parse("meet%40example.com/participants").unwrap();
        assert_eq!(path.alias, "meet@example.com");
    }
}
