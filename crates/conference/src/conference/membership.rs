//! Joining and leaving: tokens, PINs, the waiting room, and removal.

use uuid::Uuid;

use super::timers::Timer;
use super::{Conference, Member, OneTimeToken, RoomState, Session};
use crate::command::JoinRequest;
use crate::error::Error;
use crate::event::{Audience, Event};
use crate::layout::LayoutState;
use crate::participant::{CallDirection, FarEnd, Participant, Protocol, Role, ServiceType};
use crate::reply::{Reply, TokenGrant};
use crate::time::Timestamp;

/// The same as the longest overlay text, which starts as the display name.
const MAX_DISPLAY_NAME_CHARS: usize = 250;
/// How long a `refer` token may wait to be redeemed.
const ONE_TIME_TOKEN_SECS: u64 = 60;

pub(crate) const REASON_TOKEN_EXPIRED: &str = "Timer expired awaiting token refresh";
pub(crate) const REASON_WAITING_TIMEOUT: &str =
    "Timeout waiting for conference host to join or permit access to locked conference";

impl Conference {
    pub(super) fn join(&mut self, now: Timestamp, join: JoinRequest) -> Result<Reply, Error> {
        let display_name = validate_display_name(&join.display_name)?;
        let role = match &join.one_time_token {
            Some(token) => {
                self.check_capacity()?;
                self.redeem_one_time_token(now, token)?
            }
            None => {
                let role = self.role_for_pin(join.pin.as_deref())?;
                self.check_capacity()?;
                role
            }
        };
        let participant = Participant {
            call_tag: join.call_tag,
            vendor: join.vendor,
            supports_direct_chat: join.supports_direct_chat,
            ..self.newcomer(now, display_name.clone(), role)
        };
        let service_type = participant.service_type;
        let uuid = participant.uuid;
        let session = self.open_session(now, uuid);
        let token = session.token.clone();
        self.welcome(now, Member::client(participant, session));
        Ok(Reply::Token(TokenGrant {
            token,
            expires_secs: self.settings.token_expiry_secs,
            participant_uuid: uuid,
            display_name,
            role,
            service_type: self.vmr.service_type,
            current_service_type: service_type,
            conference_name: self.vmr.name.clone(),
            chat_enabled: self.vmr.chat_enabled,
        }))
    }

    /// Someone who joins by themselves with `role`, as an API client without media; other kinds of
    /// client change what they are.
    pub(super) fn newcomer(
        &mut self,
        now: Timestamp,
        display_name: String,
        role: Role,
    ) -> Participant {
        Participant {
            uuid: self.ids.uuid(),
            overlay_text: display_name.clone(),
            display_name,
            uri: String::new(),
            local_alias: self.vmr.name.clone(),
            role,
            protocol: Protocol::Api,
            service_type: self.entry_for(role),
            call_direction: CallDirection::In,
            call_tag: String::new(),
            vendor: String::new(),
            start_time: now,
            buzz_time: None,
            spotlight: None,
            is_muted: role == Role::Guest && self.room.guests_muted,
            is_client_muted: false,
            is_video_muted: false,
            is_audio_only_call: false,
            is_video_call: false,
            is_streaming_conference: false,
            has_media: false,
            is_presenting: false,
            rx_presentation: true,
            show_live_captions: false,
            needs_presentation_in_mix: false,
            supports_direct_chat: false,
        }
    }

    /// Where a newcomer with `role` goes: a guest of a locked conference waits to be let in.
    pub(super) fn entry_for(&self, role: Role) -> ServiceType {
        if role == Role::Guest && self.room.locked {
            ServiceType::WaitingRoom
        } else {
            self.admitted_service_type()
        }
    }

    /// Add a newcomer who joined (rather than was dialled or transferred) and tell everyone: a waiting
    /// guest waits only so long, and the first host starts the conference.
    pub(super) fn welcome(&mut self, now: Timestamp, member: Member) {
        let participant = member.participant.clone();
        let uuid = participant.uuid;
        self.stage_dirty |= participant.has_media;
        self.roster.insert(uuid, member);
        if participant.service_type == ServiceType::WaitingRoom {
            let deadline = now.plus_secs(self.settings.waiting_room_timeout_secs);
            self.timers
                .schedule(deadline, Timer::WaitingRoomTimeout(uuid));
        }
        if participant.role == Role::Host {
            self.room.started = true;
        }
        self.emit(Audience::Everyone, Event::ParticipantCreate(participant));
    }

