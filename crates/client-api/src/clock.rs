use std::time::{Duration, SystemTime, UNIX_EPOCH};

use plugboard_conference::Timestamp;

/// The wall clock, read here and nowhere else; the engine only ever sees the values.
pub(crate) fn now() -> Timestamp {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    Timestamp(u64::try_from(since_epoch.as_millis()).unwrap_or(u64::MAX))
}

/// How long from now until `deadline`.
pub(crate) fn until(deadline: Timestamp) -> Duration {
    Duration::from_millis(deadline.0.saturating_sub(now().0))
}
