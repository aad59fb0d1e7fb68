//! The rules of a conference a user would notice, one example each.

mod common;

use common::{disconnect_reasons, names, pinned_vmr, Joined, Room, GUEST_PIN, HOST_PIN};
use plugboard_conference::{
    Audience, CallDirection, CallType, Command, ConferenceRequest, ConferenceStatus, DialProtocol,
    DialRequest, DialRule, Error, Event, FarEnd, Outbound, ParticipantRequest, Protocol, Reply,
    Role, ServiceType, Settings, Timestamp, TransferRequest, Transforms, VmrConfig, VmrServiceType,
    AVAILABLE_LAYOUTS,
};
use uuid::Uuid;

const TOKEN_EXPIRED: &str = "Timer expired awaiting token refresh";
const WAITING_TIMEOUT: &str =
    "Timeout waiting for conference host to join or permit access to locked conference";
const TERMINATED: &str = "Conference terminated by another participant";

fn dial_to(destination: &str) -> DialRequest {
    DialRequest {
        destination: destination.to_owned(),
        protocol: DialProtocol::Auto,
        role: Role::Guest,
        streaming: false,
        remote_display_name: None,
        call_type: CallType::Video,
        overlay_text: None,
        dtmf_sequence: None,
    }
}

fn dialled_uuid(reply: Result<Reply, Error>) -> Uuid {
    match reply {
        Ok(Reply::Uuids(uuids)) if uuids.len() == 1 => uuids[0],
        other => panic!("dial answered {other:?}"),
    }
}

fn layout(name: &str) -> Transforms {
    Transforms {
        layout: Some(name.to_owned()),
        ..Transforms::default()
    }
}

fn chat(text: &str) -> (String, String) {
    ("text/plain".to_owned(), text.to_owned())
}

// ---------------------------------------------------------------------------------------------------
// PINs and roles
// ---------------------------------------------------------------------------------------------------

#[test]
fn joining_without_a_pin_asks_for_one_and_says_guests_need_one_too() {
    let mut room = Room::pinned();
    assert_eq!(
        room.join("Alice", None),
        Err(Error::PinRequired { guest_pin: true })
    );
    assert!(room.drain_events().is_empty());
    assert_eq!(room.roster(), vec![]);
}

#[test]
fn a_reconfigured_room_asks_new_joiners_for_the_new_pin_and_keeps_who_is_in() {
    let mut room = Room::pinned();
    let host = room.join_host("Alice");
    let changed = VmrConfig {
        pin: Some("9999".to_owned()),
        ..pinned_vmr()
    };
    assert_eq!(
        room.handle(Command::Reconfigure(changed)),
        Ok(Reply::Bool(true))
    );
    assert_eq!(room.join("Bob", Some(HOST_PIN)), Err(Error::InvalidPin));
    assert!(room.join("Bob", Some("9999")).is_ok());
    assert!(room.roster().iter().any(|p| p.uuid == host.uuid));
}

#[test]
fn an_invalid_reconfiguration_is_refused_and_changes_nothing() {
    let mut room = Room::pinned();
    let invalid = VmrConfig {
        pin: None,
        ..pinned_vmr()
    };
    assert!(matches!(
        room.handle(Command::Reconfigure(invalid)),
        Err(Error::Invalid(_))
    ));
    assert!(room.join("Bob", Some(HOST_PIN)).is_ok());
}

