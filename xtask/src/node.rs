//! The Node test suites under `tests/`, run with `node --test`.
//!
//! Every `*.test.mjs` / `*.test.js` file under `tests/` (outside `node_modules`) belongs to a
//! suite: files under `tests/browser/` are the browser suites (they drive Debian's chromium
//! through playwright-core), all others are the Node suites (conformance and friends).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{chromium, paths, steps};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    Node,
    Browser,
}

pub fn run_suites(root: &Path, suite: Suite) -> Result<()> {
    let tests_dir = root.join("tests");
    let files = test_files(&tests_dir, suite)?;
    if files.is_empty() {
        println!("skipped: no {suite:?} test files under tests/ yet");
        return Ok(());
    }
    let binary = paths::plugboard_binary(root);
    if !binary.is_file() {
        bail!("{} is missing: build it first", binary.display());
    }
    let mut command = Command::new("node");
    command
        .current_dir(&tests_dir)
        .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&files)
        .env("PLUGBOARD_BIN", &binary)
        .env("CHROMIUM_PATH", chromium::CHROMIUM);
    steps::run(&mut command)
}

/// Test files of a suite, relative to `tests_dir`, sorted.
pub fn test_files(tests_dir: &Path, suite: Suite) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    collect(tests_dir, tests_dir, &mut files)?;
    files.retain(|file| suite_of(file) == suite);
    files.sort();
    Ok(files)
}

fn collect(tests_dir: &Path, dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let entries = fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name == "node_modules" || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(tests_dir, &path, files)?;
        } else if is_test_file(&name) {
            files.push(path.strip_prefix(tests_dir)?.to_path_buf());
        }
    }
    Ok(())
}

fn is_test_file(name: &str) -> bool {
    [".test.mjs", ".test.js", ".test.cjs"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

fn suite_of(relative: &Path) -> Suite {
    match relative.components().next() {
        Some(first) if first.as_os_str() == "browser" => Suite::Browser,
        _ => Suite::Node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_test_files() {
        assert!(is_test_file("tokens.test.mjs"));
        assert!(is_test_file("app.test.js"));
        assert!(!is_test_file("node.mjs"));
        assert!(!is_test_file("test.mjs"));
    }

    #[test]
    fn browser_files_form_their_own_suite() {
        assert_eq!(suite_of(Path::new("browser/join.test.mjs")), Suite::Browser);
        assert_eq!(
            suite_of(Path::new("conformance/tokens.test.mjs")),
            Suite::Node
        );
    }

    #[test]
    fn finds_files_and_skips_node_modules() {
        let dir = std::env::temp_dir().join(format!("xtask-node-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for file in [
            "conformance/a.test.mjs",
            "conformance/helper.mjs",
            "browser/b.test.mjs",
            "node_modules/x/c.test.js",
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let node = test_files(&dir, Suite::Node).unwrap();
        let browser = test_files(&dir, Suite::Browser).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(node, vec![PathBuf::from("conformance/a.test.mjs")]);
        assert_eq!(browser, vec![PathBuf::from("browser/b.test.mjs")]);
    }
}
