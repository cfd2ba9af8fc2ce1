//! Parallel and Map: starting child frames, collecting their results in order, failing fast,
//! Map concurrency limits, tolerated failures and Distributed Map runs.
//!
//! Event links follow AWS's recordings: a success closer (`ParallelStateSucceeded`,
//! `MapStateSucceeded`) and the `*Exited` after it both point at the last child event; a failed
//! attempt that will be retried records no `*StateFailed`, and the retry's `*Started` points at
//! the last child event.

use super::batcher::BatchSizes;
use super::jsonata::QUERY_EVALUATION_ERROR;
use super::map_runs::{MapRunLimits, MapRunStatus, MapRunUpdate, RunIdentity, Sink};
use super::redrive::RunPoint;
use super::{Children, Core, Flow, Frame, FrameId, Slot, Step, VarScope};
use crate::asl::definition::JsonataTemplate;
use crate::asl::definition::{
    Count, Map, MapItems, Parallel, ProcessorMode, StateMachine, Template,
};
use crate::asl::errors::{Failure, error_output};
use crate::asl::flow;
use crate::asl::jsonata::{JsonataError, Scope};
use crate::asl::path::{NoVariables, Roots, Variables};
use crate::asl::payload;
use crate::engine::history::{ErrorDetails, EventKind, IterationPhase, StateType};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;
use time::OffsetDateTime;

/// Children of a Parallel or Map state in progress.
#[derive(Debug)]
pub(super) struct Fanout {
    kind: Kind,
    results: Vec<Value>,
    running: HashSet<FrameId>,
    /// The children that failed so far and where they stopped, for a redrive.
    failed: Vec<(usize, Slot)>,
}

/// How a child frame ended, as its parent learns it.
pub(super) struct Ended {
    /// Its output, or its failure.
    pub(super) result: Result<Value, Failure>,
    /// The last event of its thread.
    pub(super) last: u64,
    /// For a failed child, the type of the state it failed in when that state was still
    /// doing work.
    pub(super) in_flight: Option<StateType>,
    /// Where its events went.
    pub(super) sink: Sink,
    /// Where a failed child stopped, when the execution can be redriven.
    pub(super) point: Option<Slot>,
}

#[derive(Debug)]
enum Kind {
    Parallel,
    Map(Box<MapRun>),
}

/// A Map state's iterations: what is left to start and how failures are judged.
#[derive(Debug)]
struct MapRun {
    name: String,
    items: Vec<Value>,
    next: usize,
    processor: Arc<StateMachine>,
    item_selector: Option<Template>,
    /// The Map state's Entered event, for error causes.
    entered: u64,
    effective: Value,
    /// Concurrency and failure tolerance (UpdateMapRun changes a Distributed Map's).
    limits: MapRunLimits,
    failures: u64,
    /// Distributed mode: iterations are child executions, recorded as one Map Run.
    distributed: bool,
    /// The Map Run and its children's identity, when the execution keeps records of them.
    identity: Option<Box<RunIdentity>>,
    /// The event the next MapIterationStarted follows.
    pointer: u64,
    /// Where the iteration events go: the Map state's own sink, or nowhere for a Distributed
    /// Map (AWS records none).
    sink: Sink,
    /// Where the Map state's own events go: whose context its ItemSelector sees.
    owner: Sink,
    /// What iterations see of the outer variables (nothing, for Distributed Map children).
    scope: Option<Arc<VarScope>>,
    /// A redrive's plan: which iterations keep their output and where the others resume.
    plan: Option<Vec<Slot>>,
    /// With an ItemBatcher, how many items each child processes (`items` are then batches).
    batch_sizes: Option<Box<BatchSizes>>,
}

