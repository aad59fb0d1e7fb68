//! A Plugboard node: the client API and everything else composed into one axum application, served
//! over HTTP or HTTPS until a shutdown signal.

mod app;
mod branding;
mod branding_in_page;
mod config;
mod csp;
pub mod dev;
mod files;
mod management;
mod serve;
mod tls;
mod web;
mod web_apps;

pub use app::app;
pub use branding::{Branding, LiveBranding};
pub use config::{ConfigError, NodeConfig};
pub use csp::{ContentSecurityPolicy, CspConfig, CspError};
pub use serve::{serve, BotsPlan, ServeError, ServeOptions, Started};
pub use tls::{TlsError, TlsMode};
pub use web_apps::{WebAppPaths, WebApps};
