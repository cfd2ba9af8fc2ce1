//! Parallel and Map: starting child frames, collecting their results in order, failing fast,
//! Map concurrency limits and tolerated failures.

use super::{Core, Flow, Frame, FrameId, Step};
use crate::asl::definition::{
    Count, JsonPathFlow, Map, MapItems, Parallel, Payload, StateMachine, Template,
};
use crate::asl::errors::{Failure, error_output};
use crate::asl::path::Roots;
use crate::asl::payload;
use crate::engine::history::{EventKind, IterationPhase};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;

/// Children of a Parallel or Map state in progress.
#[derive(Debug)]
pub(super) struct Fanout {
    kind: Kind,
    results: Vec<Value>,
    running: HashSet<FrameId>,
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
    max_concurrency: usize,
    processor: Arc<StateMachine>,
    item_selector: Option<Payload>,
    effective: Value,
    tolerated_count: Option<u64>,
    tolerated_percentage: Option<f64>,
    failures: u64,
    /// The event the next MapIterationStarted follows.
    pointer: u64,
}

impl Core {
    pub(super) fn start_parallel(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        parallel: &Parallel,
    ) -> Result<Flow, Failure> {
        let effective = {
            let roots = Roots::new(&frame.input, &self.context);
            payload::effective_input(flow, &roots, &mut self.env)?
        };
        let started = self.emit(frame.last, EventKind::ParallelStateStarted);
        frame.last = started;
        let running: HashSet<FrameId> = parallel
            .branches
            .iter()
            .enumerate()
            .map(|(i, branch)| {
                self.spawn(branch.clone(), Some((id, i)), effective.clone(), started)
            })
            .collect();
        let results = vec![Value::Null; parallel.branches.len()];
        frame.step = Step::Fanout(Box::new(Fanout {
            kind: Kind::Parallel,
            results,
            running,
        }));
        Ok(Flow::Blocked)
    }

    pub(super) fn start_map(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        map: &Map,
    ) -> Result<Flow, Failure> {
        let effective =
            payload::input_path(&flow.input_path, &Roots::new(&frame.input, &self.context))?;
        let items = self.map_items(map, &effective)?;
        let run = MapRun {
            name: frame.state.clone(),
            max_concurrency: self
                .count(map.max_concurrency.as_ref(), &effective, "MaxConcurrency")?
                .unwrap_or(0) as usize,
            tolerated_count: self.count(
                map.tolerated_failure_count.as_ref(),
                &effective,
                "ToleratedFailureCount",
            )?,
            tolerated_percentage: self
                .percentage(map.tolerated_failure_percentage.as_ref(), &effective)?,
            processor: map.processor.machine.clone(),
            item_selector: match &map.item_selector {
                None => None,
                Some(Template::JsonPath(payload)) => Some(payload.clone()),
                Some(Template::Jsonata(_)) => {
                    return Err(Failure::runtime(
                        "JSONata expressions are not supported yet by Stepstone",
                    ));
                }
            },
            effective,
            failures: 0,
            next: 0,
            pointer: 0,
            items,
        };
        let length = run.items.len();
        let started = self.emit(frame.last, EventKind::MapStateStarted { length });
        frame.last = started;
        let mut fanout = Fanout {
            kind: Kind::Map(Box::new(MapRun {
                pointer: started,
                ..run
            })),
            results: vec![Value::Null; length],
            running: HashSet::new(),
        };
        if length == 0 {
            frame.last = self.emit(started, EventKind::MapStateSucceeded);
            frame.last = started;
            frame.step = Step::Joined(Ok(Value::Array(Vec::new())));
            self.runnable.push_back(id);
            return Ok(Flow::Blocked);
        }
        self.launch_iterations(id, &mut fanout)?;
        frame.step = Step::Fanout(Box::new(fanout));
        Ok(Flow::Blocked)
    }

