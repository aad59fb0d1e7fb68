//! One task per live conference: it owns the engine, runs its timers, and fans its events out.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use bytes::Bytes;
use plugboard_conference::{Audience, Command, Conference, Error, Event, Outbound, Reply, Role};
use tokio::sync::{broadcast, mpsc, oneshot};
use uuid::Uuid;

use crate::clock;
use crate::stream::Subscription;
use crate::watch::RoomWatch;
use crate::wire::{event_data, frame, participant_data, sync_frames};

/// How many recent events a reconnecting stream can resume from with `Last-Event-ID`.
const RESUME_BUFFER_EVENTS: usize = 4096;
/// Frames a subscriber may fall behind by before it is disconnected, instead of growing memory.
const SUBSCRIBER_BACKLOG: usize = 8192;
const MAILBOX: usize = 4096;
/// Events a watcher may fall behind by before it misses some.
const WATCH_BACKLOG: usize = 4096;

pub(crate) enum Message {
    Command {
        command: Command,
        reply: oneshot::Sender<Result<Reply, Error>>,
    },
    Subscribe {
        token: String,
        last_event_id: Option<u64>,
        reply: oneshot::Sender<Result<Subscription, Error>>,
    },
    Watch {
        reply: oneshot::Sender<RoomWatch>,
    },
}

/// The way in to a conference's actor.
#[derive(Clone)]
pub(crate) struct ConferenceHandle {
    mailbox: mpsc::Sender<Message>,
}

impl ConferenceHandle {
    pub fn spawn(conference: Conference) -> Self {
        let (mailbox, inbox) = mpsc::channel(MAILBOX);
        let actor = Actor {
            conference,
            subscribers: HashMap::new(),
            recent: VecDeque::new(),
            roster_json: HashMap::new(),
            watchers: None,
        };
        tokio::spawn(actor.run(inbox));
        ConferenceHandle { mailbox }
    }

    /// Run a command; `None` when the actor is gone (the node is shutting down).
    pub async fn command(&self, command: Command) -> Option<Result<Reply, Error>> {
        let (reply, answer) = oneshot::channel();
        self.mailbox
            .send(Message::Command { command, reply })
            .await
            .ok()?;
        answer.await.ok()
    }

    /// Run a command without waiting for its answer (the mailbox is full only under extreme load; the
    /// command then waits its turn on a task of its own).
    pub fn tell(&self, command: Command) {
        let (reply, _answer) = oneshot::channel();
        let message = Message::Command { command, reply };
        if let Err(mpsc::error::TrySendError::Full(message)) = self.mailbox.try_send(message) {
            let mailbox = self.mailbox.clone();
            tokio::spawn(async move {
                // The node is shutting down when this fails; nothing is left to reconfigure.
                let _ = mailbox.send(message).await;
            });
        }
    }

    pub async fn subscribe(
        &self,
        token: String,
        last_event_id: Option<u64>,
    ) -> Option<Result<Subscription, Error>> {
        let (reply, answer) = oneshot::channel();
        let message = Message::Subscribe {
            token,
            last_event_id,
            reply,
        };
        self.mailbox.send(message).await.ok()?;
        answer.await.ok()
    }

    /// Every event of the conference from now on; `None` when the actor is gone.
    pub async fn watch(&self) -> Option<RoomWatch> {
        let (reply, answer) = oneshot::channel();
        self.mailbox.send(Message::Watch { reply }).await.ok()?;
        answer.await.ok()
    }
}

struct Subscriber {
    frames: mpsc::Sender<Bytes>,
}

/// An event already serialized, kept for streams that resume.
struct RecentEvent {
    id: u64,
    audience: Audience,
    frame: Bytes,
}

struct Actor {
    conference: Conference,
    subscribers: HashMap<Uuid, Subscriber>,
    recent: VecDeque<RecentEvent>,
    /// Each participant's JSON as last sent, so that the sync of a new stream copies instead of
    /// serializing the whole roster again.
    roster_json: HashMap<Uuid, Bytes>,
    /// In-process observers of every event, whoever it is for; made when the first one watches.
    watchers: Option<broadcast::Sender<Arc<Outbound>>>,
}

