//! The active branding package, served at `/webapp2/custom_configuration/` as Webapp2 fetches it.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use plugboard_branding::{BrandingPackage, LoadError};
use rust_embed::RustEmbed;

use crate::files::{serve_bytes, Cache};

/// The example package of `examples/branding/`, built into the binary: what a node serves by default.
#[derive(RustEmbed)]
#[folder = "../../examples/branding/webapp2/"]
struct ExampleBranding;

/// Which branding package the node serves.
#[derive(Clone)]
pub enum Branding {
    /// `examples/branding/`, as built into the binary.
    Example,
    /// A package given with `--branding`.
    Package(Arc<BrandingPackage>),
}

impl Branding {
    /// Load the package at `path` (a branding folder, its `webapp2/` folder, or a zip).
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        Ok(Branding::Package(Arc::new(BrandingPackage::load(path)?)))
    }

    /// A file by its path relative to `webapp2/`.
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        match self {
            Branding::Example => ExampleBranding::get(path).map(|file| file.data),
            Branding::Package(package) => package.file(path).map(Cow::Borrowed),
        }
    }
}

pub fn routes(branding: Branding) -> Router {
    Router::new()
        .route("/webapp2/custom_configuration/{*path}", get(branding_file))
        .with_state(branding)
}

async fn branding_file(
    State(branding): State<Branding>,
    UrlPath(path): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    match branding.file(&path) {
        Some(bytes) => serve_bytes(&path, &bytes, &headers, Cache::Revalidate),
        None => (StatusCode::NOT_FOUND, "Not found\n").into_response(),
    }
}
