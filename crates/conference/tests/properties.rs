//! Property tests: random sessions of joins, requests and passing time, with the invariants a client of
//! the event stream relies on checked after every step:
//!
//! - (a) the roster rebuilt from `participant_create/update/delete` equals `participants()`;
//! - (b) event ids count up by exactly one;
//! - (c) nothing panics, whatever the input;
//! - (d) every token authenticates until its expiry and not after (a refreshed participant's previous
//!   token until the new expiry);
//! - (e) the status (and each role's layout) a present client knows agrees with the engine's;
//! - (f) participants wait only while the conference is locked, until admitted or timed out;
//! - (g) a rejected command emits nothing and changes no participant and no status;
//!
//! and a few more: the last `stage` is current (who, in what order, how loud), one presenter at most, chat
//! is not echoed, whoever is told to leave is deleted, the participant limit holds, and simulated commands
//! drive simulated people only.

mod common;

use std::collections::{HashMap, HashSet};

use common::{apply_roster_events, join_request, pinned_vmr, Room, GUEST_PIN, HOST_PIN};
use plugboard_conference::{
    Audience, CallType, Command, ConferenceRequest, ConferenceStatus, DialProtocol, DialRequest,
    DialRule, Error, Event, FarEnd, JoinRequest, LayoutView, Outbound, Participant,
    ParticipantRequest, Protocol, Reply, Request, Role, ServiceType, Settings, SimulatedCommand,
    Timestamp, TransferRequest, Transforms, VmrConfig, VmrServiceType, AVAILABLE_LAYOUTS,
};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------------
// What a random session is made of
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Pin {
    Host,
    Guest,
    Absent,
    Text(String),
}

/// Whose token a command carries: a present participant's (often a host's), sometimes anyone's who ever
/// joined.
#[derive(Debug, Clone)]
struct Who {
    index: Index,
    anyone: bool,
    host: bool,
}

/// Who a participant request is aimed at: someone waiting, someone present, someone the test has seen
/// (present or gone), or a stranger.
#[derive(Debug, Clone)]
enum Target {
    Waiting(Index),
    Present(Index),
    Seen(Index),
    Stranger(u128),
}

#[derive(Debug, Clone)]
enum Step {
    Join {
        name: String,
        pin: Pin,
        supports_direct_chat: bool,
    },
    /// Refresh with the participant's current token, or with the one it replaced.
    Refresh {
        who: Who,
        with_previous: bool,
    },
    /// Every present participant's client refreshes its token, as clients do every `expires / 3`.
    RefreshEveryone,
    Release {
        who: Who,
    },
    Wait {
        millis: u64,
    },
    /// Time moves to exactly when the engine's next timer is due, as the server's actor wakes then.
    WaitForNextTimer,
    Conference {
        who: Who,
        request: ConferenceRequest,
    },
    Participant {
        who: Who,
        target: Target,
        request: ParticipantRequest,
    },
    /// A host transfers someone here again: the conference issues a one-time token and the host sends
    /// the participant off with it.
    Transfer {
        who: Who,
        target: Target,
        role: Option<Role>,
    },
    /// A transferred participant comes back with its one-time token (or a made-up one).
    Redeem {
        ticket: Option<Index>,
        name: String,
    },
    /// A far end that was transferred away is admitted (again).
    AdmitFarEnd {
        which: Index,
    },
    /// The server checks a token (as it does before opening an event stream).
    Authenticate {
        who: Who,
    },
    /// Someone without a valid token tries their luck.
    Stranger {
        token: String,
        request: ConferenceRequest,
    },
    /// A simulated person joins.
    SimulatedJoin {
        name: String,
        role: Role,
    },
    /// A simulated person (or, now and then, someone who is not one) is made to do something.
    Simulated {
        who: Driven,
        action: Action,
    },
}

/// Who a simulated command names: one of the simulated people (present or gone), or anyone at all.
#[derive(Debug, Clone)]
enum Driven {
    Simulated(Index),
    Anyone(Target),
}

#[derive(Debug, Clone)]
enum Action {
    Speak(u8),
    RaiseHand,
    LowerHand,
    Chat { text: String, to: Option<Target> },
    SetMuted(bool),
    Leave,
    Conference(ConferenceRequest),
    Participant(Target, ParticipantRequest),
}

/// Any text, from ordinary names to huge and control-character strings.
fn text() -> impl Strategy<Value = String> {
    let huge = (
        select(vec!["x", "é", "\n", "\u{0}", "🙂", " ", "\u{202e}"]),
        select(vec![250usize, 251, 256, 257, 1000, 1001, 65_536, 65_537]),
    )
        .prop_map(|(unit, count)| unit.repeat(count));
    prop_oneof![
        8 => "[A-Za-z][A-Za-z .'-]{0,16}",
        3 => any::<String>(),
        1 => "[\\x00-\\x1f\\x7f \\u{85}\\u{2028}]{0,4}",
        1 => huge,
    ]
}

