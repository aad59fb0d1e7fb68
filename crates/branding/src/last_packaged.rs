//! What `plugboard package` remembers beside a package folder, in `.plugboard/branding.json`: the last
//! `brandingID` it wrote, so that the next one is greater and `check` can warn about an unchanged one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::branding_id::BrandingId;

/// The folder, beside the package, where plugboard keeps its state.
pub const STATE_DIR: &str = ".plugboard";
const STATE_FILE: &str = "branding.json";

#[derive(Debug, Serialize, Deserialize)]
struct State {
    #[serde(rename = "lastBrandingID")]
    last_branding_id: String,
}

fn state_path(branding_dir: &Path) -> PathBuf {
    branding_dir.join(STATE_DIR).join(STATE_FILE)
}

/// The last `brandingID` packaged from the package in `branding_dir`, if any was remembered.
pub fn recall(branding_dir: &Path) -> Option<BrandingId> {
    let text = std::fs::read_to_string(state_path(branding_dir)).ok()?;
    let state: State = serde_json::from_str(&text).ok()?;
    BrandingId::parse(&state.last_branding_id)
}

/// Remembers `id` as the last one packaged from `branding_dir` (written atomically).
pub fn remember(branding_dir: &Path, id: BrandingId) -> std::io::Result<()> {
    let dir = branding_dir.join(STATE_DIR);
    std::fs::create_dir_all(&dir)?;
    let state = State {
        last_branding_id: id.to_string(),
    };
    let mut text = serde_json::to_string_pretty(&state).map_err(std::io::Error::other)?;
    text.push('\n');
    crate::atomic_file::replace_file(&state_path(branding_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_and_recalls_the_last_id() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert_eq!(recall(dir.path()), None);
        remember(dir.path(), BrandingId::new(42))?;
        assert_eq!(recall(dir.path()), Some(BrandingId::new(42)));
        remember(dir.path(), BrandingId::new(43))?;
        assert_eq!(recall(dir.path()), Some(BrandingId::new(43)));
        Ok(())
    }
}
