//! `plugboard new` as a library: the branding folder and plugins it creates (files, contents, valid JSON,
//! the settings.json entries), that they check clean, and what it refuses.

use std::fs;
use std::path::Path;

use plugboard_branding::pack::{package, PackOptions};
use plugboard_branding::scaffold::typings::PEX_D_TS;
use plugboard_branding::scaffold::{
    new_branding, new_plugin, MenuLocation, PluginName, ScaffoldError,
};
use plugboard_branding::settings_edit::SettingsEditError;
use plugboard_branding::{check_path, BrandingId, BrandingPackage, CheckOptions};
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ID: BrandingId = BrandingId::new(1_700_000_000_000);

fn name(text: &str) -> PluginName {
    PluginName::parse(text).expect("a valid test name")
}

fn json_file(path: &Path) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_str(&fs::read_to_string(path)?)?)
}

/// Every entry under `dir`, relative, sorted (folders end with `/`).
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("readable").flatten() {
            let path = entry.path();
            let relative = path
                .strip_prefix(dir)
                .expect("below dir")
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                found.push(format!("{relative}/"));
                pending.push(path);
            } else {
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_new_branding_folder_has_manifest_settings_plugins_readme_and_typings() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("branding");
    let created = new_branding(&root, ID)?;
    assert_eq!(created.branding_id, ID);
    assert_eq!(
        tree(&root),
        [
            ".gitignore",
            "README.md",
            "types/",
            "types/pex.d.ts",
            "webapp2/",
            "webapp2/manifest.json",
            "webapp2/plugins/",
            "webapp2/settings.json",
        ]
    );
    assert_eq!(
        json_file(&root.join("webapp2/manifest.json"))?,
        json!({
            "brandingID": "1700000000000",
            "isSettingsBranded": true,
            "isWatermarkBranded": false,
            "isStylesBranded": false
        })
    );
    assert_eq!(
        json_file(&root.join("webapp2/settings.json"))?,
        json!({"plugins": []})
    );
    assert_eq!(fs::read_to_string(root.join("types/pex.d.ts"))?, PEX_D_TS);
    assert!(fs::read_to_string(root.join(".gitignore"))?.contains(".plugboard/"));
    // Nothing is left beside it.
    assert_eq!(
        tree(dir.path())
            .iter()
            .filter(|p| !p.starts_with("branding"))
            .count(),
        0
    );
    let checked = check_path(&root, &CheckOptions::default())?;
    assert_eq!(checked.report.findings, []);
    Ok(())
}

#[test]
fn an_existing_empty_folder_is_filled() -> TestResult {
    let dir = tempfile::tempdir()?;
    new_branding(dir.path(), ID)?;
    assert!(dir.path().join("webapp2/manifest.json").is_file());
    assert!(!tree(dir.path())
        .iter()
        .any(|path| path.starts_with('.') && path != ".gitignore"));
    Ok(())
}

#[test]
fn a_folder_that_is_not_empty_or_not_a_folder_is_refused_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    fs::write(dir.path().join("notes.txt"), "mine")?;
    let error = new_branding(dir.path(), ID).err().ok_or("refused")?;
    assert!(matches!(error, ScaffoldError::NotEmpty(_)), "{error}");
    assert!(error.is_refusal());
    assert!(error
        .to_string()
        .contains("already exists and is not empty"));
    assert_eq!(tree(dir.path()), ["notes.txt"]);

    let file = dir.path().join("notes.txt");
    let error = new_branding(&file, ID).err().ok_or("refused")?;
    assert!(matches!(error, ScaffoldError::NotAFolder(_)), "{error}");
    assert_eq!(fs::read_to_string(&file)?, "mine");
    Ok(())
}

#[test]
fn a_plugin_in_each_location_checks_clean() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("b");
    new_branding(&root, ID)?;
    for (plugin, location) in [
        ("hello", MenuLocation::Toolbar),
        ("room-info", MenuLocation::Conference),
        ("who-2", MenuLocation::Participants),
    ] {
        let created = new_plugin(&root, &name(plugin), location)?;
        assert_eq!(created.folder, root.join("webapp2/plugins").join(plugin));
        assert_eq!(created.typings_written, None, "new branding wrote them");
        assert_eq!(
            created.files,
            [
                format!("{plugin}.plugin.package.json"),
                format!("{plugin}.plugin.js"),
                format!("{plugin}.svg"),
                "jsconfig.json".to_owned(),
            ]
        );
    }
    let checked = check_path(&root, &CheckOptions::default())?;
    assert_eq!(checked.report.findings, []);
    assert_eq!(checked.report.plugins.len(), 3);
    let settings = json_file(&root.join("webapp2/settings.json"))?;
    assert_eq!(
        settings,
        json!({"plugins": [
            {"id": "hello", "srcURL": "plugins/hello/hello.plugin.package.json", "enabled": true},
            {"id": "room-info", "srcURL": "plugins/room-info/room-info.plugin.package.json", "enabled": true},
            {"id": "who-2", "srcURL": "plugins/who-2/who-2.plugin.package.json", "enabled": true}
        ]})
    );
    Ok(())
}

