//! Which conference an alias reaches. Rooms come from the node's configuration and, while it runs, from
//! the management node (added, changed, removed); a change applies to the next join at once.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use plugboard_conference::{Command, Conference, Reply, Settings, VmrConfig};
use thiserror::Error;

use crate::actor::ConferenceHandle;
use crate::ids::RandomIds;
use crate::watch::RoomWatch;

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

/// Why a command or a watch could not reach a room, or what the conference answered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RoomError {
    #[error("no room answers to {0:?}")]
    NoSuchRoom(String),
    /// The node is shutting down.
    #[error("the conference has ended")]
    Gone,
    #[error(transparent)]
    Refused(#[from] plugboard_conference::Error),
}

/// Every room of the node, each with its live conference. Aliases match case-insensitively.
#[derive(Clone)]
pub struct Directory {
    inner: Arc<RwLock<Rooms>>,
}

struct Rooms {
    by_alias: HashMap<String, Room>,
    settings: Settings,
}

#[derive(Clone)]
struct Room {
    name: String,
    conference: ConferenceHandle,
}

impl Directory {
    /// Start one conference actor per room. Must run inside a Tokio runtime.
    pub fn start(rooms: Vec<VmrConfig>, settings: &Settings) -> Result<Self, DirectoryError> {
        let directory = Directory {
            inner: Arc::new(RwLock::new(Rooms {
                by_alias: HashMap::new(),
                settings: settings.clone(),
            })),
        };
        for vmr in rooms {
            directory.upsert(None, vmr)?;
        }
        Ok(directory)
    }

    /// Add a room, or change the one called `previous_name` (or `vmr.name`): new joins follow the new
    /// configuration, who is in stays. Must run inside a Tokio runtime.
    pub fn upsert(
        &self,
        previous_name: Option<&str>,
        vmr: VmrConfig,
    ) -> Result<(), DirectoryError> {
        vmr.validate()?;
        let mut rooms = self.write();
        let old_name = previous_name.unwrap_or(&vmr.name).to_owned();
        let aliases = aliases_of(&vmr);
        for alias in &aliases {
            if let Some(other) = rooms.by_alias.get(alias) {
                if other.name != old_name {
                    return Err(DirectoryError::DuplicateAlias {
                        alias: alias.clone(),
                        first: other.name.clone(),
                        second: vmr.name.clone(),
                    });
                }
            }
        }
        let existing = rooms.remove_room(&old_name);
        let name = vmr.name.clone();
        let conference = match existing {
            Some(conference) => {
                conference.tell(Command::Reconfigure(vmr));
                conference
            }
            None => ConferenceHandle::spawn(Conference::new(
                vmr,
                rooms.settings.clone(),
                Box::new(RandomIds),
            )),
        };
        for alias in aliases {
            let room = Room {
                name: name.clone(),
                conference: conference.clone(),
            };
            rooms.by_alias.insert(alias, room);
        }
        Ok(())
    }

    /// Take a room out of the directory: nobody new reaches it; who is in stays until they leave.
    pub fn remove(&self, name: &str) {
        self.write().remove_room(name);
    }

    pub(crate) fn conference(&self, alias: &str) -> Option<ConferenceHandle> {
        self.read()
            .by_alias
            .get(&alias.to_lowercase())
            .map(|room| room.conference.clone())
    }

    /// Whether an alias reaches a room.
    pub fn has_room(&self, alias: &str) -> bool {
        self.conference(alias).is_some()
    }

    /// Run a command in the conference an alias reaches, exactly as the client API's routes do.
    pub async fn command(&self, alias: &str, command: Command) -> Result<Reply, RoomError> {
        let conference = self
            .conference(alias)
            .ok_or_else(|| RoomError::NoSuchRoom(alias.to_owned()))?;
        Ok(conference.command(command).await.ok_or(RoomError::Gone)??)
    }

    /// Every event of the conference an alias reaches from now on, with who is there now.
    pub async fn watch(&self, alias: &str) -> Result<RoomWatch, RoomError> {
        let conference = self
            .conference(alias)
            .ok_or_else(|| RoomError::NoSuchRoom(alias.to_owned()))?;
        conference.watch().await.ok_or(RoomError::Gone)
    }

