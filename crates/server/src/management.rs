//! The management node inside the conferencing node: its rooms go into the live directory, its web app
//! paths decide which branding each path of the app serves.

use std::collections::HashSet;
use std::sync::Arc;

use plugboard_branding::BrandingPackage;
use plugboard_client_api::Directory;
use plugboard_conference::VmrConfig;
use plugboard_management::{Management, RoomSync};

use crate::web_apps::WebAppPaths;

/// Rooms of the admin API, added to the node's directory. Rooms of the configuration file are the
/// administrator's too, but not the admin API's to replace.
pub struct DirectoryRooms {
    pub directory: Directory,
    /// Lower-cased names of the configuration file's rooms.
    pub configured: HashSet<String>,
}

impl RoomSync for DirectoryRooms {
    fn upsert(&self, previous_name: Option<&str>, room: VmrConfig) -> Result<(), String> {
        let taken = |name: &str| self.configured.contains(&name.to_lowercase());
        if taken(&room.name) || previous_name.is_some_and(taken) {
            return Err(format!(
                "a room of the node's configuration file is called {:?}",
                room.name
            ));
        }
        self.directory
            .upsert(previous_name, room)
            .map_err(|error| error.to_string())
    }

    fn remove(&self, name: &str) {
        if !self.configured.contains(&name.to_lowercase()) {
            self.directory.remove(name);
        }
    }
}

/// The web app paths of the management node.
pub struct ManagedPaths(pub Management);

impl WebAppPaths for ManagedPaths {
    fn branding_of(&self, slug: &str) -> Option<Option<Arc<BrandingPackage>>> {
        self.0.web_app_path(slug).map(|path| path.branding)
    }

    fn default_branding(&self) -> Option<Arc<BrandingPackage>> {
        self.0.default_path().and_then(|path| path.branding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plugboard_conference::Settings;

    fn rooms() -> DirectoryRooms {
        let meet = VmrConfig::open("meet");
        let directory = Directory::start(vec![meet], &Settings::default()).unwrap();
        DirectoryRooms {
            directory,
            configured: HashSet::from(["meet".to_owned()]),
        }
    }

    #[tokio::test]
    async fn the_admin_api_cannot_take_over_or_remove_a_configured_room() {
        let rooms = rooms();
        assert!(rooms.upsert(None, VmrConfig::open("Meet")).is_err());
        assert!(rooms
            .upsert(Some("meet"), VmrConfig::open("other"))
            .is_err());
        rooms.remove("meet");
        assert_eq!(rooms.directory.room_names(), vec!["meet"]);

        assert!(rooms.upsert(None, VmrConfig::open("board")).is_ok());
        assert!(rooms
            .upsert(Some("board"), VmrConfig::open("boardroom"))
            .is_ok());
        assert_eq!(rooms.directory.room_names(), vec!["boardroom", "meet"]);
    }
}
