//! Keeps every participant's token alive (tokens expire after `expires` seconds unless refreshed).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::stream::{self, StreamExt};

use crate::api::ConferenceApi;
use crate::monitor::StreamMonitor;
use crate::participant::Session;

/// Refresh a token once it is this old: a third of the 120 s lifetime, as PexRTC does.
const REFRESH_AFTER: Duration = Duration::from_secs(40);
const CHECK_EVERY: Duration = Duration::from_secs(2);
const REFRESHES_IN_FLIGHT: usize = 16;

/// The sessions joined so far; the join phase adds to it while the refresher runs.
pub(crate) type SessionRegistry = Arc<Mutex<Vec<Arc<Session>>>>;

/// Runs until aborted. A refused refresh is a participant failure: the node would expire it soon after.
pub(crate) async fn keep_tokens_fresh(
    api: ConferenceApi,
    sessions: SessionRegistry,
    monitor: Arc<StreamMonitor>,
) {
    loop {
        tokio::time::sleep(CHECK_EVERY).await;
        let due: Vec<Arc<Session>> = sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .filter(|session| session.token_age() >= REFRESH_AFTER)
            .cloned()
            .collect();
        stream::iter(due)
            .for_each_concurrent(REFRESHES_IN_FLIGHT, |session| {
                let api = &api;
                let monitor = &monitor;
                async move {
                    match api.refresh_token(&session.token()).await {
                        Ok(fresh) => session.replace_token(fresh),
                        Err(error) => monitor.participant_failed(session.index, error.to_string()),
                    }
                }
            })
            .await;
    }
}
