//! A simulated participant: it takes a token, opens the event stream and reads it, on its own task, until
//! the benchmark ends.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use memchr::memmem;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api::ConferenceApi;
use crate::error::BenchError;
use crate::event_stream::EventStream;
use crate::monitor::StreamMonitor;
use crate::sse::{SseEvent, SseScanner};

/// Text the driver puts in participant 1's overlay text in round `k`: `mark-<k>`.
pub(crate) fn round_marker(round: u64) -> String {
    format!("mark-{round}")
}

/// The marker as it appears in a JSON string: the quotes keep `mark-1` from matching `mark-10`.
static MARKER_START: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"\"mark-"));

/// The round number of the first `"mark-<k>"` JSON string in `data`.
pub(crate) fn find_round_marker(data: &[u8]) -> Option<u64> {
    let start = MARKER_START.find(data)? + MARKER_START.needle().len();
    let rest = &data[start..];
    let digits = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
    if digits == 0 || rest.get(digits) != Some(&b'"') {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// What the rest of the benchmark knows about a joined participant. The token changes on every refresh.
#[derive(Debug)]
pub(crate) struct Session {
    pub index: usize,
    pub participant_uuid: String,
    token: Mutex<TokenState>,
    /// Held while a request sends the token and may replace or release it: a refresh answered after a
    /// release would otherwise leave a fresh token, and so the participant, behind.
    token_in_use: tokio::sync::Mutex<()>,
    left: AtomicBool,
}

#[derive(Debug)]
struct TokenState {
    token: String,
    renewed_at: Instant,
}

impl Session {
    fn new(index: usize, participant_uuid: String, token: String) -> Self {
        Self {
            index,
            participant_uuid,
            token: Mutex::new(TokenState {
                token,
                renewed_at: Instant::now(),
            }),
            token_in_use: tokio::sync::Mutex::new(()),
            left: AtomicBool::new(false),
        }
    }

    /// Waits until no other request is using the token; hold the guard while using it.
    pub async fn lock_token_use(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.token_in_use.lock().await
    }

    pub fn has_left(&self) -> bool {
        self.left.load(Ordering::Acquire)
    }

    /// Marks the participant as leaving; returns whether it had already left.
    pub fn mark_left(&self) -> bool {
        self.left.swap(true, Ordering::AcqRel)
    }

    pub fn token(&self) -> String {
        self.token_state().token.clone()
    }

    pub fn token_age(&self) -> Duration {
        self.token_state().renewed_at.elapsed()
    }

    pub fn replace_token(&self, token: String) {
        *self.token_state() = TokenState {
            token,
            renewed_at: Instant::now(),
        };
    }

    fn token_state(&self) -> MutexGuard<'_, TokenState> {
        crate::monitor::lock(&self.token)
    }
}

/// A joined participant. Dropping it stops its stream reader (which closes its connection).
#[derive(Debug)]
pub(crate) struct Participant {
    pub session: Arc<Session>,
    reader: JoinHandle<()>,
}

impl Participant {
    /// Stops the stream reader and waits until it has stopped, so that the end of the stream that follows
    /// a release is not taken for a failure.
    pub async fn stop_reading(&mut self) {
        self.reader.abort();
        // An aborted reader answers `Cancelled`; one that had already ended has reported why.
        let _ = (&mut self.reader).await;
    }
}

impl Drop for Participant {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Joins as `display_name` and returns once the stream has delivered `participant_sync_end`.
pub(crate) async fn join(
    api: ConferenceApi,
    index: usize,
    display_name: String,
    monitor: Arc<StreamMonitor>,
    timeout: Duration,
) -> Result<Participant, BenchError> {
    let joining = async {
        let grant = api.request_token(&display_name).await?;
        let events = api.open_events(&grant.token).await?;
        let (synced_tx, synced_rx) = oneshot::channel();
        let reader = tokio::spawn(read_events(events, index, Arc::clone(&monitor), synced_tx));
        let participant = Participant {
            session: Arc::new(Session::new(index, grant.participant_uuid, grant.token)),
            reader,
        };
        let lost = |reason| BenchError::StreamLost {
            participant: index,
            reason,
        };
        match synced_rx.await {
            Ok(Ok(())) => Ok(participant),
            Ok(Err(reason)) => Err(lost(format!("{reason} (before participant_sync_end)"))),
            Err(_) => Err(lost(
                "the reader stopped before participant_sync_end".into(),
            )),
        }
    };
    tokio::time::timeout(timeout, joining)
        .await
        .unwrap_or(Err(BenchError::JoinTimeout {
            participant: index,
            waited: timeout,
        }))
}

/// Whether the stream got as far as `participant_sync_end`, or why it ended before.
type SyncOutcome = Result<(), String>;

/// Reads one participant's stream until it ends, reporting sync completion and fan-out markers. A stream
/// that ends before its sync is the joiner's failure to report; one that ends later, the monitor's.
async fn read_events(
    mut events: EventStream,
    index: usize,
    monitor: Arc<StreamMonitor>,
    synced: oneshot::Sender<SyncOutcome>,
) {
    let mut scanner = SseScanner::new();
    let mut stream = StreamState {
        synced: Some(synced),
        last_round_seen: 0,
        ended_by_event: None,
    };
    let reason = loop {
        match events.next_chunk().await {
            Ok(Some(chunk)) => {
                scanner.feed(&chunk, |event| stream.on_event(event, &monitor));
                if let Some(reason) = stream.ended_by_event.take() {
                    break reason;
                }
            }
            Ok(None) => break "the node closed the stream".to_owned(),
            Err(reason) => break reason,
        }
    };
    match stream.synced.take() {
        // The joiner may have given up (timeout) and reports that instead.
        Some(synced) => {
            let _ = synced.send(Err(reason));
        }
        None => monitor.participant_failed(index, reason),
    }
}

struct StreamState {
    synced: Option<oneshot::Sender<SyncOutcome>>,
    last_round_seen: u64,
    ended_by_event: Option<String>,
}

impl StreamState {
    fn on_event(&mut self, event: SseEvent<'_>, monitor: &StreamMonitor) {
        match event.name() {
            b"participant_sync_end" => {
                if let Some(synced) = self.synced.take() {
                    // The joiner may have given up (timeout); nothing to tell then.
                    let _ = synced.send(Ok(()));
                }
            }
            b"participant_update" => {
                if let Some(round) = event.data_lines().find_map(find_round_marker) {
                    monitor.saw_round(round, &mut self.last_round_seen);
                }
            }
            b"disconnect" | b"bye" => {
                let data = String::from_utf8_lossy(&event.data()).into_owned();
                let name = String::from_utf8_lossy(event.name());
                self.ended_by_event = Some(format!("the node sent `{name}` with data {data}"));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_round_marker;

    #[test]
    fn finds_the_round_in_a_participant_update() {
        let data = br#"{"display_name":"bench-1","overlay_text":"mark-12","uuid":"x"}"#;
        assert_eq!(find_round_marker(data), Some(12));
    }

    #[test]
    fn ignores_text_that_only_starts_like_a_marker() {
        assert_eq!(find_round_marker(br#"{"overlay_text":"mark-12x"}"#), None);
        assert_eq!(find_round_marker(br#"{"overlay_text":"mark-"}"#), None);
        assert_eq!(find_round_marker(br#"{"overlay_text":""}"#), None);
    }
}
