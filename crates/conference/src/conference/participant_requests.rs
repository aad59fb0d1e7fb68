//! Requests on one participant.

use uuid::Uuid;

use super::{success, Conference};
use crate::command::{ParticipantRequest, TransferRequest};
use crate::error::Error;
use crate::event::{Audience, Event};
use crate::participant::{FarEnd, Role, ServiceType};
use crate::reply::Reply;
use crate::time::Timestamp;

const MAX_OVERLAY_TEXT_CHARS: usize = 250;
const MAX_DTMF_DIGITS: usize = 64;

pub(crate) const REASON_DISCONNECTED_BY_HOST: &str = "Disconnected by another participant";
pub(crate) const REASON_SELF_DISCONNECT: &str = "API initiated participant disconnect";

impl Conference {
    pub(super) fn participant_request(
        &mut self,
        now: Timestamp,
        caller: Uuid,
        target: Uuid,
        request: ParticipantRequest,
    ) -> Result<Reply, Error> {
        self.member(target)?;
        match request {
            ParticipantRequest::Mute(muted) => self.mute(caller, target, muted),
            ParticipantRequest::ClientMute(muted) => {
                if caller != target {
                    return Err(Error::Forbidden(
                        "client_mute is for a participant's own client",
                    ));
                }
                self.change(target, |p| p.is_client_muted = muted)
            }
            ParticipantRequest::VideoMuted(muted) => {
                self.require_host_or_self(caller, target)?;
                self.change(target, |p| p.is_video_muted = muted)
            }
            ParticipantRequest::Spotlight(on) => {
                self.require_host(caller)?;
                self.change(target, |p| p.spotlight = on.then_some(now))
            }
            ParticipantRequest::Disconnect => {
                self.require_host_or_self(caller, target)?;
                let reason = if caller == target {
                    REASON_SELF_DISCONNECT
                } else {
                    REASON_DISCONNECTED_BY_HOST
                };
                self.disconnect(target, reason);
                success()
            }
            ParticipantRequest::Dtmf(digits) => {
                self.require_host_or_self(caller, target)?;
                validate_dtmf(&digits)?;
                success()
            }
            ParticipantRequest::Transfer(transfer) => {
                self.require_host(caller)?;
                self.transfer(target, transfer)
            }
            ParticipantRequest::Role(role) => {
                self.require_host(caller)?;
                self.set_role(target, role)
            }
            ParticipantRequest::Unlock => {
                self.require_host(caller)?;
                self.admit(target)
            }
            ParticipantRequest::RxPresentation(allow) => {
                self.require_host_or_self(caller, target)?;
                self.change(target, |p| p.rx_presentation = allow)
            }
            ParticipantRequest::OverlayText(text) => {
                self.require_host_or_self(caller, target)?;
                validate_overlay_text(&text)?;
                self.change(target, |p| p.overlay_text = text)
            }
            ParticipantRequest::Buzz(raised) => {
                self.require_host_or_self(caller, target)?;
                self.change(target, |p| p.buzz_time = raised.then_some(now))
            }
            ParticipantRequest::Message { mime_type, payload } => {
                self.direct_message(caller, target, mime_type, payload)
            }
            ParticipantRequest::TakeFloor => {
                require_self(caller, target)?;
                self.require_admitted(caller)?;
                self.take_floor(target)
            }
            ParticipantRequest::ReleaseFloor => {
                self.require_host_or_self(caller, target)?;
                self.release_floor(target);
                success()
            }
            ParticipantRequest::LiveCaptions(show) => {
                require_self(caller, target)?;
                self.change(target, |p| p.show_live_captions = show)
            }
            ParticipantRequest::PresentationInMix(state) => {
                self.require_host_or_self(caller, target)?;
                self.change(target, |p| p.needs_presentation_in_mix = state)
            }
            ParticipantRequest::NotifyNotAfk => {
                require_self(caller, target)?;
                success()
            }
            ParticipantRequest::PreferredAspectRatio(ratio) => {
                require_self(caller, target)?;
                if !(ratio > 0.0 && ratio <= 2.0) {
                    return Err(Error::invalid(
                        "aspect_ratio must be greater than 0 and at most 2",
                    ));
                }
                success()
            }
        }
    }

    fn take_floor(&mut self, presenter: Uuid) -> Result<Reply, Error> {
        let previous: Vec<Uuid> = self
            .participants()
            .filter(|p| p.is_presenting && p.uuid != presenter)
            .map(|p| p.uuid)
            .collect();
        for uuid in previous {
            self.change(uuid, |p| p.is_presenting = false)?;
        }
        let participant = &self.member(presenter)?.participant;
        let start = Event::PresentationStart {
            presenter_name: participant.display_name.clone(),
            presenter_uri: participant.uri.clone(),
            presenter_uuid: presenter,
        };
        self.change(presenter, |p| p.is_presenting = true)?;
        self.emit(Audience::Everyone, start);
        success()
    }

