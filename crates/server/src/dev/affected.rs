//! Which plugins an edit touched: a plugin is its package file's folder, so a changed file under it (the
//! script, an icon, the package file) reloads that plugin alone. Changes to `settings.json` or
//! `manifest.json`, or to files of no plugin, reload the whole branding.

use std::collections::BTreeSet;

use plugboard_branding::BrandingPackage;
use serde_json::Value;

/// What the app has to reload after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    Nothing,
    /// Plugin ids whose files changed.
    Plugins(Vec<String>),
    /// The plugin list or the manifest changed, or files outside any plugin.
    Everything,
}

/// A plugin of `settings.json` with the folder its package file is in (relative to `webapp2/`).
struct PluginFolder {
    id: String,
    folder: String,
}

pub fn affected(before: &BrandingPackage, after: &BrandingPackage) -> Affected {
    let changed = changed_files(before, after);
    if changed.is_empty() {
        return Affected::Nothing;
    }
    let plugins = plugin_folders(after);
    let mut ids = BTreeSet::new();
    for path in &changed {
        match plugins
            .iter()
            .find(|plugin| path.starts_with(&plugin.folder))
        {
            Some(plugin) => {
                ids.insert(plugin.id.clone());
            }
            None => return Affected::Everything,
        }
    }
    Affected::Plugins(ids.into_iter().collect())
}

/// Paths (relative to `webapp2/`) added, removed or changed.
fn changed_files(before: &BrandingPackage, after: &BrandingPackage) -> BTreeSet<String> {
    let mut changed = BTreeSet::new();
    for (path, bytes) in after.files() {
        if before.file(path) != Some(bytes) {
            changed.insert(path.to_owned());
        }
    }
    for (path, _) in before.files() {
        if !after.contains(path) {
            changed.insert(path.to_owned());
        }
    }
    changed
}

fn plugin_folders(package: &BrandingPackage) -> Vec<PluginFolder> {
    let Some(settings) = json(package, "settings.json") else {
        return Vec::new();
    };
    let Some(list) = settings.get("plugins").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|entry| {
            let src = entry.get("srcURL")?.as_str()?;
            let folder = match src.rfind('/') {
                Some(slash) => &src[..=slash],
                // A package file at the branding root: its folder is everything, so no single plugin.
                None => return None,
            };
            let package_id =
                json(package, src).and_then(|pkg| pkg.get("id")?.as_str().map(str::to_owned));
            let id = package_id.or_else(|| entry.get("id")?.as_str().map(str::to_owned))?;
            Some(PluginFolder {
                id,
                folder: folder.trim_start_matches("./").to_owned(),
            })
        })
        .collect()
}

fn json(package: &BrandingPackage, path: &str) -> Option<Value> {
    serde_json::from_slice(package.file(path)?).ok()
}
