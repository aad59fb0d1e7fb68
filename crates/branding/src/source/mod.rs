//! Reading the files of a package from where they are: a folder on disk or a zip archive. Nothing is ever
//! extracted to disk; every byte is read into memory under the package [`Limits`](crate::limits::Limits).

pub mod folder;
pub mod zip;

use std::collections::BTreeMap;

use crate::finding::Finding;

/// Files read from a source, keyed by their path relative to the source (`/` separators), sorted.
#[derive(Debug, Default)]
pub struct SourceFiles {
    pub files: BTreeMap<String, Vec<u8>>,
    /// What was skipped on the way, as findings (e.g. symbolic links).
    pub notices: Vec<Finding>,
}
