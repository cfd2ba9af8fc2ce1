//! The deterministic interpreter: plain data in, history events and effects out.
//!
//! An execution is a tree of frames (threads of control): the top level, each Parallel branch,
//! each Map iteration. [`Core::advance`] runs every runnable frame until it finishes or blocks
//! on something only the outside world can provide (a timer, a task result); those needs come
//! out as [`Effect`]s, and their answers come back in through [`Core::wake`]. Nothing here
//! sleeps, spawns or does I/O, so a history can be produced and checked without a server.

mod batcher;
mod fanout;
mod jsonata;
mod map_runs;
mod redrive;
mod states;
#[cfg(test)]
mod tests;

use super::env::Env;
use super::history::{ErrorDetails, EventKind, HistoryEvent, StateType};
use crate::asl::definition::{Definition, Resource, StateKind, StateMachine};
use crate::asl::errors::Failure;
use crate::asl::path::Variables;
pub use batcher::{BatchLimits, ITEM_READER_FAILED, batch};
use fanout::Fanout;
use map_runs::{Child, ChildId, Identity, Sink};
pub use map_runs::{MapRunLimits, MapRunStart, MapRunStatus, MapRunUpdate, Report};
pub use redrive::RedrivePoint;
use redrive::{Children, Slot};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The largest input or output a state may have: 256 KiB of UTF-8.
pub const PAYLOAD_LIMIT: usize = 262_144;

/// Index of a frame within its execution.
pub type FrameId = usize;

/// What an execution is, as the context object and the history describe it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExecutionInfo {
    /// Execution ARN.
    pub execution_arn: String,
    /// Execution name.
    pub name: String,
    /// ARN of the state machine (unqualified).
    pub state_machine_arn: String,
    /// Name of the state machine.
    pub state_machine_name: String,
    /// The machine's role.
    pub role_arn: String,
    /// The region, for TaskScheduled events.
    pub region: String,
    /// The execution input.
    pub input: Value,
    /// When it started.
    pub start_time: OffsetDateTime,
    /// Set when started through an alias.
    pub alias_arn: Option<String>,
    /// Set when started through a version or an alias.
    pub version_arn: Option<String>,
    /// Express executions cannot be redriven, so their context has no `RedriveCount`.
    pub express: bool,
}

/// How an execution ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It succeeded with this output.
    Succeeded(Value),
    /// A state failed and nothing caught it.
    Failed(ErrorDetails),
    /// StopExecution stopped it.
    Aborted(ErrorDetails),
    /// Its `TimeoutSeconds` ran out.
    TimedOut(ErrorDetails),
}

/// Something the core needs the outside world to do. Each carries a token that must come back
/// with the answer, so stale answers (for a frame that was aborted meanwhile) are ignored.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Wake `frame` after `seconds` of execution time.
    Timer {
        /// The frame to wake.
        frame: FrameId,
        /// The token to wake it with.
        token: u64,
        /// How long, nominally (the clock may scale it).
        seconds: f64,
    },
    /// Perform a Task's work and report the result. Activity resources offer the task to
    /// the activity's workers instead, with `task_token` as the worker's token and
    /// `parameters` as the input.
    Task {
        /// The frame waiting for it.
        frame: FrameId,
        /// The token to answer with.
        token: u64,
        /// What the Task calls.
        resource: Resource,
        /// The effective parameters.
        parameters: Value,
        /// For `.waitForTaskToken`: the task token that SendTask* calls will answer with.
        task_token: Option<String>,
        /// The Task state's name (mocked integrations are chosen by it).
        state: String,
    },
    /// A Task's work was abandoned (its timeout ran out, its branch was aborted): stop it
    /// if it can be stopped (a `.sync` nested execution).
    Cancel {
        /// The frame that waited for it.
        frame: FrameId,
        /// The token it would have answered with.
        token: u64,
    },
    /// A task token no longer belongs to a waiting task: SendTask* calls now fail.
    Release {
        /// The token.
        task_token: String,
    },
}

