/// A point in wall-clock time, in milliseconds since the Unix epoch, as given by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

impl Timestamp {
    pub fn from_secs(secs: u64) -> Self {
        Timestamp(secs.saturating_mul(1000))
    }

    pub fn plus_millis(self, millis: u64) -> Self {
        Timestamp(self.0.saturating_add(millis))
    }

    pub fn plus_secs(self, secs: u64) -> Self {
        self.plus_millis(secs.saturating_mul(1000))
    }

    /// Epoch seconds with a fraction, the encoding of `start_time`, `buzz_time` and `spotlight`.
    pub fn as_epoch_secs(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}
