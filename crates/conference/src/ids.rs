use uuid::Uuid;

/// Where fresh identifiers come from. The server injects a cryptographically random source; tests use
/// [`SequentialIds`] so that runs are reproducible.
pub trait IdSource: Send {
    /// An unguessable bearer token.
    fn token(&mut self) -> String;
    /// A fresh participant uuid.
    fn uuid(&mut self) -> Uuid;
}

/// Deterministic identifiers for tests: `token-1`, `token-2`, … and uuids counting up from 1.
#[derive(Debug, Default)]
pub struct SequentialIds {
    next: u64,
}

impl IdSource for SequentialIds {
    fn token(&mut self) -> String {
        self.next += 1;
        format!("token-{}", self.next)
    }

    fn uuid(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u128(u128::from(self.next))
    }
}
