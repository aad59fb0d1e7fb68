//! Events as `text/event-stream` frames, serialized once and shared by every subscriber.

use bytes::{BufMut, Bytes, BytesMut};
use plugboard_conference::{Event, Participant};
use serde::Serialize;
use serde_json::json;

use super::{status_json, WireParticipant};

/// One SSE message: `id`, `event` and the single-line JSON `data`.
pub(crate) fn frame(id: u64, name: &str, data: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(data.len() + name.len() + 32);
    write_frame(&mut out, id, name, data);
    out.freeze()
}

/// The JSON `data` of an event.
pub(crate) fn event_data(event: &Event) -> Bytes {
    let mut out = BytesMut::with_capacity(128);
    write_data(&mut out, event);
    out.freeze()
}

/// The re-sync a new stream starts with: `participant_sync_begin`, a `participant_create` for each
/// participant (given as its JSON), `participant_sync_end`, all stamped with the id of the conference's
/// latest event. The participants' JSON is shared, not copied: a sync of thousands is thousands of
/// pointers.
pub(crate) fn sync_frames(id: u64, roster: impl ExactSizeIterator<Item = Bytes>) -> Vec<Bytes> {
    let mut frames = Vec::with_capacity(roster.len() * 3 + 2);
    frames.push(frame(id, "participant_sync_begin", b"null"));
    let create = Bytes::from(format!("id: {id}\nevent: participant_create\ndata: "));
    for json in roster {
        frames.push(create.clone());
        frames.push(json);
        frames.push(Bytes::from_static(b"\n\n"));
    }
    frames.push(frame(id, "participant_sync_end", b"null"));
    frames
}

/// The JSON of a participant as events carry it.
pub(crate) fn participant_data(participant: &Participant) -> Bytes {
    let mut out = BytesMut::with_capacity(1400);
    write_json(&mut out, &WireParticipant(participant));
    out.freeze()
}

fn write_frame(out: &mut BytesMut, id: u64, name: &str, data: &[u8]) {
    out.put_slice(b"id: ");
    out.put_slice(id.to_string().as_bytes());
    out.put_slice(b"\nevent: ");
    out.put_slice(name.as_bytes());
    out.put_slice(b"\ndata: ");
    out.put_slice(data);
    out.put_slice(b"\n\n");
}

fn write_json(out: &mut BytesMut, value: &impl Serialize) {
    // Serializing the engine's own types cannot fail; if it ever did, `null` keeps the stream well-formed.
    if serde_json::to_writer(out.writer(), value).is_err() {
        out.put_slice(b"null");
    }
}

fn write_data(out: &mut BytesMut, event: &Event) {
    match event {
        Event::ParticipantCreate(p) | Event::ParticipantUpdate(p) => {
            write_json(out, &WireParticipant(p))
        }
        Event::ParticipantDelete(uuid) => write_json(out, &json!({ "uuid": uuid })),
        Event::ConferenceUpdate(status) => write_json(out, &status_json(status)),
        Event::Layout(view) => write_json(
            out,
            &json!({
                "view": view.view,
                "participants": view.participants,
                "requested_layout": {
                    "primary_screen": {
                        "chair_layout": view.chair_layout,
                        "guest_layout": view.guest_layout,
                    }
                },
                "overlay_text_enabled": view.overlay_text_enabled,
            }),
        ),
        Event::Stage(entries) => {
            let entries: Vec<_> = entries
                .iter()
                .map(|e| json!({ "participant_uuid": e.participant_uuid, "stage_index": e.stage_index, "vad": e.vad }))
                .collect();
            write_json(out, &entries)
        }
        Event::MessageReceived(message) => write_json(
            out,
            &json!({
                "origin": message.origin,
                "uuid": message.uuid,
                "type": message.mime_type,
                "payload": message.payload,
                "direct": message.direct,
            }),
        ),
        Event::Refer { alias, token } => {
            write_json(out, &json!({ "alias": alias, "token": token }))
        }
        Event::Disconnect { reason } => write_json(out, &json!({ "reason": reason })),
        Event::RefreshToken => out.put_slice(b"null"),
        Event::PresentationStart {
            presenter_name,
            presenter_uri,
            presenter_uuid,
        } => write_json(
            out,
            &json!({
                "presenter_name": presenter_name,
                "presenter_uri": presenter_uri,
                "presenter_uuid": presenter_uuid,
                "presenter_source": presenter_uuid,
            }),
        ),
        Event::PresentationStop => out.put_slice(b"{}"),
    }
}