    /// The Pexip PIN rules: no host PIN means everyone is host; otherwise the PIN decides the role, and
    /// guests of a room without a guest PIN join with none.
    fn role_for_pin(&self, pin: Option<&str>) -> Result<Role, Error> {
        let Some(host_pin) = &self.vmr.pin else {
            return Ok(Role::Host);
        };
        let guests_need_pin = !self.vmr.allow_guests || self.vmr.guest_pin.is_some();
        let Some(pin) = pin.map(str::trim) else {
            return Err(Error::PinRequired {
                guest_pin: guests_need_pin,
            });
        };
        if pin == host_pin {
            return Ok(Role::Host);
        }
        if self.vmr.allow_guests {
            match &self.vmr.guest_pin {
                Some(guest_pin) if pin == guest_pin => return Ok(Role::Guest),
                None if pin.is_empty() || pin == "none" => return Ok(Role::Guest),
                _ => {}
            }
        }
        Err(Error::InvalidPin)
    }

    fn redeem_one_time_token(&mut self, now: Timestamp, token: &str) -> Result<Role, Error> {
        let grant = self
            .one_time_tokens
            .remove(token)
            .ok_or(Error::InvalidToken)?;
        if grant.expires <= now {
            return Err(Error::InvalidToken);
        }
        Ok(grant.role.unwrap_or(if self.vmr.pin.is_some() {
            Role::Guest
        } else {
            Role::Host
        }))
    }

    pub(super) fn check_capacity(&self) -> Result<(), Error> {
        match self.vmr.participant_limit {
            Some(limit) if self.roster.len() >= limit => Err(Error::LimitReached),
            _ => Ok(()),
        }
    }

    pub(super) fn admitted_service_type(&self) -> ServiceType {
        match self.vmr.service_type {
            crate::config::VmrServiceType::Conference => ServiceType::Conference,
            crate::config::VmrServiceType::Lecture => ServiceType::Lecture,
        }
    }

    fn open_session(&mut self, now: Timestamp, uuid: Uuid) -> Session {
        let token = self.ids.token();
        let expires = now.plus_secs(self.settings.token_expiry_secs);
        self.tokens.insert(token.clone(), uuid);
        self.timers.schedule(expires, Timer::TokenExpiry(uuid));
        Session {
            token,
            previous_token: None,
            expires,
        }
    }

    pub(super) fn refresh(&mut self, now: Timestamp, token: &str) -> Result<Reply, Error> {
        let uuid = self.authenticate(now, token)?;
        let new_token = self.ids.token();
        let expires = now.plus_secs(self.settings.token_expiry_secs);
        let member = self.roster.get_mut(&uuid).ok_or(Error::InvalidToken)?;
        let role = member.participant.role;
        let session = member.session.as_mut().ok_or(Error::InvalidToken)?;
        // The replaced token stays valid until the new one expires, so that requests already in flight
        // with it do not fail; the one before it is dropped.
        let retired = session
            .previous_token
            .replace(std::mem::replace(&mut session.token, new_token.clone()));
        session.expires = expires;
        if let Some(retired) = retired {
            self.tokens.remove(&retired);
        }
        self.tokens.insert(new_token.clone(), uuid);
        self.timers.schedule(expires, Timer::TokenExpiry(uuid));
        Ok(Reply::Refreshed {
            token: new_token,
            expires_secs: self.settings.token_expiry_secs,
            role,
        })
    }

    pub(super) fn release(&mut self, now: Timestamp, token: &str) -> Result<Reply, Error> {
        let uuid = self.authenticate(now, token)?;
        self.remove(uuid);
        Ok(Reply::Bool(true))
    }

    pub(super) fn issue_refer_token(&mut self, now: Timestamp, role: Option<Role>) -> Reply {
        let token = self.ids.token();
        let expires = now.plus_secs(ONE_TIME_TOKEN_SECS);
        self.one_time_tokens
            .insert(token.clone(), OneTimeToken { role, expires });
        self.timers
            .schedule(expires, Timer::OneTimeTokenExpiry(token.clone()));
        Reply::OneTimeToken(token)
    }

