//! A linear pre-scan that bounds how deep parsing and walking a script can recurse.
//!
//! The parser and the tree walk recurse once per nesting level, so a crafted script (ten
//! thousand `(`, or a chain of a hundred thousand `.b`) would overflow the stack and abort the
//! whole process. The estimate counts every open bracket, plus every token of an unfinished
//! expression at each bracket level: separators (`;`, `,`, a line break between two complete
//! operands) end the expression, `else` and `do` never do. It overestimates real code, which stays
//! far below the limit.

/// Estimated levels above which a script is not parsed.
pub(super) const MAX_NESTING: u32 = 5_000;

/// Keywords that take an operand or a statement after them: never the end of an expression.
const PREFIX_KEYWORDS: &[&[u8]] = &[
    b"typeof",
    b"void",
    b"delete",
    b"new",
    b"in",
    b"of",
    b"instanceof",
    b"await",
    b"yield",
    b"extends",
    b"case",
    b"throw",
];

struct Frame {
    run: u32,
    sticky: u32,
    template: bool,
}

#[derive(Default)]
struct Scanner {
    frames: Vec<Frame>,
    /// Levels of all open frames.
    base: u32,
    /// Tokens of the unfinished expression at the current level.
    run: u32,
    /// `else`/`do` at the current level: they nest statements across separators.
    sticky: u32,
    /// The last token ends an operand (a name, a literal, `]`, `}`): a line break may end the
    /// statement there (automatic semicolon insertion).
    operand_end: bool,
    /// The last token ends a value: a `/` after it divides, otherwise it starts a regex.
    value_end: bool,
    line_break: bool,
}

/// How deep a script nests, as estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nesting {
    /// The deepest estimate, at most `MAX_NESTING`.
    Within(u32),
    /// The byte offset of the token where the estimate first passes `MAX_NESTING`.
    TooDeepAt(u32),
}

pub(super) fn scan(source: &str) -> Nesting {
    let bytes = source.as_bytes();
    let mut scanner = Scanner::default();
    let mut deepest = 0;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let start = index;
        index = scanner.token(bytes, index, byte);
        deepest = deepest.max(scanner.depth());
        if deepest > MAX_NESTING {
            return Nesting::TooDeepAt(u32::try_from(start).unwrap_or(u32::MAX));
        }
    }
    Nesting::Within(deepest)
}

impl Scanner {
    fn depth(&self) -> u32 {
        self.base
            .saturating_add(self.run)
            .saturating_add(self.sticky)
    }

    /// Reads the token at `index`; returns where the next one may start.
    fn token(&mut self, bytes: &[u8], index: usize, byte: u8) -> usize {
        let next = bytes.get(index + 1).copied();
        match byte {
            b'\n' | b'\r' => {
                self.line_break = true;
                index + 1
            }
            b' ' | b'\t' | 0x0b | 0x0c => index + 1,
            b'/' if next == Some(b'/') => skip_line(bytes, index),
            b'/' if next == Some(b'*') => self.block_comment(bytes, index),
            b'/' if !self.value_end => self.operand(skip_regex(bytes, index + 1)),
            b'\'' | b'"' => self.operand(skip_string(bytes, index + 1, byte)),
            b'`' => {
                self.count(false, false);
                self.template(bytes, index + 1)
            }
            b'0'..=b'9' => self.operand(skip_number(bytes, index)),
            b'.' if !self.value_end && next.is_some_and(|b| b.is_ascii_digit()) => {
                self.operand(skip_number(bytes, index))
            }
            b'(' | b'[' | b'{' => {
                self.open(false);
                index + 1
            }
            b')' | b']' | b'}' => self.close(bytes, index, byte),
            b';' | b',' => {
                self.run = 0;
                self.operand_end = false;
                self.value_end = false;
                index + 1
            }
            b if is_word_byte(b) => self.word(bytes, index),
            _ => {
                self.count(false, false);
                index + 1
            }
        }
    }

    fn count(&mut self, operand_end: bool, value_end: bool) {
        self.line_break = false;
        self.run = self.run.saturating_add(1);
        self.operand_end = operand_end;
        self.value_end = value_end;
    }

