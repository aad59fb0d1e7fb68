//! The browser side of the node: the web app at `/webapp2/` and the client library at
//! `/static/webrtc/js/pexrtc.js`, embedded in the binary from `web/`.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;

use crate::files::{serve_bytes, Cache};

#[derive(RustEmbed)]
#[folder = "../../web/"]
struct WebFiles;

/// The app's page; every app URL serves it and the app reads the route from the location.
const APP_PAGE: &str = "app/index.html";

pub fn routes() -> Router {
    Router::new()
        .route("/static/webrtc/js/pexrtc.js", get(pexrtc))
        .route(
            "/webapp2",
            get(|| async { Redirect::permanent("/webapp2/") }),
        )
        .route("/webapp2/", get(app_page))
        .route("/webapp2/conference/{alias}", get(app_page))
        .route("/webapp2/{*file}", get(app_file))
}

async fn pexrtc(headers: HeaderMap) -> Response {
    embedded("pexrtc.js", &headers)
}

async fn app_page(headers: HeaderMap) -> Response {
    embedded(APP_PAGE, &headers)
}

async fn app_file(Path(file): Path<String>, headers: HeaderMap) -> Response {
    embedded(&format!("app/{file}"), &headers)
}

fn embedded(path: &str, headers: &HeaderMap) -> Response {
    match WebFiles::get(path) {
        Some(file) => serve_bytes(path, &file.data, headers, Cache::Revalidate),
        None => not_found(),
    }
}

fn not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "Not found\n").into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
