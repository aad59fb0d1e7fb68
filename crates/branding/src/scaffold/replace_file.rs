//! Replacing a file's content at once: written beside it, then renamed over it, with its permissions.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same folder. An existing file keeps its
/// permissions; readers see either the old content or the new, never a part.
pub fn replace_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".plugboard-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temporary
            .as_file()
            .set_permissions(metadata.permissions())?;
    }
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_content() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "old")?;
        replace_file(&path, b"new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }
}
