//! The browser side of the node, embedded in the binary from `web/`: the client library at
//! `/static/webrtc/js/pexrtc.js`, and the app's page and files (served under each web app path by
//! `web_apps`).

use std::sync::LazyLock;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;

use crate::files::{serve_bytes, Cache};

#[derive(RustEmbed)]
#[folder = "../../web/"]
struct WebFiles;

/// The app's page; every app URL serves it and the app reads the route from the location.
const APP_PAGE: &str = "app/index.html";
/// The page's base as written in `web/app/index.html`; each path of the app gets its own.
const BASE_AS_WRITTEN: &str = "<base href=\"/webapp2/\">";

/// How the page is served under one path of the app.
pub struct PageOptions<'a> {
    /// The path's first segment: `webapp2` or a web app path's slug.
    pub base: &'a str,
    /// Where the page listens for branding changes under `plugboard dev`.
    pub dev_events: Option<&'static str>,
    /// The branding files the page carries (`branding_in_page`), an element for its `<head>`.
    pub branding: Option<String>,
}

pub fn routes() -> Router {
    Router::new().route("/static/webrtc/js/pexrtc.js", get(pexrtc))
}

async fn pexrtc(headers: HeaderMap) -> Response {
    embedded("pexrtc.js", &headers)
}

/// The app's page cut at its `<base href>`, which each path of the app replaces; `None` when the page
/// (embedded at build time) lacks it.
static PAGE_AROUND_BASE: LazyLock<Option<(String, String)>> = LazyLock::new(|| {
    let file = WebFiles::get(APP_PAGE)?;
    let page = String::from_utf8_lossy(&file.data);
    let (before, after) = page.split_once(BASE_AS_WRITTEN)?;
    Some((before.to_owned(), after.to_owned()))
});

/// The app's page with its `<base href>` set to `/<base>/`.
pub fn app_page(options: &PageOptions<'_>, headers: &HeaderMap) -> Response {
    let Some((before, after)) = PAGE_AROUND_BASE.as_ref() else {
        return not_found();
    };
    let mut head = format!("<base href=\"/{}/\">", options.base);
    if let Some(events) = options.dev_events {
        head.push_str(&format!(
            "\n    <meta name=\"plugboard-dev\" content=\"{events}\">"
        ));
    }
    if let Some(branding) = &options.branding {
        head.push_str("\n    ");
        head.push_str(branding);
    }
    let page = format!("{before}{head}{after}");
    serve_bytes(APP_PAGE, page.as_bytes(), headers, Cache::Revalidate)
}

/// One of the app's files (`app.css`, `js/…`, `icons.svg`).
pub fn app_file(file: &str, headers: &HeaderMap) -> Response {
    embedded(&format!("app/{file}"), headers)
}

fn embedded(path: &str, headers: &HeaderMap) -> Response {
    match WebFiles::get(path) {
        Some(file) => serve_bytes(path, &file.data, headers, Cache::Revalidate),
        None => not_found(),
    }
}

pub fn not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "Not found\n").into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