/// An answer to an [`Effect`].
#[derive(Debug, Clone, PartialEq)]
pub enum Wake {
    /// A timer fired.
    Timer {
        /// The frame it was for.
        frame: FrameId,
        /// Its token.
        token: u64,
    },
    /// A Task's work finished.
    Task {
        /// The frame it was for.
        frame: FrameId,
        /// Its token.
        token: u64,
        /// The result, or the error the work raised.
        result: Result<Value, Failure>,
    },
    /// A `.waitForTaskToken` call went out; the task now waits for its token.
    Submitted {
        /// The frame it was for.
        frame: FrameId,
        /// Its token.
        token: u64,
        /// The call's response.
        output: Value,
    },
    /// A worker took an activity task.
    Started {
        /// The frame it was for.
        frame: FrameId,
        /// Its token.
        token: u64,
        /// The name the worker gave, if any.
        worker_name: Option<String>,
    },
    /// The task could not be scheduled at all (its activity does not exist).
    Refused {
        /// The frame it was for.
        frame: FrameId,
        /// Its token.
        token: u64,
        /// Why.
        failure: Failure,
    },
    /// SendTaskHeartbeat: the task is still being worked on.
    Heartbeat {
        /// The frame it was for.
        frame: FrameId,
        /// Its token.
        token: u64,
    },
}

/// Where a frame is in its current state.
#[derive(Debug)]
enum Step {
    /// About to enter the state (emit the Entered event).
    Enter,
    /// Entered; do (or redo, after a retry back-off) the state's work.
    Run,
    /// Waiting for a timer, a task answer or a worker.
    Blocked(Blocked),
    /// Waiting for child frames (Parallel branches, Map iterations).
    Fanout(Box<Fanout>),
    /// The children finished; wrap up the state with their combined result.
    Joined(Result<Value, Failure>),
    /// A Task ran out of time (or heartbeats) with this error.
    TimedOut(Failure),
    /// A Task could not be scheduled.
    Refused(Failure),
}

/// What to do when a blocked frame is woken.
#[derive(Debug)]
enum Resume {
    /// A Wait state's time is up: finish the state with this effective input.
    Wait(Value),
    /// A retry back-off is over: run the state again.
    Retry,
    /// A Task's work: finish the state with its result.
    Task(TaskWait),
}

/// What a blocked frame waits for, and the timers that may end the wait first.
#[derive(Debug)]
struct Blocked {
    token: u64,
    resume: Resume,
    /// The timer token of the Task's `TimeoutSeconds`.
    timeout: Option<u64>,
    /// The timer token of the Task's `HeartbeatSeconds`.
    heartbeat: Option<u64>,
    /// The task token to release when the wait ends.
    task_token: Option<String>,
}

impl Blocked {
    fn on(token: u64, resume: Resume) -> Blocked {
        Blocked {
            token,
            resume,
            timeout: None,
            heartbeat: None,
            task_token: None,
        }
    }
}

/// How a Task state waits.
#[derive(Debug, Clone, Copy)]
struct TaskWait {
    /// An activity (worker-driven) rather than a service integration.
    activity: bool,
    /// `TimeoutSeconds`.
    timeout: Option<u64>,
    /// `HeartbeatSeconds`.
    heartbeat: Option<u64>,
}

/// One thread of control.
#[derive(Debug)]
struct Frame {
    machine: Arc<StateMachine>,
    parent: Option<(FrameId, usize)>,
    state: String,
    input: Value,
    step: Step,
    last: u64,
    entered: u64,
    /// The event the state's Entered event follows (`EvaluationFailed` follows it too).
    entered_after: u64,
    entered_time: OffsetDateTime,
    attempts: Vec<u64>,
    /// Events that close the state if its failure is not retried (`MapStateFailed`, ...).
    closing: Vec<EventKind>,
    /// Where its events are recorded: inside a Distributed Map they belong to a child
    /// execution, not to this history.
    sink: Sink,
    /// Variables assigned in this scope.
    vars: Map<String, Value>,
    /// The enclosing scopes' variables, readable but not assignable.
    outer: Option<Arc<VarScope>>,
    /// What the current state's `Assign` computed, applied when it exits.
    assigned: Option<Map<String, Value>>,
    /// How the children of the current state stood when they failed it, for a redrive.
    redo: Option<Box<Children>>,
    /// A redrive's plan for the children of the state the frame resumes in.
    resume: Option<Box<Children>>,
}

