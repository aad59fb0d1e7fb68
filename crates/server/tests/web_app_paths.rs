//! The app under each web app path: `/webapp2/` and the management node's `/<slug>/` paths, each with
//! its `<base href>` and its branding at `<path>/custom_configuration/…`.

mod support;

use axum::http::{header, StatusCode};
use plugboard_server::Branding;

/// GET `path` from the demo node with the web app paths `sales` (the minimal package) and `plain`.
async fn get(
    sales_is_default: bool,
    dev_events: Option<&'static str>,
    path: &str,
) -> (StatusCode, String) {
    let paths = support::Paths {
        sales: support::minimal(),
        sales_is_default,
    };
    support::text_of(support::get(support::with_paths(paths, dev_events), path).await).await
}

#[tokio::test]
async fn a_web_app_path_serves_the_app_with_its_own_base_and_branding() {
    let (status, page) = get(false, None, "/sales/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<base href=\"/sales/\">"), "{page}");
    assert!(!page.contains("/webapp2/"), "{page}");

    let (status, page) = get(false, None, "/sales/conference/meet").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<base href=\"/sales/\">"));

    let (status, css) = get(false, None, "/sales/app.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(css.contains("dialog-button"));

    let (status, manifest) = get(false, None, "/sales/custom_configuration/manifest.json").await;
    assert_eq!(status, StatusCode::OK);
    let (_, example_manifest) =
        get(false, None, "/webapp2/custom_configuration/manifest.json").await;
    assert_ne!(manifest, example_manifest, "/sales/ has its own branding");
}

#[tokio::test]
async fn a_path_without_branding_uses_the_nodes_and_unknown_paths_are_404() {
    let (_, plain) = get(false, None, "/plain/custom_configuration/manifest.json").await;
    let (_, webapp2) = get(false, None, "/webapp2/custom_configuration/manifest.json").await;
    assert_eq!(plain, webapp2);
    assert_eq!(get(false, None, "/nowhere/").await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        get(false, None, "/nowhere/custom_configuration/manifest.json")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(false, None, "/nowhere/app.css").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_default_path_gives_webapp2_its_branding() {
    let (_, sales) = get(true, None, "/sales/custom_configuration/manifest.json").await;
    let (_, webapp2) = get(true, None, "/webapp2/custom_configuration/manifest.json").await;
    assert_eq!(sales, webapp2);
}

#[tokio::test]
async fn paths_redirect_to_their_slash_form() {
    let response = support::get(support::web_apps(Branding::Example), "/webapp2").await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(response.headers()[header::LOCATION], "/webapp2/");
}

#[tokio::test]
async fn under_plugboard_dev_the_page_knows_where_changes_are_announced() {
    let (_, page) = get(false, Some("/api/dev/v1/events"), "/webapp2/").await;
    assert!(
        page.contains("<meta name=\"plugboard-dev\" content=\"/api/dev/v1/events\">"),
        "{page}"
    );
    let (_, page) = get(false, None, "/webapp2/").await;
    assert!(!page.contains("plugboard-dev"));
}
