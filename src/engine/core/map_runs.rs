//! Distributed Map runs as the API shows them. Each iteration of a Distributed Map is a child
//! execution with its own ARN and history, and the run itself is a record with live counts. The
//! children's frames run in this core like any others; this module gives them their identity,
//! routes their events to their own histories and reports starts, events and ends as
//! [`Report`]s, which the driver turns into records.

use super::redrive::{ChildPoint, RedrivePoint, RunPoint, redriven_context};
use super::{Core, ExecutionInfo, FrameId, Outcome, base_context, error_details};
use crate::asl::definition::{ExecutionType, Map};
use crate::asl::errors::Failure;
use crate::asl::rendered::RenderedDefinition;
use crate::engine::history::{ErrorDetails, EventKind, HistoryEvent};
use serde_json::Value;
use std::sync::Arc;
use time::OffsetDateTime;

/// Index of a Map Run child execution within its core.
pub(super) type ChildId = usize;

/// Where a frame's events are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sink {
    /// The execution's own history.
    History,
    /// The history of a Map Run's child execution.
    Child(ChildId),
    /// Nowhere: a Distributed Map's iterations when the execution keeps no records (express
    /// executions), and the Map iteration events of Distributed Maps, which AWS does not record.
    Nowhere,
}

/// The `Execution` and `StateMachine` members of an execution's context object.
#[derive(Debug)]
pub(super) struct Identity {
    execution: Value,
    state_machine: Value,
}

/// A Map Run child execution in progress.
#[derive(Debug)]
pub(super) struct Child {
    execution_arn: Arc<str>,
    /// Who it is, for a redrive of it.
    info: Arc<ExecutionInfo>,
    /// How many times it has been redriven.
    redrive_count: u32,
    /// Its own `$$.Execution` and `$$.StateMachine`, while another's are in the context.
    identity: Option<Identity>,
    /// The id of the last event of its history.
    last_id: u64,
    /// Whether its history is kept: express children keep none, as on AWS.
    record: bool,
    /// The error and cause of the StopExecution that is stopping it.
    stopped: Option<ErrorDetails>,
    /// The frame that runs its item processor.
    root: FrameId,
}

/// The settings a Map Run runs its children by; UpdateMapRun changes them while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct MapRunLimits {
    /// Most children running at once; 0 is no limit.
    pub max_concurrency: u64,
    /// Most failed children tolerated; `None` when no tolerance was set.
    pub tolerated_failure_count: Option<u64>,
    /// Largest share of failed children tolerated, in percent; `None` when not set.
    pub tolerated_failure_percentage: Option<f64>,
}

/// UpdateMapRun's changes to a running Map Run; absent members stay as they are.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MapRunUpdate {
    /// New `maxConcurrency`, for children not yet started.
    pub max_concurrency: Option<u64>,
    /// New `toleratedFailureCount`.
    pub tolerated_failure_count: Option<u64>,
    /// New `toleratedFailurePercentage`.
    pub tolerated_failure_percentage: Option<f64>,
}

impl MapRunLimits {
    /// The limits after `update`.
    pub fn updated(self, update: MapRunUpdate) -> MapRunLimits {
        MapRunLimits {
            max_concurrency: update.max_concurrency.unwrap_or(self.max_concurrency),
            tolerated_failure_count: update
                .tolerated_failure_count
                .or(self.tolerated_failure_count),
            tolerated_failure_percentage: update
                .tolerated_failure_percentage
                .or(self.tolerated_failure_percentage),
        }
    }

    /// Whether any failure tolerance is set (then exceeding it fails the run with
    /// `States.ExceedToleratedFailureThreshold` rather than the child's error).
    pub(super) fn has_tolerance(&self) -> bool {
        self.tolerated_failure_count.is_some() || self.tolerated_failure_percentage.is_some()
    }

    /// Whether `failures` failed items out of `total` items stay within the tolerated count or
    /// percentage (without an ItemBatcher, each child is one item).
    pub(super) fn tolerates(&self, failures: u64, total: usize) -> bool {
        let by_count = self.tolerated_failure_count.is_some_and(|n| failures <= n);
        let by_percentage = self
            .tolerated_failure_percentage
            .is_some_and(|p| total > 0 && (failures as f64) * 100.0 / (total as f64) <= p);
        by_count || by_percentage
    }
}