impl Actor {
    async fn run(mut self, mut inbox: mpsc::Receiver<Message>) {
        loop {
            let deadline = self.conference.poll_timeout();
            tokio::select! {
                message = inbox.recv() => match message {
                    Some(message) => self.handle(message),
                    None => break,
                },
                () = tokio::time::sleep(deadline.map_or(std::time::Duration::MAX, clock::until)), if deadline.is_some() => {
                    self.conference.handle_timeout(clock::now());
                }
            }
            self.deliver_events();
        }
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Command { command, reply } => {
                let result = self.conference.handle(clock::now(), command);
                let _ = reply.send(result);
            }
            Message::Subscribe {
                token,
                last_event_id,
                reply,
            } => {
                let result = self.subscribe(&token, last_event_id);
                let _ = reply.send(result);
            }
            Message::Watch { reply } => {
                // Pending events belong to the past of this watch.
                self.deliver_events();
                let events = self
                    .watchers
                    .get_or_insert_with(|| broadcast::channel(WATCH_BACKLOG).0)
                    .subscribe();
                let participants = self.conference.participants().cloned().collect();
                let _ = reply.send(RoomWatch::new(participants, events));
            }
        }
    }

    fn subscribe(
        &mut self,
        token: &str,
        last_event_id: Option<u64>,
    ) -> Result<Subscription, Error> {
        // Pending events belong to the past of this subscription: deliver them first.
        self.deliver_events();
        let uuid = self.conference.authenticate(clock::now(), token)?;
        let role = self.role(uuid);
        let (frames, live) = mpsc::channel(SUBSCRIBER_BACKLOG);
        let catch_up = match last_event_id.and_then(|id| self.resume_frames(id, uuid, role)) {
            Some(missed) => missed,
            None => self.sync(),
        };
        // A second stream for the same participant replaces the first, which ends.
        self.subscribers.insert(uuid, Subscriber { frames });
        Ok(Subscription { catch_up, live })
    }

    /// The events after `last_id` this participant may see, or `None` when they are no longer buffered.
    fn resume_frames(&self, last_id: u64, uuid: Uuid, role: Role) -> Option<Vec<Bytes>> {
        let newest = self.conference.last_event_id();
        if last_id > newest {
            return None;
        }
        if last_id < newest {
            let oldest = self.recent.front()?.id;
            if last_id + 1 < oldest {
                return None;
            }
        }
        let missed = self
            .recent
            .iter()
            .filter(|e| e.id > last_id && e.audience.includes(uuid, role))
            .map(|e| e.frame.clone())
            .collect();
        Some(missed)
    }

    fn role(&self, uuid: Uuid) -> Role {
        self.conference
            .participant(uuid)
            .map_or(Role::Guest, |p| p.role)
    }

    /// The full roster, as a stream that cannot resume gets it.
    fn sync(&self) -> Vec<Bytes> {
        let roster: Vec<Bytes> = self
            .conference
            .participants()
            .map(|p| match self.roster_json.get(&p.uuid) {
                Some(json) => json.clone(),
                None => participant_data(p),
            })
            .collect();
        sync_frames(self.conference.last_event_id(), roster.into_iter())
    }

    fn deliver_events(&mut self) {
        while let Some(outbound) = self.conference.poll_event() {
            let data = event_data(&outbound.event);
            let frame = frame(outbound.id, outbound.event.name(), &data);
            self.fan_out(outbound.audience, &frame);
            match &outbound.event {
                Event::ParticipantCreate(p) | Event::ParticipantUpdate(p) => {
                    self.roster_json.insert(p.uuid, data);
                }
                Event::ParticipantDelete(uuid) => {
                    self.roster_json.remove(uuid);
                    // Whatever was queued for them still reaches them; then their stream ends.
                    self.subscribers.remove(uuid);
                }
                _ => {}
            }
            if self.recent.len() == RESUME_BUFFER_EVENTS {
                self.recent.pop_front();
            }
            self.recent.push_back(RecentEvent {
                id: outbound.id,
                audience: outbound.audience,
                frame,
            });
            if let Some(watchers) = &self.watchers {
                if watchers.receiver_count() > 0 {
                    // Fails only when the last watcher just left.
                    let _ = watchers.send(Arc::new(outbound));
                }
            }
        }
    }

    fn fan_out(&mut self, audience: Audience, frame: &Bytes) {
        match audience {
            Audience::Only(uuid) => {
                if let Some(subscriber) = self.subscribers.get(&uuid) {
                    if subscriber.frames.try_send(frame.clone()).is_err() {
                        self.subscribers.remove(&uuid);
                    }
                }
            }
            Audience::Everyone | Audience::Role(_) => {
                let conference = &self.conference;
                // A subscriber that cannot keep up (or has gone) is dropped rather than buffered without bound.
                self.subscribers.retain(|uuid, subscriber| {
                    let role = conference
                        .participant(*uuid)
                        .map_or(Role::Guest, |p| p.role);
                    !audience.includes(*uuid, role)
                        || subscriber.frames.try_send(frame.clone()).is_ok()
                });
            }
        }
    }
}
