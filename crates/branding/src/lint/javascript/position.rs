//! Findings at byte offsets of the script, turned into 1-based lines and character columns.

use std::cell::OnceCell;

use super::MenuAction;
use crate::finding::{Finding, Severity};

pub(super) struct Reporter<'s> {
    file: &'s str,
    source: &'s str,
    /// Built on the first finding only: clean scripts never pay for it.
    line_starts: OnceCell<Vec<usize>>,
    in_script: Vec<Finding>,
    in_package: Vec<Finding>,
}

impl<'s> Reporter<'s> {
    pub(super) fn new(file: &'s str, source: &'s str) -> Self {
        Self {
            file,
            source,
            line_starts: OnceCell::new(),
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
        let mut offset = usize::try_from(offset).map_or(source.len(), |o| o.min(source.len()));
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| line_starts(source));
        let line = starts.partition_point(|&start| start <= offset).max(1);
        let line_start = starts.get(line - 1).copied().unwrap_or(0);
        let column = source
            .get(line_start..offset)
            .map_or(0, |text| text.chars().count())
            + 1;
        (to_u32(line), to_u32(column))
    }
}

/// Lines end at `\n` only, as in the rest of `plugboard check` (a `\r` before it is the line's last
/// character and never shifts a column before it).
fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        source
            .bytes()
            .enumerate()
            .filter(|&(_, byte)| byte == b'\n')
            .map(|(index, _)| index + 1),
    );
    starts
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
