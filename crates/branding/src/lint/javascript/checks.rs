//! The plugin checks, on what the walk collected.

use std::collections::{HashMap, HashSet};

use oxc_span::Span;

use super::collect::Collected;
use super::position::Reporter;
use super::resolve::{Resolver, Val};
use super::summary::{Callable, Prop, Registered};
use super::{MenuAction, PluginScript, KNOWN_PLUGIN_API};
use crate::finding::Severity;

pub(super) const JS_SYNTAX: &str = "js-syntax";
pub(super) const JS_TOO_DEEP: &str = "js-too-deep";
pub(super) const PLUGIN_NOT_REGISTERED: &str = "plugin-not-registered";
pub(super) const PLUGIN_ID_MISMATCH: &str = "plugin-id-mismatch";
pub(super) const PLUGIN_ID_UNRESOLVED: &str = "plugin-id-unresolved";
pub(super) const MENU_ACTION_MISSING: &str = "menu-action-missing";
pub(super) const MENU_ACTION_UNRESOLVED: &str = "menu-action-unresolved";
pub(super) const STATE_NOT_REGISTERED: &str = "state-not-registered";
pub(super) const TOP_LEVEL_DECLARATION: &str = "top-level-declaration";
pub(super) const DEPRECATED_API: &str = "deprecated-api";
pub(super) const UNKNOWN_PLUGIN_API: &str = "unknown-plugin-api";

/// Runs the plugin checks; returns the ids registered (those that could be resolved).
pub(super) fn check(
    reporter: &mut Reporter<'_>,
    script: &PluginScript<'_>,
    collected: &Collected<'_>,
) -> Vec<String> {
    let mut resolver = Resolver::new(&collected.defs);
    let creates_state = check_api_members(reporter, &mut resolver, collected);
    let registrations = registrations(&mut resolver, collected);
    if registrations.is_empty() {
        report_not_registered(reporter, &mut resolver, collected);
        return Vec::new();
    }
    let assigned = assigned_by_name(collected);
    let targets: Vec<Target<'_, '_>> = registrations
        .into_iter()
        .map(|registered| Target::of(registered, &resolver, &assigned, collected))
        .collect();
    let ids = check_ids(reporter, script.package_id, &resolver, &targets);
    check_menu_actions(reporter, script.menu_actions, &targets);
    if creates_state && !script.menu_actions.is_empty() {
        check_state(reporter, &targets);
    }
    ids
}

/// Reports deprecated and unknown `PEX.pluginAPI` members; tells whether `createNewState` is used.
fn check_api_members<'a>(
    reporter: &mut Reporter<'_>,
    resolver: &mut Resolver<'_, 'a>,
    collected: &Collected<'a>,
) -> bool {
    // Members the plugin puts on the API itself (polyfills, its own helpers) are not unknown.
    let defined: HashSet<&str> = collected
        .assigned
        .iter()
        .filter(|assigned| resolver.path(&assigned.object).val == Val::Api)
        .filter_map(|assigned| assigned.prop.key.as_deref())
        .collect();
    let mut creates_state = false;
    for member in &collected.members {
        let object = resolver.path(&member.object);
        if object.val != Val::Api {
            continue;
        }
        match member.prop {
            "createNewState" => creates_state = true,
            "changeConferenceLayout" => report_deprecated(reporter, member.span),
            name if object.certain
                && !KNOWN_PLUGIN_API.contains(&name)
                && !defined.contains(name) =>
            {
                report_unknown(reporter, member.span, name);
            }
            _ => {}
        }
    }
    creates_state
}

fn report_deprecated(reporter: &mut Reporter<'_>, span: Span) {
    reporter.report(
        span.start,
        Severity::Warning,
        DEPRECATED_API,
        "`PEX.pluginAPI.changeConferenceLayout` is deprecated".to_owned(),
        Some(
            "use `PEX.pluginAPI.transformConferenceLayout(transforms)`, which takes the REST \
             `transforms` object (it uses PexRTC's `transformLayout`)"
                .to_owned(),
        ),
    );
}

fn report_unknown(reporter: &mut Reporter<'_>, span: Span, name: &str) {
    let hint = match closest_known(name) {
        Some(known) => format!("did you mean `{known}`?"),
        None => format!("the plugin API has: {}", KNOWN_PLUGIN_API.join(", ")),
    };
    reporter.report(
        span.start,
        Severity::Warning,
        UNKNOWN_PLUGIN_API,
        format!("`PEX.pluginAPI.{name}` is not part of the Webapp2 plugin API"),
        Some(hint),
    );
}