/// An enclosing scope's variables, frozen while its Parallel or Map state runs the children.
#[derive(Debug)]
pub(super) struct VarScope {
    vars: Map<String, Value>,
    outer: Option<Arc<VarScope>>,
}

impl VarScope {
    fn lookup(&self, name: &str) -> Option<&Value> {
        self.vars
            .get(name)
            .or_else(|| self.outer.as_ref()?.lookup(name))
    }
}

impl Variables for VarScope {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.lookup(name)
    }
}

impl Variables for Frame {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.vars
            .get(name)
            .or_else(|| self.outer.as_ref()?.lookup(name))
    }
}

impl Frame {
    /// The type of the current state when it is in flight: entered, not exited, and of a type
    /// that does work over time (these are the states AWS records `*StateAborted` for).
    fn in_flight(&self) -> Option<StateType> {
        if matches!(self.step, Step::Enter) {
            return None;
        }
        let kind = &self.machine.states.get(&self.state)?.kind;
        matches!(
            kind,
            StateKind::Task(_) | StateKind::Wait(_) | StateKind::Map(_) | StateKind::Parallel(_)
        )
        .then(|| state_type(kind))
    }

    /// This frame's variables and its outer scopes', for child frames to read.
    fn scope(&self) -> Arc<VarScope> {
        Arc::new(VarScope {
            vars: self.vars.clone(),
            outer: self.outer.clone(),
        })
    }
}

/// An execution being interpreted.
#[derive(Debug)]
pub struct Core {
    definition: Arc<Definition>,
    info: Arc<ExecutionInfo>,
    context: Value,
    record: bool,
    history: Vec<HistoryEvent>,
    last_id: u64,
    frames: Vec<Option<Frame>>,
    free: Vec<FrameId>,
    runnable: VecDeque<FrameId>,
    effects: Vec<Effect>,
    outcome: Option<Outcome>,
    env: Env,
    now: OffsetDateTime,
    next_token: u64,
    redrive_point: Option<RedrivePoint>,
    /// Map Run child executions in progress.
    children: Vec<Option<Child>>,
    free_children: Vec<ChildId>,
    /// The open Map Runs (of executions that keep records), by ARN: the frame of their Map
    /// state.
    map_runs: HashMap<Arc<str>, FrameId>,
    reports: Vec<Report>,
    /// Whose `Execution` and `StateMachine` the context object holds: the execution's
    /// (`History`), a child's, or a released child's (`Nowhere`).
    scope: Sink,
    /// The execution's own `Execution` and `StateMachine` while a child's are in the context.
    parked: Option<Identity>,
    /// An event was refused because the history is full: the execution fails next.
    history_full: bool,
}

/// AWS's limit on the events in one execution's history; an execution that would record more
/// fails (`States.Runtime`) with its last event as the limit's last.
pub const MAX_HISTORY_EVENTS: u64 = 25_000;

impl Core {
    /// Starts an execution: records `ExecutionStarted` and readies the first state. With
    /// `record` false no history is kept (express executions), which keeps them fast.
    pub fn start(definition: Arc<Definition>, info: Arc<ExecutionInfo>, record: bool) -> Core {
        let context = base_context(&info);
        let now = info.start_time;
        let mut core = Core::new(definition, info, context, record, now);
        let input = core.info.input.clone();
        let started = EventKind::ExecutionStarted {
            input: core.text(&input),
            role_arn: core.info.role_arn.clone(),
            alias_arn: core.info.alias_arn.clone(),
            version_arn: core.info.version_arn.clone(),
        };
        core.emit(0, started);
        let machine = core.definition.machine.clone();
        // AWS quirk: the first state's Entered event has previousEventId 0, not 1.
        core.spawn(machine, None, input, 0, Sink::History, None);
        core
    }

