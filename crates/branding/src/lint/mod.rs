//! The checks of `plugboard check`: every JSON file, manifest.json, settings.json, each plugin's package
//! file, icons and script, and files nothing refers to.

pub mod documents;
pub mod icons;
pub mod javascript;
pub mod manifest;
pub mod plugin_package;
pub mod scripts;
pub mod settings;
pub mod unreferenced;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::branding_id::BrandingId;
use crate::finding::Finding;
use crate::json::JsonDocument;
use crate::package::BrandingPackage;

/// What the checks compare the package with, besides itself.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// The `brandingID` `plugboard package` last wrote for this package (from `.plugboard/`).
    pub last_packaged: Option<BrandingId>,
    /// The `brandingID` of the package uploaded before (`--previous`), and how to name that package.
    pub previous: Option<(BrandingId, String)>,
}

/// What one plugin's script revealed, beyond findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginFacts {
    /// The plugin id of its package file.
    pub id: String,
    /// The script, as findings name it.
    pub script: String,
    /// Origins of absolute URLs in the script, which the server's Content-Security-Policy must allow.
    pub external_origins: Vec<String>,
}

/// The outcome of checking a package.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Sorted by file, line and column.
    pub findings: Vec<Finding>,
    pub plugins: Vec<PluginFacts>,
}

/// What the checks read while they run over one package.
pub struct Lint<'p> {
    pub package: &'p BrandingPackage,
    pub context: &'p CheckContext,
    /// Every JSON file that parsed, by path relative to `webapp2/`.
    pub documents: BTreeMap<&'p str, JsonDocument<'p>>,
}

impl Lint<'_> {
    pub fn display_path(&self, relative_path: &str) -> String {
        self.package.display_path(relative_path)
    }
}

/// What the checks gather while they run over one package.
#[derive(Default)]
pub struct Gathered {
    pub findings: Vec<Finding>,
    /// Files something refers to, relative to `webapp2/`.
    pub referenced: BTreeSet<String>,
    /// Element ids of SVG files already read (`None`: not a usable SVG, already reported).
    pub svg_ids: HashMap<String, Option<BTreeSet<String>>>,
}

/// Runs every check over `package`.
pub fn check_package(package: &BrandingPackage, context: &CheckContext) -> CheckReport {
    let (documents, json_findings) = documents::parse_all(package);
    let mut lint = Lint {
        package,
        context,
        documents,
    };
    let mut gathered = Gathered {
        findings: package.load_findings().to_vec(),
        ..Gathered::default()
    };
    gathered.findings.extend(json_findings);
    let manifest = manifest::check(&lint, &mut gathered);
    let entries = settings::check(&lint, &mut gathered, manifest.as_ref());
    let package_files = entries
        .iter()
        .filter_map(|entry| entry.package_path.as_deref());
    gathered.findings.extend(documents::parse_more(
        package,
        &mut lint.documents,
        package_files,
    ));
    let plugins = plugin_package::check_all(&lint, &mut gathered, &entries);
    let scripts = scripts::lint_all(&lint, &mut gathered, &plugins);
    unreferenced::check(&lint, &mut gathered, &plugins);
    let mut findings = gathered.findings;
    findings.extend(scripts.findings);
    sort_findings(&mut findings);
    CheckReport {
        findings,
        plugins: scripts.facts,
    }
}

fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.file.as_str(), a.line, a.column, a.severity).cmp(&(
            b.file.as_str(),
            b.line,
            b.column,
            b.severity,
        ))
    });
}
