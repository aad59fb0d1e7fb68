//! Printing findings: like `rustc` for people (the offending line with a caret), one JSON object per line
//! for machines.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::finding::{Finding, Severity};
use crate::package::BrandingPackage;
use crate::position::line_text;

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of(findings: &[Finding]) -> Self {
        let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
        Self {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// Whether the findings fail the check: any error, or with `strict` any warning.
    pub fn fails(&self, strict: bool) -> bool {
        self.errors > 0 || (strict && self.warnings > 0)
    }

    /// `2 errors, 1 warning, 0 infos`.
    pub fn sentence(&self) -> String {
        format!(
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        )
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// One JSON object per finding per line, with the keys severity, code, file, line, column, message, hint.
pub fn json_lines(findings: &[Finding]) -> String {
    findings
        .iter()
        .filter_map(|finding| serde_json::to_string(finding).ok())
        .map(|line| line + "\n")
        .collect()
}

/// Every finding as `rustc` would show it, with the offending source line when the package has it.
pub fn human(findings: &[Finding], package: Option<&BrandingPackage>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in findings {
        let source = package.and_then(|package| source_line(package, finding));
        let report = [group(finding, source)];
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

fn group<'a>(finding: &'a Finding, source: Option<&'a str>) -> Group<'a> {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level
        .primary_title(finding.message.as_str())
        .id(finding.code);
    let line = usize::try_from(finding.line).unwrap_or(1);
    let mut group = match source {
        Some(text) => title.element(
            Snippet::source(text)
                .line_start(line)
                .path(finding.file.as_str())
                .annotation(AnnotationKind::Primary.span(underline(text, finding.column))),
        ),
        None => title.element(
            Origin::path(finding.file.as_str())
                .line(line)
                .char_column(usize::try_from(finding.column).unwrap_or(1)),
        ),
    };
    if let Some(hint) = &finding.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    group
}

/// The text of the finding's line, when the file is a text file of the package.
fn source_line<'p>(package: &'p BrandingPackage, finding: &Finding) -> Option<&'p str> {
    let relative = package.relative_path(&finding.file)?;
    let text = std::str::from_utf8(package.file(relative)?).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    line_text(text, finding.line)
}

/// The byte range to underline in `line` for a finding at 1-based character `column`: the whole string
/// literal or word that starts there, else one character.
fn underline(line: &str, column: u32) -> std::ops::Range<usize> {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
    let start = line
        .char_indices()
        .nth(skip)
        .map_or(line.len(), |(index, _)| index);
    let rest = &line[start..];
    let length = match rest.chars().next() {
        None => 0,
        Some(quote @ ('"' | '\'' | '`')) => quoted_length(rest, quote),
        Some(first) if is_word(first) => rest.find(|c: char| !is_word(c)).unwrap_or(rest.len()),
        Some(first) => first.len_utf8(),
    };
    start..start + length
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || c == '-' || c == '.'
}

fn quoted_length(rest: &str, quote: char) -> usize {
    let mut escaped = false;
    for (index, c) in rest.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            _ if c == quote => return index + c.len_utf8(),
            _ => {}
        }
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlines_strings_words_or_one_character() {
        let line = r#"  "id": "a\"b", x: true,"#;
        assert_eq!(&line[underline(line, 3)], r#""id""#);
        assert_eq!(&line[underline(line, 9)], r#""a\"b""#);
        assert_eq!(&line[underline(line, 20)], "true");
        assert_eq!(&line[underline(line, 7)], ":");
        assert_eq!(underline(line, 99), line.len()..line.len());
    }

    #[test]
    fn json_lines_have_exactly_the_documented_keys() {
        let finding = crate::rules::JSON_SYNTAX.in_file("webapp2/settings.json", "oops");
        let text = json_lines(&[finding]);
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap_or_default();
        let mut keys: Vec<_> = value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        assert_eq!(
            keys,
            ["code", "column", "file", "hint", "line", "message", "severity"]
        );
    }

    #[test]
    fn tally_fails_on_errors_and_on_warnings_when_strict() {
        let warning = crate::rules::ICON_NO_FRAGMENT.in_file("f", "w");
        let tally = Tally::of(&[warning]);
        assert!(!tally.fails(false));
        assert!(tally.fails(true));
        assert_eq!(tally.sentence(), "0 errors, 1 warning, 0 infos");
    }
}