impl Core {
    pub(super) fn start_parallel(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        effective: Value,
        parallel: &Parallel,
    ) -> Result<Flow, Failure> {
        let scope = frame.scope();
        let started = self.emit_as(frame.sink, frame.last, EventKind::ParallelStateStarted);
        frame.last = started;
        let count = parallel.branches.len();
        let mut plan = frame
            .resume
            .take()
            .map(|children| children.slots)
            .filter(|plan| plan.len() == count);
        let mut results = vec![Value::Null; count];
        let mut running = HashSet::new();
        for (i, branch) in parallel.branches.iter().enumerate() {
            let resumed = match plan.as_mut().map(|plan| plan[i].take()) {
                Some(Slot::Done(output)) => {
                    results[i] = output;
                    continue;
                }
                Some(Slot::Redo(point)) => point,
                _ => None,
            };
            let child = self.spawn(
                branch.clone(),
                Some((id, i)),
                effective.clone(),
                started,
                frame.sink,
                Some(scope.clone()),
            );
            if let Some(point) = resumed {
                self.resume_at(child, *point);
            }
            running.insert(child);
        }
        if running.is_empty() {
            // Only a redrive gets here: every branch had already succeeded.
            self.emit_as(frame.sink, started, EventKind::ParallelStateSucceeded);
            frame.step = Step::Joined(Ok(Value::Array(results)));
            self.runnable.push_back(id);
            return Ok(Flow::Blocked);
        }
        frame.step = Step::Fanout(Box::new(Fanout {
            kind: Kind::Parallel,
            results,
            running,
            failed: Vec::new(),
        }));
        Ok(Flow::Blocked)
    }

    /// Starts a Map state's iterations over `effective` (the state's input after InputPath);
    /// `states` is `$states` when the state is written in JSONata.
    pub(super) fn start_map(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        map: &Map,
        effective: Value,
        states: Option<&Value>,
    ) -> Result<Flow, Failure> {
        let items = self.started_map_items(frame, map, &effective, states)?;
        let length = items.len();
        let distributed = map.processor.mode == ProcessorMode::Distributed;
        let limits = self.map_limits(frame, map, &effective, states)?;
        let (plan, run_point) = match frame.resume.take() {
            Some(children) if children.slots.len() == length => {
                (Some(children.slots), children.map_run)
            }
            _ => (None, None),
        };
        // With an ItemBatcher the children run batches of selected items (batcher.rs).
        let (items, batch_sizes) = self.batch_items(frame, map, items, &effective, states)?;
        let (item_count, length) = (length, items.len());
        let identity = match distributed {
            true => self.begin_map_run(
                id,
                frame,
                map,
                run_point.clone(),
                (item_count, length),
                limits,
            ),
            false => None,
        };
        let run = MapRun {
            name: frame.state.clone(),
            limits,
            processor: map.processor.machine.clone(),
            item_selector: match batch_sizes {
                Some(_) => None,
                None => map.item_selector.clone(),
            },
            batch_sizes,
            entered: frame.entered,
            effective,
            failures: 0,
            next: 0,
            distributed,
            pointer: frame.last,
            owner: frame.sink,
            sink: if distributed {
                Sink::Nowhere
            } else {
                frame.sink
            },
            scope: (!distributed).then(|| frame.scope()),
            items,
            // A Distributed Map's plan is for the children of the run it redrives.
            plan: plan.filter(|_| !distributed || run_point.is_some()),
            identity,
        };
        self.launch_map(id, frame, run, length)
    }

    /// The Map's items; once they are known, MapStateStarted is recorded (before the
    /// concurrency and tolerance settings are read, as AWS records it).
    fn started_map_items(
        &mut self,
        frame: &mut Frame,
        map: &Map,
        effective: &Value,
        states: Option<&Value>,
    ) -> Result<Vec<Value>, Failure> {
        let items = self
            .map_items(frame, map, effective, states)
            .inspect_err(|_| {
                // Observed for JSONata Maps: a failure to get the items still closes the state.
                if states.is_some() {
                    frame.closing = vec![EventKind::MapStateFailed];
                }
            })?;
        let length = items.len();
        frame.last = self.emit_as(
            frame.sink,
            frame.last,
            EventKind::MapStateStarted { length },
        );
        Ok(items)
    }

