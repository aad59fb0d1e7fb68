//! Simulated people: they join like a browser with a camera, speak, raise hands, chat, mute
//! themselves and leave, and hosts treat them like anyone else.

mod common;

use common::{names, pinned_vmr, Room};
use plugboard_conference::{
    Audience, CallDirection, Command, ConferenceRequest, Error, Event, Outbound,
    ParticipantRequest, Protocol, Reply, Request, Role, ServiceType, Settings, SimulatedCommand,
    StageEntry, TransferRequest, VmrConfig,
};
use uuid::Uuid;

fn speak(uuid: Uuid, vad: u8) -> SimulatedCommand {
    SimulatedCommand::Speak { uuid, vad }
}

fn chat(uuid: Uuid, text: &str, to: Option<Uuid>) -> SimulatedCommand {
    SimulatedCommand::Chat {
        uuid,
        text: text.to_owned(),
        to,
    }
}

/// The `stage` events among `events`, each as (uuid, vad) pairs in stage order.
fn stages(events: &[Outbound]) -> Vec<Vec<(Uuid, u8)>> {
    events
        .iter()
        .filter_map(|o| match &o.event {
            Event::Stage(entries) => {
                for (index, entry) in entries.iter().enumerate() {
                    assert_eq!(entry.stage_index, index);
                }
                Some(
                    entries
                        .iter()
                        .map(|e: &StageEntry| (e.participant_uuid, e.vad))
                        .collect(),
                )
            }
            _ => None,
        })
        .collect()
}

