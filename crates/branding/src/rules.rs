//! Every stable finding code the branding checker emits outside plugin JavaScript, with its severity and the
//! hint shown to the author. Codes are kebab-case and never change meaning once published.

use crate::finding::{Finding, Severity};
use crate::position::SourcePosition;

/// One kind of defect: its code, how bad it is, and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub hint: &'static str,
}

impl Rule {
    /// A finding of this rule at `position`, with the rule's hint.
    pub fn at(&self, position: &SourcePosition, message: impl Into<String>) -> Finding {
        Finding {
            severity: self.severity,
            code: self.code,
            file: position.file.clone(),
            line: position.line,
            column: position.column,
            message: message.into(),
            hint: Some(self.hint.to_owned()),
        }
    }

    /// A finding about a whole file (or archive), reported at its first line.
    pub fn in_file(&self, file: &str, message: impl Into<String>) -> Finding {
        self.at(&SourcePosition::start_of(file), message)
    }
}

macro_rules! rules {
    ($($name:ident = $code:literal, $severity:ident, $hint:literal;)*) => {
        $(pub const $name: Rule = Rule { code: $code, severity: Severity::$severity, hint: $hint };)*
        /// All rules, for documentation and for resolving codes named in the JSON Schemas.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    // Archives and folders: what can be loaded at all.
    ZIP_UNREADABLE = "zip-unreadable", Error,
        "The archive is damaged or uses a feature the Management Node does not accept; create it again with `plugboard package`.";
    ZIP_UNSAFE_PATH = "zip-unsafe-path", Error,
        "Entry names must be relative paths inside the archive, with `/` separators and no `..`, drive letters or leading `/`.";
    NON_UTF8_NAME = "non-utf8-name", Error,
        "Rename the file with a UTF-8 name; browsers and the Management Node address files by UTF-8 URLs.";
    FILE_UNREADABLE = "file-unreadable", Error,
        "Check the file's permissions.";
    ZIP_SYMLINK = "zip-symlink", Error,
        "Replace the symbolic link by the file it points to.";
    ZIP_DUPLICATE_ENTRY = "zip-duplicate-entry", Error,
        "An extractor would silently keep only one of the entries; create the archive again from a folder.";
    ZIP_OVERLAPPING_ENTRIES = "zip-overlapping-entries", Error,
        "Entries that share bytes are a known zip-bomb construction; create the archive again from a folder.";
    ZIP_ENCRYPTED = "zip-encrypted", Error,
        "The Management Node cannot read encrypted entries; create the archive without a password.";
    ZIP_COMPRESSION_RATIO = "zip-compression-ratio", Error,
        "An entry that expands this much is treated as a zip bomb; branding files are text and images that compress far less.";
    ZIP_LAYOUT = "zip-layout", Error,
        "The Management Node expects the files under a top-level `webapp2/` folder, e.g. `webapp2/manifest.json`.";
    TOO_MANY_FILES = "too-many-files", Error,
        "A branding package holds a manifest, settings and a few plugins; remove what the app does not need.";
    FILE_TOO_LARGE = "file-too-large", Error,
        "Every file is downloaded by every browser that opens the app; keep files small.";
    PACKAGE_TOO_LARGE = "package-too-large", Error,
        "Every browser that opens the app downloads these files; remove what the app does not need.";
    SYMLINK_IGNORED = "symlink-ignored", Warning,
        "Symbolic links are neither checked nor packaged; copy the file into the package instead.";
    FILE_OUTSIDE_WEBAPP2 = "file-outside-webapp2", Info,
        "Only files under `webapp2/` reach the app; this one is ignored.";

    // Text and JSON: what the browser's `JSON.parse` accepts.
    FILE_NOT_UTF8 = "file-not-utf8", Error,
        "Save the file as UTF-8.";
    JSON_SYNTAX = "json-syntax", Error,
        "The browser's `JSON.parse` rejects the whole file, so nothing in it takes effect.";
    JSON_COMMENT = "json-comment", Error,
        "JSON has no comments and the browser's `JSON.parse` rejects them; remove the comment or move it into a \"description\" field.";
    JSON_TRAILING_COMMA = "json-trailing-comma", Error,
        "The browser's `JSON.parse` rejects a comma before `}` or `]`; remove it.";
    JSON_DUPLICATE_KEY = "json-duplicate-key", Error,
        "`JSON.parse` keeps only the last value of a repeated key, silently dropping the others; keep one.";

    // manifest.json
    MANIFEST_MISSING = "manifest-missing", Error,
        "Every branding package needs `webapp2/manifest.json` with a `brandingID`, e.g. {\"brandingID\": \"1521829718679\", \"isSettingsBranded\": true}.";
    MANIFEST_NOT_OBJECT = "manifest-not-object", Error,
        "manifest.json holds one JSON object, e.g. {\"brandingID\": \"1521829718679\", \"isSettingsBranded\": true}.";
    MANIFEST_BRANDING_ID_MISSING = "manifest-branding-id-missing", Error,
        "Add a numeric `brandingID` (`plugboard package` writes the current time in milliseconds).";
    MANIFEST_BRANDING_ID_NOT_NUMERIC = "manifest-branding-id-not-numeric", Error,
        "`brandingID` is a number or a string of digits, e.g. \"1521829718679\".";
    MANIFEST_FIELD_TYPE = "manifest-field-type", Error,
        "The `is…Branded` flags are the booleans `true` or `false`, without quotes.";
    MANIFEST_SETTINGS_NOT_BRANDED = "manifest-settings-not-branded", Error,
        "Set `\"isSettingsBranded\": true` in manifest.json; otherwise the app never reads settings.json and no plugin loads.";
    BRANDING_ID_UNCHANGED = "branding-id-unchanged", Warning,
        "Apps keep the cached branding while the `brandingID` is unchanged; give every upload a new one (`plugboard package` does).";

    // settings.json
    SETTINGS_MISSING = "settings-missing", Warning,
        "manifest.json says `isSettingsBranded` but there is no `webapp2/settings.json`; add it or set the flag to false.";
    SETTINGS_NOT_OBJECT = "settings-not-object", Error,
        "settings.json holds one JSON object, e.g. {\"plugins\": [{\"id\": \"…\", \"srcURL\": \"plugins/…\", \"enabled\": true}]}.";
    SETTINGS_PLUGINS_NOT_ARRAY = "settings-plugins-not-array", Error,
        "`plugins` is an array of {\"id\", \"srcURL\", \"enabled\"} objects.";
    SETTINGS_PLUGIN_NOT_OBJECT = "settings-plugin-not-object", Error,
        "Each entry of `plugins` is an object {\"id\": \"…\", \"srcURL\": \"plugins/…\", \"enabled\": true}.";
    SETTINGS_PLUGIN_FIELD_MISSING = "settings-plugin-field-missing", Error,
        "Each plugin entry needs an `id` and a `srcURL` (the plugin package file, relative to `webapp2/`).";
    SETTINGS_PLUGIN_FIELD_TYPE = "settings-plugin-field-type", Error,
        "`id` and `srcURL` are non-empty strings and `enabled` is `true` or `false` without quotes.";
    SETTINGS_ENABLED_MISSING = "settings-enabled-missing", Warning,
        "Without `enabled` the plugin is not loaded until a user turns it on; say `\"enabled\": true` or `false`.";
    SETTINGS_DUPLICATE_ID = "settings-duplicate-id", Error,
        "Plugin ids identify plugins in the app; give each entry its own id.";
    SETTINGS_SRC_URL_NOT_FOUND = "settings-src-url-not-found", Error,
        "`srcURL` in settings.json is relative to `webapp2/`, e.g. \"plugins/<name>/<name>.plugin.package.json\".";
    SETTINGS_ID_MISMATCH = "settings-id-mismatch", Warning,
        "Webapp2 loads the plugin anyway, but use the package file's `id` in settings.json too so that both name the same plugin.";

    // Paths inside the package.
    PATH_OUTSIDE_PACKAGE = "path-outside-package", Error,
        "Files are served from `webapp2/` only; a path climbing out of it does not resolve on the Management Node.";
    EXTERNAL_REFERENCE = "external-reference", Info,
        "Files outside the package are not checked; make sure the server allows them (Content-Security-Policy).";

    // Plugin package files.
    PACKAGE_NOT_OBJECT = "package-not-object", Error,
        "A plugin package file holds one JSON object: id, name, description, version, srcURL, allowUnload, platforms, participantRoles, menuItems.";
    PACKAGE_FIELD_MISSING = "package-field-missing", Error,
        "A plugin package file has id, name, description, version, srcURL, allowUnload, platforms and participantRoles (menuItems is optional).";
    PACKAGE_FIELD_TYPE = "package-field-type", Error,
        "id, name, description and srcURL are strings, version a number or a string, allowUnload a boolean, platforms and participantRoles arrays, menuItems an object.";
    PACKAGE_PLATFORM_UNKNOWN = "package-platform-unknown", Error,
        "Platforms are \"web\", \"electron\", \"ios\" and \"android\".";
    PACKAGE_ROLE_UNKNOWN = "package-role-unknown", Error,
        "Participant roles are \"chair\" (hosts) and \"guest\".";
    PACKAGE_SRC_URL_NOT_FOUND = "package-src-url-not-found", Error,
        "`srcURL` in a plugin package file is relative to the package file's folder, e.g. \"<name>.plugin.js\".";
    MENU_LOCATION_UNKNOWN = "menu-location-unknown", Error,
        "Menu locations are \"conference\", \"toolbar\" and \"participants\".";
    MENU_LOCATIONS_MULTIPLE = "menu-locations-multiple", Error,
        "A plugin appears in one place only: keep items under one of conference, toolbar or participants.";
    MENU_ITEM_FIELD_TYPE = "menu-item-field-type", Error,
        "A location holds an array of items {\"icon\": \"file.svg#id\" or null, \"label\": \"…\" or null, \"action\": \"functionName\"}.";
    MENU_ITEM_ACTION_MISSING = "menu-item-action-missing", Error,
        "Each menu item names the function to call in `action`; it must be a property of the object given to registerPlugin.";

    // Icons.
    ICON_NOT_FOUND = "icon-not-found", Error,
        "Icon paths are relative to the plugin package file's folder, e.g. \"assets/icon.svg#icon\".";
    ICON_NOT_SVG = "icon-not-svg", Error,
        "Only SVG icons are supported: an .svg file whose root element is <svg>.";
    ICON_SVG_INVALID = "icon-svg-invalid", Error,
        "The app cannot render an icon from a malformed SVG file; fix the XML.";
    ICON_ID_NOT_FOUND = "icon-id-not-found", Error,
        "The part after `#` names an element of the SVG by its `id`, e.g. <svg id=\"crop\"> for \"crop.svg#crop\".";
    ICON_NO_FRAGMENT = "icon-no-fragment", Warning,
        "Refer to the icon with the id of an element in the SVG, e.g. \"crop.svg#crop\", as the plugin guide requires.";
    ICON_APP_SPRITE = "icon-app-sprite", Info,
        "This names an icon of the app's own sprite, which the package does not contain; it is not checked.";

    // The package as a whole.
    UNREFERENCED_FILE = "unreferenced-file", Info,
        "Nothing in the package refers to this file; remove it unless a plugin loads it in a way the checker cannot see.";
}

/// The rule with this code, if any (JSON Schemas name rules by code).
pub fn by_code(code: &str) -> Option<Rule> {
    ALL.iter().copied().find(|rule| rule.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        for (index, rule) in ALL.iter().enumerate() {
            assert!(
                rule.code.split('-').all(|word| !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{}",
                rule.code
            );
            assert!(
                ALL[index + 1..].iter().all(|other| other.code != rule.code),
                "{} repeats",
                rule.code
            );
            assert_eq!(by_code(rule.code), Some(*rule));
        }
    }
}
