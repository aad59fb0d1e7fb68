//! Finding the node at a path (as JSON Schema validation reports it) in the parsed tree.

use jsonc_parser::ast::{ObjectProp, Value};

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(std::borrow::Cow<'a, str>),
    Index(usize),
}

impl<'a> PathSegment<'a> {
    pub fn key(key: &'a str) -> Self {
        Self::Key(std::borrow::Cow::Borrowed(key))
    }
}

/// The node at `path`, and the property that holds it when its parent is an object.
#[derive(Debug, Clone, Copy)]
pub struct Located<'t, 'a> {
    pub value: &'t Value<'a>,
    pub property: Option<&'t ObjectProp<'a>>,
}

/// Walks `path` from `root`; `None` when the path leaves the tree.
pub fn locate<'t, 'a, 'p>(
    root: &'t Value<'a>,
    path: impl IntoIterator<Item = PathSegment<'p>>,
) -> Option<Located<'t, 'a>> {
    let mut located = Located {
        value: root,
        property: None,
    };
    for segment in path {
        located = step(located.value, &segment)?;
    }
    Some(located)
}

fn step<'t, 'a>(value: &'t Value<'a>, segment: &PathSegment<'_>) -> Option<Located<'t, 'a>> {
    match (value, segment) {
        (Value::Array(array), PathSegment::Index(index)) => Some(Located {
            value: array.elements.get(*index)?,
            property: None,
        }),
        (Value::Object(object), segment) => {
            let key = match segment {
                PathSegment::Key(key) => key.to_string(),
                PathSegment::Index(index) => index.to_string(),
            };
            // The last property of a repeated key is the one JSON.parse keeps.
            let property = object
                .properties
                .iter()
                .rev()
                .find(|property| property.name.as_str() == key)?;
            Some(Located {
                value: &property.value,
                property: Some(property),
            })
        }
        _ => None,
    }
}

/// A path as authors read it: `plugins[0].srcURL`.
pub fn display_path<'p>(path: impl IntoIterator<Item = PathSegment<'p>>) -> String {
    let mut shown = String::new();
    for segment in path {
        match segment {
            PathSegment::Key(key) => {
                if !shown.is_empty() {
                    shown.push('.');
                }
                shown.push_str(&key);
            }
            PathSegment::Index(index) => shown.push_str(&format!("[{index}]")),
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonc_parser::common::Ranged;

    #[test]
    fn locates_values_and_their_properties() {
        let parsed = crate::json::parse("f.json", br#"{"plugins": [{"id": "a"}, {"id": "b"}]}"#);
        let document = parsed.document.expect("valid JSON");
        let path = [
            PathSegment::Key("plugins".into()),
            PathSegment::Index(1),
            PathSegment::Key("id".into()),
        ];
        let located = locate(&document.root, path.clone()).expect("path exists");
        assert_eq!(located.value.start(), 33);
        assert_eq!(
            located.property.map(|property| property.name.start()),
            Some(27)
        );
        assert_eq!(display_path(path), "plugins[1].id");
        assert!(locate(&document.root, [PathSegment::Key("nope".into())]).is_none());
    }
}
