//! settings.json: the `plugins` list, its ids, and the package files it points to.

use std::collections::HashMap;

use serde_json::Value;

use super::manifest::ManifestFacts;
use super::{Gathered, Lint};
use crate::json::pointer::PathSegment;
use crate::paths::{self, Reference};
use crate::position::SourcePosition;
use crate::rules;
use crate::schema::{self, SchemaKind};

pub const SETTINGS: &str = "settings.json";

/// One entry of `plugins` that names a package file.
#[derive(Debug, Clone)]
pub struct SettingsEntry {
    /// The entry's `id` and where it is written.
    pub id: Option<(String, SourcePosition)>,
    /// The package file, relative to `webapp2/`, when it is in the package.
    pub package_path: Option<String>,
}

/// Checks settings.json against the manifest; the plugin entries to follow.
pub fn check(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    manifest: Option<&ManifestFacts>,
) -> Vec<SettingsEntry> {
    if !lint.package.contains(SETTINGS) {
        if let Some(manifest) = manifest.filter(|facts| facts.settings_branded) {
            gathered.findings.push(rules::SETTINGS_MISSING.at(
                &manifest.settings_branded_position,
                "isSettingsBranded is true but the package has no settings.json",
            ));
        }
        return Vec::new();
    }
    gathered.referenced.insert(SETTINGS.to_owned());
    let Some(document) = lint.documents.get(SETTINGS) else {
        return Vec::new();
    };
    let (value, findings) = schema::validate(SchemaKind::Settings, document);
    gathered.findings.extend(findings);
    let plugins = value
        .get("plugins")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut entries = Vec::new();
    let mut first_ids: HashMap<String, u32> = HashMap::new();
    for (index, plugin) in plugins.iter().enumerate() {
        let Some(plugin) = plugin.as_object() else {
            continue;
        };
        let entry = check_entry(lint, gathered, index, plugin, &mut first_ids);
        entries.push(entry);
    }
    if !entries.is_empty() {
        check_manifest_flag(gathered, manifest);
    }
    entries
}

fn check_entry(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    index: usize,
    plugin: &serde_json::Map<String, Value>,
    first_ids: &mut HashMap<String, u32>,
) -> SettingsEntry {
    let Some(document) = lint.documents.get(SETTINGS) else {
        return SettingsEntry {
            id: None,
            package_path: None,
        };
    };
    let at = |key: &'static str| document.position_at(entry_path(index, Some(key)));
    let mut findings = Vec::new();
    if !plugin.contains_key("enabled") {
        findings.push(rules::SETTINGS_ENABLED_MISSING.at(
            &document.position_at(entry_path(index, None)),
            format!("`plugins[{index}]` does not say whether the plugin is `enabled`"),
        ));
    }
    let id = plugin
        .get("id")
        .and_then(Value::as_str)
        .map(|id| (id.to_owned(), at("id")));
    if let Some((id, position)) = &id {
        match first_ids.get(id) {
            Some(first_line) => findings.push(rules::SETTINGS_DUPLICATE_ID.at(
                position,
                format!("plugin id `{id}` is already used on line {first_line}"),
            )),
            None => {
                first_ids.insert(id.clone(), position.line);
            }
        }
    }
    let package_path = plugin
        .get("srcURL")
        .and_then(Value::as_str)
        .and_then(|src_url| resolve_package_file(lint, src_url, &at("srcURL"), &mut findings));
    gathered.findings.extend(findings);
    if let Some(path) = &package_path {
        gathered.referenced.insert(path.clone());
    }
    SettingsEntry { id, package_path }
}

fn resolve_package_file(
    lint: &Lint<'_>,
    src_url: &str,
    position: &SourcePosition,
    findings: &mut Vec<crate::finding::Finding>,
) -> Option<String> {
    match paths::resolve("", src_url) {
        Reference::InPackage(path) if lint.package.contains(&path) => Some(path),
        Reference::InPackage(path) => {
            let mut message = format!(
                "srcURL `{src_url}`: there is no file `{}`",
                lint.display_path(&path)
            );
            if let Some(similar) = similar_file(lint, &path) {
                message.push_str(&format!("; did you mean `{similar}`?"));
            }
            findings.push(rules::SETTINGS_SRC_URL_NOT_FOUND.at(position, message));
            None
        }
        Reference::External => {
            findings.push(rules::EXTERNAL_REFERENCE.at(
                position,
                format!("srcURL `{src_url}` is outside the package and is not checked"),
            ));
            None
        }
        Reference::OutsidePackage => {
            findings.push(rules::PATH_OUTSIDE_PACKAGE.at(
                position,
                format!("srcURL `{src_url}` climbs out of webapp2/"),
            ));
            None
        }
    }
}

/// A file of the package that differs from `path` only in letter case, or has the same name elsewhere.
pub fn similar_file(lint: &Lint<'_>, path: &str) -> Option<String> {
    let name = paths::file_name(path);
    lint.package
        .files()
        .map(|(candidate, _)| candidate)
        .find(|candidate| candidate.eq_ignore_ascii_case(path))
        .or_else(|| {
            lint.package
                .files()
                .map(|(candidate, _)| candidate)
                .find(|candidate| paths::file_name(candidate).eq_ignore_ascii_case(name))
        })
        .map(|candidate| lint.display_path(candidate))
}

fn check_manifest_flag(gathered: &mut Gathered, manifest: Option<&ManifestFacts>) {
    let Some(manifest) = manifest else { return };
    if !manifest.settings_branded {
        gathered.findings.push(rules::MANIFEST_SETTINGS_NOT_BRANDED.at(
            &manifest.settings_branded_position,
            "settings.json lists plugins but manifest.json does not set `isSettingsBranded` to true",
        ));
    }
}

fn entry_path(index: usize, key: Option<&'static str>) -> Vec<PathSegment<'static>> {
    let mut path = vec![PathSegment::key("plugins"), PathSegment::Index(index)];
    path.extend(key.map(PathSegment::key));
    path
}
