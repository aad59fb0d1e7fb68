//! Type-checks the browser JavaScript through its JSDoc with `tsc --checkJs` (each project's
//! `tsconfig.json` turns it on), using the TypeScript that `npm ci` installs in `tests/`.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Result};

use crate::{paths, steps};

/// Folders holding a `tsconfig.json`, relative to the repository root; each is checked on its own.
pub const PROJECTS: &[&str] = &["web/app", "types", "examples/branding"];

pub fn check_all(root: &Path) -> Result<()> {
    let tsc = paths::tsc(root);
    if !tsc.is_file() {
        bail!(
            "{} is missing: the npm dependencies of tests/ install it",
            tsc.display()
        );
    }
    for project in PROJECTS {
        if !root.join(project).join("tsconfig.json").is_file() {
            bail!("{project}/tsconfig.json is missing");
        }
        steps::run(Command::new(&tsc).current_dir(root).args(["-p", project]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_project_has_a_tsconfig() {
        let root = paths::repo_root();
        for project in PROJECTS {
            assert!(
                root.join(project).join("tsconfig.json").is_file(),
                "{project}/tsconfig.json"
            );
        }
    }
}
