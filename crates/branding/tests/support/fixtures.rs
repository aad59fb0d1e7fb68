//! Paths of the fixture packages and the example package, and copies of them to work on.

use std::path::{Path, PathBuf};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn broken_fixtures() -> PathBuf {
    workspace().join("tests/fixtures/branding/broken")
}

pub fn minimal_package() -> PathBuf {
    workspace().join("tests/fixtures/branding/valid/minimal")
}

pub fn example_package() -> PathBuf {
    workspace().join("examples/branding")
}

/// A copy of the folder `from` inside `into` (hidden entries such as `.plugboard/` left out).
pub fn copy_package(from: &Path, into: &Path) -> PathBuf {
    let to = into.join(from.file_name().unwrap_or_default());
    copy_dir(from, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("can create the copy");
    for entry in std::fs::read_dir(from)
        .expect("the fixture exists")
        .flatten()
    {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).expect("can copy a fixture file");
        }
    }
}
