//! Routing of `/api/client/v2/…`.

mod conference;
mod events;
mod participant;
mod token;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use plugboard_conference::{Command, Reply};

use crate::actor::ConferenceHandle;
use crate::directory::Directory;
use crate::envelope::{success, ApiError, ApiResult};
use crate::path::ConferencePath;
use crate::wire::version;

const CONFERENCES: &str = "/api/client/v2/conferences/";

/// The client API routes, to be merged into the node's application.
pub fn router(directory: Directory) -> Router {
    Router::new()
        .route("/api/client/v2/status", any(status))
        .route("/api/client/v2/{*rest}", any(unknown_path))
        .route(
            "/api/client/v2/conferences/{*rest}",
            any(conference_request),
        )
        .with_state(directory)
}

async fn status(method: Method) -> Response {
    if method != Method::GET {
        return ApiError::WrongMethod("GET").into_response();
    }
    success(serde_json::json!({ "version": version() }))
}

/// Anything else under the API answers in the API's envelope too.
async fn unknown_path(request: Request) -> Response {
    ApiError::UnknownRequest(request.uri().path().to_owned()).into_response()
}

/// What every handler below the alias gets.
pub(crate) struct Call {
    pub method: Method,
    pub headers: HeaderMap,
    pub query: Vec<(String, String)>,
    pub body: Body,
    pub conference: ConferenceHandle,
    pub directory: Directory,
}

impl Call {
    /// The token from the `token` header or, as PexRTC sends it for streams and beacons, `?token=`.
    pub fn token(&self) -> Result<String, ApiError> {
        let header = self.headers.get("token").and_then(|v| v.to_str().ok());
        let query = self
            .query
            .iter()
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.as_str());
        header
            .or(query)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .ok_or(ApiError::Engine(plugboard_conference::Error::InvalidToken))
    }

    pub fn expect_method(&self, method: Method) -> Result<(), ApiError> {
        if self.method == method {
            Ok(())
        } else if method == Method::GET {
            Err(ApiError::WrongMethod("GET"))
        } else {
            Err(ApiError::WrongMethod("POST"))
        }
    }

    /// The participant this call's token belongs to.
    pub fn authenticate(
        &self,
    ) -> impl std::future::Future<Output = Result<uuid::Uuid, ApiError>> + Send + 'static {
        let command = self
            .token()
            .map(|token| self.run(Command::Authenticate { token }));
        async move {
            match command?.await? {
                Reply::Authenticated(uuid) => Ok(uuid),
                other => Err(token::unexpected(other)),
            }
        }
    }

    pub fn take_body(&mut self) -> Body {
        std::mem::replace(&mut self.body, Body::empty())
    }

    /// Run a command on this call's conference. The future holds no borrow of the call, whose body
    /// is not `Sync`.
    pub fn run(
        &self,
        command: Command,
    ) -> impl std::future::Future<Output = Result<Reply, ApiError>> + Send + 'static {
        let conference = self.conference.clone();
        async move {
            match conference.command(command).await {
                Some(result) => Ok(result?),
                None => Err(ApiError::Unavailable),
            }
        }
    }
}

async fn conference_request(State(directory): State<Directory>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let raw_path = parts
        .uri
        .path()
        .strip_prefix(CONFERENCES)
        .unwrap_or_default();
    let result = async {
        let path = ConferencePath::parse(raw_path)?;
        let conference = directory
            .conference(&path.alias)
            .ok_or(ApiError::NoSuchConference)?;
        let query = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
        let call = Call {
            method: parts.method,
            headers: parts.headers,
            query,
            body,
            conference,
            directory: directory.clone(),
        };
        dispatch(call, &path.request).await
    }
    .await;
    result.unwrap_or_else(axum::response::IntoResponse::into_response)
}

async fn dispatch(call: Call, request: &[&str]) -> ApiResult {
    match request {
        ["request_token"] => token::request(call).await,
        ["refresh_token"] => token::refresh(call).await,
        ["release_token"] => token::release(call).await,
        ["events"] => events::open(call).await,
        ["participants", uuid, "avatar.jpg"] => participant::avatar(call, uuid).await,
        ["participants", uuid, name] => participant::request(call, uuid, name).await,
        ["theme"] => conference::theme(call).await,
        ["layout_svgs"] => conference::layout_svgs(call).await,
        [name] => conference::request(call, name).await,
        other => Err(ApiError::UnknownRequest(other.join("/"))),
    }
}
