//! Requests on `…/conferences/<alias>/<request>`.

use axum::http::Method;
use plugboard_conference::{
    CallType, Command, ConferenceRequest, DialProtocol, DialRequest, Reply, Request, Role,
    Transforms,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::token::unexpected;
use super::Call;
use crate::body;
use crate::envelope::{success, ApiError, ApiResult};
use crate::wire::{layout_pictures, status_json, WireParticipant};
use axum::response::IntoResponse;

const COMMANDS: [&str; 14] = [
    "lock",
    "unlock",
    "muteguests",
    "unmuteguests",
    "start_conference",
    "disconnect",
    "clearspotlights",
    "clearallbuzz",
    "set_guests_can_unmute",
    "message",
    "set_message_text",
    "dial",
    "transform_layout",
    "override_layout",
];

pub(super) async fn request(mut call: Call, name: &str) -> ApiResult {
    let request = match read_request(name) {
        Some(request) => {
            // A GET's body is ignored: PexRTC sends `{}` with some of them.
            call.expect_method(Method::GET)?;
            request
        }
        None if COMMANDS.contains(&name) => {
            call.expect_method(Method::POST)?;
            parse_command(name, &body::read(call.take_body()).await?)?
        }
        None => return Err(ApiError::UnknownRequest(name.to_owned())),
    };
    let annotate = call
        .query
        .iter()
        .any(|(k, v)| k == "annotate" && v == "true");
    let token = call.token()?;
    let reply = call
        .run(Command::Request {
            token,
            request: Request::Conference(request),
        })
        .await?;
    Ok(success(reply_json(reply, annotate)?))
}

/// `theme/`: this node has no splash-screen theme, which Pexip answers with 204 and no body.
pub(super) async fn theme(call: Call) -> ApiResult {
    call.expect_method(Method::GET)?;
    call.authenticate().await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

/// `layout_svgs`: a picture of every layout, for layout pickers.
pub(super) async fn layout_svgs(call: Call) -> ApiResult {
    call.expect_method(Method::GET)?;
    call.authenticate().await?;
    Ok(success(layout_pictures()))
}

fn read_request(name: &str) -> Option<ConferenceRequest> {
    Some(match name {
        "participants" => ConferenceRequest::Participants,
        "conference_status" => ConferenceRequest::Status,
        "available_layouts" => ConferenceRequest::AvailableLayouts,
        "get_message_text" => ConferenceRequest::GetMessageText,
        _ => return None,
    })
}

fn parse_command(name: &str, bytes: &[u8]) -> Result<ConferenceRequest, ApiError> {
    Ok(match name {
        "lock" => ConferenceRequest::Lock(true),
        "unlock" => ConferenceRequest::Lock(false),
        "muteguests" => ConferenceRequest::MuteGuests(true),
        "unmuteguests" => ConferenceRequest::MuteGuests(false),
        "start_conference" => ConferenceRequest::StartConference,
        "disconnect" => ConferenceRequest::DisconnectAll,
        "clearspotlights" => ConferenceRequest::ClearSpotlights,
        "clearallbuzz" => ConferenceRequest::ClearAllBuzz,
        "set_guests_can_unmute" => {
            let body: SettingBody = body::parse(bytes)?;
            ConferenceRequest::SetGuestsCanUnmute(body.setting)
        }
        "message" => {
            let body: MessageBody = body::parse(bytes)?;
            ConferenceRequest::Message {
                mime_type: body.mime_type,
                payload: body.payload,
            }
        }
        "set_message_text" => {
            let body: TextBody = body::parse(bytes)?;
            ConferenceRequest::SetMessageText(body.text)
        }
        "dial" => ConferenceRequest::Dial(body::parse::<DialBody>(bytes)?.into_request()?),
        "transform_layout" => {
            ConferenceRequest::TransformLayout(body::parse::<TransformBody>(bytes)?.into())
        }
        "override_layout" => ConferenceRequest::OverrideLayout(body::parse(bytes)?),
        other => return Err(ApiError::UnknownRequest(other.to_owned())),
    })
}

fn reply_json(reply: Reply, annotate: bool) -> Result<Value, ApiError> {
    Ok(match reply {
        Reply::Bool(value) => json!(value),
        Reply::Participants(participants) => {
            serde_json::to_value(participants.iter().map(WireParticipant).collect::<Vec<_>>())
                .map_err(|_| ApiError::Unavailable)?
        }
        Reply::Status(status) => status_json(&status),
        Reply::Uuids(uuids) => json!(uuids),
        Reply::Layouts(layouts) if annotate => {
            json!(layouts
                .iter()
                .map(|name| json!({ "name": name, "tags": [] }))
                .collect::<Vec<_>>())
        }
        Reply::Layouts(layouts) => json!(layouts),
        Reply::MessageText(text) => json!({
            "text": text.text,
            "set_time": text.set_time.map_or(0.0, |t| t.as_epoch_secs()),
        }),
        other => return Err(unexpected(other)),
    })
}

#[derive(Deserialize)]
struct SettingBody {
    setting: bool,
}

#[derive(Deserialize)]
pub(super) struct MessageBody {
    #[serde(rename = "type", default = "text_plain")]
    pub mime_type: String,
    pub payload: String,
}

fn text_plain() -> String {
    "text/plain".to_owned()
}

#[derive(Deserialize)]
pub(super) struct TextBody {
    pub text: String,
}

#[derive(Deserialize)]
struct DialBody {
    destination: String,
    #[serde(default)]
    protocol: Option<String>,
    #[serde(default)]
    role: Option<String>,
    /// `"yes"`/`"no"` from PexRTC; a boolean from some other clients.
    #[serde(default)]
    streaming: Option<Value>,
    #[serde(default)]
    remote_display_name: Option<String>,
    #[serde(default)]
    call_type: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    dtmf_sequence: Option<String>,
}

impl DialBody {
    fn into_request(self) -> Result<DialRequest, ApiError> {
        let protocol = match self.protocol.as_deref() {
            None | Some("") => DialProtocol::Auto,
            Some(text) => DialProtocol::parse(text)
                .ok_or_else(|| ApiError::bad_request(format!("Unknown protocol {text:?}")))?,
        };
        let role = match self.role.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("guest") => Role::Guest,
            Some("host" | "chair") => Role::Host,
            Some(_) => return Err(ApiError::bad_request("Invalid role")),
        };
        let streaming = match &self.streaming {
            None | Some(Value::Null) => protocol == DialProtocol::Rtmp,
            Some(Value::Bool(value)) => *value,
            Some(Value::String(text)) if text == "yes" => true,
            Some(Value::String(text)) if text == "no" => false,
            Some(_) => return Err(ApiError::bad_request("streaming must be \"yes\" or \"no\"")),
        };
        let call_type = match self.call_type.as_deref() {
            None => CallType::Video,
            Some(text) => CallType::parse(text)
                .ok_or_else(|| ApiError::bad_request(format!("Unknown call_type {text:?}")))?,
        };
        Ok(DialRequest {
            destination: self.destination,
            protocol,
            role,
            streaming,
            remote_display_name: self.remote_display_name,
            call_type,
            overlay_text: self.text,
            dtmf_sequence: self.dtmf_sequence,
        })
    }
}

#[derive(Deserialize)]
struct TransformBody {
    transforms: TransformFields,
}

/// Every transform a client may send; anything else is an illegal value. The indicator flags are read
/// only to check their types: this node composes no video to show them on.
#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
struct TransformFields {
    layout: Option<String>,
    host_layout: Option<String>,
    guest_layout: Option<String>,
    enable_extended_ac: Option<bool>,
    streaming_indicator: Option<bool>,
    recording_indicator: Option<bool>,
    transcribing_indicator: Option<bool>,
    live_captions_indicator: Option<bool>,
    enable_active_speaker_indication: Option<bool>,
    enable_overlay_text: Option<bool>,
    plus_n_pip_enabled: Option<bool>,
    free_form_overlay_text: Option<Vec<String>>,
    streaming: Option<StreamingFields>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct StreamingFields {
    layout: Option<String>,
    waiting_screen_enabled: Option<bool>,
    plus_n_pip_enabled: Option<bool>,
    indicators_enabled: Option<bool>,
}

impl From<TransformBody> for Transforms {
    fn from(body: TransformBody) -> Self {
        let fields = body.transforms;
        Transforms {
            layout: fields.layout,
            host_layout: fields.host_layout,
            guest_layout: fields.guest_layout,
            streaming_layout: fields.streaming.and_then(|s| s.layout),
            enable_overlay_text: fields.enable_overlay_text,
            free_form_overlay_text: fields.free_form_overlay_text,
        }
    }
}
