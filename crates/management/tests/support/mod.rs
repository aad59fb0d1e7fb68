#![allow(dead_code)]
//! A management node in a temporary folder, driven through its router, with a fake room directory.

// The branding crate's paths of the example package and fixtures, shared rather than copied.
#[path = "../../../branding/tests/support/fixtures.rs"]
pub mod fixtures;
pub mod forms;
pub mod packages;
// The branding crate's writer of hostile archives, shared rather than copied.
#[path = "../../../branding/tests/support/raw_zip.rs"]
pub mod raw_zip;
pub mod rooms;

use std::path::Path;
use std::sync::Arc;

use argon2::password_hash::PasswordHasher;
use argon2::{Algorithm, Argon2, Params, Version};
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use base64::Engine;
use bytes::Bytes;
use http_body_util::BodyExt;
use plugboard_management::{router, AdminConfig, AdminUser, ApiToken, Management};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

use rooms::FakeRooms;

pub const BRANDINGS: &str = "/api/admin/configuration/v1/webapp_branding/";
pub const ALIASES: &str = "/api/admin/configuration/v1/webapp_alias/";
pub const CONFERENCES: &str = "/api/admin/configuration/v1/conference/";

pub const USER: &str = "admin";
pub const PASSWORD: &str = "s3cret:with-colon";
pub const TOKEN: &str = "ci-token-0123456789";

/// An argon2id hash at the lowest cost, so that tests in debug builds stay fast (verification takes the
/// cost from the hash).
pub fn cheap_hash(secret: &str) -> String {
    let params = Params::new(8, 1, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(secret.as_bytes())
        .map(|hash| hash.to_string())
        .unwrap_or_default()
}

pub fn admin_config() -> AdminConfig {
    AdminConfig {
        users: vec![AdminUser {
            name: USER.to_owned(),
            password_hash: cheap_hash(PASSWORD),
        }],
        tokens: vec![ApiToken {
            name: "ci".to_owned(),
            token_hash: cheap_hash(TOKEN),
        }],
    }
}

pub fn basic(name: &str, password: &str) -> String {
    let pair = format!("{name}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

/// A response, read completely.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
    }

    /// The `Location` header.
    pub fn location(&self) -> String {
        self.header(header::LOCATION).to_owned()
    }

    #[track_caller]
    pub fn expect(self, status: StatusCode) -> Self {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }
}

/// A management node over a temporary data folder.
pub struct Node {
    pub dir: TempDir,
    pub management: Management,
    pub rooms: Arc<FakeRooms>,
    pub app: Router,
}

impl Node {
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        Self::open_in(dir, admin_config())
    }

    pub fn with_admin(admin: AdminConfig) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        Self::open_in(dir, admin)
    }

    pub fn open_in(dir: TempDir, admin: AdminConfig) -> Self {
        let rooms = Arc::new(FakeRooms::default());
        let management =
            Management::open(dir.path(), admin, rooms.clone()).expect("the node opens");
        let app = router(management.clone());
        Self {
            dir,
            management,
            rooms,
            app,
        }
    }

    /// The same data folder, opened again by a new node (as after a restart).
    pub fn restart(self) -> Self {
        let Node { dir, .. } = self;
        Self::open_in(dir, admin_config())
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("the body is readable")
            .to_bytes();
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A request with the admin's credentials.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, basic(USER, PASSWORD));
        let body = match body {
            Some(value) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(value.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).expect("a valid request"))
            .await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Answer {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.call(Method::DELETE, path, None).await
    }

    /// Sends each body, expecting 400 with a message under the field named beside it.
    pub async fn assert_field_errors(
        &self,
        method: Method,
        path: &str,
        cases: impl IntoIterator<Item = (Value, &str)>,
    ) {
        for (body, field) in cases {
            let answer = self.call(method.clone(), path, Some(body.clone())).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
            let refusal = answer.json();
            assert!(refusal[field].is_array(), "{body} → {refusal}");
        }
    }

    /// Uploads `zip` as a branding package called `name`.
    pub async fn upload(&self, name: &str, zip: &[u8]) -> Answer {
        let form = forms::Form::new()
            .text("name", name)
            .text("description", "uploaded by a test")
            .text("webapp_type", "webapp2")
            .file("branding_file", "package.zip", zip);
        self.send(form.request(BRANDINGS, &basic(USER, PASSWORD)))
            .await
    }

    /// Uploads `zip`, expecting success; the new package's resource URI.
    pub async fn uploaded(&self, name: &str, zip: &[u8]) -> String {
        self.upload(name, zip)
            .await
            .expect(StatusCode::CREATED)
            .location()
    }

    /// How many branding packages are stored.
    pub async fn branding_count(&self) -> u64 {
        self.get(BRANDINGS).await.expect(StatusCode::OK).json()["meta"]["total_count"]
            .as_u64()
            .unwrap_or(u64::MAX)
    }
}
