//! Positions in source files: byte offsets turned into 1-based lines and character columns.

/// A place in a file of the package, as findings report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePosition {
    /// Relative to the path given to `check`, with `/` separators.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
}

impl SourcePosition {
    /// The first character of `file`: where findings about a whole file point.
    pub fn start_of(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            line: 1,
            column: 1,
        }
    }
}

/// The start of every line of a text, to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, byte)| byte == b'\n')
                .map(|(offset, _)| offset + 1),
        );
        Self { line_starts }
    }

    /// The 1-based line and character column of `offset` (clamped to the text, and to a character boundary).
    pub fn line_column(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_index = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let column = text[line_start..offset].chars().count();
        (to_u32(line_index + 1), to_u32(column + 1))
    }

    /// The position of `offset` in `file`.
    pub fn position(&self, file: &str, text: &str, offset: usize) -> SourcePosition {
        let (line, column) = self.line_column(text, offset);
        SourcePosition {
            file: file.to_owned(),
            line,
            column,
        }
    }
}

/// The text of 1-based `line`, without its line break, if the text has that line.
pub fn line_text(text: &str, line: u32) -> Option<&str> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    text.split('\n')
        .nth(index)
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        assert_eq!(index.line_column(text, 2), (1, 3));
        assert_eq!(index.line_column(text, 3), (2, 1));
        assert_eq!(
            index.line_column(text, 5),
            (2, 2),
            "ç is one character of two bytes"
        );
        assert_eq!(index.line_column(text, 7), (3, 1));
        assert_eq!(index.line_column(text, 8), (4, 1));
        assert_eq!(index.line_column(text, 99), (4, 2));
    }

    #[test]
    fn line_text_strips_carriage_returns() {
        assert_eq!(line_text("a\r\nb", 1), Some("a"));
        assert_eq!(line_text("a\r\nb", 2), Some("b"));
        assert_eq!(line_text("a", 3), None);
        assert_eq!(line_text("a", 0), None);
    }
}