    /// Starts the run's first iterations (`length` in all); the Map waits for them unless
    /// there is nothing to run.
    fn launch_map(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        run: MapRun,
        length: usize,
    ) -> Result<Flow, Failure> {
        let mut fanout = Fanout {
            kind: Kind::Map(Box::new(run)),
            results: vec![Value::Null; length],
            running: HashSet::new(),
            failed: Vec::new(),
        };
        if length == 0 {
            return Ok(self.map_succeeded(id, frame, &mut fanout));
        }
        if let Err(failure) = self.launch_iterations(id, &mut fanout) {
            self.abandon_map_run(&fanout);
            return Err(failure);
        }
        if fanout.running.is_empty() {
            // Only a redrive gets here: every item had already succeeded.
            return Ok(self.map_succeeded(id, frame, &mut fanout));
        }
        frame.step = Step::Fanout(Box::new(fanout));
        Ok(Flow::Blocked)
    }

    /// The Map's MaxConcurrency and tolerated failures, evaluated against its input.
    fn map_limits(
        &mut self,
        frame: &mut Frame,
        map: &Map,
        effective: &Value,
        states: Option<&Value>,
    ) -> Result<MapRunLimits, Failure> {
        let concurrency = map.max_concurrency.as_ref();
        let tolerated = map.tolerated_failure_count.as_ref();
        let percentage = map.tolerated_failure_percentage.as_ref();
        Ok(MapRunLimits {
            max_concurrency: (self.count(
                frame,
                concurrency,
                effective,
                "MaxConcurrency",
                states,
            )?)
            .unwrap_or(0),
            tolerated_failure_count: self.count(
                frame,
                tolerated,
                effective,
                "ToleratedFailureCount",
                states,
            )?,
            tolerated_failure_percentage: self.percentage(frame, percentage, effective, states)?,
        })
    }

    /// Starts (or, on a redrive, redrives) a Distributed Map's run and records that it did.
    fn begin_map_run(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        map: &Map,
        resumed: Option<RunPoint>,
        counts: (usize, usize),
        limits: MapRunLimits,
    ) -> Option<Box<RunIdentity>> {
        // A redrive redrives the run it stopped in; otherwise a new run starts.
        let run = match resumed {
            Some(run) => RunPoint {
                redrive_count: run.redrive_count + 1,
                ..run
            },
            None => self.new_map_run(map, &frame.state),
        };
        let map_run_arn = run.arn.to_string();
        let event = match run.redrive_count {
            0 => EventKind::MapRunStarted { map_run_arn },
            redrive_count => EventKind::MapRunRedriven {
                map_run_arn,
                redrive_count,
            },
        };
        frame.last = self.emit_as(frame.sink, frame.last, event);
        self.open_map_run((id, frame.sink), map, run, counts, limits)
    }

    /// After a failed launch: aborts the children already started (they would otherwise run
    /// on as orphans) and fails the Map Run.
    fn abandon_map_run(&mut self, fanout: &Fanout) {
        if let Kind::Map(run) = &fanout.kind
            && let Some(identity) = &run.identity
        {
            let mut running: Vec<FrameId> = fanout.running.iter().copied().collect();
            running.sort_unstable();
            self.abort_children(&running, None);
            self.close_map_run(identity, MapRunStatus::Failed);
        }
    }

    /// A new Map Run: its ARN, `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`,
    /// and its label, which defaults to the Map state's name.
    fn new_map_run(&self, map: &Map, state: &str) -> RunPoint {
        let machine = self
            .info
            .state_machine_arn
            .replacen(":stateMachine:", ":mapRun:", 1);
        let label = map.label.as_deref().unwrap_or(state).to_owned();
        let arn = format!("{machine}/{label}:{}", uuid::Uuid::new_v4());
        RunPoint {
            arn: arn.into(),
            label,
            redrive_count: 0,
        }
    }

