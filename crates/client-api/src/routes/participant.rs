//! Requests on `…/participants/<uuid>/<request>`.

use axum::http::Method;
use plugboard_conference::{Command, ParticipantRequest, Reply, Request, Role, TransferRequest};
use serde::Deserialize;
use uuid::Uuid;

use super::conference::{MessageBody, TextBody};
use super::token::unexpected;
use super::Call;
use crate::body;
use crate::envelope::{success, ApiError, ApiResult};
use crate::path::participant_uuid;

pub(super) async fn request(mut call: Call, uuid: &str, name: &str) -> ApiResult {
    call.expect_method(Method::POST)?;
    let target = participant_uuid(uuid)?;
    let bytes = body::read(call.take_body()).await?;
    let request = match name {
        "transfer" => return transfer(call, target, &bytes).await,
        _ => parse(name, &bytes)?,
    };
    let token = call.token()?;
    match call
        .run(participant_command(token, target, request))
        .await?
    {
        // These answer `null` in Pexip's API; the rest a boolean.
        Reply::Bool(_) if ANSWER_NULL.contains(&name) => Ok(success(())),
        Reply::Bool(value) => Ok(success(value)),
        other => Err(unexpected(other)),
    }
}

const ANSWER_NULL: [&str; 4] = [
    "take_floor",
    "release_floor",
    "show_live_captions",
    "hide_live_captions",
];

/// Participants have no pictures on this node.
pub(super) async fn avatar(call: Call, uuid: &str) -> ApiResult {
    call.expect_method(Method::GET)?;
    participant_uuid(uuid)?;
    call.authenticate().await?;
    Err(ApiError::NoImage)
}

fn participant_command(token: String, uuid: Uuid, request: ParticipantRequest) -> Command {
    Command::Request {
        token,
        request: Request::Participant { uuid, request },
    }
}

fn parse(name: &str, bytes: &[u8]) -> Result<ParticipantRequest, ApiError> {
    Ok(match name {
        "mute" => ParticipantRequest::Mute(true),
        "unmute" => ParticipantRequest::Mute(false),
        "client_mute" => ParticipantRequest::ClientMute(true),
        "client_unmute" => ParticipantRequest::ClientMute(false),
        "video_muted" => ParticipantRequest::VideoMuted(true),
        "video_unmuted" => ParticipantRequest::VideoMuted(false),
        "spotlighton" => ParticipantRequest::Spotlight(true),
        "spotlightoff" => ParticipantRequest::Spotlight(false),
        "disconnect" => ParticipantRequest::Disconnect,
        "unlock" => ParticipantRequest::Unlock,
        "allowrxpresentation" => ParticipantRequest::RxPresentation(true),
        "denyrxpresentation" => ParticipantRequest::RxPresentation(false),
        "buzz" => ParticipantRequest::Buzz(true),
        "clearbuzz" => ParticipantRequest::Buzz(false),
        "dtmf" => ParticipantRequest::Dtmf(body::parse::<DtmfBody>(bytes)?.digits),
        "overlaytext" => ParticipantRequest::OverlayText(body::parse::<TextBody>(bytes)?.text),
        "role" => ParticipantRequest::Role(parse_role(&body::parse::<RoleBody>(bytes)?.role)?),
        "message" => {
            let body: MessageBody = body::parse(bytes)?;
            ParticipantRequest::Message {
                mime_type: body.mime_type,
                payload: body.payload,
            }
        }
        "take_floor" => ParticipantRequest::TakeFloor,
        "release_floor" => ParticipantRequest::ReleaseFloor,
        "show_live_captions" => ParticipantRequest::LiveCaptions(true),
        "hide_live_captions" => ParticipantRequest::LiveCaptions(false),
        "notify_not_afk" => ParticipantRequest::NotifyNotAfk,
        "pres_in_mix" => {
            ParticipantRequest::PresentationInMix(body::parse::<StateBody>(bytes)?.state)
        }
        "preferred_aspect_ratio" => ParticipantRequest::PreferredAspectRatio(
            body::parse::<AspectRatioBody>(bytes)?.aspect_ratio,
        ),
        other => {
            return Err(ApiError::UnknownRequest(format!(
                "participants/<uuid>/{other}"
            )))
        }
    })
}

fn parse_role(role: &str) -> Result<Role, ApiError> {
    match role {
        "chair" => Ok(Role::Host),
        "guest" => Ok(Role::Guest),
        _ => Err(ApiError::bad_request("Invalid role")),
    }
}

#[derive(Deserialize)]
struct StateBody {
    state: bool,
}

#[derive(Deserialize)]
struct AspectRatioBody {
    aspect_ratio: f64,
}

#[derive(Deserialize)]
struct DtmfBody {
    digits: String,
}

#[derive(Deserialize)]
struct RoleBody {
    role: String,
}

#[derive(Deserialize)]
struct TransferBody {
    conference_alias: String,
    #[serde(default)]
    role: Option<String>,
}

/// A transfer spans two conferences: the target mints a one-time token, the source hands it to the
/// participant in a `refer` (or, for a simulated far end, the participant itself moves).
async fn transfer(call: Call, target: Uuid, bytes: &[u8]) -> ApiResult {
    let body: TransferBody = body::parse(bytes)?;
    let role = match body.role.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("") => None,
        Some("host" | "chair") => Some(Role::Host),
        Some("guest") => Some(Role::Guest),
        Some(_) => return Err(ApiError::bad_request("Invalid role")),
    };
    let token = call.token()?;
    let destination = call
        .directory
        .conference(&body.conference_alias)
        .ok_or(ApiError::NoSuchConference)?;
    let one_time_token = match destination.command(Command::IssueReferToken { role }).await {
        Some(Ok(Reply::OneTimeToken(token))) => token,
        Some(Ok(other)) => return Err(unexpected(other)),
        Some(Err(error)) => return Err(error.into()),
        None => return Err(ApiError::Unavailable),
    };
    let request = ParticipantRequest::Transfer(TransferRequest {
        alias: body.conference_alias,
        one_time_token,
    });
    match call
        .run(participant_command(token, target, request))
        .await?
    {
        Reply::Bool(value) => Ok(success(value)),
        Reply::FarEndTransferred(far_end) => {
            match destination
                .command(Command::AdmitFarEnd(far_end.clone()))
                .await
            {
                Some(Ok(_)) => Ok(success(true)),
                Some(Err(error)) => {
                    // The target refused it (full, say): it goes back where it was rather than vanish.
                    call.conference.tell(Command::AdmitFarEnd(far_end));
                    Err(error.into())
                }
                None => Err(ApiError::Unavailable),
            }
        }
        other => Err(unexpected(other)),
    }
}
