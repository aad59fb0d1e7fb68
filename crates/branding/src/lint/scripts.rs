//! Plugin scripts: each is checked by [`super::javascript`] against what its package file says. Scripts are
//! independent, so they are checked on all cores.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::javascript::{lint_plugin_script, PluginScript, ScriptFacts};
use super::plugin_package::PluginPackage;
use super::{Gathered, Lint, PluginFacts};
use crate::finding::Finding;
use crate::json::decode_utf8;

/// Below this many scripts per core, threads cost more than they save.
const SCRIPTS_PER_THREAD: usize = 4;

/// Findings and facts of every plugin's script, in plugin order.
#[derive(Debug, Default)]
pub struct ScriptResults {
    pub findings: Vec<Finding>,
    pub facts: Vec<PluginFacts>,
}

struct Job<'a> {
    id: &'a str,
    file: String,
    source: &'a str,
    plugin: &'a PluginPackage,
}

/// Checks the script of every plugin that has an id and a script in the package.
pub fn lint_all(
    lint: &Lint<'_>,
    gathered: &mut Gathered,
    plugins: &[PluginPackage],
) -> ScriptResults {
    let mut jobs = Vec::new();
    for plugin in plugins {
        let (Some(id), Some(path)) = (&plugin.id, &plugin.script_path) else {
            continue;
        };
        let file = lint.display_path(path);
        let bytes = lint.package.file(path).unwrap_or_default();
        match decode_utf8(&file, bytes) {
            Ok(source) => jobs.push(Job {
                id,
                file,
                source,
                plugin,
            }),
            Err(finding) => gathered.findings.push(finding),
        }
    }
    let outcomes = run_in_parallel(&jobs);
    let mut results = ScriptResults::default();
    for (job, (findings, facts)) in jobs.iter().zip(outcomes) {
        results.findings.extend(findings);
        results.facts.push(PluginFacts {
            id: job.id.to_owned(),
            script: job.file.clone(),
            external_origins: facts.external_origins,
        });
    }
    results
}

fn lint_job(job: &Job<'_>) -> (Vec<Finding>, ScriptFacts) {
    lint_plugin_script(&PluginScript {
        file: &job.file,
        source: job.source,
        package_id: job.id,
        menu_actions: &job.plugin.menu_actions,
    })
}

/// Runs [`lint_job`] over `jobs` on up to every core; results in job order.
fn run_in_parallel(jobs: &[Job<'_>]) -> Vec<(Vec<Finding>, ScriptFacts)> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = cores.min(jobs.len() / SCRIPTS_PER_THREAD).max(1);
    if threads == 1 {
        return jobs.iter().map(lint_job).collect();
    }
    let next = AtomicUsize::new(0);
    let mut indexed: Vec<(usize, (Vec<Finding>, ScriptFacts))> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else {
                            return done;
                        };
                        done.push((index, lint_job(job)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    indexed.sort_by_key(|(index, _)| *index);
    indexed.into_iter().map(|(_, outcome)| outcome).collect()
}
