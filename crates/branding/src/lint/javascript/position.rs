//! Findings at byte offsets of the script, turned into 1-based lines and character columns.

use std::cell::OnceCell;

use super::MenuAction;
use crate::finding::{Finding, Severity};

pub(super) struct Reporter<'s> {
    file: &'s str,
    source: &'s str,
    /// Built on the first finding only: clean scripts never pay for it.
    index: OnceCell<Index>,
    in_script: Vec<Finding>,
    in_package: Vec<Finding>,
}

impl<'s> Reporter<'s> {
    pub(super) fn new(file: &'s str, source: &'s str) -> Self {
        Self {
            file,
            source,
            index: OnceCell::new(),
            in_script: Vec::new(),
            in_package: Vec::new(),
        }
    }

    /// A finding at byte `offset` of the script.
    pub(super) fn report(
        &mut self,
        offset: u32,
        severity: Severity,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        let (line, column) = self.line_column(offset);
        self.in_script.push(Finding {
            severity,
            code,
            file: self.file.to_owned(),
            line,
            column,
            message,
            hint,
        });
    }

    /// A finding where the package JSON names a menu action.
    pub(super) fn report_at_action(
        &mut self,
        action: &MenuAction,
        severity: Severity,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        self.in_package.push(Finding {
            severity,
            code,
            file: action.file.clone(),
            line: action.line,
            column: action.column,
            message,
            hint,
        });
    }

    pub(super) fn has_errors(&self) -> bool {
        self.in_script
            .iter()
            .any(|finding| finding.severity == Severity::Error)
    }

    pub(super) fn into_findings(mut self) -> Vec<Finding> {
        self.in_script
            .sort_by_key(|finding| (finding.line, finding.column, finding.severity));
        self.in_script.append(&mut self.in_package);
        self.in_script
    }

    fn line_column(&self, offset: u32) -> (u32, u32) {
        let source = self.source;
        let offset = usize::try_from(offset).map_or(source.len(), |o| o.min(source.len()));
        let index = self.index.get_or_init(|| Index::new(source));
        let line = index
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let line_start = index.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = index.chars_before(source, offset) - index.chars_before(source, line_start);
        (to_u32(line), to_u32(column + 1))
    }
}

/// Bytes between two character-count checkpoints.
const BLOCK: usize = 4096;

/// Line starts, and the number of characters before every `BLOCK`th byte: a column costs at most
/// one block of counting, even with many findings on a megabyte-long minified line.
struct Index {
    /// Lines end at `\n` only, as in the rest of `plugboard check` (a `\r` before it is the line's
    /// last character and never shifts a column before it).
    line_starts: Vec<usize>,
    block_chars: Vec<usize>,
}

impl Index {
    fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &byte)| byte == b'\n')
                .map(|(index, _)| index + 1),
        );
        let mut block_chars = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            block_chars.push(chars);
            chars += count_chars(block);
        }
        Self {
            line_starts,
            block_chars,
        }
    }

    fn chars_before(&self, source: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.block_chars.get(block).copied().unwrap_or(0);
        let rest = source
            .as_bytes()
            .get(block * BLOCK..offset)
            .unwrap_or_default();
        counted + count_chars(rest)
    }
}

/// Characters that start in `bytes` (UTF-8 continuation bytes start none), so that a slice may
/// begin or end inside a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count()
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
