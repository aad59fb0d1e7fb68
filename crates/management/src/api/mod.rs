//! The admin API: `/api/admin/configuration/v1/{webapp_branding,webapp_alias,conference}/`, in the
//! shape of Pexip's Management Node (Tastypie): list/detail resources, `Location` on create, JSON errors.

mod alias;
mod body;
mod branding;
mod conference;
pub mod error;
mod list;
mod upload;
mod uri;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::management::Management;
use error::AdminError;

/// How an input changes an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// `POST`: a new object, with defaults for what is left out.
    Create,
    /// `PUT`: the object as given, with defaults for what is left out.
    Replace(i64),
    /// `PATCH`: only what is given changes.
    Update(i64),
}

impl Change {
    /// What a `PUT` (replace) or `PATCH` (update) of object `id` asks for, and the status that answers
    /// it, with the object (Tastypie's, with `always_return_data`).
    fn of(method: &Method, id: i64) -> (Change, StatusCode) {
        if method == Method::PUT {
            (Change::Replace(id), StatusCode::OK)
        } else {
            (Change::Update(id), StatusCode::ACCEPTED)
        }
    }
}

/// The admin API's routes, to be merged into the node's application. Every request, including those to
/// unknown paths under `/api/admin/`, must authenticate first.
pub fn router(management: Management) -> Router {
    let base = uri::BASE;
    // Paths are written out (rather than built from `uri`'s collections) so that they read as routes.
    let routes = [
        (
            format!("{base}/webapp_branding/"),
            get(branding::list)
                .post(branding::create)
                .layer(DefaultBodyLimit::max(upload::MAX_UPLOAD_BYTES)),
        ),
        (
            format!("{base}/webapp_branding/{{uuid}}/"),
            get(branding::detail)
                .patch(branding::patch)
                .delete(branding::delete),
        ),
        (
            format!("{base}/webapp_branding/{{uuid}}/download/"),
            get(branding::download),
        ),
        (
            format!("{base}/webapp_alias/"),
            get(alias::list).post(alias::create),
        ),
        (
            format!("{base}/webapp_alias/{{id}}/"),
            get(alias::detail)
                .put(alias::change)
                .patch(alias::change)
                .delete(alias::delete),
        ),
        (
            format!("{base}/conference/"),
            get(conference::list).post(conference::create),
        ),
        (
            format!("{base}/conference/{{id}}/"),
            get(conference::detail)
                .put(conference::change)
                .patch(conference::change)
                .delete(conference::delete),
        ),
    ];
    let mut router = Router::new()
        .route("/api/admin", any(unknown_path))
        .route("/api/admin/", any(unknown_path))
        .route("/api/admin/{*rest}", any(unknown_path));
    for (path, methods) in routes {
        router = with_and_without_slash(router, &path, methods);
    }
    router
        .layer(middleware::from_fn_with_state(
            management.clone(),
            require_admin,
        ))
        .layer(middleware::map_response(method_not_allowed_as_json))
        .with_state(management)
}

/// Tastypie's URIs end in `/`; clients that leave it out reach the same resource.
fn with_and_without_slash(
    router: Router<Management>,
    path: &str,
    methods: MethodRouter<Management>,
) -> Router<Management> {
    router
        .route(path.trim_end_matches('/'), methods.clone())
        .route(path, methods)
}

async fn require_admin(
    State(management): State<Management>,
    request: Request,
    next: Next,
) -> Response {
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|value| value.as_bytes().to_vec());
    match management.auth().check(authorization.as_deref()).await {
        Ok(()) => next.run(request).await,
        Err(denied) => AdminError::Unauthorized(denied).into_response(),
    }
}

async fn unknown_path(request: Request) -> AdminError {
    AdminError::NotFound(format!(
        "No admin API resource at {}; the resources are {}, {} and {}",
        request.uri().path(),
        uri::BRANDINGS.path,
        uri::ALIASES.path,
        uri::CONFERENCES.path
    ))
}

/// axum answers a wrong method with an empty 405 (and adds `Allow` after this layer); the admin API
/// answers in JSON.
async fn method_not_allowed_as_json(response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let body = json!({
        "error": format!("Method not allowed; the Allow header lists the methods this resource accepts")
    });
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body.to_string()))
}

/// 201 with the new object's URI in `Location` and the object itself.
fn created(location: String, object: Value) -> Response {
    let mut response = (StatusCode::CREATED, Json(object)).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
