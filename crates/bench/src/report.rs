//! The benchmark's result, as JSON (serde) or as a table for people.

use std::fmt::Write;
use std::time::Duration;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FanoutReport {
    pub participants: usize,
    pub joined: usize,
    /// Participants divided by the wall time of the whole join phase.
    pub joins_per_s: f64,
    /// Fan-out rounds measured.
    pub updates: usize,
    /// Time from sending an update until every stream has received it.
    pub fanout_p50_ms: f64,
    pub fanout_p99_ms: f64,
    pub fanout_max_ms: f64,
    /// The node's resident set size once everyone has joined (only when the benchmark started the node).
    pub rss_kib: Option<u64>,
    /// RSS growth from before the first join to after the last, per participant.
    pub rss_kib_per_participant: Option<f64>,
    pub machine: String,
}

/// The fan-out latencies of one run, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatencySummary {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl LatencySummary {
    /// Nearest-rank percentiles; all zero when there are no samples.
    pub fn from_samples(samples: &[Duration]) -> Self {
        let mut millis: Vec<f64> = samples
            .iter()
            .map(|sample| sample.as_secs_f64() * 1000.0)
            .collect();
        millis.sort_by(f64::total_cmp);
        Self {
            p50_ms: nearest_rank(&millis, 50.0),
            p99_ms: nearest_rank(&millis, 99.0),
            max_ms: millis.last().copied().unwrap_or(0.0),
        }
    }
}

fn nearest_rank(sorted: &[f64], percentile: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (percentile / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl FanoutReport {
    /// A table for a terminal, without a trailing newline.
    pub fn human(&self) -> String {
        let mut rows: Vec<(&str, String)> = vec![
            (
                "participants",
                format!("{} ({} joined)", self.participants, self.joined),
            ),
            ("joins/s", format!("{:.1}", self.joins_per_s)),
            (
                "fan-out (all streams)",
                format!(
                    "p50 {:.2} ms   p99 {:.2} ms   max {:.2} ms   over {} updates",
                    self.fanout_p50_ms, self.fanout_p99_ms, self.fanout_max_ms, self.updates
                ),
            ),
        ];
        rows.push((
            "node RSS",
            describe_rss(self.rss_kib, self.rss_kib_per_participant),
        ));
        rows.push(("machine", self.machine.clone()));
        let width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
        let mut table = String::from("Plugboard fan-out benchmark");
        for (label, value) in rows {
            // Writing to a String cannot fail.
            let _ = write!(table, "\n  {label:<width$}  {value}");
        }
        table
    }
}

fn describe_rss(rss_kib: Option<u64>, per_participant: Option<f64>) -> String {
    match (rss_kib, per_participant) {
        (Some(total), Some(each)) => format!(
            "{:.1} MiB after joins ({each:.1} KiB per participant)",
            total as f64 / 1024.0
        ),
        (Some(total), None) => format!("{:.1} MiB after joins", total as f64 / 1024.0),
        _ => "not measured (remote target)".to_owned(),
    }
}