/// The chat messages among `events`, as (recipient, sender, payload, direct).
fn messages(events: &[Outbound]) -> Vec<(Audience, Uuid, String, bool)> {
    events
        .iter()
        .filter_map(|o| match &o.event {
            Event::MessageReceived(m) => Some((o.audience, m.uuid, m.payload.clone(), m.direct)),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------
// Joining and leaving
// ---------------------------------------------------------------------------------------------------

#[test]
fn a_simulated_person_joins_as_a_webrtc_video_call_and_goes_on_stage() {
    let mut room = Room::pinned();
    let uuid = room.join_simulated("  Amara Okafor ", Role::Guest);
    let p = room.participant(uuid);
    assert_eq!(p.display_name, "Amara Okafor");
    assert_eq!(p.overlay_text, "Amara Okafor");
    assert_eq!(p.role, Role::Guest);
    assert_eq!(p.protocol, Protocol::Webrtc);
    assert_eq!(p.call_direction, CallDirection::In);
    assert_eq!(p.service_type, ServiceType::Conference);
    assert!(p.has_media && p.is_video_call && !p.is_audio_only_call);
    assert!(p.supports_direct_chat);
    assert_eq!(p.start_time, room.now);
    assert_eq!(p.local_alias, "meet");
    let events = room.drain_events();
    assert_eq!(
        names(&events),
        ["participant_create", "stage", "layout", "layout"]
    );
    assert_eq!(stages(&events), [vec![(uuid, 0)]]);
}

#[test]
fn display_names_of_simulated_people_follow_the_rules_of_everyone_elses() {
    let mut room = Room::open();
    for bad in ["", "   ", "two\nlines", &"x".repeat(251)] {
        let join = SimulatedCommand::Join {
            display_name: bad.to_owned(),
            role: Role::Guest,
        };
        assert!(matches!(room.simulated(join), Err(Error::Invalid(_))));
    }
    assert!(room.drain_events().is_empty());
}

#[test]
fn a_simulated_host_starts_the_conference_and_a_guest_does_not() {
    let mut room = Room::pinned();
    room.join_simulated("Gus", Role::Guest);
    assert!(!room.conference.status().started);
    room.join_simulated("Hana", Role::Host);
    assert!(room.conference.status().started);
}

#[test]
fn simulated_people_count_towards_the_participant_limit() {
    let vmr = VmrConfig {
        participant_limit: Some(2),
        ..VmrConfig::open("small")
    };
    let mut room = Room::new(vmr, Settings::default());
    room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    let join = SimulatedCommand::Join {
        display_name: "Bo".to_owned(),
        role: Role::Guest,
    };
    assert_eq!(room.simulated(join.clone()), Err(Error::LimitReached));
    room.simulated(SimulatedCommand::Leave { uuid: amara })
        .unwrap();
    assert!(room.simulated(join).is_ok());
}

#[test]
fn simulated_guests_wait_in_a_locked_conference_until_let_in_and_hosts_do_not() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    let hana = room.join_simulated("Hana", Role::Host);
    let gus = room.join_simulated("Gus", Role::Guest);
    assert_eq!(room.participant(hana).service_type, ServiceType::Conference);
    assert_eq!(room.participant(gus).service_type, ServiceType::WaitingRoom);
    // Waiting guests are not on stage, and cannot chat.
    assert_eq!(stages(&room.drain_events()).last(), Some(&vec![(hana, 0)]));
    assert!(room.simulated(chat(gus, "let me in", None)).is_err());

    room.participant_request(&host, gus, ParticipantRequest::Unlock)
        .unwrap();
    assert_eq!(room.participant(gus).service_type, ServiceType::Conference);
    assert_eq!(
        stages(&room.drain_events()),
        [vec![(hana, 0), (gus, 0)]],
        "the guest let in is on stage"
    );
}

#[test]
fn a_simulated_guest_left_waiting_is_removed_after_the_waiting_room_timeout() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    let gus = room.join_simulated("Gus", Role::Guest);
    room.drain_events();
    room.advance(Settings::default().waiting_room_timeout_secs);
    assert!(!room.is_present(gus));
    let events = room.drain_events();
    assert!(
        events
            .iter()
            .any(|o| o.event == Event::ParticipantDelete(gus)),
        "{:?}",
        names(&events)
    );
}

#[test]
fn simulated_guests_join_muted_while_guests_are_muted() {
    let vmr = VmrConfig {
        guests_muted: true,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    let gus = room.join_simulated("Gus", Role::Guest);
    let hana = room.join_simulated("Hana", Role::Host);
    assert!(room.participant(gus).is_muted);
    assert!(!room.participant(hana).is_muted);
}

#[test]
fn leaving_deletes_the_participant_and_takes_them_off_stage() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    let bo = room.join_simulated("Bo", Role::Guest);
    room.drain_events();
    room.simulated(SimulatedCommand::Leave { uuid: amara })
        .unwrap();
    let events = room.drain_events();
    assert_eq!(
        names(&events),
        ["participant_delete", "stage", "layout", "layout"]
    );
    assert_eq!(stages(&events), [vec![(bo, 0)]]);
    // No `disconnect` is addressed to anyone: a simulated person has no event stream.
    assert!(events
        .iter()
        .all(|o| !matches!(o.event, Event::Disconnect { .. })));
    assert!(room.is_present(host.uuid));
    assert_eq!(
        room.simulated(SimulatedCommand::Leave { uuid: amara }),
        Err(Error::ParticipantNotFound)
    );
}

// ---------------------------------------------------------------------------------------------------
// Speaking
// ---------------------------------------------------------------------------------------------------

#[test]
fn speaking_shows_on_stage_and_only_changes_are_announced() {
    let mut room = Room::open();
    let amara = room.join_simulated("Amara", Role::Guest);
    let bo = room.join_simulated("Bo", Role::Guest);
    room.drain_events();

    room.simulated(speak(bo, 100)).unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["stage"], "a new loudness is no new layout");
    assert_eq!(stages(&events), [vec![(amara, 0), (bo, 100)]]);

    room.simulated(speak(bo, 100)).unwrap();
    assert!(room.drain_events().is_empty(), "nothing changed");

    room.simulated(speak(amara, 40)).unwrap();
    room.simulated(speak(bo, 0)).unwrap();
    assert_eq!(
        stages(&room.drain_events()),
        [vec![(amara, 40), (bo, 100)], vec![(amara, 40), (bo, 0)]]
    );
}

#[test]
fn a_vad_above_100_is_invalid_and_changes_nothing() {
    let mut room = Room::open();
    let amara = room.join_simulated("Amara", Role::Guest);
    room.drain_events();
    assert!(matches!(
        room.simulated(speak(amara, 101)),
        Err(Error::Invalid(_))
    ));
    assert!(room.drain_events().is_empty());
}

#[test]
fn a_muted_speaker_is_silent_on_stage_until_unmuted() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    room.simulated(speak(amara, 100)).unwrap();
    room.drain_events();

    room.participant_request(&host, amara, ParticipantRequest::Mute(true))
        .unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_update", "stage"]);
    assert_eq!(stages(&events), [vec![(amara, 0)]]);
    room.simulated(speak(amara, 100)).unwrap();
    assert!(room.drain_events().is_empty(), "still muted, still silent");

    room.participant_request(&host, amara, ParticipantRequest::Mute(false))
        .unwrap();
    assert_eq!(stages(&room.drain_events()), [vec![(amara, 100)]]);

    // Their own microphone button does the same.
    room.simulated(SimulatedCommand::SetMuted {
        uuid: amara,
        muted: true,
    })
    .unwrap();
    assert!(room.participant(amara).is_client_muted);
    assert_eq!(stages(&room.drain_events()), [vec![(amara, 0)]]);
}

