//! How the admin API answers what it refuses: JSON, with the field at fault where there is one.

use std::collections::BTreeMap;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use plugboard_branding::Finding;
use serde_json::{json, Value};

use crate::auth::Denied;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// 401 with `WWW-Authenticate`.
    #[error(transparent)]
    Unauthorized(#[from] Denied),
    #[error("{0}")]
    NotFound(String),
    /// 400 `{"error": …}`: a request the API cannot read at all.
    #[error("{0}")]
    BadRequest(String),
    /// 400 `{"<field>": ["…"], …}`.
    #[error("invalid fields: {0:?}")]
    Fields(FieldErrors),
    /// 400 `{"branding_file": ["<file:line:col code message>", …], "findings": [<finding>, …]}`.
    #[error("the branding package has errors")]
    BrandingRefused(Vec<Finding>),
    /// 409: the change would leave something dangling.
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooLarge(String),
    /// 500; the detail goes to the log, not to the client.
    #[error("{0}")]
    Internal(String),
}

impl AdminError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        AdminError::Fields(errors)
    }
}

impl From<rusqlite::Error> for AdminError {
    fn from(error: rusqlite::Error) -> Self {
        AdminError::Internal(format!("database: {error}"))
    }
}

/// Messages by field, as Tastypie reports validation errors.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    /// Whether `field` has no message yet.
    pub fn is_clear(&self, field: &str) -> bool {
        !self.0.contains_key(field)
    }

    /// Refuses `value` when it has more than `max` characters.
    pub fn check_length(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(
                field,
                format!("Ensure this value has at most {max} characters"),
            );
        }
    }

    /// `Err` with every message collected, if any.
    pub fn into_result(self) -> Result<(), AdminError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AdminError::Fields(self))
        }
    }
}

/// An error finding as one line: `file:line:col code message`.
pub fn finding_line(finding: &Finding) -> String {
    format!(
        "{}:{}:{} {} {}",
        finding.file, finding.line, finding.column, finding.code, finding.message
    )
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let error = |message: String| json!({ "error": message });
        let (status, body) = match self {
            AdminError::Unauthorized(denied) => {
                let mut response =
                    (StatusCode::UNAUTHORIZED, Json(error(denied.to_string()))).into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"Plugboard admin\""),
                );
                return response;
            }
            AdminError::NotFound(message) => (StatusCode::NOT_FOUND, error(message)),
            AdminError::BadRequest(message) => (StatusCode::BAD_REQUEST, error(message)),
            AdminError::Fields(FieldErrors(fields)) => (StatusCode::BAD_REQUEST, json!(fields)),
            AdminError::BrandingRefused(findings) => {
                let lines: Vec<String> = findings
                    .iter()
                    .filter(|finding| finding.severity == plugboard_branding::Severity::Error)
                    .map(finding_line)
                    .collect();
                let body = json!({ "branding_file": lines, "findings": findings });
                (StatusCode::BAD_REQUEST, body)
            }
            AdminError::Conflict(message) => (StatusCode::CONFLICT, error(message)),
            AdminError::TooLarge(message) => (StatusCode::PAYLOAD_TOO_LARGE, error(message)),
            AdminError::Internal(detail) => {
                tracing::error!(%detail, "admin API request failed");
                let message = "Internal error; the node's log has the details".to_owned();
                (StatusCode::INTERNAL_SERVER_ERROR, error(message))
            }
        };
        (status, Json::<Value>(body)).into_response()
    }
}
