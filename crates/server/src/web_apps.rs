//! The web app under each of its paths: `/webapp2/` and every web app path the management node
//! configures (`/<slug>/`). Each path serves the same app with its own `<base href>` and its own
//! branding at `<path>/custom_configuration/…`: the path's package, else the node's default branding.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use plugboard_branding::BrandingPackage;

use crate::branding::Branding;
use crate::branding_in_page::branding_element;
use crate::files::{serve_bytes, Cache};
use crate::web::{app_file, app_page, not_found, PageOptions};

/// The built-in path of the app.
const WEBAPP2: &str = "webapp2";

/// Web app paths as the management node knows them.
pub trait WebAppPaths: Send + Sync + 'static {
    /// `None` when `slug` is no enabled path; `Some(None)` when it is one without a branding of its own.
    fn branding_of(&self, slug: &str) -> Option<Option<Arc<BrandingPackage>>>;
    /// The branding of the path marked default, which `/webapp2/` then uses.
    fn default_branding(&self) -> Option<Arc<BrandingPackage>>;
}

/// How each path of the app is served.
#[derive(Clone)]
pub struct WebApps {
    /// The node's own branding (`--branding`, the example, or the folder `plugboard dev` watches).
    pub default: Branding,
    pub paths: Option<Arc<dyn WebAppPaths>>,
    /// Set by `plugboard dev`: pages listen there for changes of the branding.
    pub dev_events: Option<&'static str>,
}

impl WebApps {
    /// The branding of the app at `/<app>/`, or `None` when no app is there.
    fn branding(&self, app: &str) -> Option<Branding> {
        let configured = self.paths.as_ref();
        if app == WEBAPP2 {
            let chosen = configured.and_then(|paths| paths.default_branding());
            return Some(chosen.map_or_else(|| self.default.clone(), Branding::Package));
        }
        let own = configured?.branding_of(app)?;
        Some(own.map_or_else(|| self.default.clone(), Branding::Package))
    }

    fn page_options<'a>(&self, app: &'a str, branding: &Branding) -> PageOptions<'a> {
        PageOptions {
            base: app,
            dev_events: self.dev_events,
            branding: branding_element(branding),
        }
    }
}

pub fn routes(web_apps: WebApps) -> Router {
    Router::new()
        .route("/{app}", get(redirect_to_slash))
        .route("/{app}/", get(page))
        .route("/{app}/conference/{alias}", get(conference_page))
        .route("/{app}/custom_configuration/{*path}", get(branding_file))
        .route("/{app}/{*file}", get(file))
        .with_state(web_apps)
}

async fn redirect_to_slash(State(apps): State<WebApps>, Path(app): Path<String>) -> Response {
    match apps.branding(&app) {
        Some(_) => Redirect::permanent(&format!("/{app}/")).into_response(),
        None => not_found(),
    }
}

async fn page(
    State(apps): State<WebApps>,
    Path(app): Path<String>,
    headers: HeaderMap,
) -> Response {
    match apps.branding(&app) {
        Some(branding) => app_page(&apps.page_options(&app, &branding), &headers),
        None => not_found(),
    }
}

async fn conference_page(
    State(apps): State<WebApps>,
    Path((app, _alias)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    page(State(apps), Path(app), headers).await
}

async fn branding_file(
    State(apps): State<WebApps>,
    Path((app, path)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(branding) = apps.branding(&app) else {
        return not_found();
    };
    match branding.pinned().file(&path) {
        Some(bytes) => serve_bytes(&path, &bytes, &headers, Cache::Revalidate),
        None => not_found(),
    }
}

async fn file(
    State(apps): State<WebApps>,
    Path((app, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match apps.branding(&app) {
        Some(_) => app_file(&file, &headers),
        None => not_found(),
    }
}
