//! How much a branding package may hold. Packages come from users and, as zips, from anyone: every reader
//! stops at these limits instead of trusting sizes the input declares.

/// Bounds on what loading a package may read into memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files (zip entries, directories included) in one package.
    pub max_files: usize,
    /// Bytes of one file, uncompressed.
    pub max_file_bytes: u64,
    /// Bytes of all files together, uncompressed.
    pub max_total_bytes: u64,
    /// Uncompressed bytes per compressed byte of one zip entry …
    pub max_compression_ratio: u64,
    /// … once the entry is larger than this (tiny files compress well and harm no one).
    pub ratio_checked_above_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_files: 10_000,
            max_file_bytes: 32 * 1024 * 1024,
            max_total_bytes: 128 * 1024 * 1024,
            max_compression_ratio: 200,
            ratio_checked_above_bytes: 1024 * 1024,
        }
    }
}

impl Limits {
    /// Whether `uncompressed` bytes out of `compressed` exceed the compression ratio limit.
    pub fn ratio_exceeded(&self, uncompressed: u64, compressed: u64) -> bool {
        uncompressed > self.ratio_checked_above_bytes
            && uncompressed / compressed.max(1) > self.max_compression_ratio
    }
}

use crate::load_error::Rejection;
use crate::rules;

/// What has been read so far against the limits, while one package loads.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    files: usize,
    total_bytes: u64,
}

impl Budget {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            files: 0,
            total_bytes: 0,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Counts one more file (or entry) named `name`.
    pub fn admit_file(&mut self, name: &str) -> Result<(), Rejection> {
        self.files += 1;
        if self.files > self.limits.max_files {
            return Err(Rejection::new(
                rules::TOO_MANY_FILES,
                name,
                format!(
                    "the package holds more than {} files",
                    self.limits.max_files
                ),
            ));
        }
        Ok(())
    }

    /// Checks a size announced before reading (a zip header, a file's metadata).
    pub fn admit_declared_size(&self, name: &str, size: u64) -> Result<(), Rejection> {
        if size > self.limits.max_file_bytes {
            return Err(file_too_large(name, self.limits.max_file_bytes));
        }
        if self.total_bytes.saturating_add(size) > self.limits.max_total_bytes {
            return Err(package_too_large(self.limits.max_total_bytes));
        }
        Ok(())
    }

    /// Counts bytes actually read for `name`, which has `file_bytes` so far.
    pub fn admit_read(&mut self, name: &str, file_bytes: u64, more: u64) -> Result<(), Rejection> {
        self.total_bytes = self.total_bytes.saturating_add(more);
        if file_bytes > self.limits.max_file_bytes {
            return Err(file_too_large(name, self.limits.max_file_bytes));
        }
        if self.total_bytes > self.limits.max_total_bytes {
            return Err(package_too_large(self.limits.max_total_bytes));
        }
        Ok(())
    }
}

fn file_too_large(name: &str, limit: u64) -> Rejection {
    Rejection::new(
        rules::FILE_TOO_LARGE,
        name,
        format!("the file is larger than {} MiB", limit / (1024 * 1024)),
    )
}

fn package_too_large(limit: u64) -> Rejection {
    Rejection::new(
        rules::PACKAGE_TOO_LARGE,
        "",
        format!(
            "the files add up to more than {} MiB uncompressed",
            limit / (1024 * 1024)
        ),
    )
}
