//! Branding packages as the node serves them at `<app path>/custom_configuration/` (see `web_apps`).

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};

use plugboard_branding::{BrandingPackage, LoadError};
use rust_embed::RustEmbed;

/// The example package of `examples/branding/`, built into the binary: what a node serves by default.
#[derive(RustEmbed)]
#[folder = "../../examples/branding/webapp2/"]
struct ExampleBranding;

/// Which branding package the node serves.
#[derive(Clone)]
pub enum Branding {
    /// `examples/branding/`, as built into the binary.
    Example,
    /// A package given with `--branding`, or uploaded to the management node.
    Package(Arc<BrandingPackage>),
    /// A folder being developed (`plugboard dev`): replaced whole each time it changes on disk.
    Live(Arc<LiveBranding>),
}

/// The latest version of a branding folder that changes while it is served.
pub struct LiveBranding {
    current: RwLock<Arc<BrandingPackage>>,
}

impl LiveBranding {
    pub fn new(package: BrandingPackage) -> Self {
        Self {
            current: RwLock::new(Arc::new(package)),
        }
    }

    pub fn current(&self) -> Arc<BrandingPackage> {
        // Replaced whole under the lock, so a poisoned lock still holds a complete package.
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    pub fn replace(&self, package: BrandingPackage) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(package);
    }
}

impl Branding {
    /// Load the package at `path` (a branding folder, its `webapp2/` folder, or a zip).
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        Ok(Branding::Package(Arc::new(BrandingPackage::load(path)?)))
    }

    /// The branding as it is now, to read files from: a live one's current version, which later
    /// changes leave alone (and whose files are then read without copying them).
    pub fn pinned(&self) -> PinnedBranding {
        match self {
            Branding::Example => PinnedBranding::Example,
            Branding::Package(package) => PinnedBranding::Package(Arc::clone(package)),
            Branding::Live(live) => PinnedBranding::Package(live.current()),
        }
    }
}

/// A branding at one moment (see [`Branding::pinned`]).
pub enum PinnedBranding {
    Example,
    Package(Arc<BrandingPackage>),
}

impl PinnedBranding {
    /// A file by its path relative to `webapp2/`.
    pub fn file(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        match self {
            PinnedBranding::Example => ExampleBranding::get(path).map(|file| file.data),
            PinnedBranding::Package(package) => package.file(path).map(Cow::Borrowed),
        }
    }
}
