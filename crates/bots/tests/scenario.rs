//! Scenario files: checked with line numbers before anything plays, then played step by step at their
//! times against a real directory, on Tokio's paused clock.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{
    assert_about, directory, directory_with, join_client, participant_named, roster, Recorder, ROOM,
};
use plugboard_bots::scenario::Action;
use plugboard_bots::Scenario;
use plugboard_conference::{Audience, Event, Outbound, Participant, Role, VmrConfig};

/// Something to look for among the events.
type Happening = dyn Fn(&Outbound) -> bool;

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

const CAST: &str = r#"
[[person]]
name = "Hana Host"
role = "host"

[[person]]
name = "Gus Guest"
"#;

/// A scenario of the cast above and `steps`.
fn with_cast(steps: &str) -> String {
    format!("{CAST}{steps}")
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

#[test]
fn the_demo_scenario_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scenarios/demo.toml");
    let scenario = Scenario::load(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(scenario.people.len(), 5);
    assert_eq!(scenario.people[0].role, Role::Host);
    assert!(scenario.steps.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(scenario.length() >= Duration::from_secs(60));
    let actions: Vec<&Action> = scenario.steps.iter().map(|s| &s.action).collect();
    for wanted in [
        Action::Join,
        Action::Lock,
        Action::Unlock,
        Action::Leave,
        Action::RaiseHand,
        Action::Mute,
    ] {
        assert!(actions.contains(&&wanted), "the demo has no {wanted:?}");
    }
}

#[test]
fn steps_play_by_time_and_in_file_order_at_the_same_time() {
    let source = with_cast(
        r#"
[[step]]
at = "2s"
who = "Gus Guest"
do = "chat"
text = "second"

[[step]]
at = 0
who = "Gus Guest"
do = "join"

[[step]]
at = 2
who = "Gus Guest"
do = "chat"
text = "third"

[[step]]
at = "1.5s"
who = "Gus Guest"
do = "speak"
for = "500ms"
vad = 40
"#,
    );
    let scenario = Scenario::parse(&source, "order.toml").unwrap();
    let summary: Vec<(Duration, usize, String)> = scenario
        .steps
        .iter()
        .map(|s| (s.at, s.line, s.to_string()))
        .collect();
    assert_eq!(
        summary,
        [
            (secs(0.0), 18, "Gus Guest joins".to_owned()),
            (
                secs(1.5),
                29,
                "Gus Guest speaks for 0.5s (vad 40)".to_owned()
            ),
            (secs(2.0), 12, "Gus Guest says \"second\"".to_owned()),
            (secs(2.0), 23, "Gus Guest says \"third\"".to_owned()),
        ]
    );
}

#[test]
fn mistakes_are_refused_with_the_file_line_and_column() {
    let join = "\n[[step]]\nat = 0\nwho = \"Gus Guest\"\ndo = \"join\"\n";
    // Lines 2-7 hold the cast; the first step starts on line 9.
    let cases: Vec<(String, usize, &str)> = vec![
        ("[[step]\nat = 1".to_owned(), 1, "unclosed array table"),
        (with_cast("\n[[step]]\nat = 0\nwho = \"Gus Guest\"\ndo = \"join\"\ncolour = \"red\"\n"), 13, "unknown field `colour`"),
        (with_cast("\n[[step]]\nat = 0\nwho = \"Gus Guest\"\ndo = \"dance\"\n"), 12, "unknown action \"dance\""),
        (with_cast("\n[[step]]\nat = 0\nwho = \"Gus Gest\"\ndo = \"join\"\n"), 11, "nobody called \"Gus Gest\" is among the people; the people are Hana Host, Gus Guest"),
        (with_cast(&format!("{join}\n[[step]]\nat = 1\nwho = \"Gus Guest\"\ndo = \"speak\"\n")), 17, "speak needs `for`"),
        (with_cast("\n[[step]]\nat = \"5 minutes\"\nwho = \"Gus Guest\"\ndo = \"join\"\n"), 10, "\"5 minutes\" is not a time"),
        (with_cast(&format!("{join}\n[[step]]\nat = -1\nwho = \"Gus Guest\"\ndo = \"leave\"\n")), 15, "a time must be 0"),
        (with_cast(&format!("\n[[step]]\nat = 5\nwho = \"Gus Guest\"\ndo = \"speak\"\nfor = 2\n{}", join.replace("at = 0", "at = 10"))), 11, "Gus Guest is not in the room at 0:05"),
        (with_cast(&format!("{join}{join}")), 17, "Gus Guest joins again at 0:00 without having left"),
        (with_cast(&format!("{join}\n[[step]]\nat = 1\nwho = \"Gus Guest\"\ndo = \"lock\"\n")), 17, "only hosts may do that, and Gus Guest is a guest"),
        (with_cast(&format!("{join}\n[[step]]\nat = 1\nwho = \"Gus Guest\"\ndo = \"leave\"\ntext = \"bye\"\n")), 18, "`text` does not go with do = \"leave\""),
        (with_cast(&format!("{join}\n[[step]]\nat = 1\nwho = \"Gus Guest\"\ndo = \"speak\"\nfor = 1\nvad = 300\n")), 19, "u8"),
        (with_cast(&format!("{join}\n[[step]]\nat = 1\nwho = \"Gus Guest\"\ndo = \"chat\"\ntext = \" \"\n")), 18, "`text` must not be empty"),
        (with_cast(&format!("{join}\n[[step]]\nat = 1\nwho = \"Gus Guest\"\ndo = \"spotlight\"\n")), 17, "spotlight needs `target`"),
        (format!("{CAST}\n[[person]]\nname = \"gus guest\"\n"), 10, "there is already a person called \"gus guest\""),
        ("[[person]]\nname = \"Al\"\nrole = \"admin\"\n".to_owned(), 3, "role must be \"host\" or \"guest\""),
        (CAST.to_owned(), 1, "the scenario has no steps"),
        ("[[person]]\nname = \"Al\"\n\n[[step]]\nat = 0\ndo = \"join\"\n".to_owned(), 4, "missing field `who`"),
    ];
    for (source, line, message) in cases {
        let error = Scenario::parse(&source, "bad.toml").expect_err(message);
        let shown = error.to_string();
        assert_eq!(error.line(), Some(line), "{shown}\n--- in ---\n{source}");
        assert!(
            shown.starts_with(&format!("bad.toml:{line}:")) && shown.contains(message),
            "{shown:?} lacks {message:?}"
        );
    }
}

#[test]
fn a_missing_file_is_refused_with_its_path() {
    let error = Scenario::load(Path::new("/nonexistent/scenario.toml")).unwrap_err();
    assert!(error
        .to_string()
        .starts_with("cannot read /nonexistent/scenario.toml"));
    assert_eq!(error.line(), None);
}

// ---------------------------------------------------------------------------------------------------
// Playing
// ---------------------------------------------------------------------------------------------------

const PLAY: &str = r#"
[[step]]
at = 0
who = "Hana Host"
do = "join"

[[step]]
at = "1s"
who = "Gus Guest"
do = "join"

[[step]]
at = "2s"
who = "Gus Guest"
do = "speak"
for = "3s"

[[step]]
at = "3s"
who = "Gus Guest"
do = "raise_hand"

[[step]]
at = "4s"
who = "Gus Guest"
do = "chat"
text = "hello"

[[step]]
at = "5s"
who = "Hana Host"
do = "chat"
to = "Rita Real"
text = "psst"

[[step]]
at = "6s"
who = "Hana Host"
do = "mute"
target = "Gus Guest"

[[step]]
at = "7s"
who = "Hana Host"
do = "spotlight"
target = "gus guest"

[[step]]
at = "8s"
who = "Hana Host"
do = "lock"

[[step]]
at = "9s"
who = "Gus Guest"
do = "lower_hand"

[[step]]
at = "9s"
who = "Gus Guest"
do = "mute"

[[step]]
at = "10s"
who = "Hana Host"
do = "unlock"

[[step]]
at = "11s"
who = "Gus Guest"
do = "leave"
"#;

#[tokio::test(start_paused = true)]
async fn a_scenario_plays_out_in_order_at_its_times() {
    let directory = directory();
    let (rita, _token) = join_client(&directory, "Rita Real").await;
    let recorder = Recorder::start(&directory).await;
    let scenario = Scenario::parse(&with_cast(PLAY), "play.toml").unwrap();
    let mut run = scenario.play(directory.clone(), ROOM).unwrap();
    let start = run.started();
    let report = run.played().await;
    assert!(report.all_played(), "{report}");
    assert_eq!(report.outcomes.len(), 13);
    assert_eq!(report.origin, "play.toml");

    let gus = |what: fn(&Participant) -> bool| {
        move |o: &Outbound| participant_named(o, "Gus Guest").is_some_and(what)
    };
    let gus_uuid = *recorder
        .names()
        .iter()
        .find(|(_, name)| *name == "Gus Guest")
        .map(|(uuid, _)| uuid)
        .expect("Gus joined");
    let stage_vad = |vad: u8| {
        move |o: &Outbound| match &o.event {
            Event::Stage(entries) => entries
                .iter()
                .any(|e| e.participant_uuid == gus_uuid && e.vad == vad),
            _ => false,
        }
    };
    let from_gus_to_rita = move |o: &Outbound| {
        o.audience == Audience::Only(rita)
            && matches!(&o.event, Event::MessageReceived(m) if m.payload == "hello" && !m.direct)
    };
    let direct_to_rita = move |o: &Outbound| {
        o.audience == Audience::Only(rita)
            && matches!(&o.event, Event::MessageReceived(m) if m.payload == "psst" && m.direct && m.origin == "Hana Host")
    };
    let locked = |locked: bool| move |o: &Outbound| matches!(&o.event, Event::ConferenceUpdate(s) if s.locked == locked);
    let expectations: Vec<(f64, &str, Box<Happening>)> = vec![
        (
            0.0,
            "Hana joins",
            Box::new(|o| participant_named(o, "Hana Host").is_some()),
        ),
        (1.0, "Gus joins", Box::new(gus(|_| true))),
        (2.0, "Gus speaks", Box::new(stage_vad(100))),
        (
            3.0,
            "Gus raises a hand",
            Box::new(gus(|p| p.buzz_time.is_some())),
        ),
        (4.0, "Gus chats", Box::new(from_gus_to_rita)),
        (5.0, "Hana writes to Rita", Box::new(direct_to_rita)),
        (6.0, "Hana mutes Gus", Box::new(gus(|p| p.is_muted))),
        (
            7.0,
            "Hana spotlights Gus",
            Box::new(gus(|p| p.spotlight.is_some())),
        ),
        (8.0, "Hana locks", Box::new(locked(true))),
        (
            9.0,
            "Gus mutes himself",
            Box::new(gus(|p| p.is_client_muted)),
        ),
        (10.0, "Hana unlocks", Box::new(locked(false))),
        (
            11.0,
            "Gus leaves",
            Box::new(move |o| o.event == Event::ParticipantDelete(gus_uuid)),
        ),
    ];
    for (at, what, matches) in &expectations {
        assert_about(recorder.first(start, matches), secs(*at), what);
    }
    // His speech ends after its 3 s, before the host mutes him; his hand is down at 9 s.
    let silent = recorder.first(start + secs(2.5), stage_vad(0));
    assert_about(silent, secs(2.5), "Gus falls silent");
    let hand_down = recorder.first(start + secs(8.5), gus(|p| p.buzz_time.is_none()));
    assert_about(hand_down, secs(0.5), "Gus lowers his hand");

    // Hana stays until the run is stopped.
    let names: Vec<String> = roster(&directory)
        .await
        .iter()
        .map(|p| p.display_name.clone())
        .collect();
    assert_eq!(names, ["Rita Real", "Hana Host"]);
    run.stop().await;
    let names: Vec<String> = roster(&directory)
        .await
        .iter()
        .map(|p| p.display_name.clone())
        .collect();
    assert_eq!(names, ["Rita Real"]);
}

#[tokio::test(start_paused = true)]
async fn steps_that_fail_are_reported_with_their_line_and_the_rest_plays() {
    let vmr = VmrConfig {
        participant_limit: Some(2),
        ..VmrConfig::open(ROOM)
    };
    let directory = directory_with(vmr);
    join_client(&directory, "Rita Real").await;
    let steps = r#"
[[step]]
at = 0
who = "Hana Host"
do = "join"

[[step]]
at = 1
who = "Gus Guest"
do = "join"

[[step]]
at = 2
who = "Gus Guest"
do = "chat"
text = "am I in?"

[[step]]
at = 3
who = "Hana Host"
do = "spotlight"
target = "Nobody Here"

[[step]]
at = 4
who = "Hana Host"
do = "chat"
text = "still here"
"#;
    let scenario = Scenario::parse(&with_cast(steps), "fail.toml").unwrap();
    let mut run = scenario.play(directory.clone(), ROOM).unwrap();
    let report = run.played().await;
    let failures: Vec<(usize, String)> = report
        .failures()
        .map(|o| (o.step.line, o.result.clone().unwrap_err()))
        .collect();
    assert_eq!(
        failures,
        [
            (17, "Participant limit reached".to_owned()),
            (22, "Gus Guest is not in the room".to_owned()),
            (
                28,
                "nobody called \"Nobody Here\" is in the room".to_owned()
            ),
        ]
    );
    assert_eq!(report.outcomes.len(), 5);
    assert!(report.outcomes[4].result.is_ok());
    let shown = report.to_string();
    assert!(
        shown.contains("fail.toml:17 0:01 Gus Guest joins: failed: Participant limit reached"),
        "{shown}"
    );
    run.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_person_shown_out_by_a_host_is_reported_gone() {
    let directory = directory();
    let steps = r#"
[[step]]
at = 0
who = "Gus Guest"
do = "join"

[[step]]
at = 5
who = "Gus Guest"
do = "raise_hand"
"#;
    let scenario = Scenario::parse(&with_cast(steps), "kick.toml").unwrap();
    let mut run = scenario.play(directory.clone(), ROOM).unwrap();
    tokio::time::sleep(secs(1.0)).await;
    let (_host, token) = join_client(&directory, "Rita Real").await;
    let gus = roster(&directory)
        .await
        .into_iter()
        .find(|p| p.display_name == "Gus Guest")
        .expect("Gus joined");
    let disconnect = plugboard_conference::Command::Request {
        token,
        request: plugboard_conference::Request::Participant {
            uuid: gus.uuid,
            request: plugboard_conference::ParticipantRequest::Disconnect,
        },
    };
    directory.command(ROOM, disconnect).await.unwrap();
    let report = run.played().await;
    assert_eq!(
        report.outcomes[1].result,
        Err("Gus Guest is no longer in the room".to_owned())
    );
    run.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_scenario_needs_an_existing_room() {
    let scenario = Scenario::parse(
        &with_cast("[[step]]\nat = 0\nwho = \"Gus Guest\"\ndo = \"join\"\n"),
        "x.toml",
    )
    .unwrap();
    assert!(scenario.play(directory(), "nowhere").is_err());
}

#[tokio::test(start_paused = true)]
async fn a_new_speech_is_not_cut_short_by_the_end_of_an_earlier_one() {
    let directory = directory();
    let recorder = Recorder::start(&directory).await;
    let steps = r#"
[[step]]
at = 0
who = "Gus Guest"
do = "join"

[[step]]
at = 1
who = "Gus Guest"
do = "speak"
for = 4

[[step]]
at = 3
who = "Gus Guest"
do = "speak"
for = 4
vad = 50
"#;
    let scenario = Scenario::parse(&with_cast(steps), "talk.toml").unwrap();
    let mut run = scenario.play(directory.clone(), ROOM).unwrap();
    let start = run.started();
    assert!(run.played().await.all_played());
    tokio::time::sleep(secs(10.0)).await;
    let vads: Vec<(Duration, u8)> = recorder
        .events()
        .iter()
        .filter_map(|(at, o)| match &o.event {
            Event::Stage(entries) => entries.first().map(|e| (*at - start, e.vad)),
            _ => None,
        })
        .collect();
    let shown: Vec<(u64, u8)> = vads.iter().map(|(at, vad)| (at.as_secs(), *vad)).collect();
    assert_eq!(shown, [(0, 0), (1, 100), (3, 50), (7, 0)]);
    run.stop().await;
}

#[tokio::test(start_paused = true)]
async fn the_demo_scenario_plays_without_a_failure() {
    let directory = directory();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scenarios/demo.toml");
    let scenario = Scenario::load(&path).unwrap();
    let mut run = scenario.play(directory.clone(), ROOM).unwrap();
    let report = run.played().await;
    assert!(report.all_played(), "{report}");
    assert_eq!(report.outcomes.len(), scenario.steps.len());
    assert!(roster(&directory).await.is_empty(), "everyone left");
    run.stop().await;
}

// ---------------------------------------------------------------------------------------------------
// Playing for each visit
// ---------------------------------------------------------------------------------------------------

const VISIT: &str = r#"
[[step]]
at = 0
who = "Hana Host"
do = "join"

[[step]]
at = "2s"
who = "Gus Guest"
do = "join"
"#;

/// Whether anyone of the cast is in the room.
async fn cast_in_room(directory: &plugboard_client_api::Directory) -> bool {
    roster(directory)
        .await
        .iter()
        .any(|p| p.display_name == "Hana Host" || p.display_name == "Gus Guest")
}

/// Rita visits; the cast joins from then on, Hana at once and Gus 2 s later. Returns Rita's token.
async fn visit_and_watch_the_cast_join(
    directory: &plugboard_client_api::Directory,
    recorder: &Recorder,
) -> String {
    let visit = tokio::time::Instant::now();
    let (_, token) = join_client(directory, "Rita Real").await;
    tokio::time::sleep(secs(3.0)).await;
    let joins = |name: &'static str| move |o: &Outbound| matches!(&o.event, Event::ParticipantCreate(p) if p.display_name == name);
    assert_about(
        recorder.first(visit, joins("Hana Host")),
        secs(0.0),
        "Hana joins",
    );
    assert_about(
        recorder.first(visit, joins("Gus Guest")),
        secs(2.0),
        "Gus joins",
    );
    token
}

async fn leave_client(directory: &plugboard_client_api::Directory, token: String) {
    let release = plugboard_conference::Command::ReleaseToken { token };
    directory.command(ROOM, release).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_scenario_for_each_visit_starts_when_someone_joins_and_stops_when_they_leave() {
    let directory = directory();
    let scenario = Scenario::parse(&with_cast(VISIT), "visit.toml").unwrap();
    let visits = scenario
        .play_on_each_visit(directory.clone(), ROOM)
        .unwrap();
    // Simulated people coming and going do not start it; nobody plays before a visitor comes.
    let crowd = plugboard_bots::Bots::start(directory.clone(), ROOM, 2, 7).unwrap();
    tokio::time::sleep(secs(30.0)).await;
    assert!(
        !cast_in_room(&directory).await,
        "the cast came before anyone visited"
    );

    let recorder = Recorder::start(&directory).await;
    let token = visit_and_watch_the_cast_join(&directory, &recorder).await;
    // The visitor leaves: the cast leaves too; the next visit plays it from the start again.
    leave_client(&directory, token).await;
    tokio::time::sleep(secs(1.0)).await;
    assert!(
        !cast_in_room(&directory).await,
        "the cast stayed after the visitor left"
    );
    let token = visit_and_watch_the_cast_join(&directory, &recorder).await;

    visits.stop().await;
    assert!(
        !cast_in_room(&directory).await,
        "the cast stayed after the stop"
    );
    leave_client(&directory, token).await;
    crowd.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_scenario_for_each_visit_needs_an_existing_room() {
    let scenario = Scenario::parse(&with_cast(VISIT), "visit.toml").unwrap();
    assert!(scenario.play_on_each_visit(directory(), "nowhere").is_err());
}
