//! Files of `plugins/` that nothing refers to. A plugin may load files itself (`fetch`, `<script>` tags), so a
//! file whose name appears in a script of its plugin folder counts as referenced.

use super::plugin_package::PluginPackage;
use super::{Gathered, Lint};
use crate::paths;
use crate::rules;

/// The folder under which plugins keep their files. Other files (styles, images, translations) are read by
/// the app by convention and are not judged here.
const PLUGINS_DIR: &str = "plugins/";

/// Reports every file under `plugins/` that nothing refers to.
pub fn check(lint: &Lint<'_>, gathered: &mut Gathered, plugins: &[PluginPackage]) {
    let scripts: Vec<(&str, &str)> = plugins
        .iter()
        .filter_map(|plugin| {
            let path = plugin.script_path.as_deref()?;
            let text = std::str::from_utf8(lint.package.file(path)?).ok()?;
            Some((plugin_folder(path), text))
        })
        .collect();
    for (path, _) in lint.package.files() {
        if !path.starts_with(PLUGINS_DIR) || gathered.referenced.contains(path) {
            continue;
        }
        let name = paths::file_name(path);
        let folder = plugin_folder(path);
        let loaded_by_script = scripts
            .iter()
            .any(|(script_folder, text)| *script_folder == folder && text.contains(name));
        if !loaded_by_script {
            gathered.findings.push(rules::UNREFERENCED_FILE.in_file(
                &lint.display_path(path),
                "no settings.json entry, plugin package file or plugin script refers to this file",
            ));
        }
    }
}

/// `plugins/<name>` of a path under `plugins/`.
fn plugin_folder(path: &str) -> &str {
    let after = path.strip_prefix(PLUGINS_DIR).unwrap_or(path);
    let end = after
        .find('/')
        .map_or(path.len(), |index| PLUGINS_DIR.len() + index);
    &path[..end.min(path.len())]
}

#[cfg(test)]
mod tests {
    use super::plugin_folder;

    #[test]
    fn plugin_folder_is_the_first_folder_under_plugins() {
        assert_eq!(plugin_folder("plugins/rec/assets/a.svg"), "plugins/rec");
        assert_eq!(plugin_folder("plugins/rec/rec.js"), "plugins/rec");
    }
}
