//! How often and for how long simulated people do things: ranges a crowd draws from, and how likely
//! each choice is. Tuned so that a handful of people make a lively but followable meeting.

use rand::Rng;
use tokio::time::Duration;

/// A span of time to draw from, lowest to highest.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span(pub Duration, pub Duration);

const fn secs(low: u64, high: u64) -> Span {
    Span(Duration::from_secs(low), Duration::from_secs(high))
}

const fn millis(low: u64, high: u64) -> Span {
    Span(Duration::from_millis(low), Duration::from_millis(high))
}

impl Span {
    pub fn draw(self, rng: &mut impl Rng) -> Duration {
        let (low, high) = (self.0.as_millis(), self.1.as_millis());
        if high <= low {
            return self.0;
        }
        let low = u64::try_from(low).unwrap_or(u64::MAX);
        let high = u64::try_from(high).unwrap_or(u64::MAX);
        Duration::from_millis(rng.random_range(low..=high))
    }
}

/// Between one person joining and the next when the crowd first arrives.
pub(super) const ARRIVAL_GAP: Span = millis(300, 2500);
/// How often the crowd changes: some leave, others arrive.
pub(super) const CHURN_EVERY: Span = secs(45, 75);
/// When, within the next minute, someone who is leaving leaves.
pub(super) const LEAVING_WITHIN: Span = secs(0, 50);
/// How long after someone left a newcomer takes their place.
pub(super) const REPLACED_AFTER: Span = secs(5, 40);
/// When someone missing from the crowd (turned away, disconnected by a host) is made up for.
pub(super) const TOP_UP_WITHIN: Span = secs(2, 30);
/// The first words of the meeting.
pub(super) const FIRST_TURN_AFTER: Span = secs(2, 5);
/// How long someone speaks, once they have the floor.
pub(super) const TURN: Span = secs(2, 15);
/// The pause between one speaker and the next; now and then a longer silence.
pub(super) const PAUSE: Span = millis(300, 2500);
pub(super) const SILENCE: Span = secs(4, 10);
pub(super) const SILENCE_CHANCE: f64 = 0.15;
/// When nobody can speak (everyone is muted, say), how long until the crowd looks again.
pub(super) const NOBODY_TO_SPEAK_RETRY: Span = secs(3, 6);
/// A second voice now and then: someone agreeing, laughing, cutting in.
pub(super) const INTERJECTION_CHANCE: f64 = 0.25;
pub(super) const INTERJECTION: Span = secs(1, 3);
/// Whoever raised a hand is likelier to be given the floor.
pub(super) const HAND_FIRST_CHANCE: f64 = 0.7;
/// Someone muted by their own client unmutes to speak, and often mutes again after.
pub(super) const MUTE_AGAIN_CHANCE: f64 = 0.6;
pub(super) const HANDS_EVERY: Span = secs(20, 80);
pub(super) const HAND_UP_FOR: Span = secs(15, 60);
pub(super) const CHAT_EVERY: Span = secs(20, 75);
pub(super) const MUTE_TOGGLE_EVERY: Span = secs(25, 70);
pub(super) const GREETING_CHANCE: f64 = 0.3;
pub(super) const GREETING_AFTER: Span = secs(3, 12);
pub(super) const GOODBYE_CHANCE: f64 = 0.2;
/// Someone a host muted says sorry now and then.
pub(super) const APOLOGY_CHANCE: f64 = 0.4;
pub(super) const APOLOGY_AFTER: Span = secs(2, 6);
/// A direct message gets an answer; a message to everyone, sometimes a reaction.
pub(super) const DIRECT_REPLY_CHANCE: f64 = 0.9;
pub(super) const REACTION_CHANCE: f64 = 0.3;
/// Someone named in a message answers.
pub(super) const NAMED_REPLY_CHANCE: f64 = 0.8;
pub(super) const REPLY_AFTER: Span = secs(2, 8);

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn draws_stay_within_their_span() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..1000 {
            let turn = TURN.draw(&mut rng);
            assert!(turn >= TURN.0 && turn <= TURN.1);
        }
        assert_eq!(secs(3, 3).draw(&mut rng), Duration::from_secs(3));
        assert_eq!(secs(5, 1).draw(&mut rng), Duration::from_secs(5));
    }
}
