//! Taking turns: one speaker at a time, now and then a second voice cutting in, hands raised first.

use plugboard_client_api::RoomError;
use plugboard_conference::SimulatedCommand;
use rand::Rng;
use uuid::Uuid;

use super::actions::Action;
use super::pace;
use super::Crowd;

/// Loudness while speaking, and in silence.
const SPEAKING: u8 = 100;
const SILENT: u8 = 0;

/// Who is speaking.
#[derive(Debug, Default)]
pub(super) struct Floor {
    /// Whoever has the floor.
    main: Option<Uuid>,
    /// Someone cutting in.
    second: Option<Uuid>,
    /// Who spoke last: the floor goes to someone else if it can.
    last: Option<Uuid>,
}

impl Crowd {
    /// Give the floor to someone: preferably whoever raised a hand.
    pub(super) async fn next_turn(&mut self) -> Result<(), RoomError> {
        if self.floor.main.is_some() {
            return Ok(());
        }
        let hand_first = self.rng.random_bool(pace::HAND_FIRST_CHANCE);
        let last = self.floor.last;
        let speaker = match self.pick(|p| p.can_speak() && p.hand_up) {
            Some(uuid) if hand_first => Some(uuid),
            _ => match self.pick(|p| p.can_speak() && Some(p.uuid) != last) {
                Some(uuid) => Some(uuid),
                None => self.pick(|p| p.can_speak()),
            },
        };
        let Some(uuid) = speaker else {
            self.after(pace::NOBODY_TO_SPEAK_RETRY, Action::NextTurn);
            return Ok(());
        };
        self.floor.main = Some(uuid);
        self.floor.last = Some(uuid);
        let length = pace::TURN.draw(&mut self.rng);
        if self.rng.random_bool(pace::INTERJECTION_CHANCE) {
            let into_turn = pace::Span(length / 4, length * 3 / 4).draw(&mut self.rng);
            self.timeline.after(into_turn, Action::Interject);
        }
        let turn = self.start_speaking(uuid).await?;
        self.timeline.after(length, Action::EndTurn { uuid, turn });
        Ok(())
    }

    /// Someone agrees, laughs or cuts in while another speaks.
    pub(super) async fn interject(&mut self) -> Result<(), RoomError> {
        if self.floor.main.is_none() || self.floor.second.is_some() {
            return Ok(());
        }
        let Some(uuid) = self.pick(|p| p.can_speak()) else {
            return Ok(());
        };
        self.floor.second = Some(uuid);
        let length = pace::INTERJECTION.draw(&mut self.rng);
        let turn = self.start_speaking(uuid).await?;
        self.timeline.after(length, Action::EndTurn { uuid, turn });
        Ok(())
    }

    /// Unmute if need be, lower a raised hand, and speak; answers the number of this turn.
    async fn start_speaking(&mut self, uuid: Uuid) -> Result<u64, RoomError> {
        let mute_again = self.rng.random_bool(pace::MUTE_AGAIN_CHANCE);
        let Some(person) = self.person_mut(uuid) else {
            return Ok(0);
        };
        person.speaking = true;
        person.turn += 1;
        let turn = person.turn;
        let (client_muted, hand_up) = (person.client_muted, person.hand_up);
        person.mute_after_turn = client_muted && mute_again;
        if client_muted {
            self.set_muted(uuid, false).await?;
        }
        if hand_up {
            self.lower_hand(uuid).await?;
        }
        let speak = SimulatedCommand::Speak {
            uuid,
            vad: SPEAKING,
        };
        self.room.run(speak).await?;
        Ok(turn)
    }

    /// The end of someone's turn (or of their interjection); the floor passes after a pause.
    pub(super) async fn end_turn(&mut self, uuid: Uuid, turn: u64) -> Result<(), RoomError> {
        let Some(person) = self.person_mut(uuid) else {
            return Ok(());
        };
        if !person.speaking || person.turn != turn {
            return Ok(());
        }
        person.speaking = false;
        let mute_again = std::mem::take(&mut person.mute_after_turn);
        self.floor_lost(uuid);
        let quiet = SimulatedCommand::Speak { uuid, vad: SILENT };
        self.room.run(quiet).await?;
        if mute_again {
            self.set_muted(uuid, true).await?;
        }
        Ok(())
    }

    /// `uuid` no longer speaks (done, gone, or muted by a host): if they had the floor, someone else
    /// takes it after a pause.
    pub(super) fn floor_lost(&mut self, uuid: Uuid) {
        if self.floor.second == Some(uuid) {
            self.floor.second = None;
        }
        if self.floor.main == Some(uuid) {
            self.floor.main = None;
            let pause = if self.rng.random_bool(pace::SILENCE_CHANCE) {
                pace::SILENCE
            } else {
                pace::PAUSE
            };
            self.after(pause, Action::NextTurn);
        }
    }
}
