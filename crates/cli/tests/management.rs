//! The management node as a user meets it: `plugboard deploy` to a running `plugboard serve`, the web
//! app path serving the uploaded plugins, everything still there after a restart, a bad package refused
//! with its findings, and a node killed (SIGKILL) in the middle of an upload still serving the previous
//! branding after it restarts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

const USER: &str = "admin";
const PASSWORD: &str = "correct horse";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn plugboard(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plugboard"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the plugboard binary runs");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default().as_bytes())
            .expect("writes stdin");
    }
    child.wait_with_output().expect("plugboard finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A node with an admin user, its config and data in `dir`; killed when dropped.
struct Node {
    child: Child,
    url: String,
}

impl Node {
    fn start(dir: &Path) -> Node {
        let config = dir.join("node.toml");
        if !config.exists() {
            let hash = plugboard(&["admin", "hash-password"], Some(PASSWORD));
            assert!(hash.status.success(), "{}", text(&hash.stderr));
            let hash = text(&hash.stdout).trim().to_owned();
            std::fs::write(
                &config,
                format!("[[admin.users]]\nname = \"{USER}\"\npassword_hash = \"{hash}\"\n[[vmr]]\nname = \"meet\"\n"),
            )
            .expect("writes the config");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_plugboard"))
            .args(["serve", "--listen", "127.0.0.1:0", "--config"])
            .arg(&config)
            .arg("--data")
            .arg(dir.join("data"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("plugboard serve starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let url = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                line.strip_prefix("Plugboard listening on ")
                    .map(str::to_owned)
            })
            .expect("the node says where it listens");
        // Keep reading so the node never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Node { child, url }
    }

    fn address(&self) -> &str {
        self.url.trim_start_matches("http://")
    }

    /// GET `path`: the status code and the body.
    fn get(&self, path: &str, basic: Option<(&str, &str)>) -> (u16, String) {
        let mut stream = TcpStream::connect(self.address()).expect("connects");
        let auth = basic.map_or(String::new(), |(user, password)| {
            format!(
                "Authorization: Basic {}\r\n",
                base64(&format!("{user}:{password}"))
            )
        });
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{auth}Connection: close\r\n\r\n",
            self.address()
        )
        .expect("sends");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("reads");
        let status = response[9..12].parse().expect("a status code");
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    fn kill(&mut self) {
        // SIGKILL: no chance to finish anything.
        self.child.kill().expect("kills the node");
        self.child.wait().expect("reaps the node");
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn copy_example(to: &Path) -> PathBuf {
    let target = to.join("branding");
    copy_dir(&workspace().join("examples/branding"), &target);
    target
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("creates a folder");
    for entry in std::fs::read_dir(from).expect("lists").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copies");
        }
    }
}

fn deploy(node: &Node, path: &Path, slug: &str) -> Output {
    plugboard(
        &[
            "deploy",
            path.to_str().expect("UTF-8 path"),
            "--to",
            &node.url,
            "--user",
            USER,
            "--password",
            PASSWORD,
            "--path",
            slug,
        ],
        None,
    )
}

fn branding_id(node: &Node, slug: &str) -> String {
    let (status, manifest) = node.get(&format!("/{slug}/custom_configuration/manifest.json"), None);
    assert_eq!(status, 200, "{manifest}");
    let json: serde_json::Value = serde_json::from_str(&manifest).expect("JSON manifest");
    json["brandingID"]
        .as_str()
        .expect("a brandingID")
        .to_owned()
}

#[test]
fn deploy_serves_the_plugins_under_the_path_and_they_survive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_example(dir.path());
    let mut node = Node::start(dir.path());
    let deployed = deploy(&node, &source, "sales");
    assert!(
        deployed.status.success(),
        "{}\n{}",
        text(&deployed.stdout),
        text(&deployed.stderr)
    );
    assert!(text(&deployed.stdout).contains(&format!("open {}/sales/", node.url)));

    let (status, page) = node.get("/sales/", None);
    assert_eq!(status, 200);
    assert!(page.contains("<base href=\"/sales/\">"));
    let (status, settings) = node.get("/sales/custom_configuration/settings.json", None);
    assert_eq!(status, 200);
    assert!(settings.contains("plugins/recording/"), "{settings}");
    let uploaded = branding_id(&node, "sales");

    node.kill();
    let node = Node::start(dir.path());
    assert_eq!(
        branding_id(&node, "sales"),
        uploaded,
        "still served after a restart"
    );
    let (status, list) = node.get(
        "/api/admin/configuration/v1/webapp_alias/",
        Some((USER, PASSWORD)),
    );
    assert_eq!(status, 200);
    assert!(list.contains("\"slug\":\"sales\""), "{list}");

    // Deploying again replaces the branding of the path, and the old one goes.
    let again = deploy(&node, &source, "sales");
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("deleted the branding /sales/ served before"),
        "{}",
        text(&again.stdout)
    );
    assert_ne!(branding_id(&node, "sales"), uploaded);
    let (_, brandings) = node.get(
        "/api/admin/configuration/v1/webapp_branding/",
        Some((USER, PASSWORD)),
    );
    assert!(brandings.contains("\"total_count\":1"), "{brandings}");
}

#[test]
fn a_package_with_errors_is_refused_with_its_findings_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let node = Node::start(dir.path());
    let broken = workspace().join("tests/fixtures/branding/broken/json-trailing-comma");
    let refused = deploy(&node, &broken, "sales");
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("json-trailing-comma"), "{stderr}");
    assert_eq!(node.get("/sales/", None).0, 404);
    let (_, list) = node.get(
        "/api/admin/configuration/v1/webapp_branding/",
        Some((USER, PASSWORD)),
    );
    assert!(list.contains("\"total_count\":0"), "{list}");
}

