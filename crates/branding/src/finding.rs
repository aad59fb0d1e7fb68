//! What the checker reports: one finding per defect, at a file, line and column.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One defect (or remark) in a branding package. `--format json` prints exactly these keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable, kebab-case, e.g. `json-syntax`, `plugin-id-mismatch`.
    pub code: &'static str,
    /// Relative to the path given to `check`, with `/` separators.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
    pub message: String,
    pub hint: Option<String>,
}