#[test]
fn the_plugin_files_say_what_the_seed_document_asks() -> TestResult {
    let dir = tempfile::tempdir()?;
    new_branding(dir.path(), ID)?;
    new_plugin(dir.path(), &name("raise-hand"), MenuLocation::Participants)?;
    let folder = dir.path().join("webapp2/plugins/raise-hand");

    let package = json_file(&folder.join("raise-hand.plugin.package.json"))?;
    assert_eq!(
        package,
        json!({
            "id": "raise-hand",
            "name": "Raise Hand",
            "description": "An item of each participant's menu that opens a dialog about that participant",
            "version": "1.0.0",
            "srcURL": "raise-hand.plugin.js",
            "allowUnload": true,
            "platforms": ["web"],
            "participantRoles": ["chair", "guest"],
            "menuItems": {"participants": [
                {"icon": "raise-hand.svg#raise-hand", "label": "Raise Hand", "action": "openRaiseHand"}
            ]}
        })
    );

    let script = fs::read_to_string(folder.join("raise-hand.plugin.js"))?;
    assert!(script.starts_with("// Raise Hand: an item of each participant's menu"));
    for expected in [
        "(function () {\n  'use strict';",
        "var ID = 'raise-hand';",
        "PEX.pluginAPI.createNewState({})",
        "function load(participants$, conferenceDetails$) {",
        "subscription.unsubscribe();",
        "function openRaiseHand(participant) {",
        "PEX.pluginAPI\n      .openTemplateDialog({",
        "openRaiseHand: openRaiseHand,\n    state$: state$\n  });\n})();\n",
    ] {
        assert!(script.contains(expected), "{expected}\n---\n{script}");
    }
    assert!(!script.contains("{{"), "every placeholder is filled");

    let svg = fs::read_to_string(folder.join("raise-hand.svg"))?;
    let document = roxmltree::Document::parse(&svg)?;
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("id"), Some("raise-hand"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 24 24"));
    assert_eq!(root.attribute("stroke"), Some("currentColor"));

    let jsconfig = json_file(&folder.join("jsconfig.json"))?;
    assert_eq!(jsconfig["compilerOptions"]["checkJs"], json!(true));
    let typings = jsconfig["files"][0].as_str().ok_or("a path")?;
    assert_eq!(fs::read_to_string(folder.join(typings))?, PEX_D_TS);
    Ok(())
}

#[test]
fn each_location_passes_what_the_app_gives_its_action() -> TestResult {
    let dir = tempfile::tempdir()?;
    new_branding(dir.path(), ID)?;
    for (plugin, location, signature) in [
        ("a", MenuLocation::Toolbar, "function openA(participants) {"),
        ("b", MenuLocation::Conference, "function openB(details) {"),
        (
            "c",
            MenuLocation::Participants,
            "function openC(participant) {",
        ),
    ] {
        new_plugin(dir.path(), &name(plugin), location)?;
        let folder = dir.path().join("webapp2/plugins").join(plugin);
        let script = fs::read_to_string(folder.join(format!("{plugin}.plugin.js")))?;
        assert!(script.contains(signature), "{signature}");
        let package = json_file(&folder.join(format!("{plugin}.plugin.package.json")))?;
        let items = package["menuItems"].as_object().ok_or("menuItems")?;
        assert_eq!(items.keys().collect::<Vec<_>>(), [location.key()]);
        assert_eq!(items[location.key()].as_array().map(Vec::len), Some(1));
    }
    Ok(())
}

#[test]
fn the_webapp2_folder_works_as_dir_and_missing_typings_and_settings_are_written() -> TestResult {
    let dir = tempfile::tempdir()?;
    let webapp2 = dir.path().join("webapp2");
    fs::create_dir(&webapp2)?;
    fs::write(
        webapp2.join("manifest.json"),
        "{\"brandingID\": \"1\", \"isSettingsBranded\": true}\n",
    )?;
    let created = new_plugin(&webapp2, &name("hello"), MenuLocation::Toolbar)?;
    assert_eq!(
        created.typings_written,
        Some(dir.path().join("types/pex.d.ts"))
    );
    assert_eq!(
        json_file(&webapp2.join("settings.json"))?,
        json!({"plugins": [
            {"id": "hello", "srcURL": "plugins/hello/hello.plugin.package.json", "enabled": true}
        ]})
    );
    let checked = check_path(dir.path(), &CheckOptions::default())?;
    assert_eq!(checked.report.findings, []);
    Ok(())
}

#[test]
fn settings_json_keeps_everything_else() -> TestResult {
    let dir = tempfile::tempdir()?;
    new_branding(dir.path(), ID)?;
    let settings = dir.path().join("webapp2/settings.json");
    fs::write(
        &settings,
        "{\n    \"applicationSettings\": {\"z\": 1, \"a\": 2},\n    \"plugins\": []\n}\n",
    )?;
    new_plugin(dir.path(), &name("hello"), MenuLocation::Toolbar)?;
    assert_eq!(
        fs::read_to_string(&settings)?,
        "{\n    \"applicationSettings\": {\"z\": 1, \"a\": 2},\n    \"plugins\": [\n        {\n            \"id\": \"hello\",\n            \"srcURL\": \"plugins/hello/hello.plugin.package.json\",\n            \"enabled\": true\n        }\n    ]\n}\n"
    );
    Ok(())
}

#[test]
fn an_existing_plugin_folder_or_id_is_refused_and_nothing_changes() -> TestResult {
    let dir = tempfile::tempdir()?;
    new_branding(dir.path(), ID)?;
    new_plugin(dir.path(), &name("hello"), MenuLocation::Toolbar)?;
    let settings = dir.path().join("webapp2/settings.json");
    let before = fs::read_to_string(&settings)?;
    let files_before = tree(dir.path());

    let error = new_plugin(dir.path(), &name("hello"), MenuLocation::Conference)
        .err()
        .ok_or("refused")?;
    assert!(matches!(error, ScaffoldError::PluginExists(_)), "{error}");
    assert!(error.is_refusal());

    // The id is listed, though its folder is gone.
    fs::remove_dir_all(dir.path().join("webapp2/plugins/hello"))?;
    let error = new_plugin(dir.path(), &name("hello"), MenuLocation::Toolbar)
        .err()
        .ok_or("refused")?;
    assert!(
        matches!(
            &error,
            ScaffoldError::Settings {
                source: SettingsEditError::AlreadyRegistered(id),
                ..
            } if id == "hello"
        ),
        "{error}"
    );
    assert!(error.is_refusal());
    assert!(error
        .to_string()
        .ends_with("settings.json already lists a plugin with the id `hello`"));
    assert_eq!(fs::read_to_string(&settings)?, before);
    assert_eq!(
        tree(dir.path()),
        files_before
            .into_iter()
            .filter(|path| !path.starts_with("webapp2/plugins/hello"))
            .collect::<Vec<_>>()
    );
    Ok(())
}

#[test]
fn a_settings_json_that_cannot_be_edited_stops_before_writing() -> TestResult {
    let dir = tempfile::tempdir()?;
    new_branding(dir.path(), ID)?;
    fs::write(dir.path().join("webapp2/settings.json"), "{\"plugins\": [")?;
    let error = new_plugin(dir.path(), &name("hello"), MenuLocation::Toolbar)
        .err()
        .ok_or("refused")?;
    assert!(
        error.to_string().contains("cannot be read as JSON"),
        "{error}"
    );
    assert!(!error.is_refusal());
    assert!(!dir.path().join("webapp2/plugins/hello").exists());
    assert_eq!(
        fs::read_dir(dir.path().join("webapp2/plugins"))?.count(),
        0,
        "no staging folder is left"
    );
    Ok(())
}

#[test]
fn a_folder_without_webapp2_is_not_a_branding_folder() -> TestResult {
    let dir = tempfile::tempdir()?;
    let error = new_plugin(dir.path(), &name("hello"), MenuLocation::Toolbar)
        .err()
        .ok_or("refused")?;
    assert!(
        matches!(error, ScaffoldError::NotABrandingFolder(_)),
        "{error}"
    );
    assert!(error.is_refusal());
    assert_eq!(tree(dir.path()), Vec::<String>::new());
    Ok(())
}

#[test]
fn jsconfig_files_are_neither_checked_nor_packaged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("b");
    new_branding(&root, ID)?;
    new_plugin(&root, &name("hello"), MenuLocation::Toolbar)?;
    let loaded = BrandingPackage::load(&root)?;
    assert!(loaded.file("plugins/hello/hello.plugin.js").is_some());
    assert!(loaded.file("plugins/hello/jsconfig.json").is_none());
    let zip = dir.path().join("b.zip");
    package(&root, &zip, &PackOptions::default())?;
    let zipped = BrandingPackage::load(&zip)?;
    let names: Vec<_> = zipped.files().map(|(path, _)| path.to_owned()).collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "plugins/hello/hello.plugin.js",
            "plugins/hello/hello.plugin.package.json",
            "plugins/hello/hello.svg",
            "settings.json",
        ]
    );
    Ok(())
}
