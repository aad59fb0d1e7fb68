//! Filling in the templates under `templates/`: each `{{key}}` is replaced, in one pass, by the value given
//! for it. Values go in as they are, so callers escape them for where they land first (see
//! [`super::escape`]); what a value contains is never read as a placeholder.

/// A template embedded in the binary.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Its file under `templates/`, for errors.
    pub name: &'static str,
    pub text: &'static str,
}

/// A template that names a placeholder it is not given, or leaves one open: a mistake in Plugboard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("template {template}: no value for the placeholder `{key}`")]
    Unknown { template: &'static str, key: String },
    #[error("template {template}: a placeholder is not closed with `}}}}`")]
    Unclosed { template: &'static str },
}

/// The template `templates/<path>`, embedded: `template!("plugin/icon.svg")`.
macro_rules! template {
    ($path:literal) => {
        $crate::scaffold::template::Template {
            name: $path,
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $path)),
        }
    };
}
pub(crate) use template;

impl Template {
    /// The text with every placeholder replaced by its value from `values` (`(key, value)` pairs).
    pub fn render(&self, values: &[(&str, &str)]) -> Result<String, TemplateError> {
        let mut rendered = String::with_capacity(self.text.len());
        let mut rest = self.text;
        while let Some(open) = rest.find("{{") {
            rendered.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            let close = after.find("}}").ok_or(TemplateError::Unclosed {
                template: self.name,
            })?;
            let key = &after[..close];
            let value = values
                .iter()
                .find(|(name, _)| *name == key)
                .ok_or_else(|| TemplateError::Unknown {
                    template: self.name,
                    key: key.to_owned(),
                })?;
            rendered.push_str(value.1);
            rest = &after[close + 2..];
        }
        rendered.push_str(rest);
        Ok(rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Template = Template {
        name: "t",
        text: "a {{x}} b {{y}}{{x}}",
    };

    #[test]
    fn replaces_every_placeholder_once() {
        assert_eq!(
            T.render(&[("x", "{{y}}"), ("y", "2")]),
            Ok("a {{y}} b 2{{y}}".to_owned())
        );
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_errors() {
        assert_eq!(
            T.render(&[("x", "1")]),
            Err(TemplateError::Unknown {
                template: "t",
                key: "y".to_owned()
            })
        );
        let open = Template {
            name: "o",
            text: "a {{x",
        };
        assert_eq!(
            open.render(&[("x", "1")]),
            Err(TemplateError::Unclosed { template: "o" })
        );
    }
}
