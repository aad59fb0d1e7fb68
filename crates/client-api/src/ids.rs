use plugboard_conference::IdSource;
use rand::Rng;
use uuid::Uuid;

/// Tokens and uuids from the operating system's random source.
pub(crate) struct RandomIds;

impl IdSource for RandomIds {
    fn token(&mut self) -> String {
        let bytes: [u8; 24] = rand::rng().random();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn uuid(&mut self) -> Uuid {
        Uuid::new_v4()
    }
}
