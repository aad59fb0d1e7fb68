//! Load generators for a Plugboard node (or any server of the Pexip client REST API v2).
//!
//! [`fanout`] measures how fast a conference's event stream fans an update out to every participant:
//! N simulated participants join one conference and read their `events` streams, then one of them
//! changes another's overlay text, round after round, and each round is timed from the request until
//! every stream has received the resulting `participant_update`.
//!
//! [`crowd`] keeps N participants in a conference of a running node, optionally replacing them one at a
//! time, as the load under which something else (the web app) is measured.

mod api;
mod crowd;
mod error;
mod event_stream;
mod fanout;
mod joins;
mod limits;
mod machine;
mod monitor;
mod names;
mod node;
mod participant;
mod progress;
mod refresh;
mod release;
mod report;
pub mod sse;

pub use crowd::{crowd, CrowdOptions, CrowdSummary, MAX_CHURN_PER_MINUTE};
pub use error::BenchError;
pub use fanout::{fanout, FanoutOptions, MIN_UPDATES};
pub use machine::describe_machine;
pub use names::NameStyle;
pub use report::{FanoutReport, LatencySummary};