fn closest_known(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    KNOWN_PLUGIN_API
        .iter()
        .map(|known| (edit_distance(&lower, &known.to_ascii_lowercase()), *known))
        .filter(|(distance, _)| *distance <= 3)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// More `registerPlugin` calls than this in one script are not real; the rest are not checked.
const MAX_REGISTRATIONS: usize = 64;

/// The objects passed to `registerPlugin`. Calls on something that merely has a `registerPlugin`
/// method (a bundler's module object, `this.api`) count only when no call resolves to the API.
fn registrations<'c, 'a>(
    resolver: &mut Resolver<'c, 'a>,
    collected: &'c Collected<'a>,
) -> Vec<&'c Registered<'a>> {
    let mut resolved = Vec::new();
    let mut by_name = Vec::new();
    for call in &collected.calls {
        let Some(registered) = &call.registered else {
            continue;
        };
        if resolver.path(&call.callee).val == Val::ApiMember("registerPlugin") {
            resolved.push(registered);
        } else if call.callee.last_name() == "registerPlugin"
            && !matches!(registered, Registered::NotObject(_))
        {
            by_name.push(registered);
        }
    }
    let mut registrations = if resolved.is_empty() {
        by_name
    } else {
        resolved
    };
    registrations.truncate(MAX_REGISTRATIONS);
    registrations
}

/// Properties set by `name.prop = …`, by name.
fn assigned_by_name<'c, 'a>(collected: &'c Collected<'a>) -> HashMap<&'a str, Vec<&'c Prop<'a>>> {
    let mut by_name: HashMap<&'a str, Vec<&'c Prop<'a>>> = HashMap::new();
    for assigned in &collected.assigned {
        if assigned.object.props.is_empty() {
            by_name
                .entry(assigned.object.root)
                .or_default()
                .push(&assigned.prop);
        }
    }
    by_name
}

fn report_not_registered<'a>(
    reporter: &mut Reporter<'_>,
    resolver: &mut Resolver<'_, 'a>,
    collected: &Collected<'a>,
) {
    let computed = collected
        .computed
        .iter()
        .find(|computed| matches!(resolver.path(&computed.object).val, Val::Api | Val::Pex))
        .map(|computed| computed.span);
    let uncalled = collected
        .members
        .iter()
        .find(|member| {
            member.prop == "registerPlugin" && resolver.path(&member.object).val == Val::Api
        })
        .map(|member| member.span);
    let hint = Some(
        "Webapp2 shows a plugin only after `PEX.pluginAPI.registerPlugin({ id: '<package id>', \
         load, unload, <menu actions> })`"
            .to_owned(),
    );
    match computed.or(uncalled) {
        Some(span) => reporter.report(
            span.start,
            Severity::Info,
            PLUGIN_NOT_REGISTERED,
            "no `registerPlugin` call could be followed statically (the plugin API is reached \
             through a computed name or passed around)"
                .to_owned(),
            hint,
        ),
        None => reporter.report(
            0,
            Severity::Error,
            PLUGIN_NOT_REGISTERED,
            "the script never calls `PEX.pluginAPI.registerPlugin`".to_owned(),
            hint,
        ),
    }
}

/// A registered object, as far as it can be known.
enum Target<'c, 'a> {
    Known {
        span: Span,
        props: Vec<&'c Prop<'a>>,
        /// The last property of each name (later ones win in an object literal).
        last: HashMap<&'c str, &'c Prop<'a>>,
        /// Some properties come from spreads, computed keys or run-time changes.
        open: bool,
    },
    Unknown {
        span: Span,
    },
}

impl<'c, 'a> Target<'c, 'a> {
    fn of(
        registered: &'c Registered<'a>,
        resolver: &Resolver<'c, 'a>,
        assigned: &HashMap<&'a str, Vec<&'c Prop<'a>>>,
        collected: &'c Collected<'a>,
    ) -> Self {
        match registered {
            Registered::Object(object) => {
                Self::known(object.span, object.props.iter().collect(), false)
            }
            Registered::Name(name, span) => match resolver.object(name) {
                Some(object) => {
                    let later = assigned.get(name).into_iter().flatten().copied();
                    let props = object.props.iter().chain(later).collect();
                    Self::known(object.span, props, collected.reshaped.contains(name))
                }
                None => Self::Unknown { span: *span },
            },
            Registered::NotObject(span) | Registered::Other(span) => Self::Unknown { span: *span },
        }
    }

    fn known(span: Span, props: Vec<&'c Prop<'a>>, reshaped: bool) -> Self {
        let open = reshaped || props.iter().any(|prop| prop.key.is_none());
        let last = props
            .iter()
            .filter_map(|prop| Some((prop.key.as_deref()?, *prop)))
            .collect();
        Self::Known {
            span,
            props,
            last,
            open,
        }
    }

    /// The last property of that name.
    fn prop(&self, name: &str) -> Option<&'c Prop<'a>> {
        match self {
            Self::Known { last, .. } => last.get(name).copied(),
            Self::Unknown { .. } => None,
        }
    }
}

enum Id {
    Value(String, Span),
    /// The registered object itself is built at run time.
    UnknownObject(Span),
    Unresolved(Span),
    Missing(Span),
}

