//! `conference/`: rooms reach the node's directory on every change, and are checked with the engine's
//! rules first.

mod support;

use axum::http::{Method, StatusCode};
use plugboard_conference::{VmrConfig, VmrServiceType};
use serde_json::json;
use support::rooms::RoomCall;
use support::{Node, CONFERENCES};

#[tokio::test]
async fn rooms_are_created_updated_and_deleted_live() {
    let node = Node::start();
    let answer = node
        .post(
            CONFERENCES,
            json!({
                "name": "board",
                "aliases": [{"alias": "board@example.com"}, "meet-board"],
                "pin": "1234",
                "guest_pin": "5678",
                "allow_guests": true,
                "service_type": "lecture",
                "participant_limit": 50,
                "description": "the board room",
            }),
        )
        .await
        .expect(StatusCode::CREATED);
    let location = answer.location();
    let created = answer.json();
    assert_eq!(created["resource_uri"], location);
    assert_eq!(
        created["aliases"],
        json!([
            {"alias": "board@example.com", "conference": location, "description": ""},
            {"alias": "meet-board", "conference": location, "description": ""},
        ])
    );
    assert_eq!(created["participant_limit"], 50);
    assert_eq!(
        node.get(&location).await.expect(StatusCode::OK).json(),
        created
    );
    let board = VmrConfig {
        aliases: vec!["board@example.com".to_owned(), "meet-board".to_owned()],
        pin: Some("1234".to_owned()),
        guest_pin: Some("5678".to_owned()),
        allow_guests: true,
        service_type: VmrServiceType::Lecture,
        participant_limit: Some(50),
        ..VmrConfig::open("board")
    };
    assert_eq!(
        node.rooms.calls(),
        [RoomCall::Upsert {
            previous: None,
            room: board.clone()
        }]
    );

    let patched = node
        .patch(
            &location,
            json!({"name": "boardroom", "participant_limit": null}),
        )
        .await
        .expect(StatusCode::ACCEPTED)
        .json();
    assert_eq!(patched["aliases"], created["aliases"]);
    assert_eq!(patched["participant_limit"], json!(null));
    let renamed = VmrConfig {
        name: "boardroom".to_owned(),
        participant_limit: None,
        ..board
    };
    assert_eq!(
        node.rooms.calls()[1],
        RoomCall::Upsert {
            previous: Some("board".to_owned()),
            room: renamed
        }
    );

    let replaced = node
        .put(&location, json!({"name": "boardroom"}))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(replaced["aliases"], json!([]));
    assert_eq!(replaced["pin"], "");
    assert_eq!(
        node.rooms.calls()[2],
        RoomCall::Upsert {
            previous: Some("boardroom".to_owned()),
            room: VmrConfig {
                aliases: vec![],
                ..VmrConfig::open("boardroom")
            }
        }
    );

    node.delete(&location).await.expect(StatusCode::NO_CONTENT);
    assert_eq!(
        node.rooms.calls()[3],
        RoomCall::Remove("boardroom".to_owned())
    );
    node.get(&location).await.expect(StatusCode::NOT_FOUND);
    node.delete(&location).await.expect(StatusCode::NOT_FOUND);
    assert_eq!(node.rooms.calls().len(), 4);
}

