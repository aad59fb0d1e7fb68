//! The body of `GET …/events`: frames from the conference actor, coalesced, with keep-alives.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use futures_util::stream;
use tokio::sync::mpsc;

/// Proxies close idle connections; a comment line now and then keeps the stream open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Frames taken from the queue in one go and written as one chunk: under load this turns thousands of
/// small writes into a few large ones.
const FRAMES_PER_CHUNK: usize = 256;

pub(crate) fn event_stream(frames: mpsc::Receiver<Bytes>) -> Response {
    let chunks = stream::unfold((frames, Vec::new()), |(mut frames, mut batch)| async move {
        let chunk =
            match tokio::time::timeout(KEEP_ALIVE, frames.recv_many(&mut batch, FRAMES_PER_CHUNK))
                .await
            {
                Err(_elapsed) => Bytes::from_static(b":keep-alive\n\n"),
                Ok(0) => return None,
                Ok(_) => join(&mut batch),
            };
        Some((Ok::<_, Infallible>(chunk), (frames, batch)))
    });
    let mut response = Body::from_stream(chunks).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

fn join(batch: &mut Vec<Bytes>) -> Bytes {
    if batch.len() == 1 {
        return batch.pop().unwrap_or_default();
    }
    let mut joined = BytesMut::with_capacity(batch.iter().map(Bytes::len).sum());
    for frame in batch.drain(..) {
        joined.extend_from_slice(&frame);
    }
    joined.freeze()
}