#[test]
fn wrong_credentials_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let node = Node::start(dir.path());
    assert_eq!(
        node.get("/api/admin/configuration/v1/webapp_branding/", None)
            .0,
        401
    );
    assert_eq!(
        node.get(
            "/api/admin/configuration/v1/webapp_branding/",
            Some((USER, "wrong"))
        )
        .0,
        401
    );
    let source = copy_example(dir.path());
    let refused = plugboard(
        &[
            "deploy",
            source.to_str().expect("UTF-8"),
            "--to",
            &node.url,
            "--user",
            USER,
            "--password",
            "wrong",
        ],
        None,
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("401"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn a_node_killed_during_an_upload_still_serves_the_previous_branding() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_example(dir.path());
    let mut node = Node::start(dir.path());
    let first = deploy(&node, &source, "sales");
    assert!(first.status.success(), "{}", text(&first.stderr));
    let before = branding_id(&node, "sales");

    // Half of a large upload, then SIGKILL while the node is still reading it.
    let mut stream = TcpStream::connect(node.address()).expect("connects");
    let boundary = "plugboard-test-boundary";
    let zip_part = vec![b'z'; 4 << 20];
    let body_length = zip_part.len() + 1024;
    write!(
        stream,
        "POST /api/admin/configuration/v1/webapp_branding/ HTTP/1.1\r\nHost: {}\r\nAuthorization: Basic {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {body_length}\r\n\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nhalf\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"branding_file\"; filename=\"b.zip\"\r\nContent-Type: application/zip\r\n\r\n",
        node.address(),
        base64(&format!("{USER}:{PASSWORD}")),
    )
    .expect("sends the head");
    stream
        .write_all(&zip_part[..zip_part.len() / 2])
        .expect("sends half");
    stream.flush().expect("flushes");
    std::thread::sleep(Duration::from_millis(300));
    node.kill();
    drop(stream);

    let node = Node::start(dir.path());
    assert_eq!(
        branding_id(&node, "sales"),
        before,
        "the previous branding is served"
    );
    let (_, list) = node.get(
        "/api/admin/configuration/v1/webapp_branding/",
        Some((USER, PASSWORD)),
    );
    assert!(
        list.contains("\"total_count\":1"),
        "nothing half-stored: {list}"
    );
}

#[test]
fn a_node_killed_while_storing_a_deploy_serves_a_complete_branding_after_restart() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_example(dir.path());
    let mut node = Node::start(dir.path());
    assert!(deploy(&node, &source, "sales").status.success());
    let before = branding_id(&node, "sales");
    for delay_ms in [40, 120, 250] {
        let url = node.url.clone();
        let source = source.clone();
        let deploying = std::thread::spawn(move || {
            let to = Node {
                child: Command::new("true").spawn().expect("a placeholder"),
                url,
            };
            deploy(&to, &source, "sales")
        });
        std::thread::sleep(Duration::from_millis(delay_ms));
        node.kill();
        let _ = deploying.join();
        node = Node::start(dir.path());
        let served = branding_id(&node, "sales");
        let (status, settings) = node.get("/sales/custom_configuration/settings.json", None);
        assert_eq!(status, 200);
        assert!(
            serde_json::from_str::<serde_json::Value>(&settings).is_ok(),
            "a whole package is served"
        );
        assert!(
            served >= before,
            "{served} is the previous or a newer complete branding"
        );
    }
}