#[test]
fn speaking_keeps_the_stage_order_of_spotlights_then_join_order() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    let bo = room.join_simulated("Bo", Role::Guest);
    room.participant_request(&host, bo, ParticipantRequest::Spotlight(true))
        .unwrap();
    room.drain_events();
    room.simulated(speak(amara, 100)).unwrap();
    assert_eq!(stages(&room.drain_events()), [vec![(bo, 0), (amara, 100)]]);
    assert_eq!(
        room.conference.layout_view(Role::Host).participants,
        [bo, amara]
    );
}

// ---------------------------------------------------------------------------------------------------
// Hands, mutes and chat
// ---------------------------------------------------------------------------------------------------

#[test]
fn a_raised_hand_carries_the_time_it_went_up_until_lowered() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    room.drain_events();
    let raised_at = room.now;
    room.simulated(SimulatedCommand::RaiseHand { uuid: amara })
        .unwrap();
    assert_eq!(room.participant(amara).buzz_time, Some(raised_at));
    assert_eq!(names(&room.drain_events()), ["participant_update"]);

    room.advance(5);
    room.simulated(SimulatedCommand::RaiseHand { uuid: amara })
        .unwrap();
    assert_eq!(room.participant(amara).buzz_time, Some(raised_at));
    assert!(room.drain_events().is_empty(), "the hand was already up");

    room.simulated(SimulatedCommand::LowerHand { uuid: amara })
        .unwrap();
    assert_eq!(room.participant(amara).buzz_time, None);

    // Hosts lower everyone's hands, simulated or not.
    room.simulated(SimulatedCommand::RaiseHand { uuid: amara })
        .unwrap();
    room.conference_request(&host, ConferenceRequest::ClearAllBuzz)
        .unwrap();
    assert_eq!(room.participant(amara).buzz_time, None);
}

#[test]
fn their_own_mute_is_client_mute_and_counts_for_all_muted() {
    let mut room = Room::open();
    let amara = room.join_simulated("Amara", Role::Guest);
    room.drain_events();
    room.simulated(SimulatedCommand::SetMuted {
        uuid: amara,
        muted: true,
    })
    .unwrap();
    let p = room.participant(amara);
    assert!(p.is_client_muted && !p.is_muted);
    assert!(room.conference.status().all_muted);
    assert!(names(&room.drain_events()).contains(&"conference_update"));
}

#[test]
fn chat_from_a_simulated_person_reaches_everyone_else_including_other_simulated_people() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    let bo = room.join_simulated("Bo", Role::Guest);
    room.drain_events();
    room.simulated(chat(amara, "Morning all!", None)).unwrap();
    let text = "Morning all!".to_owned();
    assert_eq!(
        messages(&room.drain_events()),
        [
            (Audience::Only(host.uuid), amara, text.clone(), false),
            (Audience::Only(bo), amara, text, false),
        ]
    );
}

#[test]
fn a_direct_message_reaches_only_its_target_and_simulated_people_receive_them() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let amara = room.join_simulated("Amara", Role::Guest);
    room.drain_events();
    room.simulated(chat(amara, "psst", Some(host.uuid)))
        .unwrap();
    room.participant_request(
        &host,
        amara,
        ParticipantRequest::Message {
            mime_type: "text/plain".to_owned(),
            payload: "hi Amara".to_owned(),
        },
    )
    .unwrap();
    assert_eq!(
        messages(&room.drain_events()),
        [
            (Audience::Only(host.uuid), amara, "psst".to_owned(), true),
            (
                Audience::Only(amara),
                host.uuid,
                "hi Amara".to_owned(),
                true
            ),
        ]
    );
    assert_eq!(
        room.simulated(chat(amara, "hello?", Some(Uuid::from_u128(999)))),
        Err(Error::ParticipantNotFound)
    );
}

#[test]
fn simulated_people_cannot_chat_when_the_room_disables_chat() {
    let vmr = VmrConfig {
        chat_enabled: false,
        ..VmrConfig::open("quiet")
    };
    let mut room = Room::new(vmr, Settings::default());
    let amara = room.join_simulated("Amara", Role::Guest);
    room.drain_events();
    assert!(matches!(
        room.simulated(chat(amara, "anyone?", None)),
        Err(Error::Forbidden(_))
    ));
    assert!(room.drain_events().is_empty());
}