#[tokio::test]
async fn invalid_rooms_are_refused_naming_the_field() {
    let node = Node::start();
    let cases = [
        (json!({}), "name"),
        (json!({"name": "  "}), "name"),
        (json!({"name": "x", "pin": "12a4"}), "pin"),
        (
            json!({"name": "x", "pin": "1234", "guest_pin": "56b"}),
            "guest_pin",
        ),
        (
            json!({"name": "x", "pin": "1234", "guest_pin": "5678"}),
            "guest_pin",
        ),
        (
            json!({"name": "x", "pin": "1234", "guest_pin": "1234", "allow_guests": true}),
            "guest_pin",
        ),
        (json!({"name": "x", "allow_guests": true}), "allow_guests"),
        (
            json!({"name": "x", "participant_limit": 0}),
            "participant_limit",
        ),
        (
            json!({"name": "x", "participant_limit": -1}),
            "participant_limit",
        ),
        (
            json!({"name": "x", "participant_limit": "ten"}),
            "participant_limit",
        ),
        (
            json!({"name": "x", "service_type": "gateway"}),
            "service_type",
        ),
        (json!({"name": "x", "allow_guests": "yes"}), "allow_guests"),
        (json!({"name": "x", "aliases": [" "]}), "aliases"),
        (json!({"name": "x", "aliases": [5]}), "aliases[0]"),
        (
            json!({"name": "x", "aliases": [{"alias": "a", "colour": "red"}]}),
            "aliases[0]",
        ),
        (json!({"name": "x", "aliases": ["a", "A"]}), "aliases[1]"),
        (json!({"name": "x", "aliases": "a"}), "aliases"),
        (json!({"name": "x".repeat(251)}), "name"),
    ];
    node.assert_field_errors(Method::POST, CONFERENCES, cases)
        .await;
    for (body, says) in [
        ("{\"name\": ", "Malformed JSON"),
        ("[]", "JSON object"),
        ("", "empty"),
        ("{\"name\": \"x\", \"colour\": 1}", "unknown field `colour`"),
    ] {
        let answer = node
            .send(
                axum::http::Request::post(CONFERENCES)
                    .header(
                        "authorization",
                        support::basic(support::USER, support::PASSWORD),
                    )
                    .body(axum::body::Body::from(body))
                    .expect("a request"),
            )
            .await
            .expect(StatusCode::BAD_REQUEST);
        let error = String::from_utf8_lossy(&answer.body);
        assert!(error.contains(says), "{body:?} → {error}");
    }
    let huge = json!({"name": "x", "description": "d".repeat(2 * 1024 * 1024)});
    node.post(CONFERENCES, huge)
        .await
        .expect(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(node.rooms.calls(), []);
    assert_eq!(node.get(CONFERENCES).await.json()["meta"]["total_count"], 0);
}

#[tokio::test]
async fn aliases_reach_one_room_only() {
    let node = Node::start();
    node.post(CONFERENCES, json!({"name": "one", "aliases": ["shared"]}))
        .await
        .expect(StatusCode::CREATED);
    let body = node
        .post(CONFERENCES, json!({"name": "two", "aliases": ["SHARED"]}))
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert!(
        body["aliases"][0]
            .as_str()
            .unwrap_or_default()
            .contains("one"),
        "{body}"
    );
    let body = node
        .post(CONFERENCES, json!({"name": "Shared"}))
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert!(body["name"].is_array(), "{body}");
    node.post(CONFERENCES, json!({"name": "ONE"}))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(node.rooms.calls().len(), 1);
}

#[tokio::test]
async fn a_room_the_node_refuses_is_not_stored() {
    let node = Node::start();
    node.rooms.take_alias("lobby");
    let body = node
        .post(CONFERENCES, json!({"name": "x", "aliases": ["lobby"]}))
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert!(
        body["error"].as_str().unwrap_or_default().contains("lobby"),
        "{body}"
    );
    assert_eq!(node.get(CONFERENCES).await.json()["meta"]["total_count"], 0);

    let location = node
        .post(CONFERENCES, json!({"name": "x"}))
        .await
        .expect(StatusCode::CREATED)
        .location();
    node.patch(
        &location,
        json!({"aliases": ["lobby"], "description": "changed"}),
    )
    .await
    .expect(StatusCode::BAD_REQUEST);
    let stored = node.get(&location).await.json();
    assert_eq!(
        (stored["aliases"].clone(), stored["description"].clone()),
        (json!([]), json!(""))
    );
    assert_eq!(node.rooms.calls().len(), 1);
}
