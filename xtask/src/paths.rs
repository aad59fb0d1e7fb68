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
    target_dir(root)
        .join("debug")
        .join(format!("plugboard{}", std::env::consts::EXE_SUFFIX))
}
