//! What the server's test files share: the node's HTTP application answering one request.

#![allow(dead_code)] // each test file uses its own part

use std::path::Path;
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::response::Response;
use plugboard_branding::BrandingPackage;
use plugboard_client_api::Directory;
use plugboard_server::{app, Branding, NodeConfig, WebAppPaths, WebApps};
use tower::ServiceExt;

/// The answer of a node with `config`'s rooms and policy and `web_apps` to `request`.
pub async fn send(config: NodeConfig, web_apps: WebApps, request: Request<Body>) -> Response {
    let directory = Directory::start(config.rooms, &config.settings).unwrap();
    app(directory, web_apps, &config.csp, axum::Router::new())
        .oneshot(request)
        .await
        .unwrap()
}

/// GET `path` from the demo node serving `web_apps`.
pub async fn get(web_apps: WebApps, path: &str) -> Response {
    let request = Request::get(path).body(Body::empty()).unwrap();
    send(NodeConfig::demo(), web_apps, request).await
}

/// The status and the body as text.
pub async fn text_of(response: Response) -> (StatusCode, String) {
    let status = response.status();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Only the node's own branding, without web app paths.
pub fn web_apps(branding: Branding) -> WebApps {
    WebApps {
        default: branding,
        paths: None,
        dev_events: None,
    }
}

/// The minimal fixture package (tests/fixtures/branding/valid/minimal).
pub fn minimal() -> Arc<BrandingPackage> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/branding/valid/minimal");
    Arc::new(BrandingPackage::load(path).unwrap())
}

/// Web app paths as the management node gives them: `sales` with `sales`' own branding, `plain` with
/// none of its own; `sales` is the default path's when `sales_is_default`.
pub struct Paths {
    pub sales: Arc<BrandingPackage>,
    pub sales_is_default: bool,
}

impl WebAppPaths for Paths {
    fn branding_of(&self, slug: &str) -> Option<Option<Arc<BrandingPackage>>> {
        match slug {
            "sales" => Some(Some(Arc::clone(&self.sales))),
            "plain" => Some(None),
            _ => None,
        }
    }

    fn default_branding(&self) -> Option<Arc<BrandingPackage>> {
        self.sales_is_default.then(|| Arc::clone(&self.sales))
    }
}

/// The example branding at `/webapp2/`, and the web app paths of [`Paths`].
pub fn with_paths(paths: Paths, dev_events: Option<&'static str>) -> WebApps {
    WebApps {
        default: Branding::Example,
        paths: Some(Arc::new(paths)),
        dev_events,
    }
}
