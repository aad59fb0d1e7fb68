//! Watching a room from inside the node: every event its conference emits, whoever it is for. What
//! simulated participants use to notice that a host muted them or someone wrote to them.

use std::sync::Arc;

use plugboard_conference::{Outbound, Participant};
use tokio::sync::broadcast::{self, error::RecvError};

/// A watch just begun: who was there, and everything that happens from then on.
pub struct RoomWatch {
    /// The participants at the start of the watch; `events` continue from exactly there.
    pub participants: Vec<Participant>,
    pub events: RoomEvents,
}

impl RoomWatch {
    pub(crate) fn new(
        participants: Vec<Participant>,
        events: broadcast::Receiver<Arc<Outbound>>,
    ) -> Self {
        RoomWatch {
            participants,
            events: RoomEvents {
                receiver: events,
                missed: 0,
            },
        }
    }
}

/// The events of one room, in order, with the audience each was meant for.
pub struct RoomEvents {
    receiver: broadcast::Receiver<Arc<Outbound>>,
    missed: u64,
}

impl RoomEvents {
    /// The next event; `None` once the conference is gone. A watcher that falls thousands of events
    /// behind skips the oldest rather than holding the conference back (see [`RoomEvents::missed`]).
    pub async fn next(&mut self) -> Option<Arc<Outbound>> {
        loop {
            match self.receiver.recv().await {
                Ok(outbound) => return Some(outbound),
                Err(RecvError::Lagged(skipped)) => self.missed += skipped,
                Err(RecvError::Closed) => return None,
            }
        }
    }

    /// How many events this watcher skipped because it fell behind.
    pub fn missed(&self) -> u64 {
        self.missed
    }
}
