//! Every package under `tests/fixtures/branding/broken/` has one defect, named by the folder and listed in
//! its `expected.txt` as `severity code file:line:column`. The check must report exactly that: the expected
//! findings, and no other error or warning (infos that follow from the defect are allowed).

mod support;

use plugboard_branding::{check_path, CheckOptions, Finding, Severity};
use support::fixtures::{broken_fixtures, example_package, minimal_package};

fn shown(finding: &Finding) -> String {
    let severity = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    format!(
        "{severity} {} {}:{}:{}",
        finding.code, finding.file, finding.line, finding.column
    )
}

#[test]
fn each_broken_fixture_reports_its_defect_where_it_is() {
    let mut fixtures: Vec<_> = std::fs::read_dir(broken_fixtures())
        .expect("the fixture folder exists")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 40, "{} fixtures", fixtures.len());
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let name = fixture
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let expected_text =
            std::fs::read_to_string(fixture.join("expected.txt")).expect("expected.txt exists");
        let expected: Vec<&str> = expected_text
            .lines()
            .filter(|line| !line.is_empty())
            .collect();
        assert!(
            expected
                .iter()
                .any(|line| line.split(' ').nth(1) == Some(name.as_str())),
            "{name}: expected.txt names the fixture's code"
        );
        let checked = check_path(fixture, &CheckOptions::default()).expect("the fixture exists");
        let reported: Vec<String> = checked.report.findings.iter().map(shown).collect();
        let missing: Vec<_> = expected
            .iter()
            .filter(|line| !reported.iter().any(|r| r == *line))
            .collect();
        let unexpected: Vec<_> = checked
            .report
            .findings
            .iter()
            .filter(|finding| finding.severity != Severity::Info)
            .map(shown)
            .filter(|line| !expected.contains(&line.as_str()))
            .collect();
        if !missing.is_empty() || !unexpected.is_empty() {
            failures.push(format!(
                "{name}: missing {missing:?}, unexpected {unexpected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_valid_fixture_and_the_example_package_check_clean() {
    let checked = check_path(&minimal_package(), &CheckOptions::default()).expect("it exists");
    assert_eq!(checked.report.findings, []);
    assert_eq!(checked.report.plugins.len(), 1);

    // The example's deliberately broken plugin is left out of settings.json: only infos say so.
    let checked = check_path(&example_package(), &CheckOptions::default()).expect("it exists");
    let notable: Vec<_> = checked
        .report
        .findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .collect();
    assert_eq!(notable, Vec::<&Finding>::new());
    assert!(checked
        .report
        .findings
        .iter()
        .all(|finding| finding.code == "unreferenced-file"
            && finding.file.contains("plugins/broken/")));
    assert_eq!(checked.report.plugins.len(), 8);
}

/// What published packages do (webapp2-compat.md §1) is never an error: extra keys, `version` "" or a
/// number, `menuItems` `{}` or with empty lists, items with an `id` and without `icon` or `label`,
/// app-relative icons and the app's sprite, a settings id that differs from the package id, a numeric
/// brandingID, an SVG with a DOCTYPE, `async load` using `this`.
#[test]
fn published_variations_are_never_errors() {
    let fixture =
        support::fixtures::workspace().join("tests/fixtures/branding/valid/published-variations");
    let checked = check_path(&fixture, &CheckOptions::default()).expect("the fixture exists");
    let reported: Vec<String> = checked.report.findings.iter().map(shown).collect();
    assert_eq!(
        reported,
        [
            "info icon-app-sprite webapp2/plugins/roster-tools/roster-tools.plugin.package.json:26:17",
            "warning settings-id-mismatch webapp2/settings.json:7:13",
        ]
    );
}

#[test]
fn the_webapp2_folder_itself_can_be_checked_with_paths_relative_to_it() {
    let fixture = broken_fixtures().join("settings-duplicate-id/webapp2");
    let checked = check_path(&fixture, &CheckOptions::default()).expect("the fixture exists");
    let errors: Vec<String> = checked.report.findings.iter().map(shown).collect();
    assert_eq!(errors, ["error settings-duplicate-id settings.json:9:13"]);
}
