//! What the server's test files share: the node's HTTP application answering one request.

#![allow(dead_code)] // each test file uses its own part

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::response::Response;
use plugboard_client_api::Directory;
use plugboard_server::{app, Branding, NodeConfig, WebApps};
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
