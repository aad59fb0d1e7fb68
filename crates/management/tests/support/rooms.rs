//! A room directory that records what the management node tells it.

use std::sync::{Mutex, PoisonError};

use plugboard_conference::VmrConfig;
use plugboard_management::RoomSync;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomCall {
    Upsert {
        previous: Option<String>,
        room: VmrConfig,
    },
    Remove(String),
}

#[derive(Default)]
pub struct FakeRooms {
    calls: Mutex<Vec<RoomCall>>,
    /// Rooms answering to this alias are refused, as a configuration-file room that has it would be.
    taken_alias: Mutex<Option<String>>,
}

impl FakeRooms {
    pub fn calls(&self) -> Vec<RoomCall> {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn take_alias(&self, alias: &str) {
        *self
            .taken_alias
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(alias.to_owned());
    }
}

impl RoomSync for FakeRooms {
    fn upsert(&self, previous_name: Option<&str>, room: VmrConfig) -> Result<(), String> {
        // The server's directory spawns conference actors here.
        if tokio::runtime::Handle::try_current().is_err() {
            return Err("called outside the Tokio runtime".to_owned());
        }
        let taken = self
            .taken_alias
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(taken) = taken {
            if room.name == taken || room.aliases.contains(&taken) {
                return Err(format!(
                    "the alias {taken:?} is used by the room \"config\""
                ));
            }
        }
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(RoomCall::Upsert {
                previous: previous_name.map(str::to_owned),
                room,
            });
        Ok(())
    }

    fn remove(&self, name: &str) {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(RoomCall::Remove(name.to_owned()));
    }
}
