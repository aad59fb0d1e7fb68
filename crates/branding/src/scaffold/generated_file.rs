//! A file `plugboard new` writes, and writing a set of them under a folder.

use std::path::Path;

use super::error::ScaffoldError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the folder being created, with `/` separators.
    pub path: String,
    pub contents: String,
}

impl GeneratedFile {
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// Writes `files` under `root`, creating the folders they need.
pub fn write_all(root: &Path, files: &[GeneratedFile]) -> Result<(), ScaffoldError> {
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(ScaffoldError::io("create", parent))?;
        }
        std::fs::write(&path, &file.contents).map_err(ScaffoldError::io("write", &path))?;
    }
    Ok(())
}
