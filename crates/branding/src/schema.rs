//! The JSON Schemas of `schemas/` (embedded), and their violations as findings at the offending value.
//!
//! Each schema names the finding code of a violation with `x-plugboard-codes` (per keyword) or
//! `x-plugboard-code` (for every keyword of a subschema and the subschemas below it); editors ignore both.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::finding::Finding;
use crate::json::pointer::{self, PathSegment};
use crate::json::JsonDocument;
use crate::rules::{self, Rule};

/// The three JSON files of a package that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    Settings,
    Manifest,
    PluginPackage,
}

impl SchemaKind {
    /// The schema text, as published in `schemas/`.
    pub fn source(self) -> &'static str {
        match self {
            Self::Settings => include_str!("../../../schemas/webapp2-settings.schema.json"),
            Self::Manifest => include_str!("../../../schemas/webapp2-manifest.schema.json"),
            Self::PluginPackage => {
                include_str!("../../../schemas/webapp2-plugin-package.schema.json")
            }
        }
    }

    /// The code for violations the schema does not name.
    fn fallback_rule(self) -> Rule {
        match self {
            Self::Settings => rules::SETTINGS_NOT_OBJECT,
            Self::Manifest => rules::MANIFEST_NOT_OBJECT,
            Self::PluginPackage => rules::PACKAGE_FIELD_TYPE,
        }
    }

    fn compiled(self) -> &'static CompiledSchema {
        static SETTINGS: OnceLock<CompiledSchema> = OnceLock::new();
        static MANIFEST: OnceLock<CompiledSchema> = OnceLock::new();
        static PLUGIN_PACKAGE: OnceLock<CompiledSchema> = OnceLock::new();
        let cell = match self {
            Self::Settings => &SETTINGS,
            Self::Manifest => &MANIFEST,
            Self::PluginPackage => &PLUGIN_PACKAGE,
        };
        cell.get_or_init(|| CompiledSchema::compile(self))
    }
}

struct CompiledSchema {
    document: Value,
    /// `None` only if an embedded schema were broken, which the tests rule out.
    validator: Option<Validator>,
}

impl CompiledSchema {
    fn compile(kind: SchemaKind) -> Self {
        let document: Value = serde_json::from_str(kind.source()).unwrap_or(Value::Null);
        let validator = jsonschema::validator_for(&document).ok();
        Self {
            document,
            validator,
        }
    }
}

/// Validates `document` against the schema of `kind`: its value (last duplicate key wins, as in the
/// browser) and a finding per violation.
pub fn validate(kind: SchemaKind, document: &JsonDocument<'_>) -> (Value, Vec<Finding>) {
    let value = crate::json::value::to_serde(&document.root);
    let compiled = kind.compiled();
    let Some(validator) = &compiled.validator else {
        return (value, Vec::new());
    };
    let findings = validator
        .iter_errors(&value)
        .flat_map(|error| violation_findings(kind, &compiled.document, document, &error))
        .collect();
    (value, findings)
}

fn violation_findings(
    kind: SchemaKind,
    schema: &Value,
    document: &JsonDocument<'_>,
    error: &ValidationError<'_>,
) -> Vec<Finding> {
    let rule = rule_for(schema, error).unwrap_or_else(|| kind.fallback_rule());
    let path: Vec<PathSegment<'_>> = error.instance_path().segments().map(path_segment).collect();
    let shown = shown_path(&path);
    let Some(located) = pointer::locate(&document.root, path.iter().cloned()) else {
        return vec![rule.in_file(&document.file, error.to_string())];
    };
    if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
        return unexpected_key_findings(rule, document, located.value, &shown, unexpected);
    }
    let position = match (error.kind(), located.property) {
        // A missing field is reported at the key of the object that lacks it, or at its `{`.
        (ValidationErrorKind::Required { .. }, Some(property)) => {
            document.position_of(&property.name)
        }
        _ => document.position_of(located.value),
    };
    vec![rule.at(&position, message(error, &shown))]
}

fn unexpected_key_findings(
    rule: Rule,
    document: &JsonDocument<'_>,
    object: &jsonc_parser::ast::Value<'_>,
    shown: &str,
    unexpected: &[String],
) -> Vec<Finding> {
    let jsonc_parser::ast::Value::Object(object) = object else {
        return Vec::new();
    };
    unexpected
        .iter()
        .filter_map(|key| {
            let property = object.properties.iter().find(|p| p.name.as_str() == key)?;
            let position = document.position_of(&property.name);
            Some(rule.at(&position, format!("unknown key `{key}` in {shown}")))
        })
        .collect()
}

fn path_segment(segment: LocationSegment<'_>) -> PathSegment<'static> {
    match segment {
        LocationSegment::Property(key) => PathSegment::Key(key.into_owned().into()),
        LocationSegment::Index(index) => PathSegment::Index(index),
    }
}

fn shown_path(path: &[PathSegment<'_>]) -> String {
    if path.is_empty() {
        "the file".to_owned()
    } else {
        format!("`{}`", pointer::display_path(path.iter().cloned()))
    }
}

fn message(error: &ValidationError<'_>, shown: &str) -> String {
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            if shown == "the file" {
                format!("missing required field `{name}`")
            } else {
                format!("missing required field `{name}` in {shown}")
            }
        }
        ValidationErrorKind::Type { kind } => {
            format!(
                "{shown} must be {}, not {}",
                expected_types(kind),
                describe(instance)
            )
        }
        ValidationErrorKind::Enum { options } => {
            format!(
                "{shown} is {instance}; expected one of {}",
                list_options(options)
            )
        }
        ValidationErrorKind::MinLength { .. } => format!("{shown} must not be empty"),
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::Pattern { .. } => {
            format!("{shown} has the invalid value {instance}")
        }
        _ => format!("{shown}: {error}"),
    }
}

