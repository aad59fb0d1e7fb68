//! A tiny in-process stub of the client API, so the load generators are tested without a Plugboard node.
//! Every stream gets the events broadcast to all; a stream ends when its token is released.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast;

#[derive(Clone)]
pub struct Stub {
    next_participant: Arc<AtomicUsize>,
    pub display_names: Arc<Mutex<Vec<String>>>,
    pub refreshes: Arc<AtomicUsize>,
    pub releases: Arc<AtomicUsize>,
    pub events: broadcast::Sender<Bytes>,
    released_tokens: broadcast::Sender<String>,
}

fn success(result: Value) -> Json<Value> {
    Json(json!({ "status": "success", "result": result }))
}

async fn request_token(State(stub): State<Stub>, Json(body): Json<Value>) -> Json<Value> {
    let index = stub.next_participant.fetch_add(1, Ordering::SeqCst);
    let name = body["display_name"].as_str().unwrap_or_default().to_owned();
    stub.display_names.lock().unwrap().push(name);
    success(
        json!({ "token": format!("token-{index}"), "participant_uuid": format!("uuid-{index}"), "expires": "120" }),
    )
}

fn token(headers: &HeaderMap) -> Option<String> {
    Some(headers.get("token")?.to_str().ok()?.to_owned())
}

async fn refresh_token(State(stub): State<Stub>, headers: HeaderMap) -> Response {
    let Some(token) = token(&headers) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    stub.refreshes.fetch_add(1, Ordering::SeqCst);
    success(json!({ "token": format!("{token}-refreshed"), "expires": "120" })).into_response()
}

async fn release_token(State(stub): State<Stub>, headers: HeaderMap) -> Response {
    let Some(token) = token(&headers) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    stub.releases.fetch_add(1, Ordering::SeqCst);
    let _ = stub.released_tokens.send(token);
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

#[derive(Deserialize)]
struct EventsQuery {
    token: String,
}

struct Listener {
    token: String,
    events: broadcast::Receiver<Bytes>,
    released_tokens: broadcast::Receiver<String>,
}

async fn events(State(stub): State<Stub>, Query(query): Query<EventsQuery>) -> Response {
    let listener = Listener {
        token: query.token,
        events: stub.events.subscribe(),
        released_tokens: stub.released_tokens.subscribe(),
    };
    let sync = Bytes::from_static(
        b"event: participant_sync_begin\ndata: null\n\n:keepalive\n\nevent: participant_sync_end\r\ndata: null\r\n\r\n",
    );
    let live = stream::unfold(listener, |mut listener| async move {
        loop {
            tokio::select! {
                frame = listener.events.recv() => {
                    let frame = frame.ok()?;
                    return Some((Ok::<_, std::io::Error>(frame), listener));
                }
                released = listener.released_tokens.recv() => {
                    if released.ok()? == listener.token {
                        return None;
                    }
                }
            }
        }
    });
    let body = futures_util::StreamExt::chain(stream::iter([Ok(sync)]), live);
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(body),
    )
        .into_response()
}

pub async fn start_stub() -> (String, Stub) {
    let stub = Stub {
        next_participant: Arc::default(),
        display_names: Arc::default(),
        refreshes: Arc::default(),
        releases: Arc::default(),
        events: broadcast::channel(1024).0,
        released_tokens: broadcast::channel(1024).0,
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
