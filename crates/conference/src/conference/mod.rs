//! The state of one live conference and the rules that change it.

mod conference_requests;
mod membership;
mod participant_requests;
mod simulated;
mod stage;
mod timers;

use std::collections::{HashMap, VecDeque};

use indexmap::IndexMap;
use uuid::Uuid;

use crate::command::{Command, Request};
use crate::config::{Settings, VmrConfig};
use crate::error::Error;
use crate::event::{Audience, Event, Outbound, StageEntry};
use crate::ids::IdSource;
use crate::layout::LayoutState;
use crate::participant::{Participant, Role, ServiceType};
use crate::reply::{ConferenceStatus, MessageText, Reply};
use crate::time::Timestamp;

pub(crate) use simulated::SIMULATED_VENDOR;
use timers::Timers;

/// One Virtual Meeting Room's live conference.
pub struct Conference {
    vmr: VmrConfig,
    settings: Settings,
    ids: Box<dyn IdSource>,
    roster: IndexMap<Uuid, Member>,
    /// Every valid token, current or just replaced, to the participant holding it.
    tokens: HashMap<String, Uuid>,
    one_time_tokens: HashMap<String, OneTimeToken>,
    room: RoomState,
    /// The stage as the last `stage` event told it.
    stage: Vec<StageEntry>,
    stage_dirty: bool,
    /// The status as the last `conference_update` told it.
    announced_status: ConferenceStatus,
    timers: Timers,
    last_event_id: u64,
    outbox: VecDeque<Outbound>,
}

/// A participant and, for clients of the API, their session.
struct Member {
    participant: Participant,
    session: Option<Session>,
    /// A simulated person (see [`crate::SimulatedCommand`]): no session, yet receives chat.
    simulated: bool,
    /// Voice activity 0..=100, as last reported for a simulated person; 0 for everyone else.
    vad: u8,
}

impl Member {
    fn client(participant: Participant, session: Session) -> Self {
        Member {
            participant,
            session: Some(session),
            simulated: false,
            vad: 0,
        }
    }

    fn far_end(participant: Participant) -> Self {
        Member {
            participant,
            session: None,
            simulated: false,
            vad: 0,
        }
    }

    fn simulated(participant: Participant) -> Self {
        Member {
            participant,
            session: None,
            simulated: true,
            vad: 0,
        }
    }

    /// Whether chat can reach this participant: a client with an event stream, or a simulated person.
    fn receives_chat(&self) -> bool {
        self.session.is_some() || self.simulated
    }

    /// The voice activity the stage shows: nothing is heard from a muted participant.
    fn audible_vad(&self) -> u8 {
        if self.participant.is_muted || self.participant.is_client_muted {
            0
        } else {
            self.vad
        }
    }
}

struct Session {
    token: String,
    previous_token: Option<String>,
    expires: Timestamp,
}

struct OneTimeToken {
    role: Option<Role>,
    expires: Timestamp,
}

/// Conference-wide state that starts from the room's configuration.
struct RoomState {
    locked: bool,
    guests_muted: bool,
    guests_can_unmute: bool,
    started: bool,
    message_text: MessageText,
    layout: LayoutState,
}

impl RoomState {
    fn from_config(vmr: &VmrConfig) -> Self {
        RoomState {
            locked: vmr.locked,
            guests_muted: vmr.guests_muted,
            guests_can_unmute: false,
            started: false,
            message_text: MessageText::default(),
            layout: LayoutState::default(),
        }
    }
}

impl Conference {
    pub fn new(vmr: VmrConfig, settings: Settings, ids: Box<dyn IdSource>) -> Self {
        let room = RoomState::from_config(&vmr);
        let announced_status = ConferenceStatus {
            locked: room.locked,
            guests_muted: room.guests_muted,
            started: room.started,
            guests_can_unmute: room.guests_can_unmute,
            all_muted: false,
        };
        Conference {
            announced_status,
            vmr,
            settings,
            ids,
            roster: IndexMap::new(),
            tokens: HashMap::new(),
            one_time_tokens: HashMap::new(),
            room,
            stage: Vec::new(),
            stage_dirty: false,
            timers: Timers::default(),
            last_event_id: 0,
            outbox: VecDeque::new(),
        }
    }

    pub fn vmr(&self) -> &VmrConfig {
        &self.vmr
    }

    fn reconfigure(&mut self, vmr: VmrConfig) -> Result<Reply, Error> {
        vmr.validate()
            .map_err(|error| Error::invalid(error.to_string()))?;
        self.vmr = vmr;
        Ok(Reply::Bool(true))
    }

    /// Carry out one command at time `now`.
    pub fn handle(&mut self, now: Timestamp, command: Command) -> Result<Reply, Error> {
        let reply = match command {
            Command::RequestToken(join) => self.join(now, join),
            Command::RefreshToken { token } => self.refresh(now, &token),
            Command::ReleaseToken { token } => self.release(now, &token),
            Command::IssueReferToken { role } => Ok(self.issue_refer_token(now, role)),
            Command::AdmitFarEnd(far_end) => self.admit_far_end(now, far_end),
            Command::Authenticate { token } => {
                self.authenticate(now, &token).map(Reply::Authenticated)
            }
            Command::Reconfigure(vmr) => self.reconfigure(vmr),
            Command::Simulated(command) => self.simulated(now, command),
            Command::Request { token, request } => {
                let caller = self.authenticate(now, &token)?;
                self.request(now, caller, request)
            }
        };
        self.flush_stage();
        self.flush_status();
        reply
    }

