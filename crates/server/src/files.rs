//! Serving a file's bytes with its content type and a validator, so browsers revalidate cheaply.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// How long browsers may keep a file without asking again.
#[derive(Debug, Clone, Copy)]
pub enum Cache {
    /// Always ask (`no-cache`); an unchanged file costs a 304.
    Revalidate,
}

/// `200` with the bytes, or `304` when the client's `If-None-Match` already names this content.
pub fn serve_bytes(path: &str, bytes: &[u8], request: &HeaderMap, cache: Cache) -> Response {
    let etag = etag(bytes);
    let cache_control = match cache {
        Cache::Revalidate => "no-cache",
    };
    let unchanged = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = bytes.to_vec().into_response();
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        if let Ok(value) = HeaderValue::from_str(&content_type(&mime)) {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        response
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    response
}

/// Text types say their charset: plugin sources and JSON are UTF-8.
fn content_type(mime: &mime_guess::Mime) -> String {
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "svg");
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_file_is_a_304() {
        let first = serve_bytes("a.js", b"x", &HeaderMap::new(), Cache::Revalidate);
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(
            first.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, first.headers()[header::ETAG].clone());
        let second = serve_bytes("a.js", b"x", &request, Cache::Revalidate);
        assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
        let changed = serve_bytes("a.js", b"y", &request, Cache::Revalidate);
        assert_eq!(changed.status(), StatusCode::OK);
    }
}
