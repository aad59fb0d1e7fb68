//! A crowd of simulated people who come and go, take turns speaking, raise hands, chat, mute and
//! unmute themselves, and react like people do when a host mutes them or writes to them.

mod actions;
mod floor;
mod pace;
mod person;
mod reactions;
mod timeline;

use std::collections::HashMap;

use plugboard_client_api::{Directory, RoomError};
use rand::rngs::StdRng;
use rand::SeedableRng;
use tokio::sync::oneshot;
use tokio::time::{sleep_until, Duration, Instant};
use uuid::Uuid;

use crate::error::BotsError;
use crate::room::Room;
use crate::stoppable::Stoppable;
use actions::Action;
use floor::Floor;
use person::Person;
use timeline::Timeline;

/// What kind of crowd to start.
#[derive(Debug, Clone, PartialEq)]
pub struct CrowdOptions {
    /// How many people the crowd keeps in the room.
    pub count: usize,
    /// The same seed makes the same crowd do the same things at the same times.
    pub seed: u64,
    /// The share of hosts among them, from 0 to 1; the rest join as guests.
    pub host_share: f64,
}

impl Default for CrowdOptions {
    fn default() -> Self {
        CrowdOptions {
            count: 5,
            seed: 0,
            host_share: 0.2,
        }
    }
}

/// A running crowd of simulated people in one room. Dropping it makes them leave, as
/// [`Bots::stop`] does without waiting.
pub struct Bots(Stoppable);

impl Bots {
    /// Start `count` simulated people in the room `alias` reaches, with hosts among them now and then
    /// (see [`CrowdOptions`]). They arrive over the next seconds. Must run inside a Tokio runtime.
    pub fn start(
        directory: Directory,
        alias: &str,
        count: usize,
        seed: u64,
    ) -> Result<Bots, BotsError> {
        let options = CrowdOptions {
            count,
            seed,
            ..CrowdOptions::default()
        };
        Bots::start_with(directory, alias, options)
    }

    /// [`Bots::start`] with every option. Must run inside a Tokio runtime.
    pub fn start_with(
        directory: Directory,
        alias: &str,
        options: CrowdOptions,
    ) -> Result<Bots, BotsError> {
        let room = Room::new(directory, alias.to_owned());
        if !room.exists() {
            return Err(BotsError::NoSuchRoom(alias.to_owned()));
        }
        if !(0.0..=1.0).contains(&options.host_share) {
            return Err(BotsError::HostShare(options.host_share));
        }
        let crowd = Crowd {
            rng: StdRng::seed_from_u64(options.seed),
            options,
            room,
            timeline: Timeline::new(),
            people: Vec::new(),
            names_in_room: HashMap::new(),
            pending_joins: 0,
            floor: Floor::default(),
        };
        Ok(Bots(Stoppable::spawn(|stopped| crowd.run(stopped))))
    }

    /// Make everyone leave; returns once they have.
    pub async fn stop(self) {
        self.0.stop().await;
    }
}

/// The state of a crowd, owned by its task.
struct Crowd {
    options: CrowdOptions,
    rng: StdRng,
    room: Room,
    timeline: Timeline<Action>,
    /// The crowd's people in the room, in the order they joined.
    people: Vec<Person>,
    /// The name of everyone in the room, the crowd's people or not, so that nobody gets a name twice.
    names_in_room: HashMap<Uuid, String>,
    /// Joins scheduled and not yet made.
    pending_joins: usize,
    floor: Floor,
}

/// How long to sleep when nothing is scheduled (never, as the crowd always plans its next change).
const IDLE: Duration = Duration::from_secs(3600);

impl Crowd {
    async fn run(mut self, mut stop: oneshot::Receiver<()>) {
        let watch = match self.room.watch().await {
            Ok(watch) => watch,
            Err(error) => {
                tracing::warn!(room = self.room.alias(), %error, "simulated participants cannot watch the room");
                return;
            }
        };
        for participant in &watch.participants {
            self.names_in_room
                .insert(participant.uuid, participant.display_name.clone());
        }
        let mut events = watch.events;
        self.plan_arrival();
        loop {
            let due = self
                .timeline
                .next_due()
                .unwrap_or_else(|| Instant::now() + IDLE);
            // Biased, so that the same seed makes the same choices whatever the scheduler does.
            tokio::select! {
                biased;
                _ = &mut stop => break,
                event = events.next() => match event {
                    Some(outbound) => self.observe(&outbound),
                    None => return,
                },
                () = sleep_until(due) => {
                    if let Some(action) = self.timeline.pop_due(Instant::now()) {
                        if let Err(RoomError::NoSuchRoom(_) | RoomError::Gone) = self.perform(action).await {
                            tracing::info!(room = self.room.alias(), "the room is gone; simulated participants stop");
                            return;
                        }
                    }
                }
            }
        }
        self.leave_all().await;
    }

    fn person(&self, uuid: Uuid) -> Option<&Person> {
        self.people.iter().find(|p| p.uuid == uuid)
    }

    fn person_mut(&mut self, uuid: Uuid) -> Option<&mut Person> {
        self.people.iter_mut().find(|p| p.uuid == uuid)
    }

    /// One of the crowd's people for whom `eligible` holds, picked at random.
    fn pick(&mut self, eligible: impl Fn(&Person) -> bool) -> Option<Uuid> {
        let candidates: Vec<Uuid> = self
            .people
            .iter()
            .filter(|p| eligible(p))
            .map(|p| p.uuid)
            .collect();
        rand::seq::IndexedRandom::choose(candidates.as_slice(), &mut self.rng).copied()
    }
}
