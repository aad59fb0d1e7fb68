//! `request_token`, `refresh_token`, `release_token`.

use axum::http::{header, Method};
use plugboard_conference::{Command, JoinRequest, Reply};
use serde::Deserialize;

use super::Call;
use crate::body;
use crate::envelope::{success, ApiError, ApiResult};
use crate::wire::{refreshed_json, token_json};

/// The `request_token` body. Fields the node has no use for (`chosen_idp`, `sso_token`, `node`,
/// `client_id`, `direct_media`, …) are accepted and ignored, as clients always send some of them.
#[derive(Deserialize)]
struct RequestTokenBody {
    display_name: Option<String>,
    call_tag: Option<String>,
    token: Option<String>,
    supports_direct_chat: Option<bool>,
}

pub(super) async fn request(call: Call) -> ApiResult {
    call.expect_method(Method::POST)?;
    let mut call = call;
    let bytes = body::read(call.take_body()).await?;
    let parsed: RequestTokenBody = body::parse(&bytes)?;
    let display_name = parsed
        .display_name
        .ok_or_else(|| ApiError::bad_request("display_name is required"))?;
    let header = |name: &str| {
        call.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let call_tag = parsed.call_tag.unwrap_or_default();
    let join = JoinRequest {
        display_name,
        pin: header("pin"),
        // A one-time token (from a `refer`) comes in the body or, as some SDKs send it, the header.
        one_time_token: parsed.token.or_else(|| header("token")),
        call_tag: call_tag.clone(),
        vendor: header(header::USER_AGENT.as_str()).unwrap_or_default(),
        supports_direct_chat: parsed.supports_direct_chat.unwrap_or(true),
    };
    match call.run(Command::RequestToken(join)).await? {
        Reply::Token(grant) => Ok(success(token_json(&grant, &call_tag))),
        other => Err(unexpected(other)),
    }
}

pub(super) async fn refresh(call: Call) -> ApiResult {
    call.expect_method(Method::POST)?;
    let token = call.token()?;
    match call.run(Command::RefreshToken { token }).await? {
        Reply::Refreshed {
            token,
            expires_secs,
            role,
        } => Ok(success(refreshed_json(&token, expires_secs, role))),
        other => Err(unexpected(other)),
    }
}

/// The body is ignored: PexRTC sends it as a `sendBeacon` blob of any content type.
pub(super) async fn release(call: Call) -> ApiResult {
    call.expect_method(Method::POST)?;
    let token = call.token()?;
    call.run(Command::ReleaseToken { token }).await?;
    Ok(success(true))
}

/// The engine answered a command with a reply of another kind: a bug, reported rather than hidden.
pub(super) fn unexpected(reply: Reply) -> ApiError {
    tracing::error!(?reply, "the engine answered with an unexpected reply");
    ApiError::Unavailable
}
