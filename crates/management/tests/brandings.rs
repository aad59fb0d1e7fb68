//! `webapp_branding/`: upload, list, get, download, patch, delete.

mod support;

use axum::http::{header, Method, StatusCode};
use serde_json::json;
use support::forms::Form;
use support::packages::{example_zip, minimal_zip};
use support::{basic, Node, BRANDINGS, PASSWORD, USER};

#[tokio::test]
async fn an_uploaded_package_can_be_listed_read_downloaded_renamed_and_deleted() {
    let node = Node::start();
    let zip = example_zip();
    let answer = node.upload("Sales", &zip).await.expect(StatusCode::CREATED);
    let location = answer.location();
    let created = answer.json();
    let uuid = created["uuid"].as_str().unwrap_or_default().to_owned();
    assert_eq!(location, format!("{BRANDINGS}{uuid}/"));
    assert_eq!(uuid.len(), 36, "{created}");
    assert_eq!(created["name"], "Sales");
    assert_eq!(created["description"], "uploaded by a test");
    assert_eq!(created["webapp_type"], "webapp2");
    assert_eq!(created["is_default"], false);
    assert_eq!(created["resource_uri"], location);
    let updated = created["last_updated"].as_str().unwrap_or_default();
    assert!(
        updated.len() == 24 && updated.ends_with('Z') && updated.as_bytes()[10] == b'T',
        "ISO 8601 UTC: {updated}"
    );
    assert_eq!(
        answer.header(header::CONTENT_TYPE),
        "application/json",
        "JSON answers say so"
    );

    let list = node.get(BRANDINGS).await.expect(StatusCode::OK).json();
    assert_eq!(
        list["meta"],
        json!({"limit": 20, "next": null, "offset": 0, "previous": null, "total_count": 1})
    );
    assert_eq!(list["objects"], json!([created]));
    assert_eq!(
        node.get(&location).await.expect(StatusCode::OK).json(),
        created
    );
    let bare = location.trim_end_matches('/');
    assert_eq!(node.get(bare).await.expect(StatusCode::OK).json(), created);

    let download = node
        .get(&format!("{location}download/"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(download.header(header::CONTENT_TYPE), "application/zip");
    assert_eq!(download.body.as_ref(), zip.as_slice());

    let patched = node
        .patch(
            &location,
            json!({"name": "Sales 2", "description": "renamed"}),
        )
        .await
        .expect(StatusCode::ACCEPTED)
        .json();
    assert_eq!(
        (patched["name"].clone(), patched["description"].clone()),
        (json!("Sales 2"), json!("renamed"))
    );
    // What GET returns can be sent back as it is.
    node.patch(&location, patched.clone())
        .await
        .expect(StatusCode::ACCEPTED);
    assert_eq!(node.get(&location).await.json()["name"], "Sales 2");

    node.delete(&location).await.expect(StatusCode::NO_CONTENT);
    node.get(&location).await.expect(StatusCode::NOT_FOUND);
    node.delete(&location).await.expect(StatusCode::NOT_FOUND);
    assert_eq!(node.branding_count().await, 0);
}

#[tokio::test]
async fn lists_are_paged_and_filtered() {
    let node = Node::start();
    let zip = minimal_zip();
    for name in ["a", "b", "c"] {
        node.uploaded(name, &zip).await;
    }
    let page = node
        .get(&format!("{BRANDINGS}?limit=2"))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(page["meta"]["total_count"], 3);
    assert_eq!(page["objects"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        page["meta"]["next"],
        format!("{BRANDINGS}?limit=2&offset=2")
    );
    let next = page["meta"]["next"].as_str().unwrap_or_default().to_owned();
    let last = node.get(&next).await.expect(StatusCode::OK).json();
    assert_eq!(last["objects"][0]["name"], "c");
    assert_eq!(last["meta"]["next"], json!(null));
    assert_eq!(
        last["meta"]["previous"],
        format!("{BRANDINGS}?limit=2&offset=0")
    );

    let named = node.get(&format!("{BRANDINGS}?name=b")).await.json();
    assert_eq!(named["meta"]["total_count"], 1);
    assert_eq!(named["objects"][0]["name"], "b");
    let everything = node.get(&format!("{BRANDINGS}?limit=0")).await.json();
    assert_eq!(everything["objects"].as_array().map(Vec::len), Some(3));
    for bad in ["?limit=-1", "?offset=x", "?colour=red"] {
        node.get(&format!("{BRANDINGS}{bad}"))
            .await
            .expect(StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn uploads_need_a_name_a_file_and_webapp2() {
    let node = Node::start();
    let zip = minimal_zip();
    let auth = basic(USER, PASSWORD);

    let no_name = Form::new().file("branding_file", "p.zip", &zip);
    let answer = node.send(no_name.request(BRANDINGS, &auth)).await;
    assert!(answer.expect(StatusCode::BAD_REQUEST).json()["name"].is_array());

    let no_file = Form::new().text("name", "x");
    let answer = node.send(no_file.request(BRANDINGS, &auth)).await;
    assert!(answer.expect(StatusCode::BAD_REQUEST).json()["branding_file"].is_array());

    let webapp3 = Form::new()
        .text("name", "x")
        .text("webapp_type", "webapp3")
        .file("branding_file", "p.zip", &zip);
    let answer = node.send(webapp3.request(BRANDINGS, &auth)).await;
    let body = answer.expect(StatusCode::BAD_REQUEST).json();
    assert_eq!(
        body["webapp_type"],
        json!(["Only webapp2 branding packages are supported"])
    );

    let long = Form::new()
        .text("name", &"n".repeat(101))
        .text("description", &"d".repeat(251))
        .file("branding_file", "p.zip", &zip);
    let body = node.send(long.request(BRANDINGS, &auth)).await.json();
    assert!(
        body["name"].is_array() && body["description"].is_array(),
        "{body}"
    );

    let unknown =
        Form::new()
            .text("name", "x")
            .text("colour", "red")
            .file("branding_file", "p.zip", &zip);
    let body = node
        .send(unknown.request(BRANDINGS, &auth))
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert!(body["error"]
        .as_str()
        .unwrap_or_default()
        .contains("colour"));

    let json_body = node.post(BRANDINGS, json!({"name": "x"})).await;
    let body = json_body.expect(StatusCode::BAD_REQUEST).json();
    assert!(body["error"]
        .as_str()
        .unwrap_or_default()
        .contains("multipart/form-data"));
    assert_eq!(node.branding_count().await, 0);
}

#[tokio::test]
async fn oversized_uploads_are_refused_with_413() {
    let node = Node::start();
    let huge = vec![0u8; 64 * 1024 * 1024 + 1];
    let answer = node.upload("huge", &huge).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.json()["error"].is_string());
    assert_eq!(node.branding_count().await, 0);
}

#[tokio::test]
async fn patches_are_checked() {
    let node = Node::start();
    let location = node.uploaded("x", &minimal_zip()).await;
    let cases = [
        (json!({"name": ""}), "name"),
        (json!({"name": 5}), "name"),
        (json!({"description": "d".repeat(251)}), "description"),
        (json!({"webapp_type": "webapp3"}), "webapp_type"),
    ];
    node.assert_field_errors(Method::PATCH, &location, cases)
        .await;
    let body = node
        .patch(&location, json!({"colour": "red"}))
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert!(body["colour"][0]
        .as_str()
        .unwrap_or_default()
        .contains("unknown field `colour`"));
    node.patch(&format!("{BRANDINGS}not-a-uuid/"), json!({"name": "y"}))
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(node.get(&location).await.json()["name"], "x");
}