    /// The array a Map iterates: `ItemsPath` into the effective input, or the input itself.
    fn map_items(&self, map: &Map, effective: &Value) -> Result<Vec<Value>, Failure> {
        let items = match &map.items {
            None => effective.clone(),
            Some(MapItems::Path(path)) => path
                .get(&Roots::new(effective, &self.context))
                .map_err(|e| Failure::runtime(e.to_string()))?
                .clone(),
            Some(MapItems::Jsonata(_)) => {
                return Err(Failure::runtime(
                    "JSONata expressions are not supported yet by Stepstone",
                ));
            }
        };
        match items {
            Value::Array(items) => Ok(items),
            other => Err(Failure::runtime(format!(
                "Map state input must be an array but was: {other}"
            ))),
        }
    }

    /// A whole-number Map setting, constant or read from the input by its `...Path`.
    fn count(
        &self,
        count: Option<&Count<u64>>,
        effective: &Value,
        field: &str,
    ) -> Result<Option<u64>, Failure> {
        match count {
            None => Ok(None),
            Some(Count::Value(n)) => Ok(Some(*n)),
            Some(Count::Path(path)) => {
                let value = path
                    .get(&Roots::new(effective, &self.context))
                    .map_err(|e| Failure::runtime(e.to_string()))?;
                match value.as_i64() {
                    Some(n) if n < 0 && field == "ToleratedFailureCount" => Err(Failure::runtime(
                        "ToleratedFailureCount cannot be negative.",
                    )),
                    Some(n) if n >= 0 => Ok(Some(n as u64)),
                    _ => Err(Failure::runtime(format!(
                        "The {field}Path field refers to value {} which is not a valid integer: {}",
                        shown(value),
                        path.source()
                    ))),
                }
            }
            Some(Count::Expr(_)) => Err(Failure::runtime(
                "JSONata expressions are not supported yet by Stepstone",
            )),
        }
    }

    fn percentage(
        &self,
        count: Option<&Count<f64>>,
        effective: &Value,
    ) -> Result<Option<f64>, Failure> {
        let value = match count {
            None => return Ok(None),
            Some(Count::Value(p)) => *p,
            Some(Count::Path(path)) => {
                let value = path
                    .get(&Roots::new(effective, &self.context))
                    .map_err(|e| Failure::runtime(e.to_string()))?;
                value.as_f64().ok_or_else(|| {
                    Failure::runtime(format!(
                        "The ToleratedFailurePercentagePath field refers to value {} which is not a valid float: {}",
                        shown(value),
                        path.source()
                    ))
                })?
            }
            Some(Count::Expr(_)) => {
                return Err(Failure::runtime(
                    "JSONata expressions are not supported yet by Stepstone",
                ));
            }
        };
        if !(0.0..=100.0).contains(&value) {
            return Err(Failure::runtime(
                "ToleratedFailurePercentage must be between 0 and 100.",
            ));
        }
        Ok(Some(value))
    }

    /// Starts as many waiting iterations as the concurrency limit allows.
    fn launch_iterations(&mut self, id: FrameId, fanout: &mut Fanout) -> Result<(), Failure> {
        let Kind::Map(run) = &mut fanout.kind else {
            return Ok(());
        };
        while run.next < run.items.len()
            && (run.max_concurrency == 0 || fanout.running.len() < run.max_concurrency)
        {
            let index = run.next;
            run.next += 1;
            let item = std::mem::take(&mut run.items[index]);
            let started = EventKind::MapIteration {
                phase: IterationPhase::Started,
                name: run.name.clone(),
                index,
            };
            let started = self.emit(run.pointer, started);
            run.pointer = started;
            let input = match &run.item_selector {
                None => item,
                Some(selector) => {
                    self.context["Map"] = json!({ "Item": { "Index": index, "Value": item } });
                    let selected = payload::evaluate(
                        selector,
                        &Roots::new(&run.effective, &self.context),
                        &mut self.env,
                    );
                    if let Some(context) = self.context.as_object_mut() {
                        context.remove("Map");
                    }
                    selected?
                }
            };
            let child = self.spawn(run.processor.clone(), Some((id, index)), input, started);
            fanout.running.insert(child);
        }
        Ok(())
    }

