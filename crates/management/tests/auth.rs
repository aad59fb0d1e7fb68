//! Only configured admin users (HTTP Basic) and API tokens (`Token`/`Bearer`) get in; every other
//! request, to any path under /api/admin/, is answered 401 with a Basic challenge.

mod support;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use plugboard_management::{hash_secret, AdminConfig, AdminUser};
use support::{basic, Answer, Node, ALIASES, BRANDINGS, CONFERENCES, PASSWORD, TOKEN, USER};

async fn get_with(node: &Node, path: &str, authorization: Option<&str>) -> Answer {
    let mut request = Request::get(path);
    if let Some(authorization) = authorization {
        request = request.header(header::AUTHORIZATION, authorization);
    }
    node.send(request.body(Body::empty()).expect("a request"))
        .await
}

fn assert_refused(answer: &Answer, says: &str) {
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.header(header::WWW_AUTHENTICATE),
        "Basic realm=\"Plugboard admin\""
    );
    let error = answer.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(error.contains(says), "{error}");
}

#[tokio::test]
async fn basic_and_token_credentials_get_in() {
    let node = Node::start();
    for authorization in [
        basic(USER, PASSWORD),
        format!("Token {TOKEN}"),
        format!("Bearer {TOKEN}"),
        format!("token {TOKEN}"),
    ] {
        for path in [BRANDINGS, ALIASES, CONFERENCES] {
            get_with(&node, path, Some(&authorization))
                .await
                .expect(StatusCode::OK);
        }
    }
}

#[tokio::test]
async fn anything_else_is_refused() {
    let node = Node::start();
    assert_refused(
        &get_with(&node, BRANDINGS, None).await,
        "Authentication required",
    );
    for authorization in [
        basic(USER, "wrong"),
        basic("nobody", PASSWORD),
        basic(USER, ""),
        "Token wrong".to_owned(),
        format!("Bearer {TOKEN}x"),
        format!("Basic {TOKEN}"),
        format!("Digest {TOKEN}"),
        "Basic".to_owned(),
    ] {
        let answer = get_with(&node, BRANDINGS, Some(&authorization)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{authorization}");
        assert_eq!(
            answer.header(header::WWW_AUTHENTICATE),
            "Basic realm=\"Plugboard admin\""
        );
    }
    // Unknown paths and wrong methods are not revealed before signing in.
    assert_refused(
        &get_with(&node, "/api/admin/nothing/here", None).await,
        "Authentication",
    );
    let delete = Request::delete(BRANDINGS)
        .body(Body::empty())
        .expect("a request");
    assert_eq!(node.send(delete).await.status, StatusCode::UNAUTHORIZED);
    // Nothing was stored by a refused upload either.
    let form = support::forms::Form::new().text("name", "x").file(
        "branding_file",
        "p.zip",
        &support::packages::minimal_zip(),
    );
    let answer = node
        .send(form.request(BRANDINGS, &basic(USER, "wrong")))
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(node.branding_count().await, 0);
}

#[tokio::test]
async fn with_no_admin_configured_everything_is_refused() {
    let node = Node::with_admin(AdminConfig::default());
    let answer = get_with(&node, BRANDINGS, Some(&basic(USER, PASSWORD))).await;
    assert_refused(&answer, "[[admin.users]]");
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_json() {
    let node = Node::start();
    for path in [
        "/api/admin/",
        "/api/admin/configuration/v1/nothing/",
        "/api/admin/status/v1/",
    ] {
        let answer = node.get(path).await.expect(StatusCode::NOT_FOUND);
        assert!(answer.json()["error"].is_string());
    }
    node.get(&format!("{ALIASES}abc/"))
        .await
        .expect(StatusCode::NOT_FOUND);
    node.get(&format!("{BRANDINGS}123/"))
        .await
        .expect(StatusCode::NOT_FOUND);
    let answer = node.call(Method::PUT, BRANDINGS, None).await;
    let answer = answer.expect(StatusCode::METHOD_NOT_ALLOWED);
    assert!(answer.header(header::ALLOW).contains("POST"), "{answer:?}");
    assert!(answer.json()["error"]
        .as_str()
        .unwrap_or_default()
        .contains("Method not allowed"));
    assert_eq!(answer.header(header::CONTENT_TYPE), "application/json");
}

/// What `plugboard admin hash-password` prints (full cost) is what `[[admin.users]]` accepts.
#[tokio::test]
async fn hash_secret_makes_usable_password_hashes() {
    let hash = hash_secret("hunter2").expect("hashing works");
    let node = Node::with_admin(AdminConfig {
        users: vec![AdminUser {
            name: "ops".to_owned(),
            password_hash: hash,
        }],
        tokens: Vec::new(),
    });
    let authorization = basic("ops", "hunter2");
    get_with(&node, CONFERENCES, Some(&authorization))
        .await
        .expect(StatusCode::OK);
    get_with(&node, CONFERENCES, Some(&authorization))
        .await
        .expect(StatusCode::OK);
    let wrong = get_with(&node, CONFERENCES, Some(&basic("ops", "hunter3"))).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
}

#[test]
fn bad_hashes_and_repeated_users_are_refused_when_opening() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let user = |name: &str, hash: &str| AdminUser {
        name: name.to_owned(),
        password_hash: hash.to_owned(),
    };
    let rooms = std::sync::Arc::new(support::rooms::FakeRooms::default());
    let open = |users| {
        plugboard_management::Management::open(
            dir.path(),
            AdminConfig {
                users,
                tokens: Vec::new(),
            },
            rooms.clone(),
        )
        .err()
        .map(|error| error.to_string())
    };
    let error = open(vec![user("a", "plaintext")]).unwrap_or_default();
    assert!(error.contains("user \"a\""), "{error}");
    let hash = support::cheap_hash("x");
    let error = open(vec![user("a", &hash), user("a", &hash)]).unwrap_or_default();
    assert!(error.contains("more than once"), "{error}");
    assert_eq!(open(vec![user("a", &hash)]), None);
}

#[test]
fn the_admin_table_reads_from_toml() {
    #[derive(serde::Deserialize)]
    struct File {
        admin: AdminConfig,
    }
    let text = r#"
        [[admin.users]]
        name = "admin"
        password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"
        [[admin.tokens]]
        name = "ci"
        token_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"
    "#;
    let file: File = toml::from_str(text).expect("parses");
    assert_eq!(file.admin.users[0].name, "admin");
    assert_eq!(file.admin.tokens[0].name, "ci");
    let unknown = "[[admin.users]]\nname = \"a\"\npassword = \"x\"\n";
    assert!(toml::from_str::<File>(unknown).is_err());
}
