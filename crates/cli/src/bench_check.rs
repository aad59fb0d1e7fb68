//! `plugboard bench check`: time `plugboard check` on a generated package of many plugins.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use plugboard_branding::report::Tally;
use plugboard_branding::{check_path, CheckOptions};
use serde_json::json;

use crate::check::human_report;

#[derive(Args)]
pub struct CheckBenchArgs {
    /// How many plugins the generated package holds.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=5_000))]
    plugins: u64,
    /// About how many KiB of JavaScript each plugin has.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_024))]
    script_kib: u64,
    /// How many checks to time (after one untimed warm-up).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    runs: u64,
    /// Generate the package into this folder and keep it (e.g. to time `plugboard check DIR` as a whole
    /// process); by default a temporary folder, removed afterwards.
    #[arg(long, value_name = "DIR")]
    keep_in: Option<std::path::PathBuf>,
    /// Print one JSON object instead of a sentence.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &CheckBenchArgs) -> anyhow::Result<()> {
    let temporary = tempfile::tempdir().context("cannot create a temporary folder")?;
    let root = args.keep_in.as_deref().unwrap_or(temporary.path());
    let plugins = usize::try_from(args.plugins)?;
    let script_bytes = usize::try_from(args.script_kib)? * 1024;
    let javascript_bytes = generate_package(root, plugins, script_bytes)
        .with_context(|| format!("cannot write the package into {}", root.display()))?;
    let mut timings = Vec::new();
    let mut tally = Tally::default();
    for run in 0..=args.runs {
        let started = Instant::now();
        let checked = check_path(root, &CheckOptions::default())?;
        let printed = human_report("bench", &checked.report, checked.package.as_ref());
        let elapsed = started.elapsed();
        std::hint::black_box(printed);
        tally = Tally::of(&checked.report.findings);
        if run > 0 {
            timings.push(elapsed);
        }
    }
    timings.sort();
    let p50 = timings.get(timings.len() / 2).copied().unwrap_or_default();
    let min = timings.first().copied().unwrap_or_default();
    let max = timings.last().copied().unwrap_or_default();
    if args.json {
        let report = json!({
            "plugins": plugins,
            "javascript_bytes": javascript_bytes,
            "runs": timings.len(),
            "p50_ms": millis(p50),
            "min_ms": millis(min),
            "max_ms": millis(max),
            "errors": tally.errors,
            "warnings": tally.warnings,
            "infos": tally.infos,
        });
        println!("{report}");
    } else {
        println!(
            "check of {plugins} plugins ({:.1} MiB of JavaScript): p50 {:.1} ms, min {:.1} ms, max {:.1} ms over {} runs; findings: {}",
            javascript_bytes as f64 / (1024.0 * 1024.0),
            millis(p50),
            millis(min),
            millis(max),
            timings.len(),
            tally.sentence()
        );
    }
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 10_000.0).round() / 10.0
}

/// Writes a branding folder with `plugins` plugins of about `script_bytes` of JavaScript each; the total
/// JavaScript size.
fn generate_package(root: &Path, plugins: usize, script_bytes: usize) -> anyhow::Result<usize> {
    let webapp2 = root.join("webapp2");
    std::fs::create_dir_all(&webapp2)?;
    std::fs::write(
        webapp2.join("manifest.json"),
        "{\n  \"brandingID\": \"1700000000000\",\n  \"isSettingsBranded\": true\n}\n",
    )?;
    let entries: Vec<_> = (0..plugins)
        .map(|index| {
            json!({
                "id": plugin_id(index),
                "srcURL": format!("plugins/bench-{index}/bench-{index}.plugin.package.json"),
                "enabled": true,
            })
        })
        .collect();
    std::fs::write(
        webapp2.join("settings.json"),
        serde_json::to_string_pretty(&json!({ "plugins": entries }))?,
    )?;
    let mut total = 0;
    for index in 0..plugins {
        let folder = webapp2.join(format!("plugins/bench-{index}"));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(
            folder.join(format!("bench-{index}.plugin.package.json")),
            serde_json::to_string_pretty(&package_file(index))?,
        )?;
        std::fs::write(folder.join("icon.svg"), ICON)?;
        let script = script(index, script_bytes);
        total += script.len();
        std::fs::write(folder.join(format!("bench-{index}.plugin.js")), script)?;
    }
    Ok(total)
}

fn plugin_id(index: usize) -> String {
    format!("bench-plugin-{index}")
}

fn package_file(index: usize) -> serde_json::Value {
    json!({
        "id": plugin_id(index),
        "name": format!("Bench {index}"),
        "description": "Generated by plugboard bench check",
        "version": 1.0,
        "srcURL": format!("bench-{index}.plugin.js"),
        "allowUnload": true,
        "platforms": ["web", "electron", "ios", "android"],
        "participantRoles": ["chair", "guest"],
        "menuItems": {
            "toolbar": [{ "icon": "icon.svg#icon", "label": format!("Bench {index}"), "action": "onToolbar" }]
        }
    })
}

const ICON: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><symbol id="icon" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></symbol></svg>
"#;

/// A plugin script in the style of published plugins, padded with helper functions to about `bytes`.
fn script(index: usize, bytes: usize) -> String {
    let mut text = format!(
        "// Generated by `plugboard bench check`.\n(function () {{\n  'use strict';\n\n  var state$ = PEX.pluginAPI.createNewState({{ icon: 'icon.svg#icon', label: 'Bench {index}' }});\n  var participants = [];\n  var counter = 0;\n\n  function load(participants$, conferenceDetails$) {{\n    participants$.subscribe(function (list) {{\n      participants = list;\n    }});\n    conferenceDetails$.subscribe(function (details) {{\n      state$.next({{ icon: 'icon.svg#icon', label: details.locked ? 'Locked {index}' : 'Open {index}' }});\n    }});\n  }}\n\n  function unload() {{\n    participants = [];\n  }}\n\n"
    );
    let mut helper = 0;
    while text.len() + 600 < bytes {
        let _ = write!(
            text,
            "  function helper{helper}(participant) {{\n    var uri = 'participants/' + participant.uuid + '/overlaytext';\n    counter += {helper};\n    if (participant.role === 'chair' && counter % 7 === {m}) {{\n      PEX.pluginAPI.sendRequest(uri, {{ text: participant.name + ' #{helper}' }}, function (reply) {{\n        console.log('helper{helper}', reply.status, reply.result);\n      }});\n    }} else if (participant.isStreaming) {{\n      PEX.pluginAPI.sendChatMessage('Participant ' + participant.name + ' is streaming ({helper})');\n    }}\n    return participants.filter(function (other) {{\n      return other.uuid !== participant.uuid && other.buzzTime > {helper};\n    }}).length;\n  }}\n\n",
            m = helper % 7
        );
        helper += 1;
    }
    let calls: String = (0..helper)
        .map(|h| format!("      total += helper{h}(participant);\n"))
        .collect();
    let _ = write!(
        text,
        "  function onToolbar(list) {{\n    var total = 0;\n    list.forEach(function (participant) {{\n{calls}    }});\n    PEX.pluginAPI.openTemplateDialog({{ title: 'Bench {index}', body: '<p>' + total + '</p>' }});\n  }}\n\n  PEX.pluginAPI.registerPlugin({{\n    id: '{id}',\n    load: load,\n    unload: unload,\n    onToolbar: onToolbar,\n    state$: state$\n  }});\n}})();\n",
        id = plugin_id(index)
    );
    text
}
