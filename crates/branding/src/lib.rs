//! Webapp2 branding packages: loading them from a folder or a zip, checking them, packing them.

pub mod finding;
pub mod lint;

pub use finding::{Finding, Severity};