#[test]
fn a_room_whose_guests_need_no_pin_says_so_when_asking_for_the_pin() {
    let vmr = VmrConfig {
        guest_pin: None,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    assert_eq!(
        room.join("Alice", None),
        Err(Error::PinRequired { guest_pin: false })
    );
}

#[test]
fn a_room_with_a_host_pin_and_no_guests_requires_the_pin_of_everyone() {
    let vmr = VmrConfig {
        guest_pin: None,
        allow_guests: false,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    assert_eq!(
        room.join("Alice", None),
        Err(Error::PinRequired { guest_pin: true })
    );
    assert_eq!(room.join("Alice", Some("none")), Err(Error::InvalidPin));
    assert_eq!(room.join("Alice", Some("")), Err(Error::InvalidPin));
    assert_eq!(room.join("Alice", Some(HOST_PIN)).unwrap().role, Role::Host);
}

#[test]
fn a_wrong_pin_is_an_invalid_pin_and_changes_nothing() {
    let mut room = Room::pinned();
    for wrong in ["0000", "", "none", "12345", "123", "5678 9"] {
        assert_eq!(room.join("Mallory", Some(wrong)), Err(Error::InvalidPin));
    }
    assert!(room.drain_events().is_empty());
    assert!(room.roster().is_empty());
}

#[test]
fn the_host_pin_makes_a_host_and_the_guest_pin_a_guest() {
    let mut room = Room::pinned();
    let host = room.join("Hannah", Some(HOST_PIN)).unwrap();
    let guest = room.join("Gus", Some(GUEST_PIN)).unwrap();
    assert_eq!(host.role, Role::Host);
    assert_eq!(guest.role, Role::Guest);
    assert_eq!(room.participant(host.participant_uuid).role, Role::Host);
    assert_eq!(room.participant(guest.participant_uuid).role, Role::Guest);
    assert_eq!(host.current_service_type, ServiceType::Conference);
    assert_eq!(host.service_type, VmrServiceType::Conference);
    assert_eq!(host.conference_name, "meet");
    assert_eq!(host.expires_secs, 120);
}

#[test]
fn pins_are_compared_without_surrounding_whitespace() {
    let mut room = Room::pinned();
    assert_eq!(
        room.join("Hannah", Some(" 1234 ")).unwrap().role,
        Role::Host
    );
}

#[test]
fn guests_of_a_room_without_guest_pin_join_with_pin_none_or_empty() {
    let vmr = VmrConfig {
        guest_pin: None,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    assert_eq!(room.join("Gus", Some("none")).unwrap().role, Role::Guest);
    assert_eq!(room.join("Gina", Some("")).unwrap().role, Role::Guest);
    assert_eq!(
        room.join("Hannah", Some(HOST_PIN)).unwrap().role,
        Role::Host
    );
    assert_eq!(room.join("Mallory", Some("9999")), Err(Error::InvalidPin));
}

#[test]
fn pin_none_is_not_a_guest_pin_when_the_room_has_one() {
    let mut room = Room::pinned();
    assert_eq!(room.join("Gus", Some("none")), Err(Error::InvalidPin));
}

#[test]
fn everyone_is_host_in_a_room_without_pin_whatever_pin_they_send() {
    let mut room = Room::open();
    for pin in [None, Some("none"), Some("42"), Some("")] {
        assert_eq!(room.join("Olga", pin).unwrap().role, Role::Host);
    }
}

#[test]
fn display_names_must_be_one_non_blank_line_of_at_most_250_characters() {
    let mut room = Room::open();
    for bad in ["", "   ", "two\nlines", "bell\u{7}", &"x".repeat(251)] {
        assert!(
            matches!(room.join(bad, None), Err(Error::Invalid(_))),
            "{bad:?} was accepted"
        );
    }
    assert!(room.drain_events().is_empty());
    let grant = room.join("  Trimmed  ", None).unwrap();
    assert_eq!(grant.display_name, "Trimmed");
    assert!(room.join(&"x".repeat(250), None).is_ok());
}

#[test]
fn the_first_host_starts_the_conference() {
    let mut room = Room::pinned();
    room.join_guest("Gus");
    assert!(!room.conference.status().started);
    room.drain_events();
    room.join_host("Hannah");
    assert!(room.conference.status().started);
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_create", "conference_update"]);
}

// ---------------------------------------------------------------------------------------------------
// Participant limit
// ---------------------------------------------------------------------------------------------------

#[test]
fn the_participant_limit_turns_away_joins_beyond_it_until_someone_leaves() {
    let vmr = VmrConfig {
        participant_limit: Some(2),
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    let host = room.join_host("Hannah");
    room.join_guest("Gus");
    room.drain_events();
    assert_eq!(room.join("Late", Some(GUEST_PIN)), Err(Error::LimitReached));
    assert_eq!(room.join("Late", Some(HOST_PIN)), Err(Error::LimitReached));
    assert_eq!(
        room.conference_request(&host, ConferenceRequest::Dial(dial_to("sip:a@example.com"))),
        Err(Error::LimitReached)
    );
    assert!(room.drain_events().is_empty());
    room.release(&host).unwrap();
    assert!(room.join("Late", Some(GUEST_PIN)).is_ok());
}

#[test]
fn waiting_guests_count_towards_the_participant_limit() {
    let vmr = VmrConfig {
        participant_limit: Some(2),
        locked: true,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    room.join_guest("Gus");
    room.join_guest("Gina");
    assert_eq!(
        room.join("Hannah", Some(HOST_PIN)),
        Err(Error::LimitReached)
    );
}

// ---------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------

#[test]
fn refresh_gives_a_new_token_and_keeps_the_old_one_valid_until_the_new_expiry() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    room.advance(40);
    let Ok(Reply::Refreshed {
        token: fresh,
        expires_secs,
        role,
    }) = room.refresh(&alice.token)
    else {
        panic!("refresh failed");
    };
    assert_ne!(fresh, alice.token);
    assert_eq!((expires_secs, role), (120, Role::Host));
    let new_expiry = room.now.plus_secs(120);
    let just_before = Timestamp(new_expiry.0 - 1);
    for token in [&alice.token, &fresh] {
        assert_eq!(
            room.conference.authenticate(just_before, token),
            Ok(alice.uuid)
        );
        assert_eq!(
            room.conference.authenticate(new_expiry, token),
            Err(Error::InvalidToken)
        );
    }
    // Past the first token's own expiry the participant is still there.
    room.advance(100);
    assert!(room.is_present(alice.uuid));
    assert_eq!(
        room.conference.authenticate(room.now, &alice.token),
        Ok(alice.uuid)
    );
}

#[test]
fn a_second_refresh_retires_the_first_token() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    let Ok(Reply::Refreshed { token: second, .. }) = room.refresh(&alice.token) else {
        panic!("refresh failed");
    };
    let Ok(Reply::Refreshed { token: third, .. }) = room.refresh(&second) else {
        panic!("refresh failed");
    };
    let now = room.now;
    assert_eq!(
        room.conference.authenticate(now, &alice.token),
        Err(Error::InvalidToken)
    );
    assert_eq!(room.conference.authenticate(now, &second), Ok(alice.uuid));
    assert_eq!(room.conference.authenticate(now, &third), Ok(alice.uuid));
}

#[test]
fn an_unrefreshed_token_expires_and_its_participant_is_disconnected_with_the_timer_reason() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    room.advance(60);
    room.refresh(&host.token).unwrap();
    room.advance_millis(60_000 - 1);
    assert!(room.is_present(guest.uuid));
    assert!(room.drain_events().is_empty());
    room.advance_millis(1);
    assert!(!room.is_present(guest.uuid));
    assert!(room.is_present(host.uuid));
    let events = room.drain_events();
    assert_eq!(names(&events), ["disconnect", "participant_delete"]);
    assert_eq!(events[0].audience, Audience::Only(guest.uuid));
    assert_eq!(disconnect_reasons(&events, guest.uuid), [TOKEN_EXPIRED]);
    assert_eq!(events[1].event, Event::ParticipantDelete(guest.uuid));
    assert_eq!(
        room.refresh(&guest.token),
        Err(Error::InvalidToken),
        "an expired token cannot be refreshed"
    );
}

#[test]
fn a_token_is_rejected_at_its_expiry_even_before_the_timer_fires() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    room.now = room.now.plus_secs(120);
    assert_eq!(room.refresh(&alice.token), Err(Error::InvalidToken));
    assert_eq!(
        room.conference_request(&alice, ConferenceRequest::Status),
        Err(Error::InvalidToken)
    );
}

#[test]
fn release_token_removes_the_participant_and_invalidates_the_token() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    let bob = room.join_host("Bob");
    room.drain_events();
    assert_eq!(room.release(&alice), Ok(Reply::Bool(true)));
    let events = room.drain_events();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].event, Event::ParticipantDelete(alice.uuid));
    assert_eq!(room.release(&alice), Err(Error::InvalidToken));
    assert_eq!(
        room.conference_request(&alice, ConferenceRequest::Status),
        Err(Error::InvalidToken)
    );
    assert_eq!(room.roster().len(), 1);
    assert_eq!(room.roster()[0].uuid, bob.uuid);
}

#[test]
fn an_unknown_token_is_rejected() {
    let mut room = Room::open();
    room.join_host("Alice");
    let stranger = Joined {
        uuid: Uuid::nil(),
        token: "token-999".to_owned(),
        role: Role::Host,
    };
    assert_eq!(
        room.conference_request(&stranger, ConferenceRequest::Lock(true)),
        Err(Error::InvalidToken)
    );
    assert_eq!(room.refresh("nope"), Err(Error::InvalidToken));
}

// ---------------------------------------------------------------------------------------------------
// Lock and the waiting room
// ---------------------------------------------------------------------------------------------------

fn locked_room_with_host() -> (Room, Joined) {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    room.drain_events();
    (room, host)
}

#[test]
fn guests_joining_a_locked_conference_wait_in_the_waiting_room() {
    let (mut room, _host) = locked_room_with_host();
    let grant = room.join("Gus", Some(GUEST_PIN)).unwrap();
    assert_eq!(grant.current_service_type, ServiceType::WaitingRoom);
    assert_eq!(
        room.participant(grant.participant_uuid).service_type,
        ServiceType::WaitingRoom
    );
}

#[test]
fn hosts_joining_a_locked_conference_go_straight_in() {
    let (mut room, _host) = locked_room_with_host();
    let grant = room.join("Harry", Some(HOST_PIN)).unwrap();
    assert_eq!(grant.current_service_type, ServiceType::Conference);
}

#[test]
fn a_host_admits_a_waiting_guest_with_unlock() {
    let (mut room, host) = locked_room_with_host();
    let guest = room.join_guest("Gus");
    room.drain_events();
    assert_eq!(
        room.participant_request(&host, guest.uuid, ParticipantRequest::Unlock),
        Ok(Reply::Bool(true))
    );
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_update"]);
    assert_eq!(
        room.participant(guest.uuid).service_type,
        ServiceType::Conference
    );
    assert!(room.conference.status().locked, "only the guest was let in");
    // Admitted guests are no longer subject to the waiting-room timeout.
    room.refresh(&guest.token).unwrap();
    room.advance(100);
    room.refresh(&guest.token).unwrap();
    room.advance(100);
    assert!(room.is_present(guest.uuid));
}

#[test]
fn unlock_on_an_admitted_participant_answers_false() {
    let (mut room, host) = locked_room_with_host();
    assert_eq!(
        room.participant_request(&host, host.uuid, ParticipantRequest::Unlock),
        Ok(Reply::Bool(false))
    );
    assert!(room.drain_events().is_empty());
}

#[test]
fn a_guest_may_not_let_another_guest_in() {
    let (mut room, host) = locked_room_with_host();
    room.conference_request(&host, ConferenceRequest::Lock(false))
        .unwrap();
    let insider = room.join_guest("Inga");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    let waiting = room.join_guest("Gus");
    room.drain_events();
    assert!(matches!(
        room.participant_request(&insider, waiting.uuid, ParticipantRequest::Unlock),
        Err(Error::Forbidden(_))
    ));
    assert!(room.drain_events().is_empty());
}

