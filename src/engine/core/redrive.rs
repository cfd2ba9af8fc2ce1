//! RedriveExecution's memory of where an execution stopped, and starting again from there.
//!
//! A stopped thread of control is remembered as the state it was in, that state's input and
//! the variables. When that state is a Parallel or an inline Map that failed because of its
//! children, each child is remembered too: a child that succeeded keeps its output and is not
//! run again, a child that failed or was aborted is remembered as a thread of its own (so it
//! resumes in the state it stopped in), and an iteration that never started starts afresh.
//! This is AWS's rule: "For workflows that include an Inline Map or Parallel state,
//! RedriveExecution reschedules and redrives only the iterations and branches that failed or
//! aborted." A Distributed Map's Map Run is redriven as a whole: the same run, whose standard
//! children that did not succeed are redriven in turn (same ARN, `ExecutionRedriven` in their
//! history) and whose express children and unstarted items start anew.

use super::map_runs::{ChildId, Sink};
use super::{Core, ExecutionInfo, Frame, FrameId, Step, base_context, iso};
use crate::asl::definition::Definition;
use crate::engine::history::EventKind;
use serde_json::{Map, Value, json};
use std::sync::Arc;
use time::OffsetDateTime;

/// Where a failed, timed-out or stopped thread of control stopped: the state it was in, that
/// state's input and its variables, and for a Parallel or Map how each child stood.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RedrivePoint {
    state: String,
    input: Value,
    vars: Map<String, Value>,
    /// How its children stood, when the state stopped while it had children.
    children: Option<Box<Children>>,
}

/// How the children of a Parallel or Map stood when it stopped.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Children {
    /// One per branch or item.
    pub(super) slots: Vec<Slot>,
    /// A Distributed Map's run, which a redrive runs again.
    pub(super) map_run: Option<RunPoint>,
}

/// A Distributed Map's run, as a redrive needs it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct RunPoint {
    pub(super) arn: Arc<str>,
    pub(super) label: String,
    /// How many times it has been redriven so far.
    pub(super) redrive_count: u32,
}

/// How one branch or iteration stood when its Parallel or Map stopped.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) enum Slot {
    /// It succeeded with this output: a redrive keeps it.
    Done(Value),
    /// It failed or was aborted where the point says; `None` when it never started (or, for a
    /// Map Run's express child, when it is to run anew).
    Redo(Option<Box<RedrivePoint>>),
    /// A Map Run's standard child execution that failed or was aborted: a redrive redrives it.
    Child(Box<ChildPoint>),
}

/// A Map Run's child execution that a redrive redrives.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct ChildPoint {
    pub(super) info: Arc<ExecutionInfo>,
    /// The id of its last event, once its ending event is recorded.
    pub(super) last_id: u64,
    pub(super) redrive_count: u32,
    pub(super) point: RedrivePoint,
}

impl Slot {
    /// This slot's plan, leaving a fresh start in its place.
    pub(super) fn take(&mut self) -> Slot {
        std::mem::replace(self, Slot::Redo(None))
    }
}

/// The context object of `info`'s execution on its `redrive_count`th redrive, at `now`.
pub(super) fn redriven_context(
    info: &ExecutionInfo,
    redrive_count: u32,
    now: OffsetDateTime,
) -> Value {
    let mut context = base_context(info);
    context["Execution"]["RedriveCount"] = json!(redrive_count);
    context["Execution"]["RedriveTime"] = json!(iso(now));
    context
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
        let context = redriven_context(&info, redrive_count, now);
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

    /// Where the frame `id` stands now, as its parent's slot: a Map Run's standard child
    /// execution is redriven as an execution, everything else resumes as a thread.
    pub(super) fn slot_of(&self, id: FrameId, frame: &Frame) -> Slot {
        let point = self.point_of(frame);
        match frame.sink {
            Sink::Child(child) if self.is_child_root(child, id) => self.child_slot(child, point),
            _ => Slot::Redo(Some(Box::new(point))),
        }
    }

    /// The slot of the Map Run child `child`, stopped at `point`, whose ending event is still
    /// to be recorded.
    fn child_slot(&self, child: ChildId, point: RedrivePoint) -> Slot {
        match self.child_identity(child) {
            Some((info, last_id, redrive_count)) => Slot::Child(Box::new(ChildPoint {
                info,
                last_id: last_id + 1,
                redrive_count,
                point,
            })),
            // Express children are not redriven: they run anew.
            None => Slot::Redo(None),
        }
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
            Step::Fanout(fanout) => Some(Box::new(self.fanout_children(fanout))),
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
