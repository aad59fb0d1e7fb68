//! Requests on the conference as a whole.

use uuid::Uuid;

use super::timers::Timer;
use super::{success, Conference, Member};
use crate::command::{ConferenceRequest, DialRequest};
use crate::dial::{self, CallType};
use crate::error::Error;
use crate::event::{Audience, ChatMessage, Event};
use crate::layout::{self, AVAILABLE_LAYOUTS};
use crate::participant::{CallDirection, Participant, Role, ServiceType};
use crate::reply::{MessageText, Reply};
use crate::time::Timestamp;

const MAX_MESSAGE_BYTES: usize = 64 * 1024;
const MAX_MESSAGE_TEXT_CHARS: usize = 1000;
/// A destination is also the far end's name until it gives one, so it obeys the same length.
const MAX_DESTINATION_CHARS: usize = 250;

pub(crate) const REASON_CONFERENCE_TERMINATED: &str =
    "Conference terminated by another participant";

impl Conference {
    pub(super) fn conference_request(
        &mut self,
        now: Timestamp,
        caller: Uuid,
        request: ConferenceRequest,
    ) -> Result<Reply, Error> {
        if request.is_host_only() {
            self.require_host(caller)?;
        }
        match request {
            ConferenceRequest::Participants => {
                Ok(Reply::Participants(self.participants().cloned().collect()))
            }
            ConferenceRequest::Status => Ok(Reply::Status(self.status())),
            ConferenceRequest::AvailableLayouts => Ok(Reply::Layouts(AVAILABLE_LAYOUTS.to_vec())),
            ConferenceRequest::GetMessageText => {
                Ok(Reply::MessageText(self.room.message_text.clone()))
            }
            ConferenceRequest::Message { mime_type, payload } => {
                self.broadcast_message(caller, mime_type, payload)
            }
            ConferenceRequest::Lock(locked) => self.set_locked(locked),
            ConferenceRequest::MuteGuests(muted) => self.mute_guests(muted),
            ConferenceRequest::SetGuestsCanUnmute(setting) => {
                if self.room.guests_can_unmute != setting {
                    self.room.guests_can_unmute = setting;
                }
                success()
            }
            ConferenceRequest::StartConference => {
                if !self.room.started {
                    self.room.started = true;
                }
                success()
            }
            ConferenceRequest::DisconnectAll => {
                let everyone: Vec<Uuid> = self.roster.keys().copied().collect();
                for uuid in everyone {
                    self.disconnect(uuid, REASON_CONFERENCE_TERMINATED);
                }
                success()
            }
            ConferenceRequest::Dial(dial) => self.dial(now, dial),
            ConferenceRequest::TransformLayout(transforms) => {
                transforms.validate()?;
                self.room.layout.apply(&transforms);
                self.emit_layouts();
                success()
            }
            ConferenceRequest::OverrideLayout(body) => {
                layout::validate_override(&body)?;
                self.room.layout.override_layout = Some(body);
                self.emit_layouts();
                success()
            }
            ConferenceRequest::ClearSpotlights => {
                self.for_each_participant(|p| p.spotlight = None);
                success()
            }
            ConferenceRequest::ClearAllBuzz => {
                self.for_each_participant(|p| p.buzz_time = None);
                success()
            }
            ConferenceRequest::SetMessageText(text) => self.set_message_text(now, text),
        }
    }

    fn set_message_text(&mut self, now: Timestamp, text: String) -> Result<Reply, Error> {
        if text.chars().count() > MAX_MESSAGE_TEXT_CHARS {
            return Err(Error::invalid(format!(
                "text is longer than {MAX_MESSAGE_TEXT_CHARS} characters"
            )));
        }
        self.room.message_text = MessageText {
            text,
            set_time: Some(now),
        };
        success()
    }

    fn set_locked(&mut self, locked: bool) -> Result<Reply, Error> {
        if self.room.locked != locked {
            self.room.locked = locked;
        }
        if !locked {
            // Unlocking a conference lets in everyone who was waiting.
            let admitted = self.admitted_service_type();
            self.for_each_participant(|p| {
                if p.service_type == ServiceType::WaitingRoom {
                    p.service_type = admitted;
                }
            });
        }
        success()
    }

    fn mute_guests(&mut self, muted: bool) -> Result<Reply, Error> {
        if self.room.guests_muted != muted {
            self.room.guests_muted = muted;
        }
        self.for_each_participant(|p| {
            if p.role == Role::Guest {
                p.is_muted = muted;
            }
        });
        success()
    }