fn pin() -> impl Strategy<Value = Pin> {
    prop_oneof![
        4 => Just(Pin::Host),
        4 => Just(Pin::Guest),
        1 => Just(Pin::Absent),
        1 => select(vec!["none", "", " 1234 ", "12345", "5678\n"]).prop_map(|p| Pin::Text(p.to_owned())),
        1 => text().prop_map(Pin::Text),
    ]
}

fn who() -> impl Strategy<Value = Who> {
    (
        any::<Index>(),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.4),
    )
        .prop_map(|(index, anyone, host)| Who {
            index,
            anyone,
            host,
        })
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        2 => any::<Index>().prop_map(Target::Waiting),
        7 => any::<Index>().prop_map(Target::Present),
        2 => any::<Index>().prop_map(Target::Seen),
        1 => any::<u128>().prop_map(Target::Stranger),
    ]
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Host), Just(Role::Guest)]
}

fn layout_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(AVAILABLE_LAYOUTS.to_vec()).prop_map(str::to_owned),
        1 => text(),
    ]
}

fn transforms() -> impl Strategy<Value = Transforms> {
    (
        prop::option::of(layout_name()),
        prop::option::weighted(0.3, layout_name()),
        prop::option::weighted(0.3, layout_name()),
        prop::option::weighted(0.1, layout_name()),
        prop::option::of(any::<bool>()),
        prop::option::weighted(0.2, prop::collection::vec(text(), 0..4)),
    )
        .prop_map(
            |(layout, host_layout, guest_layout, streaming_layout, overlay, free_form)| {
                Transforms {
                    layout,
                    host_layout,
                    guest_layout,
                    streaming_layout,
                    enable_overlay_text: overlay,
                    free_form_overlay_text: free_form,
                }
            },
        )
}

fn override_body() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        3 => prop::collection::vec(layout_name(), 0..3).prop_map(|names| {
            let layouts: Vec<_> = names
                .into_iter()
                .map(|name| serde_json::json!({"layout": name, "participants": []}))
                .collect();
            serde_json::json!({ "layouts": layouts })
        }),
        1 => Just(serde_json::json!({})),
        1 => Just(serde_json::json!({"layouts": 7})),
        1 => Just(serde_json::json!({"layouts": [{"layout": 7}]})),
        1 => Just(serde_json::Value::Null),
    ]
}

fn destination() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "sip:[a-z]{1,8}@example\\.com",
        2 => select(vec!["sip:busy@example.com", "sip:Reject@example.com"]).prop_map(str::to_owned),
        2 => select(vec!["sip:instant@example.com", "h323:10.0.0.1", "rtmp://live/app/key", "mssip:x@y"])
            .prop_map(str::to_owned),
        1 => text(),
    ]
}

fn dial() -> impl Strategy<Value = DialRequest> {
    (
        destination(),
        select(vec![
            DialProtocol::Auto,
            DialProtocol::Sip,
            DialProtocol::H323,
            DialProtocol::Rtmp,
            DialProtocol::Mssip,
        ]),
        role(),
        any::<bool>(),
        prop::option::of(text()),
        select(vec![CallType::Video, CallType::VideoOnly, CallType::Audio]),
        prop::option::weighted(0.3, text()),
        prop::option::weighted(0.2, text()),
    )
        .prop_map(
            |(destination, protocol, role, streaming, name, call_type, overlay, dtmf)| {
                DialRequest {
                    destination,
                    protocol,
                    role,
                    streaming,
                    remote_display_name: name,
                    call_type,
                    overlay_text: overlay,
                    dtmf_sequence: dtmf,
                }
            },
        )
}

fn mime_type() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("text/plain".to_owned()),
        1 => Just("application/json".to_owned()),
        1 => text(),
    ]
}

fn conference_request() -> impl Strategy<Value = ConferenceRequest> {
    prop_oneof![
        1 => Just(ConferenceRequest::Participants).boxed(),
        1 => Just(ConferenceRequest::Status).boxed(),
        4 => any::<bool>().prop_map(ConferenceRequest::Lock).boxed(),
        3 => any::<bool>().prop_map(ConferenceRequest::MuteGuests).boxed(),
        2 => any::<bool>().prop_map(ConferenceRequest::SetGuestsCanUnmute).boxed(),
        1 => Just(ConferenceRequest::StartConference).boxed(),
        1 => Just(ConferenceRequest::DisconnectAll).boxed(),
        3 => (mime_type(), text())
            .prop_map(|(mime_type, payload)| ConferenceRequest::Message { mime_type, payload })
            .boxed(),
        5 => dial().prop_map(ConferenceRequest::Dial).boxed(),
        2 => transforms().prop_map(ConferenceRequest::TransformLayout).boxed(),
        1 => override_body().prop_map(ConferenceRequest::OverrideLayout).boxed(),
        1 => Just(ConferenceRequest::AvailableLayouts).boxed(),
        1 => Just(ConferenceRequest::ClearSpotlights).boxed(),
        1 => Just(ConferenceRequest::ClearAllBuzz).boxed(),
        1 => Just(ConferenceRequest::GetMessageText).boxed(),
        1 => text().prop_map(ConferenceRequest::SetMessageText).boxed(),
    ]
}