    /// A core with no frames and no history yet.
    fn new(
        definition: Arc<Definition>,
        info: Arc<ExecutionInfo>,
        context: Value,
        record: bool,
        now: OffsetDateTime,
    ) -> Core {
        Core {
            definition,
            info,
            context,
            record,
            history: Vec::new(),
            last_id: 0,
            frames: Vec::new(),
            free: Vec::new(),
            runnable: VecDeque::new(),
            effects: Vec::new(),
            outcome: None,
            env: Env,
            now,
            next_token: 0,
            redrive_point: None,
            children: Vec::new(),
            free_children: Vec::new(),
            map_runs: HashMap::new(),
            reports: Vec::new(),
            scope: Sink::History,
            parked: None,
            history_full: false,
        }
    }
}

impl Core {
    /// Runs every runnable frame as far as it goes and returns what the outside world must do.
    pub fn advance(&mut self, now: OffsetDateTime) -> Vec<Effect> {
        self.now = now;
        while let Some(id) = self.runnable.pop_front() {
            if self.outcome.is_some() || self.history_full {
                break;
            }
            self.run_frame(id);
        }
        if self.history_full {
            self.fail_with_full_history();
        }
        std::mem::take(&mut self.effects)
    }

    /// Ends the execution after a fault of Stepstone's own (a panic while interpreting it):
    /// it fails with `States.Runtime` instead of staying RUNNING with no one driving it.
    pub fn fail_internally(&mut self, now: OffsetDateTime) {
        let details = ErrorDetails {
            error: Some(crate::asl::errors::RUNTIME.into()),
            cause: Some("Stepstone failed internally while running this execution".into()),
        };
        self.end_early(
            Outcome::Failed(details.clone()),
            EventKind::ExecutionFailed(details),
            now,
        );
    }

    /// Ends the execution whose history has no room left. AWS's quota page says only that such
    /// an execution fails; the error and cause are our wording of it (a guess: no recording).
    fn fail_with_full_history(&mut self) {
        let details = ErrorDetails {
            error: Some(crate::asl::errors::RUNTIME.into()),
            cause: Some(format!(
                "The execution reached the maximum number of history events ({MAX_HISTORY_EVENTS})."
            )),
        };
        self.end_early(
            Outcome::Failed(details.clone()),
            EventKind::ExecutionFailed(details),
            self.now,
        );
    }

    /// Delivers an answer to an effect. Answers for frames that no longer wait for them
    /// (aborted branches, finished executions) are ignored.
    pub fn wake(&mut self, wake: Wake) {
        let id = match &wake {
            Wake::Timer { frame, .. }
            | Wake::Task { frame, .. }
            | Wake::Submitted { frame, .. }
            | Wake::Started { frame, .. }
            | Wake::Refused { frame, .. }
            | Wake::Heartbeat { frame, .. } => *frame,
        };
        let Some(mut frame) = self.frames.get_mut(id).and_then(Option::take) else {
            return;
        };
        if let Step::Blocked(blocked) = std::mem::replace(&mut frame.step, Step::Run) {
            frame.step = self.resolve(id, &mut frame, blocked, wake);
        }
        self.frames[id] = Some(frame);
    }

