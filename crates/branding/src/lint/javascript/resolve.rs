//! What recorded paths and string parts stand for, once the whole script has been walked.

use std::collections::HashMap;

use super::summary::{Def, ObjectSummary, Part, Path};

/// Alias chains longer than this (or cycles) are not followed.
const MAX_DEPTH: usize = 32;
/// Parts and names followed to build one string, at most.
const MAX_TEXT_STEPS: usize = 256;
/// Ids are short; a longer string is not one.
const MAX_TEXT_BYTES: usize = 1024;

/// What a path evaluates to, as far as the plugin API goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Val<'a> {
    Window,
    Pex,
    Api,
    ApiMember(&'a str),
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Resolved<'a> {
    pub val: Val<'a>,
    /// Every binding of every name on the way agrees; otherwise `val` is only one possibility.
    pub certain: bool,
}

const UNKNOWN: Resolved<'static> = Resolved {
    val: Val::Unknown,
    certain: true,
};

pub(super) struct Resolver<'c, 'a> {
    defs: &'c HashMap<&'a str, Vec<Def<'a>>>,
    memo: HashMap<&'a str, Resolved<'a>>,
    in_progress: Vec<&'a str>,
}

impl<'c, 'a> Resolver<'c, 'a> {
    pub(super) fn new(defs: &'c HashMap<&'a str, Vec<Def<'a>>>) -> Self {
        Self {
            defs,
            memo: HashMap::new(),
            in_progress: Vec::new(),
        }
    }

    pub(super) fn path(&mut self, path: &Path<'a>) -> Resolved<'a> {
        let base = self.name(path.root);
        path.props.iter().fold(base, |resolved, prop| Resolved {
            val: step(resolved.val, prop),
            certain: resolved.certain,
        })
    }

    fn name(&mut self, name: &'a str) -> Resolved<'a> {
        if let Some(resolved) = self.memo.get(name) {
            return *resolved;
        }
        let defs = self.defs;
        let Some(bindings) = defs.get(name) else {
            return Resolved {
                val: global(name),
                certain: true,
            };
        };
        if self.in_progress.contains(&name) {
            // `(function (window) { … })(window)`: the inner name is the global one.
            return Resolved {
                val: global(name),
                certain: false,
            };
        }
        if self.in_progress.len() >= MAX_DEPTH {
            return UNKNOWN;
        }
        self.in_progress.push(name);
        let results: Vec<Resolved<'a>> = bindings
            .iter()
            .map(|def| match def {
                Def::Path(path) => self.path(path),
                _ => Resolved {
                    val: Val::Unknown,
                    certain: false,
                },
            })
            .collect();
        self.in_progress.pop();
        let resolved = combine(&results);
        self.memo.insert(name, resolved);
        resolved
    }

    /// The object literal a name is bound to, if that is its only binding.
    pub(super) fn object(&self, name: &str) -> Option<&'c ObjectSummary<'a>> {
        match self.only_def(name)? {
            Def::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The string the parts make, if every name in them is bound once to such a string.
    pub(super) fn text(&self, parts: &[Part<'a>]) -> Option<String> {
        let mut text = String::new();
        let mut steps = MAX_TEXT_STEPS;
        self.push_text(parts, &mut text, &mut steps).then_some(text)
    }

    /// `steps` bounds the parts and names followed: `b = a + a; c = b + b; …` doubles each time.
    fn push_text(&self, parts: &[Part<'a>], text: &mut String, steps: &mut usize) -> bool {
        parts.iter().all(|part| {
            let Some(left) = steps.checked_sub(1) else {
                return false;
            };
            *steps = left;
            match part {
                Part::Text(literal) => {
                    text.push_str(literal);
                    text.len() <= MAX_TEXT_BYTES
                }
                Part::Name(name) => self.push_name_text(name, text, steps),
            }
        })
    }

    fn push_name_text(&self, name: &str, text: &mut String, steps: &mut usize) -> bool {
        match self.only_def(name) {
            Some(Def::Text(parts)) => self.push_text(parts, text, steps),
            Some(Def::Path(path)) if path.props.is_empty() => {
                self.push_text(&[Part::Name(path.root)], text, steps)
            }
            _ => false,
        }
    }

    fn only_def(&self, name: &str) -> Option<&'c Def<'a>> {
        match self.defs.get(name)?.as_slice() {
            [def] => Some(def),
            _ => None,
        }
    }
}

fn combine<'a>(results: &[Resolved<'a>]) -> Resolved<'a> {
    let mut found: Option<Val<'a>> = None;
    let mut certain = true;
    for result in results {
        certain &= result.certain;
        if result.val == Val::Unknown {
            continue;
        }
        match found {
            None => found = Some(result.val),
            Some(val) if val != result.val => certain = false,
            Some(_) => {}
        }
    }
    found.map_or(UNKNOWN, |val| Resolved { val, certain })
}

fn global(name: &str) -> Val<'static> {
    match name {
        "window" | "self" | "globalThis" => Val::Window,
        "PEX" => Val::Pex,
        _ => Val::Unknown,
    }
}

fn step<'a>(val: Val<'a>, prop: &'a str) -> Val<'a> {
    match (val, prop) {
        (Val::Window, "PEX") => Val::Pex,
        (Val::Window, "window" | "self" | "globalThis") => Val::Window,
        (Val::Pex, "pluginAPI") => Val::Api,
        (Val::Api, name) => Val::ApiMember(name),
        _ => Val::Unknown,
    }
}
