//! Playing a scenario for each visit to its room: it starts when someone who is not simulated comes
//! into the room with nobody else (not simulated) there, and its run ends, the cast leaving, when the
//! last of them has left. The next visit plays it again from the start. This is what a developer
//! watching a plugin wants: the meeting begins when they join, however long after starting the node.

use std::collections::HashSet;

use plugboard_conference::{Event, Participant};
use tokio::sync::oneshot;
use uuid::Uuid;

use super::{Scenario, ScenarioRun};
use crate::room::Room;
use crate::stoppable::Stoppable;

/// A scenario that plays for each visit to its room (see the module's description). Dropping it
/// stops it too, without waiting.
pub struct ScenarioVisits(Stoppable);

impl ScenarioVisits {
    pub(super) fn start(scenario: Scenario, room: Room) -> Self {
        ScenarioVisits(Stoppable::spawn(|stopped| follow(scenario, room, stopped)))
    }

    /// Stop following the room; a run going on ends and its cast leaves. Returns once they have.
    pub async fn stop(self) {
        self.0.stop().await;
    }
}

/// The visitors of the room: who is in it and not simulated.
#[derive(Default)]
struct Visitors(HashSet<Uuid>);

impl Visitors {
    /// Counts `participant` in; true when they are the first.
    fn arrive(&mut self, participant: &Participant) -> bool {
        !participant.is_simulated() && self.0.insert(participant.uuid) && self.0.len() == 1
    }

    /// Counts `uuid` out; true when they were the last.
    fn leave(&mut self, uuid: Uuid) -> bool {
        self.0.remove(&uuid) && self.0.is_empty()
    }
}

async fn follow(scenario: Scenario, room: Room, mut stopped: oneshot::Receiver<()>) {
    let watch = match room.watch().await {
        Ok(watch) => watch,
        Err(error) => {
            tracing::warn!(room = room.alias(), %error, "the scenario cannot watch its room");
            return;
        }
    };
    let mut visitors = Visitors::default();
    for participant in &watch.participants {
        visitors.arrive(participant);
    }
    let mut run = (!visitors.0.is_empty()).then(|| play(&scenario, &room));
    let mut events = watch.events;
    loop {
        tokio::select! {
            biased;
            _ = &mut stopped => break,
            event = events.next() => match event.as_deref().map(|outbound| &outbound.event) {
                None => break,
                Some(Event::ParticipantCreate(participant)) => {
                    if visitors.arrive(participant) && run.is_none() {
                        run = Some(play(&scenario, &room));
                    }
                }
                Some(Event::ParticipantDelete(uuid)) => {
                    if visitors.leave(*uuid) {
                        if let Some(ended) = run.take() {
                            tracing::info!(room = room.alias(), "everyone left; the scenario stops and plays again at the next visit");
                            ended.stop().await;
                        }
                    }
                }
                Some(_) => {}
            },
        }
    }
    if let Some(run) = run {
        run.stop().await;
    }
}

fn play(scenario: &Scenario, room: &Room) -> ScenarioRun {
    tracing::info!(room = room.alias(), scenario = %scenario.origin, "someone joined; the scenario starts");
    ScenarioRun::start(scenario.clone(), room.clone())
}