    /// Applies an answer to a blocked frame: the next step, or the same wait if the answer was
    /// stale or only changed the wait (a worker started, a heartbeat came).
    fn resolve(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        mut blocked: Blocked,
        wake: Wake,
    ) -> Step {
        use crate::asl::errors::{HEARTBEAT_TIMEOUT, TIMEOUT};
        let next = match (&blocked.resume, wake) {
            (_, Wake::Timer { token, .. }) if Some(token) == blocked.timeout => {
                self.cancel(id, &blocked);
                Step::TimedOut(Failure::new(TIMEOUT, ""))
            }
            (_, Wake::Timer { token, .. }) if Some(token) == blocked.heartbeat => {
                self.cancel(id, &blocked);
                Step::TimedOut(Failure::new(HEARTBEAT_TIMEOUT, ""))
            }
            (Resume::Task(_), Wake::Refused { token, failure, .. }) if token == blocked.token => {
                Step::Refused(failure)
            }
            (Resume::Retry, Wake::Timer { token, .. }) if token == blocked.token => Step::Run,
            (Resume::Wait(_), Wake::Timer { token, .. }) if token == blocked.token => {
                let Resume::Wait(effective) = std::mem::replace(&mut blocked.resume, Resume::Retry)
                else {
                    return Step::Blocked(blocked);
                };
                Step::Joined(Ok(effective))
            }
            (Resume::Task(_), Wake::Task { token, result, .. }) if token == blocked.token => {
                Step::Joined(result)
            }
            (Resume::Task(_), Wake::Submitted { token, output, .. }) if token == blocked.token => {
                let (resource_type, resource) = self.current_task_names(frame);
                let output = self.text(&output);
                let submitted = EventKind::TaskSubmitted {
                    resource_type,
                    resource,
                    output,
                };
                frame.last = self.emit_as(frame.sink, frame.last, submitted);
                return Step::Blocked(blocked);
            }
            (
                Resume::Task(wait),
                Wake::Started {
                    token, worker_name, ..
                },
            ) if token == blocked.token => {
                let wait = *wait;
                frame.last = self.emit_as(
                    frame.sink,
                    frame.last,
                    EventKind::ActivityStarted { worker_name },
                );
                // An activity's clocks start when a worker takes the task.
                blocked.timeout = wait.timeout.map(|seconds| self.timer(id, seconds as f64));
                blocked.heartbeat = wait.heartbeat.map(|seconds| self.timer(id, seconds as f64));
                return Step::Blocked(blocked);
            }
            (Resume::Task(wait), Wake::Heartbeat { token, .. }) if token == blocked.token => {
                if let Some(seconds) = wait.heartbeat.filter(|_| blocked.heartbeat.is_some()) {
                    blocked.heartbeat = Some(self.timer(id, seconds as f64));
                }
                return Step::Blocked(blocked);
            }
            _ => return Step::Blocked(blocked),
        };
        if let Some(task_token) = blocked.task_token.take() {
            self.effects.push(Effect::Release { task_token });
        }
        self.runnable.push_back(id);
        next
    }

    /// Tells the outside world that a blocked Task's work is no longer wanted.
    fn cancel(&mut self, frame: FrameId, blocked: &Blocked) {
        if let Resume::Task(_) = blocked.resume {
            self.effects.push(Effect::Cancel {
                frame,
                token: blocked.token,
            });
        }
    }

    /// Arms a timer for `frame` and returns its token.
    fn timer(&mut self, frame: FrameId, seconds: f64) -> u64 {
        let token = self.token();
        self.effects.push(Effect::Timer {
            frame,
            token,
            seconds,
        });
        token
    }

    /// StopExecution: the execution ends ABORTED.
    pub fn stop(&mut self, details: ErrorDetails, now: OffsetDateTime) {
        self.end_early(
            Outcome::Aborted(details.clone()),
            EventKind::ExecutionAborted(details),
            now,
        );
    }

    /// The execution's `TimeoutSeconds` ran out: it ends TIMED_OUT.
    pub fn time_out(&mut self, now: OffsetDateTime) {
        let details = ErrorDetails {
            error: Some("States.Timeout".into()),
            cause: None,
        };
        self.end_early(
            Outcome::TimedOut(details.clone()),
            EventKind::ExecutionTimedOut(details),
            now,
        );
    }

    fn end_early(&mut self, outcome: Outcome, event: EventKind, now: OffsetDateTime) {
        if self.outcome.is_some() {
            return;
        }
        self.now = now;
        let last = self.last_id;
        self.emit(last, event);
        self.outcome = Some(outcome);
        self.abort_map_runs();
        let root = self
            .frames
            .iter_mut()
            .find_map(|slot| slot.take_if(|frame| frame.parent.is_none()));
        if let Some(root) = root {
            self.keep_redrive_point(&root);
        }
        self.frames.clear();
        self.runnable.clear();
    }

