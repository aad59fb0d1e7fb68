//! Runs crowds against the stub of the client API: joins, churn, stop, and the end of a churned
//! participant's own stream.

mod stub;

use std::sync::atomic::Ordering;
use std::time::Duration;

use plugboard_bench::{crowd, BenchError, CrowdOptions, NameStyle};
use stub::start_stub;
use tokio::sync::oneshot;

fn options(target: String) -> CrowdOptions {
    CrowdOptions {
        target,
        alias: "big".into(),
        participants: 12,
        churn_per_minute: 0,
        duration: None,
        names: NameStyle::Numbered {
            prefix: "Guest".into(),
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stops_when_asked_and_releases_everyone() {
    let (url, stub) = start_stub().await;
    let (ready_tx, ready_rx) = oneshot::channel();
    let stop = async {
        let _ = ready_rx.await;
    };
    let summary = crowd(&options(url), stop, || {
        let _ = ready_tx.send(());
    })
    .await
    .unwrap();
    assert_eq!(
        (summary.joins, summary.leaves, summary.failures),
        (12, 12, 0)
    );
    assert_eq!(summary.first_failure, None);
    assert_eq!(stub.releases.load(Ordering::SeqCst), 12);
    let mut names = stub.display_names.lock().unwrap().clone();
    names.sort();
    assert_eq!(names.first().map(String::as_str), Some("Guest 0000"));
    assert_eq!(names.last().map(String::as_str), Some("Guest 0011"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn churn_replaces_the_oldest_without_counting_their_streams_as_failures() {
    let (url, stub) = start_stub().await;
    let options = CrowdOptions {
        churn_per_minute: 600,
        duration: Some(Duration::from_millis(1_050)),
        ..options(url)
    };
    let mut ready = false;
    let summary = crowd(&options, std::future::pending(), || ready = true)
        .await
        .unwrap();
    assert!(ready);
    assert_eq!(summary.failures, 0, "{:?}", summary.first_failure);
    let replaced = summary.joins - 12;
    assert!((8..=10).contains(&replaced), "{summary:?}");
    assert_eq!(summary.leaves, summary.joins, "everyone leaves in the end");
    assert_eq!(stub.releases.load(Ordering::SeqCst), summary.leaves);
    let names = stub.display_names.lock().unwrap();
    assert_eq!(names.len(), summary.joins);
    assert!(names.contains(&format!("Guest {:04}", 12)), "{names:?}");
}

#[tokio::test]
async fn an_unreachable_node_is_an_error() {
    let outcome = crowd(
        &options("http://127.0.0.1:9".into()),
        std::future::pending(),
        || {},
    )
    .await;
    assert!(
        matches!(
            outcome,
            Err(BenchError::Connect { .. } | BenchError::Http { .. })
        ),
        "{outcome:?}"
    );
}
