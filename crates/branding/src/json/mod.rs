//! JSON files as the browser reads them (`JSON.parse`), with the exact position of every value.
//!
//! Parsing is done by `jsonc-parser` in a lenient mode that still builds a tree for comments and trailing
//! commas; [`strictness`] then reports those, duplicate keys and raw control characters, each at its place,
//! so that one run shows every defect rather than the first.

pub mod pointer;
pub mod strictness;
pub mod value;

use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{parse_to_ast, CollectOptions, CommentCollectionStrategy, ParseOptions};

use crate::finding::Finding;
use crate::position::{LineIndex, SourcePosition};
use crate::rules;

/// A parsed JSON file of the package.
#[derive(Debug)]
pub struct JsonDocument<'a> {
    /// As findings name it.
    pub file: String,
    /// The text without a leading byte order mark.
    pub text: &'a str,
    pub lines: LineIndex,
    pub root: Value<'a>,
}

impl JsonDocument<'_> {
    /// The position of byte `offset` of the text.
    pub fn position(&self, offset: usize) -> SourcePosition {
        self.lines.position(&self.file, self.text, offset)
    }

    /// The position where `node` starts.
    pub fn position_of(&self, node: &impl Ranged) -> SourcePosition {
        self.position(node.start())
    }

    /// The position of the value at `path`, or of the start of the document when there is none.
    pub fn position_at<'p>(
        &self,
        path: impl IntoIterator<Item = pointer::PathSegment<'p>>,
    ) -> SourcePosition {
        pointer::locate(&self.root, path).map_or_else(
            || self.position_of(&self.root),
            |located| self.position_of(located.value),
        )
    }

    /// The position of the key of the property at `path`, falling back to its value.
    pub fn key_position_at<'p>(
        &self,
        path: impl IntoIterator<Item = pointer::PathSegment<'p>>,
    ) -> SourcePosition {
        match pointer::locate(&self.root, path) {
            Some(located) => match located.property {
                Some(property) => self.position_of(&property.name),
                None => self.position_of(located.value),
            },
            None => self.position_of(&self.root),
        }
    }
}

/// The outcome of parsing one file: the document if it has a value the checks can use, and the findings.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub document: Option<JsonDocument<'a>>,
    pub findings: Vec<Finding>,
}

/// Parses `bytes` as the browser would, reporting every deviation from strict JSON.
pub fn parse<'a>(file: &str, bytes: &'a [u8]) -> Parsed<'a> {
    let text = match decode_utf8(file, bytes) {
        Ok(text) => text,
        Err(finding) => {
            return Parsed {
                document: None,
                findings: vec![finding],
            };
        }
    };
    let lines = LineIndex::new(text);
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Separate,
        tokens: true,
    };
    let result = match parse_to_ast(text, &collect, &lenient_options()) {
        Ok(result) => result,
        Err(error) => {
            let position = lines.position(file, text, error.range().start);
            let message = sentence_case(&error.kind().to_string());
            return Parsed {
                document: None,
                findings: vec![rules::JSON_SYNTAX.at(&position, message)],
            };
        }
    };
    let Some(root) = result.value else {
        let position = lines.position(file, text, text.len());
        return Parsed {
            document: None,
            findings: vec![rules::JSON_SYNTAX.at(&position, "the file holds no JSON value")],
        };
    };
    let document = JsonDocument {
        file: file.to_owned(),
        text,
        lines,
        root,
    };
    let findings = strictness::deviations(
        &document,
        result.comments.as_ref(),
        result.tokens.as_deref(),
    );
    Parsed {
        document: Some(document),
        findings,
    }
}

/// Decodes UTF-8 and drops a byte order mark (browsers drop it before `JSON.parse`).
pub fn decode_utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Finding> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(error) => {
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let position = LineIndex::new(valid).position(file, valid, valid.len());
            Err(rules::FILE_NOT_UTF8.at(&position, "the file is not valid UTF-8"))
        }
    }
}

/// Everything `JSON.parse` rejects is an error here too, except comments and trailing commas, which are
/// reported separately so that the rest of the file can still be checked.
fn lenient_options() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn sentence_case(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_and_positions(text: &str) -> Vec<(&'static str, u32, u32)> {
        parse("f.json", text.as_bytes())
            .findings
            .iter()
            .map(|finding| (finding.code, finding.line, finding.column))
            .collect()
    }

    #[test]
    fn strict_json_has_no_findings() {
        assert_eq!(
            codes_and_positions("{\"a\": [1, 2.5e3, true, null, \"x\\u00e9\"]}"),
            []
        );
        assert_eq!(
            codes_and_positions("\u{feff}{}"),
            [],
            "a byte order mark is dropped as browsers do"
        );
    }

    #[test]
    fn syntax_errors_are_reported_where_they_are() {
        assert_eq!(
            codes_and_positions("{\n  \"a\": 1\n  \"b\": 2\n}"),
            [("json-syntax", 2, 9)]
        );
        assert_eq!(codes_and_positions("{'a': 1}"), [("json-syntax", 1, 2)]);
        assert_eq!(codes_and_positions("[01]"), [("json-syntax", 1, 3)]);
        assert_eq!(codes_and_positions(""), [("json-syntax", 1, 1)]);
        assert_eq!(codes_and_positions("{\"a\": NaN}"), [("json-syntax", 1, 7)]);
    }

    #[test]
    fn comments_trailing_commas_and_duplicate_keys_are_each_reported() {
        let text = "{\n  // note\n  \"a\": [1, 2,],\n  \"a\": 3, /* x */\n}";
        assert_eq!(
            codes_and_positions(text),
            [
                ("json-comment", 2, 3),
                ("json-trailing-comma", 3, 13),
                ("json-duplicate-key", 4, 3),
                ("json-trailing-comma", 4, 9),
                ("json-comment", 4, 11),
            ]
        );
    }

    #[test]
    fn raw_control_characters_in_strings_are_errors() {
        assert_eq!(codes_and_positions("[\"a\tb\"]"), [("json-syntax", 1, 4)]);
    }

    #[test]
    fn invalid_utf8_is_reported_at_the_first_bad_byte() {
        let findings = parse("f.json", b"{\"a\":\n \"\xff\"}").findings;
        assert_eq!(
            (findings[0].code, findings[0].line, findings[0].column),
            ("file-not-utf8", 2, 3)
        );
    }
}