#[test]
fn a_guest_left_waiting_is_disconnected_with_the_waiting_room_reason() {
    let vmr = VmrConfig {
        locked: true,
        ..pinned_vmr()
    };
    let settings = Settings {
        token_expiry_secs: 600,
        waiting_room_timeout_secs: 30,
        ..Settings::default()
    };
    let mut room = Room::new(vmr, settings);
    let guest = room.join_guest("Gus");
    room.drain_events();
    room.advance_millis(29_999);
    assert!(room.is_present(guest.uuid));
    room.advance_millis(1);
    assert!(!room.is_present(guest.uuid));
    let events = room.drain_events();
    assert_eq!(names(&events), ["disconnect", "participant_delete"]);
    assert_eq!(disconnect_reasons(&events, guest.uuid), [WAITING_TIMEOUT]);
}

#[test]
fn unlocking_the_conference_admits_everyone_waiting() {
    let (mut room, host) = locked_room_with_host();
    let gus = room.join_guest("Gus");
    let gina = room.join_guest("Gina");
    room.drain_events();
    room.conference_request(&host, ConferenceRequest::Lock(false))
        .unwrap();
    let events = room.drain_events();
    assert_eq!(
        names(&events),
        [
            "participant_update",
            "participant_update",
            "conference_update"
        ]
    );
    for guest in [gus, gina] {
        assert_eq!(
            room.participant(guest.uuid).service_type,
            ServiceType::Conference
        );
    }
    assert!(!room.conference.status().locked);
}

#[test]
fn a_lecture_admits_into_the_lecture() {
    let vmr = VmrConfig {
        service_type: VmrServiceType::Lecture,
        locked: true,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    assert_eq!(
        room.participant(host.uuid).service_type,
        ServiceType::Lecture
    );
    room.participant_request(&host, guest.uuid, ParticipantRequest::Unlock)
        .unwrap();
    assert_eq!(
        room.participant(guest.uuid).service_type,
        ServiceType::Lecture
    );
}

#[test]
fn lock_and_unlock_emit_a_conference_update_only_when_the_state_changes() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.drain_events();
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["conference_update"]);
    assert!(matches!(&events[0].event, Event::ConferenceUpdate(s) if s.locked));
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    assert!(room.drain_events().is_empty());
}

// ---------------------------------------------------------------------------------------------------
// Muting
// ---------------------------------------------------------------------------------------------------

#[test]
fn muteguests_mutes_present_and_new_guests_but_not_hosts() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let early = room.join_guest("Early");
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    let late = room.join_guest("Late");
    let late_host = room.join_host("Harry");
    assert!(room.participant(early.uuid).is_muted);
    assert!(room.participant(late.uuid).is_muted);
    assert!(!room.participant(host.uuid).is_muted);
    assert!(!room.participant(late_host.uuid).is_muted);
    assert!(room.conference.status().guests_muted);

    room.conference_request(&host, ConferenceRequest::MuteGuests(false))
        .unwrap();
    assert!(!room.participant(early.uuid).is_muted);
    assert!(!room.participant(late.uuid).is_muted);
    assert!(!room.conference.status().guests_muted);
}

#[test]
fn guests_may_not_unmute_themselves_while_guests_are_muted() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    room.drain_events();
    assert!(matches!(
        room.participant_request(&guest, guest.uuid, ParticipantRequest::Mute(false)),
        Err(Error::Forbidden(_))
    ));
    assert!(room.participant(guest.uuid).is_muted);
    assert!(room.drain_events().is_empty());
    // A host may still unmute them.
    room.participant_request(&host, guest.uuid, ParticipantRequest::Mute(false))
        .unwrap();
    assert!(!room.participant(guest.uuid).is_muted);
}

#[test]
fn guests_may_unmute_themselves_when_the_host_allows_it() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    room.conference_request(&host, ConferenceRequest::SetGuestsCanUnmute(true))
        .unwrap();
    assert!(room.conference.status().guests_can_unmute);
    assert_eq!(
        room.participant_request(&guest, guest.uuid, ParticipantRequest::Mute(false)),
        Ok(Reply::Bool(true))
    );
    assert!(!room.participant(guest.uuid).is_muted);
}

#[test]
fn guests_may_mute_themselves_but_not_others() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    let other = room.join_guest("Gina");
    room.participant_request(&guest, guest.uuid, ParticipantRequest::Mute(true))
        .unwrap();
    assert!(room.participant(guest.uuid).is_muted);
    for target in [host.uuid, other.uuid] {
        assert!(matches!(
            room.participant_request(&guest, target, ParticipantRequest::Mute(true)),
            Err(Error::Forbidden(_))
        ));
    }
}

#[test]
fn client_mute_is_only_for_the_participants_own_client() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.participant_request(&guest, guest.uuid, ParticipantRequest::ClientMute(true))
        .unwrap();
    assert!(room.participant(guest.uuid).is_client_muted);
    assert!(matches!(
        room.participant_request(&host, guest.uuid, ParticipantRequest::ClientMute(false)),
        Err(Error::Forbidden(_))
    ));
}

// ---------------------------------------------------------------------------------------------------
// Permissions and targets
// ---------------------------------------------------------------------------------------------------

#[test]
fn guests_get_forbidden_for_host_only_requests() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    let conference_requests = [
        ConferenceRequest::Lock(true),
        ConferenceRequest::Lock(false),
        ConferenceRequest::MuteGuests(true),
        ConferenceRequest::SetGuestsCanUnmute(true),
        ConferenceRequest::StartConference,
        ConferenceRequest::DisconnectAll,
        ConferenceRequest::Dial(dial_to("sip:alice@example.com")),
        ConferenceRequest::TransformLayout(layout("4:0")),
        ConferenceRequest::OverrideLayout(serde_json::json!({"layouts": []})),
        ConferenceRequest::ClearSpotlights,
        ConferenceRequest::ClearAllBuzz,
        ConferenceRequest::SetMessageText("hello".to_owned()),
    ];
    for request in conference_requests {
        assert!(request.is_host_only(), "{request:?}");
        let answer = room.conference_request(&guest, request.clone());
        assert!(
            matches!(answer, Err(Error::Forbidden(_))),
            "{request:?}: {answer:?}"
        );
    }
    let participant_requests = [
        ParticipantRequest::Mute(true),
        ParticipantRequest::VideoMuted(true),
        ParticipantRequest::Spotlight(true),
        ParticipantRequest::Disconnect,
        ParticipantRequest::Dtmf("1".to_owned()),
        ParticipantRequest::Role(Role::Guest),
        ParticipantRequest::Unlock,
        ParticipantRequest::RxPresentation(false),
        ParticipantRequest::OverlayText("x".to_owned()),
        ParticipantRequest::Buzz(true),
        ParticipantRequest::Transfer(TransferRequest {
            alias: "elsewhere".to_owned(),
            one_time_token: "t".to_owned(),
        }),
        ParticipantRequest::ReleaseFloor,
        ParticipantRequest::PresentationInMix(true),
    ];
    for request in participant_requests {
        let answer = room.participant_request(&guest, host.uuid, request.clone());
        assert!(
            matches!(answer, Err(Error::Forbidden(_))),
            "{request:?}: {answer:?}"
        );
    }
    // Spotlight and role are host-only even on oneself.
    for request in [
        ParticipantRequest::Spotlight(true),
        ParticipantRequest::Role(Role::Host),
    ] {
        let answer = room.participant_request(&guest, guest.uuid, request.clone());
        assert!(
            matches!(answer, Err(Error::Forbidden(_))),
            "{request:?}: {answer:?}"
        );
    }
    assert!(room.drain_events().is_empty());
    assert_eq!(room.participant(guest.uuid).role, Role::Guest);
}

