//! Why a branding package could not be loaded.

use std::path::PathBuf;

use crate::finding::Finding;
use crate::rules::Rule;

/// A package that is refused as a whole: hostile or oversized input, or a file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct Rejection {
    pub rule: Rule,
    /// The entry or file concerned, relative to the path given to `check` (the archive itself when empty).
    pub file: String,
    pub message: String,
}

impl Rejection {
    pub fn new(rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule,
            file: file.into(),
            message: message.into(),
        }
    }

    /// The finding that reports this rejection; `package_path` names the archive or folder itself.
    pub fn to_finding(&self, package_path: &str) -> Finding {
        let file = if self.file.is_empty() {
            package_path
        } else {
            &self.file
        };
        self.rule.in_file(file, self.message.clone())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path names nothing: a usage error rather than a defect of a package.
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    /// The package exists but is refused.
    #[error(transparent)]
    Rejected(#[from] Rejection),
}
