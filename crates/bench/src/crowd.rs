//! The crowd scenario: N participants join a running node's conference and stay, each reading its event
//! stream to the end, while — with churn — the one who has been there longest leaves and a newcomer
//! joins, C times a minute, so the roster keeps its size. It is the load under which other things are
//! measured (the web app's roster benchmark), not a measurement itself.

use std::collections::VecDeque;
use std::future::{pending, Future};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::time::{interval, interval_at, Instant, Interval, MissedTickBehavior};

use crate::api::ConferenceApi;
use crate::error::BenchError;
use crate::joins::{join_all, JOIN_TIMEOUT};
use crate::limits::raise_open_file_limit;
use crate::monitor::StreamMonitor;
use crate::names::NameStyle;
use crate::participant::{self, Participant};
use crate::progress::note;
use crate::refresh::{
    register, registered, spawn_refresher, unregister, AbortOnDrop, SessionRegistry,
};
use crate::release::{release, release_all};

/// Ten replacements a second: beyond that a replacement (a leave and a join with a full roster sync)
/// no longer fits its turn on a busy node.
pub const MAX_CHURN_PER_MINUTE: u32 = 600;
const FAILURE_CHECK_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrowdOptions {
    /// Base URL of a running node, like `http://127.0.0.1:8080`.
    pub target: String,
    pub alias: String,
    pub participants: usize,
    /// Replacements per minute; 0 keeps everyone until the end.
    pub churn_per_minute: u32,
    /// How long to run once everyone has joined; `None` runs until `stop`.
    pub duration: Option<Duration>,
    pub names: NameStyle,
}

impl CrowdOptions {
    fn validate(&self) -> Result<(), BenchError> {
        if self.participants == 0 {
            return Err(BenchError::InvalidOptions(
                "a crowd needs at least 1 participant".into(),
            ));
        }
        if self.churn_per_minute > MAX_CHURN_PER_MINUTE {
            return Err(BenchError::InvalidOptions(format!(
                "churn of more than {MAX_CHURN_PER_MINUTE} per minute is not supported"
            )));
        }
        if self.alias.is_empty() {
            return Err(BenchError::InvalidOptions("the alias is empty".into()));
        }
        Ok(())
    }

    /// The time between two replacements, or `None` without churn.
    pub fn churn_interval(&self) -> Option<Duration> {
        (self.churn_per_minute > 0).then(|| Duration::from_secs(60) / self.churn_per_minute)
    }
}

/// What a crowd did. Leaves count every token released, the final ones included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CrowdSummary {
    pub joins: usize,
    pub leaves: usize,
    /// Streams that ended, refreshes refused, joins and releases that failed.
    pub failures: usize,
    pub first_failure: Option<String>,
}

impl CrowdSummary {
    /// One line, e.g. `crowd done: 1120 joins, 1120 leaves, 0 failures`.
    pub fn human(&self) -> String {
        let mut line = format!(
            "crowd done: {} joins, {} leaves, {} failures",
            self.joins, self.leaves, self.failures
        );
        if let Some(first) = &self.first_failure {
            line.push_str(&format!(" (first: {first})"));
        }
        line
    }

    fn failed(&mut self, error: &BenchError) {
        note(&format!("crowd: {error}"));
        self.failures += 1;
        self.first_failure.get_or_insert_with(|| error.to_string());
    }
}

/// Joins the crowd, calls `on_ready` once everyone has joined, churns until `opts.duration` has passed
/// or `stop` completes, then releases everyone. Fails only when the crowd cannot be formed; what fails
/// later is counted in the summary.
pub async fn crowd(
    opts: &CrowdOptions,
    stop: impl Future<Output = ()>,
    on_ready: impl FnOnce(),
) -> Result<CrowdSummary, BenchError> {
    opts.validate()?;
    raise_open_file_limit(opts.participants);
    let api = ConferenceApi::new(&opts.target, &opts.alias).await?;
    let mut crowd = Crowd {
        monitor: Arc::new(StreamMonitor::new()),
        sessions: SessionRegistry::default(),
        present: VecDeque::with_capacity(opts.participants),
        next_index: opts.participants,
        names: opts.names.clone(),
        summary: CrowdSummary::default(),
        api,
    };
    let refresher = spawn_refresher(
        crowd.api.clone(),
        Arc::clone(&crowd.sessions),
        Arc::clone(&crowd.monitor),
    );
    tokio::pin!(stop);

    let mut joined = Vec::with_capacity(opts.participants);
    let formed = tokio::select! {
        outcome = join_all(
            &crowd.api,
            0..opts.participants,
            |index| opts.names.name(index),
            &crowd.monitor,
            &crowd.sessions,
            &mut joined,
        ) => Some(outcome),
        () = &mut stop => None,
    };
    crowd.summary.joins = joined.len();
    crowd.present.extend(joined);
    match formed {
        Some(Ok(_)) => {
            on_ready();
            crowd.churn(opts, stop).await;
        }
        Some(Err(error)) => {
            crowd.disband(refresher).await;
            return Err(error);
        }
        None => note("stopped before everyone had joined"),
    }
    crowd.disband(refresher).await;
    Ok(crowd.summary)
}

