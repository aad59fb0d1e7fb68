use std::time::Duration;

use plugboard_bench::{FanoutReport, LatencySummary};

fn millis(values: &[u64]) -> Vec<Duration> {
    values.iter().copied().map(Duration::from_millis).collect()
}

#[test]
fn percentiles_use_nearest_rank() {
    let samples = millis(&(1..=100).rev().collect::<Vec<_>>());
    let summary = LatencySummary::from_samples(&samples);
    assert_eq!(summary.p50_ms, 50.0);
    assert_eq!(summary.p99_ms, 99.0);
    assert_eq!(summary.max_ms, 100.0);
}

#[test]
fn p99_of_few_samples_is_the_maximum() {
    let summary = LatencySummary::from_samples(&millis(&[3, 1, 2]));
    assert_eq!(summary.p50_ms, 2.0);
    assert_eq!(summary.p99_ms, 3.0);
}

#[test]
fn no_samples_give_zeros() {
    let summary = LatencySummary::from_samples(&[]);
    assert_eq!(
        (summary.p50_ms, summary.p99_ms, summary.max_ms),
        (0.0, 0.0, 0.0)
    );
}

fn report() -> FanoutReport {
    FanoutReport {
        participants: 200,
        joined: 200,
        joins_per_s: 812.25,
        updates: 30,
        fanout_p50_ms: 1.5,
        fanout_p99_ms: 4.25,
        fanout_max_ms: 5.0,
        rss_kib: Some(20480),
        rss_kib_per_participant: Some(12.5),
        machine: "AMD EPYC, 2 CPUs".into(),
    }
}

#[test]
fn json_has_every_figure() {
    let json: serde_json::Value = serde_json::to_value(report()).unwrap();
    assert_eq!(json["participants"], 200);
    assert_eq!(json["joins_per_s"], 812.25);
    assert_eq!(json["fanout_p99_ms"], 4.25);
    assert_eq!(json["rss_kib"], 20480);
    assert_eq!(json["rss_kib_per_participant"], 12.5);
    assert_eq!(json["machine"], "AMD EPYC, 2 CPUs");
}

#[test]
fn human_table_shows_the_figures() {
    let table = report().human();
    for expected in [
        "200 (200 joined)",
        "812.2",
        "p50 1.50 ms",
        "p99 4.25 ms",
        "20.0 MiB",
        "12.5 KiB per participant",
        "AMD EPYC",
    ] {
        assert!(
            table.contains(expected),
            "{expected:?} missing from\n{table}"
        );
    }
}

#[test]
fn human_table_without_memory_says_so() {
    let table = FanoutReport {
        rss_kib: None,
        rss_kib_per_participant: None,
        ..report()
    }
    .human();
    assert!(table.contains("not measured"), "{table}");
}
