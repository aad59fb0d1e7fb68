//! The conference engine of Plugboard.
//!
//! Pure logic in the style of a sans-I/O core: no sockets, no async, no clock reads, no randomness of its
//! own. The caller feeds [`Command`]s with the current [`Timestamp`] into [`Conference::handle`], fires
//! [`Conference::handle_timeout`] when [`Conference::poll_timeout`] says so, and drains the resulting
//! [`Outbound`] events with [`Conference::poll_event`]. Fresh tokens and uuids come from an injected
//! [`IdSource`], so tests can be deterministic.

mod command;
mod conference;
mod config;
mod dial;
mod error;
mod event;
mod ids;
mod layout;
mod participant;
mod reply;
mod time;

pub use command::{
    Command, ConferenceRequest, DialRequest, JoinRequest, ParticipantRequest, Request,
    SimulatedCommand, TransferRequest,
};
pub use conference::Conference;
pub use config::{ConfigError, DialRule, RoomField, Settings, VmrConfig, VmrServiceType};
pub use dial::{CallType, DialProtocol};
pub use error::Error;
pub use event::{Audience, ChatMessage, Event, LayoutView, Outbound, StageEntry};
pub use ids::{IdSource, SequentialIds};
pub use layout::{Transforms, AVAILABLE_LAYOUTS};
pub use participant::{CallDirection, FarEnd, Participant, Protocol, Role, ServiceType};
pub use reply::{ConferenceStatus, MessageText, Reply, TokenGrant};
pub use time::Timestamp;
