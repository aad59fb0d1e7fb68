//! What the crowd does when its time comes: people arrive and leave, raise hands, chat, and mute or
//! unmute themselves.

use std::collections::HashSet;

use plugboard_client_api::RoomError;
use plugboard_conference::{Role, SimulatedCommand};
use rand::Rng;
use tokio::time::Instant;
use uuid::Uuid;

use super::pace::{self, Span};
use super::person::Person;
use super::Crowd;
use crate::names;
use crate::phrases::Phrase;

#[derive(Debug)]
pub(super) enum Action {
    /// Someone new arrives.
    Join,
    Leave(Uuid),
    /// Plan the next minute's comings and goings.
    Churn,
    /// The floor passes to someone.
    NextTurn,
    EndTurn {
        uuid: Uuid,
        turn: u64,
    },
    /// A second voice cuts in.
    Interject,
    RaiseSomeHand,
    LowerHand(Uuid),
    Chatter,
    Say {
        uuid: Uuid,
        text: String,
        to: Option<Uuid>,
    },
    ToggleSomeMute,
}

impl Crowd {
    /// The crowd arrives one by one, then lives its life.
    pub(super) fn plan_arrival(&mut self) {
        let mut at = Instant::now();
        for _ in 0..self.options.count {
            at += pace::ARRIVAL_GAP.draw(&mut self.rng);
            self.timeline.at(at, Action::Join);
            self.pending_joins += 1;
        }
        self.after(pace::CHURN_EVERY, Action::Churn);
        self.after(pace::FIRST_TURN_AFTER, Action::NextTurn);
        self.after(pace::HANDS_EVERY, Action::RaiseSomeHand);
        self.after(pace::CHAT_EVERY, Action::Chatter);
        self.after(pace::MUTE_TOGGLE_EVERY, Action::ToggleSomeMute);
    }

    pub(super) fn after(&mut self, span: Span, action: Action) {
        let delay = span.draw(&mut self.rng);
        self.timeline.after(delay, action);
    }

    /// Do what is due. Refusals are part of life (a full room, a host who was quicker); only a room
    /// that is gone ends the crowd.
    pub(super) async fn perform(&mut self, action: Action) -> Result<(), RoomError> {
        let result = match action {
            Action::Join => self.join().await,
            Action::Leave(uuid) => self.leave(uuid).await,
            Action::Churn => {
                self.churn();
                Ok(())
            }
            Action::NextTurn => self.next_turn().await,
            Action::EndTurn { uuid, turn } => self.end_turn(uuid, turn).await,
            Action::Interject => self.interject().await,
            Action::RaiseSomeHand => self.raise_some_hand().await,
            Action::LowerHand(uuid) => self.lower_hand(uuid).await,
            Action::Chatter => {
                self.after(pace::CHAT_EVERY, Action::Chatter);
                match self.pick(|p| p.admitted) {
                    Some(uuid) => {
                        let text = Phrase::Chatter.pick(&mut self.rng);
                        self.say(uuid, text, None).await
                    }
                    None => Ok(()),
                }
            }
            Action::Say { uuid, text, to } => self.say(uuid, text, to).await,
            Action::ToggleSomeMute => self.toggle_some_mute().await,
        };
        match result {
            Err(RoomError::Refused(error)) => {
                tracing::debug!(room = self.room.alias(), %error, "a simulated participant was refused");
                Ok(())
            }
            other => other,
        }
    }

    async fn join(&mut self) -> Result<(), RoomError> {
        self.pending_joins = self.pending_joins.saturating_sub(1);
        if self.people.len() >= self.options.count {
            return Ok(());
        }
        let taken: HashSet<String> = self.names_in_room.values().cloned().collect();
        let name = names::full_name(&mut self.rng, &taken);
        let role = if self.rng.random_bool(self.options.host_share) {
            Role::Host
        } else {
            Role::Guest
        };
        let greets = self.rng.random_bool(pace::GREETING_CHANCE);
        let uuid = self.room.join(&name, role).await?;
        tracing::debug!(room = self.room.alias(), %name, "a simulated participant joins");
        self.names_in_room.insert(uuid, name.clone());
        self.people.push(Person::new(uuid, name, role));
        if greets {
            let text = Phrase::Greeting.pick(&mut self.rng);
            self.after(
                pace::GREETING_AFTER,
                Action::Say {
                    uuid,
                    text,
                    to: None,
                },
            );
        }
        Ok(())
    }