fn participant_request() -> impl Strategy<Value = ParticipantRequest> {
    prop_oneof![
        4 => any::<bool>().prop_map(ParticipantRequest::Mute).boxed(),
        2 => any::<bool>().prop_map(ParticipantRequest::ClientMute).boxed(),
        1 => any::<bool>().prop_map(ParticipantRequest::VideoMuted).boxed(),
        3 => any::<bool>().prop_map(ParticipantRequest::Spotlight).boxed(),
        2 => Just(ParticipantRequest::Disconnect).boxed(),
        1 => prop_oneof!["[0-9*#A-D]{1,8}", text()].prop_map(ParticipantRequest::Dtmf).boxed(),
        3 => role().prop_map(ParticipantRequest::Role).boxed(),
        4 => Just(ParticipantRequest::Unlock).boxed(),
        1 => any::<bool>().prop_map(ParticipantRequest::RxPresentation).boxed(),
        2 => text().prop_map(ParticipantRequest::OverlayText).boxed(),
        2 => any::<bool>().prop_map(ParticipantRequest::Buzz).boxed(),
        2 => (mime_type(), text())
            .prop_map(|(mime_type, payload)| ParticipantRequest::Message { mime_type, payload })
            .boxed(),
        3 => Just(ParticipantRequest::TakeFloor).boxed(),
        2 => Just(ParticipantRequest::ReleaseFloor).boxed(),
        1 => any::<bool>().prop_map(ParticipantRequest::LiveCaptions).boxed(),
        1 => any::<bool>().prop_map(ParticipantRequest::PresentationInMix).boxed(),
        1 => Just(ParticipantRequest::NotifyNotAfk).boxed(),
        1 => prop_oneof![0.0f64..3.0, any::<f64>()]
            .prop_map(ParticipantRequest::PreferredAspectRatio)
            .boxed(),
    ]
}

fn driven() -> impl Strategy<Value = Driven> {
    prop_oneof![
        9 => any::<Index>().prop_map(Driven::Simulated),
        1 => target().prop_map(Driven::Anyone),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => prop_oneof![4 => Just(100u8), 4 => Just(0u8), 2 => 0u8..=100, 1 => 101u8..=255].prop_map(Action::Speak).boxed(),
        2 => Just(Action::RaiseHand).boxed(),
        2 => Just(Action::LowerHand).boxed(),
        2 => (text(), prop::option::weighted(0.3, target()))
            .prop_map(|(text, to)| Action::Chat { text, to })
            .boxed(),
        3 => any::<bool>().prop_map(Action::SetMuted).boxed(),
        1 => Just(Action::Leave).boxed(),
        1 => conference_request().prop_map(Action::Conference).boxed(),
        2 => (target(), participant_request())
            .prop_map(|(target, request)| Action::Participant(target, request))
            .boxed(),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (text(), pin(), any::<bool>())
            .prop_map(|(name, pin, supports_direct_chat)| Step::Join { name, pin, supports_direct_chat })
            .boxed(),
        5 => (who(), prop::bool::weighted(0.2))
            .prop_map(|(who, with_previous)| Step::Refresh { who, with_previous })
            .boxed(),
        2 => Just(Step::RefreshEveryone).boxed(),
        1 => who().prop_map(|who| Step::Release { who }).boxed(),
        6 => prop_oneof![5 => 0u64..1_000, 3 => 0u64..5_000, 1 => 0u64..40_000, 1 => 0u64..150_000]
            .prop_map(|millis| Step::Wait { millis })
            .boxed(),
        2 => Just(Step::WaitForNextTimer).boxed(),
        6 => (who(), conference_request())
            .prop_map(|(who, request)| Step::Conference { who, request })
            .boxed(),
        8 => (who(), target(), participant_request())
            .prop_map(|(who, target, request)| Step::Participant { who, target, request })
            .boxed(),
        // A host admits someone from the waiting room, or locks the conference.
        1 => (any::<Index>(), any::<Index>())
            .prop_map(|(host, waiting)| Step::Participant {
                who: Who { index: host, anyone: false, host: true },
                target: Target::Waiting(waiting),
                request: ParticipantRequest::Unlock,
            })
            .boxed(),
        1 => any::<Index>()
            .prop_map(|host| Step::Conference {
                who: Who { index: host, anyone: false, host: true },
                request: ConferenceRequest::Lock(true),
            })
            .boxed(),
        1 => (who(), target(), prop::option::of(role()))
            .prop_map(|(who, target, role)| Step::Transfer { who, target, role })
            .boxed(),
        1 => (prop::option::weighted(0.9, any::<Index>()), text())
            .prop_map(|(ticket, name)| Step::Redeem { ticket, name })
            .boxed(),
        1 => any::<Index>().prop_map(|which| Step::AdmitFarEnd { which }).boxed(),
        1 => who().prop_map(|who| Step::Authenticate { who }).boxed(),
        1 => (text(), conference_request())
            .prop_map(|(token, request)| Step::Stranger { token, request })
            .boxed(),
        3 => (prop_oneof![4 => "[A-Z][a-z]{1,8} [A-Z][a-z]{1,10}", 1 => text()], role())
            .prop_map(|(name, role)| Step::SimulatedJoin { name, role })
            .boxed(),
        10 => (driven(), action())
            .prop_map(|(who, action)| Step::Simulated { who, action })
            .boxed(),
    ]
}

