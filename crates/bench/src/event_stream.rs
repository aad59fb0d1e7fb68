//! One participant's `GET …/events` connection, on a plain hyper HTTP/1.1 connection of its own.
//!
//! The streams do not go through the pooled reqwest client because its connections grow their read
//! buffers to ~400 KiB under a backlog and keep them: with thousands of streams that is gigabytes in the
//! load generator. Here the buffer is capped, and the connection is driven by the reader's own task.

use std::net::SocketAddr;
use std::pin::Pin;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, Connection};
use hyper::header::{ACCEPT, CONTENT_TYPE, HOST};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::error::BenchError;

/// Enough for hundreds of coalesced events per read, small enough for thousands of streams.
const READ_BUFFER_MAX: usize = 64 * 1024;

type EventConnection = Connection<TokioIo<TcpStream>, Empty<Bytes>>;

pub(crate) struct EventStream {
    /// `None` once it has finished; a finished future must not be polled again.
    connection: Option<Pin<Box<EventConnection>>>,
    body: Incoming,
}

/// Where and what to ask for: the node's address, the `Host` header and the origin-form path with query.
pub(crate) struct EventStreamRequest<'a> {
    pub addr: SocketAddr,
    pub host: &'a str,
    pub path_and_query: &'a str,
}

impl EventStream {
    pub async fn open(target: EventStreamRequest<'_>) -> Result<Self, BenchError> {
        let what = "opening the event stream";
        let socket =
            TcpStream::connect(target.addr)
                .await
                .map_err(|source| BenchError::Connect {
                    addr: target.addr,
                    source,
                })?;
        // Only the request is written; without this it could wait for a delayed ACK.
        let _ = socket.set_nodelay(true);
        let hyper_error = |source| BenchError::EventStream {
            what: what.into(),
            source,
        };
        let (mut sender, connection) = http1::Builder::new()
            .max_buf_size(READ_BUFFER_MAX)
            .handshake(TokioIo::new(socket))
            .await
            .map_err(hyper_error)?;
        let mut connection = Box::pin(connection);
        let request = Request::get(target.path_and_query)
            .header(HOST, target.host)
            .header(ACCEPT, "text/event-stream")
            .body(Empty::new())
            .map_err(|error| BenchError::BadResponse {
                what: what.into(),
                detail: format!("could not build the request: {error}"),
            })?;
        let response = tokio::select! {
            response = sender.send_request(request) => response.map_err(hyper_error)?,
            ended = &mut connection => {
                return Err(BenchError::BadResponse {
                    what: what.into(),
                    detail: format!("the connection ended before a response: {ended:?}"),
                });
            }
        };
        let status = response.status();
        if !status.is_success() {
            let body = response
                .into_body()
                .collect()
                .await
                .map(|collected| collected.to_bytes())
                .unwrap_or_default();
            return Err(BenchError::UnexpectedStatus {
                what: what.into(),
                status: status.as_u16(),
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        if !content_type.starts_with("text/event-stream") {
            return Err(BenchError::BadResponse {
                what: what.into(),
                detail: format!("Content-Type is {content_type:?}, not text/event-stream"),
            });
        }
        Ok(Self {
            connection: Some(connection),
            body: response.into_body(),
        })
    }

    /// The next piece of the body, `Ok(None)` at its end, or why reading failed.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>, String> {
        loop {
            let frame = match self.connection.as_mut() {
                Some(connection) => tokio::select! {
                    frame = self.body.frame() => frame,
                    ended = connection => {
                        self.connection = None;
                        if let Err(error) = ended {
                            return Err(format!("the connection failed: {error}"));
                        }
                        continue;
                    }
                },
                None => self.body.frame().await,
            };
            match frame {
                None => return Ok(None),
                Some(Err(error)) => return Err(format!("reading the stream failed: {error}")),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        return Ok(Some(data));
                    }
                }
            }
        }
    }
}