// ---------------------------------------------------------------------------------------------------
// Who may be driven, and what they may ask
// ---------------------------------------------------------------------------------------------------

#[test]
fn simulated_commands_on_anyone_but_a_simulated_person_are_refused() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    for command in [
        speak(host.uuid, 100),
        SimulatedCommand::RaiseHand { uuid: host.uuid },
        SimulatedCommand::Leave { uuid: host.uuid },
        chat(host.uuid, "I did not say this", None),
    ] {
        assert!(matches!(room.simulated(command), Err(Error::Forbidden(_))));
    }
    assert_eq!(
        room.simulated(speak(Uuid::from_u128(999), 100)),
        Err(Error::ParticipantNotFound)
    );
    assert!(room.drain_events().is_empty());
    assert!(room.is_present(host.uuid));
}

#[test]
fn a_simulated_host_makes_host_requests_and_a_simulated_guest_may_not() {
    let mut room = Room::pinned();
    let hana = room.join_simulated("Hana", Role::Host);
    let gus = room.join_simulated("Gus", Role::Guest);
    let lock = |uuid| SimulatedCommand::Request {
        uuid,
        request: Request::Conference(ConferenceRequest::Lock(true)),
    };
    assert!(matches!(
        room.simulated(lock(gus)),
        Err(Error::Forbidden(_))
    ));
    assert_eq!(room.simulated(lock(hana)), Ok(Reply::Bool(true)));
    assert!(room.conference.status().locked);

    let mute_gus = SimulatedCommand::Request {
        uuid: hana,
        request: Request::Participant {
            uuid: gus,
            request: ParticipantRequest::Mute(true),
        },
    };
    room.simulated(mute_gus).unwrap();
    assert!(room.participant(gus).is_muted);
}

#[test]
fn hosts_mute_spotlight_promote_and_disconnect_simulated_people_like_anyone() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let gus = room.join_simulated("Gus", Role::Guest);
    room.drain_events();

    room.participant_request(&host, gus, ParticipantRequest::Mute(true))
        .unwrap();
    assert!(room.participant(gus).is_muted);

    room.participant_request(&host, gus, ParticipantRequest::Spotlight(true))
        .unwrap();
    assert_eq!(room.participant(gus).spotlight, Some(room.now));

    room.participant_request(&host, gus, ParticipantRequest::Role(Role::Host))
        .unwrap();
    assert_eq!(room.participant(gus).role, Role::Host);
    let events = room.drain_events();
    assert!(
        !names(&events).contains(&"refresh_token"),
        "there is no token to refresh"
    );

    room.participant_request(&host, gus, ParticipantRequest::Disconnect)
        .unwrap();
    assert!(!room.is_present(gus));
    assert_eq!(
        room.simulated(speak(gus, 100)),
        Err(Error::ParticipantNotFound)
    );
}

#[test]
fn a_simulated_person_transferred_elsewhere_moves_whole() {
    let mut source = Room::open();
    let mut target = Room::new(VmrConfig::open("target"), Settings::default());
    let host = source.join_host("Hannah");
    let amara = source.join_simulated("Amara", Role::Guest);
    let transfer = TransferRequest {
        alias: "target".to_owned(),
        one_time_token: String::new(),
    };
    let Ok(Reply::FarEndTransferred(far_end)) =
        source.participant_request(&host, amara, ParticipantRequest::Transfer(transfer))
    else {
        panic!("the transfer did not hand the participant over");
    };
    assert!(!source.is_present(amara));
    assert_eq!(
        target.handle(Command::AdmitFarEnd(far_end)),
        Ok(Reply::Uuids(vec![amara]))
    );
    let moved = target.participant(amara);
    assert_eq!(moved.display_name, "Amara");
    assert!(moved.has_media);
}

#[test]
fn a_waiting_guest_a_host_transfers_elsewhere_goes_in_there() {
    let mut source = Room::pinned();
    let mut target = Room::new(VmrConfig::open("target"), Settings::default());
    let host = source.join_host("Hannah");
    source
        .conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    let gus = source.join_simulated("Gus", Role::Guest);
    let transfer = TransferRequest {
        alias: "target".to_owned(),
        one_time_token: String::new(),
    };
    let Ok(Reply::FarEndTransferred(far_end)) =
        source.participant_request(&host, gus, ParticipantRequest::Transfer(transfer))
    else {
        panic!("the transfer did not hand the participant over");
    };
    target.handle(Command::AdmitFarEnd(far_end)).unwrap();
    assert_eq!(
        target.participant(gus).service_type,
        ServiceType::Conference
    );
}
