//! The fan-out scenario: N participants join one conference, then one of them changes another's overlay
//! text again and again, and each round is timed until every stream has seen the change.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::api::ConferenceApi;
use crate::error::BenchError;
use crate::joins::join_all;
use crate::limits::raise_open_file_limit;
use crate::machine::describe_machine;
use crate::monitor::StreamMonitor;
use crate::node::LocalNode;
use crate::participant::{round_marker, Participant};
use crate::progress::{self, note};
use crate::refresh::{registered, spawn_refresher, SessionRegistry};
use crate::release::release_all;
use crate::report::{FanoutReport, LatencySummary};

/// Fewer updates give a meaningless p99.
pub const MIN_UPDATES: usize = 20;
/// Round 0 changes participant 1's overlay text, as participant 0.
const MIN_PARTICIPANTS: usize = 2;
const ROUND_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanoutOptions {
    pub participants: usize,
    /// Base URL of a running node, like `http://127.0.0.1:8080`; without it the benchmark starts one.
    pub target: Option<String>,
    /// Fan-out rounds to measure (at least [`MIN_UPDATES`]).
    pub updates: usize,
    /// The conference to join; a started node gets a VMR of this name.
    pub alias: String,
}

impl Default for FanoutOptions {
    fn default() -> Self {
        Self {
            participants: 200,
            target: None,
            updates: 30,
            alias: "bench".to_owned(),
        }
    }
}

impl FanoutOptions {
    fn validate(&self) -> Result<(), BenchError> {
        if self.participants < MIN_PARTICIPANTS {
            return Err(BenchError::InvalidOptions(format!(
                "at least {MIN_PARTICIPANTS} participants are needed (one sends the updates, one is updated)"
            )));
        }
        if self.updates < MIN_UPDATES {
            return Err(BenchError::InvalidOptions(format!(
                "at least {MIN_UPDATES} updates are needed for a meaningful p99"
            )));
        }
        if self.alias.is_empty() {
            return Err(BenchError::InvalidOptions("the alias is empty".into()));
        }
        Ok(())
    }
}

/// Runs the fan-out benchmark against `opts.target`, or against a node started from `plugboard_exe`
/// (killed again before this returns, also on error).
pub async fn fanout(
    opts: &FanoutOptions,
    plugboard_exe: &Path,
) -> Result<FanoutReport, BenchError> {
    opts.validate()?;
    raise_open_file_limit(opts.participants);
    if let Some(target) = &opts.target {
        return run(opts, target, None).await;
    }
    note(&format!("starting {} serve", plugboard_exe.display()));
    let node = LocalNode::start(plugboard_exe, &opts.alias).await?;
    note(&format!("node listening on {}", node.base_url()));
    let base_url = node.base_url().to_owned();
    let outcome = run(opts, &base_url, Some(&node)).await;
    if outcome.is_err() {
        let stderr_tail = node.stderr_tail();
        if !stderr_tail.is_empty() {
            note(&format!("the node's last stderr lines:\n{stderr_tail}"));
        }
    }
    node.stop().await;
    outcome
}

async fn run(
    opts: &FanoutOptions,
    base_url: &str,
    node: Option<&LocalNode>,
) -> Result<FanoutReport, BenchError> {
    let api = ConferenceApi::new(base_url, &opts.alias).await?;
    let monitor = Arc::new(StreamMonitor::new());
    let sessions = SessionRegistry::default();
    let refresher = spawn_refresher(api.clone(), Arc::clone(&sessions), Arc::clone(&monitor));
    let mut participants = Vec::with_capacity(opts.participants);

    let rss_before = node.and_then(LocalNode::rss_kib);
    let measured = async {
        let join_time = join_all(
            &api,
            0..opts.participants,
            |index| format!("bench-{index}"),
            &monitor,
            &sessions,
            &mut participants,
        )
        .await?;
        let rss_after = node.and_then(LocalNode::rss_kib);
        participants.sort_by_key(|participant| participant.session.index);
        let latencies = measure_fanout(&api, &participants, &monitor, opts.updates).await?;
        Ok::<_, BenchError>((join_time, rss_after, latencies))
    }
    .await;

    drop(refresher);
    release_all(&api, registered(&sessions)).await;
    drop(participants);
    let (join_time, rss_after, latencies) = measured?;

    let latency = LatencySummary::from_samples(&latencies);
    Ok(FanoutReport {
        participants: opts.participants,
        joined: opts.participants,
        joins_per_s: opts.participants as f64 / join_time.as_secs_f64(),
        updates: latencies.len(),
        fanout_p50_ms: latency.p50_ms,
        fanout_p99_ms: latency.p99_ms,
        fanout_max_ms: latency.max_ms,
        rss_kib: rss_after,
        rss_kib_per_participant: rss_before
            .zip(rss_after)
            .map(|(before, after)| (after as f64 - before as f64) / opts.participants as f64),
        machine: describe_machine(),
    })
}

/// `participants` sorted by index. Returns one latency per round.
async fn measure_fanout(
    api: &ConferenceApi,
    participants: &[Participant],
    monitor: &StreamMonitor,
    updates: usize,
) -> Result<Vec<Duration>, BenchError> {
    let [sender, updated, ..] = participants else {
        return Err(BenchError::InvalidOptions(format!(
            "at least {MIN_PARTICIPANTS} participants are needed"
        )));
    };
    let bar = progress::bar(updates, "fan-out");
    let mut latencies = Vec::with_capacity(updates);
    for round in 1..=updates as u64 {
        monitor.begin_round(round, participants.len());
        let sent_at = Instant::now();
        api.set_overlay_text(
            &sender.session.token(),
            &updated.session.participant_uuid,
            &round_marker(round),
        )
        .await?;
        let completed_at = monitor.wait_for_round(ROUND_TIMEOUT).await?;
        latencies.push(completed_at.saturating_duration_since(sent_at));
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(latencies)
}
