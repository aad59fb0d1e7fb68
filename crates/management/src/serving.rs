//! What the node serves from the management node's data: the enabled web app paths, each with its
//! branding package loaded in memory. Rebuilt after every change to paths; read on every request.

use std::collections::HashMap;
use std::sync::Arc;

use plugboard_branding::BrandingPackage;
use rusqlite::Connection;

use crate::branding_upload;
use crate::db::{aliases, brandings};

/// An enabled web app path: `/<slug>/` serves the app with this branding.
#[derive(Debug, Clone)]
pub struct WebAppPath {
    pub slug: String,
    /// `None`: the node's default branding.
    pub branding: Option<Arc<BrandingPackage>>,
}

/// A snapshot of the enabled paths.
#[derive(Debug, Default)]
pub struct Serving {
    paths: HashMap<String, WebAppPath>,
    default_slug: Option<String>,
    /// The packages the paths use, by branding uuid.
    packages: HashMap<String, Arc<BrandingPackage>>,
}

impl Serving {
    pub fn path(&self, slug: &str) -> Option<WebAppPath> {
        self.paths.get(slug).cloned()
    }

    pub fn default_path(&self) -> Option<WebAppPath> {
        self.default_slug
            .as_deref()
            .and_then(|slug| self.path(slug))
    }

    /// The paths the database has now, reusing the packages of this snapshot. A package that cannot be
    /// loaded (it was checked when it was stored, so this is a damaged database) leaves its path out
    /// rather than serving another branding there.
    pub fn rebuild(&self, connection: &Connection) -> rusqlite::Result<Serving> {
        let mut next = Serving::default();
        for row in aliases::enabled(connection)? {
            let alias = row.alias;
            let branding = match &alias.branding {
                None => None,
                Some(uuid) => match self.package(connection, uuid, &mut next.packages)? {
                    Some(package) => Some(package),
                    None => continue,
                },
            };
            if alias.is_default {
                next.default_slug = Some(alias.slug.clone());
            }
            let path = WebAppPath {
                slug: alias.slug.clone(),
                branding,
            };
            next.paths.insert(alias.slug, path);
        }
        Ok(next)
    }

    fn package(
        &self,
        connection: &Connection,
        uuid: &str,
        loaded: &mut HashMap<String, Arc<BrandingPackage>>,
    ) -> rusqlite::Result<Option<Arc<BrandingPackage>>> {
        if let Some(package) = loaded.get(uuid).or_else(|| self.packages.get(uuid)) {
            let package = Arc::clone(package);
            loaded.insert(uuid.to_owned(), Arc::clone(&package));
            return Ok(Some(package));
        }
        let Some(zip) = brandings::zip(connection, uuid)? else {
            return Ok(None);
        };
        match branding_upload::load(&zip) {
            Ok(package) => {
                let package = Arc::new(package);
                loaded.insert(uuid.to_owned(), Arc::clone(&package));
                Ok(Some(package))
            }
            Err(reason) => {
                tracing::error!(branding = uuid, %reason, "a stored branding package cannot be loaded; its web app paths are not served");
                Ok(None)
            }
        }
    }
}
