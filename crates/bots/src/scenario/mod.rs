//! Scenarios: scripts of simulated people for repeatable plugin tests and demos. Who joins when, what
//! they say, when they speak and for how long, hands, mutes, departures, and the requests hosts make.
//! The format is described in the crate's README.

mod check;
mod parse;
mod play;
mod time;
mod visits;

use std::fmt;
use std::path::Path;
use std::time::Duration;

use plugboard_client_api::Directory;
use plugboard_conference::Role;

pub use parse::ScenarioError;
pub use play::{Outcome, Report, ScenarioRun};
pub use visits::ScenarioVisits;

use crate::error::BotsError;
use crate::room::Room;

/// A scenario read from a file and checked: its people and its steps, in the order they play.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Where it came from (a file name), for messages.
    pub origin: String,
    pub people: Vec<Person>,
    /// Sorted by time; steps at the same time keep the order of the file.
    pub steps: Vec<Step>,
}

/// Someone of the scenario's cast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Role,
}

/// One thing someone does at a point of the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// From the start of the scenario.
    pub at: Duration,
    /// The name of the person of the cast who does it.
    pub who: String,
    pub action: Action,
    /// Where the step is written, 1-based.
    pub line: usize,
}

/// What a step does. Names of other participants (`to`, targets) are display names of anyone in the
/// room, the cast or not, looked up when the step plays.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Join,
    Leave,
    /// Speak (at voice activity `vad`) for `duration`, then fall silent.
    Speak {
        duration: Duration,
        vad: u8,
    },
    RaiseHand,
    LowerHand,
    /// A chat message to everyone, or directly to the participant called `to`.
    Chat {
        text: String,
        to: Option<String>,
    },
    /// Their own microphone.
    Mute,
    Unmute,
    /// Host requests on the participant with that display name.
    MuteParticipant(String),
    UnmuteParticipant(String),
    Spotlight(String),
    SpotlightOff(String),
    /// Host requests on the conference.
    Lock,
    Unlock,
}

impl Action {
    /// Whether only hosts may do this.
    pub fn is_for_hosts(&self) -> bool {
        matches!(
            self,
            Action::MuteParticipant(_)
                | Action::UnmuteParticipant(_)
                | Action::Spotlight(_)
                | Action::SpotlightOff(_)
                | Action::Lock
                | Action::Unlock
        )
    }
}

impl Scenario {
    /// Read and check a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let origin = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|source| ScenarioError::Read {
            path: origin.clone(),
            source,
        })?;
        Scenario::parse(&source, &origin)
    }

    /// Read and check a scenario; `origin` names it in messages (`origin:line:column: …`).
    pub fn parse(source: &str, origin: &str) -> Result<Scenario, ScenarioError> {
        parse::scenario(source, origin)
    }

    /// Play the scenario in the room `alias` reaches, from now. Must run inside a Tokio runtime.
    pub fn play(&self, directory: Directory, alias: &str) -> Result<ScenarioRun, BotsError> {
        Ok(ScenarioRun::start(
            self.clone(),
            existing_room(directory, alias)?,
        ))
    }

    /// Play the scenario in the room `alias` reaches each time someone visits it (see
    /// [`ScenarioVisits`]), from now if someone is there already. Must run inside a Tokio runtime.
    pub fn play_on_each_visit(
        &self,
        directory: Directory,
        alias: &str,
    ) -> Result<ScenarioVisits, BotsError> {
        Ok(ScenarioVisits::start(
            self.clone(),
            existing_room(directory, alias)?,
        ))
    }

    /// How long the scenario lasts: until its last step, or the end of its last speech.
    pub fn length(&self) -> Duration {
        self.steps
            .iter()
            .map(|step| match step.action {
                Action::Speak { duration, .. } => step.at + duration,
                _ => step.at,
            })
            .max()
            .unwrap_or_default()
    }

    fn role_of(&self, name: &str) -> Option<Role> {
        self.people.iter().find(|p| p.name == name).map(|p| p.role)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = &self.who;
        match &self.action {
            Action::Join => write!(f, "{who} joins"),
            Action::Leave => write!(f, "{who} leaves"),
            Action::Speak { duration, vad } => {
                write!(f, "{who} speaks for {}", time::length(*duration))?;
                if *vad != play::SPEAKING {
                    write!(f, " (vad {vad})")?;
                }
                Ok(())
            }
            Action::RaiseHand => write!(f, "{who} raises a hand"),
            Action::LowerHand => write!(f, "{who} lowers their hand"),
            Action::Chat { text, to: None } => write!(f, "{who} says {text:?}"),
            Action::Chat { text, to: Some(to) } => write!(f, "{who} says {text:?} to {to}"),
            Action::Mute => write!(f, "{who} mutes themselves"),
            Action::Unmute => write!(f, "{who} unmutes themselves"),
            Action::MuteParticipant(target) => write!(f, "{who} mutes {target}"),
            Action::UnmuteParticipant(target) => write!(f, "{who} unmutes {target}"),
            Action::Spotlight(target) => write!(f, "{who} spotlights {target}"),
            Action::SpotlightOff(target) => write!(f, "{who} takes the spotlight off {target}"),
            Action::Lock => write!(f, "{who} locks the conference"),
            Action::Unlock => write!(f, "{who} unlocks the conference"),
        }
    }
}

fn existing_room(directory: Directory, alias: &str) -> Result<Room, BotsError> {
    let room = Room::new(directory, alias.to_owned());
    if room.exists() {
        Ok(room)
    } else {
        Err(BotsError::NoSuchRoom(alias.to_owned()))
    }
}
