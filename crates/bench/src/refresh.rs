//! Keeps every participant's token alive (tokens expire after `expires` seconds unless refreshed).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::stream::{self, StreamExt};
use tokio::task::JoinHandle;

use crate::api::ConferenceApi;
use crate::monitor::{lock, StreamMonitor};
use crate::participant::Session;

/// Refresh a token once it is this old: a third of the 120 s lifetime, as PexRTC does.
const REFRESH_AFTER: Duration = Duration::from_secs(40);
const CHECK_EVERY: Duration = Duration::from_secs(2);
const REFRESHES_IN_FLIGHT: usize = 16;

/// The sessions present; joins add to it and leaves take from it while the refresher runs.
pub(crate) type SessionRegistry = Arc<Mutex<Vec<Arc<Session>>>>;

/// A copy of the sessions present now.
pub(crate) fn registered(sessions: &SessionRegistry) -> Vec<Arc<Session>> {
    lock(sessions).clone()
}

pub(crate) fn register(sessions: &SessionRegistry, session: Arc<Session>) {
    lock(sessions).push(session);
}

pub(crate) fn unregister(sessions: &SessionRegistry, index: usize) {
    lock(sessions).retain(|session| session.index != index);
}

/// Refreshes the registered sessions' tokens until the returned guard is dropped.
pub(crate) fn spawn_refresher(
    api: ConferenceApi,
    sessions: SessionRegistry,
    monitor: Arc<StreamMonitor>,
) -> AbortOnDrop {
    AbortOnDrop(tokio::spawn(keep_tokens_fresh(api, sessions, monitor)))
}

/// Runs until aborted. A refused refresh is a participant failure: the node would expire it soon after.
async fn keep_tokens_fresh(
    api: ConferenceApi,
    sessions: SessionRegistry,
    monitor: Arc<StreamMonitor>,
) {
    loop {
        tokio::time::sleep(CHECK_EVERY).await;
        let due: Vec<Arc<Session>> = registered(&sessions)
            .into_iter()
            .filter(|session| session.token_age() >= REFRESH_AFTER)
            .collect();
        stream::iter(due)
            .for_each_concurrent(REFRESHES_IN_FLIGHT, |session| {
                let api = &api;
                let monitor = &monitor;
                async move {
                    let _in_use = session.lock_token_use().await;
                    if session.has_left() {
                        return;
                    }
                    match api.refresh_token(&session.token()).await {
                        Ok(fresh) => session.replace_token(fresh),
                        Err(error) => monitor.participant_failed(session.index, error.to_string()),
                    }
                }
            })
            .await;
    }
}

/// Aborts the task when the benchmark is done with it, including on early return.
pub(crate) struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
