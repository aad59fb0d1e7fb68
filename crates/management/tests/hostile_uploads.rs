//! Every hostile archive the branding crate refuses is refused over HTTP too, with its finding and
//! nothing stored; a package with lint errors is refused with its findings.

mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::fixtures::broken_fixtures;
use support::packages::{deflated_zip, zip_package};
use support::raw_zip::{build, valid_package, RawEntry};
use support::Node;

fn with(entry: RawEntry) -> Vec<RawEntry> {
    let mut entries = valid_package();
    entries.push(entry);
    entries
}

/// The hostile archives of the branding crate's tests, with the finding code each is refused with.
fn hostile_archives() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut non_utf8 = RawEntry::named(b"webapp2/\xff\xfe.js", b"x");
    non_utf8.flags = 0;
    let mut encrypted = RawEntry::file("webapp2/secret.js", b"xxxxxxxxxxxx");
    encrypted.flags |= 1;
    let mut overlapping = RawEntry::file("webapp2/again.json", b"");
    overlapping.shares_local_header_of = Some(0);
    let mut many = valid_package();
    many.extend((0..10_000).map(|index| RawEntry::file(&format!("webapp2/f/{index}.txt"), b"")));
    let mut huge = RawEntry::file("webapp2/bomb.js", &[0x03, 0x00]);
    huge.method = 8;
    huge.declared_size = Some(4_000_000_000);
    let mut ratio = RawEntry::file("webapp2/bomb.js", &[0x03, 0x00]);
    ratio.method = 8;
    ratio.declared_size = Some(8 * 1024 * 1024);
    vec![
        (
            "traversal",
            build(&with(RawEntry::file("webapp2/../../evil.js", b"x"))),
            "zip-unsafe-path",
        ),
        (
            "parent",
            build(&with(RawEntry::file("../evil.js", b"x"))),
            "zip-unsafe-path",
        ),
        (
            "absolute",
            build(&with(RawEntry::file("/etc/cron.d/evil", b"x"))),
            "zip-unsafe-path",
        ),
        (
            "drive",
            build(&with(RawEntry::file("C:/evil.js", b"x"))),
            "zip-unsafe-path",
        ),
        (
            "backslashes",
            build(&with(RawEntry::file("webapp2\\..\\evil.js", b"x"))),
            "zip-unsafe-path",
        ),
        (
            "symlink",
            build(&with(RawEntry::symlink(
                "webapp2/plugins/x.js",
                "/etc/passwd",
            ))),
            "zip-symlink",
        ),
        (
            "duplicate",
            build(&with(RawEntry::file(
                "webapp2/settings.json",
                br#"{"plugins": []}"#,
            ))),
            "zip-duplicate-entry",
        ),
        (
            "normalized duplicate",
            build(&with(RawEntry::file("webapp2/./settings.json", b"{}"))),
            "zip-duplicate-entry",
        ),
        ("non-UTF-8 name", build(&with(non_utf8)), "non-utf8-name"),
        ("encrypted", build(&with(encrypted)), "zip-encrypted"),
        (
            "overlapping",
            build(&with(overlapping)),
            "zip-overlapping-entries",
        ),
        ("too many entries", build(&many), "too-many-files"),
        ("huge declared size", build(&with(huge)), "file-too-large"),
        (
            "declared ratio",
            build(&with(ratio)),
            "zip-compression-ratio",
        ),
        (
            "real bomb",
            deflated_zip("webapp2/bomb.js", &vec![0u8; 4 * 1024 * 1024]),
            "zip-compression-ratio",
        ),
        (
            "damaged",
            b"PK\x03\x04 definitely not a zip".to_vec(),
            "zip-unreadable",
        ),
        ("empty", Vec::new(), "zip-unreadable"),
    ]
}

fn codes(body: &Value) -> Vec<String> {
    body["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|finding| finding["code"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn hostile_archives_are_refused_and_nothing_is_stored() {
    let node = Node::start();
    for (what, zip, code) in hostile_archives() {
        let body = node
            .upload(what, &zip)
            .await
            .expect(StatusCode::BAD_REQUEST)
            .json();
        assert_eq!(codes(&body), [code], "{what}: {body}");
        let lines = body["branding_file"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(lines.len(), 1, "{what}: {body}");
        let line = lines[0].as_str().unwrap_or_default();
        assert!(line.contains(&format!(":1:1 {code} ")), "{what}: {line}");
    }
    assert_eq!(node.branding_count().await, 0);
}

/// `tests/fixtures/branding/broken/<code>/` holds a package with one defect, listed in `expected.txt`
/// as `severity code file:line:column`. Zipped and uploaded, those with an error are refused with it;
/// the others (warnings, infos) are stored.
#[tokio::test]
async fn packages_with_lint_errors_are_refused_with_their_findings() {
    let node = Node::start();
    let mut fixtures: Vec<_> = std::fs::read_dir(broken_fixtures())
        .expect("the fixtures exist")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 40);
    let mut stored = 0;
    for fixture in fixtures {
        let expected = std::fs::read_to_string(fixture.join("expected.txt")).unwrap_or_default();
        let errors: Vec<(String, String)> = expected
            .lines()
            .filter_map(|line| line.strip_prefix("error "))
            .filter_map(|line| line.split_once(' '))
            .map(|(code, place)| (code.to_owned(), place.to_owned()))
            .collect();
        let zip = zip_package(&fixture);
        let answer = node.upload("fixture", &zip).await;
        let name = fixture.display();
        if errors.is_empty() {
            answer.expect(StatusCode::CREATED);
            stored += 1;
            continue;
        }
        let body = answer.expect(StatusCode::BAD_REQUEST).json();
        let lines: Vec<&str> = body["branding_file"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (code, place) in &errors {
            let prefix = format!("{place} {code} ");
            assert!(
                lines.iter().any(|line| line.starts_with(&prefix)),
                "{name}: no `{prefix}…` in {lines:?}"
            );
            let finding = body["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|finding| finding["code"] == code.as_str());
            let finding = finding.cloned().unwrap_or_default();
            assert_eq!(finding["severity"], "error", "{name}: {body}");
            assert!(
                finding["message"].is_string() && finding["line"].is_u64(),
                "{name}"
            );
        }
    }
    assert_eq!(node.branding_count().await, stored);
}