struct Crowd {
    api: ConferenceApi,
    monitor: Arc<StreamMonitor>,
    sessions: SessionRegistry,
    /// Oldest first.
    present: VecDeque<Participant>,
    next_index: usize,
    names: NameStyle,
    summary: CrowdSummary,
}

impl Crowd {
    async fn churn(&mut self, opts: &CrowdOptions, mut stop: Pin<&mut impl Future<Output = ()>>) {
        let ends_at = opts.duration.map(|duration| Instant::now() + duration);
        let mut replacements = opts.churn_interval().map(|period| {
            let mut ticks = interval_at(Instant::now() + period, period);
            ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
            ticks
        });
        let mut failure_check = interval(FAILURE_CHECK_EVERY);
        let mut failures_noted = 0;
        loop {
            // A replacement, once begun, runs to its end before a stop is looked at.
            tokio::select! {
                () = &mut stop => break,
                () = sleep_until(ends_at) => break,
                () = next_tick(&mut replacements) => self.replace_oldest().await,
                _ = failure_check.tick() => {
                    failures_noted = self.note_stream_failures(failures_noted);
                }
            }
        }
    }

    /// The oldest participant leaves (its reader stopped first, so the end of its stream is no
    /// failure) and a new one joins.
    async fn replace_oldest(&mut self) {
        if let Some(mut oldest) = self.present.pop_front() {
            oldest.stop_reading().await;
            unregister(&self.sessions, oldest.session.index);
            match release(&self.api, &oldest.session).await {
                Ok(()) => self.summary.leaves += 1,
                Err(error) => self.summary.failed(&error),
            }
        }
        let index = self.next_index;
        self.next_index += 1;
        let joining = participant::join(
            self.api.clone(),
            index,
            self.names.name(index),
            Arc::clone(&self.monitor),
            JOIN_TIMEOUT,
        );
        match joining.await {
            Ok(newcomer) => {
                register(&self.sessions, Arc::clone(&newcomer.session));
                self.present.push_back(newcomer);
                self.summary.joins += 1;
            }
            Err(error) => self.summary.failed(&error),
        }
    }

    /// Notes stream and refresh failures as they happen; returns how many have been noted.
    fn note_stream_failures(&self, already_noted: usize) -> usize {
        let count = self.monitor.failure_count();
        if count > already_noted {
            if let Some(first) = self.monitor.failure() {
                note(&format!(
                    "crowd: {count} participants failed so far; the first: {first}"
                ));
            }
        }
        count
    }

    /// Stops every reader, then releases every token.
    async fn disband(&mut self, refresher: AbortOnDrop) {
        drop(refresher);
        for participant in &mut self.present {
            participant.stop_reading().await;
        }
        self.summary.failures += self.monitor.failure_count();
        if self.summary.first_failure.is_none() {
            self.summary.first_failure = self.monitor.failure().map(|error| error.to_string());
        }
        let sessions = registered(&self.sessions);
        let count = sessions.len();
        let failed = release_all(&self.api, sessions).await;
        self.summary.leaves += count - failed;
        self.summary.failures += failed;
        self.present.clear();
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => pending().await,
    }
}

async fn next_tick(ticks: &mut Option<Interval>) {
    match ticks {
        Some(ticks) => {
            ticks.tick().await;
        }
        None => pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> CrowdOptions {
        CrowdOptions {
            target: "http://127.0.0.1:9".into(),
            alias: "big".into(),
            participants: 10,
            churn_per_minute: 0,
            duration: None,
            names: NameStyle::Realistic,
        }
    }

    #[test]
    fn churn_interval_spreads_replacements_over_a_minute() {
        assert_eq!(options().churn_interval(), None);
        let every = |per_minute| CrowdOptions {
            churn_per_minute: per_minute,
            ..options()
        };
        assert_eq!(
            every(120).churn_interval(),
            Some(Duration::from_millis(500))
        );
        assert_eq!(every(1).churn_interval(), Some(Duration::from_secs(60)));
        assert_eq!(every(7).churn_interval(), Some(Duration::from_secs(60) / 7));
    }

    #[test]
    fn options_are_checked() {
        assert!(options().validate().is_ok());
        let no_one = CrowdOptions {
            participants: 0,
            ..options()
        };
        assert!(no_one.validate().is_err());
        let too_fast = CrowdOptions {
            churn_per_minute: MAX_CHURN_PER_MINUTE + 1,
            ..options()
        };
        assert!(too_fast.validate().is_err());
        let no_alias = CrowdOptions {
            alias: String::new(),
            ..options()
        };
        assert!(no_alias.validate().is_err());
    }

    #[test]
    fn summary_line_names_the_first_failure() {
        let mut summary = CrowdSummary {
            joins: 1120,
            leaves: 1120,
            ..CrowdSummary::default()
        };
        assert_eq!(
            summary.human(),
            "crowd done: 1120 joins, 1120 leaves, 0 failures"
        );
        summary.failed(&BenchError::InvalidOptions("x".into()));
        summary.failed(&BenchError::InvalidOptions("y".into()));
        assert_eq!(
            summary.human(),
            "crowd done: 1120 joins, 1120 leaves, 2 failures (first: invalid options: x)"
        );
    }
}
