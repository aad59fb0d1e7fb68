//! A test fixture around [`Conference`]: a room with a clock that only moves when the test says so, and
//! an event log that remembers everything the engine emitted.

// Each integration test crate uses a different subset of these helpers.
#![allow(dead_code)]

use plugboard_conference::{
    Audience, Command, Conference, ConferenceRequest, Error, Event, JoinRequest, Outbound,
    Participant, ParticipantRequest, Reply, Request, Role, SequentialIds, Settings,
    SimulatedCommand, Timestamp, TokenGrant, VmrConfig,
};
use uuid::Uuid;

pub const HOST_PIN: &str = "1234";
pub const GUEST_PIN: &str = "5678";
/// Where every test clock starts: an arbitrary, realistic wall-clock time.
pub const START: Timestamp = Timestamp(1_700_000_000_000);

/// A participant who joined through `request_token` and holds a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub uuid: Uuid,
    pub token: String,
    pub role: Role,
}

impl From<TokenGrant> for Joined {
    fn from(grant: TokenGrant) -> Self {
        Joined {
            uuid: grant.participant_uuid,
            token: grant.token,
            role: grant.role,
        }
    }
}

/// The room "meet": hosts use PIN 1234, guests 5678.
pub fn pinned_vmr() -> VmrConfig {
    VmrConfig {
        pin: Some(HOST_PIN.to_owned()),
        guest_pin: Some(GUEST_PIN.to_owned()),
        allow_guests: true,
        ..VmrConfig::open("meet")
    }
}

pub fn join_request(display_name: &str, pin: Option<&str>) -> JoinRequest {
    JoinRequest {
        display_name: display_name.to_owned(),
        pin: pin.map(str::to_owned),
        vendor: "test-client/1.0".to_owned(),
        ..JoinRequest::default()
    }
}

pub struct Room {
    pub conference: Conference,
    pub now: Timestamp,
    /// Every event drained so far, in order.
    pub log: Vec<Outbound>,
}

impl Room {
    pub fn new(vmr: VmrConfig, settings: Settings) -> Self {
        vmr.validate()
            .expect("the test room is a valid configuration");
        Room {
            conference: Conference::new(vmr, settings, Box::new(SequentialIds::default())),
            now: START,
            log: Vec::new(),
        }
    }

    /// A room without PINs: everyone is host.
    pub fn open() -> Self {
        Room::new(VmrConfig::open("open"), Settings::default())
    }

    /// A room with host PIN 1234 and guest PIN 5678.
    pub fn pinned() -> Self {
        Room::new(pinned_vmr(), Settings::default())
    }

    pub fn handle(&mut self, command: Command) -> Result<Reply, Error> {
        self.conference.handle(self.now, command)
    }

    pub fn join(&mut self, display_name: &str, pin: Option<&str>) -> Result<TokenGrant, Error> {
        match self.handle(Command::RequestToken(join_request(display_name, pin)))? {
            Reply::Token(grant) => Ok(grant),
            other => panic!("request_token answered {other:?}"),
        }
    }

    /// Join with the host PIN (which an open room ignores).
    pub fn join_host(&mut self, display_name: &str) -> Joined {
        let joined: Joined = self
            .join(display_name, Some(HOST_PIN))
            .expect("a host may join")
            .into();
        assert_eq!(joined.role, Role::Host);
        joined
    }

    pub fn join_guest(&mut self, display_name: &str) -> Joined {
        let joined: Joined = self
            .join(display_name, Some(GUEST_PIN))
            .expect("a guest may join")
            .into();
        assert_eq!(joined.role, Role::Guest);
        joined
    }

    pub fn join_with_one_time_token(
        &mut self,
        display_name: &str,
        one_time_token: &str,
    ) -> Result<TokenGrant, Error> {
        let join = JoinRequest {
            one_time_token: Some(one_time_token.to_owned()),
            ..join_request(display_name, None)
        };
        match self.handle(Command::RequestToken(join))? {
            Reply::Token(grant) => Ok(grant),
            other => panic!("request_token answered {other:?}"),
        }
    }

    pub fn simulated(&mut self, command: SimulatedCommand) -> Result<Reply, Error> {
        self.handle(Command::Simulated(command))
    }