/// The rooms of the brief: one with host PIN 1234 and guest PIN 5678, one open to everyone; either may
/// start locked, with guests muted, in lecture mode, with a participant limit or without chat.
fn vmr() -> impl Strategy<Value = VmrConfig> {
    (
        prop_oneof![
            3 => Just(pinned_vmr()),
            1 => Just(VmrConfig { guest_pin: None, ..pinned_vmr() }),
            2 => Just(VmrConfig::open("open")),
        ],
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.3, 1usize..6),
        prop::bool::weighted(0.9),
    )
        .prop_map(
            |(base, locked, guests_muted, lecture, participant_limit, chat_enabled)| VmrConfig {
                locked,
                guests_muted,
                service_type: if lecture {
                    VmrServiceType::Lecture
                } else {
                    VmrServiceType::Conference
                },
                participant_limit,
                chat_enabled,
                ..base
            },
        )
}

fn settings() -> impl Strategy<Value = Settings> {
    let token_expiry = prop_oneof![1 => Just(5u64), 2 => Just(30), 3 => Just(120)];
    (token_expiry, select(vec![3u64, 20, 120])).prop_map(
        |(token_expiry_secs, waiting_room_timeout_secs)| {
            let mut dial_rules = vec![DialRule {
                pattern: "instant".to_owned(),
                answer: true,
                after_ms: 0,
            }];
            dial_rules.extend(DialRule::defaults());
            Settings {
                token_expiry_secs,
                waiting_room_timeout_secs,
                dial_rules,
            }
        },
    )
}

// ---------------------------------------------------------------------------------------------------
// The driver: runs steps and checks the invariants
// ---------------------------------------------------------------------------------------------------

/// The tokens of one participant that joined with `request_token`, as the rules say they should be.
#[derive(Debug)]
struct Session {
    uuid: Uuid,
    current: String,
    /// The token `current` replaced; valid until `expires` too.
    previous: Option<String>,
    /// Tokens replaced twice over: never valid again.
    retired: Vec<String>,
    expires: Timestamp,
}

impl Session {
    fn live_tokens(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.current).chain(self.previous.iter())
    }
}

struct Driver {
    room: Room,
    vmr: VmrConfig,
    settings: Settings,
    sessions: Vec<Session>,
    /// Every participant uuid that ever appeared, present or gone.
    seen: Vec<Uuid>,
    /// One-time tokens handed out with a `refer`.
    tickets: Vec<String>,
    far_ends_away: Vec<FarEnd>,
    ever_admitted: HashSet<Uuid>,
    // What a subscriber to the event stream knows.
    last_id: u64,
    roster_view: Vec<Participant>,
    stage_view: Vec<(Uuid, u8)>,
    /// Every simulated person who joined, present or gone.
    simulated: Vec<Uuid>,
    /// The voice activity each simulated person last reported successfully.
    vads: HashMap<Uuid, u8>,
    presenter_view: Option<Uuid>,
    /// The status a present client believes in (its `conference_status` at join, then updates).
    client_status: Option<ConferenceStatus>,
    last_conference_update: Option<ConferenceStatus>,
    client_layouts: [Option<LayoutView>; 2],
}

fn role_slot(role: Role) -> usize {
    match role {
        Role::Host => 0,
        Role::Guest => 1,
    }
}

impl Driver {
    fn new(vmr: VmrConfig, settings: Settings) -> Self {
        Driver {
            room: Room::new(vmr.clone(), settings.clone()),
            vmr,
            settings,
            sessions: Vec::new(),
            seen: Vec::new(),
            tickets: Vec::new(),
            far_ends_away: Vec::new(),
            ever_admitted: HashSet::new(),
            last_id: 0,
            roster_view: Vec::new(),
            stage_view: Vec::new(),
            simulated: Vec::new(),
            vads: HashMap::new(),
            presenter_view: None,
            client_status: None,
            last_conference_update: None,
            client_layouts: [None, None],
        }
    }

    /// The index in `sessions` of the participant `who` stands for.
    fn session_of(&self, who: &Who) -> Option<usize> {
        let present = |i: &usize| self.room.conference.participant(self.sessions[*i].uuid);
        let mut candidates: Vec<usize> = (0..self.sessions.len())
            .filter(|i| who.anyone || present(i).is_some())
            .collect();
        if who.host
            && candidates
                .iter()
                .any(|i| present(i).is_some_and(|p| p.role == Role::Host))
        {
            candidates.retain(|i| present(i).is_some_and(|p| p.role == Role::Host));
        }
        if candidates.is_empty() {
            (!self.sessions.is_empty()).then(|| who.index.index(self.sessions.len()))
        } else {
            Some(*who.index.get(&candidates))
        }
    }

