//! `plugboard package`: a checked package written as the zip the Management Node accepts — files under
//! `webapp2/`, a new `brandingID`, `isSettingsBranded: true` — and otherwise deterministic (sorted entries,
//! fixed timestamps and permissions), so that two packagings of the same sources differ only in manifest.json.

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::branding_id::BrandingId;
use crate::check::{check_path, CheckError, CheckOptions, Checked};
use crate::last_packaged;
use crate::lint::manifest::{self, MANIFEST};
use crate::lint::CheckReport;
use crate::manifest_edit::{self, NotAnObject};
use crate::package::{BrandingPackage, WEBAPP2};
use crate::report::Tally;

/// How to package.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// The `brandingID` to write; by default the current time in milliseconds, but always greater than the
    /// last one packaged and the one in the sources.
    pub branding_id: Option<BrandingId>,
}

/// A written package.
#[derive(Debug)]
pub struct Packed {
    pub output: PathBuf,
    pub branding_id: BrandingId,
    pub files: usize,
    /// The check, whose warnings and infos did not stop the packaging.
    pub checked: Checked,
}

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Check(#[from] CheckError),
    /// The check found errors; nothing was written.
    #[error("the package has errors; nothing was written")]
    HasErrors(Box<Checked>),
    #[error("brandingID {0} is the one last packaged; apps would keep the old branding")]
    BrandingIdUnchanged(BrandingId),
    #[error(transparent)]
    Manifest(#[from] NotAnObject),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot remember the brandingID in {}: {source}", path.display())]
    Remember {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Checks the package at `path` and, if it has no errors, writes it to `output`.
pub fn package(path: &Path, output: &Path, options: &PackOptions) -> Result<Packed, PackError> {
    let (package, report) = without_errors(check_path(path, &CheckOptions::default())?)?;
    let last = package.branding_dir().and_then(last_packaged::recall);
    let branding_id = match options.branding_id {
        Some(id) if Some(id) == last => return Err(PackError::BrandingIdUnchanged(id)),
        Some(id) => id,
        None => BrandingId::next(
            BrandingId::now_millis(),
            last.into_iter().chain(manifest::branding_id(&package)),
        ),
    };
    let manifest_text = String::from_utf8_lossy(package.file(MANIFEST).unwrap_or_default());
    let manifest_text = manifest_edit::with_branding(&manifest_text, branding_id)?;
    write_atomically(output, |file| write_zip(file, &package, &manifest_text))?;
    if let Some(branding_dir) = package.branding_dir() {
        last_packaged::remember(branding_dir, branding_id).map_err(|source| {
            PackError::Remember {
                path: branding_dir.join(last_packaged::STATE_DIR),
                source,
            }
        })?;
    }
    Ok(Packed {
        output: output.to_path_buf(),
        branding_id,
        files: package.files().count(),
        checked: Checked {
            package: Some(package),
            report,
        },
    })
}

/// The loaded package and its report, unless the check found errors.
fn without_errors(checked: Checked) -> Result<(BrandingPackage, CheckReport), PackError> {
    let has_errors = Tally::of(&checked.report.findings).fails(false);
    match checked.package {
        Some(package) if !has_errors => Ok((package, checked.report)),
        package => Err(PackError::HasErrors(Box::new(Checked {
            package,
            report: checked.report,
        }))),
    }
}

/// Writes the zip: every file under `webapp2/`, sorted, with `manifest` in place of manifest.json.
fn write_zip(
    file: &std::fs::File,
    package: &BrandingPackage,
    manifest: &str,
) -> zip::result::ZipResult<()> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
    for (path, bytes) in package.files() {
        zip.start_file(format!("{WEBAPP2}/{path}"), options)?;
        let content = if path == MANIFEST {
            manifest.as_bytes()
        } else {
            bytes
        };
        zip.write_all(content)?;
    }
    let mut writer = zip.finish()?;
    writer.flush()?;
    Ok(())
}

/// Writes `output` through a temporary file in the same folder, renamed into place when complete.
fn write_atomically(
    output: &Path,
    write: impl FnOnce(&std::fs::File) -> zip::result::ZipResult<()>,
) -> Result<(), PackError> {
    crate::atomic_file::replace_with(output, |file| write(file).map_err(std::io::Error::other))
        .map_err(|source| PackError::Write {
            path: output.to_path_buf(),
            source,
        })
}