    /// A request made by `caller`, who is known to be in the conference.
    fn request(&mut self, now: Timestamp, caller: Uuid, request: Request) -> Result<Reply, Error> {
        match request {
            Request::Conference(request) => self.conference_request(now, caller, request),
            Request::Participant { uuid, request } => {
                self.participant_request(now, caller, uuid, request)
            }
        }
    }

    /// The participant a token belongs to, if the token is valid at `now`.
    pub fn authenticate(&self, now: Timestamp, token: &str) -> Result<Uuid, Error> {
        let uuid = *self.tokens.get(token).ok_or(Error::InvalidToken)?;
        let session = self
            .roster
            .get(&uuid)
            .and_then(|member| member.session.as_ref())
            .ok_or(Error::InvalidToken)?;
        if session.expires <= now {
            return Err(Error::InvalidToken);
        }
        Ok(uuid)
    }

    /// Every participant, in the order they joined.
    pub fn participants(&self) -> impl Iterator<Item = &Participant> {
        self.roster.values().map(|member| &member.participant)
    }

    pub fn participant(&self, uuid: Uuid) -> Option<&Participant> {
        self.roster.get(&uuid).map(|member| &member.participant)
    }

    pub fn status(&self) -> ConferenceStatus {
        ConferenceStatus {
            locked: self.room.locked,
            guests_muted: self.room.guests_muted,
            started: self.room.started,
            guests_can_unmute: self.room.guests_can_unmute,
            all_muted: !self.roster.is_empty()
                && self.participants().all(|p| p.is_muted || p.is_client_muted),
        }
    }

    /// The id of the newest event emitted so far (0 before the first).
    pub fn last_event_id(&self) -> u64 {
        self.last_event_id
    }

    /// The next event to deliver, oldest first.
    pub fn poll_event(&mut self) -> Option<Outbound> {
        self.outbox.pop_front()
    }

    fn emit(&mut self, audience: Audience, event: Event) {
        self.last_event_id += 1;
        self.outbox.push_back(Outbound {
            id: self.last_event_id,
            audience,
            event,
        });
    }

    /// Announce the conference's status if it changed since it was last announced.
    fn flush_status(&mut self) {
        let status = self.status();
        if status != self.announced_status {
            self.announced_status = status.clone();
            self.emit(Audience::Everyone, Event::ConferenceUpdate(status));
        }
    }

    fn member(&self, uuid: Uuid) -> Result<&Member, Error> {
        self.roster.get(&uuid).ok_or(Error::ParticipantNotFound)
    }

    fn role_of(&self, uuid: Uuid) -> Option<Role> {
        self.roster.get(&uuid).map(|member| member.participant.role)
    }

    fn require_host(&self, caller: Uuid) -> Result<(), Error> {
        match self.role_of(caller) {
            Some(Role::Host) => Ok(()),
            _ => Err(Error::Forbidden(
                "Permission denied: this request is for hosts only",
            )),
        }
    }

    /// Guests waiting to be let in may not address the conference.
    fn require_admitted(&self, caller: Uuid) -> Result<(), Error> {
        match self.roster.get(&caller) {
            Some(m) if m.participant.service_type == ServiceType::WaitingRoom => Err(
                Error::Forbidden("Permission denied: wait until a host lets you in"),
            ),
            _ => Ok(()),
        }
    }

    fn require_host_or_self(&self, caller: Uuid, target: Uuid) -> Result<(), Error> {
        if caller == target {
            Ok(())
        } else {
            self.require_host(caller)
        }
    }

    /// Change one participant and tell everyone.
    fn update_participant(
        &mut self,
        uuid: Uuid,
        change: impl FnOnce(&mut Participant),
    ) -> Result<(), Error> {
        let member = self
            .roster
            .get_mut(&uuid)
            .ok_or(Error::ParticipantNotFound)?;
        let before = member.participant.clone();
        change(&mut member.participant);
        if member.participant != before {
            let after = member.participant.clone();
            self.stage_dirty |= stage_may_differ(&before, &after);
            self.emit(Audience::Everyone, Event::ParticipantUpdate(after));
        }
        Ok(())
    }
}

/// Whether a change to a participant can change the stage: whether, where and how loud they are on it
/// depends on these fields only (see `current_stage` and the vad of muted people).
fn stage_may_differ(before: &Participant, after: &Participant) -> bool {
    (before.has_media || after.has_media)
        && (before.has_media != after.has_media
            || before.spotlight != after.spotlight
            || before.service_type.is_admitted() != after.service_type.is_admitted()
            || before.is_muted != after.is_muted
            || before.is_client_muted != after.is_client_muted)
}

pub(crate) fn success() -> Result<Reply, Error> {
    Ok(Reply::Bool(true))
}
