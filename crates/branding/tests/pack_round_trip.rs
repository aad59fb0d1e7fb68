//! `package` → `check` → clean; deterministic zips that differ only in manifest.json; brandingIDs that
//! always grow and are remembered beside the package; refusal of packages with errors.

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use plugboard_branding::pack::{package, PackError, PackOptions};
use plugboard_branding::{
    check_path, last_packaged, BrandingId, BrandingPackage, CheckOptions, Finding, Severity,
};
use support::fixtures::{broken_fixtures, copy_package, example_package};

/// An entry of a zip: name, bytes, modification time, unix mode.
type Entry = (String, Vec<u8>, Option<zip::DateTime>, Option<u32>);

/// Every entry of a zip, in archive order.
fn entries(path: &Path) -> Vec<Entry> {
    let file = std::fs::File::open(path).expect("the zip was written");
    let mut archive = zip::ZipArchive::new(file).expect("a valid zip");
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).expect("an entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("readable");
            let name = entry.name().expect("a UTF-8 name").into_owned();
            (name, bytes, entry.last_modified(), entry.unix_mode())
        })
        .collect()
}

/// Errors and warnings: the example package's unlisted broken plugin adds infos, which are no defects.
fn notable(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .collect()
}

fn manifest_of(path: &Path) -> serde_json::Value {
    let package = BrandingPackage::load(path).expect("the zip loads");
    serde_json::from_slice(package.file("manifest.json").expect("has a manifest"))
        .expect("valid JSON")
}

#[test]
fn a_packaged_zip_checks_clean_and_has_the_management_node_layout() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let output = dir.path().join("out.zip");
    let packed = package(&source, &output, &PackOptions::default()).expect("the example packages");
    let checked = check_path(&output, &CheckOptions::default()).expect("the zip exists");
    assert_eq!(notable(&checked.report.findings), Vec::<&Finding>::new());
    let names: Vec<String> = entries(&output)
        .into_iter()
        .map(|(name, ..)| name)
        .collect();
    assert!(
        names.iter().all(|name| name.starts_with("webapp2/")),
        "{names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    let manifest = manifest_of(&output);
    assert_eq!(
        manifest["brandingID"],
        serde_json::json!(packed.branding_id.to_string())
    );
    assert_eq!(manifest["isSettingsBranded"], serde_json::json!(true));
    assert_eq!(
        manifest["isStylesBranded"],
        serde_json::json!(false),
        "other keys are kept"
    );
}

#[test]
fn two_packagings_differ_only_in_manifest_json_and_ids_grow() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let first =
        package(&source, &dir.path().join("1.zip"), &PackOptions::default()).expect("packages");
    let second =
        package(&source, &dir.path().join("2.zip"), &PackOptions::default()).expect("packages");
    assert!(second.branding_id > first.branding_id);
    assert_eq!(last_packaged::recall(&source), Some(second.branding_id));
    let one: BTreeMap<_, _> = entries(&dir.path().join("1.zip"))
        .into_iter()
        .map(|e| (e.0.clone(), e))
        .collect();
    let two: BTreeMap<_, _> = entries(&dir.path().join("2.zip"))
        .into_iter()
        .map(|e| (e.0.clone(), e))
        .collect();
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&String> = one.keys().filter(|name| one[*name] != two[*name]).collect();
    assert_eq!(differing, ["webapp2/manifest.json"]);
    for (_, _, modified, mode) in one.values() {
        assert_eq!(
            *modified,
            Some(zip::DateTime::default()),
            "fixed timestamps"
        );
        assert_eq!(
            mode.map(|mode| mode & 0o777),
            Some(0o644),
            "fixed permissions"
        );
    }
}

#[test]
fn the_same_id_packages_byte_for_byte_identically() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let options = |id| PackOptions {
        branding_id: Some(BrandingId::new(id)),
    };
    package(&source, &dir.path().join("a.zip"), &options(5_000)).expect("packages");
    package(&source, &dir.path().join("b.zip"), &options(6_000)).expect("packages");
    std::fs::remove_dir_all(source.join(last_packaged::STATE_DIR)).expect("state exists");
    package(&source, &dir.path().join("c.zip"), &options(5_000)).expect("packages");
    let read = |name: &str| std::fs::read(dir.path().join(name)).expect("written");
    assert_eq!(read("a.zip"), read("c.zip"));
}

#[test]
fn an_explicit_id_equal_to_the_last_one_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let options = PackOptions {
        branding_id: Some(BrandingId::new(42)),
    };
    package(&source, &dir.path().join("a.zip"), &options).expect("packages");
    let again = package(&source, &dir.path().join("b.zip"), &options);
    assert!(matches!(again, Err(PackError::BrandingIdUnchanged(id)) if id == BrandingId::new(42)));
    assert!(!dir.path().join("b.zip").exists());
}

#[test]
fn the_default_id_is_greater_than_a_remembered_one_from_the_future() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let future = BrandingId::new(99_999_999_999_999);
    last_packaged::remember(&source, future).expect("writes the state");
    let packed =
        package(&source, &dir.path().join("a.zip"), &PackOptions::default()).expect("packages");
    assert_eq!(packed.branding_id, BrandingId::new(100_000_000_000_000));
}

#[test]
fn a_check_of_the_sources_warns_when_their_id_is_the_one_last_packaged() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let written = manifest_of(&source)["brandingID"]
        .as_str()
        .and_then(BrandingId::parse)
        .expect("the example has a numeric brandingID");
    let source_id = written;
    last_packaged::remember(&source, source_id).expect("writes the state");
    let checked = check_path(&source, &CheckOptions::default()).expect("exists");
    let codes: Vec<_> = notable(&checked.report.findings)
        .iter()
        .map(|f| (f.code, f.line))
        .collect();
    assert_eq!(codes, [("branding-id-unchanged", 2)]);
}

#[test]
fn previous_uploads_with_the_same_id_are_warned_about() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_package(&example_package(), dir.path());
    let packed = package(
        &source,
        &dir.path().join("old.zip"),
        &PackOptions::default(),
    )
    .expect("packages");
    let options = CheckOptions {
        previous: Some(packed.output.clone()),
        ..CheckOptions::default()
    };
    let same = check_path(&packed.output, &options).expect("exists");
    let codes: Vec<_> = notable(&same.report.findings)
        .iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["branding-id-unchanged"]);
    let fresh = check_path(&source, &options).expect("exists");
    assert_eq!(notable(&fresh.report.findings), Vec::<&Finding>::new());
}

#[test]
fn packages_with_errors_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let output = dir.path().join("out.zip");
    let refused = package(
        &broken_fixtures().join("json-trailing-comma"),
        &output,
        &PackOptions::default(),
    );
    let Err(PackError::HasErrors(checked)) = refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert_eq!(checked.report.findings[0].code, "json-trailing-comma");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("exists")
        .flatten()
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