    /// The names of all rooms, sorted.
    pub fn room_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .read()
            .by_alias
            .values()
            .map(|room| room.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    // The map is replaced entry by entry under the write lock and never left half-changed by a panic
    // (nothing in between can panic), so a poisoned lock still holds consistent data.
    fn read(&self) -> RwLockReadGuard<'_, Rooms> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Rooms> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Rooms {
    /// Remove every alias of the room `name`, returning its conference if it had one.
    fn remove_room(&mut self, name: &str) -> Option<ConferenceHandle> {
        let mut conference = None;
        self.by_alias.retain(|_, room| {
            if room.name == name {
                conference = Some(room.conference.clone());
                false
            } else {
                true
            }
        });
        conference
    }
}

/// The lower-cased aliases a room answers to: its name and its aliases.
fn aliases_of(vmr: &VmrConfig) -> Vec<String> {
    let mut aliases: Vec<String> = vmr.aliases.iter().map(|a| a.to_lowercase()).collect();
    aliases.push(vmr.name.to_lowercase());
    aliases.sort();
    aliases.dedup();
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(name: &str, aliases: &[&str]) -> VmrConfig {
        VmrConfig {
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..VmrConfig::open(name)
        }
    }

    #[tokio::test]
    async fn rooms_can_be_added_renamed_and_removed_while_running() {
        let directory = Directory::start(
            vec![room("meet", &["Meet@Example.com"])],
            &Settings::default(),
        )
        .unwrap();
        assert!(directory.conference("meet@example.com").is_some());

        directory.upsert(None, room("board", &["b"])).unwrap();
        assert_eq!(directory.room_names(), vec!["board", "meet"]);

        directory
            .upsert(Some("board"), room("boardroom", &[]))
            .unwrap();
        assert!(directory.conference("b").is_none());
        assert!(directory.conference("board").is_none());
        assert!(directory.conference("BOARDROOM").is_some());

        directory.remove("boardroom");
        assert_eq!(directory.room_names(), vec!["meet"]);
    }

    fn join(name: &str) -> Command {
        Command::Simulated(plugboard_conference::SimulatedCommand::Join {
            display_name: name.to_owned(),
            role: plugboard_conference::Role::Guest,
        })
    }

    #[tokio::test]
    async fn commands_reach_a_room_by_alias_and_watchers_see_everything_after_their_start() {
        use plugboard_conference::{Error, Event};

        let directory =
            Directory::start(vec![room("meet", &["lobby"])], &Settings::default()).unwrap();
        let Ok(Reply::Uuids(first)) = directory.command("meet", join("Amara")).await else {
            panic!("the join failed");
        };
        let mut watch = directory.watch("LOBBY").await.unwrap();
        assert_eq!(watch.participants.len(), 1);
        assert_eq!(watch.participants[0].uuid, first[0]);

        let Ok(Reply::Uuids(second)) = directory.command("lobby", join("Bo")).await else {
            panic!("the join failed");
        };
        let event = watch.events.next().await.unwrap();
        assert!(
            matches!(&event.event, Event::ParticipantCreate(p) if p.uuid == second[0]),
            "{event:?}"
        );
        assert_eq!(watch.events.missed(), 0);

        assert_eq!(
            directory.command("nowhere", join("Cy")).await,
            Err(RoomError::NoSuchRoom("nowhere".to_owned()))
        );
        assert!(matches!(
            directory.watch("nowhere").await,
            Err(RoomError::NoSuchRoom(_))
        ));
        let leave_twice = Command::Simulated(plugboard_conference::SimulatedCommand::Leave {
            uuid: uuid::Uuid::nil(),
        });
        assert_eq!(
            directory.command("meet", leave_twice).await,
            Err(RoomError::Refused(Error::ParticipantNotFound))
        );
        assert!(directory.has_room("Meet") && !directory.has_room("nowhere"));
    }

    #[tokio::test]
    async fn an_alias_of_another_room_is_refused_and_changes_nothing() {
        let directory =
            Directory::start(vec![room("meet", &["lobby"])], &Settings::default()).unwrap();
        let error = directory
            .upsert(None, room("other", &["LOBBY"]))
            .unwrap_err();
        assert!(
            matches!(error, DirectoryError::DuplicateAlias { .. }),
            "{error}"
        );
        assert_eq!(directory.room_names(), vec!["meet"]);
    }
}
