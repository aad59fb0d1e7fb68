//! Runs the whole fan-out benchmark against the stub of the client API.

mod stub;

use std::path::Path;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use plugboard_bench::{fanout, BenchError, FanoutOptions};
use stub::start_stub;

fn options(target: String) -> FanoutOptions {
    FanoutOptions {
        participants: 40,
        target: Some(target),
        updates: 20,
        alias: "bench".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measures_every_round_and_releases_every_token() {
    let (url, stub) = start_stub().await;
    let report = fanout(&options(url), Path::new("unused")).await.unwrap();
    assert_eq!(report.participants, 40);
    assert_eq!(report.joined, 40);
    assert_eq!(report.updates, 20);
    assert!(report.joins_per_s > 0.0);
    assert!(report.fanout_p50_ms > 0.0);
    assert!(report.fanout_p50_ms <= report.fanout_p99_ms);
    assert!(report.fanout_p99_ms <= report.fanout_max_ms);
    assert_eq!(
        report.rss_kib, None,
        "memory is measured only for a node the benchmark started"
    );
    assert_eq!(stub.releases.load(Ordering::SeqCst), 40);
    let names = stub.display_names.lock().unwrap();
    assert!(
        names.iter().all(|name| name.starts_with("bench-")),
        "{names:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_that_ends_is_reported() {
    let (url, stub) = start_stub().await;
    let run = tokio::spawn(async move { fanout(&options(url), Path::new("unused")).await });
    // Once everyone has joined, a `disconnect` reaches every stream.
    while stub.events.receiver_count() < 40 {
        tokio::task::yield_now().await;
    }
    let _ = stub.events.send(Bytes::from_static(
        b"event: disconnect\ndata: {\"reason\":\"API initiated participant disconnect\"}\n\n",
    ));
    match run.await.unwrap() {
        Err(BenchError::StreamLost { reason, .. }) => {
            assert!(
                reason.contains("API initiated participant disconnect"),
                "{reason}"
            )
        }
        other => panic!("expected a lost stream, got {other:?}"),
    }
}

#[test]
fn too_few_updates_are_refused() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let options = FanoutOptions {
        updates: 5,
        ..options("http://127.0.0.1:9".into())
    };
    let outcome = runtime.block_on(fanout(&options, Path::new("unused")));
    assert!(
        matches!(outcome, Err(BenchError::InvalidOptions(_))),
        "{outcome:?}"
    );
}

#[test]
fn https_targets_are_refused() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let outcome = runtime.block_on(fanout(
        &options("https://127.0.0.1:9".into()),
        Path::new("unused"),
    ));
    assert!(
        matches!(outcome, Err(BenchError::UnsupportedTarget(_))),
        "{outcome:?}"
    );
}
