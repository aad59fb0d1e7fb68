//! Request bodies: size-limited, JSON objects, typed, with reasons a client can act on.

use axum::body::Body;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;

use crate::envelope::ApiError;

/// Client API bodies are small JSON objects; chat payloads are the largest.
pub(crate) const MAX_BODY_BYTES: usize = 128 * 1024;
/// An oversized body is still read (and thrown away) up to this size, so that the client is done
/// sending when the refusal arrives and can read it; past it the connection is simply closed.
const MAX_DISCARDED_BYTES: usize = 16 * 1024 * 1024;

pub(crate) async fn read(body: Body) -> Result<Bytes, ApiError> {
    let mut body = body;
    let mut kept = BytesMut::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|_| ApiError::bad_request("The request body could not be read"))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(data.len());
        if total <= MAX_BODY_BYTES {
            kept.extend_from_slice(&data);
        } else if total > MAX_DISCARDED_BYTES {
            break;
        }
    }
    if total > MAX_BODY_BYTES {
        return Err(ApiError::bad_request(format!(
            "Request body is larger than {} KiB",
            MAX_BODY_BYTES / 1024
        )));
    }
    Ok(kept.freeze())
}

/// Parse a JSON object body into `T`. An empty body (PexRTC posts none when it has no parameters)
/// reads as `{}`.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return from_value(serde_json::Value::Object(serde_json::Map::new()));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|error| {
        ApiError::bad_request(format!("Malformed JSON in request body: {error}"))
    })?;
    // serde would fill a struct from an array by position; clients send objects, so anything else is a mistake.
    if !value.is_object() {
        return Err(ApiError::bad_request(
            "The request body must be a JSON object",
        ));
    }
    from_value(value)
}

fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(value)
        .map_err(|error| ApiError::bad_request(format!("Invalid request body: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Text {
        #[allow(dead_code)]
        text: String,
    }

    fn reason(result: Result<Text, ApiError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn arrays_and_scalars_are_refused() {
        assert!(reason(parse(b"[\"a\"]")).contains("JSON object"));
        assert!(reason(parse(b"42")).contains("JSON object"));
    }

    #[test]
    fn malformed_and_mistyped_bodies_say_why() {
        assert!(reason(parse(b"{\"text\":")).starts_with("Malformed JSON"));
        assert!(reason(parse(b"{\"text\":5}")).contains("invalid type"));
        assert!(reason(parse(b"")).contains("missing field `text`"));
    }

    #[tokio::test]
    async fn oversized_bodies_are_refused_after_being_read() {
        let big = vec![b'a'; MAX_BODY_BYTES + 1];
        let error = read(Body::from(big)).await.unwrap_err();
        assert!(error.to_string().contains("larger than 128 KiB"));
        assert_eq!(
            read(Body::from("{}")).await.unwrap(),
            Bytes::from_static(b"{}")
        );
    }
}
