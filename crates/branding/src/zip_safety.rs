//! Zip entry names are hostile input: only clean relative paths pass, so that no name can point outside the
//! package wherever its files end up (memory, the server's URL space, or a folder someone extracts to).

use crate::load_error::Rejection;
use crate::rules;

/// What an entry name denotes once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryName {
    /// A file, as a normalized relative path with `/` separators.
    File(String),
    /// A directory entry (name ending in `/`), which carries no content.
    Directory,
}

/// Checks a raw entry name and normalizes it (dropping `.` and empty components).
pub fn check_entry_name(raw: &[u8]) -> Result<EntryName, Rejection> {
    let name = std::str::from_utf8(raw).map_err(|_| {
        Rejection::new(
            rules::NON_UTF8_NAME,
            String::from_utf8_lossy(raw),
            "the entry name is not valid UTF-8",
        )
    })?;
    if let Some(reason) = unsafe_reason(name) {
        return Err(Rejection::new(
            rules::ZIP_UNSAFE_PATH,
            name.escape_debug().to_string(),
            format!("unsafe entry name: {reason}"),
        ));
    }
    let components: Vec<&str> = name
        .split('/')
        .filter(|component| !component.is_empty() && *component != ".")
        .collect();
    if name.ends_with('/') || components.is_empty() {
        return Ok(EntryName::Directory);
    }
    Ok(EntryName::File(components.join("/")))
}

fn unsafe_reason(name: &str) -> Option<&'static str> {
    if name.starts_with('/') {
        Some("it is an absolute path")
    } else if name.contains('\\') {
        Some("it contains a backslash, which Windows extractors treat as a folder separator")
    } else if has_drive_prefix(name) {
        Some("it starts with a drive letter")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if name.split('/').any(|component| component == "..") {
        Some("it climbs out of the archive with `..`")
    } else {
        None
    }
}

fn has_drive_prefix(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> EntryName {
        EntryName::File(name.to_owned())
    }

    #[test]
    fn clean_names_are_normalized() {
        assert_eq!(
            check_entry_name(b"webapp2/settings.json"),
            Ok(file("webapp2/settings.json"))
        );
        assert_eq!(
            check_entry_name(b"./webapp2//a.js"),
            Ok(file("webapp2/a.js"))
        );
        assert_eq!(check_entry_name(b"webapp2/"), Ok(EntryName::Directory));
        assert_eq!(
            check_entry_name("webapp2/ç.svg".as_bytes()),
            Ok(file("webapp2/ç.svg"))
        );
    }

    #[test]
    fn escaping_names_are_rejected() {
        for name in [
            "../evil.js",
            "webapp2/../../evil.js",
            "/etc/passwd",
            "C:/Windows/evil.dll",
            "webapp2\\..\\evil.js",
            "webapp2/a\u{0}.js",
        ] {
            let rejection = check_entry_name(name.as_bytes()).expect_err(name);
            assert_eq!(rejection.rule.code, "zip-unsafe-path", "{name}");
        }
    }

    #[test]
    fn non_utf8_names_are_rejected() {
        let rejection = check_entry_name(b"webapp2/\xff.js").expect_err("invalid UTF-8");
        assert_eq!(rejection.rule.code, "non-utf8-name");
    }
}