    /// A simulated person joins; panics unless the conference lets them.
    pub fn join_simulated(&mut self, display_name: &str, role: Role) -> Uuid {
        let join = SimulatedCommand::Join {
            display_name: display_name.to_owned(),
            role,
        };
        match self.simulated(join) {
            Ok(Reply::Uuids(uuids)) if uuids.len() == 1 => uuids[0],
            other => panic!("a simulated join answered {other:?}"),
        }
    }

    pub fn refresh(&mut self, token: &str) -> Result<Reply, Error> {
        self.handle(Command::RefreshToken {
            token: token.to_owned(),
        })
    }

    pub fn release(&mut self, who: &Joined) -> Result<Reply, Error> {
        self.handle(Command::ReleaseToken {
            token: who.token.clone(),
        })
    }

    pub fn conference_request(
        &mut self,
        who: &Joined,
        request: ConferenceRequest,
    ) -> Result<Reply, Error> {
        self.handle(Command::Request {
            token: who.token.clone(),
            request: Request::Conference(request),
        })
    }

    pub fn participant_request(
        &mut self,
        who: &Joined,
        target: Uuid,
        request: ParticipantRequest,
    ) -> Result<Reply, Error> {
        self.handle(Command::Request {
            token: who.token.clone(),
            request: Request::Participant {
                uuid: target,
                request,
            },
        })
    }

    /// Move the clock and fire whatever timers fell due, as the server's actor does.
    pub fn advance_millis(&mut self, millis: u64) {
        self.now = self.now.plus_millis(millis);
        if self
            .conference
            .poll_timeout()
            .is_some_and(|due| due <= self.now)
        {
            self.conference.handle_timeout(self.now);
        }
    }

    pub fn advance(&mut self, secs: u64) {
        self.advance_millis(secs * 1000);
    }

    /// The events emitted since the last drain.
    pub fn drain_events(&mut self) -> Vec<Outbound> {
        let mut fresh = Vec::new();
        while let Some(outbound) = self.conference.poll_event() {
            fresh.push(outbound);
        }
        self.log.extend(fresh.iter().cloned());
        fresh
    }

    /// The events since the last drain that `uuid`, holding `role`, would receive.
    pub fn events_for(&mut self, uuid: Uuid, role: Role) -> Vec<Event> {
        self.drain_events()
            .into_iter()
            .filter(|o| o.audience.includes(uuid, role))
            .map(|o| o.event)
            .collect()
    }

    pub fn participant(&self, uuid: Uuid) -> Participant {
        self.conference
            .participant(uuid)
            .cloned()
            .unwrap_or_else(|| panic!("{uuid} is not in the conference"))
    }

    pub fn roster(&self) -> Vec<Participant> {
        self.conference.participants().cloned().collect()
    }

    pub fn is_present(&self, uuid: Uuid) -> bool {
        self.conference.participant(uuid).is_some()
    }
}

/// The names of the events, in order: handy for asserting what happened at a glance.
pub fn names(events: &[Outbound]) -> Vec<&'static str> {
    events.iter().map(|o| o.event.name()).collect()
}

/// The `disconnect` reasons addressed to `uuid`.
pub fn disconnect_reasons(events: &[Outbound], uuid: Uuid) -> Vec<String> {
    events
        .iter()
        .filter(|o| o.audience == Audience::Only(uuid))
        .filter_map(|o| match &o.event {
            Event::Disconnect { reason } => Some(reason.clone()),
            _ => None,
        })
        .collect()
}

/// The participants a subscriber knows about after applying `events` to `roster`: creates and updates
/// insert or replace by uuid, deletes remove.
pub fn apply_roster_events(roster: &mut Vec<Participant>, events: &[Outbound]) {
    for outbound in events {
        match (&outbound.audience, &outbound.event) {
            (Audience::Everyone, Event::ParticipantCreate(p) | Event::ParticipantUpdate(p)) => {
                match roster.iter_mut().find(|known| known.uuid == p.uuid) {
                    Some(known) => *known = p.clone(),
                    None => roster.push(p.clone()),
                }
            }
            (Audience::Everyone, Event::ParticipantDelete(uuid)) => {
                roster.retain(|known| known.uuid != *uuid);
            }
            _ => {}
        }
    }
}