    /// The array a Map iterates: `ItemsPath` into the effective input, or the input itself.
    fn map_items(
        &mut self,
        frame: &mut Frame,
        map: &Map,
        effective: &Value,
        states: Option<&Value>,
    ) -> Result<Vec<Value>, Failure> {
        let items = match (&map.items, states) {
            (None, _) => effective.clone(),
            (Some(MapItems::Path(path)), _) => path
                .get(&Roots::new(effective, &self.context).with_variables(&*frame))
                .map_err(|e| Failure::runtime(e.to_string()))?
                .clone(),
            (Some(MapItems::Jsonata(template)), Some(states)) => {
                let items = flow::map_items_jsonata(template, &self.scope(frame, states));
                items.map_err(|e| self.field_failed(frame, &e))?
            }
            (Some(MapItems::Jsonata(_)), None) => {
                return Err(Failure::runtime(
                    "Items is a JSONata field; this state is written in JSONPath",
                ));
            }
        };
        match items {
            Value::Array(items) => Ok(items),
            other => {
                let detail = format!("Map state input must be an array but was: {other}");
                match states {
                    // Observed: in JSONata the failure is an evaluation failure with no field.
                    Some(_) => Err(self.query_failed(frame, None, &detail)),
                    None => Err(Failure::runtime(detail)),
                }
            }
        }
    }

    /// A whole-number Map setting, constant, read from `effective` by its `...Path` or an
    /// expression against `states` (JSONata).
    pub(super) fn count(
        &mut self,
        frame: &mut Frame,
        count: Option<&Count<u64>>,
        effective: &Value,
        field: &str,
        states: Option<&Value>,
    ) -> Result<Option<u64>, Failure> {
        let value = self.setting(frame, effective, states, |inputs| {
            flow::map_count(count, field, inputs)
        });
        value.map_err(|e| self.flow_failed(frame, e))
    }

    fn percentage(
        &mut self,
        frame: &mut Frame,
        percentage: Option<&Count<f64>>,
        effective: &Value,
        states: Option<&Value>,
    ) -> Result<Option<f64>, Failure> {
        let value = self.setting(frame, effective, states, |inputs| {
            flow::map_percentage(percentage, inputs)
        });
        value.map_err(|e| self.flow_failed(frame, e))
    }

    /// Reads a Map setting with the roots and scope it sees.
    pub(super) fn setting<T>(
        &self,
        frame: &Frame,
        effective: &Value,
        states: Option<&Value>,
        read: impl FnOnce((&Roots<'_>, &Scope<'_>)) -> T,
    ) -> T {
        let roots = Roots::new(effective, &self.context).with_variables(frame);
        // A JSONPath state's settings hold no expressions (validation): no `$states`.
        read((&roots, &self.scope(frame, states.unwrap_or(&Value::Null))))
    }

    /// Starts as many waiting iterations as the concurrency limit allows.
    fn launch_iterations(&mut self, id: FrameId, fanout: &mut Fanout) -> Result<(), Failure> {
        let Kind::Map(run) = &mut fanout.kind else {
            return Ok(());
        };
        self.enter(run.owner);
        while run.next < run.items.len()
            && (run.limits.max_concurrency == 0
                || (fanout.running.len() as u64) < run.limits.max_concurrency)
        {
            let index = run.next;
            run.next += 1;
            let slot = run.plan.as_mut().map(|plan| plan[index].take());
            if let Some(Slot::Done(output)) = slot {
                fanout.results[index] = output;
                continue;
            }
            let item = std::mem::take(&mut run.items[index]);
            let started = EventKind::MapIteration {
                phase: IterationPhase::Started,
                name: run.name.clone(),
                index,
            };
            let started = self.emit_as(run.sink, run.pointer, started);
            run.pointer = started;
            // A redrive resumes a child where it stopped (its ItemSelector input is not needed
            // then); any other child starts from its item.
            let (input, sink, last, resume) = match (slot, &run.identity) {
                (Some(Slot::Child(child)), Some(identity)) => {
                    let (execution, last, point) = self.redrive_child(identity, *child);
                    (Value::Null, Sink::Child(execution), last, Some(point))
                }
                (Some(Slot::Redo(Some(point))), _) => {
                    (Value::Null, run.sink, started, Some(*point))
                }
                _ => {
                    let input = match &run.item_selector {
                        None => item,
                        Some(selector) => {
                            let variables: &dyn Variables = match &run.scope {
                                Some(scope) => scope.as_ref(),
                                None => &NoVariables,
                            };
                            let state = (run.name.as_str(), run.entered);
                            let item = (index, item);
                            self.select_item(selector, item, &run.effective, variables, state)?
                        }
                    };
                    // A Map Run's child is an execution of its own: its history starts afresh.
                    match &run.identity {
                        Some(identity) => {
                            let execution = self.start_child(identity, &input);
                            (input, Sink::Child(execution), 0, None)
                        }
                        None => (input, run.sink, started, None),
                    }
                }
            };
            let child = self.spawn(
                run.processor.clone(),
                Some((id, index)),
                input,
                last,
                sink,
                run.scope.clone(),
            );
            if let Some(point) = resume {
                self.resume_at(child, point);
            }
            if let Sink::Child(execution) = sink {
                self.set_child_root(execution, child);
            }
            fanout.running.insert(child);
        }
        Ok(())
    }

