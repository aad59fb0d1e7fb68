//! A client of the Management Node's admin API (`/api/admin/configuration/v1/`), in the shape Pexip
//! Infinity and Plugboard share: branding uploads (`webapp_branding/`) and web app paths (`webapp_alias/`).

use std::time::Duration;

use futures_util::stream;
use indicatif::{ProgressBar, ProgressStyle};
use reqwest::header::{ACCEPT, LOCATION};
use reqwest::multipart::{Form, Part};
use reqwest::{Body, Client, RequestBuilder, Response, StatusCode, Url};
use serde::Deserialize;
use serde_json::{json, Value};

const API: &str = "api/admin/configuration/v1/";
const UPLOAD_CHUNK: usize = 64 * 1024;
const TIMEOUT: Duration = Duration::from_secs(300);

/// How to prove who we are.
pub enum Credentials {
    Basic { user: String, password: String },
    Token(String),
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{url} refused the credentials (401): check --user/--password or --token")]
    Unauthorized { url: String },
    #[error("the Management Node refused the branding package:\n{0}")]
    Refused(String),
    #[error("{what}: the Management Node answered {status}: {body}")]
    Status {
        what: String,
        status: StatusCode,
        body: String,
    },
    #[error("{what}: {source}")]
    Http {
        what: String,
        source: reqwest::Error,
    },
    #[error("{what}: {detail}")]
    BadAnswer { what: String, detail: String },
    #[error("{0} is not an http(s) URL")]
    BadUrl(String),
}

pub struct AdminClient {
    http: Client,
    base: Url,
    credentials: Option<Credentials>,
}

/// A web app path as the list answers it.
#[derive(Deserialize)]
struct AliasObject {
    id: Option<u64>,
    slug: String,
    resource_uri: Option<String>,
    /// The nested branding object (or its URI, as some versions answer); null for the default branding.
    #[serde(default)]
    branding: Option<Value>,
}

/// A web app path found by its slug.
struct FoundAlias {
    uri: String,
    /// The resource URI of the branding it served until now.
    branding: Option<String>,
}

/// What binding a path did.
pub struct Bound {
    /// The branding the path served before, when it was another one.
    pub replaced: Option<String>,
}

#[derive(Deserialize)]
struct ListPage<T> {
    meta: ListMeta,
    objects: Vec<T>,
}

#[derive(Deserialize)]
struct ListMeta {
    next: Option<String>,
}