#[test]
fn guests_may_do_to_themselves_what_concerns_only_them() {
    let mut room = Room::pinned();
    room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    for request in [
        ParticipantRequest::VideoMuted(true),
        ParticipantRequest::Buzz(true),
        ParticipantRequest::OverlayText("Gus (London)".to_owned()),
        ParticipantRequest::RxPresentation(false),
        ParticipantRequest::Dtmf("123#".to_owned()),
        ParticipantRequest::LiveCaptions(true),
        ParticipantRequest::PresentationInMix(true),
        ParticipantRequest::NotifyNotAfk,
        ParticipantRequest::PreferredAspectRatio(16.0 / 9.0),
    ] {
        assert_eq!(
            room.participant_request(&guest, guest.uuid, request.clone()),
            Ok(Reply::Bool(true)),
            "{request:?}"
        );
    }
    let me = room.participant(guest.uuid);
    assert!(me.is_video_muted);
    assert_eq!(me.buzz_time, Some(room.now));
    assert_eq!(me.overlay_text, "Gus (London)");
    assert!(!me.rx_presentation);
    assert!(me.show_live_captions);
    assert!(me.needs_presentation_in_mix);
}

#[test]
fn what_only_a_participants_own_client_does_is_forbidden_even_to_hosts() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    for request in [
        ParticipantRequest::TakeFloor,
        ParticipantRequest::LiveCaptions(true),
        ParticipantRequest::NotifyNotAfk,
        ParticipantRequest::PreferredAspectRatio(1.0),
        ParticipantRequest::ClientMute(true),
    ] {
        let answer = room.participant_request(&host, guest.uuid, request.clone());
        assert!(
            matches!(answer, Err(Error::Forbidden(_))),
            "{request:?}: {answer:?}"
        );
    }
    assert!(room.drain_events().is_empty());
}

#[test]
fn the_preferred_aspect_ratio_is_above_0_and_at_most_2() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    for bad in [0.0, -1.0, 2.000_001, f64::NAN, f64::INFINITY] {
        assert!(
            matches!(
                room.participant_request(
                    &alice,
                    alice.uuid,
                    ParticipantRequest::PreferredAspectRatio(bad)
                ),
                Err(Error::Invalid(_))
            ),
            "{bad} was accepted"
        );
    }
    for good in [0.001, 1.0, 2.0] {
        assert!(room
            .participant_request(
                &alice,
                alice.uuid,
                ParticipantRequest::PreferredAspectRatio(good)
            )
            .is_ok());
    }
}

#[test]
fn authenticate_names_the_participant_a_live_token_belongs_to() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    room.drain_events();
    let authenticate = |token: &str| Command::Authenticate {
        token: token.to_owned(),
    };
    assert_eq!(
        room.handle(authenticate(&alice.token)),
        Ok(Reply::Authenticated(alice.uuid))
    );
    assert_eq!(
        room.handle(authenticate("forged")),
        Err(Error::InvalidToken)
    );
    assert!(room.drain_events().is_empty());
    room.release(&alice).unwrap();
    assert_eq!(
        room.handle(authenticate(&alice.token)),
        Err(Error::InvalidToken)
    );
}

// ---------------------------------------------------------------------------------------------------
// Presentation
// ---------------------------------------------------------------------------------------------------

fn presenter_of(events: &[Outbound]) -> Option<Uuid> {
    events.iter().rev().find_map(|o| match &o.event {
        Event::PresentationStart { presenter_uuid, .. } => Some(*presenter_uuid),
        _ => None,
    })
}

#[test]
fn taking_the_floor_announces_the_presenter_to_everyone() {
    let mut room = Room::pinned();
    room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    assert_eq!(
        room.participant_request(&guest, guest.uuid, ParticipantRequest::TakeFloor),
        Ok(Reply::Bool(true))
    );
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_update", "presentation_start"]);
    assert_eq!(events[1].audience, Audience::Everyone);
    assert_eq!(
        events[1].event,
        Event::PresentationStart {
            presenter_name: "Gus".to_owned(),
            presenter_uri: String::new(),
            presenter_uuid: guest.uuid,
        }
    );
    assert!(room.participant(guest.uuid).is_presenting);
}

#[test]
fn a_new_presenter_takes_over_from_the_previous_one() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    let bob = room.join_host("Bob");
    room.participant_request(&alice, alice.uuid, ParticipantRequest::TakeFloor)
        .unwrap();
    room.drain_events();
    room.participant_request(&bob, bob.uuid, ParticipantRequest::TakeFloor)
        .unwrap();
    let events = room.drain_events();
    assert_eq!(presenter_of(&events), Some(bob.uuid));
    assert!(!room.participant(alice.uuid).is_presenting);
    assert!(room.participant(bob.uuid).is_presenting);
}

#[test]
fn a_host_may_stop_anyones_presentation_and_a_guest_only_their_own() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let gus = room.join_guest("Gus");
    let gina = room.join_guest("Gina");
    room.participant_request(&gus, gus.uuid, ParticipantRequest::TakeFloor)
        .unwrap();
    room.drain_events();
    assert!(matches!(
        room.participant_request(&gina, gus.uuid, ParticipantRequest::ReleaseFloor),
        Err(Error::Forbidden(_))
    ));
    room.participant_request(&host, gus.uuid, ParticipantRequest::ReleaseFloor)
        .unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_update", "presentation_stop"]);
    assert!(!room.participant(gus.uuid).is_presenting);
    // Releasing a floor nobody holds changes nothing.
    room.participant_request(&gus, gus.uuid, ParticipantRequest::ReleaseFloor)
        .unwrap();
    assert!(room.drain_events().is_empty());
}

#[test]
fn a_presenter_leaving_stops_the_presentation() {
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    room.join_host("Bob");
    room.participant_request(&alice, alice.uuid, ParticipantRequest::TakeFloor)
        .unwrap();
    room.drain_events();
    room.release(&alice).unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["presentation_stop", "participant_delete"]);
}

#[test]
fn requests_on_an_unknown_participant_are_participant_not_found() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let nobody = Uuid::from_u128(0xdead_beef);
    for request in [
        ParticipantRequest::Mute(true),
        ParticipantRequest::Disconnect,
        ParticipantRequest::Unlock,
        ParticipantRequest::Role(Role::Guest),
        ParticipantRequest::Message {
            mime_type: "text/plain".to_owned(),
            payload: "hi".to_owned(),
        },
    ] {
        assert_eq!(
            room.participant_request(&host, nobody, request),
            Err(Error::ParticipantNotFound)
        );
    }
}

#[test]
fn a_host_disconnecting_someone_and_someone_leaving_give_different_reasons() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let gus = room.join_guest("Gus");
    let gina = room.join_guest("Gina");
    room.drain_events();
    room.participant_request(&host, gus.uuid, ParticipantRequest::Disconnect)
        .unwrap();
    room.participant_request(&gina, gina.uuid, ParticipantRequest::Disconnect)
        .unwrap();
    let events = room.drain_events();
    assert_eq!(
        disconnect_reasons(&events, gus.uuid),
        ["Disconnected by another participant"]
    );
    assert_eq!(
        disconnect_reasons(&events, gina.uuid),
        ["API initiated participant disconnect"]
    );
    assert_eq!(room.roster().len(), 1);
}