    /// Applies a Map's `ItemSelector` to the item at `index`, which it sees as `$$.Map.Item`,
    /// with the Map's effective input `effective`; `(name, entered)` is the Map state's name and
    /// Entered event, for the failure's cause.
    pub(super) fn select_item(
        &mut self,
        selector: &Template,
        (index, item): (usize, Value),
        effective: &Value,
        variables: &dyn Variables,
        (name, entered): (&str, u64),
    ) -> Result<Value, Failure> {
        self.context["Map"] = json!({ "Item": { "Index": index, "Value": item } });
        let selected = match selector {
            Template::JsonPath(selector) => payload::evaluate(
                selector,
                &Roots::new(effective, &self.context).with_variables(variables),
                &mut self.env,
            ),
            Template::Jsonata(selector) => {
                let states = flow::states(effective, &self.context, None);
                select_jsonata(selector, &states, variables, self.now).map_err(|(source, error)| {
                    Failure::new(
                        QUERY_EVALUATION_ERROR,
                        format!(
                            "An error occurred while executing the state '{name}' (entered at the event id #{entered}). {}",
                            error.cause(&source, "ItemSelector")
                        ),
                    )
                })
            }
        };
        if let Some(context) = self.context.as_object_mut() {
            context.remove("Map");
        }
        selected
    }

    /// A child frame finished; `last` is the last event of its thread, `sink` where its
    /// events went. `in_flight` is the type of the state a failed child failed in, when that
    /// state was still doing work.
    pub(super) fn child_finished(
        &mut self,
        child: FrameId,
        (parent, slot): (FrameId, usize),
        ended: Ended,
    ) {
        let Ended {
            result,
            last,
            in_flight,
            sink,
            point,
        } = ended;
        let Some(mut frame) = self.frames.get_mut(parent).and_then(Option::take) else {
            return;
        };
        let Step::Fanout(mut fanout) = std::mem::replace(&mut frame.step, Step::Run) else {
            self.frames[parent] = Some(frame);
            return;
        };
        fanout.running.remove(&child);
        if let Some(point) = point {
            fanout.failed.push((slot, point));
        }
        let joined = match &fanout.kind {
            Kind::Parallel => {
                // Observed: a branch's Task that fails the Parallel is recorded as aborted too
                // (TaskFailed, then TaskStateAborted); the events after it do not follow it.
                if let (Err(_), Some(state_type)) = (&result, in_flight) {
                    self.emit_as(frame.sink, last, EventKind::StateAborted(state_type));
                }
                self.branch_finished(&mut frame, &mut fanout, slot, result, last)
            }
            Kind::Map(_) => {
                if let Sink::Child(execution) = sink
                    && self.is_child_root(execution, child)
                {
                    self.end_child(execution, &result, last);
                }
                self.iteration_finished(parent, &mut frame, &mut fanout, slot, result, last)
            }
        };
        self.settle(parent, &mut frame, fanout, joined);
        self.frames[parent] = Some(frame);
    }

