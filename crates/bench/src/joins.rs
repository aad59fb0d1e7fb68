//! The join phase: many participants joining at once, as fast as the node lets them.

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};

use crate::api::ConferenceApi;
use crate::error::BenchError;
use crate::monitor::StreamMonitor;
use crate::participant::{self, Participant};
use crate::progress::{self, note};
use crate::refresh::{register, SessionRegistry};

const JOINS_IN_FLIGHT: usize = 64;
pub(crate) const JOIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Joins the participants numbered `indices`, named by `name_of`, at most [`JOINS_IN_FLIGHT`] at a
/// time, registering each for token refresh. Returns them in the order they finished joining, and the
/// wall time taken.
pub(crate) async fn join_all(
    api: &ConferenceApi,
    indices: Range<usize>,
    name_of: impl Fn(usize) -> String,
    monitor: &Arc<StreamMonitor>,
    sessions: &SessionRegistry,
    joined: &mut Vec<Participant>,
) -> Result<Duration, BenchError> {
    let count = indices.len();
    let bar = progress::bar(count, "joining");
    let started = Instant::now();
    let mut joins = stream::iter(indices)
        .map(|index| {
            participant::join(
                api.clone(),
                index,
                name_of(index),
                Arc::clone(monitor),
                JOIN_TIMEOUT,
            )
        })
        .buffer_unordered(JOINS_IN_FLIGHT);
    while let Some(result) = joins.next().await {
        let participant = result?;
        register(sessions, Arc::clone(&participant.session));
        joined.push(participant);
        bar.inc(1);
    }
    let elapsed = started.elapsed();
    bar.finish_and_clear();
    note(&format!(
        "{count} participants joined in {:.2} s",
        elapsed.as_secs_f64()
    ));
    match monitor.failure() {
        Some(failure) => Err(failure),
        None => Ok(elapsed),
    }
}
