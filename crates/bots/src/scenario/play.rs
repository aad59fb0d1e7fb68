//! Playing a scenario: each step at its time, in a room, with what came of it.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use plugboard_client_api::RoomError;
use plugboard_conference::{
    ConferenceRequest, Error, ParticipantRequest, Request, Role, SimulatedCommand,
};
use tokio::sync::oneshot;
use tokio::time::{sleep_until, Instant};
use uuid::Uuid;

use super::time::clock;
use super::{Action, Scenario, Step};
use crate::room::Room;
use crate::stoppable::Stoppable;

/// Voice activity while speaking, unless a step says otherwise.
pub(crate) const SPEAKING: u8 = 100;
const SILENT: u8 = 0;

/// A scenario being played. The people who have not left by its end stay in the room until the run
/// is stopped or dropped; then they leave.
pub struct ScenarioRun {
    started: Instant,
    played: Option<oneshot::Receiver<Report>>,
    report: Option<Report>,
    task: Stoppable,
}

/// What came of each step, in playing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub origin: String,
    pub outcomes: Vec<Outcome>,
}

/// What came of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub step: Step,
    /// Why the step could not be done: a refusal of the conference (a guest's lock, a full room) or a
    /// name nobody in the room has.
    pub result: Result<(), String>,
}

impl Report {
    pub fn failures(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.result.is_err())
    }

    pub fn all_played(&self) -> bool {
        self.failures().next().is_none()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for outcome in &self.outcomes {
            let step = &outcome.step;
            write!(f, "{}:{} {} {step}", self.origin, step.line, clock(step.at))?;
            match &outcome.result {
                Ok(()) => writeln!(f)?,
                Err(reason) => writeln!(f, ": failed: {reason}")?,
            }
        }
        Ok(())
    }
}

impl ScenarioRun {
    pub(super) fn start(scenario: Scenario, room: Room) -> Self {
        let started = Instant::now();
        let (report, played) = oneshot::channel();
        let player = Player {
            origin: scenario.origin.clone(),
            room,
            roles: scenario
                .people
                .iter()
                .map(|p| (p.name.clone(), p.role))
                .collect(),
            present: HashMap::new(),
            speech: HashMap::new(),
        };
        let task = Stoppable::spawn(|stopped| player.run(scenario, started, stopped, report));
        ScenarioRun {
            started,
            played: Some(played),
            report: None,
            task,
        }
    }

    /// When the scenario started: its steps play at this instant plus their `at`.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// Wait until every step has played, and say what came of each. Whoever is still in the room stays.
    pub async fn played(&mut self) -> Report {
        if let Some(played) = self.played.take() {
            let report = played.await.unwrap_or_else(|_| Report {
                origin: String::new(),
                outcomes: Vec::new(),
            });
            self.report = Some(report);
        }
        self.report.clone().unwrap_or_else(|| Report {
            origin: String::new(),
            outcomes: Vec::new(),
        })
    }

    /// Stop playing; everyone of the scenario still in the room leaves. Returns once they have.
    pub async fn stop(self) {
        self.task.stop().await;
    }
}

/// Something to do at a point of the scenario: a step (by its index), or the end of the speech of
/// one.
enum Cue {
    Step { at: Duration, index: usize },
    Silence { at: Duration, speech: usize },
}

impl Cue {
    fn at(&self) -> Duration {
        match self {
            Cue::Step { at, .. } | Cue::Silence { at, .. } => *at,
        }
    }
}

struct Player {
    origin: String,
    room: Room,
    roles: HashMap<String, Role>,
    /// The cast in the room, by name.
    present: HashMap<String, Uuid>,
    /// Which speech of each person is going on, so that the end of an earlier one does not cut a
    /// later one short.
    speech: HashMap<String, usize>,
}

impl Player {
    async fn run(
        mut self,
        scenario: Scenario,
        started: Instant,
        mut stop: oneshot::Receiver<()>,
        report: oneshot::Sender<Report>,
    ) {
        let mut cues: Vec<Cue> = Vec::new();
        for (index, step) in scenario.steps.iter().enumerate() {
            if let Action::Speak { duration, .. } = step.action {
                cues.push(Cue::Silence {
                    at: step.at + duration,
                    speech: index,
                });
            }
            cues.push(Cue::Step { at: step.at, index });
        }
        // Stable: the end of a speech comes before a step at the same time written after it.
        cues.sort_by_key(Cue::at);
        let mut outcomes = Vec::new();
        for cue in cues {
            tokio::select! {
                biased;
                _ = &mut stop => {
                    self.leave_all().await;
                    return;
                }
                () = sleep_until(started + cue.at()) => {}
            }
            let (Cue::Step { index, .. } | Cue::Silence { speech: index, .. }) = cue;
            let Some(step) = scenario.steps.get(index) else {
                continue;
            };
            if let Cue::Silence { .. } = cue {
                self.fall_silent(&step.who, index).await;
                continue;
            }
            let result = self.play(step, index).await;
            self.tell(step, &result);
            outcomes.push(Outcome {
                step: step.clone(),
                result,
            });
        }
        let origin = self.origin.clone();
        // Nobody waits for the report when the run was dropped.
        let _ = report.send(Report { origin, outcomes });
        // The cast stays until the run is stopped or dropped.
        let _ = stop.await;
        self.leave_all().await;
    }

