//! manifest.json: present, shaped as the schema says, and with a `brandingID` that changed since the last
//! packaging or upload.

use super::{Gathered, Lint};
use crate::branding_id::BrandingId;
use crate::json::pointer::PathSegment;
use crate::position::SourcePosition;
use crate::rules;
use crate::schema::{self, SchemaKind};

pub const MANIFEST: &str = "manifest.json";

/// What other checks need from manifest.json.
#[derive(Debug, Clone)]
pub struct ManifestFacts {
    /// `isSettingsBranded` is `true`.
    pub settings_branded: bool,
    /// Where `isSettingsBranded` is written, or the start of the manifest.
    pub settings_branded_position: SourcePosition,
}

/// Checks manifest.json; its facts if it parsed.
pub fn check(lint: &Lint<'_>, gathered: &mut Gathered) -> Option<ManifestFacts> {
    if !lint.package.contains(MANIFEST) {
        let file = lint.display_path(MANIFEST);
        gathered
            .findings
            .push(rules::MANIFEST_MISSING.in_file(&file, "the package has no manifest.json"));
        return None;
    }
    gathered.referenced.insert(MANIFEST.to_owned());
    let document = lint.documents.get(MANIFEST)?;
    let (value, findings) = schema::validate(SchemaKind::Manifest, document);
    gathered.findings.extend(findings);
    if !value.is_object() {
        return None;
    }
    let branding_id_path = [PathSegment::key("brandingID")];
    if let Some(id) = value.get("brandingID").and_then(BrandingId::from_json) {
        let position = document.position_at(branding_id_path);
        gathered
            .findings
            .extend(unchanged_id_findings(lint.context, id, &position));
    }
    let flag_path = [PathSegment::key("isSettingsBranded")];
    Some(ManifestFacts {
        settings_branded: value.get("isSettingsBranded") == Some(&serde_json::Value::Bool(true)),
        settings_branded_position: document.position_at(flag_path),
    })
}

fn unchanged_id_findings(
    context: &super::CheckContext,
    id: BrandingId,
    position: &SourcePosition,
) -> Vec<crate::finding::Finding> {
    let mut findings = Vec::new();
    if context.last_packaged == Some(id) {
        findings.push(rules::BRANDING_ID_UNCHANGED.at(
            position,
            format!("brandingID {id} is the one last packaged from this folder (see .plugboard/branding.json)"),
        ));
    }
    if let Some((previous, name)) = &context.previous {
        if *previous == id {
            findings.push(rules::BRANDING_ID_UNCHANGED.at(
                position,
                format!("brandingID {id} is the same as in {name}"),
            ));
        }
    }
    findings
}

/// The numeric `brandingID` of the package's manifest.json, if it has one.
pub fn branding_id(package: &crate::package::BrandingPackage) -> Option<BrandingId> {
    let bytes = package.file(MANIFEST)?;
    let document = crate::json::parse(MANIFEST, bytes).document?;
    let value = crate::json::value::to_serde(&document.root);
    value.get("brandingID").and_then(BrandingId::from_json)
}
