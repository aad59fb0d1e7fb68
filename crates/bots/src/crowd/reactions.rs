//! What the crowd notices in the room: a host muting one of them, a host showing one out, someone
//! writing to them.

use plugboard_conference::{Audience, ChatMessage, Event, Outbound};
use rand::Rng;
use uuid::Uuid;

use super::actions::Action;
use super::pace;
use super::Crowd;
use crate::names;
use crate::phrases::Phrase;

impl Crowd {
    pub(super) fn observe(&mut self, outbound: &Outbound) {
        match &outbound.event {
            Event::ParticipantCreate(participant) => {
                self.names_in_room
                    .insert(participant.uuid, participant.display_name.clone());
                if let Some(person) = self.person_mut(participant.uuid) {
                    // Joining muted (guests are muted in this room) is no host muting them.
                    person.update(participant);
                }
            }
            Event::ParticipantUpdate(participant) => {
                self.names_in_room
                    .insert(participant.uuid, participant.display_name.clone());
                let newly_muted = self
                    .person_mut(participant.uuid)
                    .is_some_and(|person| person.update(participant));
                if newly_muted {
                    self.muted_by_host(participant.uuid);
                }
            }
            Event::ParticipantDelete(uuid) => {
                self.names_in_room.remove(uuid);
                self.gone(*uuid);
            }
            Event::MessageReceived(message) => self.heard(outbound.audience, message),
            _ => {}
        }
    }

    /// A host muted them: they stop speaking, stay muted, and sometimes apologise.
    fn muted_by_host(&mut self, uuid: Uuid) {
        let Some(person) = self.person(uuid) else {
            return;
        };
        if person.speaking {
            let turn = person.turn;
            self.timeline
                .after(std::time::Duration::ZERO, Action::EndTurn { uuid, turn });
        }
        if self.rng.random_bool(pace::APOLOGY_CHANCE) {
            let text = Phrase::MutedApology.pick(&mut self.rng);
            self.after(
                pace::APOLOGY_AFTER,
                Action::Say {
                    uuid,
                    text,
                    to: None,
                },
            );
        }
    }

    /// A chat message reached one of them. The crowd answers people, never itself.
    fn heard(&mut self, audience: Audience, message: &ChatMessage) {
        let Audience::Only(recipient) = audience else {
            return;
        };
        if self.person(message.uuid).is_some() || self.person(recipient).is_none() {
            return;
        }
        if message.direct {
            if self.rng.random_bool(pace::DIRECT_REPLY_CHANCE) {
                let text = Phrase::DirectReply.pick(&mut self.rng);
                let to = Some(message.uuid);
                self.after(
                    pace::REPLY_AFTER,
                    Action::Say {
                        uuid: recipient,
                        text,
                        to,
                    },
                );
            }
            return;
        }
        // A message to everyone reaches each of them: answer it once, when it reaches the first.
        if self.people.iter().find(|p| p.admitted).map(|p| p.uuid) != Some(recipient) {
            return;
        }
        let named = self
            .people
            .iter()
            .find(|p| p.admitted && mentions(&message.payload, names::first_name(&p.name)))
            .map(|p| p.uuid);
        let (uuid, phrase) = match named {
            Some(uuid) if self.rng.random_bool(pace::NAMED_REPLY_CHANCE) => {
                (Some(uuid), Phrase::DirectReply)
            }
            Some(_) => (None, Phrase::Reaction),
            None if self.rng.random_bool(pace::REACTION_CHANCE) => {
                (self.pick(|p| p.admitted), Phrase::Reaction)
            }
            None => (None, Phrase::Reaction),
        };
        if let Some(uuid) = uuid {
            let text = phrase.pick(&mut self.rng);
            self.after(
                pace::REPLY_AFTER,
                Action::Say {
                    uuid,
                    text,
                    to: None,
                },
            );
        }
    }
}

/// Whether `text` names `name` as a word of its own, whatever the case.
fn mentions(text: &str, name: &str) -> bool {
    let name = name.to_lowercase();
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .any(|word| word == name)
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn a_name_is_mentioned_as_a_word_of_its_own() {
        assert!(mentions("Thanks, Amara!", "Amara"));
        assert!(mentions("@amara can you check?", "Amara"));
        assert!(!mentions("Amarachi will join later", "Amara"));
        assert!(mentions("Min-jun, over to you", "Min-jun"));
    }
}