#[test]
fn spotlight_and_buzz_carry_the_time_and_hosts_clear_them() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.advance(5);
    room.participant_request(&host, guest.uuid, ParticipantRequest::Spotlight(true))
        .unwrap();
    room.participant_request(&guest, guest.uuid, ParticipantRequest::Buzz(true))
        .unwrap();
    let p = room.participant(guest.uuid);
    assert_eq!((p.spotlight, p.buzz_time), (Some(room.now), Some(room.now)));
    room.conference_request(&host, ConferenceRequest::ClearSpotlights)
        .unwrap();
    room.conference_request(&host, ConferenceRequest::ClearAllBuzz)
        .unwrap();
    let p = room.participant(guest.uuid);
    assert_eq!((p.spotlight, p.buzz_time), (None, None));
}

#[test]
fn dtmf_takes_only_keypad_digits() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    for bad in ["", "12x", "1 2", &"1".repeat(65)] {
        assert!(matches!(
            room.participant_request(&host, host.uuid, ParticipantRequest::Dtmf(bad.to_owned())),
            Err(Error::Invalid(_))
        ));
    }
    assert!(room
        .participant_request(
            &host,
            host.uuid,
            ParticipantRequest::Dtmf("0123456789*#ABCD".to_owned())
        )
        .is_ok());
}

#[test]
fn overlay_text_is_one_line_of_at_most_250_characters() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    for bad in ["a\nb".to_owned(), "x".repeat(251)] {
        assert!(matches!(
            room.participant_request(&host, host.uuid, ParticipantRequest::OverlayText(bad)),
            Err(Error::Invalid(_))
        ));
    }
    assert!(room.drain_events().is_empty());
    room.participant_request(
        &host,
        host.uuid,
        ParticipantRequest::OverlayText("é".repeat(250)),
    )
    .unwrap();
    assert_eq!(room.participant(host.uuid).overlay_text, "é".repeat(250));
}

#[test]
fn the_message_text_is_kept_with_the_time_it_was_set() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.advance(3);
    room.conference_request(
        &host,
        ConferenceRequest::SetMessageText("Welcome".to_owned()),
    )
    .unwrap();
    let Ok(Reply::MessageText(text)) =
        room.conference_request(&guest, ConferenceRequest::GetMessageText)
    else {
        panic!("get_message_text failed");
    };
    assert_eq!(text.text, "Welcome");
    assert_eq!(text.set_time, Some(room.now));
    assert!(matches!(
        room.conference_request(&host, ConferenceRequest::SetMessageText("x".repeat(1001))),
        Err(Error::Invalid(_))
    ));
}

// ---------------------------------------------------------------------------------------------------
// Chat
// ---------------------------------------------------------------------------------------------------

#[test]
fn chat_reaches_everyone_but_the_sender() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let gus = room.join_guest("Gus");
    let gina = room.join_guest("Gina");
    room.drain_events();
    let (mime_type, payload) = chat("hello all");
    room.conference_request(&gus, ConferenceRequest::Message { mime_type, payload })
        .unwrap();
    let events = room.drain_events();
    let recipients: Vec<Audience> = events.iter().map(|o| o.audience).collect();
    assert_eq!(
        recipients,
        [Audience::Only(host.uuid), Audience::Only(gina.uuid)]
    );
    for outbound in &events {
        let Event::MessageReceived(message) = &outbound.event else {
            panic!("unexpected {outbound:?}");
        };
        assert_eq!(message.origin, "Gus");
        assert_eq!(message.uuid, gus.uuid);
        assert_eq!(message.payload, "hello all");
        assert_eq!(message.mime_type, "text/plain");
        assert!(!message.direct);
    }
}

#[test]
fn a_direct_message_reaches_only_its_target() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let gus = room.join_guest("Gus");
    room.join_guest("Gina");
    room.drain_events();
    let (mime_type, payload) = chat("psst");
    room.participant_request(
        &host,
        gus.uuid,
        ParticipantRequest::Message { mime_type, payload },
    )
    .unwrap();
    let events = room.drain_events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].audience, Audience::Only(gus.uuid));
    let Event::MessageReceived(message) = &events[0].event else {
        panic!("unexpected {events:?}");
    };
    assert!(message.direct);
    assert_eq!(
        (message.origin.as_str(), message.uuid),
        ("Hannah", host.uuid)
    );
}

#[test]
fn chat_is_forbidden_when_the_room_disables_it() {
    let vmr = VmrConfig {
        chat_enabled: false,
        ..VmrConfig::open("quiet")
    };
    let mut room = Room::new(vmr, Settings::default());
    let a = room.join_host("A");
    let b = room.join_host("B");
    room.drain_events();
    let (mime_type, payload) = chat("hi");
    assert!(matches!(
        room.conference_request(
            &a,
            ConferenceRequest::Message {
                mime_type: mime_type.clone(),
                payload: payload.clone()
            }
        ),
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        room.participant_request(
            &a,
            b.uuid,
            ParticipantRequest::Message { mime_type, payload }
        ),
        Err(Error::Forbidden(_))
    ));
    assert!(room.drain_events().is_empty());
}

#[test]
fn chat_needs_a_mime_type_and_a_payload_of_at_most_64_kib() {
    let mut room = Room::open();
    let a = room.join_host("A");
    room.join_host("B");
    room.drain_events();
    for (mime_type, payload) in [
        ("", "hi".to_owned()),
        ("plain", "hi".to_owned()),
        ("text/plain", "x".repeat(64 * 1024 + 1)),
    ] {
        let request = ConferenceRequest::Message {
            mime_type: mime_type.to_owned(),
            payload,
        };
        assert!(matches!(
            room.conference_request(&a, request),
            Err(Error::Invalid(_))
        ));
    }
    assert!(room.drain_events().is_empty());
}

// ---------------------------------------------------------------------------------------------------
// Dial-out
// ---------------------------------------------------------------------------------------------------

#[test]
fn a_dialled_far_end_connects_and_answers_after_the_rules_delay() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    let uuid = dialled_uuid(room.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:alice@example.com")),
    ));
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_create"]);
    let far_end = room.participant(uuid);
    assert_eq!(far_end.service_type, ServiceType::Connecting);
    assert_eq!(far_end.call_direction, CallDirection::Out);
    assert_eq!(far_end.protocol, Protocol::Sip);
    assert_eq!(far_end.display_name, "sip:alice@example.com");
    assert_eq!(far_end.uri, "sip:alice@example.com");
    assert_eq!(far_end.role, Role::Guest);
    assert!(!far_end.has_media);

    room.advance_millis(999);
    assert_eq!(room.participant(uuid).service_type, ServiceType::Connecting);
    room.advance_millis(1);
    let answered = room.participant(uuid);
    assert_eq!(answered.service_type, ServiceType::Conference);
    assert!(answered.has_media);
    let events = room.drain_events();
    assert_eq!(
        names(&events),
        ["participant_update", "stage", "layout", "layout"]
    );
    let Event::Stage(stage) = &events[1].event else {
        panic!("no stage")
    };
    assert_eq!(stage.len(), 1);
    assert_eq!(stage[0].participant_uuid, uuid);
}

#[test]
fn dialling_a_busy_or_rejecting_destination_answers_no_uuids_and_emits_nothing() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    for destination in ["sip:busy@example.com", "sip:REJECT@example.com"] {
        assert_eq!(
            room.conference_request(&host, ConferenceRequest::Dial(dial_to(destination))),
            Ok(Reply::Uuids(vec![]))
        );
    }
    room.advance(10);
    assert!(room.drain_events().is_empty());
    assert_eq!(room.roster().len(), 1);
}

#[test]
fn custom_dial_rules_come_before_the_defaults() {
    let mut dial_rules = vec![DialRule {
        pattern: "slow".to_owned(),
        answer: true,
        after_ms: 5000,
    }];
    dial_rules.extend(DialRule::defaults());
    let settings = Settings {
        dial_rules,
        ..Settings::default()
    };
    let mut room = Room::new(VmrConfig::open("open"), settings);
    let host = room.join_host("Hannah");
    let uuid = dialled_uuid(room.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:slow@example.com")),
    ));
    room.advance(4);
    assert_eq!(room.participant(uuid).service_type, ServiceType::Connecting);
    room.advance(1);
    assert_eq!(room.participant(uuid).service_type, ServiceType::Conference);
}