    fn token_of(&self, who: &Who) -> String {
        match self.session_of(who) {
            Some(index) => self.sessions[index].current.clone(),
            None => "token-of-nobody".to_owned(),
        }
    }

    fn uuid_of(&self, target: &Target) -> Uuid {
        let roster = self.room.roster();
        let waiting: Vec<Uuid> = roster
            .iter()
            .filter(|p| p.service_type == ServiceType::WaitingRoom)
            .map(|p| p.uuid)
            .collect();
        let present: Vec<Uuid> = roster.iter().map(|p| p.uuid).collect();
        match target {
            Target::Waiting(index) if !waiting.is_empty() => *index.get(&waiting),
            Target::Waiting(index) | Target::Present(index) if !present.is_empty() => {
                *index.get(&present)
            }
            Target::Waiting(index) | Target::Present(index) | Target::Seen(index)
                if !self.seen.is_empty() =>
            {
                *index.get(&self.seen)
            }
            Target::Waiting(_) | Target::Present(_) | Target::Seen(_) => Uuid::nil(),
            Target::Stranger(bits) => Uuid::from_u128(*bits),
        }
    }

    fn run(&mut self, step: Step) {
        match step {
            Step::Join {
                name,
                pin,
                supports_direct_chat,
            } => {
                let pin = match pin {
                    Pin::Host => Some(HOST_PIN.to_owned()),
                    Pin::Guest => Some(GUEST_PIN.to_owned()),
                    Pin::Absent => None,
                    Pin::Text(text) => Some(text),
                };
                let join = JoinRequest {
                    pin,
                    supports_direct_chat,
                    ..join_request(&name, None)
                };
                self.join(join);
            }
            Step::Refresh { who, with_previous } => self.refresh(&who, with_previous),
            Step::RefreshEveryone => {
                for index in 0..self.sessions.len() {
                    if self.room.is_present(self.sessions[index].uuid) {
                        self.refresh_session(index, false);
                    }
                }
            }
            Step::Release { who } => {
                let token = self.token_of(&who);
                let _ = self.command(Command::ReleaseToken { token });
            }
            Step::Wait { millis } => {
                self.room.now = self.room.now.plus_millis(millis);
            }
            Step::WaitForNextTimer => {
                if let Some(due) = self.room.conference.poll_timeout() {
                    self.room.now = self.room.now.max(due);
                }
            }
            Step::Conference { who, request } => {
                let token = self.token_of(&who);
                let request = Request::Conference(request);
                let _ = self.command(Command::Request { token, request });
            }
            Step::Participant {
                who,
                target,
                request,
            } => {
                let token = self.token_of(&who);
                let uuid = self.uuid_of(&target);
                let request = Request::Participant { uuid, request };
                let _ = self.command(Command::Request { token, request });
            }
            Step::Transfer { who, target, role } => self.transfer(&who, &target, role),
            Step::Redeem { ticket, name } => {
                let one_time_token = match ticket {
                    Some(index) if !self.tickets.is_empty() => index.get(&self.tickets).clone(),
                    _ => "made-up-one-time-token".to_owned(),
                };
                self.join(JoinRequest {
                    one_time_token: Some(one_time_token),
                    ..join_request(&name, None)
                });
            }
            Step::AdmitFarEnd { which } => {
                if !self.far_ends_away.is_empty() {
                    let far_end = which.get(&self.far_ends_away).clone();
                    let _ = self.command(Command::AdmitFarEnd(far_end));
                }
            }
            Step::Authenticate { who } => {
                let token = self.token_of(&who);
                let expected = self.room.conference.authenticate(self.room.now, &token);
                let result = self.command(Command::Authenticate { token });
                assert_eq!(result, expected.map(Reply::Authenticated));
            }
            Step::Stranger { token, request } => {
                let request = Request::Conference(request);
                let result = self.command(Command::Request {
                    token: token.clone(),
                    request,
                });
                if !self
                    .sessions
                    .iter()
                    .any(|s| s.live_tokens().any(|t| *t == token))
                {
                    assert_eq!(result, Err(Error::InvalidToken));
                }
            }
            Step::SimulatedJoin { name, role } => {
                let command = SimulatedCommand::Join {
                    display_name: name,
                    role,
                };
                if let Ok(Reply::Uuids(uuids)) = self.command(Command::Simulated(command)) {
                    assert_eq!(uuids.len(), 1);
                    self.simulated.extend(uuids);
                }
            }
            Step::Simulated { who, action } => self.drive(&who, action),
        }
        self.fire_due_timers();
        self.check_invariants();
    }

    /// Run one command. A rejected command must leave no trace a client could see (g).
    fn command(&mut self, command: Command) -> Result<Reply, Error> {
        let roster_before = self.room.roster();
        let status_before = self.room.conference.status();
        let result = self.room.handle(command);
        let events = self.room.drain_events();
        if let Err(error) = &result {
            assert!(
                events.is_empty(),
                "rejected with {error:?} yet emitted {events:?}"
            );
            assert_eq!(self.room.roster(), roster_before, "rejected with {error:?}");
            assert_eq!(
                self.room.conference.status(),
                status_before,
                "rejected with {error:?}"
            );
        }
        if let Ok(Reply::Uuids(uuids)) = &result {
            self.seen.extend(uuids.iter().copied());
        }
        self.observe(&events);
        result
    }