    async fn leave(&mut self, uuid: Uuid) -> Result<(), RoomError> {
        let Some(person) = self.person(uuid) else {
            return Ok(());
        };
        if person.admitted && self.rng.random_bool(pace::GOODBYE_CHANCE) {
            let text = Phrase::Goodbye.pick(&mut self.rng);
            self.say(uuid, text, None).await?;
        }
        self.gone(uuid);
        self.room.run(SimulatedCommand::Leave { uuid }).await?;
        Ok(())
    }

    /// Someone of the crowd is no longer in the room: they left, or were shown out.
    pub(super) fn gone(&mut self, uuid: Uuid) {
        self.people.retain(|p| p.uuid != uuid);
        self.floor_lost(uuid);
    }

    /// A few leave within the next minute and others take their places; whoever is missing besides
    /// (turned away by a full room, disconnected by a host) is made up for.
    fn churn(&mut self) {
        self.after(pace::CHURN_EVERY, Action::Churn);
        let count = self.options.count;
        let missing = count.saturating_sub(self.people.len() + self.pending_joins);
        for _ in 0..missing {
            self.after(pace::TOP_UP_WITHIN, Action::Join);
            self.pending_joins += 1;
        }
        if self.people.is_empty() {
            return;
        }
        let most = (count / 6).clamp(1, self.people.len());
        let leaving = self.rng.random_range(1..=most);
        let mut present: Vec<Uuid> = self.people.iter().map(|p| p.uuid).collect();
        for _ in 0..leaving {
            let index = self.rng.random_range(0..present.len());
            let uuid = present.swap_remove(index);
            let leaves_at = Instant::now() + pace::LEAVING_WITHIN.draw(&mut self.rng);
            let replaced_at = leaves_at + pace::REPLACED_AFTER.draw(&mut self.rng);
            self.timeline.at(leaves_at, Action::Leave(uuid));
            self.timeline.at(replaced_at, Action::Join);
            self.pending_joins += 1;
        }
    }

    async fn raise_some_hand(&mut self) -> Result<(), RoomError> {
        self.after(pace::HANDS_EVERY, Action::RaiseSomeHand);
        let Some(uuid) = self.pick(|p| p.admitted && !p.hand_up && !p.speaking) else {
            return Ok(());
        };
        self.after(pace::HAND_UP_FOR, Action::LowerHand(uuid));
        self.room.run(SimulatedCommand::RaiseHand { uuid }).await?;
        Ok(())
    }

    pub(super) async fn lower_hand(&mut self, uuid: Uuid) -> Result<(), RoomError> {
        if self.person(uuid).is_some_and(|p| p.hand_up) {
            self.room.run(SimulatedCommand::LowerHand { uuid }).await?;
        }
        Ok(())
    }

    pub(super) async fn say(
        &mut self,
        uuid: Uuid,
        text: String,
        to: Option<Uuid>,
    ) -> Result<(), RoomError> {
        if self.person(uuid).is_some_and(|p| p.admitted) {
            self.room
                .run(SimulatedCommand::Chat { uuid, text, to })
                .await?;
        }
        Ok(())
    }

    async fn toggle_some_mute(&mut self) -> Result<(), RoomError> {
        self.after(pace::MUTE_TOGGLE_EVERY, Action::ToggleSomeMute);
        let Some(uuid) = self.pick(|p| p.admitted && !p.speaking && !p.host_muted) else {
            return Ok(());
        };
        let muted = !self.person(uuid).is_some_and(|p| p.client_muted);
        self.set_muted(uuid, muted).await
    }

    pub(super) async fn set_muted(&mut self, uuid: Uuid, muted: bool) -> Result<(), RoomError> {
        if let Some(person) = self.person_mut(uuid) {
            // Known at once, so that a speaker who just unmuted is not taken for a muted one.
            person.client_muted = muted;
            self.room
                .run(SimulatedCommand::SetMuted { uuid, muted })
                .await?;
        }
        Ok(())
    }

    /// Everyone leaves: the crowd is stopped.
    pub(super) async fn leave_all(&mut self) {
        for person in std::mem::take(&mut self.people) {
            let leave = SimulatedCommand::Leave { uuid: person.uuid };
            // Someone already gone, or a room already closed, needs no goodbye.
            let _ = self.room.run(leave).await;
        }
    }
}