    /// Apply `change` to every participant, emitting an update for each one it changed.
    fn for_each_participant(&mut self, mut change: impl FnMut(&mut Participant)) {
        let uuids: Vec<Uuid> = self.roster.keys().copied().collect();
        for uuid in uuids {
            // The uuids were just read from the roster, so the participant exists.
            let _ = self.update_participant(uuid, &mut change);
        }
    }

    /// A chat message from `caller`, if chat is on and the message is acceptable.
    pub(super) fn chat_message(
        &self,
        caller: Uuid,
        mime_type: String,
        payload: String,
        direct: bool,
    ) -> Result<ChatMessage, Error> {
        if !self.vmr.chat_enabled {
            return Err(Error::Forbidden("Chat is disabled in this conference"));
        }
        self.require_admitted(caller)?;
        if mime_type.is_empty() || mime_type.len() > 100 || !mime_type.contains('/') {
            return Err(Error::invalid(
                "type must be a MIME type such as text/plain",
            ));
        }
        if payload.len() > MAX_MESSAGE_BYTES {
            return Err(Error::invalid(format!(
                "payload is larger than {MAX_MESSAGE_BYTES} bytes"
            )));
        }
        Ok(ChatMessage {
            origin: self.member(caller)?.participant.display_name.clone(),
            uuid: caller,
            mime_type,
            payload,
            direct,
        })
    }

    fn broadcast_message(
        &mut self,
        caller: Uuid,
        mime_type: String,
        payload: String,
    ) -> Result<Reply, Error> {
        let message = self.chat_message(caller, mime_type, payload, false)?;
        // The sender shows its own message; everyone else with an event stream receives it.
        let others: Vec<Uuid> = self
            .roster
            .iter()
            .filter(|(uuid, member)| **uuid != caller && member.receives_chat())
            .map(|(uuid, _)| *uuid)
            .collect();
        for uuid in others {
            self.emit(
                Audience::Only(uuid),
                Event::MessageReceived(message.clone()),
            );
        }
        success()
    }

    fn dial(&mut self, now: Timestamp, dial: DialRequest) -> Result<Reply, Error> {
        let destination = dial.destination.trim().to_owned();
        if destination.is_empty()
            || destination.chars().count() > MAX_DESTINATION_CHARS
            || destination.chars().any(char::is_control)
        {
            return Err(Error::invalid(format!(
                "destination must be one line of 1 to {MAX_DESTINATION_CHARS} characters"
            )));
        }
        let Some(answer_after) = dial::outcome(&self.settings.dial_rules, &destination) else {
            return Ok(Reply::Uuids(Vec::new()));
        };
        if let Some(limit) = self.vmr.participant_limit {
            if self.roster.len() >= limit {
                return Err(Error::LimitReached);
            }
        }
        let display_name = match dial.remote_display_name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => super::membership::validate_display_name(name)?,
            _ => destination.clone(),
        };
        let participant = Participant {
            uuid: self.ids.uuid(),
            overlay_text: match dial.overlay_text {
                Some(text) => {
                    super::participant_requests::validate_overlay_text(&text)?;
                    text
                }
                None => display_name.clone(),
            },
            display_name,
            uri: destination.clone(),
            local_alias: self.vmr.name.clone(),
            role: dial.role,
            protocol: dial.protocol.resolve(&destination),
            service_type: ServiceType::Connecting,
            call_direction: CallDirection::Out,
            call_tag: String::new(),
            vendor: String::new(),
            start_time: now,
            buzz_time: None,
            spotlight: None,
            is_muted: dial.role == Role::Guest && self.room.guests_muted,
            is_client_muted: false,
            is_video_muted: false,
            is_audio_only_call: dial.call_type == CallType::Audio,
            is_video_call: dial.call_type != CallType::Audio,
            is_streaming_conference: dial.streaming,
            has_media: false,
            is_presenting: false,
            rx_presentation: true,
            show_live_captions: false,
            needs_presentation_in_mix: false,
            supports_direct_chat: false,
        };
        let uuid = participant.uuid;
        self.roster
            .insert(uuid, Member::far_end(participant.clone()));
        self.timers
            .schedule(now.plus_millis(answer_after), Timer::DialAnswer(uuid));
        self.emit(Audience::Everyone, Event::ParticipantCreate(participant));
        Ok(Reply::Uuids(vec![uuid]))
    }

    pub(super) fn answer_dial(&mut self, uuid: Uuid) {
        let connecting = self
            .roster
            .get(&uuid)
            .is_some_and(|m| m.participant.service_type == ServiceType::Connecting);
        if connecting {
            let admitted = self.admitted_service_type();
            let _ = self.update_participant(uuid, |p| {
                p.service_type = admitted;
                p.has_media = true;
            });
            if self.role_of(uuid) == Some(Role::Host) {
                self.room.started = true;
            }
        }
    }
}
