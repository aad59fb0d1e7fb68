//! Creating a folder all at once: its files are written into a hidden staging folder, which is moved into
//! place only when everything is written, and removed otherwise. Nothing half-written is left behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::error::ScaffoldError;
use super::generated_file::{self, GeneratedFile};

/// A hidden folder being filled.
#[derive(Debug)]
pub struct Staging {
    path: PathBuf,
    done: bool,
}

impl Staging {
    /// A new, empty, hidden folder in `parent`, named after `stem`.
    pub fn create_in(parent: &Path, stem: &str) -> Result<Self, ScaffoldError> {
        let pid = std::process::id();
        for attempt in 0..100 {
            let path = parent.join(format!(".{stem}.plugboard-new-{pid}-{attempt}"));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Self { path, done: false }),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(ScaffoldError::io("create", path)(error)),
            }
        }
        Err(ScaffoldError::io("create a staging folder in", parent)(
            io::ErrorKind::AlreadyExists.into(),
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `files` into the staging folder.
    pub fn write(&self, files: &[GeneratedFile]) -> Result<(), ScaffoldError> {
        generated_file::write_all(&self.path, files)
    }

    /// Moves the staging folder to `target`, which must not exist.
    pub fn rename_to(mut self, target: &Path) -> Result<(), ScaffoldError> {
        fs::rename(&self.path, target).map_err(ScaffoldError::io("create", target))?;
        self.done = true;
        Ok(())
    }

    /// Moves the entries of the staging folder into `target`, an existing empty folder; if one cannot be
    /// moved, those moved already are moved back.
    pub fn move_entries_into(self, target: &Path) -> Result<(), ScaffoldError> {
        let entries: Vec<_> = fs::read_dir(&self.path)
            .and_then(|entries| entries.map(|entry| entry.map(|e| e.file_name())).collect())
            .map_err(ScaffoldError::io("read", &self.path))?;
        let mut moved = Vec::new();
        for name in entries {
            let from = self.path.join(&name);
            let to = target.join(&name);
            if let Err(error) = fs::rename(&from, &to) {
                for name in moved {
                    let _ = fs::rename(target.join(&name), self.path.join(&name));
                }
                return Err(ScaffoldError::io("create", to)(error));
            }
            moved.push(name);
        }
        // `self` is dropped here and removes the now empty staging folder.
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn files() -> Vec<GeneratedFile> {
        vec![
            GeneratedFile::new("a.txt", "a"),
            GeneratedFile::new("sub/b.txt", "b"),
        ]
    }

    #[test]
    fn a_renamed_staging_folder_becomes_the_target() -> TestResult {
        let dir = tempfile::tempdir()?;
        let staging = Staging::create_in(dir.path(), "x")?;
        staging.write(&files())?;
        staging.rename_to(&dir.path().join("x"))?;
        assert_eq!(fs::read_to_string(dir.path().join("x/sub/b.txt"))?, "b");
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn entries_move_into_an_existing_folder() -> TestResult {
        let dir = tempfile::tempdir()?;
        let staging = Staging::create_in(dir.path(), "x")?;
        staging.write(&files())?;
        staging.move_entries_into(dir.path())?;
        let mut names: Vec<_> = fs::read_dir(dir.path())?
            .map(|entry| entry.map(|e| e.file_name()))
            .collect::<Result<_, _>>()?;
        names.sort();
        assert_eq!(names, ["a.txt", "sub"]);
        Ok(())
    }

    #[test]
    fn an_abandoned_staging_folder_is_removed() -> TestResult {
        let dir = tempfile::tempdir()?;
        {
            let staging = Staging::create_in(dir.path(), "x")?;
            staging.write(&files())?;
            let again = Staging::create_in(dir.path(), "x")?;
            assert_ne!(again.path(), staging.path());
        }
        assert_eq!(fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }
}