    /// How the execution ended, once it has.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// The history events recorded since the last call.
    pub fn take_history(&mut self) -> Vec<HistoryEvent> {
        std::mem::take(&mut self.history)
    }

    /// The definition's execution time limit.
    pub fn timeout_seconds(&self) -> Option<u64> {
        self.definition.timeout_seconds
    }

    /// Records an event of a frame's thread where the frame's events go; `Nowhere` records
    /// nothing and uses no id.
    #[inline]
    fn emit_as(&mut self, sink: Sink, previous: u64, kind: EventKind) -> u64 {
        match sink {
            Sink::History => self.emit(previous, kind),
            Sink::Child(child) => self.emit_child(child, previous, kind),
            Sink::Nowhere => previous,
        }
    }

    fn emit(&mut self, previous: u64, kind: EventKind) -> u64 {
        if self.record && self.last_id + 1 >= MAX_HISTORY_EVENTS && !kind.ends_execution() {
            self.history_full = true;
            return self.last_id;
        }
        self.last_id += 1;
        if self.record {
            let event = HistoryEvent {
                id: self.last_id,
                previous_event_id: previous,
                timestamp: self.now,
                kind,
            };
            self.history.push(event);
        }
        self.last_id
    }

    /// JSON text for a history event; empty when no history is kept, to skip the work.
    fn text(&self, value: &Value) -> String {
        if self.record {
            value.to_string()
        } else {
            String::new()
        }
    }

    fn token(&mut self) -> u64 {
        self.next_token += 1;
        self.next_token
    }

    fn spawn(
        &mut self,
        machine: Arc<StateMachine>,
        parent: Option<(FrameId, usize)>,
        input: Value,
        last: u64,
        sink: Sink,
        outer: Option<Arc<VarScope>>,
    ) -> FrameId {
        let state = machine.start_at.clone();
        let frame = Frame {
            machine,
            parent,
            state,
            input,
            step: Step::Enter,
            last,
            entered: 0,
            entered_after: last,
            entered_time: self.now,
            attempts: Vec::new(),
            closing: Vec::new(),
            sink,
            vars: Map::new(),
            outer,
            assigned: None,
            redo: None,
            resume: None,
        };
        let id = match self.free.pop() {
            Some(free) => {
                self.frames[free] = Some(frame);
                free
            }
            None => {
                self.frames.push(Some(frame));
                self.frames.len() - 1
            }
        };
        self.runnable.push_back(id);
        id
    }

    fn run_frame(&mut self, id: FrameId) {
        let Some(mut frame) = self.frames.get_mut(id).and_then(Option::take) else {
            return;
        };
        self.enter(frame.sink);
        loop {
            let machine = frame.machine.clone();
            let Some(state) = machine.states.get(&frame.state) else {
                let cause = format!("The state '{}' does not exist", frame.state);
                return self.finish(id, frame, Err(Failure::runtime(cause)));
            };
            let flow = match std::mem::replace(&mut frame.step, Step::Run) {
                Step::Enter => {
                    let input = self.text(&frame.input);
                    let entered = EventKind::StateEntered {
                        state_type: state_type(&state.kind),
                        name: frame.state.clone(),
                        input,
                    };
                    frame.entered_after = frame.last;
                    frame.entered = self.emit_as(frame.sink, frame.last, entered);
                    frame.last = frame.entered;
                    frame.entered_time = self.now;
                    frame.attempts.clear();
                    continue;
                }
                Step::Run => self.execute(id, &mut frame, state),
                Step::Joined(result) => self.complete(&mut frame, state, result),
                Step::TimedOut(failure) => self.timed_out(&mut frame, state, failure),
                Step::Refused(failure) => self.schedule_failed(&mut frame, failure),
                waiting @ (Step::Blocked(..) | Step::Fanout(_)) => {
                    frame.step = waiting;
                    Flow::Blocked
                }
            };
            match flow {
                Flow::Blocked => break,
                Flow::Next(output) => {
                    if !self.exit(&mut frame, state, output.clone(), state.transition.clone()) {
                        return self.finish(id, frame, Ok(output));
                    }
                }
                Flow::Goto(next, output) => {
                    self.exit(
                        &mut frame,
                        state,
                        output,
                        Some(crate::asl::definition::Transition::Next(next)),
                    );
                }
                Flow::End(output) => {
                    let exited = self.exited_event(&mut frame, state, &output);
                    frame.last = self.emit_as(frame.sink, frame.last, exited);
                    return self.finish(id, frame, Ok(output));
                }
                Flow::Fail(failure) => {
                    if let Err(failure) = self.recover(id, &mut frame, state, failure) {
                        return self.finish(id, frame, Err(failure));
                    }
                }
            }
        }
        self.frames[id] = Some(frame);
    }

