//! The management node: the admin API (`/api/admin/configuration/v1/…`, in the shape of Pexip's Management
//! Node), with branding packages, web app paths and rooms persisted in SQLite.
//!
//! The server opens a [`Management`] over its data directory, serves [`router`], asks
//! [`Management::web_app_path`] which branding a `/<slug>/` path has, and keeps its live room directory in
//! step through [`RoomSync`].

mod api;
mod auth;
mod branding_upload;
mod config;
mod db;
mod error;
mod management;
mod rooms;
mod secret;
mod serving;
mod slug;

pub use api::router;
pub use config::{AdminConfig, AdminUser, ApiToken};
pub use error::ManagementError;
pub use management::Management;
pub use rooms::RoomSync;
pub use secret::hash_secret;
pub use serving::WebAppPath;
pub use slug::slug_problem;