    fn join(&mut self, join: JoinRequest) {
        let result = self.command(Command::RequestToken(join));
        if let Ok(Reply::Token(grant)) = result {
            assert_eq!(grant.expires_secs, self.settings.token_expiry_secs);
            assert_eq!(
                self.room.participant(grant.participant_uuid).service_type,
                grant.current_service_type
            );
            self.seen.push(grant.participant_uuid);
            self.sessions.push(Session {
                uuid: grant.participant_uuid,
                current: grant.token,
                previous: None,
                retired: Vec::new(),
                expires: self.room.now.plus_secs(self.settings.token_expiry_secs),
            });
        }
    }

    fn refresh(&mut self, who: &Who, with_previous: bool) {
        if let Some(index) = self.session_of(who) {
            self.refresh_session(index, with_previous);
        }
    }

    fn refresh_session(&mut self, index: usize, with_previous: bool) {
        let session = &self.sessions[index];
        let token = match (&session.previous, with_previous) {
            (Some(previous), true) => previous.clone(),
            _ => session.current.clone(),
        };
        let present = self.room.is_present(session.uuid);
        let result = self.command(Command::RefreshToken { token });
        match result {
            Ok(Reply::Refreshed {
                token,
                expires_secs,
                role,
            }) => {
                assert!(present, "a departed participant refreshed its token");
                assert_eq!(expires_secs, self.settings.token_expiry_secs);
                let session = &mut self.sessions[index];
                assert_eq!(role, self.room.participant(session.uuid).role);
                let replaced = std::mem::replace(&mut session.current, token);
                session.retired.extend(session.previous.replace(replaced));
                session.expires = self.room.now.plus_secs(expires_secs);
            }
            Ok(other) => panic!("refresh_token answered {other:?}"),
            Err(error) => {
                assert_eq!(error, Error::InvalidToken);
                assert!(!present, "a present participant could not refresh");
            }
        }
    }

    /// A simulated command: accepted only for simulated people who are present.
    fn drive(&mut self, who: &Driven, action: Action) {
        let uuid = match who {
            Driven::Simulated(index) if !self.simulated.is_empty() => *index.get(&self.simulated),
            Driven::Simulated(_) => Uuid::nil(),
            Driven::Anyone(target) => self.uuid_of(target),
        };
        let mut spoke = None;
        let command = match action {
            Action::Speak(vad) => {
                spoke = Some(vad);
                SimulatedCommand::Speak { uuid, vad }
            }
            Action::RaiseHand => SimulatedCommand::RaiseHand { uuid },
            Action::LowerHand => SimulatedCommand::LowerHand { uuid },
            Action::Chat { text, to } => SimulatedCommand::Chat {
                uuid,
                text,
                to: to.map(|target| self.uuid_of(&target)),
            },
            Action::SetMuted(muted) => SimulatedCommand::SetMuted { uuid, muted },
            Action::Leave => SimulatedCommand::Leave { uuid },
            Action::Conference(request) => SimulatedCommand::Request {
                uuid,
                request: Request::Conference(request),
            },
            Action::Participant(target, request) => SimulatedCommand::Request {
                uuid,
                request: Request::Participant {
                    uuid: self.uuid_of(&target),
                    request,
                },
            },
        };
        let drivable = self.simulated.contains(&uuid) && self.room.is_present(uuid);
        let result = self.command(Command::Simulated(command));
        if !drivable {
            assert!(result.is_err(), "a simulated command drove {uuid}");
        }
        if let (Ok(_), Some(vad)) = (&result, spoke) {
            assert!(vad <= 100, "vad {vad} accepted");
            self.vads.insert(uuid, vad);
        }
    }

    fn transfer(&mut self, who: &Who, target: &Target, role: Option<Role>) {
        let Ok(Reply::OneTimeToken(ticket)) = self.command(Command::IssueReferToken { role })
        else {
            panic!("issuing a one-time token failed");
        };
        let token = self.token_of(who);
        let uuid = self.uuid_of(target);
        let transfer = ParticipantRequest::Transfer(TransferRequest {
            alias: self.vmr.name.clone(),
            one_time_token: ticket.clone(),
        });
        let request = Request::Participant {
            uuid,
            request: transfer,
        };
        match self.command(Command::Request { token, request }) {
            Ok(Reply::Bool(true)) => self.tickets.push(ticket),
            Ok(Reply::FarEndTransferred(far_end)) => {
                // A simulated person transferred away comes back, if at all, as a far end.
                let uuid = far_end.participant.uuid;
                self.simulated.retain(|&u| u != uuid);
                self.vads.remove(&uuid);
                self.far_ends_away.push(far_end);
            }
            Ok(other) => panic!("transfer answered {other:?}"),
            Err(_) => {}
        }
    }

