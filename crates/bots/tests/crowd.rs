//! A crowd of simulated people against a real directory, on Tokio's paused clock: minutes of meeting
//! pass in milliseconds.

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use common::{directory, join_client, roster, Recorder, ROOM};
use plugboard_bots::{Bots, BotsError, CrowdOptions};
use plugboard_client_api::Directory;
use plugboard_conference::{
    Audience, Command, ConferenceRequest, Event, Outbound, Participant, ParticipantRequest,
    Protocol, Request, ServiceType,
};
use tokio::time::{sleep, Instant};
use uuid::Uuid;

const REAL: &str = "Rita Real";

fn minutes(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

/// The uuids of simulated people among `participants`.
fn bots_among(participants: &[Participant]) -> Vec<Uuid> {
    participants
        .iter()
        .filter(|p| p.protocol == Protocol::Webrtc)
        .map(|p| p.uuid)
        .collect()
}

async fn request(directory: &Directory, token: &str, request: Request) {
    let command = Command::Request {
        token: token.to_owned(),
        request,
    };
    directory
        .command(ROOM, command)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
}

/// The simulated people whose voice a `stage` event carries.
fn speakers(outbound: &Outbound) -> Option<Vec<Uuid>> {
    match &outbound.event {
        Event::Stage(entries) => Some(
            entries
                .iter()
                .filter(|e| e.vad > 0)
                .map(|e| e.participant_uuid)
                .collect(),
        ),
        _ => None,
    }
}

#[tokio::test(start_paused = true)]
async fn bots_fill_the_roster_take_turns_speaking_chat_raise_hands_and_come_and_go() {
    let directory = directory();
    let (rita, _token) = join_client(&directory, REAL).await;
    let recorder = Recorder::start(&directory).await;
    let bots = Bots::start(directory.clone(), ROOM, 5, 42).unwrap();

    sleep(Duration::from_secs(20)).await;
    let present = roster(&directory).await;
    assert_eq!(bots_among(&present).len(), 5, "{present:#?}");
    for p in present.iter().filter(|p| p.protocol == Protocol::Webrtc) {
        assert!(p.has_media && p.is_video_call, "{p:?}");
        assert_eq!(p.service_type, ServiceType::Conference);
        assert!(
            p.display_name.contains(' ') || !p.display_name.is_ascii(),
            "{:?} is not a full name",
            p.display_name
        );
    }

    sleep(minutes(4)).await;
    let events = recorder.events();
    let names = recorder.names();
    let bot_uuids: HashSet<Uuid> = names
        .iter()
        .filter(|(_, name)| *name != REAL)
        .map(|(uuid, _)| *uuid)
        .collect();
    let distinct_names: HashSet<&String> = names.values().collect();
    assert_eq!(distinct_names.len(), names.len(), "a name was given twice");

    // They speak, one at a time or two at once, never more.
    let stages: Vec<Vec<Uuid>> = events.iter().filter_map(|(_, o)| speakers(o)).collect();
    let spoken: HashSet<Uuid> = stages.iter().flatten().copied().collect();
    assert!(spoken.len() >= 3, "only {} people spoke", spoken.len());
    assert!(
        stages.iter().all(|s| s.len() <= 2),
        "more than two spoke at once"
    );
    assert!(stages.iter().any(|s| s.len() == 2), "nobody ever cut in");

    // They chat, and the real participant reads it.
    let chats_to_rita = events
        .iter()
        .filter(|(_, o)| {
            o.audience == Audience::Only(rita)
                && matches!(&o.event, Event::MessageReceived(m) if bot_uuids.contains(&m.uuid))
        })
        .count();
    assert!(chats_to_rita >= 2, "{chats_to_rita} chat messages");

    // Hands go up and down, and some mute themselves.
    let updates: Vec<&Participant> = events
        .iter()
        .filter_map(|(_, o)| match &o.event {
            Event::ParticipantUpdate(p) if bot_uuids.contains(&p.uuid) => Some(p),
            _ => None,
        })
        .collect();
    assert!(
        updates.iter().any(|p| p.buzz_time.is_some()),
        "no hand went up"
    );
    assert!(updates.iter().any(|p| p.is_client_muted), "nobody muted");

    // Some left and others took their places; the crowd stays about its size.
    let left = events
        .iter()
        .filter(
            |(_, o)| matches!(o.event, Event::ParticipantDelete(uuid) if bot_uuids.contains(&uuid)),
        )
        .count();
    assert!(left >= 2, "{left} left");
    assert!(bot_uuids.len() >= 7, "{} people came", bot_uuids.len());
    let now_present = bots_among(&roster(&directory).await).len();
    assert!((3..=5).contains(&now_present), "{now_present} present");

    bots.stop().await;
}

/// What a subscriber sees of a meeting, with times from its start and names for uuids.
async fn meeting(seed: u64) -> Vec<(Duration, String)> {
    let directory = directory();
    let recorder = Recorder::start(&directory).await;
    let start = Instant::now();
    let bots = Bots::start(directory.clone(), ROOM, 4, seed).unwrap();
    sleep(minutes(2)).await;
    bots.stop().await;
    let names = recorder.names();
    let name = |uuid: &Uuid| names.get(uuid).cloned().unwrap_or_default();
    recorder
        .events()
        .iter()
        .map(|(at, o)| {
            let what = match &o.event {
                Event::ParticipantCreate(p) | Event::ParticipantUpdate(p) => {
                    format!("{} {}", o.event.name(), p.display_name)
                }
                Event::ParticipantDelete(uuid) => format!("delete {}", name(uuid)),
                Event::Stage(entries) => {
                    let voices: Vec<String> = entries
                        .iter()
                        .map(|e| format!("{}={}", name(&e.participant_uuid), e.vad))
                        .collect();
                    format!("stage {}", voices.join(","))
                }
                Event::MessageReceived(m) => format!("{} says {}", m.origin, m.payload),
                other => other.name().to_owned(),
            };
            (*at - start, what)
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn the_same_seed_plays_the_same_meeting() {
    let first = meeting(7).await;
    assert!(first.len() > 50, "{} events", first.len());
    assert_eq!(first, meeting(7).await);
    assert_ne!(first, meeting(8).await);
}

#[tokio::test(start_paused = true)]
async fn bots_muted_by_a_host_stay_muted_and_silent() {
    let directory = directory();
    let (_rita, token) = join_client(&directory, REAL).await;
    let recorder = Recorder::start(&directory).await;
    let bots = Bots::start(directory.clone(), ROOM, 4, 3).unwrap();
    sleep(Duration::from_secs(30)).await;

    let muted = bots_among(&roster(&directory).await);
    assert!(!muted.is_empty(), "bots joined within 30 s");
    for &uuid in &muted {
        let mute = Request::Participant {
            uuid,
            request: ParticipantRequest::Mute(true),
        };
        request(&directory, &token, mute).await;
    }
    let after_mute = Instant::now();
    sleep(minutes(2)).await;

    let mut updates_of_muted = 0;
    for (at, outbound) in recorder.events().iter().filter(|(at, _)| *at > after_mute) {
        match &outbound.event {
            Event::ParticipantUpdate(p) if muted.contains(&p.uuid) => {
                updates_of_muted += 1;
                assert!(
                    p.is_muted,
                    "{} unmuted themselves at {at:?}",
                    p.display_name
                );
            }
            Event::Stage(entries) => {
                for e in entries
                    .iter()
                    .filter(|e| muted.contains(&e.participant_uuid))
                {
                    assert_eq!(e.vad, 0, "a muted participant is heard");
                }
            }
            _ => {}
        }
    }
    // Muted bots still act (hands, their own microphone): the checks above had something to check.
    assert!(
        updates_of_muted > 0,
        "no update of a muted bot in two minutes"
    );
    bots.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_bot_answers_a_direct_message() {
    let directory = directory();
    let (rita, token) = join_client(&directory, REAL).await;
    let recorder = Recorder::start(&directory).await;
    let bots = Bots::start(directory.clone(), ROOM, 3, 11).unwrap();
    sleep(Duration::from_secs(15)).await;
    let mut answered = 0;
    for bot in bots_among(&roster(&directory).await) {
        let message = Request::Participant {
            uuid: bot,
            request: ParticipantRequest::Message {
                mime_type: "text/plain".to_owned(),
                payload: "Could you take notes today?".to_owned(),
            },
        };
        request(&directory, &token, message).await;
        let asked = Instant::now();
        sleep(Duration::from_secs(10)).await;
        let reply = recorder.first(asked, |o| {
            o.audience == Audience::Only(rita)
                && matches!(&o.event, Event::MessageReceived(m) if m.uuid == bot && m.direct)
        });
        answered += usize::from(reply.is_some());
    }
    assert!(answered >= 2, "{answered} of 3 answered");
    bots.stop().await;
}

#[tokio::test(start_paused = true)]
async fn bots_in_a_locked_room_wait_until_let_in_and_stay_quiet_meanwhile() {
    let directory = directory();
    let (_rita, token) = join_client(&directory, REAL).await;
    request(
        &directory,
        &token,
        Request::Conference(ConferenceRequest::Lock(true)),
    )
    .await;
    let recorder = Recorder::start(&directory).await;
    let options = CrowdOptions {
        count: 3,
        seed: 5,
        host_share: 0.0,
    };
    let bots = Bots::start_with(directory.clone(), ROOM, options).unwrap();
    sleep(Duration::from_secs(40)).await;
    let waiting: Vec<Participant> = roster(&directory)
        .await
        .into_iter()
        .filter(|p| p.protocol == Protocol::Webrtc)
        .collect();
    assert_eq!(waiting.len(), 3);
    assert!(waiting
        .iter()
        .all(|p| p.service_type == ServiceType::WaitingRoom));
    let anything_said = |o: &Outbound| matches!(o.event, Event::MessageReceived(_));
    assert_eq!(
        recorder.first(Instant::now() - minutes(1), anything_said),
        None
    );

    request(
        &directory,
        &token,
        Request::Conference(ConferenceRequest::Lock(false)),
    )
    .await;
    let unlocked = Instant::now();
    sleep(minutes(1)).await;
    let spoke = recorder.first(unlocked, |o| speakers(o).is_some_and(|s| !s.is_empty()));
    assert!(spoke.is_some(), "nobody spoke once let in");
    bots.stop().await;
}

#[tokio::test(start_paused = true)]
async fn stopped_or_dropped_bots_leave() {
    let directory = directory();
    join_client(&directory, REAL).await;
    let bots = Bots::start(directory.clone(), ROOM, 4, 1).unwrap();
    sleep(Duration::from_secs(20)).await;
    assert_eq!(bots_among(&roster(&directory).await).len(), 4);
    bots.stop().await;
    let left: Vec<String> = roster(&directory)
        .await
        .iter()
        .map(|p| p.display_name.clone())
        .collect();
    assert_eq!(left, [REAL]);

    let bots = Bots::start(directory.clone(), ROOM, 4, 2).unwrap();
    sleep(Duration::from_secs(20)).await;
    drop(bots);
    sleep(Duration::from_millis(100)).await;
    assert!(bots_among(&roster(&directory).await).is_empty());
}

#[tokio::test(start_paused = true)]
async fn bots_need_an_existing_room_and_a_sensible_share_of_hosts() {
    let directory = directory();
    assert_eq!(
        Bots::start(directory.clone(), "nowhere", 3, 0).err(),
        Some(BotsError::NoSuchRoom("nowhere".to_owned()))
    );
    let options = CrowdOptions {
        host_share: 1.5,
        ..CrowdOptions::default()
    };
    assert!(Bots::start_with(directory, ROOM, options).is_err());
}

#[tokio::test(start_paused = true)]
async fn some_bots_are_hosts() {
    let directory = directory();
    let options = CrowdOptions {
        count: 10,
        seed: 9,
        host_share: 0.5,
    };
    let bots = Bots::start_with(directory.clone(), ROOM, options).unwrap();
    sleep(Duration::from_secs(30)).await;
    let roles: HashMap<bool, usize> =
        roster(&directory)
            .await
            .iter()
            .fold(HashMap::new(), |mut counts, p| {
                *counts
                    .entry(p.role == plugboard_conference::Role::Host)
                    .or_default() += 1;
                counts
            });
    assert!(roles.get(&true).is_some_and(|&n| n >= 2), "{roles:?}");
    assert!(roles.get(&false).is_some_and(|&n| n >= 2), "{roles:?}");
    bots.stop().await;
}
