//! Adding a plugin to settings.json: its entry is appended to `plugins`, changing nothing else in the
//! author's text (key order, spacing, comments, other keys). The entry itself is written by serde_json.

use jsonc_parser::ast::{Array, Value};
use jsonc_parser::common::Ranged;
use serde::Serialize;

use crate::manifest_edit;

/// An entry of `plugins` in settings.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PluginEntry {
    pub id: String,
    /// The plugin package file, relative to `webapp2/`.
    #[serde(rename = "srcURL")]
    pub src_url: String,
    pub enabled: bool,
}

/// Why the entry cannot be added; messages follow the file's name (`settings.json is not a JSON object`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsEditError {
    #[error("cannot be read as JSON ({0}); fix it first (`plugboard check` shows where)")]
    Unparsable(String),
    #[error("is not a JSON object")]
    NotAnObject,
    #[error("has a `plugins` that is not an array")]
    PluginsNotArray,
    #[error("already lists a plugin with the id `{0}`")]
    AlreadyRegistered(String),
}

/// The text of a new settings.json that lists only `entry`.
pub fn new_settings(entries: &[PluginEntry]) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Settings<'a> {
        plugins: &'a [PluginEntry],
    }
    let mut text = serde_json::to_string_pretty(&Settings { plugins: entries })?;
    text.push('\n');
    Ok(text)
}

/// `text` (a settings.json) with `entry` appended to its `plugins` array (created if missing).
pub fn with_plugin(text: &str, entry: &PluginEntry) -> Result<String, SettingsEditError> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    };
    let parsed = crate::json::parse("settings.json", body.as_bytes());
    let Some(document) = parsed.document else {
        let reason = parsed.findings.first().map_or_else(
            || "no JSON value".to_owned(),
            |finding| format!("line {}: {}", finding.line, finding.message),
        );
        return Err(SettingsEditError::Unparsable(reason));
    };
    let Value::Object(object) = &document.root else {
        return Err(SettingsEditError::NotAnObject);
    };
    let (range, replacement) = match object.get("plugins") {
        None => {
            let property = format!("\"plugins\": [{}]", compact(entry));
            manifest_edit::insertion(body, object, &[property])
        }
        Some(property) => {
            let Value::Array(array) = &property.value else {
                return Err(SettingsEditError::PluginsNotArray);
            };
            if lists_id(array, &entry.id) {
                return Err(SettingsEditError::AlreadyRegistered(entry.id.clone()));
            }
            let layout = if starts_line(body, property.start()) {
                Layout::Lines {
                    unit: line_indent(body, property.start()),
                }
            } else {
                Layout::Inline
            };
            appended(body, array, layout, entry)
        }
    };
    let mut edited = String::with_capacity(text.len() + replacement.len());
    edited.push_str(bom);
    edited.push_str(&body[..range.start]);
    edited.push_str(&replacement);
    edited.push_str(&body[range.end..]);
    Ok(edited)
}

/// Whether an object of `array` has `id`.
fn lists_id(array: &Array<'_>, id: &str) -> bool {
    array.elements.iter().any(|element| match element {
        Value::Object(object) => matches!(
            object.get("id").map(|property| &property.value),
            Some(Value::StringLit(listed)) if listed.value == id
        ),
        _ => false,
    })
}

/// How the file lays out `plugins`: on one line, or a line per value, indented by `unit` per level.
#[derive(Clone, Copy)]
enum Layout<'a> {
    Inline,
    Lines { unit: &'a str },
}

/// One level of indentation where the file shows none.
const DEFAULT_UNIT: &str = "  ";

/// The edit that appends `entry` to `array`, laid out like the entries before it (or, for an empty
/// array, like the file).
fn appended(
    text: &str,
    array: &Array<'_>,
    layout: Layout<'_>,
    entry: &PluginEntry,
) -> (std::ops::Range<usize>, String) {
    let unit = match layout {
        Layout::Lines { unit } if !unit.is_empty() => unit,
        _ => DEFAULT_UNIT,
    };
    match array.elements.last() {
        Some(last) if starts_line(text, last.start()) => {
            let indent = line_indent(text, last.start());
            let element = pretty(entry, indent, unit);
            (last.end()..last.end(), format!(",\n{indent}{element}"))
        }
        Some(last) => (last.end()..last.end(), format!(", {}", compact(entry))),
        None if matches!(layout, Layout::Inline) => {
            let at = array.start() + 1;
            (at..at, compact(entry))
        }
        None => {
            let inside = array.start() + 1..array.end().saturating_sub(1);
            let only_space = text
                .get(inside.clone())
                .is_some_and(|s| s.trim().is_empty());
            let outer = line_indent(text, array.start());
            let inner = format!("{outer}{unit}");
            let element = format!("\n{inner}{}", pretty(entry, &inner, unit));
            if only_space {
                (inside, format!("{element}\n{outer}"))
            } else {
                // Keep comments inside the empty array: put the entry before them.
                (inside.start..inside.start, format!("{element},"))
            }
        }
    }
}

// Serializing strings and a boolean cannot fail.
fn compact(entry: &PluginEntry) -> String {
    serde_json::to_string(entry).unwrap_or_default()
}