    /// Stop `presenter`'s presentation, if it is presenting.
    pub(super) fn release_floor(&mut self, presenter: Uuid) {
        let presenting = self
            .member(presenter)
            .is_ok_and(|m| m.participant.is_presenting);
        if presenting {
            let _ = self.update_participant(presenter, |p| p.is_presenting = false);
            self.emit(Audience::Everyone, Event::PresentationStop);
        }
    }

    fn change(
        &mut self,
        target: Uuid,
        change: impl FnOnce(&mut crate::Participant),
    ) -> Result<Reply, Error> {
        self.update_participant(target, change)?;
        success()
    }

    /// Hosts mute and unmute anyone; a guest may mute itself, and unmute itself unless the guests are
    /// muted and may not unmute.
    fn mute(&mut self, caller: Uuid, target: Uuid, muted: bool) -> Result<Reply, Error> {
        if caller != target {
            self.require_host(caller)?;
        } else if !muted
            && self.role_of(caller) == Some(Role::Guest)
            && self.room.guests_muted
            && !self.room.guests_can_unmute
        {
            return Err(Error::Forbidden(
                "Guests may not unmute themselves in this conference",
            ));
        }
        self.change(target, |p| p.is_muted = muted)
    }

    fn transfer(&mut self, target: Uuid, transfer: TransferRequest) -> Result<Reply, Error> {
        let has_session = self.member(target)?.session.is_some();
        if has_session {
            let TransferRequest {
                alias,
                one_time_token,
            } = transfer;
            self.emit(
                Audience::Only(target),
                Event::Refer {
                    alias,
                    token: one_time_token,
                },
            );
            self.remove(target);
            return success();
        }
        let member = self.remove(target).ok_or(Error::ParticipantNotFound)?;
        Ok(Reply::FarEndTransferred(FarEnd {
            participant: member.participant,
        }))
    }

    fn set_role(&mut self, target: Uuid, role: Role) -> Result<Reply, Error> {
        let guests_muted = self.room.guests_muted;
        let changed = self.member(target)?.participant.role != role;
        let admitted = self.admitted_service_type();
        self.change(target, |p| {
            p.role = role;
            if role == Role::Guest && guests_muted {
                p.is_muted = true;
            }
            // Hosts never wait: a waiting guest made host is let in.
            if role == Role::Host && p.service_type == ServiceType::WaitingRoom {
                p.service_type = admitted;
            }
        })?;
        if role == Role::Host {
            self.room.started = true;
        }
        if changed && self.member(target)?.session.is_some() {
            self.emit(Audience::Only(target), Event::RefreshToken);
        }
        success()
    }

    /// Let a guest in from the waiting room of a locked conference.
    fn admit(&mut self, target: Uuid) -> Result<Reply, Error> {
        if self.member(target)?.participant.service_type != ServiceType::WaitingRoom {
            return Ok(Reply::Bool(false));
        }
        let admitted = self.admitted_service_type();
        self.change(target, |p| p.service_type = admitted)
    }

    fn direct_message(
        &mut self,
        caller: Uuid,
        target: Uuid,
        mime_type: String,
        payload: String,
    ) -> Result<Reply, Error> {
        if !self.member(target)?.receives_chat() {
            return Err(Error::invalid(
                "that participant cannot receive chat messages",
            ));
        }
        let message = self.chat_message(caller, mime_type, payload, true)?;
        self.emit(Audience::Only(target), Event::MessageReceived(message));
        success()
    }
}

pub(super) fn validate_overlay_text(text: &str) -> Result<(), Error> {
    if text.chars().count() > MAX_OVERLAY_TEXT_CHARS || text.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "text must be one line of at most {MAX_OVERLAY_TEXT_CHARS} characters"
        )));
    }
    Ok(())
}

fn require_self(caller: Uuid, target: Uuid) -> Result<(), Error> {
    if caller == target {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "Permission denied: only a participant's own client may do this",
        ))
    }
}

fn validate_dtmf(digits: &str) -> Result<(), Error> {
    let valid = !digits.is_empty()
        && digits.len() <= MAX_DTMF_DIGITS
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || "*#ABCD".contains(c));
    if valid {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "digits must be 1 to {MAX_DTMF_DIGITS} of 0-9 * # A B C D"
        )))
    }
}
