//! Resolving the paths that package files write (`srcURL`, icons) to files of the package.

use percent_encoding::percent_decode_str;

/// Where the app serves the package from, relative to its pages (`/webapp2/custom_configuration/…`).
const SERVED_FROM: &str = "custom_configuration/";

/// What a path written in a package file refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A file of the package, relative to `webapp2/`.
    InPackage(String),
    /// A URL or server path outside the package, which is not checked.
    External,
    /// A relative path that climbs out of `webapp2/`.
    OutsidePackage,
}

/// Resolves `reference` (without any `#fragment`) written in a file of folder `base_dir` (relative to
/// `webapp2/`, empty for the root, no trailing `/`).
pub fn resolve(base_dir: &str, reference: &str) -> Reference {
    let reference = strip_query(reference.trim());
    if is_external(reference) {
        return match served_path(reference) {
            Some(inside) => normalize("", &decode(inside)),
            None => Reference::External,
        };
    }
    normalize(base_dir, &decode(reference))
}

/// Resolves a path the app would resolve against its own page, such as `custom_configuration/plugins/x/a.svg`.
pub fn resolve_app_relative(reference: &str) -> Option<Reference> {
    let reference = strip_query(reference.trim());
    let inside = reference
        .strip_prefix(SERVED_FROM)
        .or_else(|| served_path(reference))?;
    Some(normalize("", &decode(inside)))
}

/// The folder of a package file (relative to `webapp2/`), empty for files at the root.
pub fn parent_dir(relative_path: &str) -> &str {
    relative_path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The last component of a path.
pub fn file_name(relative_path: &str) -> &str {
    relative_path
        .rsplit_once('/')
        .map_or(relative_path, |(_, name)| name)
}

fn strip_query(reference: &str) -> &str {
    reference.split(['?', '#']).next().unwrap_or(reference)
}

fn is_external(reference: &str) -> bool {
    reference.starts_with('/') || reference.contains("://") || reference.starts_with("data:")
}

/// The part after `/custom_configuration/` of an absolute URL or path that points into the package.
fn served_path(reference: &str) -> Option<&str> {
    reference
        .find(&format!("/{SERVED_FROM}"))
        .map(|index| &reference[index + SERVED_FROM.len() + 1..])
}

fn decode(reference: &str) -> String {
    percent_decode_str(reference)
        .decode_utf8_lossy()
        .into_owned()
}

fn normalize(base_dir: &str, reference: &str) -> Reference {
    let mut components: Vec<&str> = base_dir.split('/').filter(|c| !c.is_empty()).collect();
    for component in reference.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                if components.pop().is_none() {
                    return Reference::OutsidePackage;
                }
            }
            other => components.push(other),
        }
    }
    Reference::InPackage(components.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(path: &str) -> Reference {
        Reference::InPackage(path.to_owned())
    }

    #[test]
    fn relative_paths_resolve_against_their_folder() {
        assert_eq!(
            resolve("plugins/rec", "rec.plugin.js"),
            inside("plugins/rec/rec.plugin.js")
        );
        assert_eq!(
            resolve("plugins/rec", "./assets/a.svg"),
            inside("plugins/rec/assets/a.svg")
        );
        assert_eq!(
            resolve("plugins/rec", "../lib/x.js?v=2"),
            inside("plugins/lib/x.js")
        );
        assert_eq!(
            resolve("", "plugins/my%20plugin/p.json"),
            inside("plugins/my plugin/p.json")
        );
        assert_eq!(resolve("plugins", "../../x.js"), Reference::OutsidePackage);
    }

    #[test]
    fn urls_are_external_unless_they_point_into_the_package() {
        assert_eq!(
            resolve("", "https://cdn.example.com/p.json"),
            Reference::External
        );
        assert_eq!(resolve("", "/static/p.json"), Reference::External);
        assert_eq!(
            resolve("plugins/a", "/webapp2/custom_configuration/plugins/b/b.js"),
            inside("plugins/b/b.js")
        );
        assert_eq!(
            resolve_app_relative("custom_configuration/plugins/x/star.svg"),
            Some(inside("plugins/x/star.svg"))
        );
    }
}
