//! Menu item icons: an SVG file of the package with an element of the referenced `#id`.

use std::collections::BTreeSet;

use super::{Gathered, Lint};
use crate::paths::{self, Reference};
use crate::position::SourcePosition;
use crate::rules;

/// The app's own icon sprite, which plugins may name (`icons.svg#mic-off`).
const APP_SPRITE: &str = "icons.svg";

/// Checks the icon `reference` written at `position` in a package file of folder `base_dir`.
pub fn check(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    base_dir: &str,
    reference: &str,
    position: &SourcePosition,
) {
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (reference, None),
    };
    let resolved = match paths::resolve(base_dir, path) {
        Reference::InPackage(file) if lint.package.contains(&file) => Reference::InPackage(file),
        other => match paths::resolve_app_relative(path) {
            Some(Reference::InPackage(file)) if lint.package.contains(&file) => {
                Reference::InPackage(file)
            }
            _ => other,
        },
    };
    match resolved {
        Reference::InPackage(file) if lint.package.contains(&file) => {
            gathered.referenced.insert(file.clone());
            check_svg(lint, gathered, &file, reference, fragment, position);
        }
        Reference::External => gathered.findings.push(rules::EXTERNAL_REFERENCE.at(
            position,
            format!("icon `{reference}` is outside the package and is not checked"),
        )),
        Reference::OutsidePackage => gathered.findings.push(rules::PATH_OUTSIDE_PACKAGE.at(
            position,
            format!("icon `{reference}` climbs out of webapp2/"),
        )),
        Reference::InPackage(_) if paths::file_name(path) == APP_SPRITE => {
            gathered.findings.push(rules::ICON_APP_SPRITE.at(
                position,
                format!("icon `{reference}` names the app's icon sprite"),
            ))
        }
        Reference::InPackage(file) => gathered.findings.push(rules::ICON_NOT_FOUND.at(
            position,
            format!(
                "icon `{reference}`: there is no file `{}`",
                lint.display_path(&file)
            ),
        )),
    }
}

fn check_svg(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    file: &str,
    reference: &str,
    fragment: Option<&str>,
    position: &SourcePosition,
) {
    if !file.to_ascii_lowercase().ends_with(".svg") {
        gathered.findings.push(
            rules::ICON_NOT_SVG.at(position, format!("icon `{reference}` is not an .svg file")),
        );
        return;
    }
    let ids = svg_ids(lint, gathered, file, position);
    let Some(ids) = ids else { return };
    match fragment {
        None => gathered.findings.push(rules::ICON_NO_FRAGMENT.at(
            position,
            format!("icon `{reference}` names no element (`#id`) of the SVG"),
        )),
        Some(id) if !ids.contains(id) => {
            let known = if ids.is_empty() {
                "it has no element with an id".to_owned()
            } else {
                let listed: Vec<&str> = ids.iter().take(8).map(String::as_str).collect();
                format!("its ids are {}", listed.join(", "))
            };
            gathered.findings.push(rules::ICON_ID_NOT_FOUND.at(
                position,
                format!(
                    "icon `{reference}`: {} has no element with id `{id}`; {known}",
                    lint.display_path(file)
                ),
            ));
        }
        Some(_) => {}
    }
}

/// The element ids of the SVG `file`, read once; `None` (reported once) when it is not a usable SVG.
fn svg_ids(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    file: &str,
    position: &SourcePosition,
) -> Option<BTreeSet<String>> {
    if let Some(known) = gathered.svg_ids.get(file) {
        return known.clone();
    }
    let bytes = lint.package.file(file).unwrap_or_default();
    let display = lint.display_path(file);
    let ids = match read_svg_ids(&display, bytes) {
        Ok(ids) => Some(ids),
        Err(problem) => {
            gathered.findings.push(problem.into_finding(position));
            None
        }
    };
    gathered.svg_ids.insert(file.to_owned(), ids.clone());
    ids
}

enum SvgProblem {
    Invalid(SourcePosition, String),
    NotSvg(String),
}

impl SvgProblem {
    fn into_finding(self, reference_position: &SourcePosition) -> crate::finding::Finding {
        match self {
            Self::Invalid(position, message) => rules::ICON_SVG_INVALID.at(&position, message),
            Self::NotSvg(message) => rules::ICON_NOT_SVG.at(reference_position, message),
        }
    }
}

fn read_svg_ids(display: &str, bytes: &[u8]) -> Result<BTreeSet<String>, SvgProblem> {
    let text = crate::json::decode_utf8(display, bytes)
        .map_err(|_| SvgProblem::NotSvg(format!("{display} is not UTF-8 text, so not an SVG")))?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options).map_err(|error| {
        let at = error.pos();
        let position = SourcePosition {
            file: display.to_owned(),
            line: at.row,
            column: at.col,
        };
        SvgProblem::Invalid(position, format!("malformed SVG: {error}"))
    })?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err(SvgProblem::NotSvg(format!(
            "{display} has the root element <{}>, not <svg>",
            root.tag_name().name()
        )));
    }
    Ok(document
        .descendants()
        .filter_map(|node| node.attribute("id"))
        .map(str::to_owned)
        .collect())
}
