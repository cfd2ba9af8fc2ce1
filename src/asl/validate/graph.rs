//! Transition checks: every target exists in its own scope, every state is reachable, and the
//! top level can end.

use super::ctx::Ctx;
use std::collections::{HashMap, HashSet, VecDeque};

const MISSING_TARGET: &str = "MISSING_TRANSITION_TARGET";

/// The transitions of one scope (top level, one Parallel branch or one Map processor), gathered
/// while the states are read so the checks work even when some states are malformed.
#[derive(Default)]
pub(super) struct Scope {
    /// `StartAt` and its location, when it was a string.
    pub start_at: Option<(String, String)>,
    /// State names and locations, in definition order.
    pub states: Vec<(String, String)>,
    /// `(from, to, location of the field naming the target)`.
    pub edges: Vec<(String, String, String)>,
    /// Whether some state ends the scope (`End: true`, Succeed, Fail).
    pub has_terminal: bool,
    /// Whether this is the top level (only it must have a terminal state, as AWS checks).
    pub top_level: bool,
}

impl Scope {
    /// Records a transition out of `from`.
    pub fn edge(&mut self, from: &str, to: &str, location: String) {
        self.edges.push((from.to_owned(), to.to_owned(), location));
    }
}

/// Reports a scope's transition problems, in AWS's order: missing targets (StartAt first), then
/// either the missing terminal state or the unreachable states.
pub(super) fn check(ctx: &mut Ctx, scope: &Scope) {
    let names: HashSet<&str> = scope.states.iter().map(|(n, _)| n.as_str()).collect();
    let targets = scope
        .start_at
        .iter()
        .map(|(to, loc)| (to, loc))
        .chain(scope.edges.iter().map(|(_, to, loc)| (to, loc)));
    for (to, loc) in targets {
        if !names.contains(to.as_str()) {
            ctx.error(
                MISSING_TARGET,
                Some(loc),
                format!("Missing 'Next' target: {to}"),
            );
        }
    }
    if scope.top_level && !scope.has_terminal {
        // AWS reports only this for a machine that cannot end, not the unreachable states too.
        ctx.error("MISSING_END_STATE", None, "Workflow has no terminal state");
        return;
    }
    let reached = reachable(scope);
    for (name, loc) in &scope.states {
        if !reached.contains(name.as_str()) {
            ctx.error(
                MISSING_TARGET,
                Some(loc),
                format!("State \"{name}\" is not reachable."),
            );
        }
    }
}

fn reachable(scope: &Scope) -> HashSet<&str> {
    let mut out_edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for (from, to, _) in &scope.edges {
        out_edges
            .entry(from.as_str())
            .or_default()
            .push(to.as_str());
    }
    let mut seen = HashSet::new();
    let mut queue: VecDeque<&str> = scope.start_at.iter().map(|(s, _)| s.as_str()).collect();
    while let Some(name) = queue.pop_front() {
        if seen.insert(name) {
            queue.extend(out_edges.get(name).into_iter().flatten().copied());
        }
    }
    seen
}
