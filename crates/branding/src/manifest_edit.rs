//! Rewriting manifest.json for a packaging: a new `brandingID` and `isSettingsBranded: true`, changing
//! nothing else in the author's text (key order, spacing, other keys).

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged;

use crate::branding_id::BrandingId;

/// Why manifest.json cannot be rewritten (the check reports these first, so packaging never sees them).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("manifest.json is not a JSON object")]
pub struct NotAnObject;

/// `text` with `brandingID` set to `id` (as a string of digits, or a number if it was one) and
/// `isSettingsBranded` set to `true`, adding the keys that are missing.
pub fn with_branding(text: &str, id: BrandingId) -> Result<String, NotAnObject> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = crate::json::parse("manifest.json", text.as_bytes());
    let Some(Value::Object(object)) = parsed.document.map(|document| document.root) else {
        return Err(NotAnObject);
    };
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut missing = Vec::new();
    match object.get("brandingID") {
        Some(property) => {
            let value = match property.value {
                Value::NumberLit(_) => id.to_string(),
                _ => format!("\"{id}\""),
            };
            edits.push((property.value.start()..property.value.end(), value));
        }
        None => missing.push(format!("\"brandingID\": \"{id}\"")),
    }
    match object.get("isSettingsBranded") {
        Some(property) => edits.push((
            property.value.start()..property.value.end(),
            "true".to_owned(),
        )),
        None => missing.push("\"isSettingsBranded\": true".to_owned()),
    }
    if !missing.is_empty() {
        edits.push(insertion(text, &object, &missing));
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut edited = text.to_owned();
    for (range, replacement) in edits {
        edited.replace_range(range, &replacement);
    }
    Ok(edited)
}

/// Inserts `properties` right after the object's `{`, indented like its first property.
pub(crate) fn insertion(
    text: &str,
    object: &Object<'_>,
    properties: &[String],
) -> (std::ops::Range<usize>, String) {
    let after_brace = object.start() + 1;
    let inserted = match object.properties.first() {
        None => format!("\n  {}\n", properties.join(",\n  ")),
        Some(first) => {
            // The spacing between `{` and the first key, repeated before each new key.
            let between = text.get(after_brace..first.start()).unwrap_or_default();
            if between.is_empty() || !between.trim().is_empty() {
                properties
                    .iter()
                    .map(|property| format!("{property}, "))
                    .collect()
            } else {
                properties
                    .iter()
                    .map(|property| format!("{between}{property},"))
                    .collect()
            }
        }
    };
    (after_brace..after_brace, inserted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: BrandingId = BrandingId::new(1_700_000_000_000);

    #[test]
    fn replaces_values_in_place_and_keeps_everything_else() -> Result<(), NotAnObject> {
        let text = "{\n  \"brandingID\": \"1521829718679\",\n  \"isSettingsBranded\": false,\n  \"isStylesBranded\": false\n}\n";
        assert_eq!(
            with_branding(text, ID)?,
            "{\n  \"brandingID\": \"1700000000000\",\n  \"isSettingsBranded\": true,\n  \"isStylesBranded\": false\n}\n"
        );
        assert_eq!(
            with_branding("{\"brandingID\": 5}", ID)?,
            "{\"isSettingsBranded\": true, \"brandingID\": 1700000000000}"
        );
        Ok(())
    }

    #[test]
    fn adds_missing_keys_with_the_file_indentation() -> Result<(), NotAnObject> {
        assert_eq!(
            with_branding("{\n    \"isStylesBranded\": false\n}", ID)?,
            "{\n    \"brandingID\": \"1700000000000\",\n    \"isSettingsBranded\": true,\n    \"isStylesBranded\": false\n}"
        );
        assert_eq!(
            with_branding("{}", ID)?,
            "{\n  \"brandingID\": \"1700000000000\",\n  \"isSettingsBranded\": true\n}"
        );
        assert_eq!(with_branding("[]", ID), Err(NotAnObject));
        Ok(())
    }
}
