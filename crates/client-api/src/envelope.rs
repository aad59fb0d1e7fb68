//! Pexip's response envelope, `{"status": "success"|"failed", "result": …}`, and the errors that map onto it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use plugboard_conference::Error as EngineError;
use serde::Serialize;
use serde_json::{json, Value};

use crate::wire::version;

pub(crate) const NO_SUCH_CONFERENCE: &str = "Neither conference nor gateway found";

/// Why a client API request failed, with the HTTP status it answers with.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("{NO_SUCH_CONFERENCE}")]
    NoSuchConference,
    #[error("{0}")]
    BadRequest(String),
    #[error("Unknown request: {0}")]
    UnknownRequest(String),
    #[error("Method not allowed: use {0}")]
    WrongMethod(&'static str),
    #[error("Conference unavailable, try again")]
    Unavailable,
    #[error("No image available")]
    NoImage,
}

impl ApiError {
    pub fn bad_request(reason: impl Into<String>) -> Self {
        ApiError::BadRequest(reason.into())
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Engine(error) => match error {
                EngineError::PinRequired { .. }
                | EngineError::InvalidPin
                | EngineError::InvalidToken
                | EngineError::LimitReached
                | EngineError::Forbidden(_) => StatusCode::FORBIDDEN,
                EngineError::ParticipantNotFound => StatusCode::NOT_FOUND,
                EngineError::Invalid(_) => StatusCode::BAD_REQUEST,
            },
            ApiError::NoSuchConference | ApiError::UnknownRequest(_) | ApiError::NoImage => {
                StatusCode::NOT_FOUND
            }
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::WrongMethod(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            // The PIN prompt is a "success" in Pexip's envelope: the request was understood.
            ApiError::Engine(EngineError::PinRequired { guest_pin }) => json!({
                "status": "success",
                "result": {
                    "pin": "required",
                    "guest_pin": if *guest_pin { "required" } else { "none" },
                    "version": version(),
                }
            }),
            other => json!({ "status": "failed", "result": other.to_string() }),
        };
        json_response(status, &body)
    }
}

/// `{"status":"success","result": result}` with status 200.
pub(crate) fn success(result: impl Serialize) -> Response {
    json_response(
        StatusCode::OK,
        &json!({ "status": "success", "result": result }),
    )
}

pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

pub(crate) type ApiResult = Result<Response, ApiError>;
