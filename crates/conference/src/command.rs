use uuid::Uuid;

use crate::config::VmrConfig;
use crate::dial::{CallType, DialProtocol};
use crate::layout::Transforms;
use crate::participant::{FarEnd, Role};

/// Everything a conference can be asked to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `request_token`: join (or try to).
    RequestToken(JoinRequest),
    /// `refresh_token`: swap a live token for a new one.
    RefreshToken { token: String },
    /// `release_token`: leave.
    ReleaseToken { token: String },
    /// Another conference transfers someone here: mint a one-time token they redeem in `request_token`.
    IssueReferToken { role: Option<Role> },
    /// Another conference transfers a simulated far end here.
    AdmitFarEnd(FarEnd),
    /// Check a token: answers with the participant it belongs to.
    Authenticate { token: String },
    /// Any request made with a token.
    Request { token: String, request: Request },
    /// The administrator changed the room: new joins follow the new configuration (PINs, guests,
    /// limit, service type); who is in the conference stays, and so does its live state (lock, mutes).
    Reconfigure(VmrConfig),
    /// What a simulated person does: someone the node plays as if they had joined from a browser with
    /// camera and microphone, for development and demos.
    Simulated(SimulatedCommand),
}

/// The doings of simulated people. They join without PIN or token, with the role they are given, and
/// otherwise follow the rules of real participants: the participant limit, the waiting room of a
/// locked conference, muted guests, hosts-only requests. Every command but `Join` names a simulated
/// participant; naming anyone else is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SimulatedCommand {
    /// Join as a WebRTC video call with media; answers `Reply::Uuids([uuid])`.
    Join {
        display_name: String,
        role: Role,
    },
    /// Voice activity, 0 (silent) to 100, as the `stage` event reports it. A muted participant is
    /// not heard: its `vad` stays 0 on stage until it is unmuted.
    Speak {
        uuid: Uuid,
        vad: u8,
    },
    RaiseHand {
        uuid: Uuid,
    },
    LowerHand {
        uuid: Uuid,
    },
    /// A `text/plain` chat message to everyone, or to one participant when `to` is given.
    Chat {
        uuid: Uuid,
        text: String,
        to: Option<Uuid>,
    },
    /// The participant's own client mutes or unmutes its microphone (`is_client_muted`).
    SetMuted {
        uuid: Uuid,
        muted: bool,
    },
    Leave {
        uuid: Uuid,
    },
    /// Any request of the client API, made as this participant and with its permissions.
    Request {
        uuid: Uuid,
        request: Request,
    },
}

/// The fields of `request_token` the engine cares about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JoinRequest {
    pub display_name: String,
    /// The `pin` header; `None` when absent. `"none"` or empty means "I have no PIN".
    pub pin: Option<String>,
    /// A one-time token from a `refer`.
    pub one_time_token: Option<String>,
    pub call_tag: String,
    /// The client's User-Agent.
    pub vendor: String,
    pub supports_direct_chat: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Conference(ConferenceRequest),
    Participant {
        uuid: Uuid,
        request: ParticipantRequest,
    },
}

/// Requests on `…/conferences/<alias>/<request>`.
#[derive(Debug, Clone, PartialEq)]
pub enum ConferenceRequest {
    Participants,
    Status,
    Lock(bool),
    MuteGuests(bool),
    SetGuestsCanUnmute(bool),
    StartConference,
    DisconnectAll,
    Message {
        mime_type: String,
        payload: String,
    },
    Dial(DialRequest),
    TransformLayout(Transforms),
    /// The caller's object, kept and echoed in `layout` events.
    OverrideLayout(serde_json::Value),
    AvailableLayouts,
    ClearSpotlights,
    ClearAllBuzz,
    GetMessageText,
    SetMessageText(String),
}

impl ConferenceRequest {
    /// Whether only hosts may make this request; reading the conference and chatting are for everyone.
    pub fn is_host_only(&self) -> bool {
        !matches!(
            self,
            ConferenceRequest::Participants
                | ConferenceRequest::Status
                | ConferenceRequest::AvailableLayouts
                | ConferenceRequest::GetMessageText
                | ConferenceRequest::Message { .. }
        )
    }
}

/// Requests on `…/participants/<uuid>/<request>`.
#[derive(Debug, Clone, PartialEq)]
pub enum ParticipantRequest {
    Mute(bool),
    ClientMute(bool),
    VideoMuted(bool),
    Spotlight(bool),
    Disconnect,
    Dtmf(String),
    Transfer(TransferRequest),
    Role(Role),
    Unlock,
    RxPresentation(bool),
    OverlayText(String),
    Buzz(bool),
    Message {
        mime_type: String,
        payload: String,
    },
    /// Start presenting (screen sharing); whoever presented before stops.
    TakeFloor,
    ReleaseFloor,
    LiveCaptions(bool),
    PresentationInMix(bool),
    /// The user is still there (answers an away-from-keyboard prompt).
    NotifyNotAfk,
    /// Width over height the client prefers for its video, in (0, 2].
    PreferredAspectRatio(f64),
}

/// A transfer whose target conference has already issued `one_time_token` for the participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRequest {
    pub alias: String,
    pub one_time_token: String,
}

/// `dial`: call a far end into the conference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialRequest {
    pub destination: String,
    pub protocol: DialProtocol,
    pub role: Role,
    pub streaming: bool,
    pub remote_display_name: Option<String>,
    pub call_type: CallType,
    pub overlay_text: Option<String>,
    pub dtmf_sequence: Option<String>,
}
