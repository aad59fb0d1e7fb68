//! Every `.json` file of the package, parsed once: syntax findings for all, documents for the checks.

use std::collections::BTreeMap;

use crate::finding::Finding;
use crate::json::{self, JsonDocument};
use crate::package::BrandingPackage;

/// Parses every JSON file; documents of the files that parsed, and the findings of all.
pub fn parse_all(package: &BrandingPackage) -> (BTreeMap<&str, JsonDocument<'_>>, Vec<Finding>) {
    let mut documents = BTreeMap::new();
    let mut findings = Vec::new();
    for (path, bytes) in package.files() {
        if !is_json(path) {
            continue;
        }
        let parsed = json::parse(&package.display_path(path), bytes);
        findings.extend(parsed.findings);
        if let Some(document) = parsed.document {
            documents.insert(path, document);
        }
    }
    (documents, findings)
}

fn is_json(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("json"))
}

/// Parses the files in `paths` not parsed yet (package files named without `.json`); their findings.
pub fn parse_more<'p, 'q>(
    package: &'p BrandingPackage,
    documents: &mut BTreeMap<&'p str, JsonDocument<'p>>,
    paths: impl IntoIterator<Item = &'q str>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for path in paths {
        let Some((path, bytes)) = package.entry(path) else {
            continue;
        };
        if is_json(path) || documents.contains_key(path) {
            continue;
        }
        let parsed = json::parse(&package.display_path(path), bytes);
        findings.extend(parsed.findings);
        if let Some(document) = parsed.document {
            documents.insert(path, document);
        }
    }
    findings
}
