//! The branding package as Webapp2 fetches it: `/webapp2/custom_configuration/…`.

mod support;

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use plugboard_server::{Branding, NodeConfig};

async fn get(branding: Branding, path: &str, etag: Option<&str>) -> Response {
    let mut request = Request::get(path);
    if let Some(etag) = etag {
        request = request.header(header::IF_NONE_MATCH, etag);
    }
    let request = request.body(Body::empty()).unwrap();
    support::send(NodeConfig::demo(), support::web_apps(branding), request).await
}

fn example_folder() -> Branding {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/branding");
    Branding::load(&path).unwrap()
}

#[tokio::test]
async fn the_example_package_is_served_by_default_with_types_and_validators() {
    let response = get(
        Branding::Example,
        "/webapp2/custom_configuration/settings.json",
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/json; charset=utf-8"
    );
    let etag = response.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    let again = get(
        Branding::Example,
        "/webapp2/custom_configuration/settings.json",
        Some(&etag),
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn a_package_from_a_folder_serves_its_plugins() {
    let settings = get(
        example_folder(),
        "/webapp2/custom_configuration/manifest.json",
        None,
    )
    .await;
    assert_eq!(settings.status(), StatusCode::OK);
    let script = get(
        example_folder(),
        "/webapp2/custom_configuration/plugins/meeting-tools/meeting-tools.plugin.js",
        None,
    )
    .await;
    assert_eq!(
        script.headers()[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
}

#[tokio::test]
async fn files_outside_the_package_are_not_found() {
    for path in ["nope.json", "../Cargo.toml", "plugins/../../secret"] {
        let response = get(
            example_folder(),
            &format!("/webapp2/custom_configuration/{path}"),
            None,
        )
        .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