/// `entry` on several lines indented by `unit`, each line after the first starting with `indent`.
fn pretty(entry: &PluginEntry, indent: &str, unit: &str) -> String {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    if entry.serialize(&mut serializer).is_err() {
        return compact(entry);
    }
    String::from_utf8_lossy(&bytes).replace('\n', &format!("\n{indent}"))
}

/// The whitespace that starts the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> &str {
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    let line = &text[line_start..];
    let end = line
        .find(|c: char| c != ' ' && c != '\t')
        .unwrap_or(line.len());
    &line[..end]
}

/// Whether only whitespace stands between the start of its line and `offset`.
fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    text[line_start..offset].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> PluginEntry {
        PluginEntry {
            id: id.to_owned(),
            src_url: format!("plugins/{id}/{id}.plugin.package.json"),
            enabled: true,
        }
    }

    #[test]
    fn appends_after_the_last_entry_with_its_indentation() -> Result<(), SettingsEditError> {
        let text = "{\n  \"theme\": \"dark\",\n  \"plugins\": [\n    {\n      \"id\": \"a\",\n      \"srcURL\": \"plugins/a/a.plugin.package.json\",\n      \"enabled\": false\n    }\n  ],\n  \"other\": 1\n}\n";
        let edited = with_plugin(text, &entry("b"))?;
        assert_eq!(
            edited,
            "{\n  \"theme\": \"dark\",\n  \"plugins\": [\n    {\n      \"id\": \"a\",\n      \"srcURL\": \"plugins/a/a.plugin.package.json\",\n      \"enabled\": false\n    },\n    {\n      \"id\": \"b\",\n      \"srcURL\": \"plugins/b/b.plugin.package.json\",\n      \"enabled\": true\n    }\n  ],\n  \"other\": 1\n}\n"
        );
        Ok(())
    }

    #[test]
    fn fills_an_empty_array() -> Result<(), SettingsEditError> {
        assert_eq!(
            with_plugin("{\n  \"plugins\": []\n}\n", &entry("a"))?,
            "{\n  \"plugins\": [\n    {\n      \"id\": \"a\",\n      \"srcURL\": \"plugins/a/a.plugin.package.json\",\n      \"enabled\": true\n    }\n  ]\n}\n"
        );
        assert_eq!(
            with_plugin("{\"plugins\": []}", &entry("a"))?,
            "{\"plugins\": [{\"id\":\"a\",\"srcURL\":\"plugins/a/a.plugin.package.json\",\"enabled\":true}]}"
        );
        Ok(())
    }

    #[test]
    fn keeps_comments_of_an_empty_array() -> Result<(), SettingsEditError> {
        let edited = with_plugin("{\n  \"plugins\": [\n    // none yet\n  ]\n}", &entry("a"))?;
        assert!(edited.contains("// none yet"), "{edited}");
        assert!(edited.starts_with("{\n  \"plugins\": [\n    {\n      \"id\": \"a\""));
        Ok(())
    }

    #[test]
    fn inline_arrays_stay_inline() -> Result<(), SettingsEditError> {
        assert_eq!(
            with_plugin("{\"plugins\": [{\"id\": \"a\"}]}\n", &entry("b"))?,
            "{\"plugins\": [{\"id\": \"a\"}, {\"id\":\"b\",\"srcURL\":\"plugins/b/b.plugin.package.json\",\"enabled\":true}]}\n"
        );
        Ok(())
    }

    #[test]
    fn adds_plugins_when_missing_and_keeps_a_byte_order_mark() -> Result<(), SettingsEditError> {
        assert_eq!(
            with_plugin("\u{feff}{\n  \"x\": 1\n}", &entry("a"))?,
            "\u{feff}{\n  \"plugins\": [{\"id\":\"a\",\"srcURL\":\"plugins/a/a.plugin.package.json\",\"enabled\":true}],\n  \"x\": 1\n}"
        );
        Ok(())
    }

    #[test]
    fn refuses_what_it_cannot_edit() {
        assert_eq!(
            with_plugin("{\"plugins\": [{\"id\": \"a\"}]}", &entry("a")),
            Err(SettingsEditError::AlreadyRegistered("a".to_owned()))
        );
        assert_eq!(
            with_plugin("{\"plugins\": {}}", &entry("a")),
            Err(SettingsEditError::PluginsNotArray)
        );
        assert_eq!(
            with_plugin("[]", &entry("a")),
            Err(SettingsEditError::NotAnObject)
        );
        assert!(matches!(
            with_plugin("{\"plugins\": [", &entry("a")),
            Err(SettingsEditError::Unparsable(_))
        ));
    }

    #[test]
    fn a_new_settings_file_lists_the_entries() -> Result<(), serde_json::Error> {
        let text = new_settings(&[])?;
        assert_eq!(text, "{\n  \"plugins\": []\n}\n");
        let value: serde_json::Value = serde_json::from_str(&new_settings(&[entry("a")])?)?;
        assert_eq!(
            value["plugins"][0]["srcURL"],
            "plugins/a/a.plugin.package.json"
        );
        Ok(())
    }
}
