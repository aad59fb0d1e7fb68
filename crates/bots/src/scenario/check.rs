//! Whether a scenario can play out as written: everyone joins before doing anything, joins once at a
//! time, and only hosts make hosts' requests.

use std::collections::HashSet;
use std::ops::Range;

use plugboard_conference::Role;

use super::time::clock;
use super::{Action, Scenario, Step};

/// A step with where its parts are written.
pub(super) struct Written {
    pub step: Step,
    pub who_span: Range<usize>,
    pub action_span: Range<usize>,
}

/// Walk through the steps in playing order; the first one that cannot play is the mistake.
pub(super) fn plays_out(
    scenario: &Scenario,
    written: &[Written],
) -> Result<(), (Range<usize>, String)> {
    let mut present: HashSet<&str> = HashSet::new();
    for Written {
        step,
        who_span,
        action_span,
    } in written
    {
        let who = step.who.as_str();
        let at = clock(step.at);
        match step.action {
            Action::Join => {
                if !present.insert(who) {
                    return Err((
                        action_span.clone(),
                        format!("{who} joins again at {at} without having left"),
                    ));
                }
                continue;
            }
            _ if !present.contains(who) => {
                return Err((
                    who_span.clone(),
                    format!("{who} is not in the room at {at}: add a step where they join before"),
                ));
            }
            Action::Leave => {
                present.remove(who);
            }
            _ if step.action.is_for_hosts() && scenario.role_of(who) != Some(Role::Host) => {
                return Err((
                    action_span.clone(),
                    format!(
                        "only hosts may do that, and {who} is a guest: give them role = \"host\""
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}