impl AdminClient {
    /// `to` is the node's base URL, e.g. `https://mgr.example.com`; `insecure` accepts self-signed certificates.
    pub fn new(
        to: &str,
        credentials: Option<Credentials>,
        insecure: bool,
    ) -> Result<Self, AdminError> {
        let mut base = Url::parse(to).map_err(|_| AdminError::BadUrl(to.to_owned()))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(AdminError::BadUrl(to.to_owned()));
        }
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        // reqwest uses the process's rustls provider: ring, as the server does. Installed already is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = Client::builder()
            .danger_accept_invalid_certs(insecure)
            .timeout(TIMEOUT)
            .build()
            .map_err(|source| AdminError::Http {
                what: "building the HTTP client".into(),
                source,
            })?;
        Ok(Self {
            http,
            base,
            credentials,
        })
    }

    /// The node's URL of `path` (relative to its root).
    pub fn url(&self, path: &str) -> Result<Url, AdminError> {
        self.base
            .join(path)
            .map_err(|_| AdminError::BadUrl(format!("{}{path}", self.base)))
    }

    fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        let request = request.header(ACCEPT, "application/json");
        match &self.credentials {
            Some(Credentials::Basic { user, password }) => request.basic_auth(user, Some(password)),
            Some(Credentials::Token(token)) => {
                request.header("Authorization", format!("Token {token}"))
            }
            None => request,
        }
    }

    /// Upload a branding zip; answers its resource URI (`/api/admin/configuration/v1/webapp_branding/<uuid>/`).
    pub async fn upload_branding(
        &self,
        zip: Vec<u8>,
        name: &str,
        description: &str,
        progress: &ProgressBar,
    ) -> Result<String, AdminError> {
        let what = "uploading the branding package";
        let url = self.url(&format!("{API}webapp_branding/"))?;
        let length = zip.len() as u64;
        progress.set_length(length);
        progress.set_style(upload_style());
        let file = Part::stream_with_length(progress_body(zip, progress.clone()), length)
            .file_name("branding.zip")
            .mime_str("application/zip")
            .map_err(|source| AdminError::Http {
                what: what.into(),
                source,
            })?;
        let form = Form::new()
            .text("name", name.to_owned())
            .text("description", description.to_owned())
            .text("webapp_type", "webapp2")
            .part("branding_file", file);
        let response = self
            .send(
                self.authorized(self.http.post(url.clone())).multipart(form),
                what,
            )
            .await?;
        progress.finish_and_clear();
        match response.status() {
            StatusCode::CREATED => location(&response, what),
            StatusCode::BAD_REQUEST => Err(AdminError::Refused(refusal_text(response).await)),
            _ => Err(self.unexpected(response, what, &url).await),
        }
    }

    /// Bind `slug` to the branding: update the path if it exists, else create it (enabled).
    pub async fn bind_path(&self, slug: &str, branding_uri: &str) -> Result<Bound, AdminError> {
        let what = format!("binding the web app path /{slug}/");
        let Some(found) = self.find_alias(slug).await? else {
            let url = self.url(&format!("{API}webapp_alias/"))?;
            let body = json!({
                "slug": slug,
                "branding": branding_uri,
                "webapp_type": "webapp2",
                "is_enabled": true,
                "description": "Deployed with plugboard deploy",
            });
            let request = self.authorized(self.http.post(url.clone())).json(&body);
            let response = self.send(request, &what).await?;
            self.expect_success(response, &what, &url).await?;
            return Ok(Bound { replaced: None });
        };
        let url = self.url(found.uri.trim_start_matches('/'))?;
        let body = json!({ "branding": branding_uri });
        let request = self.authorized(self.http.patch(url.clone())).json(&body);
        let response = self.send(request, &what).await?;
        self.expect_success(response, &what, &url).await?;
        let replaced = found.branding.filter(|previous| previous != branding_uri);
        Ok(Bound { replaced })
    }

    /// Delete a branding; `Ok(false)` when the node keeps it because a web app path still uses it.
    pub async fn delete_branding(&self, uri: &str) -> Result<bool, AdminError> {
        let what = "deleting the previous branding";
        let url = self.url(uri.trim_start_matches('/'))?;
        let response = self
            .send(self.authorized(self.http.delete(url.clone())), what)
            .await?;
        match response.status() {
            status if status.is_success() => Ok(true),
            StatusCode::CONFLICT | StatusCode::BAD_REQUEST => Ok(false),
            _ => Err(self.unexpected(response, what, &url).await),
        }
    }

    /// The web app path `slug`, if there is one.
    async fn find_alias(&self, slug: &str) -> Result<Option<FoundAlias>, AdminError> {
        let what = "listing the web app paths";
        let mut url = self.url(&format!("{API}webapp_alias/"))?;
        url.query_pairs_mut().append_pair("slug", slug);
        loop {
            let response = self
                .send(self.authorized(self.http.get(url.clone())), what)
                .await?;
            if !response.status().is_success() {
                return Err(self.unexpected(response, what, &url).await);
            }
            let page: ListPage<AliasObject> =
                response.json().await.map_err(|source| AdminError::Http {
                    what: what.into(),
                    source,
                })?;
            if let Some(found) = page.objects.into_iter().find(|alias| alias.slug == slug) {
                let branding = found.branding.as_ref().and_then(branding_uri);
                let uri = found
                    .resource_uri
                    .or_else(|| found.id.map(|id| format!("/{API}webapp_alias/{id}/")));
                return Ok(uri.map(|uri| FoundAlias { uri, branding }));
            }
            match page.meta.next {
                Some(next) => url = self.url(next.trim_start_matches('/'))?,
                None => return Ok(None),
            }
        }
    }

    async fn send(&self, request: RequestBuilder, what: &str) -> Result<Response, AdminError> {
        request.send().await.map_err(|source| AdminError::Http {
            what: what.into(),
            source,
        })
    }

    async fn expect_success(
        &self,
        response: Response,
        what: &str,
        url: &Url,
    ) -> Result<(), AdminError> {
        if response.status().is_success() {
            Ok(())
        } else {
            Err(self.unexpected(response, what, url).await)
        }
    }

    async fn unexpected(&self, response: Response, what: &str, url: &Url) -> AdminError {
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED {
            return AdminError::Unauthorized {
                url: url.to_string(),
            };
        }
        let body = response.text().await.unwrap_or_default();
        AdminError::Status {
            what: what.into(),
            status,
            body: body.chars().take(500).collect(),
        }
    }
}

/// The resource URI of a path's branding: the nested object's `resource_uri`, or the URI itself.
fn branding_uri(branding: &Value) -> Option<String> {
    match branding {
        Value::String(uri) => Some(uri.clone()),
        Value::Object(object) => object.get("resource_uri")?.as_str().map(str::to_owned),
        _ => None,
    }
}

fn upload_style() -> ProgressStyle {
    ProgressStyle::with_template("uploading {bar:30} {bytes}/{total_bytes} {bytes_per_sec}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// The zip as a stream of chunks that advances the progress bar as the request body is sent.
fn progress_body(zip: Vec<u8>, progress: ProgressBar) -> Body {
    let chunks: Vec<Vec<u8>> = zip.chunks(UPLOAD_CHUNK).map(<[u8]>::to_vec).collect();
    Body::wrap_stream(stream::iter(chunks.into_iter().map(move |chunk| {
        progress.inc(chunk.len() as u64);
        Ok::<_, std::io::Error>(chunk)
    })))
}

fn location(response: &Response, what: &str) -> Result<String, AdminError> {
    let header = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| AdminError::BadAnswer {
            what: what.into(),
            detail: "201 without a Location header".into(),
        })?;
    // Pexip answers an absolute URL, Plugboard a path: keep the path, which is the resource URI.
    let path = Url::parse(header)
        .map(|url| url.path().to_owned())
        .unwrap_or_else(|_| header.to_owned());
    Ok(path)
}

/// The reasons of a 400: the linter's lines under `branding_file`, or whatever the body says.
async fn refusal_text(response: Response) -> String {
    let body = response.text().await.unwrap_or_default();
    let Ok(json) = serde_json::from_str::<Value>(&body) else {
        return body;
    };
    let lines: Vec<String> = json
        .as_object()
        .map(|fields| {
            fields
                .iter()
                .filter(|(field, _)| field.as_str() != "findings")
                .flat_map(|(field, reasons)| match reasons {
                    Value::Array(list) => list
                        .iter()
                        .map(|reason| {
                            format!(
                                "  {field}: {}",
                                reason.as_str().unwrap_or(&reason.to_string())
                            )
                        })
                        .collect::<Vec<_>>(),
                    other => vec![format!("  {field}: {other}")],
                })
                .collect()
        })
        .unwrap_or_default();
    if lines.is_empty() {
        body
    } else {
        lines.join("\n")
    }
}
