//! What `JSON.parse` rejects but the lenient parse accepted: comments, trailing commas and raw control
//! characters in strings; and duplicate keys, which `JSON.parse` accepts by silently dropping all but the last.

use std::collections::HashMap;

use jsonc_parser::ast::{Comment, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::tokens::{Token, TokenAndRange};
use jsonc_parser::CommentMap;

use super::JsonDocument;
use crate::finding::Finding;
use crate::rules;

/// Every deviation from strict JSON in `document`, in the order of the text.
pub fn deviations(
    document: &JsonDocument<'_>,
    comments: Option<&CommentMap<'_>>,
    tokens: Option<&[TokenAndRange<'_>]>,
) -> Vec<Finding> {
    let mut located: Vec<(usize, Finding)> = Vec::new();
    if let Some(comments) = comments {
        located.extend(comment_findings(document, comments));
    }
    if let Some(tokens) = tokens {
        located.extend(trailing_comma_findings(document, tokens));
        located.extend(control_character_findings(document, tokens));
    }
    located.extend(duplicate_key_findings(document, &document.root));
    located.sort_by_key(|(offset, _)| *offset);
    located.into_iter().map(|(_, finding)| finding).collect()
}

fn comment_findings(
    document: &JsonDocument<'_>,
    comments: &CommentMap<'_>,
) -> Vec<(usize, Finding)> {
    let mut starts: Vec<usize> = comments
        .values()
        .flat_map(|list| list.iter().map(Comment::start))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
        .into_iter()
        .map(|start| {
            let finding =
                rules::JSON_COMMENT.at(&document.position(start), "comments are not JSON");
            (start, finding)
        })
        .collect()
}

fn trailing_comma_findings(
    document: &JsonDocument<'_>,
    tokens: &[TokenAndRange<'_>],
) -> Vec<(usize, Finding)> {
    tokens
        .windows(2)
        .filter(|pair| {
            matches!(pair[0].token, Token::Comma)
                && matches!(pair[1].token, Token::CloseBrace | Token::CloseBracket)
        })
        .map(|pair| {
            let start = pair[0].range.start;
            let closing = pair[1].token.as_str();
            let finding = rules::JSON_TRAILING_COMMA.at(
                &document.position(start),
                format!("trailing comma before `{closing}`"),
            );
            (start, finding)
        })
        .collect()
}

fn control_character_findings(
    document: &JsonDocument<'_>,
    tokens: &[TokenAndRange<'_>],
) -> Vec<(usize, Finding)> {
    tokens
        .iter()
        .filter(|token| matches!(token.token, Token::String(_)))
        .filter_map(|token| {
            let literal = document.text.get(token.range.start..token.range.end)?;
            let (index, character) = literal.char_indices().find(|(_, c)| u32::from(*c) < 0x20)?;
            let start = token.range.start + index;
            let message = format!(
                "raw control character U+{:04X} in a string; write it as an escape such as \\n, \\t or \\u{:04x}",
                u32::from(character),
                u32::from(character)
            );
            Some((start, rules::JSON_SYNTAX.at(&document.position(start), message)))
        })
        .collect()
}

fn duplicate_key_findings(document: &JsonDocument<'_>, value: &Value<'_>) -> Vec<(usize, Finding)> {
    let mut found = Vec::new();
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) => {
                let mut first_seen: HashMap<&str, usize> = HashMap::new();
                for property in &object.properties {
                    let name = property.name.as_str();
                    let start = property.name.start();
                    if let Some(&first) = first_seen.get(name) {
                        let (first_line, _) = document.lines.line_column(document.text, first);
                        let message = format!(
                            "key `{name}` appears again (first on line {first_line}); only this value is kept"
                        );
                        found.push((
                            start,
                            rules::JSON_DUPLICATE_KEY.at(&document.position(start), message),
                        ));
                    } else {
                        first_seen.insert(name, start);
                    }
                    pending.push(&property.value);
                }
            }
            Value::Array(array) => pending.extend(array.elements.iter()),
            _ => {}
        }
    }
    found
}
