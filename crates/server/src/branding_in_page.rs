//! The branding files the app reads when it starts (`manifest.json`, `settings.json` and each plugin
//! package file that `settings.json` lists), carried in the app's page so that the app knows its
//! plugins without three rounds of requests to the node while it is joining. The app reads them as if
//! fetched (web/app/js/plugins/branding.js) and fetches whatever the page does not carry; the files
//! stay served at `custom_configuration/` as before.

use std::collections::BTreeMap;

use plugboard_branding::json::decode_utf8;
use plugboard_branding::paths::{self, Reference};
use serde::Serialize;

use crate::branding::{Branding, PinnedBranding};

/// The element of the page that carries the files.
const ELEMENT_ID: &str = "plugboard-branding";
/// More than this (all files together) is left for the app to fetch.
const MAX_BYTES: usize = 512 * 1024;
/// How `<` is written in the page.
const ESCAPED_LT: &str = "\\u003c";

#[derive(Serialize)]
struct InPage {
    /// Text of each file, by its path relative to `webapp2/` (as the app resolves it).
    files: BTreeMap<String, String>,
    #[serde(skip)]
    budget: usize,
}

impl InPage {
    /// Carry `text` as the file at `path` if it still fits (as written in the page, escapes included).
    fn add(&mut self, path: impl Into<String>, text: String) {
        let size = text.len() + text.matches('<').count() * (ESCAPED_LT.len() - 1);
        let path = path.into();
        if size <= self.budget && !self.files.contains_key(&path) {
            self.budget -= size;
            self.files.insert(path, text);
        }
    }
}

/// The `<script type="application/json">` element with the branding's start-up files, or `None` when
/// the branding has no `manifest.json`.
pub fn branding_element(branding: &Branding) -> Option<String> {
    let branding = &branding.pinned();
    let manifest = text_of(branding, "manifest.json")?;
    let settings = text_of(branding, "settings.json");
    let listed = settings
        .as_deref()
        .map(listed_package_files)
        .unwrap_or_default();
    let mut page = InPage {
        files: BTreeMap::new(),
        budget: MAX_BYTES,
    };
    page.add("manifest.json", manifest);
    if let Some(settings) = settings {
        page.add("settings.json", settings);
    }
    for path in listed {
        if let Some(text) = text_of(branding, &path) {
            page.add(path, text);
        }
    }
    let json = serde_json::to_string(&page).ok()?;
    Some(format!(
        "<script type=\"application/json\" id=\"{ELEMENT_ID}\">{}</script>",
        escape_for_script(&json)
    ))
}

/// The package files (relative to `webapp2/`) that `settings.json` lists, when it can be read.
fn listed_package_files(settings: &str) -> Vec<String> {
    let Ok(serde_json::Value::Object(settings)) = serde_json::from_str(settings) else {
        return Vec::new();
    };
    let Some(serde_json::Value::Array(plugins)) = settings.get("plugins") else {
        return Vec::new();
    };
    plugins
        .iter()
        .filter_map(|entry| entry.get("srcURL")?.as_str())
        .filter_map(|src_url| match paths::resolve("", src_url) {
            Reference::InPackage(path) => Some(path),
            Reference::External | Reference::OutsidePackage => None,
        })
        .collect()
}

/// The file as text, as a browser decodes a fetched UTF-8 file: without a leading byte order mark.
fn text_of(branding: &PinnedBranding, path: &str) -> Option<String> {
    let bytes = branding.file(path)?;
    decode_utf8(path, &bytes).ok().map(str::to_owned)
}

/// JSON inside `<script>` must not contain `</script>` or `<!--`: every `<` (only ever inside JSON
/// strings) is written as its escape.
fn escape_for_script(json: &str) -> String {
    json.replace('<', ESCAPED_LT)
}
