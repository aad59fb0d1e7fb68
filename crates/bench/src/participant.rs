//! A simulated participant: it takes a token, opens the event stream and reads it, on its own task, until
//! the benchmark ends.

use std::sync::{Arc, LazyLock, Mutex, MutexGuard, PoisonError};
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
        }
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
        // The guarded value is replaced whole, so it is consistent even after a panic elsewhere.
        self.token.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A joined participant. Dropping it stops its stream reader (which closes its connection).
#[derive(Debug)]
pub(crate) struct Participant {
    pub session: Arc<Session>,
    reader: JoinHandle<()>,
}

impl Drop for Participant {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Joins as `bench-<index>` and returns once the stream has delivered `participant_sync_end`.
pub(crate) async fn join(
    api: ConferenceApi,
    index: usize,
    monitor: Arc<StreamMonitor>,
    timeout: Duration,
) -> Result<Participant, BenchError> {
    let joining = async {
        let grant = api.request_token(&format!("bench-{index}")).await?;
        let events = api.open_events(&grant.token).await?;
        let (synced_tx, synced_rx) = oneshot::channel();
        let reader = tokio::spawn(read_events(events, index, Arc::clone(&monitor), synced_tx));
        let participant = Participant {
            session: Arc::new(Session::new(index, grant.participant_uuid, grant.token)),
            reader,
        };
        match synced_rx.await {
            Ok(()) => Ok(participant),
            Err(_) => Err(monitor.failure().unwrap_or(BenchError::StreamLost {
                participant: index,
                reason: "ended before participant_sync_end".into(),
            })),
        }
    };
    tokio::time::timeout(timeout, joining)
        .await
        .unwrap_or(Err(BenchError::JoinTimeout {
            participant: index,
            waited: timeout,
        }))
}

/// Reads one participant's stream until it ends, reporting sync completion and fan-out markers.
async fn read_events(
    mut events: EventStream,
    index: usize,
    monitor: Arc<StreamMonitor>,
    synced: oneshot::Sender<()>,
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
    monitor.participant_failed(index, reason);
}

struct StreamState {
    synced: Option<oneshot::Sender<()>>,
    last_round_seen: u64,
    ended_by_event: Option<String>,
}

impl StreamState {
    fn on_event(&mut self, event: SseEvent<'_>, monitor: &StreamMonitor) {
        match event.name() {
            b"participant_sync_end" => {
                if let Some(synced) = self.synced.take() {
                    // The joiner may have given up (timeout); nothing to tell then.
                    let _ = synced.send(());
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
