//! One simulated person of a crowd, as the crowd knows them.

use plugboard_conference::{Participant, Role};
use uuid::Uuid;

pub(super) struct Person {
    pub uuid: Uuid,
    pub name: String,
    pub role: Role,
    /// In the conference rather than its waiting room.
    pub admitted: bool,
    /// Muted by a host: they stay so until a host unmutes them.
    pub host_muted: bool,
    /// Muted by their own microphone button.
    pub client_muted: bool,
    pub hand_up: bool,
    pub speaking: bool,
    /// Counts this person's turns, so that the end of an old turn does not cut a new one short.
    pub turn: u64,
    /// They unmuted to speak and mute again when done.
    pub mute_after_turn: bool,
}

impl Person {
    pub fn new(uuid: Uuid, name: String, role: Role) -> Self {
        Person {
            uuid,
            name,
            role,
            admitted: false,
            host_muted: false,
            client_muted: false,
            hand_up: false,
            speaking: false,
            turn: 0,
            mute_after_turn: false,
        }
    }

    /// Take in what the conference says about them; answers whether a host has just muted them.
    pub fn update(&mut self, participant: &Participant) -> bool {
        let newly_muted = participant.is_muted && !self.host_muted;
        self.role = participant.role;
        self.admitted = participant.service_type.is_admitted();
        self.host_muted = participant.is_muted;
        self.client_muted = participant.is_client_muted;
        self.hand_up = participant.buzz_time.is_some();
        newly_muted
    }

    /// Free to take the floor: in the conference, not muted by a host, not already talking.
    pub fn can_speak(&self) -> bool {
        self.admitted && !self.host_muted && !self.speaking
    }
}