    fn tell(&self, step: &Step, result: &Result<(), String>) {
        let (origin, line, at) = (&self.origin, step.line, clock(step.at));
        match result {
            Ok(()) => tracing::info!("{origin}:{line} {at} {step}"),
            Err(reason) => tracing::warn!("{origin}:{line} {at} {step}: failed: {reason}"),
        }
    }

    /// Play one step; `index` numbers the steps, and so the speeches.
    async fn play(&mut self, step: &Step, index: usize) -> Result<(), String> {
        let who = step.who.as_str();
        if let Action::Join = step.action {
            let role = self.roles.get(who).copied().unwrap_or(Role::Guest);
            let uuid = self.room.join(who, role).await.map_err(reason)?;
            self.present.insert(who.to_owned(), uuid);
            return Ok(());
        }
        let uuid = *self
            .present
            .get(who)
            .ok_or_else(|| format!("{who} is not in the room"))?;
        let result = self.act(uuid, step, index).await;
        if let Err(RoomError::Refused(Error::ParticipantNotFound)) = &result {
            // Shown out by a host, say: whatever they do next, they are not there.
            if self.room.participants(uuid).await.is_err() {
                self.present.remove(who);
                return Err(format!("{who} is no longer in the room"));
            }
        }
        result.map_err(reason)
    }

    async fn act(&mut self, uuid: Uuid, step: &Step, index: usize) -> Result<(), RoomError> {
        let command = match &step.action {
            Action::Join => return Ok(()),
            Action::Leave => {
                self.present.remove(&step.who);
                SimulatedCommand::Leave { uuid }
            }
            Action::Speak { vad, .. } => {
                self.speech.insert(step.who.clone(), index);
                SimulatedCommand::Speak { uuid, vad: *vad }
            }
            Action::RaiseHand => SimulatedCommand::RaiseHand { uuid },
            Action::LowerHand => SimulatedCommand::LowerHand { uuid },
            Action::Chat { text, to } => {
                let to = match to {
                    Some(name) => Some(self.find(uuid, name).await?),
                    None => None,
                };
                let text = text.clone();
                SimulatedCommand::Chat { uuid, text, to }
            }
            Action::Mute => SimulatedCommand::SetMuted { uuid, muted: true },
            Action::Unmute => SimulatedCommand::SetMuted { uuid, muted: false },
            Action::MuteParticipant(name)
            | Action::UnmuteParticipant(name)
            | Action::Spotlight(name)
            | Action::SpotlightOff(name) => {
                let request = match &step.action {
                    Action::MuteParticipant(_) => ParticipantRequest::Mute(true),
                    Action::UnmuteParticipant(_) => ParticipantRequest::Mute(false),
                    Action::Spotlight(_) => ParticipantRequest::Spotlight(true),
                    _ => ParticipantRequest::Spotlight(false),
                };
                let target = self.find(uuid, name).await?;
                SimulatedCommand::Request {
                    uuid,
                    request: Request::Participant {
                        uuid: target,
                        request,
                    },
                }
            }
            Action::Lock => conference(uuid, ConferenceRequest::Lock(true)),
            Action::Unlock => conference(uuid, ConferenceRequest::Lock(false)),
        };
        self.room.run(command).await.map(drop)
    }

    /// The participant called `name`, as `by` sees the room: the exact name, or else the name in
    /// another case; refused when nobody, or more than one, answers to it.
    async fn find(&self, by: Uuid, name: &str) -> Result<Uuid, RoomError> {
        let participants = self.room.participants(by).await?;
        let exact: Vec<Uuid> = participants
            .iter()
            .filter(|p| p.display_name == name)
            .map(|p| p.uuid)
            .collect();
        let matching = if exact.is_empty() {
            participants
                .iter()
                .filter(|p| p.display_name.to_lowercase() == name.to_lowercase())
                .map(|p| p.uuid)
                .collect()
        } else {
            exact
        };
        match matching.as_slice() {
            [uuid] => Ok(*uuid),
            [] => Err(refused(format!("nobody called {name:?} is in the room"))),
            several => Err(refused(format!(
                "{} participants are called {name:?}",
                several.len()
            ))),
        }
    }

    async fn fall_silent(&mut self, who: &str, speech: usize) {
        let current = self.speech.get(who) == Some(&speech);
        if let (true, Some(&uuid)) = (current, self.present.get(who)) {
            self.speech.remove(who);
            let quiet = SimulatedCommand::Speak { uuid, vad: SILENT };
            // Someone shown out meanwhile has nothing left to say.
            let _ = self.room.run(quiet).await;
        }
    }

    async fn leave_all(&mut self) {
        for (_, uuid) in self.present.drain() {
            // Whoever is already gone needs no goodbye.
            let _ = self.room.run(SimulatedCommand::Leave { uuid }).await;
        }
    }
}

fn conference(uuid: Uuid, request: ConferenceRequest) -> SimulatedCommand {
    SimulatedCommand::Request {
        uuid,
        request: Request::Conference(request),
    }
}

fn refused(reason: String) -> RoomError {
    RoomError::Refused(Error::Invalid(reason))
}

fn reason(error: RoomError) -> String {
    error.to_string()
}