#[test]
fn dial_with_protocol_auto_picks_the_protocol_from_the_destination() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    for (destination, expected) in [
        ("rtmp://live.example.com/app/key", Protocol::Rtmp),
        ("RTMPS://live.example.com/app/key", Protocol::Rtmp),
        ("h323:10.0.0.1", Protocol::H323),
        ("mssip:bob@example.com", Protocol::Mssip),
        ("sip:carol@example.com", Protocol::Sip),
        ("dave@example.com", Protocol::Sip),
        ("+4412345678", Protocol::Sip),
    ] {
        let uuid = dialled_uuid(
            room.conference_request(&host, ConferenceRequest::Dial(dial_to(destination))),
        );
        assert_eq!(room.participant(uuid).protocol, expected, "{destination}");
    }
    let explicit = DialRequest {
        protocol: DialProtocol::H323,
        ..dial_to("sip:erin@example.com")
    };
    let uuid = dialled_uuid(room.conference_request(&host, ConferenceRequest::Dial(explicit)));
    assert_eq!(room.participant(uuid).protocol, Protocol::H323);
}

#[test]
fn dial_marks_streaming_participants_and_audio_calls() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let streaming = DialRequest {
        streaming: true,
        ..dial_to("rtmp://live.example.com/app/key")
    };
    let uuid = dialled_uuid(room.conference_request(&host, ConferenceRequest::Dial(streaming)));
    assert!(room.participant(uuid).is_streaming_conference);
    let audio = DialRequest {
        call_type: CallType::Audio,
        remote_display_name: Some("Phone".to_owned()),
        overlay_text: Some("Phone (mobile)".to_owned()),
        ..dial_to("sip:phone@example.com")
    };
    let uuid = dialled_uuid(room.conference_request(&host, ConferenceRequest::Dial(audio)));
    let phone = room.participant(uuid);
    assert!(!phone.is_streaming_conference);
    assert!(phone.is_audio_only_call && !phone.is_video_call);
    assert_eq!(phone.display_name, "Phone");
    assert_eq!(phone.overlay_text, "Phone (mobile)");
}

#[test]
fn dialled_guests_are_muted_while_guests_are_muted() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    let guest = dialled_uuid(room.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:guest@example.com")),
    ));
    let chair = dialled_uuid(room.conference_request(
        &host,
        ConferenceRequest::Dial(DialRequest {
            role: Role::Host,
            ..dial_to("sip:chair@example.com")
        }),
    ));
    assert!(room.participant(guest).is_muted);
    assert!(!room.participant(chair).is_muted);
}

#[test]
fn dial_needs_a_destination() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    for destination in ["", "   ", &"x".repeat(513)] {
        assert!(matches!(
            room.conference_request(&host, ConferenceRequest::Dial(dial_to(destination))),
            Err(Error::Invalid(_))
        ));
    }
    assert!(room.drain_events().is_empty());
}

// ---------------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------------

#[test]
fn a_role_change_asks_that_participant_to_refresh_and_the_refresh_reports_the_new_role() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    room.participant_request(&host, guest.uuid, ParticipantRequest::Role(Role::Host))
        .unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["participant_update", "refresh_token"]);
    assert_eq!(events[1].audience, Audience::Only(guest.uuid));
    assert_eq!(room.participant(guest.uuid).role, Role::Host);
    let Ok(Reply::Refreshed { role, .. }) = room.refresh(&guest.token) else {
        panic!("refresh failed");
    };
    assert_eq!(role, Role::Host);
    // Now a host, the former guest may do host things.
    assert!(room
        .conference_request(&guest, ConferenceRequest::Lock(true))
        .is_ok());
}

#[test]
fn setting_the_role_a_participant_already_has_emits_nothing() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    room.participant_request(&host, guest.uuid, ParticipantRequest::Role(Role::Guest))
        .unwrap();
    assert!(room.drain_events().is_empty());
}

#[test]
fn a_host_demoted_while_guests_are_muted_is_muted() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let other = room.join_host("Harry");
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    room.participant_request(&host, other.uuid, ParticipantRequest::Role(Role::Guest))
        .unwrap();
    let demoted = room.participant(other.uuid);
    assert_eq!(demoted.role, Role::Guest);
    assert!(demoted.is_muted);
}

// ---------------------------------------------------------------------------------------------------
// Transfer
// ---------------------------------------------------------------------------------------------------

#[test]
fn transfer_sends_a_refer_with_the_token_and_removes_the_participant() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    let transfer = TransferRequest {
        alias: "other-room".to_owned(),
        one_time_token: "ott-1".to_owned(),
    };
    assert_eq!(
        room.participant_request(&host, guest.uuid, ParticipantRequest::Transfer(transfer)),
        Ok(Reply::Bool(true))
    );
    let events = room.drain_events();
    assert_eq!(names(&events), ["refer", "participant_delete"]);
    assert_eq!(events[0].audience, Audience::Only(guest.uuid));
    assert_eq!(
        events[0].event,
        Event::Refer {
            alias: "other-room".to_owned(),
            token: "ott-1".to_owned()
        }
    );
    assert!(!room.is_present(guest.uuid));
    assert_eq!(room.refresh(&guest.token), Err(Error::InvalidToken));
}

#[test]
fn a_one_time_token_admits_once_with_the_role_it_was_issued_for() {
    let mut target = Room::pinned();
    let Reply::OneTimeToken(as_host) = target
        .handle(Command::IssueReferToken {
            role: Some(Role::Host),
        })
        .unwrap()
    else {
        panic!("no one-time token");
    };
    let Reply::OneTimeToken(default_role) = target
        .handle(Command::IssueReferToken { role: None })
        .unwrap()
    else {
        panic!("no one-time token");
    };
    let host = target.join_with_one_time_token("Gus", &as_host).unwrap();
    assert_eq!(host.role, Role::Host);
    assert_eq!(
        target.join_with_one_time_token("Gus", &as_host),
        Err(Error::InvalidToken),
        "a one-time token is good for one join"
    );
    // Without a role, the transferred participant is a guest of a room with a PIN.
    let guest = target
        .join_with_one_time_token("Gina", &default_role)
        .unwrap();
    assert_eq!(guest.role, Role::Guest);
}

#[test]
fn a_one_time_token_expires_after_a_minute() {
    let mut target = Room::open();
    let Reply::OneTimeToken(token) = target
        .handle(Command::IssueReferToken { role: None })
        .unwrap()
    else {
        panic!("no one-time token");
    };
    target.advance(60);
    assert_eq!(
        target.join_with_one_time_token("Gus", &token),
        Err(Error::InvalidToken)
    );
}

#[test]
fn a_far_end_moves_whole_to_the_target_conference() {
    let mut source = Room::open();
    let mut target = Room::new(VmrConfig::open("target"), Settings::default());
    let host = source.join_host("Hannah");
    let uuid = dialled_uuid(source.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:alice@example.com")),
    ));
    source.advance(1);
    source
        .participant_request(&host, uuid, ParticipantRequest::Spotlight(true))
        .unwrap();
    source.drain_events();
    let transfer = TransferRequest {
        alias: "target".to_owned(),
        one_time_token: String::new(),
    };
    let Ok(Reply::FarEndTransferred(far_end)) =
        source.participant_request(&host, uuid, ParticipantRequest::Transfer(transfer))
    else {
        panic!("the far end was not handed over");
    };
    assert!(!source.is_present(uuid));
    assert!(names(&source.drain_events()).contains(&"participant_delete"));

    assert_eq!(
        target.handle(Command::AdmitFarEnd(far_end.clone())),
        Ok(Reply::Uuids(vec![uuid]))
    );
    let moved = target.participant(uuid);
    assert_eq!(moved.local_alias, "target");
    assert_eq!(moved.spotlight, None);
    assert_eq!(moved.uri, "sip:alice@example.com");
    assert!(matches!(
        target.handle(Command::AdmitFarEnd(FarEnd {
            participant: moved.clone()
        })),
        Err(Error::Invalid(_))
    ));
}

