//! Text made safe for where a template puts it.

use std::fmt::Write;

/// `text` as a single-quoted JavaScript string literal.
pub fn js_string(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('\'');
    for character in text.chars() {
        match character {
            '\\' => literal.push_str("\\\\"),
            '\'' => literal.push_str("\\'"),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            // `</script>` and `<!--` cannot end or open anything when `<` is escaped.
            '<' => literal.push_str("\\x3C"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(literal, "\\u{:04X}", u32::from(c));
            }
            c => literal.push(c),
        }
    }
    literal.push('\'');
    literal
}

/// `text` for an XML attribute value between double quotes.
pub fn xml_attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c if c.is_control() => {
                let _ = write!(escaped, "&#x{:X};", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// `text` for a `//` comment: on one line.
pub fn line_comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_strings_cannot_be_left() {
        assert_eq!(js_string("hello"), "'hello'");
        assert_eq!(
            js_string("it's \\ \"x\"\n</script>\u{2028}\u{0}"),
            "'it\\'s \\\\ \"x\"\\n\\x3C/script>\\u2028\\u0000'"
        );
    }

    #[test]
    fn xml_attributes_cannot_be_left() {
        assert_eq!(
            xml_attribute("a\"b'<c>&\n"),
            "a&quot;b&apos;&lt;c&gt;&amp;&#xA;"
        );
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(line_comment("a\nb\u{2028}c"), "a b c");
    }
}
