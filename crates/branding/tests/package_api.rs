//! The loaded-package API the server uses: files relative to `webapp2/`, from a branding folder, its
//! `webapp2/` folder, or a zip.

mod support;

use plugboard_branding::pack::{package, PackOptions};
use plugboard_branding::{BrandingPackage, LoadError};
use support::fixtures::{copy_package, example_package};

const SCRIPT: &str = "plugins/meeting-tools/meeting-tools.plugin.js";

#[test]
fn a_branding_folder_its_webapp2_folder_and_a_zip_hold_the_same_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let zip = dir.path().join("out.zip");
    package(&source, &zip, &PackOptions::default()).expect("packages");
    let from_root = BrandingPackage::load(&source).expect("loads");
    let from_webapp2 = BrandingPackage::load(source.join("webapp2")).expect("loads");
    let from_zip = BrandingPackage::load(&zip).expect("loads");
    let names = |package: &BrandingPackage| {
        package
            .files()
            .map(|(path, _)| path.to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&from_root), names(&from_webapp2));
    assert_eq!(names(&from_root), names(&from_zip));
    assert!(names(&from_root).contains(&"settings.json".to_owned()));
    assert_eq!(from_root.file(SCRIPT), from_zip.file(SCRIPT));
    assert!(from_root
        .file(SCRIPT)
        .is_some_and(|bytes| bytes.starts_with(b"// Meeting tools")));
    assert_eq!(
        from_root.display_path("settings.json"),
        "webapp2/settings.json"
    );
    assert_eq!(from_webapp2.display_path("settings.json"), "settings.json");
    assert_eq!(
        from_zip.display_path("settings.json"),
        "webapp2/settings.json"
    );
    assert!(from_root.file("../Cargo.toml").is_none());
}

#[test]
fn a_missing_path_is_not_found() {
    let missing = BrandingPackage::load("/nonexistent/branding");
    assert!(matches!(missing, Err(LoadError::NotFound(_))));
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_folders_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    std::os::unix::fs::symlink("/etc/passwd", source.join("webapp2/passwd")).expect("can link");
    let package = BrandingPackage::load(&source).expect("loads");
    assert!(package.file("passwd").is_none());
    let codes: Vec<_> = package
        .load_findings()
        .iter()
        .map(|f| (f.code, f.file.as_str()))
        .collect();
    assert_eq!(codes, [("symlink-ignored", "webapp2/passwd")]);
}
