use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::Router;
use plugboard_client_api::Directory;

use crate::branding::Branding;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// What pages of this node may load: their own origin only. Plugins come from the same origin (the
/// branding package), so they are covered; styles may be inline because plugins set `style` attributes.
/// Scripts may not be inline (injected markup stays inert), but `'unsafe-eval'` lets the plugin host
/// compile the inline `on…` handlers of plugin dialogs itself (web/app/js/plugins/dialogs.js).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; \
    connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";

/// The node's whole HTTP application.
pub fn app(directory: Directory, branding: Branding) -> Router {
    plugboard_client_api::router(directory)
        .merge(crate::web::routes())
        .merge(crate::branding::routes(branding))
        .fallback(|| async { (StatusCode::NOT_FOUND, "Not found\n") })
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::REFERRER_POLICY, "same-origin"))
        .layer(TraceLayer::new_for_http())
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
