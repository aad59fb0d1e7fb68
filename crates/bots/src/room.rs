//! The room simulated people are in, reached through the node's directory by its alias.

use plugboard_client_api::{Directory, RoomError, RoomWatch};
use plugboard_conference::{
    Command, ConferenceRequest, Participant, Reply, Request, Role, SimulatedCommand,
};
use uuid::Uuid;

#[derive(Clone)]
pub(crate) struct Room {
    directory: Directory,
    alias: String,
}

impl Room {
    pub fn new(directory: Directory, alias: String) -> Self {
        Room { directory, alias }
    }

    pub fn alias(&self) -> &str {
        &self.alias
    }

    pub fn exists(&self) -> bool {
        self.directory.has_room(&self.alias)
    }

    pub async fn watch(&self) -> Result<RoomWatch, RoomError> {
        self.directory.watch(&self.alias).await
    }

    /// Someone new joins; the answer is their uuid.
    pub async fn join(&self, display_name: &str, role: Role) -> Result<Uuid, RoomError> {
        let join = SimulatedCommand::Join {
            display_name: display_name.to_owned(),
            role,
        };
        match self.run(join).await? {
            Reply::Uuids(uuids) => uuids.first().copied().ok_or_else(unexpected),
            _ => Err(unexpected()),
        }
    }

    /// What a simulated person does.
    pub async fn run(&self, command: SimulatedCommand) -> Result<Reply, RoomError> {
        self.directory
            .command(&self.alias, Command::Simulated(command))
            .await
    }

    /// A request of the client API, made by a simulated person.
    pub async fn request(&self, uuid: Uuid, request: Request) -> Result<Reply, RoomError> {
        self.run(SimulatedCommand::Request { uuid, request }).await
    }

    /// Everyone in the conference, as `by` sees them.
    pub async fn participants(&self, by: Uuid) -> Result<Vec<Participant>, RoomError> {
        let request = Request::Conference(ConferenceRequest::Participants);
        match self.request(by, request).await? {
            Reply::Participants(participants) => Ok(participants),
            _ => Err(unexpected()),
        }
    }
}

/// The engine answered a command with a reply of another kind: it cannot, but a simulated person
/// would not know what to do with it either.
fn unexpected() -> RoomError {
    RoomError::Refused(plugboard_conference::Error::Invalid(
        "unexpected answer".to_owned(),
    ))
}
