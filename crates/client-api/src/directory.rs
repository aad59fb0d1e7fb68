//! Which conference an alias reaches.

use std::collections::HashMap;
use std::sync::Arc;

use plugboard_conference::{Conference, Settings, VmrConfig};
use thiserror::Error;

use crate::actor::ConferenceHandle;
use crate::ids::RandomIds;

#[derive(Debug, Error)]
pub enum DirectoryError {
    #[error(transparent)]
    InvalidRoom(#[from] plugboard_conference::ConfigError),
    #[error("the alias {alias:?} is used by both {first:?} and {second:?}")]
    DuplicateAlias {
        alias: String,
        first: String,
        second: String,
    },
}

/// Every room of the node, each with its live conference. Aliases match case-insensitively.
#[derive(Clone)]
pub struct Directory {
    by_alias: Arc<HashMap<String, Room>>,
}

#[derive(Clone)]
struct Room {
    name: String,
    conference: ConferenceHandle,
}

impl Directory {
    /// Start one conference actor per room. Must run inside a Tokio runtime.
    pub fn start(rooms: Vec<VmrConfig>, settings: &Settings) -> Result<Self, DirectoryError> {
        let mut by_alias: HashMap<String, Room> = HashMap::new();
        for vmr in rooms {
            vmr.validate()?;
            let mut aliases = vmr.aliases.clone();
            aliases.push(vmr.name.clone());
            let name = vmr.name.clone();
            let conference = ConferenceHandle::spawn(Conference::new(
                vmr,
                settings.clone(),
                Box::new(RandomIds),
            ));
            for alias in aliases {
                let room = Room {
                    name: name.clone(),
                    conference: conference.clone(),
                };
                if let Some(existing) = by_alias.insert(alias.to_lowercase(), room) {
                    if existing.name != name {
                        return Err(DirectoryError::DuplicateAlias {
                            alias,
                            first: existing.name,
                            second: name,
                        });
                    }
                }
            }
        }
        Ok(Directory {
            by_alias: Arc::new(by_alias),
        })
    }

    pub(crate) fn conference(&self, alias: &str) -> Option<&ConferenceHandle> {
        self.by_alias
            .get(&alias.to_lowercase())
            .map(|room| &room.conference)
    }

    /// The names of all rooms, sorted.
    pub fn room_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_alias
            .values()
            .map(|room| room.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}