    /// Sets a Parallel or Map frame's step after a change to its children: still waiting, or
    /// joined (the children left are aborted, a failed Map Run is closed, and the frame runs
    /// on).
    fn settle(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        mut fanout: Box<Fanout>,
        joined: Option<Step>,
    ) {
        frame.step = match joined {
            Some(step) => {
                if matches!(step, Step::Joined(Err(_))) && !self.info.express {
                    frame.redo = Some(Box::new(self.fanout_children(&fanout)));
                }
                let mut running: Vec<FrameId> = fanout.running.drain().collect();
                running.sort_unstable();
                let map = match &fanout.kind {
                    Kind::Map(run) => Some((run.name.as_str(), run.sink)),
                    Kind::Parallel => None,
                };
                self.abort_children(&running, map);
                if let (Kind::Map(run), Step::Joined(Err(_))) = (&fanout.kind, &step)
                    && let Some(identity) = &run.identity
                {
                    self.close_map_run(identity, MapRunStatus::Failed);
                }
                self.runnable.push_back(id);
                step
            }
            None => Step::Fanout(fanout),
        };
    }

    /// UpdateMapRun: a running Map Run takes new limits. A higher concurrency starts waiting
    /// children at once; tolerances judge the failures so far, and every failure from now on.
    pub fn update_map_run(&mut self, map_run_arn: &str, update: MapRunUpdate) {
        let Some(&id) = self.map_runs.get(map_run_arn) else {
            return;
        };
        let Some(mut frame) = self.frames.get_mut(id).and_then(Option::take) else {
            return;
        };
        let Step::Fanout(mut fanout) = std::mem::replace(&mut frame.step, Step::Run) else {
            self.frames[id] = Some(frame);
            return;
        };
        let total = fanout.results.len();
        let joined = match &mut fanout.kind {
            Kind::Map(run) => {
                run.limits = run.limits.updated(update);
                if run.failures > 0 && !run.limits.tolerates(run.failures, run.item_total(total)) {
                    let failure = exceeded_threshold();
                    frame.closing = run.closing(&failure);
                    Some(Step::Joined(Err(failure)))
                } else {
                    self.launch_iterations(id, &mut fanout)
                        .err()
                        .map(|failure| Step::Joined(Err(failure)))
                }
            }
            Kind::Parallel => None,
        };
        self.settle(id, &mut frame, fanout, joined);
        self.frames[id] = Some(frame);
    }

    fn branch_finished(
        &mut self,
        frame: &mut Frame,
        fanout: &mut Fanout,
        slot: usize,
        result: Result<Value, Failure>,
        last: u64,
    ) -> Option<Step> {
        frame.last = last;
        match result {
            Ok(output) => {
                fanout.results[slot] = output;
                if !fanout.running.is_empty() {
                    return None;
                }
                self.emit_as(frame.sink, last, EventKind::ParallelStateSucceeded);
                Some(Step::Joined(Ok(Value::Array(std::mem::take(
                    &mut fanout.results,
                )))))
            }
            Err(failure) => {
                frame.closing = vec![EventKind::ParallelStateFailed];
                Some(Step::Joined(Err(failure)))
            }
        }
    }