    /// A literal or a name: after a line break that follows a complete operand, a new statement.
    fn operand(&mut self, end: usize) -> usize {
        if self.line_break && self.operand_end {
            self.run = 0;
        }
        self.count(true, true);
        end
    }

    fn word(&mut self, bytes: &[u8], index: usize) -> usize {
        let end = skip_word(bytes, index);
        let word = bytes.get(index..end).unwrap_or_default();
        if word == b"else" || word == b"do" {
            self.line_break = false;
            self.sticky = self.sticky.saturating_add(1);
            self.operand_end = false;
            self.value_end = false;
        } else if PREFIX_KEYWORDS.contains(&word) {
            self.count(false, false);
        } else {
            self.operand(end);
        }
        end
    }

    fn open(&mut self, template: bool) {
        self.line_break = false;
        self.frames.push(Frame {
            run: self.run,
            sticky: self.sticky,
            template,
        });
        self.base = self
            .base
            .saturating_add(self.run)
            .saturating_add(self.sticky)
            .saturating_add(1);
        self.run = 0;
        self.sticky = 0;
        self.operand_end = false;
        self.value_end = false;
    }

    fn close(&mut self, bytes: &[u8], index: usize, byte: u8) -> usize {
        self.line_break = false;
        let Some(frame) = self.frames.pop() else {
            return index + 1;
        };
        let level = frame.run.saturating_add(frame.sticky).saturating_add(1);
        self.base = self.base.saturating_sub(level);
        // A closed group may be called, indexed or a member of what comes next: one more level.
        self.run = frame.run.saturating_add(1);
        self.sticky = frame.sticky;
        if frame.template {
            return self.template(bytes, index + 1);
        }
        self.operand_end = byte != b')';
        self.value_end = byte != b'}';
        index + 1
    }

    fn block_comment(&mut self, bytes: &[u8], index: usize) -> usize {
        let body_start = index + 2;
        let end = find(bytes, body_start, b"*/").map_or(bytes.len(), |at| at + 2);
        if bytes
            .get(body_start..end)
            .is_some_and(|body| body.contains(&b'\n'))
        {
            self.line_break = true;
        }
        end
    }

    /// Template text from `index`: to the closing backtick, or into a `${` expression.
    fn template(&mut self, bytes: &[u8], mut index: usize) -> usize {
        while let Some(&byte) = bytes.get(index) {
            match byte {
                b'\\' => index += 2,
                b'`' => {
                    self.operand_end = false;
                    self.value_end = true;
                    return index + 1;
                }
                b'$' if bytes.get(index + 1) == Some(&b'{') => {
                    self.open(true);
                    return index + 2;
                }
                _ => index += 1,
            }
        }
        bytes.len()
    }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'$' | b'\\') || byte >= 0x80
}

fn skip_word(bytes: &[u8], mut index: usize) -> usize {
    while bytes.get(index).copied().is_some_and(is_word_byte) {
        index += 1;
    }
    index
}

/// `1.5`, `0x1F`, `1_000n`; an exponent's sign counts as an operator, which only overestimates.
fn skip_number(bytes: &[u8], mut index: usize) -> usize {
    while bytes
        .get(index)
        .is_some_and(|&byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_'))
    {
        index += 1;
    }
    index
}

fn skip_line(bytes: &[u8], index: usize) -> usize {
    bytes
        .get(index..)
        .and_then(|rest| rest.iter().position(|&byte| byte == b'\n'))
        .map_or(bytes.len(), |at| index + at)
}

fn skip_string(bytes: &[u8], mut index: usize, quote: u8) -> usize {
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'\\' => index += 2,
            b'\n' => return index,
            b if b == quote => return index + 1,
            _ => index += 1,
        }
    }
    bytes.len()
}

fn skip_regex(bytes: &[u8], mut index: usize) -> usize {
    let mut in_class = false;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'\\' => index += 2,
            b'\n' => return index,
            b'[' => {
                in_class = true;
                index += 1;
            }
            b']' => {
                in_class = false;
                index += 1;
            }
            b'/' if !in_class => return skip_word(bytes, index + 1),
            _ => index += 1,
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}
