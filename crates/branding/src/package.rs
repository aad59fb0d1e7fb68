//! The model of a Webapp2 branding package: the files of its `webapp2/` folder, in memory, loaded from a
//! branding folder, its `webapp2/` folder, or a zip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::finding::Finding;
use crate::limits::Limits;
use crate::load_error::{LoadError, Rejection};
use crate::rules;
use crate::source::{folder, zip, SourceFiles};

/// The folder every branding package keeps its files in.
pub const WEBAPP2: &str = "webapp2";

/// Where a package was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A folder: the `webapp2/` folder and the branding folder that holds it (where `.plugboard/` lives).
    Folder {
        webapp2_dir: PathBuf,
        branding_dir: PathBuf,
    },
    /// A zip archive.
    Zip { path: PathBuf },
}

/// A loaded branding package: every file under `webapp2/`, read into memory.
#[derive(Debug)]
pub struct BrandingPackage {
    origin: Origin,
    /// What findings put before a path relative to `webapp2/` to make it relative to the loaded path.
    display_prefix: String,
    /// How findings name the loaded path itself (e.g. the zip).
    display_name: String,
    files: BTreeMap<String, Vec<u8>>,
    load_findings: Vec<Finding>,
}

impl BrandingPackage {
    /// Loads the package at `path` (a branding folder, its `webapp2/` folder, or a zip) with default limits.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        Self::load_with_limits(path, Limits::default())
    }

    pub fn load_with_limits(path: impl AsRef<Path>, limits: Limits) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let metadata =
            std::fs::metadata(path).map_err(|_| LoadError::NotFound(path.to_path_buf()))?;
        let display_name = display_name(path);
        if metadata.is_dir() {
            Ok(Self::load_folder(path, display_name, limits)?)
        } else {
            Ok(Self::load_zip(path, display_name, limits)?)
        }
    }

    fn load_folder(path: &Path, display_name: String, limits: Limits) -> Result<Self, Rejection> {
        let nested = path.join(WEBAPP2);
        let (webapp2_dir, branding_dir, display_prefix) = if nested.is_dir() {
            (nested, path.to_path_buf(), format!("{WEBAPP2}/"))
        } else {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            let parent = absolute
                .parent()
                .map_or_else(|| absolute.clone(), Path::to_path_buf);
            (path.to_path_buf(), parent, String::new())
        };
        let SourceFiles { files, notices } =
            folder::read_folder(&webapp2_dir, &display_prefix, limits)?;
        Ok(Self {
            origin: Origin::Folder {
                webapp2_dir,
                branding_dir,
            },
            display_prefix,
            display_name,
            files,
            load_findings: notices,
        })
    }

    fn load_zip(path: &Path, display_name: String, limits: Limits) -> Result<Self, Rejection> {
        let SourceFiles {
            files: entries,
            notices: mut load_findings,
        } = zip::read_zip(path, &display_name, limits)?;
        let (display_prefix, layout_problem) = webapp2_prefix(&entries);
        load_findings.extend(
            layout_problem.map(|message| rules::ZIP_LAYOUT.in_file(&display_name, message)),
        );
        let mut files = BTreeMap::new();
        for (name, bytes) in entries {
            match name.strip_prefix(&display_prefix) {
                Some(relative) => {
                    files.insert(relative.to_owned(), bytes);
                }
                None => load_findings.push(rules::FILE_OUTSIDE_WEBAPP2.in_file(
                    &name,
                    format!("`{name}` is outside `{display_prefix}` and is ignored"),
                )),
            }
        }
        Ok(Self {
            origin: Origin::Zip {
                path: path.to_path_buf(),
            },
            display_prefix,
            display_name,
            files,
            load_findings,
        })
    }

    /// The content of `relative_path` (relative to `webapp2/`, e.g. `settings.json`, `plugins/x/x.js`).
    pub fn file(&self, relative_path: &str) -> Option<&[u8]> {
        self.files.get(relative_path).map(Vec::as_slice)
    }

    /// The stored path and content of `relative_path`.
    pub fn entry(&self, relative_path: &str) -> Option<(&str, &[u8])> {
        self.files
            .get_key_value(relative_path)
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }

    /// Every file, relative to `webapp2/`, in sorted order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }

    pub fn contains(&self, relative_path: &str) -> bool {
        self.files.contains_key(relative_path)
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The folder beside the package where `plugboard` remembers what it packaged (`.plugboard/` goes in
    /// there); `None` for zips.
    pub fn branding_dir(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Folder { branding_dir, .. } => Some(branding_dir),
            Origin::Zip { .. } => None,
        }
    }

    /// `relative_path` (relative to `webapp2/`) as findings name it: relative to the path that was loaded.
    pub fn display_path(&self, relative_path: &str) -> String {
        format!("{}{relative_path}", self.display_prefix)
    }

    /// The inverse of [`display_path`](Self::display_path), for files of the package.
    pub fn relative_path<'a>(&self, display_path: &'a str) -> Option<&'a str> {
        display_path.strip_prefix(self.display_prefix.as_str())
    }

    /// How findings name the loaded path itself.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// What loading noticed without refusing the package (skipped links, files outside `webapp2/`).
    pub fn load_findings(&self) -> &[Finding] {
        &self.load_findings
    }
}

/// How findings name a loaded path itself: its last component.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Where the `webapp2/` folder is in a zip, and what is wrong with the layout if it is not at the top.
fn webapp2_prefix(entries: &BTreeMap<String, Vec<u8>>) -> (String, Option<String>) {
    let top = format!("{WEBAPP2}/");
    if entries.keys().any(|name| name.starts_with(&top)) {
        return (top, None);
    }
    let nested_manifest = format!("/{WEBAPP2}/manifest.json");
    if let Some(name) = entries
        .keys()
        .filter(|name| name.ends_with(&nested_manifest))
        .min_by_key(|name| name.len())
    {
        let prefix = name.trim_end_matches("manifest.json").to_owned();
        let message = format!("the files are under `{prefix}`, not under a top-level `{top}`");
        return (prefix, Some(message));
    }
    if entries.contains_key("manifest.json") {
        let message = format!("the files are at the top of the archive, not under `{top}`");
        return (String::new(), Some(message));
    }
    (
        top.clone(),
        Some(format!("the archive has no `{top}` folder")),
    )
}
