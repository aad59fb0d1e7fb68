//! Running the node: bind, serve, shut down gracefully on SIGINT or SIGTERM.

use std::collections::HashSet;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum_server::accept::NoDelayAcceptor;
use axum_server::tls_rustls::RustlsAcceptor;
use axum_server::Handle;
use plugboard_bots::{Bots, BotsError, Scenario, ScenarioVisits};
use plugboard_client_api::{Directory, DirectoryError};
use plugboard_management::Management;
use thiserror::Error;

use crate::app::app;
use crate::branding::Branding;
use crate::config::NodeConfig;
use crate::dev::{DevMode, EVENTS_PATH};
use crate::management::{DirectoryRooms, ManagedPaths};
use crate::tls::{TlsError, TlsMode};
use crate::web_apps::WebApps;

/// Event streams never end by themselves: after a shutdown signal, connections get this long to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

pub struct ServeOptions {
    pub listen: SocketAddr,
    pub config: NodeConfig,
    pub tls: TlsMode,
    /// The node's default branding (`--branding` or the example).
    pub branding: Branding,
    /// `plugboard dev`: the watched folder, served instead of `branding`, with change events.
    pub dev: Option<DevMode>,
    /// Where the management node keeps its database; `None` runs without admin API (`plugboard dev`).
    pub data_dir: Option<PathBuf>,
    /// Simulated participants to bring into a room.
    pub bots: Option<BotsPlan>,
}

/// Simulated participants: a crowd of `count` people, and/or a scripted scenario played for each visit
/// to `room` (it starts when someone joins it, and stops when they have all left).
pub struct BotsPlan {
    pub room: String,
    pub count: usize,
    pub seed: u64,
    pub scenario: Option<Scenario>,
}

/// What a node that is up tells the person who started it.
pub struct Started {
    /// The base URL, e.g. `http://127.0.0.1:8080`.
    pub url: String,
    pub rooms: Vec<String>,
}

#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error(transparent)]
    Rooms(#[from] DirectoryError),
    #[error("the simulated participants cannot start: {0}")]
    Bots(#[from] BotsError),
    #[error("the management node cannot start: {0}")]
    Management(#[from] plugboard_management::ManagementError),
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// Serve until SIGINT or SIGTERM. `on_started` runs once the socket is bound.
pub async fn serve(
    options: ServeOptions,
    on_started: impl FnOnce(&Started),
) -> Result<(), ServeError> {
    let tls = options.tls.rustls_config().await?;
    let configured: HashSet<String> = options
        .config
        .rooms
        .iter()
        .map(|room| room.name.to_lowercase())
        .collect();
    let directory = Directory::start(options.config.rooms, &options.config.settings)?;
    let management = match &options.data_dir {
        Some(data_dir) => {
            let rooms = DirectoryRooms {
                directory: directory.clone(),
                configured,
            };
            Some(Management::open(
                data_dir,
                options.config.admin,
                Arc::new(rooms),
            )?)
        }
        None => None,
    };
    let listener = TcpListener::bind(options.listen).map_err(|source| ServeError::Bind {
        addr: options.listen,
        source,
    })?;
    // Kept until the node stops: dropping them makes the simulated people leave.
    let _simulated = start_bots(&directory, options.bots)?;
    let bound = listener.local_addr().map_err(ServeError::Serve)?;
    listener.set_nonblocking(true).map_err(ServeError::Serve)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    on_started(&Started {
        url: format!("{scheme}://{}", browsable(bound)),
        rooms: directory.room_names(),
    });

    let handle = Handle::new();
    tokio::spawn(shut_down_on_signal(handle.clone()));
    let (branding, mut extra, dev_events) = match &options.dev {
        Some(dev) => (dev.branding(), dev.routes(), Some(EVENTS_PATH)),
        None => (options.branding, axum::Router::new(), None),
    };
    let paths = management.map(|management| {
        extra = std::mem::take(&mut extra).merge(plugboard_management::router(management.clone()));
        Arc::new(ManagedPaths(management)) as Arc<dyn crate::web_apps::WebAppPaths>
    });
    let web_apps = WebApps {
        default: branding,
        paths,
        dev_events,
    };
    let service = app(directory, web_apps, &options.config.csp, extra).into_make_service();
    // Events are small writes that must leave at once, not wait for the peer's delayed ACK (Nagle).
    let server = axum_server::from_tcp(listener).handle(handle);
    let served = match tls {
        Some(config) => {
            let acceptor = RustlsAcceptor::new(config).acceptor(NoDelayAcceptor::new());
            server.acceptor(acceptor).serve(service).await
        }
        None => server.acceptor(NoDelayAcceptor::new()).serve(service).await,
    };
    served.map_err(ServeError::Serve)
}

fn start_bots(
    directory: &Directory,
    plan: Option<BotsPlan>,
) -> Result<(Option<Bots>, Option<ScenarioVisits>), ServeError> {
    let Some(plan) = plan else {
        return Ok((None, None));
    };
    let crowd = match plan.count {
        0 => None,
        count => Some(Bots::start(
            directory.clone(),
            &plan.room,
            count,
            plan.seed,
        )?),
    };
    let run = match plan.scenario {
        Some(scenario) => Some(scenario.play_on_each_visit(directory.clone(), &plan.room)?),
        None => None,
    };
    Ok((crowd, run))
}

/// An address a browser can open: a wildcard bind is reached through loopback.
fn browsable(addr: SocketAddr) -> SocketAddr {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    addr
}

async fn shut_down_on_signal(handle: Handle) {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {},
                    _ = terminate.recv() => {},
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down");
    handle.graceful_shutdown(Some(SHUTDOWN_GRACE));
}
