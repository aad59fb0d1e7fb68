use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::Router;
use plugboard_client_api::Directory;

use crate::csp::ContentSecurityPolicy;
use crate::web_apps::WebApps;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The node's whole HTTP application: the client API, the web app under each of its paths, and
/// `extra` routes (the admin API, `plugboard dev`'s change events).
pub fn app(
    directory: Directory,
    web_apps: WebApps,
    csp: &ContentSecurityPolicy,
    extra: Router,
) -> Router {
    let router = plugboard_client_api::router(directory)
        .merge(crate::web::routes())
        .merge(crate::web_apps::routes(web_apps))
        .merge(extra)
        .fallback(|| async { (StatusCode::NOT_FOUND, "Not found\n") });
    let router = match csp.header_value() {
        Some(policy) => router.layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            policy.clone(),
        )),
        None => router,
    };
    router
        .layer(header_layer(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(header_layer(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(TraceLayer::new_for_http())
}

fn header_layer(name: HeaderName, value: HeaderValue) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, value)
}
