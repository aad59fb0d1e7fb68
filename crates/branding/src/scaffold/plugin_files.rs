//! The files of a new plugin, relative to its folder `webapp2/plugins/<name>/`: the package file, the
//! script, the icon, and a `jsconfig.json` that lets editors and `tsc` check the script against the typings.

use std::collections::BTreeMap;

use serde::Serialize;

use super::error::ScaffoldError;
use super::escape::{js_string, line_comment, xml_attribute};
use super::generated_file::GeneratedFile;
use super::location::MenuLocation;
use super::plugin_name::PluginName;
use super::template::{template, Template};
use super::typings::TYPINGS_FROM_PLUGIN;

const SCRIPT: Template = template!("plugin/plugin.js");

const ICON: Template = template!("plugin/icon.svg");

/// The plugin package file (seed document, "Plugin package file").
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackageFile<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    version: &'a str,
    #[serde(rename = "srcURL")]
    src_url: &'a str,
    allow_unload: bool,
    platforms: [&'a str; 1],
    participant_roles: [&'a str; 2],
    menu_items: BTreeMap<&'a str, [MenuItem<'a>; 1]>,
}

#[derive(Serialize)]
struct MenuItem<'a> {
    icon: &'a str,
    label: &'a str,
    action: &'a str,
}

#[derive(Serialize)]
struct JsConfig<'a> {
    #[serde(rename = "//")]
    note: &'a str,
    #[serde(rename = "compilerOptions")]
    compiler_options: CompilerOptions,
    files: [&'a str; 1],
    include: [&'a str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CompilerOptions {
    target: &'static str,
    lib: [&'static str; 2],
    allow_js: bool,
    check_js: bool,
    no_emit: bool,
    strict: bool,
    no_unused_locals: bool,
    types: [&'static str; 0],
}

/// The names a plugin's files and code use, derived from its name.
pub struct PluginNames {
    pub id: String,
    pub title: String,
    pub action: String,
    pub package_file: String,
    pub script_file: String,
    pub icon_file: String,
    /// `<icon file>#<id of its svg element>`.
    pub icon: String,
}

impl PluginNames {
    pub fn of(name: &PluginName) -> Self {
        let id = name.as_str().to_owned();
        Self {
            title: name.title(),
            action: name.action(),
            package_file: format!("{id}.plugin.package.json"),
            script_file: format!("{id}.plugin.js"),
            icon_file: format!("{id}.svg"),
            icon: format!("{id}.svg#{id}"),
            id,
        }
    }
}

/// Every file of the plugin `name` with its menu item in `location`.
pub fn plugin_files(
    name: &PluginName,
    location: MenuLocation,
) -> Result<Vec<GeneratedFile>, ScaffoldError> {
    let names = PluginNames::of(name);
    Ok(vec![
        GeneratedFile::new(&names.package_file, package_file(&names, location)?),
        GeneratedFile::new(&names.script_file, script(&names, location)?),
        GeneratedFile::new(
            &names.icon_file,
            ICON.render(&[("id_xml", &xml_attribute(&names.id))])?,
        ),
        GeneratedFile::new("jsconfig.json", jsconfig(&names)?),
    ])
}

fn package_file(names: &PluginNames, location: MenuLocation) -> Result<String, ScaffoldError> {
    let description = sentence(location.summary());
    let package = PackageFile {
        id: &names.id,
        name: &names.title,
        description: &description,
        version: "1.0.0",
        src_url: &names.script_file,
        allow_unload: true,
        platforms: ["web"],
        participant_roles: ["chair", "guest"],
        menu_items: BTreeMap::from([(
            location.key(),
            [MenuItem {
                icon: &names.icon,
                label: &names.title,
                action: &names.action,
            }],
        )]),
    };
    let mut text = serde_json::to_string_pretty(&package)?;
    text.push('\n');
    Ok(text)
}

fn script(names: &PluginNames, location: MenuLocation) -> Result<String, ScaffoldError> {
    // The action is an identifier made of the name's letters and digits (see `PluginName::action`).
    let action = &names.action;
    let action_function = location.action_template().render(&[("action", action)])?;
    Ok(SCRIPT.render(&[
        ("title", &line_comment(&names.title)),
        ("summary", &line_comment(location.summary())),
        ("package_file", &line_comment(&names.package_file)),
        ("id_js", &js_string(&names.id)),
        ("icon_js", &js_string(&names.icon)),
        ("label_js", &js_string(&names.title)),
        ("action", action),
        ("action_function", &action_function),
    ])?)
}

fn jsconfig(names: &PluginNames) -> Result<String, ScaffoldError> {
    let note = format!(
        "Editors check {} against Plugboard's typings of window.PEX with this file; on the command line: npx -p typescript tsc -p jsconfig.json",
        names.script_file
    );
    let config = JsConfig {
        note: &note,
        compiler_options: CompilerOptions {
            target: "es2017",
            lib: ["es2017", "dom"],
            allow_js: true,
            check_js: true,
            no_emit: true,
            strict: true,
            no_unused_locals: true,
            types: [],
        },
        files: [TYPINGS_FROM_PLUGIN],
        include: ["**/*.js"],
    };
    let mut text = serde_json::to_string_pretty(&config)?;
    text.push('\n');
    Ok(text)
}

/// `text` with an uppercase first letter.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}
