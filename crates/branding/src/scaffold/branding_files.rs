//! The files of a new branding folder: `webapp2/manifest.json`, `webapp2/settings.json`, a README with the
//! next commands, a `.gitignore` for what plugboard keeps beside the package, and the `window.PEX` typings.

use serde::Serialize;

use super::error::ScaffoldError;
use super::generated_file::GeneratedFile;
use super::template::{template, Template};
use super::typings::{PEX_D_TS, TYPINGS_PATH};
use crate::branding_id::BrandingId;
use crate::settings_edit;

/// The folder under `webapp2/` that holds one folder per plugin.
pub const PLUGINS_DIR: &str = "plugins";

const README: Template = template!("branding/README.md");

const GITIGNORE: Template = template!("branding/gitignore");

/// manifest.json as the branding portal writes it: the settings (and so the plugins) are branded.
#[derive(Serialize)]
struct Manifest {
    #[serde(rename = "brandingID")]
    branding_id: String,
    #[serde(rename = "isSettingsBranded")]
    is_settings_branded: bool,
    #[serde(rename = "isWatermarkBranded")]
    is_watermark_branded: bool,
    #[serde(rename = "isStylesBranded")]
    is_styles_branded: bool,
}

/// Every file of a new branding folder, relative to it (the empty `webapp2/plugins/` is not a file).
pub fn branding_files(branding_id: BrandingId) -> Result<Vec<GeneratedFile>, ScaffoldError> {
    let manifest = Manifest {
        branding_id: branding_id.to_string(),
        is_settings_branded: true,
        is_watermark_branded: false,
        is_styles_branded: false,
    };
    let mut manifest_text = serde_json::to_string_pretty(&manifest)?;
    manifest_text.push('\n');
    Ok(vec![
        GeneratedFile::new("webapp2/manifest.json", manifest_text),
        GeneratedFile::new("webapp2/settings.json", settings_edit::new_settings(&[])?),
        GeneratedFile::new("README.md", README.render(&[])?),
        GeneratedFile::new(".gitignore", GITIGNORE.render(&[])?),
        GeneratedFile::new(TYPINGS_PATH, PEX_D_TS),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn the_manifest_brands_the_settings_with_the_given_id() -> TestResult {
        let files = branding_files(BrandingId::new(1_700_000_000_000))?;
        let manifest: serde_json::Value = serde_json::from_str(&files[0].contents)?;
        assert_eq!(
            manifest,
            serde_json::json!({
                "brandingID": "1700000000000",
                "isSettingsBranded": true,
                "isWatermarkBranded": false,
                "isStylesBranded": false
            })
        );
        let settings: serde_json::Value = serde_json::from_str(&files[1].contents)?;
        assert_eq!(settings, serde_json::json!({"plugins": []}));
        Ok(())
    }

    #[test]
    fn the_readme_names_the_next_commands() -> TestResult {
        let files = branding_files(BrandingId::new(1))?;
        let readme = &files[2].contents;
        for command in ["new plugin", "check", "dev", "package", "deploy"] {
            assert!(
                readme.contains(&format!("plugboard {command}")),
                "{command}"
            );
        }
        assert!(files[3].contents.lines().any(|line| line == ".plugboard/"));
        Ok(())
    }
}