    /// What the server's actor does whenever the engine's next timer falls due.
    fn fire_due_timers(&mut self) {
        if self
            .room
            .conference
            .poll_timeout()
            .is_some_and(|due| due <= self.room.now)
        {
            let roster_before = self.room.roster();
            self.room.conference.handle_timeout(self.room.now);
            assert!(
                self.room
                    .conference
                    .poll_timeout()
                    .is_none_or(|due| due > self.room.now),
                "handle_timeout left a due timer"
            );
            let events = self.room.drain_events();
            self.observe(&events);
            // Timers only take people out or let dial-outs in; they never add anyone.
            for participant in self.room.roster() {
                assert!(roster_before.iter().any(|p| p.uuid == participant.uuid));
            }
        }
    }

    /// Feed events to the model of a subscriber, checking what must hold of each.
    fn observe(&mut self, events: &[Outbound]) {
        for (position, outbound) in events.iter().enumerate() {
            // (b) Event ids count up by exactly one.
            assert_eq!(outbound.id, self.last_id + 1, "event ids have a gap");
            self.last_id = outbound.id;
            match (&outbound.audience, &outbound.event) {
                (
                    Audience::Everyone,
                    Event::ParticipantCreate(_)
                    | Event::ParticipantUpdate(_)
                    | Event::ParticipantDelete(_),
                ) => {}
                (Audience::Everyone, Event::ConferenceUpdate(status)) => {
                    self.client_status = Some(status.clone());
                    self.last_conference_update = Some(status.clone());
                }
                (Audience::Everyone, Event::Stage(entries)) => {
                    self.stage_view = entries
                        .iter()
                        .map(|e| (e.participant_uuid, e.vad))
                        .collect();
                    for (index, entry) in entries.iter().enumerate() {
                        assert_eq!(entry.stage_index, index);
                    }
                }
                (Audience::Everyone, Event::PresentationStart { presenter_uuid, .. }) => {
                    self.presenter_view = Some(*presenter_uuid);
                }
                (Audience::Everyone, Event::PresentationStop) => {
                    assert!(
                        self.presenter_view.take().is_some(),
                        "presentation_stop without a presentation"
                    );
                }
                (Audience::Role(role), Event::Layout(view)) => {
                    self.client_layouts[role_slot(*role)] = Some(view.clone());
                }
                (Audience::Only(to), Event::MessageReceived(message)) => {
                    if !message.direct {
                        assert_ne!(*to, message.uuid, "chat echoed to its sender");
                    }
                }
                (Audience::Only(to), Event::Disconnect { .. } | Event::Refer { .. }) => {
                    // Whoever is told to leave is gone by the end of the same command.
                    assert!(
                        events[position + 1..]
                            .iter()
                            .any(|o| o.event == Event::ParticipantDelete(*to)),
                        "{:?} was not followed by the participant's deletion",
                        outbound.event
                    );
                }
                (Audience::Only(_), Event::RefreshToken) => {}
                (audience, event) => panic!("{} sent to {audience:?}", event.name()),
            }
        }
        apply_roster_events(&mut self.roster_view, events);
    }

