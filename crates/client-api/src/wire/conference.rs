use plugboard_conference::ConferenceStatus;
use serde_json::{json, Value};

/// `conference_status` and the `conference_update` event.
pub(crate) fn status_json(status: &ConferenceStatus) -> Value {
    json!({
        "locked": status.locked,
        "guests_muted": status.guests_muted,
        "started": status.started,
        "all_muted": status.all_muted,
        "guests_can_unmute": status.guests_can_unmute,
        "guests_can_present": true,
        "presentation_allowed": true,
        "direct_media": false,
        "live_captions_available": false,
        "breakout_rooms": false,
        "classification": { "levels": {}, "current": null },
    })
}
