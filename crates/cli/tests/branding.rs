//! `plugboard check`, `plugboard package` and `plugboard bench check` as users run them: exit statuses,
//! output formats, the package → check round trip, hostile zips.

#[allow(dead_code)]
#[path = "../../branding/tests/support/raw_zip.rs"]
mod raw_zip;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    workspace()
        .join("tests/fixtures/branding/broken")
        .join(name)
}

fn example() -> PathBuf {
    workspace().join("examples/branding")
}

fn plugboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plugboard"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the plugboard binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// A copy of the example package in `dir`, without `.plugboard/`.
fn copy_example(dir: &Path) -> PathBuf {
    let to = dir.join("branding");
    copy_dir(&example(), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("can create the copy");
    for entry in std::fs::read_dir(from).expect("exists").flatten() {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("can copy");
        }
    }
}

#[test]
fn the_example_package_checks_clean_with_exit_status_0() {
    let output = plugboard(&["check", path_arg(&example())]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    assert!(stdout.contains("(8 plugins checked)"), "{stdout}");
}

#[test]
fn errors_exit_1_and_show_the_offending_line_with_a_caret() {
    let output = plugboard(&["check", path_arg(&fixture("json-trailing-comma"))]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("error[json-trailing-comma]: trailing comma before `}`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("--> webapp2/plugins/hello/hello.plugin.package.json:15:29"),
        "{stdout}"
    );
    assert!(
        stdout.contains("15 |         \"action\": \"sayHello\","),
        "{stdout}"
    );
    assert!(
        stdout.contains("|                             ^"),
        "{stdout}"
    );
    assert!(stdout.contains("= help: "), "{stdout}");
    assert!(stdout.contains("1 error, 0 warnings, 0 infos"), "{stdout}");
}

#[test]
fn json_format_prints_one_object_per_finding_per_line() {
    let output = plugboard(&[
        "check",
        path_arg(&fixture("settings-duplicate-id")),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let finding: serde_json::Value = serde_json::from_str(lines[0]).expect("each line is JSON");
    let mut keys: Vec<&String> = finding.as_object().expect("an object").keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["code", "column", "file", "hint", "line", "message", "severity"]
    );
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["code"], "settings-duplicate-id");
    assert_eq!(finding["file"], "webapp2/settings.json");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(9), Some(13))
    );
    assert!(finding["hint"].is_string());
}

#[test]
fn warnings_pass_unless_strict() {
    let path = fixture("icon-no-fragment");
    assert_eq!(
        plugboard(&["check", path_arg(&path)]).status.code(),
        Some(0)
    );
    assert_eq!(
        plugboard(&["check", path_arg(&path), "--strict"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn usage_errors_exit_2() {
    let missing = plugboard(&["check", "/nonexistent/branding"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("does not exist"));
    assert_eq!(
        plugboard(&["check", path_arg(&example()), "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(plugboard(&["check"]).status.code(), Some(2));
    assert_eq!(
        plugboard(&["package", path_arg(&example())]).status.code(),
        Some(2),
        "-o is required"
    );
    assert_eq!(
        plugboard(&["package", "/nonexistent/branding", "-o", "/tmp/never.zip"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn package_then_check_is_clean() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_example(dir.path());
    let zip = dir.path().join("branding.zip");
    let packaged = plugboard(&["package", path_arg(&source), "-o", path_arg(&zip)]);
    assert_eq!(
        packaged.status.code(),
        Some(0),
        "{}",
        text(&packaged.stderr)
    );
    assert!(
        text(&packaged.stdout).starts_with("packaged ")
            && text(&packaged.stdout).contains(" files into"),
        "{}",
        text(&packaged.stdout)
    );
    assert!(source.join(".plugboard/branding.json").is_file());
    let checked = plugboard(&["check", path_arg(&zip), "--strict"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let previous = plugboard(&[
        "check",
        path_arg(&zip),
        "--previous",
        path_arg(&zip),
        "--format",
        "json",
    ]);
    assert_eq!(previous.status.code(), Some(0));
    assert!(text(&previous.stdout).contains("\"code\":\"branding-id-unchanged\""));
}

#[test]
fn package_takes_an_explicit_branding_id() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = copy_example(dir.path());
    let zip = dir.path().join("branding.zip");
    let packaged = plugboard(&[
        "package",
        path_arg(&source),
        "-o",
        path_arg(&zip),
        "--branding-id",
        "123",
    ]);
    assert_eq!(
        packaged.status.code(),
        Some(0),
        "{}",
        text(&packaged.stderr)
    );
    assert!(text(&packaged.stdout).contains("(brandingID 123)"));
    let again = plugboard(&[
        "package",
        path_arg(&source),
        "-o",
        path_arg(&zip),
        "--branding-id",
        "123",
    ]);
    assert_eq!(again.status.code(), Some(1));
    let bad = plugboard(&[
        "package",
        path_arg(&source),
        "-o",
        path_arg(&zip),
        "--branding-id",
        "v1",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn package_refuses_packages_with_errors() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let zip = dir.path().join("out.zip");
    let output = plugboard(&[
        "package",
        path_arg(&fixture("json-syntax")),
        "-o",
        path_arg(&zip),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("error[json-syntax]"),
        "{}",
        text(&output.stderr)
    );
    assert!(text(&output.stderr).contains("nothing was written"));
    assert!(!zip.exists());
}

#[test]
fn hostile_zips_are_refused_with_exit_status_1() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut entries = raw_zip::valid_package();
    entries.push(raw_zip::RawEntry::file(
        "webapp2/../../../tmp/evil.sh",
        b"echo pwned",
    ));
    let zip = dir.path().join("evil.zip");
    std::fs::write(&zip, raw_zip::build(&entries)).expect("writable");
    let output = plugboard(&["check", path_arg(&zip), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let finding: serde_json::Value =
        serde_json::from_str(text(&output.stdout).trim()).expect("one JSON line");
    assert_eq!(finding["code"], "zip-unsafe-path");
    assert_eq!(finding["file"], "webapp2/../../../tmp/evil.sh");
    let repackaged = plugboard(&[
        "package",
        path_arg(&zip),
        "-o",
        path_arg(&dir.path().join("out.zip")),
    ]);
    assert_eq!(repackaged.status.code(), Some(1));
}

#[test]
fn bench_check_reports_timings() {
    let output = plugboard(&["bench", "check", "--plugins", "3", "--runs", "2", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let report: serde_json::Value =
        serde_json::from_str(text(&output.stdout).trim()).expect("JSON");
    assert_eq!(report["plugins"], 3);
    assert_eq!(report["runs"], 2);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 0);
    assert!(report["p50_ms"].as_f64().is_some_and(|ms| ms > 0.0));
    assert!(report["javascript_bytes"]
        .as_u64()
        .is_some_and(|bytes| bytes > 3 * 19 * 1024));
}