    /// A frame ran to its end (or failed): report to its parent, or end the execution.
    fn finish(&mut self, id: FrameId, frame: Frame, result: Result<Value, Failure>) {
        self.free.push(id);
        match frame.parent {
            Some((parent, slot)) => {
                let ended = fanout::Ended {
                    in_flight: result.as_ref().err().and(frame.in_flight()),
                    point: (result.is_err() && !self.info.express)
                        .then(|| self.slot_of(id, &frame)),
                    result,
                    last: frame.last,
                    sink: frame.sink,
                };
                self.child_finished(id, (parent, slot), ended);
            }
            None => {
                let (outcome, event) = match result {
                    Ok(output) => {
                        let text = self.text(&output);
                        (
                            Outcome::Succeeded(output),
                            EventKind::ExecutionSucceeded { output: text },
                        )
                    }
                    Err(failure) => {
                        self.keep_redrive_point(&frame);
                        let details = error_details(failure);
                        (
                            Outcome::Failed(details.clone()),
                            EventKind::ExecutionFailed(details),
                        )
                    }
                };
                self.emit(frame.last, event);
                self.outcome = Some(outcome);
            }
        }
    }

    /// The `*StateExited` event; it also applies the state's pending `Assign`, which AWS lists
    /// in the event sorted by name.
    fn exited_event(
        &self,
        frame: &mut Frame,
        state: &crate::asl::definition::State,
        output: &Value,
    ) -> EventKind {
        let assigned = frame.assigned.take().map(|assigned| {
            let mut listed: Vec<(String, String)> = assigned
                .iter()
                .map(|(k, v)| (k.clone(), self.text(v)))
                .collect();
            listed.sort();
            frame.vars.extend(assigned);
            listed
        });
        EventKind::StateExited {
            state_type: state_type(&state.kind),
            name: frame.state.clone(),
            output: self.text(output),
            assigned,
        }
    }

    /// Leaves the current state with `output`; true when the frame goes on to another state.
    fn exit(
        &mut self,
        frame: &mut Frame,
        state: &crate::asl::definition::State,
        output: Value,
        transition: Option<crate::asl::definition::Transition>,
    ) -> bool {
        let exited = self.exited_event(frame, state, &output);
        frame.last = self.emit_as(frame.sink, frame.last, exited);
        match transition {
            Some(crate::asl::definition::Transition::Next(next)) => {
                frame.state = next;
                frame.input = output;
                frame.step = Step::Enter;
                true
            }
            _ => {
                frame.input = output;
                false
            }
        }
    }

