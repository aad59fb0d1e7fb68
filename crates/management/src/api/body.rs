//! JSON request bodies: size-limited objects, typed, with the field at fault named.

use axum::body::Body;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::error::AdminError;

pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Reads a JSON object body into `T`.
pub async fn read_json<T: DeserializeOwned>(body: Body) -> Result<T, AdminError> {
    parse(&read(body).await?)
}

async fn read(mut body: Body) -> Result<Bytes, AdminError> {
    let mut kept = BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame
            .map_err(|_| AdminError::BadRequest("The request body could not be read".to_owned()))?;
        if let Ok(data) = frame.into_data() {
            if kept.len() + data.len() > MAX_JSON_BYTES {
                return Err(AdminError::TooLarge(format!(
                    "The JSON body is larger than {} MiB",
                    MAX_JSON_BYTES / (1024 * 1024)
                )));
            }
            kept.extend_from_slice(&data);
        }
    }
    Ok(kept.freeze())
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AdminError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AdminError::BadRequest(
            "The request body is empty; send a JSON object".to_owned(),
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|error| AdminError::BadRequest(format!("Malformed JSON: {error}")))?;
    if !value.is_object() {
        return Err(AdminError::BadRequest(
            "The request body must be a JSON object".to_owned(),
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        if path == "." {
            AdminError::BadRequest(message)
        } else {
            AdminError::field(&path, message)
        }
    })
}

/// For `Option<Option<T>>` fields: absent stays `None` (through `#[serde(default)]`), `null` is
/// `Some(None)`.
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        count: Option<u32>,
        #[serde(default, deserialize_with = "present")]
        limit: Option<Option<u32>>,
    }

    fn refusal(body: &str) -> String {
        match parse::<Sample>(body.as_bytes()) {
            Err(AdminError::BadRequest(message)) => message,
            Err(AdminError::Fields(fields)) => format!("{fields:?}"),
            other => format!("unexpected {other:?}"),
        }
    }

    #[test]
    fn mistakes_name_the_field() {
        assert!(refusal(r#"{"count": "x"}"#).contains("count"));
        assert!(refusal(r#"{"nope": 1}"#).contains("unknown field `nope`"));
        assert!(refusal("[1]").contains("JSON object"));
        assert!(refusal("{").starts_with("Malformed JSON"));
        assert!(refusal(" ").contains("empty"));
    }

    #[test]
    fn null_and_absent_differ() {
        let absent = parse::<Sample>(b"{}").map(|s| s.limit).ok();
        let null = parse::<Sample>(br#"{"limit": null}"#).map(|s| s.limit).ok();
        let five = parse::<Sample>(br#"{"limit": 5}"#).map(|s| s.limit).ok();
        assert_eq!(absent, Some(None));
        assert_eq!(null, Some(Some(None)));
        assert_eq!(five, Some(Some(Some(5))));
    }
}
