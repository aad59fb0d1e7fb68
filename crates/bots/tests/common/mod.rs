//! A node's directory with one open room, and a recorder of everything that happens in it, on Tokio's
//! paused clock.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use plugboard_client_api::Directory;
use plugboard_conference::{
    Command, Event, JoinRequest, Outbound, Participant, Reply, Settings, VmrConfig,
};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use uuid::Uuid;

pub const ROOM: &str = "meet";

pub fn directory() -> Directory {
    directory_with(VmrConfig::open(ROOM))
}

pub fn directory_with(vmr: VmrConfig) -> Directory {
    Directory::start(vec![vmr], &Settings::default()).expect("a valid room")
}

/// Someone who joined through the client API, as a browser does.
pub async fn join_client(directory: &Directory, name: &str) -> (Uuid, String) {
    let join = JoinRequest {
        display_name: name.to_owned(),
        ..JoinRequest::default()
    };
    match directory.command(ROOM, Command::RequestToken(join)).await {
        Ok(Reply::Token(grant)) => (grant.participant_uuid, grant.token),
        other => panic!("request_token answered {other:?}"),
    }
}

/// An event and when it happened.
pub type Recorded = (Instant, Arc<Outbound>);

/// Every event of the room, with when it happened.
pub struct Recorder {
    log: Arc<Mutex<Vec<Recorded>>>,
    task: JoinHandle<()>,
}

impl Recorder {
    pub async fn start(directory: &Directory) -> Recorder {
        let mut watch = directory.watch(ROOM).await.expect("the room exists");
        let log = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&log);
        let task = tokio::spawn(async move {
            while let Some(outbound) = watch.events.next().await {
                writer
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push((Instant::now(), outbound));
            }
        });
        Recorder { log, task }
    }

    pub fn events(&self) -> Vec<Recorded> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Everyone who was ever in the room, by uuid.
    pub fn names(&self) -> HashMap<Uuid, String> {
        self.events()
            .iter()
            .filter_map(|(_, o)| match &o.event {
                Event::ParticipantCreate(p) => Some((p.uuid, p.display_name.clone())),
                _ => None,
            })
            .collect()
    }

    /// The first time `what` happened after `from`, as a time since `from`.
    pub fn first(&self, from: Instant, what: impl Fn(&Outbound) -> bool) -> Option<Duration> {
        self.events()
            .iter()
            .find(|(at, o)| *at >= from && what(o))
            .map(|(at, _)| *at - from)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The participant an update or create carries, if it is `name`.
pub fn participant_named<'a>(outbound: &'a Outbound, name: &str) -> Option<&'a Participant> {
    match &outbound.event {
        Event::ParticipantCreate(p) | Event::ParticipantUpdate(p) if p.display_name == name => {
            Some(p)
        }
        _ => None,
    }
}

/// The participants currently in the room.
pub async fn roster(directory: &Directory) -> Vec<Participant> {
    directory
        .watch(ROOM)
        .await
        .expect("the room exists")
        .participants
}

/// `actual` is `expected`, or a few milliseconds after it (timers tick by the millisecond).
pub fn assert_about(actual: Option<Duration>, expected: Duration, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what}: never happened"));
    assert!(
        actual >= expected && actual < expected + Duration::from_millis(20),
        "{what}: at {actual:?}, expected {expected:?}"
    );
}
