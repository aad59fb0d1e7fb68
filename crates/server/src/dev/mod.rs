//! `plugboard dev`: the branding folder served from disk while it is edited. Every change is checked;
//! open apps hear about it on `/api/dev/v1/events` and reload just the plugins whose files changed
//! (without leaving the conference), or show the check's findings when the edit broke something.

mod affected;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use plugboard_branding::report::Tally;
use plugboard_branding::{check_path, CheckError, CheckOptions, Finding};
use serde::Serialize;
use thiserror::Error;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;

use crate::branding::{Branding, LiveBranding};
pub use affected::Affected;

/// Where open apps listen for changes.
pub const EVENTS_PATH: &str = "/api/dev/v1/events";
const EVENTS_KEPT: usize = 64;

#[derive(Debug, Error)]
pub enum DevError {
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error("{} cannot be served: {reason}", path.display())]
    Unloadable { path: PathBuf, reason: String },
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
}

/// What open apps are told after a change (and on connecting: the current findings).
#[derive(Debug, Clone, Serialize)]
pub struct DevEvent {
    /// `"plugins"`: reload `plugins`; `"all"`: read the whole branding again; `"none"`: only findings.
    pub reload: &'static str,
    pub plugins: Vec<String>,
    pub findings: Vec<Finding>,
}

/// The folder being developed, its latest check, and who listens.
#[derive(Clone)]
pub struct DevMode {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    live: Arc<LiveBranding>,
    findings: RwLock<Vec<Finding>>,
    events: broadcast::Sender<DevEvent>,
}

impl DevMode {
    /// Load and check `path`, and watch it for changes until the process ends.
    pub fn start(path: &Path) -> Result<Self, DevError> {
        let checked = check_path(path, &CheckOptions::default())?;
        let Some(package) = checked.package else {
            let reason = checked.report.findings.first().map_or_else(
                || "it could not be loaded".to_owned(),
                |f| f.message.clone(),
            );
            return Err(DevError::Unloadable {
                path: path.to_path_buf(),
                reason,
            });
        };
        let (events, _) = broadcast::channel(EVENTS_KEPT);
        let dev = DevMode {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                live: Arc::new(LiveBranding::new(package)),
                findings: RwLock::new(checked.report.findings),
                events,
            }),
        };
        watch::watch(path, dev.clone()).map_err(|source| DevError::Watch {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(dev)
    }

    /// The branding to serve: always the latest version on disk that loaded.
    pub fn branding(&self) -> Branding {
        Branding::Live(Arc::clone(&self.inner.live))
    }

    /// The findings of the latest check.
    pub fn findings(&self) -> Vec<Finding> {
        self.inner
            .findings
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Check the folder again and tell the apps what to reload. An edit with errors keeps the last good
    /// version served (the apps show the findings); fixing it reloads what changed since that version.
    pub fn reload(&self) {
        let inner = &self.inner;
        let checked = match check_path(&inner.path, &CheckOptions::default()) {
            Ok(checked) => checked,
            Err(error) => {
                tracing::warn!("{error}");
                return;
            }
        };
        let findings = checked.report.findings;
        *inner
            .findings
            .write()
            .unwrap_or_else(PoisonError::into_inner) = findings.clone();
        let has_errors = Tally::of(&findings).fails(false);
        let event = match checked.package {
            Some(package) if !has_errors => {
                let affected = affected::affected(&inner.live.current(), &package);
                inner.live.replace(package);
                event_for(affected, findings)
            }
            _ => event_for(Affected::Nothing, findings),
        };
        // Nobody listening is fine: the next app to open gets the current state.
        let _ = inner.events.send(event);
    }

    /// Every change from now on, as the apps hear of it (for the terminal of `plugboard dev`).
    pub fn changes(&self) -> broadcast::Receiver<DevEvent> {
        self.inner.events.subscribe()
    }

    pub fn routes(&self) -> Router {
        let dev = self.clone();
        Router::new().route(EVENTS_PATH, get(move || events(dev.clone())))
    }
}

fn event_for(affected: Affected, findings: Vec<Finding>) -> DevEvent {
    let (reload, plugins) = match affected {
        Affected::Nothing => ("none", Vec::new()),
        Affected::Plugins(ids) => ("plugins", ids),
        Affected::Everything => ("all", Vec::new()),
    };
    DevEvent {
        reload,
        plugins,
        findings,
    }
}

async fn events(dev: DevMode) -> Sse<impl Stream<Item = Result<Event, axum::Error>>> {
    let current = event_for(Affected::Nothing, dev.findings());
    let updates = BroadcastStream::new(dev.changes()).map(move |received| {
        // A lagging app missed events: telling it to read everything again catches it up.
        received.unwrap_or_else(|_| event_for(Affected::Everything, dev.findings()))
    });
    let stream = stream::once(async move { current })
        .chain(updates)
        .map(|event| Event::default().event("change").json_data(&event));
    Sse::new(stream).keep_alive(KeepAlive::default())
}
