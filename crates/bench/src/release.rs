//! Leaving the conference: `release_token`, once per participant.

use std::sync::Arc;
use std::time::Instant;

use futures_util::stream::{self, StreamExt};

use crate::api::ConferenceApi;
use crate::error::BenchError;
use crate::participant::Session;
use crate::progress::note;

const RELEASES_IN_FLIGHT: usize = 64;

/// Releases the session's token, unless it has left already. Waits for a refresh in flight, so the token
/// released is the latest one.
pub(crate) async fn release(api: &ConferenceApi, session: &Session) -> Result<(), BenchError> {
    let _in_use = session.lock_token_use().await;
    if session.mark_left() {
        return Ok(());
    }
    api.release_token(&session.token()).await
}

/// Best effort: failures are counted and noted, not returned. Returns how many releases failed.
pub(crate) async fn release_all(api: &ConferenceApi, sessions: Vec<Arc<Session>>) -> usize {
    if sessions.is_empty() {
        return 0;
    }
    let started = Instant::now();
    let count = sessions.len();
    // Each future owns what it uses, which keeps the whole benchmark future `Send`.
    let failures: Vec<String> = stream::iter(sessions)
        .map(|session| {
            let api = api.clone();
            async move { release(&api, &session).await }
        })
        .buffer_unordered(RELEASES_IN_FLIGHT)
        .filter_map(|result| async move { result.err().map(|error| error.to_string()) })
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    match failures.first() {
        None => note(&format!("released {count} tokens in {elapsed:.2} s")),
        Some(first) => note(&format!(
            "release_token failed for {} of {count} participants (first: {first})",
            failures.len(),
        )),
    }
    failures.len()
}
