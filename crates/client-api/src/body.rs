//! Request bodies: size-limited, JSON, typed, with reasons a client can act on.

use axum::body::{to_bytes, Body};
use serde::de::DeserializeOwned;

use crate::envelope::ApiError;

/// Client API bodies are small JSON objects; chat payloads are the largest.
pub(crate) const MAX_BODY_BYTES: usize = 128 * 1024;

pub(crate) async fn read(body: Body) -> Result<bytes::Bytes, ApiError> {
    to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| {
        ApiError::bad_request(format!(
            "Request body is larger than {} KiB",
            MAX_BODY_BYTES / 1024
        ))
    })
}

/// Parse a JSON body into `T`. An empty body (PexRTC posts none when it has no parameters) reads as `{}`.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    serde_json::from_slice(bytes).map_err(|error| {
        let kind = match error.classify() {
            serde_json::error::Category::Data => "Invalid request body",
            _ => "Malformed JSON in request body",
        };
        ApiError::bad_request(format!("{kind}: {error}"))
    })
}
