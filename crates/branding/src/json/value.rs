//! The parsed tree as a `serde_json::Value`, for schema validation and for reading fields.

use jsonc_parser::ast::Value;

/// Converts the tree; for duplicate keys the last value wins, as with `JSON.parse`.
pub fn to_serde(value: &Value<'_>) -> serde_json::Value {
    match value {
        Value::StringLit(string) => serde_json::Value::String(string.value.to_string()),
        Value::NumberLit(number) => number_value(number.value),
        Value::BooleanLit(boolean) => serde_json::Value::Bool(boolean.value),
        Value::NullKeyword(_) => serde_json::Value::Null,
        Value::Object(object) => serde_json::Value::Object(
            object
                .properties
                .iter()
                .map(|property| (property.name.as_str().to_owned(), to_serde(&property.value)))
                .collect(),
        ),
        Value::Array(array) => {
            serde_json::Value::Array(array.elements.iter().map(to_serde).collect())
        }
    }
}

/// A number as `JSON.parse` reads it: out-of-range literals become the nearest double.
fn number_value(literal: &str) -> serde_json::Value {
    if let Ok(number) = serde_json::from_str::<serde_json::Number>(literal) {
        return serde_json::Value::Number(number);
    }
    literal
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_every_kind_of_value() {
        let parsed = crate::json::parse(
            "f.json",
            br#"{"a": [1, -2.5, "x", true, null], "b": {"c": 1e2}}"#,
        );
        let document = parsed.document.expect("valid JSON");
        assert_eq!(
            to_serde(&document.root),
            serde_json::json!({"a": [1, -2.5, "x", true, null], "b": {"c": 100.0}})
        );
    }
}
