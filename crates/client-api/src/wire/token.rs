use plugboard_conference::{Role, TokenGrant};
use serde_json::{json, Value};

use super::version;

const STATS_INTERVAL_MS: u64 = 5000;
const BANDWIDTH_KBPS: u64 = 1280;

/// The `request_token` result.
pub(crate) fn token_json(grant: &TokenGrant, call_tag: &str) -> Value {
    json!({
        "token": grant.token,
        "expires": grant.expires_secs.to_string(),
        "participant_uuid": grant.participant_uuid.to_string(),
        "display_name": grant.display_name,
        "role": grant.role.as_token_role(),
        "service_type": grant.service_type.as_str(),
        "current_service_type": grant.current_service_type.as_str(),
        "conference_name": grant.conference_name,
        "service_name": grant.conference_name,
        "version": version(),
        "chat_enabled": grant.chat_enabled,
        "analytics_enabled": false,
        "guests_can_present": true,
        "fecc_enabled": false,
        "rtmp_enabled": true,
        "rtsp_enabled": false,
        "vp9_enabled": true,
        "allow_1080p": true,
        "trickle_ice_enabled": true,
        "call_type": "video",
        "call_tag": call_tag,
        "idp_uuid": "",
        "route_via_registrar": false,
        "direct_media": false,
        "use_relay_candidates_only": false,
        "client_stats_update_interval": STATS_INTERVAL_MS,
        "bandwidth_in": BANDWIDTH_KBPS,
        "bandwidth_out": BANDWIDTH_KBPS,
        "breakout_rooms": false,
        // This node runs no STUN or TURN server; clients on the same network need none.
        "stun": [],
        "turn": [],
    })
}

/// The `refresh_token` result.
pub(crate) fn refreshed_json(token: &str, expires_secs: u64, role: Role) -> Value {
    json!({
        "token": token,
        "expires": expires_secs.to_string(),
        "role": role.as_token_role(),
        "client_stats_update_interval": STATS_INTERVAL_MS,
    })
}