    /// A child frame finished; `last` is the last event of its thread.
    pub(super) fn child_finished(
        &mut self,
        child: FrameId,
        parent: FrameId,
        slot: usize,
        result: Result<Value, Failure>,
        last: u64,
    ) {
        let Some(mut frame) = self.frames.get_mut(parent).and_then(Option::take) else {
            return;
        };
        let Step::Fanout(mut fanout) = std::mem::replace(&mut frame.step, Step::Run) else {
            self.frames[parent] = Some(frame);
            return;
        };
        fanout.running.remove(&child);
        let joined = match &mut fanout.kind {
            Kind::Parallel => self.branch_finished(&mut frame, &mut fanout, slot, result, last),
            Kind::Map(_) => {
                self.iteration_finished(parent, &mut frame, &mut fanout, slot, result, last)
            }
        };
        frame.step = match joined {
            Some(result) => {
                let running: Vec<FrameId> = fanout.running.drain().collect();
                self.abort_children(&running);
                self.runnable.push_back(parent);
                Step::Joined(result)
            }
            None => Step::Fanout(fanout),
        };
        self.frames[parent] = Some(frame);
    }

    fn branch_finished(
        &mut self,
        frame: &mut Frame,
        fanout: &mut Fanout,
        slot: usize,
        result: Result<Value, Failure>,
        last: u64,
    ) -> Option<Result<Value, Failure>> {
        match result {
            Ok(output) => {
                fanout.results[slot] = output;
                if !fanout.running.is_empty() {
                    return None;
                }
                // Both the closing event and the Exited that follows point at the last branch event.
                self.emit(last, EventKind::ParallelStateSucceeded);
                frame.last = last;
                Some(Ok(Value::Array(std::mem::take(&mut fanout.results))))
            }
            Err(failure) => {
                frame.last = self.emit(last, EventKind::ParallelStateFailed);
                Some(Err(failure))
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
    ) -> Option<Result<Value, Failure>> {
        let Kind::Map(run) = &mut fanout.kind else {
            return None;
        };
        let name = run.name.clone();
        let closing = match result {
            Ok(output) => {
                fanout.results[slot] = output;
                let event = EventKind::MapIteration {
                    phase: IterationPhase::Succeeded,
                    name,
                    index: slot,
                };
                let id = self.emit(last, event);
                run.pointer = last;
                id
            }
            Err(failure) => {
                run.failures += 1;
                let event = EventKind::MapIteration {
                    phase: IterationPhase::Failed,
                    name,
                    index: slot,
                };
                self.emit(last, event);
                if !run.tolerates(fanout.results.len()) {
                    frame.last = self.emit(last, EventKind::MapStateFailed);
                    let failure = if run.has_tolerance() {
                        Failure::new(
                            "States.ExceedToleratedFailureThreshold",
                            "The specified tolerated failure threshold was exceeded",
                        )
                    } else {
                        failure
                    };
                    return Some(Err(failure));
                }
                fanout.results[slot] = error_output(&failure.error, &failure.cause);
                run.pointer = last;
                last
            }
        };
        let done = run.next >= run.items.len() && fanout.running.is_empty();
        if !done {
            if let Err(failure) = self.launch_iterations(parent, fanout) {
                return Some(Err(failure));
            }
            return None;
        }
        // Both the closing event and the Exited that follows point at the last iteration event.
        self.emit(closing, EventKind::MapStateSucceeded);
        frame.last = closing;
        Some(Ok(Value::Array(std::mem::take(&mut fanout.results))))
    }

    /// Removes running children and everything below them; their answers are then ignored.
    fn abort_children(&mut self, children: &[FrameId]) {
        for &child in children {
            let Some(frame) = self.frames.get_mut(child).and_then(Option::take) else {
                continue;
            };
            self.free.push(child);
            if let Step::Fanout(fanout) = frame.step {
                let running: Vec<FrameId> = fanout.running.into_iter().collect();
                self.abort_children(&running);
            }
        }
    }
}

impl MapRun {
    fn has_tolerance(&self) -> bool {
        self.tolerated_count.is_some() || self.tolerated_percentage.is_some()
    }

    /// Whether the failures so far stay within the tolerated count or percentage.
    fn tolerates(&self, total: usize) -> bool {
        let by_count = self.tolerated_count.is_some_and(|n| self.failures <= n);
        let by_percentage = self
            .tolerated_percentage
            .is_some_and(|p| total > 0 && (self.failures as f64) * 100.0 / (total as f64) <= p);
        by_count || by_percentage
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}
