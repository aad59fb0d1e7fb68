use uuid::Uuid;

use crate::time::Timestamp;

/// Host (`chair`) or guest. Tokens say `HOST`/`GUEST`, participant objects `chair`/`guest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Host,
    Guest,
}

impl Role {
    /// The participant-object spelling.
    pub fn as_participant_role(self) -> &'static str {
        match self {
            Role::Host => "chair",
            Role::Guest => "guest",
        }
    }

    /// The token spelling.
    pub fn as_token_role(self) -> &'static str {
        match self {
            Role::Host => "HOST",
            Role::Guest => "GUEST",
        }
    }
}

/// Where a participant currently is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceType {
    /// A dial-out that has not been answered yet.
    Connecting,
    /// A guest waiting to be admitted to a locked conference.
    WaitingRoom,
    Conference,
    Lecture,
}

impl ServiceType {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::Connecting => "connecting",
            ServiceType::WaitingRoom => "waiting_room",
            ServiceType::Conference => "conference",
            ServiceType::Lecture => "lecture",
        }
    }

    pub fn is_admitted(self) -> bool {
        matches!(self, ServiceType::Conference | ServiceType::Lecture)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// A client of the REST API (how Pexip reports Connect clients).
    Api,
    Webrtc,
    Sip,
    H323,
    Rtmp,
    Mssip,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Api => "api",
            Protocol::Webrtc => "webrtc",
            Protocol::Sip => "sip",
            Protocol::H323 => "h323",
            Protocol::Rtmp => "rtmp",
            Protocol::Mssip => "mssip",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallDirection {
    In,
    Out,
}

impl CallDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            CallDirection::In => "in",
            CallDirection::Out => "out",
        }
    }
}

/// One participant as every other participant sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub uuid: Uuid,
    pub display_name: String,
    pub overlay_text: String,
    pub uri: String,
    pub local_alias: String,
    pub role: Role,
    pub protocol: Protocol,
    pub service_type: ServiceType,
    pub call_direction: CallDirection,
    pub call_tag: String,
    pub vendor: String,
    pub start_time: Timestamp,
    pub buzz_time: Option<Timestamp>,
    pub spotlight: Option<Timestamp>,
    /// Muted by a host (or by `muteguests`).
    pub is_muted: bool,
    /// Muted by the participant's own client.
    pub is_client_muted: bool,
    pub is_video_muted: bool,
    pub is_audio_only_call: bool,
    pub is_video_call: bool,
    pub is_streaming_conference: bool,
    pub has_media: bool,
    pub is_presenting: bool,
    pub rx_presentation: bool,
    pub show_live_captions: bool,
    pub needs_presentation_in_mix: bool,
    pub supports_direct_chat: bool,
}

impl Participant {
    /// Whether this is a simulated person (`plugboard serve --bots`, a scenario) rather than someone
    /// who joined through the client API or was dialled.
    pub fn is_simulated(&self) -> bool {
        self.vendor == crate::conference::SIMULATED_VENDOR
    }
}

/// A participant that lives outside any client session: a simulated far end reached by dial-out. It
/// moves between conferences whole when transferred.
#[derive(Debug, Clone, PartialEq)]
pub struct FarEnd {
    pub participant: Participant,
}