/// How a Map Run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MapRunStatus {
    /// Every child succeeded, or the failures stayed within tolerance.
    Succeeded,
    /// Too many children failed, or the run could not start its children.
    Failed,
    /// Its execution was stopped or ended, or its Map state was abandoned.
    Aborted,
}

/// A Map Run that started.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapRunStart {
    /// `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`.
    pub map_run_arn: Arc<str>,
    /// The execution whose Map state started it (a child execution, for nested runs).
    pub execution_arn: Arc<str>,
    /// The Map state's `Label`, or its name.
    pub label: String,
    /// `<stateMachineArn>/<label>`, the sub-workflow its children run.
    pub state_machine_arn: Arc<str>,
    /// How many items it processes.
    pub items: usize,
    /// How many child executions process them: one per item, or per batch with an
    /// ItemBatcher.
    pub children: usize,
    /// Its settings as the Map state gave them.
    pub limits: MapRunLimits,
    /// Whether its children are express executions (`ProcessorConfig.ExecutionType`).
    pub express: bool,
    /// The item processor as written: the definition its children run.
    pub definition: RenderedDefinition,
    /// When it started.
    pub start_time: OffsetDateTime,
}

/// What the core tells the outside world about Map Runs and their child executions, for the
/// records DescribeMapRun, ListMapRuns and the execution operations answer from.
#[derive(Debug, Clone)]
pub enum Report {
    /// A Distributed Map started a Map Run.
    MapRunStarted(Box<MapRunStart>),
    /// A redrive of its execution redrove a Map Run that had ended: it runs again.
    MapRunRedriven {
        /// Its ARN.
        map_run_arn: Arc<str>,
        /// How many times it has been redriven, this one included.
        redrive_count: u32,
        /// When.
        time: OffsetDateTime,
    },
    /// A Map Run ended.
    MapRunEnded {
        /// Its ARN.
        map_run_arn: Arc<str>,
        /// How.
        status: MapRunStatus,
        /// When.
        time: OffsetDateTime,
    },
    /// A Map Run started a child execution.
    ChildStarted {
        /// The run it belongs to.
        map_run_arn: Arc<str>,
        /// Who it is: its ARN, name, input and start time.
        info: Arc<ExecutionInfo>,
        /// How many items it processes (its batch's, with an ItemBatcher).
        items: usize,
    },
    /// A Map Run redrove a child execution that had failed or been aborted: it runs again.
    ChildRedriven {
        /// The child.
        execution_arn: Arc<str>,
        /// When.
        time: OffsetDateTime,
    },
    /// An event of a child execution's history.
    ChildEvent {
        /// The child.
        execution_arn: Arc<str>,
        /// The event.
        event: HistoryEvent,
    },
    /// A child execution ended.
    ChildEnded {
        /// The child.
        execution_arn: Arc<str>,
        /// How.
        outcome: Outcome,
        /// When.
        time: OffsetDateTime,
    },
}

/// What a Distributed Map's children are, when the execution keeps records of its Map Runs.
#[derive(Debug)]
pub(super) struct RunIdentity {
    /// The run's ARN.
    pub(super) arn: Arc<str>,
    /// The Map state's label.
    label: String,
    /// How many times it has been redriven.
    redrive_count: u32,
    /// `<stateMachineArn>/<label>`.
    machine_arn: Arc<str>,
    /// `<machine>/<label>`, the part of child ARNs before their name.
    child_path: String,
    /// Whether the children are express executions.
    express: bool,
    /// Whether each child processes a batch of items (`{"Items": [...]}`) rather than one.
    batched: bool,
}

impl RunIdentity {
    /// The run as a redrive of its execution needs it.
    pub(super) fn run_point(&self) -> RunPoint {
        RunPoint {
            arn: self.arn.clone(),
            label: self.label.clone(),
            redrive_count: self.redrive_count,
        }
    }
}