// ---------------------------------------------------------------------------------------------------
// The end of a conference
// ---------------------------------------------------------------------------------------------------

#[test]
fn disconnect_all_disconnects_everyone_including_the_caller() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    let far_end = dialled_uuid(room.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:alice@example.com")),
    ));
    room.drain_events();
    assert_eq!(
        room.conference_request(&host, ConferenceRequest::DisconnectAll),
        Ok(Reply::Bool(true))
    );
    let events = room.drain_events();
    for who in [host.uuid, guest.uuid] {
        assert_eq!(disconnect_reasons(&events, who), [TERMINATED]);
    }
    for who in [host.uuid, guest.uuid, far_end] {
        assert!(
            events
                .iter()
                .any(|o| o.event == Event::ParticipantDelete(who)),
            "{who} was not deleted"
        );
    }
    assert!(room.roster().is_empty());
    assert_eq!(room.refresh(&host.token), Err(Error::InvalidToken));
}

#[test]
fn the_last_participant_leaving_resets_the_room_to_its_configuration() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    room.conference_request(&host, ConferenceRequest::TransformLayout(layout("4:0")))
        .unwrap();
    room.release(&host).unwrap();
    let status = room.conference.status();
    assert!(!status.locked && !status.guests_muted && !status.started);
    // The next guest walks into an unlocked, unmuted conference.
    let guest = room.join("Gus", Some(GUEST_PIN)).unwrap();
    assert_eq!(guest.current_service_type, ServiceType::Conference);
    assert!(!room.participant(guest.participant_uuid).is_muted);
    assert_eq!(room.conference.layout_view(Role::Guest).view, "1:7");
}

#[test]
fn a_room_configured_locked_is_locked_again_after_everyone_left() {
    let vmr = VmrConfig {
        locked: true,
        ..pinned_vmr()
    };
    let mut room = Room::new(vmr, Settings::default());
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::Lock(false))
        .unwrap();
    assert!(!room.conference.status().locked);
    room.release(&host).unwrap();
    assert!(room.conference.status().locked);
    let guest = room.join("Gus", Some(GUEST_PIN)).unwrap();
    assert_eq!(guest.current_service_type, ServiceType::WaitingRoom);
}

#[test]
fn the_lock_holds_while_anyone_remains() {
    let (mut room, host) = locked_room_with_host();
    let other = room.join_host("Harry");
    room.release(&host).unwrap();
    assert!(room.conference.status().locked);
    room.release(&other).unwrap();
    assert!(!room.conference.status().locked);
}

// ---------------------------------------------------------------------------------------------------
// Layouts
// ---------------------------------------------------------------------------------------------------

#[test]
fn an_unknown_layout_is_invalid_and_changes_nothing() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    for transforms in [
        layout("3:3"),
        layout(""),
        Transforms {
            guest_layout: Some("huge".to_owned()),
            ..Transforms::default()
        },
        Transforms {
            layout: Some("4:0".to_owned()),
            streaming_layout: Some("nope".to_owned()),
            ..Transforms::default()
        },
        Transforms {
            free_form_overlay_text: Some(vec!["x".repeat(251)]),
            ..Transforms::default()
        },
    ] {
        assert!(matches!(
            room.conference_request(&host, ConferenceRequest::TransformLayout(transforms)),
            Err(Error::Invalid(_))
        ));
    }
    assert!(room.drain_events().is_empty());
    assert_eq!(room.conference.layout_view(Role::Host).view, "1:7");
}

#[test]
fn a_valid_layout_is_announced_to_each_role_with_its_own_view() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let guest = room.join_guest("Gus");
    room.drain_events();
    let transforms = Transforms {
        host_layout: Some("2:21".to_owned()),
        guest_layout: Some("1:0".to_owned()),
        enable_overlay_text: Some(false),
        ..Transforms::default()
    };
    assert_eq!(
        room.conference_request(&host, ConferenceRequest::TransformLayout(transforms)),
        Ok(Reply::Bool(true))
    );
    let events = room.drain_events();
    assert_eq!(names(&events), ["layout", "layout"]);
    let host_view: Vec<_> = events
        .iter()
        .filter(|o| o.audience.includes(host.uuid, Role::Host))
        .collect();
    let guest_view: Vec<_> = events
        .iter()
        .filter(|o| o.audience.includes(guest.uuid, Role::Guest))
        .collect();
    assert_eq!((host_view.len(), guest_view.len()), (1, 1));
    let (Event::Layout(for_hosts), Event::Layout(for_guests)) =
        (&host_view[0].event, &guest_view[0].event)
    else {
        panic!("not layouts: {events:?}");
    };
    assert_eq!(for_hosts.view, "2:21");
    assert_eq!(for_guests.view, "1:0");
    for view in [for_hosts, for_guests] {
        assert_eq!(
            (view.chair_layout.as_str(), view.guest_layout.as_str()),
            ("2:21", "1:0")
        );
        assert!(!view.overlay_text_enabled);
    }
}

#[test]
fn an_empty_transform_puts_the_default_layout_back() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    let transforms = Transforms {
        layout: Some("4:0".to_owned()),
        enable_overlay_text: Some(false),
        ..Transforms::default()
    };
    room.conference_request(&host, ConferenceRequest::TransformLayout(transforms))
        .unwrap();
    room.drain_events();
    room.conference_request(
        &host,
        ConferenceRequest::TransformLayout(Transforms::default()),
    )
    .unwrap();
    let events = room.drain_events();
    let Some(Event::Layout(view)) = events.first().map(|o| &o.event) else {
        panic!("no layout event: {events:?}");
    };
    assert_eq!(
        (view.view.as_str(), view.chair_layout.as_str()),
        ("1:7", "1:7")
    );
    assert!(view.overlay_text_enabled);
}

#[test]
fn a_layout_shows_only_as_many_participants_as_it_has_room_for() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let far_ends: Vec<Uuid> = (0..3)
        .map(|i| {
            dialled_uuid(room.conference_request(
                &host,
                ConferenceRequest::Dial(dial_to(&format!("sip:{i}@example.com"))),
            ))
        })
        .collect();
    room.advance(1);
    room.conference_request(&host, ConferenceRequest::TransformLayout(layout("1:0")))
        .unwrap();
    assert_eq!(
        room.conference.layout_view(Role::Host).participants,
        far_ends[..1]
    );
    // A spotlight puts a participant first.
    room.participant_request(&host, far_ends[2], ParticipantRequest::Spotlight(true))
        .unwrap();
    assert_eq!(
        room.conference.layout_view(Role::Host).participants,
        [far_ends[2]]
    );
    room.conference_request(&host, ConferenceRequest::TransformLayout(layout("4:0")))
        .unwrap();
    assert_eq!(
        room.conference.layout_view(Role::Guest).participants,
        [far_ends[2], far_ends[0], far_ends[1]]
    );
}

