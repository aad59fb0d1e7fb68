//! Plugin package files: shape (schema), menu items, the script they name, and their ids against settings.json.

use jsonc_parser::ast::{Array, Object, Value as Node};

use super::javascript::MenuAction;
use super::settings::{similar_file, SettingsEntry};
use super::{icons, Gathered, Lint};
use crate::json::pointer::PathSegment;
use crate::json::JsonDocument;
use crate::paths::{self, Reference};
use crate::rules;
use crate::schema::{self, SchemaKind};

/// What a package file says about its plugin, for checking the script.
#[derive(Debug, Clone)]
pub struct PluginPackage {
    /// The package file, relative to `webapp2/`.
    pub package_path: String,
    pub id: Option<String>,
    /// The script, relative to `webapp2/`, when it is in the package.
    pub script_path: Option<String>,
    pub menu_actions: Vec<MenuAction>,
}

/// Checks the package file of every settings entry (each file once); the plugins found.
pub fn check_all(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    entries: &[SettingsEntry],
) -> Vec<PluginPackage> {
    let mut plugins: Vec<PluginPackage> = Vec::new();
    for entry in entries {
        let Some(path) = &entry.package_path else {
            continue;
        };
        let known = plugins
            .iter()
            .position(|plugin| &plugin.package_path == path);
        let index = match known {
            Some(index) => Some(index),
            None => check_one(lint, gathered, path).map(|plugin| {
                plugins.push(plugin);
                plugins.len() - 1
            }),
        };
        if let Some(plugin) = index.and_then(|index| plugins.get(index)) {
            check_ids_agree(lint, gathered, entry, plugin);
        }
    }
    plugins
}

fn check_ids_agree(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    entry: &SettingsEntry,
    plugin: &PluginPackage,
) {
    let (Some((settings_id, position)), Some(package_id)) = (&entry.id, &plugin.id) else {
        return;
    };
    if settings_id != package_id {
        gathered.findings.push(rules::SETTINGS_ID_MISMATCH.at(
            position,
            format!(
                "settings.json names the plugin `{settings_id}` but {} says `{package_id}`",
                lint.display_path(&plugin.package_path)
            ),
        ));
    }
}

fn check_one(lint: &Lint<'_>, gathered: &mut Gathered, path: &str) -> Option<PluginPackage> {
    let document = lint.documents.get(path)?;
    let (value, findings) = schema::validate(SchemaKind::PluginPackage, document);
    gathered.findings.extend(findings);
    let base_dir = paths::parent_dir(path);
    let mut menu_actions = Vec::new();
    let mut icon_references = Vec::new();
    if let Node::Object(root) = &document.root {
        if let Some(Node::Object(menu_items)) =
            root.get("menuItems").map(|property| &property.value)
        {
            gathered
                .findings
                .extend(multiple_location_findings(document, menu_items));
            collect_items(
                document,
                menu_items,
                &mut menu_actions,
                &mut icon_references,
            );
        }
    }
    let script_path = value
        .get("srcURL")
        .and_then(serde_json::Value::as_str)
        .and_then(|src_url| resolve_script(lint, gathered, document, base_dir, src_url));
    for (reference, position) in icon_references {
        icons::check(lint, gathered, base_dir, &reference, &position);
    }
    Some(PluginPackage {
        package_path: path.to_owned(),
        id: value
            .get("id")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned),
        script_path,
        menu_actions,
    })
}

fn multiple_location_findings(
    document: &JsonDocument<'_>,
    menu_items: &Object<'_>,
) -> Vec<crate::finding::Finding> {
    let used: Vec<_> = menu_items
        .properties
        .iter()
        .filter(
            |property| matches!(&property.value, Node::Array(items) if !items.elements.is_empty()),
        )
        .collect();
    let Some(first) = used.first() else {
        return Vec::new();
    };
    used.iter()
        .skip(1)
        .map(|property| {
            rules::MENU_LOCATIONS_MULTIPLE.at(
                &document.position_of(&property.name),
                format!(
                    "menu items under `{}` as well as under `{}`; Webapp2 shows a plugin in one place only",
                    property.name.as_str(),
                    first.name.as_str()
                ),
            )
        })
        .collect()
}

type IconReference = (String, crate::position::SourcePosition);

fn collect_items(
    document: &JsonDocument<'_>,
    menu_items: &Object<'_>,
    actions: &mut Vec<MenuAction>,
    icon_references: &mut Vec<IconReference>,
) {
    let lists = menu_items
        .properties
        .iter()
        .filter_map(|property| match &property.value {
            Node::Array(items) => Some(items),
            _ => None,
        });
    for item in lists.flat_map(|items: &Array<'_>| items.elements.iter()) {
        let Node::Object(item) = item else { continue };
        if let Some(action) = item.get_string("action") {
            let position = document.position_of(action);
            actions.push(MenuAction {
                action: action.value.to_string(),
                file: position.file,
                line: position.line,
                column: position.column,
            });
        }
        if let Some(icon) = item.get_string("icon") {
            icon_references.push((icon.value.to_string(), document.position_of(icon)));
        }
    }
}

fn resolve_script(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    document: &JsonDocument<'_>,
    base_dir: &str,
    src_url: &str,
) -> Option<String> {
    let position = document.position_at([PathSegment::key("srcURL")]);
    match paths::resolve(base_dir, src_url) {
        Reference::InPackage(path) if lint.package.contains(&path) => {
            gathered.referenced.insert(path.clone());
            Some(path)
        }
        Reference::InPackage(path) => {
            let mut message = format!(
                "srcURL `{src_url}`: there is no file `{}`",
                lint.display_path(&path)
            );
            if let Some(similar) = similar_file(lint, &path) {
                message.push_str(&format!("; did you mean `{similar}`?"));
            }
            gathered
                .findings
                .push(rules::PACKAGE_SRC_URL_NOT_FOUND.at(&position, message));
            None
        }
        Reference::External => {
            gathered.findings.push(rules::EXTERNAL_REFERENCE.at(
                &position,
                format!("srcURL `{src_url}` is outside the package and is not checked"),
            ));
            None
        }
        Reference::OutsidePackage => {
            gathered.findings.push(rules::PATH_OUTSIDE_PACKAGE.at(
                &position,
                format!("srcURL `{src_url}` climbs out of webapp2/"),
            ));
            None
        }
    }
}
