//! Simulated participants for development and demos: a crowd of people who come and go, talk, raise
//! hands, chat and get muted ([`Bots`]), and scripted scenarios for repeatable plugin tests.
//!
//! Simulated people are participants of the conference engine (see
//! [`plugboard_conference::SimulatedCommand`]): they join as WebRTC video calls with media, so they are
//! on stage, and they follow the room's rules like anyone (its lock, its participant limit, hosts'
//! requests). This crate decides what they do and when, with time from Tokio and choices from a seeded
//! random generator, so that the same seed plays the same meeting.

mod crowd;
mod error;
mod names;
mod phrases;
mod room;
pub mod scenario;
pub(crate) mod stoppable;

pub use crowd::{Bots, CrowdOptions};
pub use error::BotsError;
pub use scenario::{Report, Scenario, ScenarioError, ScenarioRun, ScenarioVisits};
