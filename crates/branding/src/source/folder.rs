//! Reading a package folder. Hidden entries (`.git`, `.DS_Store`, …) and the project files of the author's
//! tools ([`TOOL_FILES`]) are skipped, symbolic links are reported and not followed.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::SourceFiles;
use crate::limits::{Budget, Limits};
use crate::load_error::Rejection;
use crate::rules;

/// Files that serve the author's editor and TypeScript, not the app: `plugboard new plugin` puts a
/// `jsconfig.json` in each plugin folder. Read from a folder, they are neither checked nor packaged.
pub const TOOL_FILES: [&str; 2] = ["jsconfig.json", "tsconfig.json"];

/// Reads every file under `root`; `display_prefix` is how findings name `root` (e.g. `webapp2/`).
pub fn read_folder(
    root: &Path,
    display_prefix: &str,
    limits: Limits,
) -> Result<SourceFiles, Rejection> {
    let mut source = SourceFiles::default();
    let mut budget = Budget::new(limits);
    let mut pending = vec![String::new()];
    while let Some(relative_dir) = pending.pop() {
        let dir = root.join(&relative_dir);
        for (name, kind) in sorted_entries(&dir, &format!("{display_prefix}{relative_dir}"))? {
            let relative = format!("{relative_dir}{name}");
            let display = format!("{display_prefix}{relative}");
            if kind.is_symlink() {
                source.notices.push(rules::SYMLINK_IGNORED.in_file(
                    &display,
                    "symbolic link skipped: it is neither checked nor packaged",
                ));
            } else if kind.is_dir() {
                pending.push(format!("{relative}/"));
            } else if kind.is_file() && !TOOL_FILES.contains(&name.as_str()) {
                budget.admit_file(&display)?;
                let bytes = read_file(&dir.join(&name), &display, &mut budget)?;
                source.files.insert(relative, bytes);
            }
        }
    }
    Ok(source)
}

fn sorted_entries(dir: &Path, display: &str) -> Result<Vec<(String, fs::FileType)>, Rejection> {
    let unreadable = |error: std::io::Error| {
        Rejection::new(
            rules::FILE_UNREADABLE,
            display,
            format!("cannot read the folder: {error}"),
        )
    };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let Ok(name) = entry.file_name().into_string() else {
            let lossy = entry.file_name().to_string_lossy().into_owned();
            return Err(Rejection::new(
                rules::NON_UTF8_NAME,
                format!("{display}{lossy}"),
                "the file name is not valid UTF-8",
            ));
        };
        if name.starts_with('.') {
            continue;
        }
        entries.push((name, entry.file_type().map_err(unreadable)?));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

fn read_file(path: &Path, display: &str, budget: &mut Budget) -> Result<Vec<u8>, Rejection> {
    let unreadable = |error: std::io::Error| {
        Rejection::new(
            rules::FILE_UNREADABLE,
            display,
            format!("cannot read the file: {error}"),
        )
    };
    let file = fs::File::open(path).map_err(unreadable)?;
    let declared = file.metadata().map_err(unreadable)?.len();
    budget.admit_declared_size(display, declared)?;
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    // The file may grow while it is read: never read more than the limit allows.
    file.take(budget.limits().max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let size = bytes.len() as u64;
    budget.admit_read(display, size, size)?;
    Ok(bytes)
}