    pub(super) fn admit_far_end(
        &mut self,
        now: Timestamp,
        far_end: FarEnd,
    ) -> Result<Reply, Error> {
        self.check_capacity()?;
        let mut participant = far_end.participant;
        participant.local_alias.clone_from(&self.vmr.name);
        if participant.service_type != ServiceType::Connecting {
            // A host sent them here: they go in, even from the waiting room of the conference they left.
            participant.service_type = self.admitted_service_type();
        }
        participant.spotlight = None;
        participant.buzz_time = None;
        let uuid = participant.uuid;
        if self.roster.contains_key(&uuid) {
            return Err(Error::invalid(
                "that participant is already in this conference",
            ));
        }
        if participant.service_type == ServiceType::Connecting {
            // It was still ringing in the conference it came from; it rings on here.
            let after =
                crate::dial::outcome(&self.settings.dial_rules, &participant.uri).unwrap_or(0);
            self.timers
                .schedule(now.plus_millis(after), Timer::DialAnswer(uuid));
        }
        self.stage_dirty |= participant.has_media;
        self.roster
            .insert(uuid, Member::far_end(participant.clone()));
        self.emit(Audience::Everyone, Event::ParticipantCreate(participant));
        Ok(Reply::Uuids(vec![uuid]))
    }

    /// Tell a participant why they are leaving, then remove them.
    pub(super) fn disconnect(&mut self, uuid: Uuid, reason: &str) {
        if self.roster.get(&uuid).is_some_and(|m| m.session.is_some()) {
            let reason = reason.to_owned();
            self.emit(Audience::Only(uuid), Event::Disconnect { reason });
        }
        self.remove(uuid);
    }

    /// Take a participant out of the conference; the last one out ends it.
    pub(super) fn remove(&mut self, uuid: Uuid) -> Option<Member> {
        if self.roster.get(&uuid)?.participant.is_presenting {
            self.emit(Audience::Everyone, Event::PresentationStop);
        }
        let member = self.roster.shift_remove(&uuid)?;
        if let Some(session) = &member.session {
            self.tokens.remove(&session.token);
            if let Some(previous) = &session.previous_token {
                self.tokens.remove(previous);
            }
        }
        self.stage_dirty |= self.stage.iter().any(|e| e.participant_uuid == uuid);
        self.emit(Audience::Everyone, Event::ParticipantDelete(uuid));
        if self.roster.is_empty() {
            let layout_changed = self.room.layout != LayoutState::default();
            self.room = RoomState::from_config(&self.vmr);
            if layout_changed {
                self.emit_layouts();
            }
        }
        Some(member)
    }

    pub(super) fn expire_token(&mut self, now: Timestamp, uuid: Uuid) {
        let expired = self
            .roster
            .get(&uuid)
            .and_then(|member| member.session.as_ref())
            .is_some_and(|session| session.expires <= now);
        if expired {
            self.disconnect(uuid, REASON_TOKEN_EXPIRED);
        }
    }

    pub(super) fn expire_waiting(&mut self, uuid: Uuid) {
        let waiting = self
            .roster
            .get(&uuid)
            .is_some_and(|member| member.participant.service_type == ServiceType::WaitingRoom);
        if waiting {
            self.disconnect(uuid, REASON_WAITING_TIMEOUT);
        }
    }

    pub(super) fn expire_one_time_token(&mut self, now: Timestamp, token: &str) {
        if self
            .one_time_tokens
            .get(token)
            .is_some_and(|t| t.expires <= now)
        {
            self.one_time_tokens.remove(token);
        }
    }
}

/// Display names are shown to everyone: one line, not blank, of a sensible length.
pub(crate) fn validate_display_name(name: &str) -> Result<String, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("display_name must not be empty"));
    }
    if name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(Error::invalid(format!(
            "display_name is longer than {MAX_DISPLAY_NAME_CHARS} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "display_name must not contain control characters",
        ));
    }
    Ok(name.to_owned())
}
