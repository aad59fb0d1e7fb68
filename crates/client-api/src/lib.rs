//! The client REST API v2 of a Plugboard node: routing, wire types, the `{status, result}` envelope, and
//! one actor per live conference that owns its engine and fans its events out to event streams.

mod actor;
mod body;
mod clock;
mod directory;
mod envelope;
mod ids;
mod path;
mod routes;
mod stream;
mod watch;
mod wire;

pub use directory::{Directory, DirectoryError, RoomError};
pub use routes::router;
pub use watch::{RoomEvents, RoomWatch};
