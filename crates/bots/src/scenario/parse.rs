//! Reading a scenario file: TOML into people and steps, every mistake reported at its line and column.

use std::collections::HashSet;
use std::ops::Range;

use plugboard_conference::Role;
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use super::check::{self, Written};
use super::play::SPEAKING;
use super::time::Time;
use super::{Action, Person, Scenario, Step};

/// Why a scenario cannot be played.
#[derive(Debug, Error)]
pub enum ScenarioError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// A mistake in the file, at a line and column (both 1-based).
    #[error("{origin}:{line}:{column}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl ScenarioError {
    /// The line of the mistake, when it is one in the file.
    pub fn line(&self) -> Option<usize> {
        match self {
            ScenarioError::Invalid { line, .. } => Some(*line),
            ScenarioError::Read { .. } => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    person: Vec<RawPerson>,
    #[serde(default)]
    step: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: Spanned<String>,
    role: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    at: Spanned<Time>,
    who: Spanned<String>,
    #[serde(rename = "do")]
    action: Spanned<String>,
    #[serde(rename = "for")]
    duration: Option<Spanned<Time>>,
    vad: Option<Spanned<u8>>,
    text: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    target: Option<Spanned<String>>,
}

const ACTIONS: &str = "join, leave, speak, raise_hand, lower_hand, chat, mute, unmute, spotlight, spotlight_off, lock, unlock";
/// As long as display names may be.
const MAX_NAME_CHARS: usize = 250;

/// A mistake at a place in the source.
struct Mistake {
    span: Range<usize>,
    message: String,
}

fn mistake(span: Range<usize>, message: impl Into<String>) -> Mistake {
    Mistake {
        span,
        message: message.into(),
    }
}

pub(super) fn scenario(source: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    let located = |mistake: Mistake| {
        let (line, column) = line_and_column(source, mistake.span.start);
        ScenarioError::Invalid {
            origin: origin.to_owned(),
            line,
            column,
            message: mistake.message,
        }
    };
    let file: File = toml::from_str(source).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        located(mistake(span, error.message().trim_end()))
    })?;
    let people = people(file.person).map_err(located)?;
    let mut written = Vec::new();
    for raw in file.step {
        written.push(step(raw, &people, source).map_err(located)?);
    }
    if written.is_empty() {
        return Err(located(mistake(
            0..0,
            "the scenario has no steps; add at least one [[step]]",
        )));
    }
    // Steps play by time; those at the same time in the order they are written.
    written.sort_by_key(|w| w.step.at);
    let scenario = Scenario {
        origin: origin.to_owned(),
        people,
        steps: written.iter().map(|w| w.step.clone()).collect(),
    };
    check::plays_out(&scenario, &written)
        .map_err(|(span, message)| located(mistake(span, message)))?;
    Ok(scenario)
}

fn people(raw: Vec<RawPerson>) -> Result<Vec<Person>, Mistake> {
    let mut seen = HashSet::new();
    let mut people = Vec::new();
    for person in raw {
        let span = person.name.span();
        let name = person.name.into_inner().trim().to_owned();
        if name.is_empty()
            || name.chars().count() > MAX_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(mistake(
                span,
                format!("a name must be one line of 1 to {MAX_NAME_CHARS} characters"),
            ));
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(mistake(
                span,
                format!("there is already a person called {name:?}"),
            ));
        }
        let role = match person.role {
            None => Role::Guest,
            Some(role) => match role.get_ref().as_str() {
                "guest" => Role::Guest,
                "host" | "chair" => Role::Host,
                other => {
                    return Err(mistake(
                        role.span(),
                        format!("role must be \"host\" or \"guest\", not {other:?}"),
                    ))
                }
            },
        };
        people.push(Person { name, role });
    }
    Ok(people)
}

fn step(raw: RawStep, people: &[Person], source: &str) -> Result<Written, Mistake> {
    let who_span = raw.who.span();
    let who = raw.who.get_ref().trim();
    let Some(person) = people.iter().find(|p| p.name == who) else {
        let hint = if people.is_empty() {
            "; declare everyone in a [[person]] table first".to_owned()
        } else {
            let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
            format!("; the people are {}", names.join(", "))
        };
        return Err(mistake(
            who_span,
            format!("nobody called {who:?} is among the people{hint}"),
        ));
    };
    let action_span = raw.action.span();
    let fields = Fields {
        action: raw.action.get_ref().clone(),
        duration: raw.duration,
        vad: raw.vad,
        text: raw.text,
        to: raw.to,
        target: raw.target,
    };
    let action = fields.into_action(action_span.clone())?;
    Ok(Written {
        step: Step {
            at: raw.at.get_ref().0,
            who: person.name.clone(),
            action,
            line: line_and_column(source, action_span.start).0,
        },
        who_span,
        action_span,
    })
}