#[test]
fn override_layout_is_kept_and_echoed_and_unknown_names_are_invalid() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    room.drain_events();
    let body = serde_json::json!({"layouts": [{"layout": "9:0", "participants": []}]});
    room.conference_request(&host, ConferenceRequest::OverrideLayout(body.clone()))
        .unwrap();
    let events = room.drain_events();
    assert_eq!(names(&events), ["layout", "layout"]);
    assert!(
        matches!(&events[0].event, Event::Layout(v) if v.override_layout == Some(body.clone()))
    );
    for bad in [
        serde_json::json!({}),
        serde_json::json!({"layouts": [{"layout": "nope"}]}),
        serde_json::json!({"layouts": [{"participants": []}]}),
    ] {
        assert!(matches!(
            room.conference_request(&host, ConferenceRequest::OverrideLayout(bad)),
            Err(Error::Invalid(_))
        ));
    }
    assert!(room.drain_events().is_empty());
}

#[test]
fn available_layouts_lists_every_layout_for_every_role() {
    let mut room = Room::pinned();
    let guest = room.join_guest("Gus");
    assert_eq!(
        room.conference_request(&guest, ConferenceRequest::AvailableLayouts),
        Ok(Reply::Layouts(AVAILABLE_LAYOUTS.to_vec()))
    );
}

#[test]
fn events_are_numbered_from_one_without_gaps() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.join_guest("Gus");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    let ids: Vec<u64> = room.drain_events().iter().map(|o| o.id).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(room.conference.last_event_id(), 4);
}

// ---------------------------------------------------------------------------------------------------
// Rules that earlier engine versions broke.
// ---------------------------------------------------------------------------------------------------

/// The newest `conference_update` among `events`.
fn last_conference_update(events: &[Outbound]) -> Option<ConferenceStatus> {
    events.iter().rev().find_map(|o| match &o.event {
        Event::ConferenceUpdate(status) => Some(status.clone()),
        _ => None,
    })
}

#[test]
fn all_muted_is_announced_when_it_changes() {
    // Muting the only participant makes everyone muted, silently.
    let mut room = Room::open();
    let alice = room.join_host("Alice");
    room.participant_request(&alice, alice.uuid, ParticipantRequest::Mute(true))
        .unwrap();
    let events = room.drain_events();
    assert!(room.conference.status().all_muted);
    assert_eq!(
        last_conference_update(&room.log),
        Some(room.conference.status()),
        "events after the mute: {:?}",
        names(&events)
    );

    // muteguests announces the status before it mutes the guests, so the announced all_muted is stale.
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.join_guest("Gus");
    room.participant_request(&host, host.uuid, ParticipantRequest::Mute(true))
        .unwrap();
    room.conference_request(&host, ConferenceRequest::MuteGuests(true))
        .unwrap();
    room.drain_events();
    assert!(room.conference.status().all_muted);
    assert_eq!(
        last_conference_update(&room.log),
        Some(room.conference.status())
    );
}

#[test]
fn the_reset_after_the_last_participant_left_is_announced() {
    let mut room = Room::pinned();
    let host = room.join_host("Hannah");
    room.conference_request(&host, ConferenceRequest::Lock(true))
        .unwrap();
    room.release(&host).unwrap();
    room.drain_events();
    // The last word was {locked: true, started: true}; the conference is now unlocked and not started.
    assert_eq!(
        last_conference_update(&room.log),
        Some(room.conference.status())
    );
}

#[test]
fn promoting_a_waiting_guest_to_host_lets_them_in() {
    let (mut room, host) = locked_room_with_host();
    let guest = room.join_guest("Gus");
    room.participant_request(&host, guest.uuid, ParticipantRequest::Role(Role::Host))
        .unwrap();
    let promoted = room.participant(guest.uuid);
    assert_eq!(promoted.role, Role::Host);
    assert_eq!(
        promoted.service_type,
        ServiceType::Conference,
        "hosts never wait in a locked conference"
    );
}

#[test]
fn dialled_participants_have_one_line_names_like_everyone_else() {
    let attempts = [
        dial_to("sip:evil\u{7}\nname@example.com"),
        dial_to(&format!("sip:{}@example.com", "x".repeat(400))),
        DialRequest {
            overlay_text: Some("two\nlines".to_owned()),
            ..dial_to("sip:alice@example.com")
        },
        DialRequest {
            overlay_text: Some("x".repeat(10_000)),
            ..dial_to("sip:alice@example.com")
        },
    ];
    for dial in attempts {
        let mut room = Room::open();
        let host = room.join_host("Hannah");
        match room.conference_request(&host, ConferenceRequest::Dial(dial.clone())) {
            Err(Error::Invalid(_)) => {}
            Ok(Reply::Uuids(uuids)) => {
                let p = room.participant(uuids[0]);
                for (text, max) in [(&p.display_name, 256), (&p.overlay_text, 250)] {
                    assert!(
                        text.chars().count() <= max && !text.chars().any(char::is_control),
                        "dialling {:?} made a participant named {:?}",
                        dial.destination,
                        text.chars().take(40).collect::<String>()
                    );
                }
            }
            other => panic!("dial answered {other:?}"),
        }
    }
}

#[test]
fn a_one_time_token_survives_a_join_turned_away_by_the_limit() {
    let vmr = VmrConfig {
        participant_limit: Some(1),
        ..VmrConfig::open("small")
    };
    let mut room = Room::new(vmr, Settings::default());
    let alice = room.join_host("Alice");
    let Ok(Reply::OneTimeToken(ticket)) = room.handle(Command::IssueReferToken { role: None })
    else {
        panic!("no one-time token");
    };
    assert_eq!(
        room.join_with_one_time_token("Bob", &ticket),
        Err(Error::LimitReached)
    );
    room.release(&alice).unwrap();
    assert!(
        room.join_with_one_time_token("Bob", &ticket).is_ok(),
        "the rejected join used up the one-time token"
    );
}

#[test]
fn a_far_end_transferred_while_connecting_still_connects() {
    let mut source = Room::open();
    let mut target = Room::new(VmrConfig::open("target"), Settings::default());
    let host = source.join_host("Hannah");
    let uuid = dialled_uuid(source.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:alice@example.com")),
    ));
    let transfer = TransferRequest {
        alias: "target".to_owned(),
        one_time_token: String::new(),
    };
    // Refusing to transfer a call that is not up yet would be as good as connecting it in the target.
    let Ok(Reply::FarEndTransferred(far_end)) =
        source.participant_request(&host, uuid, ParticipantRequest::Transfer(transfer))
    else {
        return;
    };
    target.handle(Command::AdmitFarEnd(far_end)).unwrap();
    target.advance(10);
    let moved = target.participant(uuid);
    assert_eq!(moved.service_type, ServiceType::Conference);
    assert!(moved.has_media);
}

#[test]
fn chat_is_addressed_only_to_participants_who_can_receive_it() {
    let mut room = Room::open();
    let host = room.join_host("Hannah");
    let far_end = dialled_uuid(room.conference_request(
        &host,
        ConferenceRequest::Dial(dial_to("sip:alice@example.com")),
    ));
    room.drain_events();
    let (mime_type, payload) = chat("hello");
    room.conference_request(&host, ConferenceRequest::Message { mime_type, payload })
        .unwrap();
    let events = room.drain_events();
    assert!(
        events.iter().all(|o| o.audience != Audience::Only(far_end)),
        "{events:?}"
    );
}

#[test]
fn a_guest_in_the_waiting_room_can_neither_present_nor_chat() {
    let (mut room, _host) = locked_room_with_host();
    let waiting = room.join_guest("Gus");
    room.drain_events();
    let (mime_type, payload) = chat("let me in");
    let chat = room.conference_request(&waiting, ConferenceRequest::Message { mime_type, payload });
    let present = room.participant_request(&waiting, waiting.uuid, ParticipantRequest::TakeFloor);
    let events = room.drain_events();
    assert!(
        chat.is_err() && present.is_err(),
        "chat: {chat:?}, take_floor: {present:?}, events: {:?}",
        names(&events)
    );
}
