//! The branding files the app reads at start, carried in its page as
//! `<script type="application/json" id="plugboard-branding">{"files":{…}}</script>`.

mod support;

use std::sync::Arc;

use axum::http::StatusCode;
use plugboard_server::{Branding, WebApps};
use serde_json::{Map, Value};
use support::web_apps;

const ELEMENT_START: &str = "id=\"plugboard-branding\">";
const MANIFEST: &str = r#"{"brandingID":"1","isSettingsBranded":true}"#;

async fn get(web_apps: WebApps, path: &str) -> (StatusCode, String) {
    support::text_of(support::get(web_apps, path).await).await
}

/// The `files` the page carries, or `None` when it has no `plugboard-branding` element.
fn files_in(page: &str) -> Option<Map<String, Value>> {
    let start = page.find(ELEMENT_START)? + ELEMENT_START.len();
    let end = start + page[start..].find("</script>").unwrap();
    let json: Value = serde_json::from_str(&page[start..end]).unwrap();
    Some(json["files"].as_object().unwrap().clone())
}

fn paths_of(files: &Map<String, Value>) -> Vec<&str> {
    files.keys().map(String::as_str).collect()
}

/// A branding folder in a tempdir with `files` (relative to `webapp2/`).
fn folder(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Branding) {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = dir.path().join("webapp2").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("webapp2")).unwrap();
    let branding = Branding::load(dir.path()).unwrap();
    (dir, branding)
}

fn settings_listing(src_urls: &[&str]) -> Vec<u8> {
    let plugins: Vec<Value> = src_urls
        .iter()
        .enumerate()
        .map(|(i, src)| serde_json::json!({"id": format!("p{i}"), "srcURL": src, "enabled": true}))
        .collect();
    serde_json::to_vec(&serde_json::json!({ "plugins": plugins })).unwrap()
}

#[tokio::test]
async fn the_example_page_carries_the_start_up_files_as_served() {
    let (status, page) = get(web_apps(Branding::Example), "/webapp2/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches(ELEMENT_START).count(), 1, "{page}");
    let base = page.find("<base href=\"/webapp2/\">").unwrap();
    assert!(base < page.find(ELEMENT_START).unwrap());

    let files = files_in(&page).unwrap();
    let (_, settings) = get(
        web_apps(Branding::Example),
        "/webapp2/custom_configuration/settings.json",
    )
    .await;
    let settings: Value = serde_json::from_str(&settings).unwrap();
    let mut expected = vec!["manifest.json".to_owned(), "settings.json".to_owned()];
    for plugin in settings["plugins"].as_array().unwrap() {
        expected.push(plugin["srcURL"].as_str().unwrap().to_owned());
    }
    expected.sort();
    assert_eq!(paths_of(&files), expected);

    for (path, text) in &files {
        let (status, served) = get(
            web_apps(Branding::Example),
            &format!("/webapp2/custom_configuration/{path}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(text.as_str(), Some(served.as_str()), "{path}");
    }
}

#[tokio::test]
async fn a_file_containing_a_closing_script_tag_cannot_end_the_element() {
    let package = r#"{"id":"p0","name":"</script><script>alert(1)</script>","srcURL":"p.js"}"#;
    let (_dir, branding) = folder(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("settings.json", &settings_listing(&["plugins/p/p.json"])),
        ("plugins/p/p.json", package.as_bytes()),
    ]);
    let (status, page) = get(web_apps(branding), "/webapp2/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("</script><script>alert"), "{page}");
    let files = files_in(&page).unwrap();
    assert_eq!(files["plugins/p/p.json"], package);
}

#[tokio::test]
async fn only_files_inside_the_package_are_carried() {
    let (_dir, branding) = folder(&[
        ("manifest.json", MANIFEST.as_bytes()),
        (
            "settings.json",
            &settings_listing(&[
                "https://cdn.example.com/p.json",
                "../outside.json",
                "plugins/missing/x.json",
                "plugins/real/real.json",
            ]),
        ),
        ("plugins/real/real.json", br#"{"id":"p3"}"#),
    ]);
    let (_, page) = get(web_apps(branding), "/webapp2/").await;
    let files = files_in(&page).unwrap();
    assert_eq!(
        paths_of(&files),
        ["manifest.json", "plugins/real/real.json", "settings.json"]
    );
}

#[tokio::test]
async fn a_file_that_is_not_utf8_is_left_for_the_app_to_fetch() {
    let (_dir, branding) = folder(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("settings.json", &settings_listing(&["plugins/p/p.json"])),
        ("plugins/p/p.json", b"{\"name\":\"\xff\xfe\"}"),
    ]);
    let (_, page) = get(web_apps(branding), "/webapp2/").await;
    let files = files_in(&page).unwrap();
    assert_eq!(paths_of(&files), ["manifest.json", "settings.json"]);
}

#[tokio::test]
async fn a_byte_order_mark_is_dropped_as_a_browser_drops_it() {
    let (_dir, branding) = folder(&[
        ("manifest.json", "\u{feff}{\"brandingID\":\"1\"}".as_bytes()),
        ("settings.json", &settings_listing(&[])),
    ]);
    let (_, page) = get(web_apps(branding), "/webapp2/").await;
    let files = files_in(&page).unwrap();
    assert_eq!(files["manifest.json"], "{\"brandingID\":\"1\"}");
}

#[tokio::test]
async fn a_branding_without_a_manifest_puts_no_element_in_the_page() {
    let (_dir, branding) = folder(&[("settings.json", &settings_listing(&[]))]);
    let (status, page) = get(web_apps(branding), "/webapp2/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<base href=\"/webapp2/\">"));
    assert!(!page.contains("plugboard-branding"), "{page}");
}

#[tokio::test]
async fn a_file_over_the_budget_is_left_out_and_the_manifest_is_carried() {
    let big = format!(r#"{{"id":"p0","padding":"{}"}}"#, "x".repeat(600 * 1024));
    let (_dir, branding) = folder(&[
        ("manifest.json", MANIFEST.as_bytes()),
        (
            "settings.json",
            &settings_listing(&["plugins/big/big.json"]),
        ),
        ("plugins/big/big.json", big.as_bytes()),
    ]);
    let (_, page) = get(web_apps(branding), "/webapp2/").await;
    let files = files_in(&page).unwrap();
    assert_eq!(paths_of(&files), ["manifest.json", "settings.json"]);
    assert_eq!(files["manifest.json"], MANIFEST);
}

#[tokio::test]
async fn a_web_app_path_carries_its_own_branding() {
    let package = support::minimal();
    let paths = support::Paths {
        sales: Arc::clone(&package),
        sales_is_default: false,
    };
    let (status, page) = get(support::with_paths(paths, None), "/sales/").await;
    assert_eq!(status, StatusCode::OK);
    let files = files_in(&page).unwrap();
    assert_eq!(
        paths_of(&files),
        [
            "manifest.json",
            "plugins/hello/hello.plugin.package.json",
            "settings.json"
        ]
    );
    let manifest = std::str::from_utf8(package.file("manifest.json").unwrap()).unwrap();
    assert_eq!(files["manifest.json"], manifest);
}
