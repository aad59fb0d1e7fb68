//! The `brandingID` of manifest.json: a number that must change with every upload.

use std::fmt;

/// A `brandingID`, written as a number or as a string of digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BrandingId(u128);

impl BrandingId {
    pub const fn new(value: u128) -> Self {
        Self(value)
    }

    /// The id of a manifest's `brandingID` value, if it is numeric.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::Number(number) => number.as_u64().map(|n| Self(u128::from(n))),
            serde_json::Value::String(text) => Self::parse(text),
            _ => None,
        }
    }

    /// Parses a string of decimal digits.
    pub fn parse(text: &str) -> Option<Self> {
        if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        text.parse().ok().map(Self)
    }

    /// The id for a new packaging: the current time in milliseconds, but always greater than every id in
    /// `not_before` (the last one packaged, the one in the sources).
    pub fn next(now_millis: u128, not_before: impl IntoIterator<Item = BrandingId>) -> Self {
        let floor = not_before
            .into_iter()
            .map(|id| id.0.saturating_add(1))
            .max()
            .unwrap_or(0);
        Self(now_millis.max(floor))
    }

    /// The current Unix time in milliseconds.
    pub fn now_millis() -> u128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_millis())
    }
}

impl fmt::Display for BrandingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_and_digit_strings_are_ids() {
        assert_eq!(
            BrandingId::from_json(&json!("1521829718679")),
            Some(BrandingId(1_521_829_718_679))
        );
        assert_eq!(
            BrandingId::from_json(&json!(10_000_000)),
            Some(BrandingId(10_000_000))
        );
        assert_eq!(BrandingId::from_json(&json!("007")), Some(BrandingId(7)));
        assert_eq!(BrandingId::from_json(&json!("v2")), None);
        assert_eq!(BrandingId::from_json(&json!("")), None);
        assert_eq!(BrandingId::from_json(&json!(1.5)), None);
    }

    #[test]
    fn the_next_id_is_the_time_unless_an_earlier_id_is_later() {
        assert_eq!(BrandingId::next(1000, [BrandingId(5)]), BrandingId(1000));
        assert_eq!(BrandingId::next(1000, [BrandingId(1000)]), BrandingId(1001));
        assert_eq!(
            BrandingId::next(1000, [BrandingId(3), BrandingId(4000)]),
            BrandingId(4001)
        );
        assert_eq!(BrandingId::next(1000, []), BrandingId(1000));
    }
}
