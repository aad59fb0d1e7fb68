//! Zips are hostile input: each attack is refused with one clear error finding, and nothing is written to
//! disk while reading (the archive is read into memory under limits).

mod support;

use std::path::{Path, PathBuf};

use plugboard_branding::{
    check_path, BrandingPackage, CheckOptions, Finding, Limits, LoadError, Severity,
};
use support::raw_zip::{build, valid_package, RawEntry};

fn write_zip(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the temporary folder is writable");
    path
}

fn findings_of(path: &Path, limits: Limits) -> Vec<Finding> {
    let options = CheckOptions {
        limits,
        ..CheckOptions::default()
    };
    check_path(path, &options)
        .expect("the path exists")
        .report
        .findings
}

/// The archive is refused as a whole: exactly one finding, an error with `code`, naming `file`.
fn assert_refused(entries: &[RawEntry], code: &str, file: &str) {
    assert_refused_with(&build(entries), code, file, Limits::default());
}

fn assert_refused_with(bytes: &[u8], code: &str, file: &str, limits: Limits) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write_zip(dir.path(), "hostile.zip", bytes);
    let before = listing(dir.path());
    let findings = findings_of(&path, limits);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(findings[0].code, code, "{findings:#?}");
    assert_eq!(findings[0].file, file);
    assert_eq!((findings[0].line, findings[0].column), (1, 1));
    assert_eq!(
        listing(dir.path()),
        before,
        "nothing is written beside the archive"
    );
    assert!(matches!(
        BrandingPackage::load_with_limits(&path, limits),
        Err(LoadError::Rejected(_))
    ));
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walk(dir);
    paths.sort();
    paths
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

fn with(entry: RawEntry) -> Vec<RawEntry> {
    let mut entries = valid_package();
    entries.push(entry);
    entries
}

#[test]
fn the_valid_base_archive_loads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write_zip(dir.path(), "ok.zip", &build(&valid_package()));
    assert_eq!(findings_of(&path, Limits::default()), []);
}

#[test]
fn parent_directory_traversal_is_refused() {
    assert_refused(
        &with(RawEntry::file("webapp2/../../evil.js", b"x")),
        "zip-unsafe-path",
        "webapp2/../../evil.js",
    );
    assert_refused(
        &with(RawEntry::file("../evil.js", b"x")),
        "zip-unsafe-path",
        "../evil.js",
    );
}

#[test]
fn absolute_paths_and_drive_letters_are_refused() {
    assert_refused(
        &with(RawEntry::file("/etc/cron.d/evil", b"x")),
        "zip-unsafe-path",
        "/etc/cron.d/evil",
    );
    assert_refused(
        &with(RawEntry::file("C:/evil.js", b"x")),
        "zip-unsafe-path",
        "C:/evil.js",
    );
    assert_refused(
        &with(RawEntry::file("webapp2\\..\\evil.js", b"x")),
        "zip-unsafe-path",
        "webapp2\\\\..\\\\evil.js",
    );
}

#[test]
fn symbolic_links_are_refused() {
    assert_refused(
        &with(RawEntry::symlink("webapp2/plugins/x.js", "/etc/passwd")),
        "zip-symlink",
        "webapp2/plugins/x.js",
    );
}

#[test]
fn duplicate_names_are_refused() {
    let entries = with(RawEntry::file(
        "webapp2/settings.json",
        br#"{"plugins": [{"id": "evil"}]}"#,
    ));
    assert_refused(&entries, "zip-duplicate-entry", "hostile.zip");
}

#[test]
fn names_that_collide_after_normalization_are_refused() {
    let entries = with(RawEntry::file("webapp2/./settings.json", b"{}"));
    assert_refused(&entries, "zip-duplicate-entry", "webapp2/settings.json");
}

#[test]
fn non_utf8_names_are_refused() {
    let mut entry = RawEntry::named(b"webapp2/\xff\xfe.js", b"x");
    entry.flags = 0;
    assert_refused(&with(entry), "non-utf8-name", "webapp2/\u{fffd}\u{fffd}.js");
}

#[test]
fn encrypted_entries_are_refused() {
    let mut entry = RawEntry::file("webapp2/secret.js", b"xxxxxxxxxxxx");
    entry.flags |= 1;
    assert_refused(&with(entry), "zip-encrypted", "webapp2/secret.js");
}

