//! multipart/form-data bodies, written by hand.

use axum::body::Body;
use axum::http::{header, Method, Request};

const BOUNDARY: &str = "plugboard-test-boundary-7d1f";

#[derive(Default)]
pub struct Form {
    body: Vec<u8>,
}

impl Form {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.part(
            &format!("Content-Disposition: form-data; name=\"{name}\""),
            value.as_bytes(),
        );
        self
    }

    pub fn file(mut self, name: &str, file_name: &str, bytes: &[u8]) -> Self {
        self.part(
            &format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/zip"
            ),
            bytes,
        );
        self
    }

    fn part(&mut self, headers: &str, content: &[u8]) {
        self.body
            .extend_from_slice(format!("--{BOUNDARY}\r\n{headers}\r\n\r\n").as_bytes());
        self.body.extend_from_slice(content);
        self.body.extend_from_slice(b"\r\n");
    }

    pub fn request(mut self, path: &str, authorization: &str) -> Request<Body> {
        self.body
            .extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::AUTHORIZATION, authorization)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(self.body))
            .expect("a valid request")
    }
}
