//! The few client REST API v2 calls the benchmark makes, with the `{status, result}` envelope checked.

use std::net::SocketAddr;
use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Response, Url};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::BenchError;
use crate::event_stream::{EventStream, EventStreamRequest};

const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How much of an unexpected response body to quote in an error.
const QUOTED_BODY_LIMIT: usize = 300;

/// What `request_token` grants.
#[derive(Debug, Clone)]
pub(crate) struct TokenGrant {
    pub token: String,
    pub participant_uuid: String,
}

/// `…/api/client/v2/conferences/<alias>/` of one node, and the HTTP client shared by every participant
/// for its requests (each event stream has a connection of its own).
#[derive(Debug, Clone)]
pub(crate) struct ConferenceApi {
    http: Client,
    conference_url: Url,
    node_addr: SocketAddr,
    /// The `Host` header for event streams.
    host: String,
}

#[derive(Deserialize)]
struct Envelope<T> {
    status: String,
    result: T,
}

#[derive(Deserialize)]
struct RequestTokenResult {
    token: String,
    participant_uuid: String,
}

#[derive(Deserialize)]
struct RefreshTokenResult {
    token: String,
}

impl ConferenceApi {
    pub async fn new(base_url: &str, alias: &str) -> Result<Self, BenchError> {
        let unsupported = || BenchError::UnsupportedTarget(base_url.to_owned());
        let mut conference_url = Url::parse(base_url).map_err(|_| unsupported())?;
        if conference_url.scheme() != "http" {
            return Err(unsupported());
        }
        let (Some(host), Some(port)) = (
            conference_url.host_str(),
            conference_url.port_or_known_default(),
        ) else {
            return Err(unsupported());
        };
        let host = format!("{host}:{port}");
        let node_addr = resolve(&host).await?;
        conference_url
            .path_segments_mut()
            .map_err(|()| unsupported())?
            .pop_if_empty()
            .extend(["api", "client", "v2", "conferences", alias]);
        // reqwest talks plain HTTP here, but in the workspace build it has the CLI's rustls compiled in,
        // which needs a process-wide provider; an already installed one is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = Client::builder()
            .no_proxy()
            .tcp_nodelay(true)
            .build()
            .map_err(|source| BenchError::Http {
                what: "building the HTTP client".into(),
                source,
            })?;
        Ok(Self {
            http,
            conference_url,
            node_addr,
            host,
        })
    }

    pub async fn request_token(&self, display_name: &str) -> Result<TokenGrant, BenchError> {
        let what = format!("request_token for {display_name}");
        let body = serde_json::json!({ "display_name": display_name }).to_string();
        let request = self
            .http
            .post(self.url("request_token"))
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        let result: RequestTokenResult = send_expecting_success(request, &what).await?;
        Ok(TokenGrant {
            token: result.token,
            participant_uuid: result.participant_uuid,
        })
    }

    /// Returns the new token, which replaces `token` from now on.
    pub async fn refresh_token(&self, token: &str) -> Result<String, BenchError> {
        let request = self
            .http
            .post(self.url("refresh_token"))
            .header("token", token);
        let result: RefreshTokenResult = send_expecting_success(request, "refresh_token").await?;
        Ok(result.token)
    }

    pub async fn release_token(&self, token: &str) -> Result<(), BenchError> {
        let request = self
            .http
            .post(self.url("release_token"))
            .header("token", token);
        send_expecting_success::<serde_json::Value>(request, "release_token").await?;
        Ok(())
    }

    pub async fn set_overlay_text(
        &self,
        token: &str,
        participant_uuid: &str,
        text: &str,
    ) -> Result<(), BenchError> {
        let what = format!("overlaytext of participant {participant_uuid}");
        let url = self.url(&format!("participants/{participant_uuid}/overlaytext"));
        let request = self
            .http
            .post(url)
            .header("token", token)
            .header(CONTENT_TYPE, "application/json")
            .body(serde_json::json!({ "text": text }).to_string());
        let accepted: bool = send_expecting_success(request, &what).await?;
        if accepted {
            Ok(())
        } else {
            Err(BenchError::BadResponse {
                what,
                detail: "result was false".into(),
            })
        }
    }

    /// Opens the event stream and checks that it is one.
    pub async fn open_events(&self, token: &str) -> Result<EventStream, BenchError> {
        let mut url = self.url("events");
        url.query_pairs_mut().append_pair("token", token);
        let path_and_query = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        EventStream::open(EventStreamRequest {
            addr: self.node_addr,
            host: &self.host,
            path_and_query: &path_and_query,
        })
        .await
    }

    fn url(&self, request: &str) -> Url {
        let mut url = self.conference_url.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.extend(request.split('/'));
        }
        url
    }
}

async fn resolve(host_and_port: &str) -> Result<SocketAddr, BenchError> {
    let resolve_error = |detail: String| BenchError::Resolve {
        target: host_and_port.to_owned(),
        detail,
    };
    tokio::net::lookup_host(host_and_port)
        .await
        .map_err(|error| resolve_error(error.to_string()))?
        .next()
        .ok_or_else(|| resolve_error("no address".into()))
}

/// Sends `request` and unwraps a 200 `{"status":"success","result":…}`.
async fn send_expecting_success<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    what: &str,
) -> Result<T, BenchError> {
    let http_error = |source| BenchError::Http {
        what: what.into(),
        source,
    };
    let response = request
        .timeout(REQUEST_TIMEOUT)
        .send()
        .await
        .map_err(http_error)?;
    if !response.status().is_success() {
        return Err(unexpected_status(response, what).await);
    }
    let body = response.bytes().await.map_err(http_error)?;
    let envelope: Envelope<T> =
        serde_json::from_slice(&body).map_err(|error| BenchError::BadResponse {
            what: what.into(),
            detail: format!("{error} in {}", quote_body(&body)),
        })?;
    if envelope.status != "success" {
        return Err(BenchError::BadResponse {
            what: what.into(),
            detail: format!("status is {:?}", envelope.status),
        });
    }
    Ok(envelope.result)
}

async fn unexpected_status(response: Response, what: &str) -> BenchError {
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap_or_default();
    BenchError::UnexpectedStatus {
        what: what.into(),
        status,
        body: quote_body(&body),
    }
}

fn quote_body(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match text.char_indices().nth(QUOTED_BODY_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}
