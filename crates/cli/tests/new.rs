//! `plugboard new branding` and `plugboard new plugin` as users run them: what they print, that what they
//! create passes `plugboard check --strict` (and `tsc` against the typings, when the test packages are
//! installed), and the refusals (exit 2) with their messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn plugboard_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plugboard"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the plugboard binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts the exit status and returns stdout and stderr.
fn expect_status(output: &Output, code: i32) -> (String, String) {
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

const LOCATIONS: [(&str, &str); 3] = [
    ("hello", "toolbar"),
    ("room-info", "conference"),
    ("who", "participants"),
];

/// `new branding b` then a plugin in each location, in `dir`.
fn scaffold(dir: &Path) {
    let (stdout, _) = expect_status(&plugboard_in(dir, &["new", "branding", "b"]), 0);
    assert!(
        stdout.starts_with("created the branding package b (brandingID "),
        "{stdout}"
    );
    assert!(stdout.contains("  webapp2/manifest.json\n"), "{stdout}");
    for (name, location) in LOCATIONS {
        let output = plugboard_in(
            dir,
            &["new", "plugin", name, "--location", location, "--dir", "b"],
        );
        let (stdout, _) = expect_status(&output, 0);
        assert!(
            stdout.starts_with(&format!("created the plugin `{name}` ({location} menu)")),
            "{stdout}"
        );
        assert!(
            stdout.contains(&format!("  {name}.plugin.js\n")),
            "{stdout}"
        );
    }
}

#[test]
fn new_branding_and_a_plugin_in_each_location_check_clean() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    scaffold(dir.path());
    let (stdout, _) = expect_status(&plugboard_in(dir.path(), &["check", "b", "--strict"]), 0);
    assert_eq!(stdout, "b: clean (3 plugins checked)\n");
    let settings =
        std::fs::read_to_string(dir.path().join("b/webapp2/settings.json")).expect("settings.json");
    let value: serde_json::Value = serde_json::from_str(&settings).expect("valid JSON");
    let ids: Vec<_> = value["plugins"]
        .as_array()
        .expect("plugins")
        .iter()
        .map(|entry| entry["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["hello", "room-info", "who"]);
}

#[test]
fn new_plugin_defaults_to_a_toolbar_item_in_the_current_folder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    expect_status(&plugboard_in(dir.path(), &["new", "branding", "b"]), 0);
    let branding = dir.path().join("b");
    expect_status(&plugboard_in(&branding, &["new", "plugin", "hello"]), 0);
    let package =
        std::fs::read_to_string(branding.join("webapp2/plugins/hello/hello.plugin.package.json"))
            .expect("the package file");
    let value: serde_json::Value = serde_json::from_str(&package).expect("valid JSON");
    assert_eq!(value["menuItems"]["toolbar"][0]["action"], "openHello");
    // From inside webapp2/ too.
    expect_status(
        &plugboard_in(&branding.join("webapp2"), &["new", "plugin", "second"]),
        0,
    );
    expect_status(&plugboard_in(&branding, &["check", ".", "--strict"]), 0);
}

#[test]
fn the_generated_plugins_type_check_against_the_typings() {
    let tsc = workspace().join("tests/node_modules/.bin/tsc");
    if !tsc.exists() {
        eprintln!(
            "skipped: {} is not installed (cargo xtask test installs it)",
            tsc.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    scaffold(dir.path());
    for (name, _) in LOCATIONS {
        let config = dir
            .path()
            .join("b/webapp2/plugins")
            .join(name)
            .join("jsconfig.json");
        let output = Command::new(&tsc)
            .arg("-p")
            .arg(&config)
            .output()
            .expect("tsc runs");
        expect_status(&output, 0);
    }
}

#[test]
fn a_folder_that_exists_and_is_not_empty_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("b")).expect("mkdir");
    std::fs::write(dir.path().join("b/notes.txt"), "mine").expect("write");
    let (_, stderr) = expect_status(&plugboard_in(dir.path(), &["new", "branding", "b"]), 2);
    assert_eq!(
        stderr,
        "error: b already exists and is not empty; give a new folder (or an empty one)\n"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path().join("b"))
        .expect("readable")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert_eq!(left, ["notes.txt"]);
}

#[test]
fn an_existing_plugin_and_a_folder_without_webapp2_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    expect_status(&plugboard_in(dir.path(), &["new", "branding", "b"]), 0);
    expect_status(
        &plugboard_in(dir.path(), &["new", "plugin", "hello", "--dir", "b"]),
        0,
    );

    let again = plugboard_in(dir.path(), &["new", "plugin", "hello", "--dir", "b"]);
    let (_, stderr) = expect_status(&again, 2);
    assert!(
        stderr.starts_with("error: b/webapp2/plugins/hello already exists;"),
        "{stderr}"
    );

    std::fs::remove_dir_all(dir.path().join("b/webapp2/plugins/hello")).expect("rm");
    let listed = plugboard_in(dir.path(), &["new", "plugin", "hello", "--dir", "b"]);
    let (_, stderr) = expect_status(&listed, 2);
    assert_eq!(
        stderr,
        "error: b/webapp2/settings.json already lists a plugin with the id `hello`\n"
    );

    let elsewhere = plugboard_in(dir.path(), &["new", "plugin", "hello"]);
    let (_, stderr) = expect_status(&elsewhere, 2);
    assert!(
        stderr.starts_with("error: . is not a branding folder: it has no webapp2/ folder"),
        "{stderr}"
    );
}

#[test]
fn bad_names_and_locations_are_usage_errors() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    expect_status(&plugboard_in(dir.path(), &["new", "branding", "b"]), 0);
    for (name, reason) in [
        ("Hello", "`H` is uppercase"),
        ("my_plugin", "`_` is not allowed"),
        ("2fa", "it does not start with a letter"),
        ("../up", "`.` is not allowed"),
    ] {
        let output = plugboard_in(dir.path(), &["new", "plugin", name, "--dir", "b"]);
        let (_, stderr) = expect_status(&output, 2);
        assert!(
            stderr.contains(&format!("`{name}` is not a plugin name: {reason}; use lowercase letters, digits and hyphens")),
            "{stderr}"
        );
    }
    let output = plugboard_in(
        dir.path(),
        &["new", "plugin", "x", "--location", "sidebar", "--dir", "b"],
    );
    let (_, stderr) = expect_status(&output, 2);
    assert!(
        stderr.contains("[possible values: toolbar, conference, participants]"),
        "{stderr}"
    );
    let plugins = std::fs::read_dir(dir.path().join("b/webapp2/plugins")).expect("readable");
    assert_eq!(plugins.count(), 0, "nothing was created");
}
