//! Load generators for a Plugboard node (or any server of the Pexip client REST API v2).
//!
//! [`fanout`] measures how fast a conference's event stream fans an update out to every participant:
//! N simulated participants join one conference and read their `events` streams, then one of them
//! changes another's overlay text, round after round, and each round is timed from the request until
//! every stream has received the resulting `participant_update`.

mod api;
mod error;
mod event_stream;
mod fanout;
mod limits;
mod machine;
mod monitor;
mod node;
mod participant;
mod progress;
mod refresh;
mod report;
pub mod sse;

pub use error::BenchError;
pub use fanout::{fanout, FanoutOptions, MIN_UPDATES};
pub use machine::describe_machine;
pub use report::{FanoutReport, LatencySummary};
