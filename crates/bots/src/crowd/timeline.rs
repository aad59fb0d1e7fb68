//! What is due when: a queue of actions by time, first come first served among equals.

use std::collections::BTreeMap;

use tokio::time::{Duration, Instant};

pub(super) struct Timeline<A> {
    due: BTreeMap<(Instant, u64), A>,
    /// Orders actions due at the same instant by when they were scheduled.
    next_seq: u64,
}

impl<A> Timeline<A> {
    pub fn new() -> Self {
        Timeline {
            due: BTreeMap::new(),
            next_seq: 0,
        }
    }

    pub fn at(&mut self, when: Instant, action: A) {
        self.due.insert((when, self.next_seq), action);
        self.next_seq += 1;
    }

    pub fn after(&mut self, delay: Duration, action: A) {
        self.at(Instant::now() + delay, action);
    }

    pub fn next_due(&self) -> Option<Instant> {
        self.due.keys().next().map(|(when, _)| *when)
    }

    /// The earliest action due by `now`, if any.
    pub fn pop_due(&mut self, now: Instant) -> Option<A> {
        if self.next_due()? > now {
            return None;
        }
        self.due.pop_first().map(|(_, action)| action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn actions_come_out_by_time_then_in_the_order_they_were_scheduled() {
        let mut timeline = Timeline::new();
        let now = Instant::now();
        timeline.at(now + Duration::from_secs(2), "late");
        timeline.at(now + Duration::from_secs(1), "first");
        timeline.at(now + Duration::from_secs(1), "second");
        assert_eq!(timeline.pop_due(now), None);
        assert_eq!(timeline.next_due(), Some(now + Duration::from_secs(1)));
        let later = now + Duration::from_secs(5);
        let order: Vec<_> = std::iter::from_fn(|| timeline.pop_due(later)).collect();
        assert_eq!(order, ["first", "second", "late"]);
    }
}