    fn iteration_finished(
        &mut self,
        parent: FrameId,
        frame: &mut Frame,
        fanout: &mut Fanout,
        slot: usize,
        result: Result<Value, Failure>,
        last: u64,
    ) -> Option<Step> {
        let Kind::Map(run) = &mut fanout.kind else {
            return None;
        };
        let name = run.name.clone();
        let sink = run.sink;
        match result {
            Ok(output) => {
                fanout.results[slot] = output;
                let event = EventKind::MapIteration {
                    phase: IterationPhase::Succeeded,
                    name,
                    index: slot,
                };
                let id = self.emit_as(sink, last, event);
                // A Distributed Map's closing events follow MapRunStarted, not its unrecorded children.
                if !run.distributed {
                    frame.last = id;
                }
                run.pointer = last;
            }
            Err(failure) => {
                run.failures += run.items_of(slot);
                let event = EventKind::MapIteration {
                    phase: IterationPhase::Failed,
                    name,
                    index: slot,
                };
                self.emit_as(sink, last, event);
                run.pointer = last;
                if !run
                    .limits
                    .tolerates(run.failures, run.item_total(fanout.results.len()))
                {
                    let failure = if run.limits.has_tolerance() {
                        exceeded_threshold()
                    } else {
                        failure
                    };
                    frame.closing = run.closing(&failure);
                    if !run.distributed {
                        frame.last = last;
                    }
                    return Some(Step::Joined(Err(failure)));
                }
                fanout.results[slot] = error_output(&failure.error, &failure.cause);
            }
        }
        if let Err(failure) = self.launch_iterations(parent, fanout) {
            return Some(Step::Joined(Err(failure)));
        }
        // A redrive may have left nothing to launch: the items left had already succeeded.
        if !fanout.running.is_empty() {
            return None;
        }
        match self.map_succeeded(parent, frame, fanout) {
            Flow::Blocked => Some(std::mem::replace(&mut frame.step, Step::Run)),
            _ => None,
        }
    }

    /// Every iteration is done: record the closing events and hand the results to the state.
    fn map_succeeded(&mut self, id: FrameId, frame: &mut Frame, fanout: &mut Fanout) -> Flow {
        let Kind::Map(run) = &fanout.kind else {
            return Flow::Blocked;
        };
        if run.distributed {
            // Recorded since late 2024: MapRunSucceeded and MapStateSucceeded follow each
            // other, and the Exited points back at MapRunStarted (frame.last stays there).
            let succeeded = self.emit_as(frame.sink, frame.last, EventKind::MapRunSucceeded);
            self.emit_as(frame.sink, succeeded, EventKind::MapStateSucceeded);
        } else {
            // The closer and the Exited that follows both point at the last event before them.
            self.emit_as(frame.sink, frame.last, EventKind::MapStateSucceeded);
        }
        if let Some(identity) = &run.identity {
            self.close_map_run(identity, MapRunStatus::Succeeded);
        }
        frame.step = Step::Joined(Ok(Value::Array(std::mem::take(&mut fanout.results))));
        self.runnable.push_back(id);
        Flow::Blocked
    }

    /// How each child of a Parallel or Map stands, for a redrive: kept outputs, failed
    /// children where they stopped, running ones where they are now, and Map items not started
    /// yet.
    pub(super) fn fanout_children(&self, fanout: &Fanout) -> Children {
        let (started, map_run) = match &fanout.kind {
            Kind::Parallel => (fanout.results.len(), None),
            Kind::Map(run) => (run.next, run.identity.as_ref().map(|i| i.run_point())),
        };
        let mut slots: Vec<Slot> = fanout
            .results
            .iter()
            .enumerate()
            .map(|(i, result)| match i < started {
                true => Slot::Done(result.clone()),
                false => Slot::Redo(None),
            })
            .collect();
        for (slot, failed) in &fanout.failed {
            slots[*slot] = failed.clone();
        }
        for &child in &fanout.running {
            if let Some(frame) = self.frames.get(child).and_then(Option::as_ref)
                && let Some((_, slot)) = frame.parent
            {
                slots[slot] = self.slot_of(child, frame);
            }
        }
        Children { slots, map_run }
    }

