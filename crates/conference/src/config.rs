use thiserror::Error;

/// How a Virtual Meeting Room behaves: the room-level settings an administrator configures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VmrConfig {
    pub name: String,
    /// Every alias that reaches this room; the name is always one of them.
    pub aliases: Vec<String>,
    /// Host PIN. Without it nobody is asked for a PIN and everyone joins as host.
    pub pin: Option<String>,
    pub guest_pin: Option<String>,
    pub allow_guests: bool,
    pub service_type: VmrServiceType,
    pub participant_limit: Option<usize>,
    pub locked: bool,
    pub guests_muted: bool,
    pub chat_enabled: bool,
}

/// A meeting room (`conference`) or a Virtual Auditorium (`lecture`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VmrServiceType {
    #[default]
    Conference,
    Lecture,
}

impl VmrServiceType {
    pub fn as_str(self) -> &'static str {
        match self {
            VmrServiceType::Conference => "conference",
            VmrServiceType::Lecture => "lecture",
        }
    }
}

impl VmrConfig {
    /// A room with only a name: no PINs, everyone is host, chat on.
    pub fn open(name: &str) -> Self {
        VmrConfig {
            name: name.to_owned(),
            aliases: vec![name.to_owned()],
            pin: None,
            guest_pin: None,
            allow_guests: false,
            service_type: VmrServiceType::Conference,
            participant_limit: None,
            locked: false,
            guests_muted: false,
            chat_enabled: true,
        }
    }

    /// The Pexip rules for PINs, checked once when the configuration is loaded.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let err = |field: RoomField, reason: &str| {
            Err(ConfigError {
                vmr: self.name.clone(),
                field,
                reason: reason.to_owned(),
            })
        };
        if self.name.trim().is_empty() {
            return err(RoomField::Name, "the name must not be empty");
        }
        if self.aliases.iter().any(|a| a.trim().is_empty()) {
            return err(RoomField::Aliases, "an alias must not be empty");
        }
        for (field, pin) in [
            (RoomField::Pin, &self.pin),
            (RoomField::GuestPin, &self.guest_pin),
        ] {
            if pin
                .as_deref()
                .is_some_and(|pin| pin.is_empty() || !pin.chars().all(|c| c.is_ascii_digit()))
            {
                return err(field, "PINs are digits only");
            }
        }
        if self.guest_pin.is_some() && !self.allow_guests {
            return err(RoomField::GuestPin, "a guest_pin needs allow_guests = true");
        }
        if self.allow_guests && self.pin.is_none() {
            return err(
                RoomField::AllowGuests,
                "allow_guests needs a host pin, otherwise hosts and guests cannot be told apart",
            );
        }
        if self.guest_pin.is_some() && self.guest_pin == self.pin {
            return err(
                RoomField::GuestPin,
                "the guest_pin must differ from the host pin",
            );
        }
        if self.participant_limit == Some(0) {
            return err(
                RoomField::ParticipantLimit,
                "participant_limit must be at least 1",
            );
        }
        Ok(())
    }
}

/// A room configuration the rules refuse: which room, which of its settings, and why.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("room {vmr:?}: {reason}")]
pub struct ConfigError {
    pub vmr: String,
    pub field: RoomField,
    pub reason: String,
}

/// The setting of a [`VmrConfig`] that a [`ConfigError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomField {
    Name,
    Aliases,
    Pin,
    GuestPin,
    AllowGuests,
    ParticipantLimit,
}

/// What a simulated far end does when it is dialled: the first rule whose `pattern` occurs in the
/// destination decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialRule {
    pub pattern: String,
    pub answer: bool,
    pub after_ms: u64,
}

impl DialRule {
    /// Destinations containing `busy` or `reject` fail; everything else answers after about a second.
    pub fn defaults() -> Vec<DialRule> {
        let reject = |pattern: &str| DialRule {
            pattern: pattern.to_owned(),
            answer: false,
            after_ms: 0,
        };
        vec![
            reject("busy"),
            reject("reject"),
            DialRule {
                pattern: String::new(),
                answer: true,
                after_ms: 1000,
            },
        ]
    }
}

/// Node-wide settings every conference shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub token_expiry_secs: u64,
    pub waiting_room_timeout_secs: u64,
    /// Rules for simulated far ends; the built-in [`DialRule::defaults`] are appended after these.
    pub dial_rules: Vec<DialRule>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token_expiry_secs: 120,
            waiting_room_timeout_secs: 120,
            dial_rules: DialRule::defaults(),
        }
    }
}