impl Core {
    /// Records that `map`, run by `frame` (whose events go to `sink`), started the Map Run
    /// `run` over `items` items processed by `children` children, or (when the run has a
    /// redrive count) redrove it; `None` when the execution keeps no records (express
    /// executions).
    pub(super) fn open_map_run(
        &mut self,
        (frame, sink): (FrameId, Sink),
        map: &Map,
        run: RunPoint,
        (items, children): (usize, usize),
        limits: MapRunLimits,
    ) -> Option<Box<RunIdentity>> {
        let RunPoint {
            arn: map_run_arn,
            label,
            redrive_count,
        } = run;
        let express = map.processor.execution_type == Some(ExecutionType::Express);
        let execution_arn: Arc<str> = match sink {
            _ if !self.record => return None,
            Sink::Nowhere => return None,
            Sink::History => self.info.execution_arn.as_str().into(),
            Sink::Child(child) => self.children.get(child)?.as_ref()?.execution_arn.clone(),
        };
        let machine_arn: Arc<str> = format!("{}/{label}", self.info.state_machine_arn).into();
        let identity = RunIdentity {
            arn: map_run_arn.clone(),
            label: label.clone(),
            redrive_count,
            machine_arn: machine_arn.clone(),
            child_path: format!("{}/{label}", self.info.state_machine_name),
            express,
            batched: map.item_batcher.is_some(),
        };
        self.map_runs.insert(map_run_arn.clone(), frame);
        if redrive_count > 0 {
            self.reports.push(Report::MapRunRedriven {
                map_run_arn,
                redrive_count,
                time: self.now,
            });
            return Some(Box::new(identity));
        }
        self.reports
            .push(Report::MapRunStarted(Box::new(MapRunStart {
                map_run_arn,
                execution_arn,
                label,
                state_machine_arn: machine_arn,
                items,
                children,
                limits,
                express,
                // Only Distributed Maps open runs, and they always have one.
                definition: (map.processor.definition.clone())
                    .unwrap_or_else(|| RenderedDefinition::new("{}")),
                start_time: self.now,
            })));
        Some(Box::new(identity))
    }

    /// Records that a Map Run ended, once.
    pub(super) fn close_map_run(&mut self, identity: &RunIdentity, status: MapRunStatus) {
        if self.map_runs.remove(&identity.arn).is_some() {
            self.reports.push(Report::MapRunEnded {
                map_run_arn: identity.arn.clone(),
                status,
                time: self.now,
            });
        }
    }

    /// Starts a child execution of a Map Run with `input`: mints its ARN, reports it and
    /// records its `ExecutionStarted`. The caller sets the frame that runs it.
    pub(super) fn start_child(&mut self, identity: &RunIdentity, input: &Value) -> ChildId {
        let name = uuid::Uuid::new_v4().to_string();
        let prefix = self
            .info
            .state_machine_arn
            .split(":stateMachine:")
            .next()
            .unwrap_or_default();
        let execution_arn =
            crate::aws::arn::execution(prefix, &identity.child_path, &name, identity.express);
        let info = ExecutionInfo {
            execution_arn,
            name,
            state_machine_arn: identity.machine_arn.to_string(),
            state_machine_name: self.info.state_machine_name.clone(),
            role_arn: self.info.role_arn.clone(),
            region: self.info.region.clone(),
            input: input.clone(),
            start_time: self.now,
            alias_arn: None,
            version_arn: None,
            express: identity.express,
        };
        let info = Arc::new(info);
        let mut context = base_context(&info);
        let id = self.add_child(Child {
            execution_arn: info.execution_arn.as_str().into(),
            info: info.clone(),
            redrive_count: 0,
            identity: Some(Identity {
                execution: context["Execution"].take(),
                state_machine: context["StateMachine"].take(),
            }),
            last_id: 0,
            record: !identity.express,
            stopped: None,
            root: FrameId::MAX,
        });
        let items = match identity.batched {
            true => input["Items"].as_array().map_or(0, Vec::len),
            false => 1,
        };
        self.reports.push(Report::ChildStarted {
            map_run_arn: identity.arn.clone(),
            info,
            items,
        });
        let started = EventKind::ExecutionStarted {
            input: self.text(input),
            role_arn: self.info.role_arn.clone(),
            alias_arn: None,
            version_arn: None,
        };
        self.emit_child(id, 0, started);
        id
    }

