//! Replacing a file's content at once: written beside it, then renamed over it, with its permissions.
//! Readers see either the old content or the new, never a part, and a crash leaves the old file.

use std::fs::File;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same folder (see [`replace_with`]).
pub fn replace_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    replace_with(path, |file| file.write_all(contents))
}

/// Lets `write` fill a temporary file in `path`'s folder, flushes it to disk and renames it over `path`.
/// An existing file keeps its permissions; when `write` fails, `path` is left as it was.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".plugboard-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    write(temporary.as_file_mut())?;
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
