//! `plugboard check`: load a package from a path and run every check over it.

use std::path::{Path, PathBuf};

use crate::last_packaged;
use crate::limits::Limits;
use crate::lint::{self, CheckContext, CheckReport};
use crate::load_error::LoadError;
use crate::package::{self, BrandingPackage};

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The package uploaded before (a zip or folder), whose `brandingID` the new one must differ from.
    pub previous: Option<PathBuf>,
    pub limits: Limits,
}

/// A checked path: the package when it could be loaded, and the report.
#[derive(Debug)]
pub struct Checked {
    pub package: Option<BrandingPackage>,
    pub report: CheckReport,
}

/// Problems with what was asked rather than with the package (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("--previous {}: {reason}", path.display())]
    Previous { path: PathBuf, reason: String },
}

/// Loads the package at `path` and checks it. A package refused while loading (a hostile zip, say) is a
/// report with that one finding, not an error.
pub fn check_path(path: &Path, options: &CheckOptions) -> Result<Checked, CheckError> {
    let previous = options
        .previous
        .as_deref()
        .map(previous_branding_id)
        .transpose()?;
    let package = match BrandingPackage::load_with_limits(path, options.limits) {
        Ok(package) => package,
        Err(LoadError::NotFound(path)) => return Err(CheckError::NotFound(path)),
        Err(LoadError::Rejected(rejection)) => {
            let finding = rejection.to_finding(&package::display_name(path));
            let report = CheckReport {
                findings: vec![finding],
                plugins: Vec::new(),
            };
            return Ok(Checked {
                package: None,
                report,
            });
        }
    };
    let context = CheckContext {
        last_packaged: package.branding_dir().and_then(last_packaged::recall),
        previous,
    };
    let report = lint::check_package(&package, &context);
    Ok(Checked {
        package: Some(package),
        report,
    })
}

fn previous_branding_id(path: &Path) -> Result<(crate::BrandingId, String), CheckError> {
    let failed = |reason: String| CheckError::Previous {
        path: path.to_path_buf(),
        reason,
    };
    let previous = BrandingPackage::load(path).map_err(|error| failed(error.to_string()))?;
    let id = lint::manifest::branding_id(&previous)
        .ok_or_else(|| failed("its manifest.json has no numeric brandingID".to_owned()))?;
    Ok((id, package::display_name(path)))
}
