//! The Content-Security-Policy of the node's pages: same-origin by default, with extra sources per
//! directive (or no policy at all) from the `[csp]` table of the config file, as Pexip's Conferencing
//! Nodes allow, because plugins legitimately call services of the administrator's choosing.

use std::collections::BTreeMap;

use axum::http::HeaderValue;
use serde::Deserialize;
use thiserror::Error;

/// The policy's directives and their sources, in the order they are written.
///
/// Scripts may not be inline (injected markup stays inert), but `'unsafe-eval'` lets the plugin host
/// compile the inline `on…` handlers of plugin dialogs itself (web/app/js/plugins/dialogs.js). Styles
/// may be inline because plugins set `style` attributes.
const DEFAULT_DIRECTIVES: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("script-src", &["'self'", "'unsafe-eval'"]),
    ("style-src", &["'self'", "'unsafe-inline'"]),
    ("img-src", &["'self'", "data:", "blob:"]),
    ("media-src", &["'self'", "blob:", "mediastream:"]),
    ("connect-src", &["'self'"]),
    ("font-src", &["'self'", "data:"]),
    ("frame-src", &["'self'"]),
    ("object-src", &["'none'"]),
    ("base-uri", &["'self'"]),
    ("frame-ancestors", &["'self'"]),
    ("form-action", &["'self'"]),
];

/// The `[csp]` table: `enabled = false` drops the header; any directive name takes a list of extra sources.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CspConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Vec<String>>,
}

fn yes() -> bool {
    true
}

impl Default for CspConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            extra: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CspError {
    #[error("[csp]: `{0}` is not a directive Plugboard's policy has (known: {known})", known = known_directives())]
    UnknownDirective(String),
    #[error(
        "[csp] {directive}: `{value}` is not a valid source (one token without spaces, `;` or `,`)"
    )]
    BadSource { directive: String, value: String },
}

fn known_directives() -> String {
    DEFAULT_DIRECTIVES
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The header value to send, or `None` when the administrator turned the policy off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentSecurityPolicy(Option<HeaderValue>);

impl ContentSecurityPolicy {
    pub fn from_config(config: &CspConfig) -> Result<Self, CspError> {
        if !config.enabled {
            return Ok(Self(None));
        }
        for (directive, sources) in &config.extra {
            if !DEFAULT_DIRECTIVES.iter().any(|(name, _)| name == directive) {
                return Err(CspError::UnknownDirective(directive.clone()));
            }
            if let Some(bad) = sources.iter().find(|source| !is_source(source)) {
                return Err(CspError::BadSource {
                    directive: directive.clone(),
                    value: bad.clone(),
                });
            }
        }
        let text = DEFAULT_DIRECTIVES
            .iter()
            .map(|(name, defaults)| {
                let extra = config.extra.get(*name).map(Vec::as_slice).unwrap_or(&[]);
                let sources: Vec<&str> = defaults
                    .iter()
                    .copied()
                    .chain(extra.iter().map(String::as_str))
                    .collect();
                format!("{name} {}", sources.join(" "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        // Every part was checked to be visible ASCII, so this cannot fail; an error would still be typed.
        let value = HeaderValue::from_str(&text).map_err(|_| CspError::BadSource {
            directive: "(policy)".into(),
            value: text.clone(),
        })?;
        Ok(Self(Some(value)))
    }

    pub fn header_value(&self) -> Option<&HeaderValue> {
        self.0.as_ref()
    }
}

impl Default for ContentSecurityPolicy {
    fn default() -> Self {
        // The defaults are constants known to be valid.
        Self::from_config(&CspConfig::default()).unwrap_or(Self(None))
    }
}

fn is_source(source: &str) -> bool {
    !source.is_empty()
        && source
            .bytes()
            .all(|byte| byte.is_ascii_graphic() && byte != b';' && byte != b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(extra: &[(&str, &[&str])]) -> Result<ContentSecurityPolicy, CspError> {
        ContentSecurityPolicy::from_config(&CspConfig {
            enabled: true,
            extra: extra
                .iter()
                .map(|(name, sources)| {
                    (
                        name.to_string(),
                        sources.iter().map(|s| s.to_string()).collect(),
                    )
                })
                .collect(),
        })
    }

    fn text(policy: &ContentSecurityPolicy) -> String {
        policy
            .header_value()
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    #[test]
    fn the_default_is_same_origin_without_inline_scripts() {
        let value = text(&ContentSecurityPolicy::default());
        assert!(value.starts_with("default-src 'self'; script-src 'self' 'unsafe-eval';"));
        assert!(!value.contains("script-src 'self' 'unsafe-eval' 'unsafe-inline'"));
        assert!(value.contains("object-src 'none'"));
    }

    #[test]
    fn extra_sources_are_added_to_their_directive() {
        let value = text(&policy(&[("connect-src", &["https://maker.ifttt.com"])]).unwrap());
        assert!(value.contains("connect-src 'self' https://maker.ifttt.com;"));
    }

    #[test]
    fn unknown_directives_and_bad_sources_are_refused() {
        assert_eq!(
            policy(&[("conect-src", &["https://x"])]).unwrap_err(),
            CspError::UnknownDirective("conect-src".into())
        );
        assert!(matches!(
            policy(&[("img-src", &["https://x; script-src *"])]).unwrap_err(),
            CspError::BadSource { .. }
        ));
        assert!(matches!(
            policy(&[("img-src", &[""])]).unwrap_err(),
            CspError::BadSource { .. }
        ));
    }

    #[test]
    fn disabled_means_no_header() {
        let off = ContentSecurityPolicy::from_config(&CspConfig {
            enabled: false,
            extra: BTreeMap::new(),
        })
        .unwrap();
        assert!(off.header_value().is_none());
    }
}
