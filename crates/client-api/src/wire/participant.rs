use plugboard_conference::{Participant, Timestamp};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::yes_no;

/// A participant as `participants` and `participant_create`/`_update` carry it: every field Pexip's
/// `@pexip/infinity-api` validators require, in Pexip's encodings.
pub(crate) struct WireParticipant<'a>(pub &'a Participant);

fn epoch_or_zero(time: Option<Timestamp>) -> f64 {
    time.map_or(0.0, Timestamp::as_epoch_secs)
}

impl Serialize for WireParticipant<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let uuid = p.uuid.to_string();
        let mut map = serializer.serialize_map(Some(44))?;
        map.serialize_entry("uuid", &uuid)?;
        map.serialize_entry("display_name", &p.display_name)?;
        map.serialize_entry("overlay_text", &p.overlay_text)?;
        map.serialize_entry("uri", &p.uri)?;
        map.serialize_entry("local_alias", &p.local_alias)?;
        map.serialize_entry("role", p.role.as_participant_role())?;
        map.serialize_entry("protocol", p.protocol.as_str())?;
        map.serialize_entry("service_type", p.service_type.as_str())?;
        map.serialize_entry("call_direction", p.call_direction.as_str())?;
        map.serialize_entry("call_tag", &p.call_tag)?;
        map.serialize_entry("api_url", &format!("/participants/{uuid}"))?;
        map.serialize_entry("vendor", &p.vendor)?;
        map.serialize_entry("start_time", &p.start_time.as_epoch_secs())?;
        map.serialize_entry("buzz_time", &epoch_or_zero(p.buzz_time))?;
        map.serialize_entry("spotlight", &epoch_or_zero(p.spotlight))?;
        map.serialize_entry("last_spoken_time", &0.0)?;
        map.serialize_entry("is_muted", yes_no(p.is_muted))?;
        map.serialize_entry("is_client_muted", &p.is_client_muted)?;
        map.serialize_entry("is_presenting", yes_no(p.is_presenting))?;
        map.serialize_entry("is_video_call", yes_no(p.is_video_call))?;
        map.serialize_entry("is_audio_only_call", yes_no(p.is_audio_only_call))?;
        map.serialize_entry("is_video_muted", &p.is_video_muted)?;
        map.serialize_entry("is_video_silent", &false)?;
        map.serialize_entry("is_main_video_dropped_out", &false)?;
        map.serialize_entry("is_streaming_conference", &p.is_streaming_conference)?;
        map.serialize_entry("is_external", &false)?;
        map.serialize_entry("external_node_uuid", "")?;
        map.serialize_entry("is_idp_authenticated", &false)?;
        map.serialize_entry("is_conjoined", &false)?;
        map.serialize_entry("is_transferring", &false)?;
        map.serialize_entry("has_media", &p.has_media)?;
        map.serialize_entry("encryption", "On")?;
        map.serialize_entry("mute_supported", "YES")?;
        map.serialize_entry("transfer_supported", "YES")?;
        map.serialize_entry("disconnect_supported", "YES")?;
        map.serialize_entry("fecc_supported", "NO")?;
        map.serialize_entry("presentation_supported", yes_no(p.has_media))?;
        let policy = if p.rx_presentation { "ALLOW" } else { "DENY" };
        map.serialize_entry("rx_presentation_policy", policy)?;
        map.serialize_entry("needs_presentation_in_mix", &p.needs_presentation_in_mix)?;
        map.serialize_entry("show_live_captions", &p.show_live_captions)?;
        map.serialize_entry("supports_direct_chat", &p.supports_direct_chat)?;
        map.serialize_entry("can_receive_personal_mix", &false)?;
        map.serialize_entry(
            "receive_from_video_mix",
            &serde_json::json!({ "mix_name": "main", "timestamp": p.start_time.as_epoch_secs() }),
        )?;
        map.end()
    }
}
