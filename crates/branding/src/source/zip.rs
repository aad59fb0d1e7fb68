//! Reading a zip archive into memory. Archives are hostile input: names are checked before anything is read
//! (see [`crate::zip_safety`]), sizes declared by headers are checked and then enforced while inflating,
//! and duplicate, overlapping, encrypted and symbolic-link entries are refused.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::result::ZipError;
use zip::ZipArchive;

use super::SourceFiles;
use crate::limits::{Budget, Limits};
use crate::load_error::Rejection;
use crate::rules;
use crate::zip_safety::{check_entry_name, EntryName};

const READ_CHUNK: usize = 64 * 1024;

/// Reads every file entry of the archive at `path`; `display` is how findings name the archive.
pub fn read_zip(path: &Path, display: &str, limits: Limits) -> Result<SourceFiles, Rejection> {
    let file = File::open(path).map_err(|error| {
        Rejection::new(
            rules::FILE_UNREADABLE,
            display,
            format!("cannot read the archive: {error}"),
        )
    })?;
    let mut archive =
        ZipArchive::new(BufReader::new(file)).map_err(|error| unreadable(display, &error))?;
    check_archive_structure(&mut archive, display, &limits)?;
    let mut budget = Budget::new(limits);
    let mut source = SourceFiles::default();
    for index in 0..archive.len() {
        let Some(name) = admit_entry(&mut archive, index, &mut budget, display)? else {
            continue;
        };
        let bytes = read_entry(&mut archive, index, &name, &mut budget)?;
        if source.files.insert(name.clone(), bytes).is_some() {
            return Err(duplicate(&name));
        }
    }
    Ok(source)
}

fn check_archive_structure(
    archive: &mut ZipArchive<BufReader<File>>,
    display: &str,
    limits: &Limits,
) -> Result<(), Rejection> {
    if archive.len() > limits.max_files {
        return Err(Rejection::new(
            rules::TOO_MANY_FILES,
            display,
            format!(
                "the archive holds {} entries, more than the limit of {}",
                archive.len(),
                limits.max_files
            ),
        ));
    }
    if archive.has_duplicate_names() {
        return Err(Rejection::new(
            rules::ZIP_DUPLICATE_ENTRY,
            display,
            "the archive lists the same entry name more than once",
        ));
    }
    if archive
        .has_overlapping_entries()
        .map_err(|error| unreadable(display, &error))?
    {
        return Err(Rejection::new(
            rules::ZIP_OVERLAPPING_ENTRIES,
            display,
            "entries of the archive share bytes",
        ));
    }
    Ok(())
}

/// Checks entry `index` from its headers alone; `None` for directories.
fn admit_entry(
    archive: &mut ZipArchive<BufReader<File>>,
    index: usize,
    budget: &mut Budget,
    display: &str,
) -> Result<Option<String>, Rejection> {
    let entry = archive
        .by_index_raw(index)
        .map_err(|error| unreadable(display, &error))?;
    let name = match check_entry_name(entry.name_raw())? {
        EntryName::Directory => return Ok(None),
        EntryName::File(name) => name,
    };
    budget.admit_file(&name)?;
    if entry.is_symlink() {
        return Err(Rejection::new(
            rules::ZIP_SYMLINK,
            &name,
            "the entry is a symbolic link",
        ));
    }
    if entry.encrypted() {
        return Err(Rejection::new(
            rules::ZIP_ENCRYPTED,
            &name,
            "the entry is encrypted",
        ));
    }
    budget.admit_declared_size(&name, entry.size())?;
    if budget
        .limits()
        .ratio_exceeded(entry.size(), entry.compressed_size())
    {
        return Err(ratio_exceeded(&name, budget.limits()));
    }
    Ok(Some(name))
}

/// Inflates entry `index`, enforcing the limits on the bytes actually produced (headers may lie).
fn read_entry(
    archive: &mut ZipArchive<BufReader<File>>,
    index: usize,
    name: &str,
    budget: &mut Budget,
) -> Result<Vec<u8>, Rejection> {
    let mut entry = archive
        .by_index(index)
        .map_err(|error| unreadable(name, &error))?;
    let compressed = entry.compressed_size();
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size().min(1 << 20)).unwrap_or(0));
    let mut chunk = vec![0; READ_CHUNK];
    loop {
        let read = entry
            .read(&mut chunk)
            .map_err(|error| unreadable(name, &ZipError::Io(error)))?;
        if read == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..read]);
        let so_far = bytes.len() as u64;
        budget.admit_read(name, so_far, read as u64)?;
        if budget.limits().ratio_exceeded(so_far, compressed) {
            return Err(ratio_exceeded(name, budget.limits()));
        }
    }
}

fn unreadable(file: &str, error: &ZipError) -> Rejection {
    Rejection::new(
        rules::ZIP_UNREADABLE,
        file,
        format!("cannot read the archive: {error}"),
    )
}

fn duplicate(name: &str) -> Rejection {
    Rejection::new(
        rules::ZIP_DUPLICATE_ENTRY,
        name,
        "the archive holds this entry more than once",
    )
}

fn ratio_exceeded(name: &str, limits: &Limits) -> Rejection {
    Rejection::new(
        rules::ZIP_COMPRESSION_RATIO,
        name,
        format!(
            "the entry expands more than {} times its compressed size",
            limits.max_compression_ratio
        ),
    )
}