fn expected_types(kind: &TypeKind) -> String {
    let names: Vec<String> = match kind {
        TypeKind::Single(single) => vec![type_with_article(&single.to_string())],
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| type_with_article(&t.to_string()))
            .collect(),
    };
    names.join(" or ")
}

fn type_with_article(name: &str) -> String {
    match name {
        "null" => "null".to_owned(),
        "boolean" => "a boolean (true or false)".to_owned(),
        "integer" | "array" | "object" => format!("an {name}"),
        _ => format!("a {name}"),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(text) => format!("the string {}", Value::String(text.clone())),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn list_options(options: &Value) -> String {
    match options {
        Value::Array(values) => values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The rule the schema names for this violation: `x-plugboard-codes[keyword]` of the subschema holding the
/// keyword, else the nearest `x-plugboard-code` of it or of the subschemas around it.
fn rule_for(schema: &Value, error: &ValidationError<'_>) -> Option<Rule> {
    let segments: Vec<String> = error
        .schema_path()
        .segments()
        .map(|segment| match segment {
            LocationSegment::Property(key) => key.into_owned(),
            LocationSegment::Index(index) => index.to_string(),
        })
        .collect();
    let (keyword, parents) = segments.split_last()?;
    let subschemas = walk_schema(schema, parents);
    let holder = subschemas.last()?;
    let named = holder
        .get("x-plugboard-codes")
        .and_then(|codes| codes.get(keyword))
        .or_else(|| {
            subschemas
                .iter()
                .rev()
                .find_map(|subschema| subschema.get("x-plugboard-code"))
        })?;
    rules::by_code(named.as_str()?)
}

/// The schema nodes along `path` from the root, following local `$ref`s.
fn walk_schema<'s>(root: &'s Value, path: &[String]) -> Vec<&'s Value> {
    let mut visited = vec![root];
    let mut node = root;
    for segment in path {
        let next = match node {
            Value::Object(map) if segment == "$ref" => map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|reference| reference.strip_prefix('#'))
                .and_then(|pointer| root.pointer(pointer)),
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        node = next;
        if node.is_object() {
            visited.push(node);
        }
    }
    visited
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotations(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner) {
                        ("x-plugboard-code", Value::String(code)) => found.push(code.clone()),
                        ("x-plugboard-codes", Value::Object(codes)) => found
                            .extend(codes.values().filter_map(Value::as_str).map(str::to_owned)),
                        _ => annotations(inner, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| annotations(item, found)),
            _ => {}
        }
    }

    #[test]
    fn every_schema_compiles_and_names_only_known_codes() {
        for kind in [
            SchemaKind::Settings,
            SchemaKind::Manifest,
            SchemaKind::PluginPackage,
        ] {
            let compiled = kind.compiled();
            assert!(compiled.validator.is_some(), "{kind:?} compiles");
            assert!(
                compiled.document.get("$id").is_some(),
                "{kind:?} has an $id"
            );
            let mut codes = Vec::new();
            annotations(&compiled.document, &mut codes);
            assert!(!codes.is_empty());
            for code in codes {
                assert!(
                    rules::by_code(&code).is_some(),
                    "{kind:?} names unknown code {code}"
                );
            }
        }
    }

    fn findings(kind: SchemaKind, text: &str) -> Vec<(&'static str, u32, u32, String)> {
        let parsed = crate::json::parse("f.json", text.as_bytes());
        let document = parsed.document.expect("valid JSON");
        validate(kind, &document)
            .1
            .into_iter()
            .map(|f| (f.code, f.line, f.column, f.message))
            .collect()
    }

    #[test]
    fn violations_point_at_the_offending_value_with_the_schema_code() {
        let text =
            "{\"plugins\": [\n  {\"id\": \"a\", \"srcURL\": \"p.json\", \"enabled\": \"yes\"}\n]}";
        assert_eq!(
            findings(SchemaKind::Settings, text),
            [(
                "settings-plugin-field-type",
                2,
                46,
                "`plugins[0].enabled` must be a boolean (true or false), not the string \"yes\""
                    .to_owned()
            )]
        );
    }

    #[test]
    fn codes_follow_references_and_keywords() {
        let text = r#"{"id": "x", "name": "x", "description": "", "version": 1, "srcURL": "x.js",
 "allowUnload": true, "platforms": ["web", "linux"], "participantRoles": ["chair"],
 "menuItems": {"toolbar": [{"icon": null}], "sidebar": []}}"#;
        let codes: Vec<_> = findings(SchemaKind::PluginPackage, text)
            .into_iter()
            .map(|(code, line, column, _)| (code, line, column))
            .collect();
        assert!(
            codes.contains(&("package-platform-unknown", 2, 44)),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("menu-item-action-missing", 3, 28)),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("menu-location-unknown", 3, 45)),
            "{codes:?}"
        );
    }

    #[test]
    fn missing_branding_id_and_non_numeric_ones_are_named() {
        let missing = findings(SchemaKind::Manifest, "{\"isSettingsBranded\": true}");
        assert_eq!(missing[0].0, "manifest-branding-id-missing");
        let text = findings(SchemaKind::Manifest, "{\"brandingID\": \"v2\"}");
        assert_eq!(
            (text[0].0, text[0].1, text[0].2),
            ("manifest-branding-id-not-numeric", 1, 16)
        );
    }
}