    /// Retry or Catch a state's failure; `Err` when neither applies and the frame fails.
    fn recover(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        state: &crate::asl::definition::State,
        failure: Failure,
    ) -> Result<(), Failure> {
        use crate::asl::errors::{
            RUNTIME, error_output, matching_catcher, matching_retrier, retry_delay_seconds,
        };
        let (retry, catch) = state.kind.handlers();
        let closing = std::mem::take(&mut frame.closing);
        // States.Runtime is never retried or caught.
        let recoverable = failure.error != RUNTIME;
        if let Some(index) = matching_retrier(retry, &failure.error).filter(|_| recoverable) {
            frame.attempts.resize(retry.len(), 0);
            frame.attempts[index] += 1;
            let retrier = &retry[index];
            if frame.attempts[index] <= retrier.max_attempts {
                // A retry runs every child again, and a later failure says how they stood.
                frame.redo = None;
                let seconds =
                    retry_delay_seconds(retrier, frame.attempts[index], rand::random::<f64>());
                let token = self.token();
                self.effects.push(Effect::Timer {
                    frame: id,
                    token,
                    seconds,
                });
                frame.step = Step::Blocked(Blocked::on(token, Resume::Retry));
                return Ok(());
            }
        }
        for event in closing {
            frame.last = self.emit_as(frame.sink, frame.last, event);
        }
        if !recoverable {
            return Err(failure);
        }
        let Some(catcher) = matching_catcher(catch, &failure.error) else {
            return Err(failure);
        };
        let error_output = error_output(&failure.error, &failure.cause);
        frame.assigned = None;
        frame.redo = None;
        let output = match &state.data_flow {
            crate::asl::definition::DataFlow::Jsonata(_) => self.caught_jsonata(
                frame,
                catcher.output.as_ref(),
                catcher.assign.as_ref(),
                error_output,
            )?,
            crate::asl::definition::DataFlow::JsonPath(_) => {
                if let Some(assign) = &catcher.assign {
                    self.assign(frame, Some(assign), &error_output)?;
                }
                crate::asl::payload::result_path(&catcher.result_path, &frame.input, error_output)?
            }
        };
        let next = catcher.next.clone();
        self.exit(
            frame,
            state,
            output,
            Some(crate::asl::definition::Transition::Next(next)),
        );
        Ok(())
    }
}

/// What a state's work led to.
enum Flow {
    /// Leave the state with this output and follow its transition.
    Next(Value),
    /// Leave the state with this output and go to the named state (Choice).
    Goto(String, Value),
    /// Leave the state with this output and end the frame (Succeed).
    End(Value),
    /// Wait for an effect or for children.
    Blocked,
    /// The state failed: retry, catch or fail the frame.
    Fail(Failure),
}

/// Error and cause as history and DescribeExecution report them: empty means absent.
fn error_details(failure: Failure) -> ErrorDetails {
    let present = |s: String| (!s.is_empty()).then_some(s);
    ErrorDetails {
        error: present(crate::asl::errors::reported_error(&failure.error).to_owned()),
        cause: present(failure.cause),
    }
}

fn state_type(kind: &StateKind) -> StateType {
    match kind {
        StateKind::Pass(_) => StateType::Pass,
        StateKind::Task(_) => StateType::Task,
        StateKind::Choice(_) => StateType::Choice,
        StateKind::Wait(_) => StateType::Wait,
        StateKind::Succeed => StateType::Succeed,
        StateKind::Fail(_) => StateType::Fail,
        StateKind::Parallel(_) => StateType::Parallel,
        StateKind::Map(_) => StateType::Map,
    }
}

/// ISO 8601 with milliseconds and `Z`, as the context object shows times.
fn iso(time: OffsetDateTime) -> String {
    let millis = time.nanosecond() / 1_000_000;
    let whole = time.replace_nanosecond(0).unwrap_or(time);
    let text = whole.format(&Rfc3339).unwrap_or_default();
    match text.strip_suffix('Z') {
        Some(base) => format!("{base}.{millis:03}Z"),
        None => text,
    }
}

/// The parts of the context object that stay the same for the whole execution.
fn base_context(info: &ExecutionInfo) -> Value {
    let mut context = json!({
        "Execution": {
            "Id": info.execution_arn,
            "Input": info.input,
            "StartTime": iso(info.start_time),
            "Name": info.name,
            "RoleArn": info.role_arn,
            "RedriveCount": 0,
        },
        "StateMachine": { "Id": info.state_machine_arn, "Name": info.state_machine_name },
    });
    if info.express
        && let Some(execution) = context["Execution"].as_object_mut()
    {
        execution.remove("RedriveCount");
    }
    context
}
