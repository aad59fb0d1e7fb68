//! Branding packages as zips: the example package, the fixtures, and hand-made hostile archives.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::fixtures::{example_package, minimal_package};

use zip::write::SimpleFileOptions;
use zip::ZipWriter;

/// The `webapp2/` folder of the branding folder `dir`, zipped with its files under `webapp2/`.
pub fn zip_package(dir: &Path) -> Vec<u8> {
    let mut files = Vec::new();
    collect(&dir.join("webapp2"), "webapp2", &mut files);
    files.sort();
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, path) in files {
        zip.start_file(name, options).expect("an entry starts");
        let bytes = std::fs::read(&path).expect("a package file is readable");
        zip.write_all(&bytes).expect("an entry is written");
    }
    zip.finish().expect("the zip is finished").into_inner()
}

pub fn example_zip() -> Vec<u8> {
    zip_package(&example_package())
}

pub fn minimal_zip() -> Vec<u8> {
    zip_package(&minimal_package())
}

fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir)
        .expect("the package folder exists")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let zipped = format!("{prefix}/{name}");
        if path.is_dir() {
            collect(&path, &zipped, files);
        } else {
            files.push((zipped, path));
        }
    }
}

/// A valid package with one more entry, `name`, deflated, holding `data`.
pub fn deflated_zip(name: &str, data: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for entry in super::raw_zip::valid_package() {
        zip.start_file(String::from_utf8_lossy(&entry.name), options)
            .expect("an entry starts");
        zip.write_all(&entry.data).expect("an entry is written");
    }
    zip.start_file(name, options).expect("an entry starts");
    zip.write_all(data).expect("an entry is written");
    zip.finish().expect("the zip is finished").into_inner()
}
