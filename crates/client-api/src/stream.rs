//! The body of `GET …/events`: the catch-up frames, then live frames from the conference actor, with
//! keep-alives.

use std::collections::VecDeque;
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
/// Frames taken from the queue at once.
const FRAMES_PER_POLL: usize = 32;
/// Frames waiting together are written as one chunk of up to this size: one chunk header and one write
/// instead of one per frame. Chunks stay small so that their buffers are reused rather than fresh pages.
const CHUNK_BYTES: usize = 64 * 1024;

/// What a new stream receives: frames it missed (or the full roster), then every new frame.
pub(crate) struct Subscription {
    pub catch_up: Vec<Bytes>,
    pub live: mpsc::Receiver<Bytes>,
}

pub(crate) fn event_stream(subscription: Subscription) -> Response {
    let state = (
        subscription.live,
        VecDeque::from(subscription.catch_up),
        Vec::new(),
    );
    let chunks = stream::unfold(state, |(mut live, mut ready, mut batch)| async move {
        if ready.is_empty() {
            let received =
                tokio::time::timeout(KEEP_ALIVE, live.recv_many(&mut batch, FRAMES_PER_POLL));
            match received.await {
                Err(_elapsed) => ready.push_back(Bytes::from_static(b":keep-alive\n\n")),
                Ok(0) => return None,
                Ok(_) => ready.extend(batch.drain(..)),
            }
        }
        let chunk = next_chunk(&mut ready)?;
        if ready.is_empty() && ready.capacity() > FRAMES_PER_POLL {
            // The catch-up of a large roster needed a large queue; an idle stream keeps none of it.
            ready = VecDeque::new();
        }
        Some((Ok::<_, Infallible>(chunk), (live, ready, batch)))
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

/// The frames at the front of `ready`, joined up to [`CHUNK_BYTES`]; a lone frame goes uncopied.
fn next_chunk(ready: &mut VecDeque<Bytes>) -> Option<Bytes> {
    let mut count = 0;
    let mut size = 0;
    for frame in ready.iter() {
        if count > 0 && size + frame.len() > CHUNK_BYTES {
            break;
        }
        count += 1;
        size += frame.len();
    }
    if count <= 1 {
        return ready.pop_front();
    }
    let mut chunk = BytesMut::with_capacity(size);
    for frame in ready.drain(..count) {
        chunk.extend_from_slice(&frame);
    }
    Some(chunk.freeze())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_joined_into_chunks_of_bounded_size() {
        let frame = Bytes::from(vec![b'x'; 20 * 1024]);
        let mut ready: VecDeque<Bytes> = std::iter::repeat_n(frame, 5).collect();
        let sizes: Vec<usize> = std::iter::from_fn(|| next_chunk(&mut ready))
            .map(|c| c.len())
            .collect();
        assert_eq!(sizes, [60 * 1024, 40 * 1024]);
    }

    #[test]
    fn a_frame_larger_than_a_chunk_goes_alone() {
        let mut ready = VecDeque::from([
            Bytes::from(vec![0; CHUNK_BYTES + 1]),
            Bytes::from_static(b"a"),
        ]);
        assert_eq!(
            next_chunk(&mut ready).map(|c| c.len()),
            Some(CHUNK_BYTES + 1)
        );
        assert_eq!(next_chunk(&mut ready).map(|c| c.len()), Some(1));
    }
}
