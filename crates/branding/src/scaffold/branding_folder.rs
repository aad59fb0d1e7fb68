//! Finding the branding folder that `plugboard new plugin --dir DIR` means: DIR itself when it holds
//! `webapp2/`, or DIR's parent when DIR is the `webapp2/` folder.

use std::path::{Path, PathBuf};

use super::error::ScaffoldError;
use crate::package::WEBAPP2;

/// A branding folder on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandingFolder {
    /// The folder that holds `webapp2/` (and `types/`, `.plugboard/`).
    pub root: PathBuf,
    pub webapp2: PathBuf,
}

impl BrandingFolder {
    pub fn locate(dir: &Path) -> Result<Self, ScaffoldError> {
        if !dir.is_dir() {
            return Err(ScaffoldError::NotABrandingFolder(dir.to_path_buf()));
        }
        let nested = dir.join(WEBAPP2);
        if nested.is_dir() {
            return Ok(Self {
                root: dir.to_path_buf(),
                webapp2: nested,
            });
        }
        let absolute =
            std::path::absolute(dir).map_err(ScaffoldError::io("find the folder", dir))?;
        let is_webapp2 = absolute.file_name().is_some_and(|name| name == WEBAPP2)
            || dir.join("manifest.json").is_file()
            || dir.join("settings.json").is_file();
        match absolute.parent() {
            Some(parent) if is_webapp2 => Ok(Self {
                root: parent.to_path_buf(),
                webapp2: dir.to_path_buf(),
            }),
            _ => Err(ScaffoldError::NotABrandingFolder(dir.to_path_buf())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn the_branding_folder_or_its_webapp2_folder() -> TestResult {
        let dir = tempfile::tempdir()?;
        let webapp2 = dir.path().join("webapp2");
        std::fs::create_dir(&webapp2)?;
        let expected = BrandingFolder {
            root: dir.path().to_path_buf(),
            webapp2: webapp2.clone(),
        };
        assert_eq!(BrandingFolder::locate(dir.path())?, expected);
        assert_eq!(BrandingFolder::locate(&webapp2)?, expected);
        Ok(())
    }

    #[test]
    fn other_folders_are_not_branding_folders() -> TestResult {
        let dir = tempfile::tempdir()?;
        assert!(matches!(
            BrandingFolder::locate(dir.path()),
            Err(ScaffoldError::NotABrandingFolder(_))
        ));
        assert!(matches!(
            BrandingFolder::locate(&dir.path().join("missing")),
            Err(ScaffoldError::NotABrandingFolder(_))
        ));
        Ok(())
    }
}
