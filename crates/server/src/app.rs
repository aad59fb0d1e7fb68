use axum::http::StatusCode;
use axum::Router;
use plugboard_client_api::Directory;
use tower_http::trace::TraceLayer;

/// The node's whole HTTP application.
pub fn app(directory: Directory) -> Router {
    plugboard_client_api::router(directory)
        .fallback(|| async { (StatusCode::NOT_FOUND, "Not found\n") })
        .layer(TraceLayer::new_for_http())
}
