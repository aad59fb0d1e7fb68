//! State shared between the benchmark driver and every participant's stream reader: which fan-out round is
//! being measured, how many streams still have to see it, and whether any participant has dropped out.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::error::BenchError;

#[derive(Debug, Default)]
pub(crate) struct StreamMonitor {
    /// The round being measured; 0 before the first one.
    round: AtomicU64,
    /// Streams expected to see the current round's marker.
    streams: AtomicUsize,
    /// Streams that have not seen it yet.
    remaining: AtomicUsize,
    round_completed_at: Mutex<Option<Instant>>,
    /// The first participant that failed (stream ended, refresh refused…) and why.
    first_failure: Mutex<Option<(usize, String)>>,
    failures: AtomicUsize,
    wake_driver: Notify,
}

/// The values behind these locks are replaced whole, so they are consistent even after a panic elsewhere.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl StreamMonitor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Arms round `round`; call before sending the update that carries its marker.
    pub fn begin_round(&self, round: u64, streams: usize) {
        *lock(&self.round_completed_at) = None;
        self.streams.store(streams, Ordering::Release);
        self.remaining.store(streams, Ordering::Release);
        self.round.store(round, Ordering::Release);
    }

    /// A stream saw the marker of `round`. `last_seen` is that stream's own memory, so a repeated update
    /// is counted once.
    pub fn saw_round(&self, round: u64, last_seen: &mut u64) {
        if round <= *last_seen {
            return;
        }
        *last_seen = round;
        if round != self.round.load(Ordering::Acquire) {
            return;
        }
        if self.remaining.fetch_sub(1, Ordering::AcqRel) == 1 {
            *lock(&self.round_completed_at) = Some(Instant::now());
            self.wake_driver.notify_one();
        }
    }

    pub fn participant_failed(&self, participant: usize, reason: String) {
        self.failures.fetch_add(1, Ordering::AcqRel);
        lock(&self.first_failure).get_or_insert((participant, reason));
        self.wake_driver.notify_one();
    }

    pub fn failure(&self) -> Option<BenchError> {
        lock(&self.first_failure)
            .as_ref()
            .map(|(participant, reason)| BenchError::StreamLost {
                participant: *participant,
                reason: reason.clone(),
            })
    }

    /// How many times a participant has failed so far.
    pub fn failure_count(&self) -> usize {
        self.failures.load(Ordering::Acquire)
    }

    /// Waits until every stream has seen the current round, and returns when the last one did.
    pub async fn wait_for_round(&self, timeout: Duration) -> Result<Instant, BenchError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(failure) = self.failure() {
                return Err(failure);
            }
            if let Some(completed_at) = *lock(&self.round_completed_at) {
                return Ok(completed_at);
            }
            let woken = tokio::time::timeout_at(deadline, self.wake_driver.notified()).await;
            if woken.is_err() {
                let expected = self.streams.load(Ordering::Acquire);
                let remaining = self.remaining.load(Ordering::Acquire);
                return Err(BenchError::RoundTimeout {
                    round: self.round.load(Ordering::Acquire),
                    received: expected.saturating_sub(remaining),
                    expected,
                    waited: timeout,
                });
            }
        }
    }
}
