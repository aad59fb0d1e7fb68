//! Runs the whole benchmark against a tiny in-process stub of the client API, so the client side is
//! tested without a Plugboard node.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream;
use plugboard_bench::{fanout, BenchError, FanoutOptions};
use serde_json::{json, Value};
use tokio::sync::broadcast;

#[derive(Clone)]
struct Stub {
    next_participant: Arc<AtomicUsize>,
    refreshes: Arc<AtomicUsize>,
    releases: Arc<AtomicUsize>,
    events: broadcast::Sender<Bytes>,
}

fn success(result: Value) -> Json<Value> {
    Json(json!({ "status": "success", "result": result }))
}

async fn request_token(State(stub): State<Stub>, Json(body): Json<Value>) -> Json<Value> {
    let index = stub.next_participant.fetch_add(1, Ordering::SeqCst);
    assert!(body["display_name"]
        .as_str()
        .is_some_and(|name| name.starts_with("bench-")));
    success(
        json!({ "token": format!("token-{index}"), "participant_uuid": format!("uuid-{index}"), "expires": "120" }),
    )
}

async fn refresh_token(State(stub): State<Stub>, headers: HeaderMap) -> Response {
    if !headers.contains_key("token") {
        return StatusCode::FORBIDDEN.into_response();
    }
    stub.refreshes.fetch_add(1, Ordering::SeqCst);
    success(json!({ "token": "refreshed", "expires": "120" })).into_response()
}

async fn release_token(State(stub): State<Stub>, headers: HeaderMap) -> Response {
    if !headers.contains_key("token") {
        return StatusCode::FORBIDDEN.into_response();
    }
    stub.releases.fetch_add(1, Ordering::SeqCst);
    success(json!(true)).into_response()
}

async fn overlay_text(
    State(stub): State<Stub>,
    UrlPath((_alias, uuid)): UrlPath<(String, String)>,
    Json(body): Json<Value>,
) -> Json<Value> {
    let participant =
        json!({ "uuid": uuid, "display_name": "bench-1", "overlay_text": body["text"] });
    let frame = format!("id: 9\nevent: participant_update\ndata: {participant}\n\n");
    let _ = stub.events.send(Bytes::from(frame));
    success(json!(true))
}

async fn events(State(stub): State<Stub>) -> Response {
    let receiver = stub.events.subscribe();
    let sync = Bytes::from_static(
        b"event: participant_sync_begin\ndata: null\n\n:keepalive\n\nevent: participant_sync_end\r\ndata: null\r\n\r\n",
    );
    let live = stream::unfold(receiver, |mut receiver| async move {
        let frame = receiver.recv().await.ok()?;
        Some((Ok::<_, std::io::Error>(frame), receiver))
    });
    let body = futures_util::StreamExt::chain(stream::iter([Ok(sync)]), live);
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(body),
    )
        .into_response()
}

async fn start_stub() -> (String, Stub) {
    let stub = Stub {
        next_participant: Arc::default(),
        refreshes: Arc::default(),
        releases: Arc::default(),
        events: broadcast::channel(1024).0,
    };
    let conference = "/api/client/v2/conferences/{alias}";
    let app = Router::new()
        .route(&format!("{conference}/request_token"), post(request_token))
        .route(&format!("{conference}/refresh_token"), post(refresh_token))
        .route(&format!("{conference}/release_token"), post(release_token))
        .route(&format!("{conference}/events"), get(events))
        .route(
            &format!("{conference}/participants/{{uuid}}/overlaytext"),
            post(overlay_text),
        )
        .with_state(stub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, stub)
}

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
