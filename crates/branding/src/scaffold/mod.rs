//! `plugboard new`: creating a branding folder, and adding a plugin to one, from the templates under
//! `templates/`. What is created checks clean with `plugboard check --strict`, and nothing is left
//! half-written when creating fails.

pub mod branding_files;
pub mod branding_folder;
pub mod error;
pub mod escape;
pub mod generated_file;
pub mod location;
pub mod plugin_files;
pub mod plugin_name;
pub mod staging;
pub mod template;
pub mod typings;

use std::path::{Path, PathBuf};

pub use branding_folder::BrandingFolder;
pub use error::ScaffoldError;
pub use location::{MenuLocation, UnknownLocation};
pub use plugin_name::{InvalidPluginName, PluginName};

use crate::branding_id::BrandingId;
use crate::settings_edit::{self, PluginEntry};
use branding_files::PLUGINS_DIR;
use generated_file::GeneratedFile;
use staging::Staging;

/// A branding folder `plugboard new branding` created.
#[derive(Debug)]
pub struct NewBranding {
    pub root: PathBuf,
    pub branding_id: BrandingId,
    /// Relative to `root`, with `/` separators.
    pub files: Vec<String>,
}

/// A plugin `plugboard new plugin` added.
#[derive(Debug)]
pub struct NewPlugin {
    pub branding: BrandingFolder,
    /// `webapp2/plugins/<name>/`.
    pub folder: PathBuf,
    /// Relative to `folder`.
    pub files: Vec<String>,
    pub settings: PathBuf,
    /// Where the typings were written, when the branding folder had none.
    pub typings_written: Option<PathBuf>,
}

/// Creates the branding folder `dir` (which must not exist, or be empty) with `branding_id` in its
/// manifest.
pub fn new_branding(dir: &Path, branding_id: BrandingId) -> Result<NewBranding, ScaffoldError> {
    let files = branding_files::branding_files(branding_id)?;
    let plugins_dir = format!("webapp2/{PLUGINS_DIR}");
    let write = |staging: &Staging| -> Result<(), ScaffoldError> {
        staging.write(&files)?;
        let plugins = staging.path().join(&plugins_dir);
        std::fs::create_dir_all(&plugins).map_err(ScaffoldError::io("create", plugins))
    };
    match std::fs::metadata(dir) {
        Ok(metadata) if !metadata.is_dir() => return Err(ScaffoldError::NotAFolder(dir.into())),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir).map_err(ScaffoldError::io("read", dir))?;
            if entries.next().is_some() {
                return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
            }
            let staging = Staging::create_in(dir, "branding")?;
            write(&staging)?;
            staging.move_entries_into(dir)?;
        }
        Err(_) => {
            let absolute =
                std::path::absolute(dir).map_err(ScaffoldError::io("find the folder", dir))?;
            let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
                return Err(ScaffoldError::NoFolderName(dir.to_path_buf()));
            };
            std::fs::create_dir_all(parent).map_err(ScaffoldError::io("create", parent))?;
            let staging = Staging::create_in(parent, &name.to_string_lossy())?;
            write(&staging)?;
            staging.rename_to(&absolute)?;
        }
    }
    let mut written: Vec<String> = files.into_iter().map(|file| file.path).collect();
    written.push(format!("{plugins_dir}/"));
    written.sort();
    Ok(NewBranding {
        root: dir.to_path_buf(),
        branding_id,
        files: written,
    })
}

/// Adds the plugin `name` with its menu item in `location` to the branding folder `dir` (or its
/// `webapp2/` folder) and lists it in settings.json. Refuses when the plugin's folder exists or
/// settings.json lists its id already. The typings are written beside `webapp2/` when missing.
pub fn new_plugin(
    dir: &Path,
    name: &PluginName,
    location: MenuLocation,
) -> Result<NewPlugin, ScaffoldError> {
    let branding = BrandingFolder::locate(dir)?;
    let plugins = branding.webapp2.join(PLUGINS_DIR);
    let folder = plugins.join(name.as_str());
    if std::fs::symlink_metadata(&folder).is_ok() {
        return Err(ScaffoldError::PluginExists(folder));
    }
    let names = plugin_files::PluginNames::of(name);
    let entry = PluginEntry {
        id: names.id.clone(),
        src_url: format!("{PLUGINS_DIR}/{}/{}", names.id, names.package_file),
        enabled: true,
    };
    let settings = branding.webapp2.join("settings.json");
    let settings_text = settings_with(&settings, &entry)?;
    let files = plugin_files::plugin_files(name, location)?;

    let typings_written = write_typings_if_missing(&branding.root)?;
    std::fs::create_dir_all(&plugins).map_err(ScaffoldError::io("create", &plugins))?;
    let staging = Staging::create_in(&plugins, name.as_str())?;
    staging.write(&files)?;
    staging.rename_to(&folder)?;
    if let Err(error) = crate::atomic_file::replace_file(&settings, settings_text.as_bytes()) {
        // Without its settings.json entry the plugin would sit there unused: take it back.
        let _ = std::fs::remove_dir_all(&folder);
        return Err(ScaffoldError::io("write", &settings)(error));
    }
    Ok(NewPlugin {
        branding,
        folder,
        files: files.into_iter().map(|file| file.path).collect(),
        settings,
        typings_written,
    })
}

/// The text settings.json will have with `entry` in it.
fn settings_with(settings: &Path, entry: &PluginEntry) -> Result<String, ScaffoldError> {
    match std::fs::read(settings) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| ScaffoldError::Settings {
                path: settings.to_path_buf(),
                source: settings_edit::SettingsEditError::Unparsable("it is not UTF-8".to_owned()),
            })?;
            settings_edit::with_plugin(&text, entry).map_err(|source| ScaffoldError::Settings {
                path: settings.to_path_buf(),
                source,
            })
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok(settings_edit::new_settings(std::slice::from_ref(entry))?)
        }
        Err(error) => Err(ScaffoldError::io("read", settings)(error)),
    }
}

/// Writes `types/pex.d.ts` in `root` unless there is one (which may be the author's own version).
fn write_typings_if_missing(root: &Path) -> Result<Option<PathBuf>, ScaffoldError> {
    let path = root.join(typings::TYPINGS_PATH);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Ok(None);
    }
    let file = GeneratedFile::new(typings::TYPINGS_PATH, typings::PEX_D_TS);
    generated_file::write_all(root, std::slice::from_ref(&file))?;
    Ok(Some(path))
}
