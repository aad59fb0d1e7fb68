//! What simulated people say in chat: short, ordinary things people write during a meeting.

use rand::seq::IndexedRandom;
use rand::Rng;

/// Said on arriving, now and then.
const GREETINGS: &[&str] = &[
    "Hi everyone!",
    "Hello all 👋",
    "Morning!",
    "Good afternoon from here",
    "Hey, sorry I'm a bit late",
    "Hi! Just joined",
    "Hello hello",
    "Hi all, can you hear me OK?",
    "Evening from my side of the world 🌙",
    "Hey team",
    "Hi! Joining from my phone today",
    "Hallo zusammen",
    "¡Hola a todos!",
    "Bonjour tout le monde",
];

/// Said any time.
const CHATTER: &[&str] = &[
    "Can you share the slides afterwards?",
    "+1",
    "Agreed",
    "Good point",
    "Sorry, my connection dropped for a second",
    "Could you repeat the last part?",
    "Is this being recorded?",
    "I'll take that action",
    "Link to the doc, anyone?",
    "Thanks, that's really helpful",
    "Makes sense to me",
    "Can we come back to the budget at the end?",
    "I have a hard stop at the top of the hour",
    "Who's taking notes today?",
    "You're breaking up a little",
    "Nice work on this 🎉",
    "Quick question when there's a moment",
    "I think we covered that last week",
    "Let's take it offline",
    "Coffee break soon? ☕",
    "The numbers look good",
    "I'll follow up by email",
    "Can everyone see my screen? Oh wait, wrong meeting",
    "My camera is being weird, bear with me",
    "Loving the new background",
    "Great question",
    "I can help with that",
    "What's the deadline for this?",
    "Sounds like a plan",
    "Thanks for organising!",
    "Could we get a quick summary at the end?",
    "Same here",
    "Noted 👍",
    "I'm on mute most of the time, kids at home",
    "Is there an agenda for this one?",
    "That's a great idea",
    "I disagree a little, but let's discuss",
    "Following along from the train 🚆",
];

/// A reply to someone else's chat message.
const REACTIONS: &[&str] = &[
    "👍",
    "Thanks!",
    "Good one",
    "Yes, exactly",
    "Haha",
    "Same",
    "Will do",
    "Interesting",
    "Agreed 👍",
    "Noted",
    "Thanks for sharing",
    "😂",
];

/// A reply to a direct message.
const DIRECT_REPLIES: &[&str] = &[
    "Sure, happy to",
    "Got it, thanks!",
    "Yes, I can do that",
    "Give me a minute",
    "Thanks for the heads-up",
    "Sorry, can you say that again?",
    "Will do 👍",
    "Let me check and get back to you",
    "Sounds good",
    "Oh, good catch",
    "No problem",
    "On it",
];

/// Said after a host muted them.
const MUTED_APOLOGIES: &[&str] = &[
    "Sorry about the noise!",
    "Oops, sorry, thanks for muting me",
    "Apologies, builders next door",
    "Sorry! Dog was barking 🐕",
    "Thanks, I'll stay on mute",
    "Sorry, didn't realise I was unmuted",
];

/// Said before leaving, now and then.
const GOODBYES: &[&str] = &[
    "Have to jump to another call, bye!",
    "Thanks all, need to drop off",
    "Sorry, got to go. Talk soon!",
    "Bye everyone 👋",
    "Leaving early, I'll catch up on the notes",
    "Thanks, see you next week",
];

/// The kinds of things people say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phrase {
    Greeting,
    Chatter,
    Reaction,
    DirectReply,
    MutedApology,
    Goodbye,
}

impl Phrase {
    fn list(self) -> &'static [&'static str] {
        match self {
            Phrase::Greeting => GREETINGS,
            Phrase::Chatter => CHATTER,
            Phrase::Reaction => REACTIONS,
            Phrase::DirectReply => DIRECT_REPLIES,
            Phrase::MutedApology => MUTED_APOLOGIES,
            Phrase::Goodbye => GOODBYES,
        }
    }

    /// One of these things, picked by `rng`.
    pub(crate) fn pick(self, rng: &mut impl Rng) -> String {
        self.list().choose(rng).copied().unwrap_or("👍").to_owned()
    }
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn every_kind_of_phrase_has_several_short_one_line_phrases() {
        let kinds = [
            Phrase::Greeting,
            Phrase::Chatter,
            Phrase::Reaction,
            Phrase::DirectReply,
            Phrase::MutedApology,
            Phrase::Goodbye,
        ];
        let mut rng = StdRng::seed_from_u64(0);
        for kind in kinds {
            assert!(kind.list().len() >= 6, "{kind:?}");
            for phrase in kind.list() {
                assert!(!phrase.is_empty() && phrase.len() < 100 && !phrase.contains('\n'));
            }
            assert!(kind.list().contains(&kind.pick(&mut rng).as_str()));
        }
    }
}