    fn check_invariants(&mut self) {
        let now = self.room.now;
        let roster = self.room.roster();
        let status = self.room.conference.status();

        // (a) The roster a subscriber rebuilt from events is the conference's roster.
        assert_eq!(
            self.roster_view, roster,
            "the roster rebuilt from events differs"
        );

        // The stage a subscriber saw last is who has media now, spotlights first, each as loud as they
        // last spoke unless muted.
        let mut on_stage: Vec<(bool, Option<Timestamp>, usize, Uuid, u8)> = roster
            .iter()
            .enumerate()
            .filter(|(_, p)| p.has_media && p.service_type.is_admitted())
            .map(|(order, p)| {
                let heard = !p.is_muted && !p.is_client_muted;
                let vad = self.vads.get(&p.uuid).copied().filter(|_| heard);
                (
                    p.spotlight.is_none(),
                    p.spotlight,
                    order,
                    p.uuid,
                    vad.unwrap_or(0),
                )
            })
            .collect();
        on_stage.sort();
        let stage: Vec<(Uuid, u8)> = on_stage
            .into_iter()
            .map(|(.., uuid, vad)| (uuid, vad))
            .collect();
        assert_eq!(self.stage_view, stage, "the last stage event is stale");

        // Simulated people are WebRTC video calls with media.
        for participant in roster.iter().filter(|p| self.simulated.contains(&p.uuid)) {
            assert_eq!(participant.protocol, Protocol::Webrtc);
            assert!(participant.has_media && participant.supports_direct_chat);
        }

        // At most one participant presents: the one the last presentation_start named.
        let presenting: Vec<Uuid> = roster
            .iter()
            .filter(|p| p.is_presenting)
            .map(|p| p.uuid)
            .collect();
        assert_eq!(
            presenting,
            Vec::from_iter(self.presenter_view),
            "the presentation events disagree with who presents"
        );

        // (d) Tokens authenticate until their expiry and not after.
        for session in &self.sessions {
            let conference = &self.room.conference;
            let present = conference.participant(session.uuid).is_some();
            if present {
                assert!(
                    now < session.expires,
                    "a participant outlived its token expiry"
                );
                let last_valid = Timestamp(session.expires.0 - 1);
                for token in session.live_tokens() {
                    for at in [now, last_valid] {
                        assert_eq!(conference.authenticate(at, token), Ok(session.uuid));
                    }
                    assert_eq!(
                        conference.authenticate(session.expires, token),
                        Err(Error::InvalidToken)
                    );
                }
                for token in &session.retired {
                    assert_eq!(
                        conference.authenticate(now, token),
                        Err(Error::InvalidToken)
                    );
                }
            } else {
                for token in session.live_tokens().chain(&session.retired) {
                    assert_eq!(
                        conference.authenticate(now, token),
                        Err(Error::InvalidToken),
                        "a departed participant's token still works"
                    );
                }
            }
        }

        // (e) The status agrees with the last `conference_update`.
        if roster.is_empty() {
            // The conference is over; whoever joins next asks for the status afresh.
            self.client_status = None;
            self.client_layouts = [None, None];
        } else if self.client_status.is_none() {
            self.client_status = Some(status.clone());
        }
        if !roster.is_empty() {
            // Likewise the layout each role saw last.
            for role in [Role::Host, Role::Guest] {
                let current = self.room.conference.layout_view(role);
                let known =
                    self.client_layouts[role_slot(role)].get_or_insert_with(|| current.clone());
                assert_eq!(
                    *known, current,
                    "the last layout event for {role:?} is stale"
                );
            }
        }
        // (e) The status is always the one the last `conference_update` announced.
        let last = self
            .last_conference_update
            .clone()
            .unwrap_or_else(|| initial_status(&self.vmr));
        assert_eq!(
            last, status,
            "status() differs from the last conference_update"
        );

        // (f) Participants wait only while the conference is locked, and only until admitted.
        for participant in &roster {
            if participant.service_type.is_admitted() {
                self.ever_admitted.insert(participant.uuid);
            }
            if participant.service_type == ServiceType::WaitingRoom {
                assert!(status.locked, "someone waits in an unlocked conference");
                assert!(
                    !self.ever_admitted.contains(&participant.uuid),
                    "an admitted participant is back in the waiting room"
                );
                let deadline = participant
                    .start_time
                    .plus_secs(self.settings.waiting_room_timeout_secs);
                assert!(
                    now < deadline,
                    "someone waits beyond the waiting-room timeout"
                );
                assert_eq!(participant.role, Role::Guest, "a host waits to be admitted");
            }
        }

        if let Some(limit) = self.vmr.participant_limit {
            assert!(roster.len() <= limit, "more participants than the limit");
        }
        for participant in &roster {
            assert_one_line(&participant.display_name, 250, "display_name");
            assert_one_line(&participant.overlay_text, 250, "overlay_text");
        }
    }
}

/// The status of a conference nobody has joined yet.
fn initial_status(vmr: &VmrConfig) -> ConferenceStatus {
    ConferenceStatus {
        locked: vmr.locked,
        guests_muted: vmr.guests_muted,
        started: false,
        guests_can_unmute: false,
        all_muted: false,
    }
}

fn assert_one_line(text: &str, max_chars: usize, what: &str) {
    assert!(
        text.chars().count() <= max_chars && !text.chars().any(char::is_control),
        "{what} is not one line of at most {max_chars} characters: {:?}",
        text.chars().take(40).collect::<String>()
    );
}

fn run_session(vmr: VmrConfig, settings: Settings, steps: Vec<Step>) {
    let mut driver = Driver::new(vmr, settings);
    driver.check_invariants();
    for step in steps {
        driver.run(step);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 160,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// (a)–(g) over random sessions: see `Driver::check_invariants` and `Driver::command`.
    #[test]
    fn random_sessions_keep_every_client_visible_invariant(
        vmr in vmr(),
        settings in settings(),
        steps in prop::collection::vec(step(), 1..90),
    ) {
        run_session(vmr, settings, steps);
    }

    /// Busy conferences: many joins and host requests, little time passing.
    #[test]
    fn crowded_sessions_keep_every_client_visible_invariant(
        vmr in vmr(),
        settings in settings(),
        joins in prop::collection::vec((text(), pin()), 3..12),
        steps in prop::collection::vec(step(), 1..60),
    ) {
        let joins = joins.into_iter().map(|(name, pin)| Step::Join { name, pin, supports_direct_chat: true });
        run_session(vmr, settings, joins.chain(steps).collect());
    }

    /// Whatever garbage arrives, the engine answers instead of panicking (c).
    #[test]
    fn no_input_makes_the_engine_panic(
        steps in prop::collection::vec(step(), 1..40),
        open in any::<bool>(),
        start_millis in any::<u64>(),
    ) {
        let vmr = if open { VmrConfig::open("open") } else { pinned_vmr() };
        let mut driver = Driver::new(vmr, Settings::default());
        // Any wall-clock start, up to the end of time: timestamps saturate rather than overflow.
        driver.room.now = Timestamp(start_millis);
        for step in steps {
            driver.run(step);
        }
    }
}
