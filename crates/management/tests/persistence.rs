//! Everything stored survives a restart: packages (and their zips), web app paths, rooms.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use support::packages::example_zip;
use support::rooms::RoomCall;
use support::{Node, ALIASES, BRANDINGS, CONFERENCES};

#[tokio::test]
async fn a_restarted_node_has_everything_it_stored() {
    let node = Node::start();
    let zip = example_zip();
    let branding = node.uploaded("Sales", &zip).await;
    let alias = node
        .post(
            ALIASES,
            json!({"slug": "sales", "branding": branding, "is_default": true}),
        )
        .await
        .expect(StatusCode::CREATED)
        .location();
    node.post(
        CONFERENCES,
        json!({"name": "board", "aliases": ["b"], "pin": "1234"}),
    )
    .await
    .expect(StatusCode::CREATED);
    let paths = [BRANDINGS, ALIASES, CONFERENCES, &alias];
    let before = snapshot(&node, &paths).await;

    let node = node.restart();
    assert_eq!(snapshot(&node, &paths).await, before);
    let download = node
        .get(&format!("{branding}download/"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(download.body.as_ref(), zip.as_slice());

    let path = node
        .management
        .web_app_path("sales")
        .expect("the path is served again");
    assert!(path
        .branding
        .is_some_and(|package| package.file("manifest.json").is_some()));
    assert_eq!(
        node.management.default_path().map(|p| p.slug),
        Some("sales".to_owned())
    );
    let calls = node.rooms.calls();
    assert!(
        matches!(&calls[..], [RoomCall::Upsert { previous: None, room }] if room.name == "board" && room.pin.as_deref() == Some("1234")),
        "{calls:?}"
    );
    assert!(node.data_dir().join("plugboard.db").is_file());

    // New ids do not reuse old ones after a restart either.
    let second = node
        .post(ALIASES, json!({"slug": "other"}))
        .await
        .expect(StatusCode::CREATED)
        .location();
    assert_ne!(second, alias);
}

/// What GET answers at each of `paths`.
async fn snapshot(node: &Node, paths: &[&str]) -> Vec<Value> {
    let mut answers = Vec::new();
    for path in paths {
        answers.push(node.get(path).await.expect(StatusCode::OK).json());
    }
    answers
}
