//! Running the node: bind, serve, shut down gracefully on SIGINT or SIGTERM.

use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

use axum_server::accept::NoDelayAcceptor;
use axum_server::tls_rustls::RustlsAcceptor;
use axum_server::Handle;
use plugboard_client_api::{Directory, DirectoryError};
use thiserror::Error;

use crate::app::app;
use crate::branding::Branding;
use crate::config::NodeConfig;
use crate::csp::{ContentSecurityPolicy, CspError};
use crate::dev::{DevMode, EVENTS_PATH};
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
    #[error(transparent)]
    Csp(#[from] CspError),
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// Serve until SIGINT or SIGTERM. `on_started` runs once the socket is bound.
pub async fn serve(
    options: ServeOptions,
    on_started: impl FnOnce(&Started),
) -> Result<(), ServeError> {
    let tls = options.tls.rustls_config().await?;
    let csp = ContentSecurityPolicy::from_config(&options.config.csp)?;
    let directory = Directory::start(options.config.rooms, &options.config.settings)?;
    let listener = TcpListener::bind(options.listen).map_err(|source| ServeError::Bind {
        addr: options.listen,
        source,
    })?;
    let bound = listener.local_addr().map_err(ServeError::Serve)?;
    listener.set_nonblocking(true).map_err(ServeError::Serve)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    on_started(&Started {
        url: format!("{scheme}://{}", browsable(bound)),
        rooms: directory.room_names(),
    });

    let handle = Handle::new();
    tokio::spawn(shut_down_on_signal(handle.clone()));
    let (branding, dev_routes, dev_events) = match &options.dev {
        Some(dev) => (dev.branding(), dev.routes(), Some(EVENTS_PATH)),
        None => (options.branding, axum::Router::new(), None),
    };
    let web_apps = WebApps {
        default: branding,
        paths: None,
        dev_events,
    };
    let service = app(directory, web_apps, &csp, dev_routes).into_make_service();
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
