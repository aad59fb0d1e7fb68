use thiserror::Error;

/// Why the engine refused a command. The HTTP face maps each to a status code and Pexip's envelope.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    /// The room asks for a PIN; `guest_pin` tells whether guests need one too.
    #[error("PIN required")]
    PinRequired { guest_pin: bool },
    #[error("Invalid PIN")]
    InvalidPin,
    #[error("Invalid token")]
    InvalidToken,
    #[error("Participant limit reached")]
    LimitReached,
    /// The caller's role may not do this.
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("Participant not found")]
    ParticipantNotFound,
    /// A well-formed request with a value the engine cannot accept.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        Error::Invalid(reason.into())
    }
}
