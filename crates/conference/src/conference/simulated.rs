//! Simulated people: participants the node plays itself, as if they had joined from a browser with
//! camera and microphone.

use uuid::Uuid;

use super::{success, Conference, Member};
use crate::command::{ConferenceRequest, ParticipantRequest, SimulatedCommand};
use crate::error::Error;
use crate::participant::{Participant, Protocol, Role};
use crate::reply::Reply;
use crate::time::Timestamp;

/// What a simulated person's client reports as its User-Agent, so that nobody mistakes one for a person.
pub(crate) const SIMULATED_VENDOR: &str = "Plugboard simulated participant";
const MAX_VAD: u8 = 100;
const TEXT_PLAIN: &str = "text/plain";

impl Conference {
    pub(super) fn simulated(
        &mut self,
        now: Timestamp,
        command: SimulatedCommand,
    ) -> Result<Reply, Error> {
        match command {
            SimulatedCommand::Join { display_name, role } => {
                self.join_simulated(now, &display_name, role)
            }
            SimulatedCommand::Speak { uuid, vad } => {
                self.require_simulated(uuid)?;
                if vad > MAX_VAD {
                    return Err(Error::invalid(format!("vad must be 0 to {MAX_VAD}")));
                }
                if let Some(member) = self.roster.get_mut(&uuid) {
                    member.vad = vad;
                }
                self.stage_dirty = true;
                success()
            }
            SimulatedCommand::RaiseHand { uuid } => {
                self.require_simulated(uuid)?;
                // A hand already up keeps the time it went up.
                self.update_participant(uuid, |p| {
                    p.buzz_time.get_or_insert(now);
                })?;
                success()
            }
            SimulatedCommand::LowerHand { uuid } => {
                self.require_simulated(uuid)?;
                self.update_participant(uuid, |p| p.buzz_time = None)?;
                success()
            }
            SimulatedCommand::Chat { uuid, text, to } => {
                self.require_simulated(uuid)?;
                let mime_type = TEXT_PLAIN.to_owned();
                match to {
                    None => self.conference_request(
                        now,
                        uuid,
                        ConferenceRequest::Message {
                            mime_type,
                            payload: text,
                        },
                    ),
                    Some(target) => self.participant_request(
                        now,
                        uuid,
                        target,
                        ParticipantRequest::Message {
                            mime_type,
                            payload: text,
                        },
                    ),
                }
            }
            SimulatedCommand::SetMuted { uuid, muted } => {
                self.require_simulated(uuid)?;
                self.participant_request(now, uuid, uuid, ParticipantRequest::ClientMute(muted))
            }
            SimulatedCommand::Leave { uuid } => {
                self.require_simulated(uuid)?;
                self.remove(uuid);
                success()
            }
            SimulatedCommand::Request { uuid, request } => {
                self.require_simulated(uuid)?;
                self.request(now, uuid, request)
            }
        }
    }

    fn join_simulated(
        &mut self,
        now: Timestamp,
        display_name: &str,
        role: Role,
    ) -> Result<Reply, Error> {
        let display_name = super::membership::validate_display_name(display_name)?;
        self.check_capacity()?;
        let participant = Participant {
            protocol: Protocol::Webrtc,
            vendor: SIMULATED_VENDOR.to_owned(),
            is_video_call: true,
            has_media: true,
            supports_direct_chat: true,
            ..self.newcomer(now, display_name, role)
        };
        let uuid = participant.uuid;
        self.welcome(now, Member::simulated(participant));
        Ok(Reply::Uuids(vec![uuid]))
    }

    /// Simulated commands drive simulated people only, never a real participant's client.
    fn require_simulated(&self, uuid: Uuid) -> Result<(), Error> {
        if self.member(uuid)?.simulated {
            Ok(())
        } else {
            Err(Error::Forbidden(
                "Only simulated participants take simulated commands",
            ))
        }
    }
}
