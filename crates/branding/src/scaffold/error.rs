//! Why `plugboard new` did not create what it was asked to.

use std::path::PathBuf;

use super::template::TemplateError;
use crate::settings_edit::SettingsEditError;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{} already exists and is not empty; give a new folder (or an empty one)", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{} names no folder to create (give a path such as `my-branding`)", .0.display())]
    NoFolderName(PathBuf),
    #[error("{} is not a branding folder: it has no webapp2/ folder (`plugboard new branding DIR` creates one, or give --dir)", .0.display())]
    NotABrandingFolder(PathBuf),
    #[error("{} already exists; choose another name, or remove that folder first", .0.display())]
    PluginExists(PathBuf),
    #[error("{} {source}", path.display())]
    Settings {
        path: PathBuf,
        source: SettingsEditError,
    },
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A mistake in Plugboard's own templates.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A mistake in Plugboard's own JSON files.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ScaffoldError {
    /// Whether the request was refused because of what is on disk or in the arguments (rather than failing
    /// while writing): `plugboard` exits with 2 for these, as for other usage errors.
    pub fn is_refusal(&self) -> bool {
        match self {
            Self::NotEmpty(_)
            | Self::NotAFolder(_)
            | Self::NoFolderName(_)
            | Self::NotABrandingFolder(_)
            | Self::PluginExists(_) => true,
            Self::Settings { source, .. } => {
                matches!(source, SettingsEditError::AlreadyRegistered(_))
            }
            Self::Io { .. } | Self::Template(_) | Self::Json(_) => false,
        }
    }

    pub(super) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}
