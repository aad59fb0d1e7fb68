//! The live node's room directory, as the management node sees it.

use plugboard_conference::{VmrConfig, VmrServiceType};

use crate::db::conferences::Conference;

/// Where stored rooms go live. The server implements it over its directory; the management node calls
/// it when it opens (every stored room) and after each change through the admin API.
///
/// Calls come from a blocking thread of the Tokio runtime (the runtime's context is entered, so
/// `tokio::spawn` works there).
pub trait RoomSync: Send + Sync + 'static {
    /// Add or replace a room (`previous_name` = its name before this change, for renames). `Err(text)`
    /// when the node refuses (e.g. an alias another room has); the change is then not stored.
    fn upsert(&self, previous_name: Option<&str>, room: VmrConfig) -> Result<(), String>;
    fn remove(&self, name: &str);
}

/// The live configuration of a stored room. Whether it is valid is [`VmrConfig::validate`]'s to say.
pub(crate) fn vmr_config(conference: &Conference) -> VmrConfig {
    let pin = |pin: &str| (!pin.is_empty()).then(|| pin.to_owned());
    VmrConfig {
        aliases: conference
            .aliases
            .iter()
            .map(|alias| alias.alias.clone())
            .collect(),
        pin: pin(&conference.pin),
        guest_pin: pin(&conference.guest_pin),
        allow_guests: conference.allow_guests,
        service_type: if conference.service_type == VmrServiceType::Lecture.as_str() {
            VmrServiceType::Lecture
        } else {
            VmrServiceType::Conference
        },
        participant_limit: conference
            .participant_limit
            .and_then(|limit| usize::try_from(limit).ok()),
        ..VmrConfig::open(&conference.name)
    }
}