/// The fields of a step besides `at` and `who`: which ones an action needs, and which it takes.
struct Fields {
    action: String,
    duration: Option<Spanned<Time>>,
    vad: Option<Spanned<u8>>,
    text: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    target: Option<Spanned<String>>,
}

impl Fields {
    fn into_action(mut self, action_span: Range<usize>) -> Result<Action, Mistake> {
        let name = self.action.clone();
        let action = match name.as_str() {
            "join" => Action::Join,
            "leave" => Action::Leave,
            "raise_hand" => Action::RaiseHand,
            "lower_hand" => Action::LowerHand,
            "lock" => Action::Lock,
            "unlock" => Action::Unlock,
            "speak" => {
                let duration = self.duration.take().ok_or_else(|| {
                    mistake(
                        action_span.clone(),
                        "speak needs `for`: how long, such as for = \"6s\"",
                    )
                })?;
                if duration.get_ref().0.is_zero() {
                    return Err(mistake(duration.span(), "`for` must be longer than 0"));
                }
                let vad = match self.vad.take() {
                    Some(vad) if *vad.get_ref() > 100 => {
                        return Err(mistake(vad.span(), "vad must be 0 to 100"))
                    }
                    Some(vad) => vad.into_inner(),
                    None => SPEAKING,
                };
                Action::Speak {
                    duration: duration.into_inner().0,
                    vad,
                }
            }
            "chat" => {
                let text = self.text.take().ok_or_else(|| {
                    mistake(action_span.clone(), "chat needs `text`: what they write")
                })?;
                if text.get_ref().trim().is_empty() {
                    return Err(mistake(text.span(), "`text` must not be empty"));
                }
                let to = self.to.take().map(name_of).transpose()?;
                Action::Chat {
                    text: text.into_inner(),
                    to,
                }
            }
            "mute" | "unmute" => {
                let muted = name == "mute";
                match (self.target.take().map(name_of).transpose()?, muted) {
                    (None, true) => Action::Mute,
                    (None, false) => Action::Unmute,
                    (Some(target), true) => Action::MuteParticipant(target),
                    (Some(target), false) => Action::UnmuteParticipant(target),
                }
            }
            "spotlight" | "spotlight_off" => {
                let target = self.target.take().ok_or_else(|| {
                    mistake(
                        action_span.clone(),
                        format!("{name} needs `target`: the display name of the participant"),
                    )
                })?;
                let target = name_of(target)?;
                if name == "spotlight" {
                    Action::Spotlight(target)
                } else {
                    Action::SpotlightOff(target)
                }
            }
            other => {
                return Err(mistake(
                    action_span,
                    format!("unknown action {other:?}; do is one of {ACTIONS}"),
                ))
            }
        };
        self.refuse_leftovers()?;
        Ok(action)
    }

    /// A field the action did not take is a mistake (a typo, or a step meant otherwise).
    fn refuse_leftovers(self) -> Result<(), Mistake> {
        let action = &self.action;
        let leftovers = [
            ("for", self.duration.map(|f| f.span())),
            ("vad", self.vad.map(|f| f.span())),
            ("text", self.text.map(|f| f.span())),
            ("to", self.to.map(|f| f.span())),
            ("target", self.target.map(|f| f.span())),
        ];
        match leftovers
            .into_iter()
            .find_map(|(field, span)| Some((field, span?)))
        {
            Some((field, span)) => Err(mistake(
                span,
                format!("`{field}` does not go with do = {action:?}"),
            )),
            None => Ok(()),
        }
    }
}

/// A participant's display name, as `to` and `target` give it.
fn name_of(name: Spanned<String>) -> Result<String, Mistake> {
    let text = name.get_ref().trim();
    if text.is_empty() {
        return Err(mistake(
            name.span(),
            "a participant's name must not be empty",
        ));
    }
    Ok(text.to_owned())
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_and_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::line_and_column;

    #[test]
    fn offsets_become_lines_and_columns() {
        let source = "a = 1\nbé = 2\n";
        assert_eq!(line_and_column(source, 0), (1, 1));
        assert_eq!(line_and_column(source, 6), (2, 1));
        assert_eq!(line_and_column(source, 9), (2, 3));
        assert_eq!(line_and_column(source, 999), (3, 1));
    }
}
