//! Where things are: the repository root and cargo's target directory.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the workspace")
        .to_path_buf()
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// The debug `plugboard` binary that `cargo build -p plugboard-cli` produces.
pub fn plugboard_binary(root: &Path) -> PathBuf {
    plugboard_binary_of(root, Profile::Debug)
}

/// A cargo build profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Debug,
    Release,
}

impl Profile {
    /// The folder under the target directory.
    pub fn dir(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

/// The `plugboard` binary that `cargo build [--release] -p plugboard-cli` produces.
pub fn plugboard_binary_of(root: &Path, profile: Profile) -> PathBuf {
    target_dir(root)
        .join(profile.dir())
        .join(format!("plugboard{}", std::env::consts::EXE_SUFFIX))
}

/// The TypeScript compiler that `npm ci` installs in `tests/`.
pub fn tsc(root: &Path) -> PathBuf {
    root.join("tests/node_modules/.bin/tsc")
}
