//! RedriveExecution's memory of where an execution stopped, and starting again from there.
//!
//! A stopped thread of control is remembered as the state it was in, that state's input and
//! the variables. When that state is a Parallel or an inline Map that failed because of its
//! children, each child is remembered too: a child that succeeded keeps its output and is not
//! run again, a child that failed or was aborted is remembered as a thread of its own (so it
//! resumes in the state it stopped in), and an iteration that never started starts afresh.
//! This is AWS's rule: "For workflows that include an Inline Map or Parallel state,
//! RedriveExecution reschedules and redrives only the iterations and branches that failed or
//! aborted."

use super::{Core, ExecutionInfo, Frame, FrameId, Step, base_context, iso};
use crate::asl::definition::Definition;
use crate::engine::history::EventKind;
use serde_json::{Map, Value, json};
use std::sync::Arc;
use time::OffsetDateTime;

/// Where a failed, timed-out or stopped thread of control stopped: the state it was in, that
/// state's input and its variables, and for a Parallel or Map how each child stood.
#[derive(Debug, Clone, PartialEq)]
pub struct RedrivePoint {
    state: String,
    input: Value,
    vars: Map<String, Value>,
    /// One entry per branch or item, when the state stopped while it had children.
    children: Option<Vec<Slot>>,
}

/// How one branch or iteration stood when its Parallel or Map stopped.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Slot {
    /// It succeeded with this output: a redrive keeps it.
    Done(Value),
    /// It failed or was aborted where the point says; `None` when it never started.
    Redo(Option<Box<RedrivePoint>>),
}

impl Slot {
    /// This slot's plan, leaving a fresh start in its place.
    pub(super) fn take(&mut self) -> Slot {
        std::mem::replace(self, Slot::Redo(None))
    }
}

impl Core {
    /// Redrives an execution that ended at `point`: records `ExecutionRedriven` after event
    /// `last_event` and enters the state it stopped in again, with the same input and
    /// variables; a Parallel or Map there runs only its unsuccessful children again. The
    /// context shows `redrive_count` and `now` as `RedriveCount`/`RedriveTime`.
    pub fn redrive(
        definition: Arc<Definition>,
        info: Arc<ExecutionInfo>,
        point: RedrivePoint,
        last_event: u64,
        redrive_count: u32,
        now: OffsetDateTime,
    ) -> Core {
        let mut context = base_context(&info);
        context["Execution"]["RedriveCount"] = json!(redrive_count);
        context["Execution"]["RedriveTime"] = json!(iso(now));
        let mut core = Core::new(definition, info, context, true, now);
        core.last_id = last_event;
        let redriven = core.emit(last_event, EventKind::ExecutionRedriven { redrive_count });
        let machine = core.definition.machine.clone();
        let id = core.spawn(
            machine,
            None,
            Value::Null,
            redriven,
            super::Sink::History,
            None,
        );
        core.resume_at(id, point);
        core
    }

    /// Where the execution stopped, once it has failed, timed out or been stopped.
    pub fn take_redrive_point(&mut self) -> Option<RedrivePoint> {
        self.redrive_point.take()
    }

    /// Keeps where the top-level `frame` stopped, for a redrive (express executions cannot be
    /// redriven, so they keep nothing).
    pub(super) fn keep_redrive_point(&mut self, frame: &Frame) {
        if !self.info.express {
            self.redrive_point = Some(self.point_of(frame));
        }
    }

    /// Where `frame` stands now. A frame still waiting for children reports each running
    /// child as stopped where it is; one whose children failed reports how they stood then.
    pub(super) fn point_of(&self, frame: &Frame) -> RedrivePoint {
        let children = match &frame.step {
            Step::Fanout(fanout) => Some(self.fanout_slots(fanout)),
            _ => frame.redo.clone(),
        };
        RedrivePoint {
            state: frame.state.clone(),
            input: frame.input.clone(),
            vars: frame.vars.clone(),
            children,
        }
    }

    /// Makes the freshly spawned frame `id` start where `point` stopped instead of at its
    /// machine's first state.
    pub(super) fn resume_at(&mut self, id: FrameId, point: RedrivePoint) {
        if let Some(frame) = self.frames[id].as_mut() {
            frame.state = point.state;
            frame.input = point.input;
            frame.vars = point.vars;
            frame.resume = point.children;
        }
    }
}