#[test]
fn overlapping_entries_are_refused() {
    let mut entry = RawEntry::file("webapp2/again.json", b"");
    entry.shares_local_header_of = Some(0);
    assert_refused(&with(entry), "zip-overlapping-entries", "hostile.zip");
}

#[test]
fn too_many_entries_are_refused() {
    let mut entries = valid_package();
    entries.extend((0..10_000).map(|index| RawEntry::file(&format!("webapp2/f/{index}.txt"), b"")));
    assert_refused(&entries, "too-many-files", "hostile.zip");
}

#[test]
fn an_entry_declaring_a_huge_size_is_refused_before_it_is_inflated() {
    let mut entry = RawEntry::file("webapp2/bomb.js", &[0x03, 0x00]);
    entry.method = 8;
    entry.declared_size = Some(4_000_000_000);
    assert_refused(&with(entry), "file-too-large", "webapp2/bomb.js");
}

#[test]
fn a_declared_compression_ratio_beyond_the_limit_is_refused() {
    let mut entry = RawEntry::file("webapp2/bomb.js", &[0x03, 0x00]);
    entry.method = 8;
    entry.declared_size = Some(8 * 1024 * 1024);
    assert_refused(&with(entry), "zip-compression-ratio", "webapp2/bomb.js");
}

/// A real zip bomb: zeros that deflate a thousandfold. With honest headers the ratio is refused before
/// inflating; with headers that lie about the size, inflating stops at the declared size.
#[test]
fn real_zip_bombs_are_refused() {
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let honest = deflated_zip("webapp2/bomb.js", &zeros);
    assert_refused_with(
        &honest,
        "zip-compression-ratio",
        "webapp2/bomb.js",
        Limits::default(),
    );
    let lying = with_declared_size(&honest, 1000);
    assert_refused_with(
        &lying,
        "zip-unreadable",
        "webapp2/bomb.js",
        Limits::default(),
    );
}

#[test]
fn total_size_is_bounded() {
    let limits = Limits {
        max_total_bytes: 1024,
        ..Limits::default()
    };
    let entries = with(RawEntry::file("webapp2/big.js", &[b'x'; 2000]));
    assert_refused_with(&build(&entries), "package-too-large", "hostile.zip", limits);
}

#[test]
fn files_outside_webapp2_are_reported_and_ignored() {
    let mut entries = valid_package();
    entries.push(RawEntry::file("README.txt", b"hello"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write_zip(dir.path(), "extra.zip", &build(&entries));
    let findings = findings_of(&path, Limits::default());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        (findings[0].code, findings[0].file.as_str()),
        ("file-outside-webapp2", "README.txt")
    );
    let package = BrandingPackage::load(&path).expect("loads");
    assert!(package.file("README.txt").is_none());
    assert!(package.file("settings.json").is_some());
}

#[test]
fn archives_without_a_top_level_webapp2_folder_are_errors() {
    let entries = vec![
        RawEntry::file("manifest.json", br#"{"brandingID": "1"}"#),
        RawEntry::file("settings.json", br#"{"plugins": []}"#),
    ];
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write_zip(dir.path(), "flat.zip", &build(&entries));
    let findings = findings_of(&path, Limits::default());
    let codes: Vec<_> = findings.iter().map(|f| (f.code, f.file.as_str())).collect();
    assert_eq!(codes, [("zip-layout", "flat.zip")]);
}

#[test]
fn damaged_archives_are_errors() {
    assert_refused_with(
        b"PK\x03\x04 definitely not a zip",
        "zip-unreadable",
        "hostile.zip",
        Limits::default(),
    );
}

fn deflated_zip(name: &str, data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for entry in valid_package() {
        writer
            .start_file(String::from_utf8_lossy(&entry.name), options)
            .expect("start");
        writer.write_all(&entry.data).expect("write");
    }
    writer.start_file(name, options).expect("start");
    writer.write_all(data).expect("write");
    writer.finish().expect("finish").into_inner()
}

/// The archive with the uncompressed size of its last entry rewritten to `size` in both headers.
fn with_declared_size(bytes: &[u8], size: u32) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    let local = last_signature(&bytes, 0x0403_4b50);
    bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    let central = last_signature(&bytes, 0x0201_4b50);
    bytes[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
    bytes
}

fn last_signature(bytes: &[u8], signature: u32) -> usize {
    let needle = signature.to_le_bytes();
    bytes
        .windows(4)
        .rposition(|window| window == needle)
        .expect("the signature is present")
}
