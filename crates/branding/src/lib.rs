//! Webapp2 branding packages: loading them from a folder or a zip, checking them, packing them.

pub mod atomic_file;
pub mod branding_id;
pub mod check;
pub mod finding;
pub mod json;
pub mod last_packaged;
pub mod limits;
pub mod lint;
pub mod load_error;
pub mod manifest_edit;
pub mod pack;
pub mod package;
pub mod paths;
pub mod position;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod settings_edit;
pub mod source;
pub mod zip_safety;

pub use branding_id::BrandingId;
pub use check::{check_path, CheckError, CheckOptions, Checked};
pub use finding::{Finding, Severity};
pub use limits::Limits;
pub use lint::{CheckContext, CheckReport};
pub use load_error::{LoadError, Rejection};
pub use package::BrandingPackage;