    /// Redrives a standard child of the run `identity` that stopped at `child`: it takes its
    /// execution back (same ARN, `ExecutionRedriven` after its last event, `RedriveCount` in its
    /// context). Returns it, its `ExecutionRedriven` event and where its processor resumes.
    pub(super) fn redrive_child(
        &mut self,
        identity: &RunIdentity,
        child: ChildPoint,
    ) -> (ChildId, u64, RedrivePoint) {
        let redrive_count = child.redrive_count + 1;
        let mut context = redriven_context(&child.info, redrive_count, self.now);
        let execution_arn: Arc<str> = child.info.execution_arn.as_str().into();
        let id = self.add_child(Child {
            execution_arn: execution_arn.clone(),
            info: child.info,
            redrive_count,
            identity: Some(Identity {
                execution: context["Execution"].take(),
                state_machine: context["StateMachine"].take(),
            }),
            last_id: child.last_id,
            record: !identity.express,
            stopped: None,
            root: FrameId::MAX,
        });
        self.reports.push(Report::ChildRedriven {
            execution_arn,
            time: self.now,
        });
        let redriven = EventKind::ExecutionRedriven { redrive_count };
        let last = self.emit_child(id, child.last_id, redriven);
        (id, last, child.point)
    }

    fn add_child(&mut self, child: Child) -> ChildId {
        match self.free_children.pop() {
            Some(free) => {
                self.children[free] = Some(child);
                free
            }
            None => {
                self.children.push(Some(child));
                self.children.len() - 1
            }
        }
    }

    /// A standard child's identity, last event id and redrive count, for a redrive of it;
    /// `None` for express children, which are not redriven.
    pub(super) fn child_identity(&self, child: ChildId) -> Option<(Arc<ExecutionInfo>, u64, u32)> {
        let child = self.children.get(child)?.as_ref()?;
        child
            .record
            .then(|| (child.info.clone(), child.last_id, child.redrive_count))
    }

    /// Sets the frame that runs a child's item processor.
    pub(super) fn set_child_root(&mut self, child: ChildId, frame: FrameId) {
        if let Some(Some(child)) = self.children.get_mut(child) {
            child.root = frame;
        }
    }

    /// Whether `frame` runs the item processor of `child` (rather than a branch inside it).
    pub(super) fn is_child_root(&self, child: ChildId, frame: FrameId) -> bool {
        matches!(self.children.get(child), Some(Some(c)) if c.root == frame)
    }

    /// A child's item processor finished with `result`; `last` is its last event.
    pub(super) fn end_child(&mut self, child: ChildId, result: &Result<Value, Failure>, last: u64) {
        let (outcome, event) = match result {
            Ok(output) => (
                Outcome::Succeeded(output.clone()),
                EventKind::ExecutionSucceeded {
                    output: self.text(output),
                },
            ),
            Err(failure) => {
                let details = error_details(failure.clone());
                (
                    Outcome::Failed(details.clone()),
                    EventKind::ExecutionFailed(details),
                )
            }
        };
        self.emit_child(child, last, event);
        self.release_child(child, outcome);
    }

    /// A child was stopped before its item processor finished: by StopExecution, or because
    /// its run failed or was aborted, or its execution ended.
    pub(super) fn abort_child(&mut self, child: ChildId) {
        let Some(Some(stopping)) = self.children.get_mut(child) else {
            return;
        };
        let last = stopping.last_id;
        let details = stopping.stopped.take().unwrap_or_default();
        self.emit_child(child, last, EventKind::ExecutionAborted(details.clone()));
        self.release_child(child, Outcome::Aborted(details));
    }

