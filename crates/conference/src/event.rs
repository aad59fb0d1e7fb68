use uuid::Uuid;

use crate::participant::{Participant, Role};
use crate::reply::ConferenceStatus;

/// An event with its sequence number and who may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outbound {
    /// Sequential per conference, starting at 1.
    pub id: u64,
    pub audience: Audience,
    pub event: Event,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Only participants currently holding this role.
    Role(Role),
    Only(Uuid),
}

impl Audience {
    pub fn includes(self, uuid: Uuid, role: Role) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Role(r) => r == role,
            Audience::Only(u) => u == uuid,
        }
    }
}

/// The events of the client API's stream, named after their wire `event:` names.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    ParticipantCreate(Participant),
    ParticipantUpdate(Participant),
    ParticipantDelete(Uuid),
    ConferenceUpdate(ConferenceStatus),
    Layout(LayoutView),
    Stage(Vec<StageEntry>),
    MessageReceived(ChatMessage),
    /// Move to another conference with a one-time token.
    Refer {
        alias: String,
        token: String,
    },
    Disconnect {
        reason: String,
    },
    /// Ask the client to refresh its token now (its role changed).
    RefreshToken,
    PresentationStart {
        presenter_name: String,
        presenter_uri: String,
        presenter_uuid: Uuid,
    },
    PresentationStop,
}

impl Event {
    pub fn name(&self) -> &'static str {
        match self {
            Event::ParticipantCreate(_) => "participant_create",
            Event::ParticipantUpdate(_) => "participant_update",
            Event::ParticipantDelete(_) => "participant_delete",
            Event::ConferenceUpdate(_) => "conference_update",
            Event::Layout(_) => "layout",
            Event::Stage(_) => "stage",
            Event::MessageReceived(_) => "message_received",
            Event::Refer { .. } => "refer",
            Event::Disconnect { .. } => "disconnect",
            Event::RefreshToken => "refresh_token",
            Event::PresentationStart { .. } => "presentation_start",
            Event::PresentationStop => "presentation_stop",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// The sender's display name.
    pub origin: String,
    pub uuid: Uuid,
    pub mime_type: String,
    pub payload: String,
    pub direct: bool,
}

/// What a group of participants sees in the video mix.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutView {
    pub view: String,
    pub participants: Vec<Uuid>,
    pub chair_layout: String,
    pub guest_layout: String,
    pub overlay_text_enabled: bool,
    /// The last `override_layout` body, if any.
    pub override_layout: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageEntry {
    pub participant_uuid: Uuid,
    pub stage_index: usize,
    pub vad: u8,
}
