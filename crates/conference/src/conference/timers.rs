use std::cmp::Reverse;
use std::collections::BinaryHeap;

use uuid::Uuid;

use super::Conference;
use crate::time::Timestamp;

/// Something that happens by itself when its time comes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Timer {
    TokenExpiry(Uuid),
    WaitingRoomTimeout(Uuid),
    DialAnswer(Uuid),
    OneTimeTokenExpiry(String),
}

/// Pending timers. Entries are never cancelled; a timer that no longer applies (a refreshed token, an
/// admitted guest) is recognised as stale when it fires.
#[derive(Default)]
pub(super) struct Timers {
    heap: BinaryHeap<Reverse<(Timestamp, Timer)>>,
}

impl Timers {
    pub fn schedule(&mut self, at: Timestamp, timer: Timer) {
        self.heap.push(Reverse((at, timer)));
    }

    fn next_due(&self) -> Option<Timestamp> {
        self.heap.peek().map(|Reverse((at, _))| *at)
    }

    fn pop_due(&mut self, now: Timestamp) -> Option<Timer> {
        if self.next_due()? > now {
            return None;
        }
        self.heap.pop().map(|Reverse((_, timer))| timer)
    }
}

impl Conference {
    /// When [`Conference::handle_timeout`] should be called next.
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        self.timers.next_due()
    }

    /// Fire every timer due at `now`.
    pub fn handle_timeout(&mut self, now: Timestamp) {
        while let Some(timer) = self.timers.pop_due(now) {
            match timer {
                Timer::TokenExpiry(uuid) => self.expire_token(now, uuid),
                Timer::WaitingRoomTimeout(uuid) => self.expire_waiting(uuid),
                Timer::DialAnswer(uuid) => self.answer_dial(uuid),
                Timer::OneTimeTokenExpiry(token) => self.expire_one_time_token(now, &token),
            }
        }
        self.flush_stage();
        self.flush_status();
    }
}