    /// StopExecution on a running child: it ends ABORTED with `details`, and its Map counts it
    /// as a failed item (its error and cause are the stop's), which may fail the run.
    pub fn stop_child(&mut self, execution_arn: &str, details: ErrorDetails) {
        let found = self.children.iter_mut().find_map(|child| {
            child
                .as_mut()
                .filter(|child| *child.execution_arn == *execution_arn)
        });
        let Some(stopping) = found else {
            return;
        };
        stopping.stopped = Some(details.clone());
        let root = stopping.root;
        let Some(parent) = self
            .frames
            .get(root)
            .and_then(Option::as_ref)
            .and_then(|f| f.parent)
        else {
            return;
        };
        let point = match self.frames.get(root).and_then(Option::as_ref) {
            Some(frame) if !self.info.express => Some(self.slot_of(root, frame)),
            _ => None,
        };
        // Its frames stop as they would if its run failed; that also ends the child.
        self.abort_children(&[root], None);
        let failure = Failure::new(
            details.error.unwrap_or_default(),
            details.cause.unwrap_or_default(),
        );
        let ended = super::fanout::Ended {
            result: Err(failure),
            last: 0,
            in_flight: None,
            sink: Sink::Nowhere,
            point,
        };
        self.child_finished(root, parent, ended);
    }

    fn release_child(&mut self, child: ChildId, outcome: Outcome) {
        let Some(ended) = self.children.get_mut(child).and_then(Option::take) else {
            return;
        };
        self.free_children.push(child);
        // Its slot may go to a new child: the context no longer holds a live child's identity.
        if self.scope == Sink::Child(child) {
            self.scope = Sink::Nowhere;
        }
        self.reports.push(Report::ChildEnded {
            execution_arn: ended.execution_arn,
            outcome,
            time: self.now,
        });
    }

    /// The execution ended early (stopped, timed out): its running children are aborted, and
    /// so are its open Map Runs.
    pub(super) fn abort_map_runs(&mut self) {
        for child in 0..self.children.len() {
            self.abort_child(child);
        }
        let time = self.now;
        let open: Vec<Arc<str>> = self.map_runs.drain().map(|(arn, _)| arn).collect();
        self.reports
            .extend(open.into_iter().map(|map_run_arn| Report::MapRunEnded {
                map_run_arn,
                status: MapRunStatus::Aborted,
                time,
            }));
    }

    /// Records an event in a child's history; its id there.
    pub(super) fn emit_child(&mut self, child: ChildId, previous: u64, kind: EventKind) -> u64 {
        let Some(Some(child)) = self.children.get_mut(child) else {
            return previous;
        };
        child.last_id += 1;
        if child.record {
            let event = HistoryEvent {
                id: child.last_id,
                previous_event_id: previous,
                timestamp: self.now,
                kind,
            };
            self.reports.push(Report::ChildEvent {
                execution_arn: child.execution_arn.clone(),
                event,
            });
        }
        child.last_id
    }

    /// The Map Run reports since the last call.
    pub fn take_reports(&mut self) -> Vec<Report> {
        std::mem::take(&mut self.reports)
    }

    /// Makes the context object show the execution whose events go to `sink`: a child of a
    /// Map Run sees its own `$$.Execution` and `$$.StateMachine`, as on AWS.
    #[inline]
    pub(super) fn enter(&mut self, sink: Sink) {
        if sink != self.scope && sink != Sink::Nowhere {
            self.switch_scope(sink);
        }
    }

    /// [`Core::enter`]'s work, when the scope changes.
    fn switch_scope(&mut self, sink: Sink) {
        let active = Identity {
            execution: self.context["Execution"].take(),
            state_machine: self.context["StateMachine"].take(),
        };
        match self.scope {
            Sink::History => self.parked = Some(active),
            Sink::Child(child) => {
                if let Some(Some(child)) = self.children.get_mut(child) {
                    child.identity = Some(active);
                }
            }
            Sink::Nowhere => {}
        }
        let incoming = match sink {
            Sink::Child(child) => self
                .children
                .get_mut(child)
                .and_then(Option::as_mut)
                .and_then(|child| child.identity.take()),
            _ => self.parked.take(),
        };
        if let Some(identity) = incoming {
            self.context["Execution"] = identity.execution;
            self.context["StateMachine"] = identity.state_machine;
        }
        self.scope = sink;
    }
}
