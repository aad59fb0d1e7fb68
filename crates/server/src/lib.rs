//! A Plugboard node: the client API and everything else composed into one axum application, served
//! over HTTP or HTTPS until a shutdown signal.

mod app;
mod branding;
mod config;
mod csp;
mod files;
mod serve;
mod tls;
mod web;

pub use app::app;
pub use branding::Branding;
pub use config::{ConfigError, NodeConfig};
pub use csp::{ContentSecurityPolicy, CspConfig, CspError};
pub use serve::{serve, ServeError, ServeOptions, Started};
pub use tls::{TlsError, TlsMode};
