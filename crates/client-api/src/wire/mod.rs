//! The JSON the client API speaks, built from the engine's types.

mod conference;
mod event;
mod layout_svg;
mod participant;
mod token;

pub(crate) use conference::status_json;
pub(crate) use event::{event_data, frame, participant_data, sync_frames};
pub(crate) use layout_svg::layout_pictures;
pub(crate) use participant::WireParticipant;
pub(crate) use token::{refreshed_json, token_json};

use serde_json::{json, Value};

/// The Infinity version this node speaks: v36, the PexRTC build Webapp2 shipped with.
pub(crate) fn version() -> Value {
    json!({ "version_id": "36", "pseudo_version": "79019.0.0" })
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "YES"
    } else {
        "NO"
    }
}