fn id_of(target: &Target<'_, '_>, resolver: &Resolver<'_, '_>) -> Id {
    let (span, props, open) = match target {
        Target::Known {
            span, props, open, ..
        } => (*span, props, *open),
        Target::Unknown { span } => return Id::UnknownObject(*span),
    };
    let last_id = props
        .iter()
        .rposition(|prop| prop.key.as_deref() == Some("id"));
    let last_open = props.iter().rposition(|prop| prop.key.is_none());
    let Some(index) = last_id else {
        return if open {
            Id::Unresolved(span)
        } else {
            Id::Missing(span)
        };
    };
    let Some(prop) = props.get(index) else {
        return Id::Unresolved(span);
    };
    if last_open.is_some_and(|open_index| open_index > index) {
        return Id::Unresolved(prop.span);
    }
    match prop
        .string
        .as_deref()
        .and_then(|parts| resolver.text(parts))
    {
        Some(text) => Id::Value(text, prop.span),
        None => Id::Unresolved(prop.span),
    }
}

fn check_ids(
    reporter: &mut Reporter<'_>,
    package_id: &str,
    resolver: &Resolver<'_, '_>,
    targets: &[Target<'_, '_>],
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for target in targets {
        match id_of(target, resolver) {
            Id::Value(id, span) => {
                if !package_id.is_empty() && id != package_id {
                    report_id_mismatch(reporter, span, &id, package_id);
                }
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Id::UnknownObject(span) => report_id_unresolved(
                reporter,
                span,
                format!(
                    "the object passed to `registerPlugin` is built at run time; its id can't be \
                     compared with the package id `{package_id}`"
                ),
            ),
            Id::Unresolved(span) => report_id_unresolved(
                reporter,
                span,
                format!(
                    "the registered id is computed at run time; it can't be compared with the \
                     package id `{package_id}`"
                ),
            ),
            Id::Missing(span) => reporter.report(
                span.start,
                Severity::Error,
                PLUGIN_ID_MISMATCH,
                format!(
                    "the object passed to `registerPlugin` has no `id`; the package id is \
                     `{package_id}`"
                ),
                Some(format!(
                    "add `id: '{package_id}'`: Webapp2 finds the plugin by this id"
                )),
            ),
        }
    }
    ids
}

fn report_id_unresolved(reporter: &mut Reporter<'_>, span: Span, message: String) {
    reporter.report(
        span.start,
        Severity::Info,
        PLUGIN_ID_UNRESOLVED,
        message,
        Some(
            "an object literal with a string literal `id` lets `plugboard check` compare it"
                .to_owned(),
        ),
    );
}

fn report_id_mismatch(reporter: &mut Reporter<'_>, span: Span, id: &str, package_id: &str) {
    reporter.report(
        span.start,
        Severity::Error,
        PLUGIN_ID_MISMATCH,
        format!("`registerPlugin` is called with id `{id}`, but the package id is `{package_id}`"),
        Some(
            "use the same id in the script and the package file: Webapp2 finds the plugin by it"
                .to_owned(),
        ),
    );
}

/// How well the registered objects provide a menu action, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Provision {
    Missing,
    NotCallable,
    Unresolved,
    Present,
}

fn provision(target: &Target<'_, '_>, action: &str) -> Provision {
    match (target, target.prop(action)) {
        (_, Some(prop)) if prop.callable == Callable::No => Provision::NotCallable,
        (_, Some(_)) => Provision::Present,
        (Target::Known { open: false, .. }, None) => Provision::Missing,
        _ => Provision::Unresolved,
    }
}

fn check_menu_actions(
    reporter: &mut Reporter<'_>,
    actions: &[MenuAction],
    targets: &[Target<'_, '_>],
) {
    for action in actions {
        let best = targets
            .iter()
            .map(|target| provision(target, &action.action))
            .max()
            .unwrap_or(Provision::Unresolved);
        let name = &action.action;
        let (severity, code, message) = match best {
            Provision::Present => continue,
            Provision::Unresolved => (
                Severity::Info,
                MENU_ACTION_UNRESOLVED,
                format!(
                    "menu action `{name}` can't be checked: the registered object is built at \
                     run time"
                ),
            ),
            Provision::NotCallable => (
                Severity::Error,
                MENU_ACTION_MISSING,
                format!("menu action `{name}` is registered, but not as a function"),
            ),
            Provision::Missing => (
                Severity::Error,
                MENU_ACTION_MISSING,
                format!(
                    "menu action `{name}` is not a property of the object passed to \
                     `registerPlugin`"
                ),
            ),
        };
        let hint = (code == MENU_ACTION_MISSING).then(|| {
            format!(
                "register the function with the action's name, e.g. `{name}: {name}` or a \
                 method `{name}() {{ … }}`"
            )
        });
        reporter.report_at_action(action, severity, code, message, hint);
    }
}

fn check_state(reporter: &mut Reporter<'_>, targets: &[Target<'_, '_>]) {
    for target in targets {
        let Target::Known {
            span, open: false, ..
        } = target
        else {
            continue;
        };
        if target.prop("state$").is_none() {
            reporter.report(
                span.start,
                Severity::Warning,
                STATE_NOT_REGISTERED,
                "the plugin creates state with `createNewState` but does not register `state$`"
                    .to_owned(),
                Some(
                    "add `state$: state$` to the object passed to `registerPlugin`; without it the \
                     menu items never show the state's icon and label"
                        .to_owned(),
                ),
            );
        }
    }
}
