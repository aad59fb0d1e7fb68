//! Checks of plugin JavaScript: per script, a byte scan that bounds its nesting, one parse, and one
//! walk of the syntax tree.
//!
//! Webapp2 evaluates plugin sources as classic, sloppy-mode scripts in the page's global scope, so
//! the script is parsed as such. What a static look can't settle (objects built at run time,
//! computed property names, ids taken from variables it can't follow) is reported as `info`, never
//! as an error: published plugins vary a lot and all of them must pass.

mod checks;
mod collect;
mod globals;
mod nesting;
mod origins;
mod position;
mod resolve;
mod summary;

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::{GetSpan, SourceType};

use crate::finding::{Finding, Severity};
use nesting::Nesting;
use position::Reporter;

/// Every member of `PEX.pluginAPI` a plugin may use: the functions of the official plugin API
/// document, plus `getPluginMenuItem`, which published plugins rely on (webapp2-compat.md §2).
pub const KNOWN_PLUGIN_API: &[&str] = &[
    "registerPlugin",
    "createNewState",
    "sendRequest",
    "openTemplateDialog",
    "spotlightOnParticipant",
    "spotlightOffParticipant",
    "dialOut",
    "disconnectParticipant",
    "changeConferenceLayout",
    "transformConferenceLayout",
    "sendChatMessage",
    "getPluginMenuItem",
];

/// Where a menu item's `action` is named in the plugin package JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuAction {
    pub action: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// One plugin source file to check, with what its package file says about it.
#[derive(Debug, Clone, Copy)]
pub struct PluginScript<'a> {
    /// Path for findings: relative, `/` separated.
    pub file: &'a str,
    pub source: &'a str,
    /// The `id` of the plugin package JSON.
    pub package_id: &'a str,
    pub menu_actions: &'a [MenuAction],
}

/// What the static look at a script learned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptFacts {
    /// Ids passed to `registerPlugin` that could be resolved, in source order, without repeats.
    pub registered_ids: Vec<String>,
    /// Origins (`https://host[:port]`) of absolute http(s) URLs in string and template literals,
    /// sorted, without repeats.
    pub external_origins: Vec<String>,
}

/// Scripts estimated to nest at most this deep are checked on the caller's thread: a few hundred
/// KiB of stack. Real plugins and libraries rarely go past 100.
const INLINE_NESTING: u32 = 128;
/// The stack of the thread that checks deeper scripts; `nesting::MAX_NESTING` keeps even debug
/// builds within a fifth of it.
const STACK_BYTES: usize = 128 * 1024 * 1024;

/// Checks one plugin script. Findings come sorted by line, column and severity (JSON locations of
/// menu actions are in another file and come after the script's own, in package order).
pub fn lint_plugin_script(script: &PluginScript<'_>) -> (Vec<Finding>, ScriptFacts) {
    match nesting::scan(script.source) {
        Nesting::TooDeepAt(offset) => too_deep(script, offset),
        Nesting::Within(depth) if depth <= INLINE_NESTING => analyze(script),
        Nesting::Within(_) => analyze_on_large_stack(script),
    }
}

/// Parsing and walking recurse once per nesting level: a thread of our own has room for the
/// deepest script the guard lets through, whatever thread (and stack) the caller has.
fn analyze_on_large_stack(script: &PluginScript<'_>) -> (Vec<Finding>, ScriptFacts) {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("plugin-lint".to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || analyze(script));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => analyze(script),
        }
    })
}

fn too_deep(script: &PluginScript<'_>, offset: u32) -> (Vec<Finding>, ScriptFacts) {
    let mut reporter = Reporter::new(script.file, script.source);
    reporter.report(
        offset,
        Severity::Warning,
        checks::JS_TOO_DEEP,
        format!(
            "the script nests more than {} levels deep here; it was not checked",
            nesting::MAX_NESTING
        ),
        Some("split long expressions and deeply nested code".to_owned()),
    );
    (reporter.into_findings(), ScriptFacts::default())
}

fn analyze(script: &PluginScript<'_>) -> (Vec<Finding>, ScriptFacts) {
    let allocator = Allocator::default();
    let options = ParseOptions {
        preserve_parens: false,
        ..ParseOptions::default()
    };
    let parsed = Parser::new(&allocator, script.source, SourceType::script())
        .with_options(options)
        .parse();
    let mut reporter = Reporter::new(script.file, script.source);
    let syntax_errors = parsed.diagnostics.errors().map(|diagnostic| SyntaxError {
        offset: diagnostic.labels.first().map_or(0, |label| label.offset()),
        message: diagnostic.message.to_string(),
        help: diagnostic.help.as_ref().map(ToString::to_string),
    });
    report_syntax_errors(&mut reporter, syntax_errors);
    if reporter.has_errors() {
        // The browser would not run the script at all: nothing else about it is meaningful.
        return (reporter.into_findings(), ScriptFacts::default());
    }
    report_module_syntax(&mut reporter, &parsed.program);
    if reporter.has_errors() {
        return (reporter.into_findings(), ScriptFacts::default());
    }
    globals::check_top_level(&mut reporter, &parsed.program);
    let collected = collect::collect(&parsed.program);
    let registered_ids = checks::check(&mut reporter, script, &collected);
    let facts = ScriptFacts {
        registered_ids,
        external_origins: collected.origins,
    };
    (reporter.into_findings(), facts)
}

struct SyntaxError {
    offset: u32,
    message: String,
    help: Option<String>,
}

/// One finding per position: after an error the parser's recovery may report the same spot again.
fn report_syntax_errors(reporter: &mut Reporter<'_>, errors: impl Iterator<Item = SyntaxError>) {
    let mut reported = Vec::new();
    for error in errors {
        if reported.contains(&error.offset) {
            continue;
        }
        reported.push(error.offset);
        reporter.report(
            error.offset,
            Severity::Error,
            checks::JS_SYNTAX,
            format!("syntax error: {}", error.message),
            error.help,
        );
    }
}

/// `import`/`export` parse in a script (oxc allows them) but a browser rejects them in a classic
/// script.
fn report_module_syntax(reporter: &mut Reporter<'_>, program: &Program<'_>) {
    for statement in &program.body {
        if let Some(declaration) = statement.as_module_declaration() {
            reporter.report(
                declaration.span().start,
                Severity::Error,
                checks::JS_SYNTAX,
                "`import`/`export` is module syntax, but Webapp2 loads plugins as classic scripts"
                    .to_owned(),
                Some(
                    "bundle the plugin into one classic script (e.g. an IIFE build of your \
                     bundler) and use `window.PEX.pluginAPI` instead of imports"
                        .to_owned(),
                ),
            );
        }
    }
}
