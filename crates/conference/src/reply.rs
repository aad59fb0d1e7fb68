use uuid::Uuid;

use crate::config::VmrServiceType;
use crate::participant::{FarEnd, Participant, Role, ServiceType};
use crate::time::Timestamp;

/// What a successful command answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Token(TokenGrant),
    Refreshed {
        token: String,
        expires_secs: u64,
        role: Role,
    },
    Bool(bool),
    Participants(Vec<Participant>),
    Status(ConferenceStatus),
    Uuids(Vec<Uuid>),
    Layouts(Vec<&'static str>),
    MessageText(MessageText),
    OneTimeToken(String),
    Authenticated(Uuid),
    /// A simulated far end left for another conference; the caller admits it there.
    FarEndTransferred(FarEnd),
}

/// The engine's part of the `request_token` answer.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenGrant {
    pub token: String,
    pub expires_secs: u64,
    pub participant_uuid: Uuid,
    pub display_name: String,
    pub role: Role,
    pub service_type: VmrServiceType,
    pub current_service_type: ServiceType,
    pub conference_name: String,
    pub chat_enabled: bool,
}

/// `conference_status` and the `conference_update` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceStatus {
    pub locked: bool,
    pub guests_muted: bool,
    pub started: bool,
    pub guests_can_unmute: bool,
    pub all_muted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageText {
    pub text: String,
    pub set_time: Option<Timestamp>,
}
