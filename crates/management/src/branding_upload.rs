//! Checking an uploaded branding zip with the branding crate's loader and linter, and loading stored zips
//! for serving. Both go through a file in a private temporary folder because the loader reads zips from a
//! path; nothing is ever extracted.

use std::path::Path;

use plugboard_branding::lint::manifest;
use plugboard_branding::report::Tally;
use plugboard_branding::{check_path, BrandingPackage, CheckOptions, Finding};
use sha2::{Digest, Sha256};

/// How findings name an upload whose file name is unusable.
const DEFAULT_FILE_NAME: &str = "branding_file.zip";

/// An upload the linter found no error in.
#[derive(Debug)]
pub struct Accepted {
    pub branding_id: Option<String>,
    pub sha256: String,
}

/// Why an upload is refused: the linter's findings (a hostile or unreadable zip is one finding).
#[derive(Debug)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

/// Loads and checks the zip `bytes`, uploaded as `file_name`.
pub fn check(file_name: Option<&str>, bytes: &[u8]) -> std::io::Result<Result<Accepted, Refused>> {
    let name = file_name
        .and_then(usable_file_name)
        .unwrap_or(DEFAULT_FILE_NAME);
    with_file(name, bytes, |path| {
        let checked = match check_path(path, &CheckOptions::default()) {
            Ok(checked) => checked,
            Err(error) => return Err(std::io::Error::other(error.to_string())),
        };
        let failed = Tally::of(&checked.report.findings).fails(false);
        Ok(match checked.package {
            Some(package) if !failed => Ok(Accepted {
                branding_id: manifest::branding_id(&package).map(|id| id.to_string()),
                sha256: sha256_hex(bytes),
            }),
            _ => Err(Refused {
                findings: checked.report.findings,
            }),
        })
    })?
}

/// Loads a stored zip for serving; why not, if it cannot be (it was checked when it was stored).
pub fn load(bytes: &[u8]) -> Result<BrandingPackage, String> {
    with_file(DEFAULT_FILE_NAME, bytes, |path| BrandingPackage::load(path))
        .map_err(|error| error.to_string())?
        .map_err(|error| error.to_string())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The client's file name when it is a plain one (findings about the whole archive name it).
fn usable_file_name(name: &str) -> Option<&str> {
    let last = name.rsplit(['/', '\\']).next()?;
    let plain = !last.is_empty()
        && last.len() <= 100
        && !last.starts_with('.')
        && last
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-'));
    plain.then_some(last)
}

fn with_file<T>(name: &str, bytes: &[u8], use_it: impl FnOnce(&Path) -> T) -> std::io::Result<T> {
    let folder = tempfile::Builder::new()
        .prefix("plugboard-upload-")
        .tempdir()?;
    let path = folder.path().join(name);
    std::fs::write(&path, bytes)?;
    Ok(use_it(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names_are_kept() {
        assert_eq!(usable_file_name("sales.zip"), Some("sales.zip"));
        assert_eq!(
            usable_file_name("C:\\Users\\me\\sales.zip"),
            Some("sales.zip")
        );
        assert_eq!(usable_file_name("../../etc/passwd"), Some("passwd"));
        assert_eq!(usable_file_name("dir/"), None);
        assert_eq!(usable_file_name(".hidden.zip"), None);
        assert_eq!(usable_file_name("my file.zip"), None);
    }

    #[test]
    fn garbage_is_refused_with_one_finding() {
        let refused = check(Some("junk.zip"), b"not a zip")
            .ok()
            .and_then(Result::err);
        let findings = refused.map(|refused| refused.findings).unwrap_or_default();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].file, "junk.zip");
    }
}
