//! `webapp_alias/`: web app paths bound to branding packages, and what the node then serves.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;
use support::packages::{example_zip, minimal_zip};
use support::{Node, ALIASES, BRANDINGS};

#[tokio::test]
async fn a_path_serves_its_branding_and_shows_it_nested() {
    let node = Node::start();
    let branding = node.uploaded("Sales", &example_zip()).await;
    let answer = node
        .post(
            ALIASES,
            json!({"slug": "sales", "branding": branding, "description": "the sales team"}),
        )
        .await
        .expect(StatusCode::CREATED);
    let location = answer.location();
    assert!(
        location.starts_with(ALIASES) && location.ends_with('/'),
        "{location}"
    );
    let created = answer.json();
    assert_eq!(created["slug"], "sales");
    assert_eq!(created["webapp_type"], "webapp2");
    assert_eq!(created["is_enabled"], true);
    assert_eq!(created["is_default"], false);
    assert_eq!(created["resource_uri"], location);
    assert_eq!(created["branding"]["resource_uri"], branding);
    assert_eq!(created["branding"]["name"], "Sales");
    assert_eq!(
        node.get(&location).await.expect(StatusCode::OK).json(),
        created
    );

    let path = node
        .management
        .web_app_path("sales")
        .expect("the path is served");
    assert_eq!(path.slug, "sales");
    let package = path.branding.expect("with its branding");
    assert!(package.file("settings.json").is_some());
    assert!(
        node.management.web_app_path("Sales").is_none(),
        "slugs are case-sensitive"
    );
    assert!(node.management.default_path().is_none());

    let list = node.get(&format!("{ALIASES}?slug=sales")).await.json();
    assert_eq!(list["objects"], json!([created]));

    let deleted = node
        .delete(&branding)
        .await
        .expect(StatusCode::CONFLICT)
        .json();
    assert!(
        deleted["error"]
            .as_str()
            .unwrap_or_default()
            .contains("sales"),
        "{deleted}"
    );
    node.patch(&location, json!({"branding": null}))
        .await
        .expect(StatusCode::ACCEPTED);
    let path = node.management.web_app_path("sales").expect("still served");
    assert!(path.branding.is_none(), "the node's default branding");
    node.delete(&branding).await.expect(StatusCode::NO_CONTENT);

    node.delete(&location).await.expect(StatusCode::NO_CONTENT);
    assert!(node.management.web_app_path("sales").is_none());
    node.get(&location).await.expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn one_path_at_most_is_the_default() {
    let node = Node::start();
    let branding = node.uploaded("x", &minimal_zip()).await;
    let first = node
        .post(ALIASES, json!({"slug": "first", "is_default": true}))
        .await
        .expect(StatusCode::CREATED)
        .location();
    assert_eq!(
        node.management.default_path().map(|p| p.slug),
        Some("first".to_owned())
    );
    let second = node
        .post(
            ALIASES,
            json!({"slug": "second", "is_default": true, "branding": branding}),
        )
        .await
        .expect(StatusCode::CREATED)
        .location();
    assert_eq!(node.get(&first).await.json()["is_default"], false);
    let default = node.management.default_path().expect("a default");
    assert_eq!(default.slug, "second");
    assert!(default.branding.is_some());

    node.patch(&first, json!({"is_default": true}))
        .await
        .expect(StatusCode::ACCEPTED);
    assert_eq!(node.get(&second).await.json()["is_default"], false);
    assert_eq!(
        node.management.default_path().map(|p| p.slug),
        Some("first".to_owned())
    );

    node.patch(&first, json!({"is_enabled": false}))
        .await
        .expect(StatusCode::ACCEPTED);
    assert!(node.management.web_app_path("first").is_none());
    assert!(
        node.management.default_path().is_none(),
        "a disabled path is not served"
    );
}

#[tokio::test]
async fn put_replaces_and_patch_changes_only_what_it_gives() {
    let node = Node::start();
    let branding = node.uploaded("x", &minimal_zip()).await;
    let location = node
        .post(
            ALIASES,
            json!({"slug": "a", "description": "d", "branding": branding}),
        )
        .await
        .location();
    let patched = node
        .patch(&location, json!({"description": "e"}))
        .await
        .expect(StatusCode::ACCEPTED)
        .json();
    assert_eq!(
        (
            patched["slug"].clone(),
            patched["branding"]["resource_uri"].clone()
        ),
        (json!("a"), json!(branding))
    );
    // What GET returns, nested branding and all, can be sent back.
    node.put(&location, patched.clone())
        .await
        .expect(StatusCode::OK);
    let replaced = node
        .put(&location, json!({"slug": "b"}))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(replaced["description"], "");
    assert_eq!(replaced["branding"], json!(null));
    assert!(node.management.web_app_path("a").is_none());
    assert!(node.management.web_app_path("b").is_some());
    node.put(&format!("{ALIASES}999/"), json!({"slug": "c"}))
        .await
        .expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_paths_are_refused_naming_the_field() {
    let node = Node::start();
    node.post(ALIASES, json!({"slug": "taken"}))
        .await
        .expect(StatusCode::CREATED);
    let missing = format!("{BRANDINGS}00000000-0000-4000-8000-000000000000/");
    let cases = [
        (json!({}), "slug"),
        (json!({"slug": ""}), "slug"),
        (json!({"slug": "a/b"}), "slug"),
        (json!({"slug": "a b"}), "slug"),
        (json!({"slug": "x".repeat(101)}), "slug"),
        (json!({"slug": "webapp2"}), "slug"),
        (json!({"slug": "API"}), "slug"),
        (json!({"slug": "static"}), "slug"),
        (json!({"slug": "taken"}), "slug"),
        (json!({"slug": "ok", "branding": missing}), "branding"),
        (json!({"slug": "ok", "branding": "nonsense"}), "branding"),
        (json!({"slug": "ok", "branding": 7}), "branding"),
        (
            json!({"slug": "ok", "webapp_type": "webapp3"}),
            "webapp_type",
        ),
        (json!({"slug": "ok", "is_enabled": "yes"}), "is_enabled"),
        (
            json!({"slug": "ok", "bundle": "/api/admin/configuration/v1/software_bundle_revision/1/"}),
            "bundle",
        ),
    ];
    node.assert_field_errors(Method::POST, ALIASES, cases).await;
    let unknown = node
        .post(ALIASES, json!({"slug": "ok", "alias": "x"}))
        .await;
    let message = unknown.expect(StatusCode::BAD_REQUEST).json()["alias"][0].clone();
    assert!(
        message
            .as_str()
            .unwrap_or_default()
            .contains("unknown field `alias`"),
        "{message}"
    );
    let list = node.get(ALIASES).await.json();
    assert_eq!(list["meta"]["total_count"], 1);
}