    /// Removes running children and everything below them; their answers are then ignored.
    /// Each records its in-flight state as aborted (innermost first) and, for iterations of
    /// a Map (`map`: its name and where its iteration events go), `MapIterationAborted`. Map
    /// Run children among them are aborted, and so are the Map Runs of Map states among them.
    pub(super) fn abort_children(&mut self, children: &[FrameId], map: Option<(&str, Sink)>) {
        for &child in children {
            let Some(frame) = self.frames.get_mut(child).and_then(Option::take) else {
                continue;
            };
            self.free.push(child);
            let in_flight = frame.in_flight();
            match &frame.step {
                Step::Blocked(blocked) => {
                    self.cancel(child, blocked);
                    if let Some(task_token) = blocked.task_token.clone() {
                        self.effects.push(super::Effect::Release { task_token });
                    }
                }
                Step::Fanout(fanout) => {
                    let mut running: Vec<FrameId> = fanout.running.iter().copied().collect();
                    running.sort_unstable();
                    let inner = match &fanout.kind {
                        Kind::Map(run) => Some((run.name.as_str(), run.sink)),
                        Kind::Parallel => None,
                    };
                    self.abort_children(&running, inner);
                    if let Kind::Map(run) = &fanout.kind
                        && let Some(identity) = &run.identity
                    {
                        self.close_map_run(identity, MapRunStatus::Aborted);
                    }
                }
                _ => {}
            }
            if let Some(state_type) = in_flight {
                self.emit_as(frame.sink, frame.last, EventKind::StateAborted(state_type));
            }
            if let (Some((name, sink)), Some((_, index))) = (map, frame.parent) {
                let aborted = EventKind::MapIteration {
                    phase: IterationPhase::Aborted,
                    name: name.to_owned(),
                    index,
                };
                self.emit_as(sink, frame.last, aborted);
            }
            if let Sink::Child(execution) = frame.sink
                && self.is_child_root(execution, child)
            {
                self.abort_child(execution);
            }
        }
    }
}

impl MapRun {
    /// How many items the child in `slot` processes: its batch's, or its one item. Failure
    /// tolerances count items.
    fn items_of(&self, slot: usize) -> u64 {
        self.batch_sizes
            .as_ref()
            .map_or(1, |sizes| sizes.items(slot))
    }

    /// How many items the Map's `children` children process in all.
    fn item_total(&self, children: usize) -> usize {
        self.batch_sizes
            .as_ref()
            .map_or(children, |sizes| sizes.total())
    }

    /// The events that close a Map state whose iterations failed with `failure`, if it is not
    /// retried.
    fn closing(&self, failure: &Failure) -> Vec<EventKind> {
        match self.distributed {
            true => vec![
                EventKind::MapRunFailed(ErrorDetails {
                    error: Some(failure.error.clone()),
                    cause: Some(failure.cause.clone()),
                }),
                EventKind::MapStateFailed,
            ],
            false => vec![EventKind::MapStateFailed],
        }
    }
}

/// The failure of a Map whose failed iterations exceed its tolerance.
fn exceeded_threshold() -> Failure {
    Failure::new(
        "States.ExceedToleratedFailureThreshold",
        "The specified tolerated failure threshold was exceeded",
    )
}

/// Evaluates a JSONata ItemSelector for one item at `now`; on failure, the failing
/// expression's text and error.
fn select_jsonata(
    template: &JsonataTemplate,
    states: &Value,
    variables: &dyn Variables,
    now: OffsetDateTime,
) -> Result<Value, (String, JsonataError)> {
    match template {
        JsonataTemplate::Literal(value) => Ok(value.clone()),
        JsonataTemplate::Expr(expr) => {
            let parsed = expr.parsed().map_err(|m| {
                (
                    expr.source().to_owned(),
                    JsonataError::Parse {
                        code: None,
                        message: m.to_owned(),
                    },
                )
            })?;
            parsed
                .evaluate_value(&Scope {
                    states,
                    variables,
                    now,
                })
                .map_err(|e| (expr.source().to_owned(), e))
        }
        JsonataTemplate::Object(members) => {
            let mut object = serde_json::Map::new();
            for (key, member) in members {
                object.insert(key.clone(), select_jsonata(member, states, variables, now)?);
            }
            Ok(Value::Object(object))
        }
        JsonataTemplate::Array(items) => items
            .iter()
            .map(|item| select_jsonata(item, states, variables, now))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}
