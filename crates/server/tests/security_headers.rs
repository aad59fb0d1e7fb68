//! The security headers of every page: the Content-Security-Policy (configurable with `[csp]`),
//! `X-Content-Type-Options` and `Referrer-Policy`.

mod support;

use axum::body::Body;
use axum::http::{header, Request};
use axum::response::Response;
use plugboard_server::{Branding, NodeConfig};

async fn get_with(config_text: Option<&str>, path: &str) -> Response {
    let config = match config_text {
        Some(text) => NodeConfig::parse(text, "test.toml").unwrap(),
        None => NodeConfig::demo(),
    };
    let request = Request::get(path).body(Body::empty()).unwrap();
    support::send(config, support::web_apps(Branding::Example), request).await
}

fn csp_of(response: &Response) -> Option<String> {
    response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .map(|value| value.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn pages_get_a_same_origin_policy_by_default() {
    let response = get_with(None, "/webapp2/").await;
    let policy = csp_of(&response).unwrap();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    assert!(
        policy.contains("script-src 'self' 'unsafe-eval';"),
        "{policy}"
    );
    assert_eq!(
        response.headers()[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff"
    );
    assert_eq!(response.headers()[header::REFERRER_POLICY], "same-origin");
}

#[tokio::test]
async fn configured_sources_reach_the_header() {
    let config = "[csp]\nconnect-src = [\"https://maker.ifttt.com\"]\nimg-src = [\"https://img.example.com\"]\n[[vmr]]\nname = \"x\"\n";
    let policy = csp_of(&get_with(Some(config), "/webapp2/").await).unwrap();
    assert!(
        policy.contains("connect-src 'self' https://maker.ifttt.com;"),
        "{policy}"
    );
    assert!(
        policy.contains("img-src 'self' data: blob: https://img.example.com;"),
        "{policy}"
    );
}

#[tokio::test]
async fn the_policy_can_be_turned_off() {
    let config = "[csp]\nenabled = false\n[[vmr]]\nname = \"x\"\n";
    let response = get_with(Some(config), "/webapp2/").await;
    assert_eq!(csp_of(&response), None);
    assert_eq!(
        response.headers()[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff"
    );
}

#[test]
fn a_bad_policy_is_a_config_error_naming_the_file() {
    let error = NodeConfig::parse(
        "[csp]\nscript-src = [\"'self'; x\"]\n[[vmr]]\nname = \"x\"\n",
        "node.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("node.toml:"), "{error}");
    assert!(error.contains("script-src"), "{error}");
    let error = NodeConfig::parse(
        "[csp]\nscrpt-src = [\"x\"]\n[[vmr]]\nname = \"x\"\n",
        "node.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("scrpt-src"), "{error}");
}
