//! Executions as the API sees them: the record of each one (status, output, history), the
//! records of Distributed Map runs and their child executions, and the async driver that runs
//! a [`Core`], performs its effects and applies StopExecution and UpdateMapRun.

use super::callbacks::{Callbacks, Waiter};
use super::core::{
    Core, Effect, ExecutionInfo, MapRunLimits, MapRunStart, MapRunStatus, MapRunUpdate, Outcome,
    RedrivePoint, Report, Wake,
};
use super::express::ExpressRuns;
use super::history::{ErrorDetails, HistoryEvent};
use super::retention::{Finished, Retention};
use super::workers::Workers;
use crate::asl::definition::{Definition, Resource, ResourceKind};
use crate::asl::errors::Failure;
use crate::asl::rendered::{RenderedDefinition, raw_json};
use crate::clock::{Clock, Deadline};
use crate::integrations::Integrations;
use crate::integrations::mock_config::{MockedRun, TestCase};
use serde_json::Value;
use serde_json::value::RawValue;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot, watch};

/// An execution's status, as DescribeExecution reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Still running.
    Running,
    /// Finished successfully.
    Succeeded,
    /// A state failed.
    Failed,
    /// Its time limit ran out.
    TimedOut,
    /// StopExecution stopped it.
    Aborted,
}

impl Status {
    /// The wire name, e.g. `SUCCEEDED`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Running => "RUNNING",
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
        }
    }
}

/// The definition and settings an execution runs with (for DescribeStateMachineForExecution).
#[derive(Debug, Clone)]
pub struct RunSpec {
    /// The parsed definition.
    pub definition: Arc<Definition>,
    /// The definition as DescribeStateMachineForExecution shows it.
    pub rendered: RenderedDefinition,
    /// The revision's id, if it has one.
    pub revision_id: Option<String>,
    /// When that revision was made.
    pub update_date: OffsetDateTime,
    /// Whether history is kept (standard executions).
    pub record_history: bool,
    /// The mock configuration's test case the execution was started with
    /// (`<stateMachineArn>#<TestCase>`): its mocked Task states never call their integration.
    pub test_case: Option<Arc<TestCase>>,
}

/// What a listing shows of an execution that can change once it has started.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Listed {
    status: Status,
    stop_date: Option<OffsetDateTime>,
    redrive_count: u32,
    redrive_date: Option<OffsetDateTime>,
    items: usize,
}

/// Everything known about one standard execution.
#[derive(Debug)]
pub struct Record {
    /// Who and what it is.
    pub info: Arc<ExecutionInfo>,
    /// The input exactly as given.
    pub input_text: String,
    /// What it runs.
    pub spec: RunSpec,
    /// Current status.
    pub status: Status,
    /// When it ended.
    pub stop_date: Option<OffsetDateTime>,
    /// Output, when it succeeded.
    pub output: Option<Value>,
    /// Error and cause, when it failed, timed out or was stopped.
    pub error: ErrorDetails,
    /// Its history so far.
    pub history: Vec<HistoryEvent>,
    /// The first events of `history` in their wire form, rendered when first asked for.
    wire_history: Vec<Arc<RawValue>>,
    /// The execution as a listing last showed it, with the state it showed.
    listed: Option<(Listed, Arc<RawValue>)>,
    /// How many times RedriveExecution restarted it.
    pub redrive_count: u32,
    /// When it was last redriven.
    pub redrive_date: Option<OffsetDateTime>,
    /// Where it stopped, while it can be redriven.
    redrive_point: Option<RedrivePoint>,
    /// The client tokens of recent redrives, with the redrive each one made.
    redrive_tokens: Vec<(String, OffsetDateTime)>,
    /// The Map Run that started it, for a Distributed Map's child execution.
    pub map_run: Option<Arc<str>>,
    /// How many items it processes, for a Distributed Map's child execution (ListExecutions'
    /// `itemCount`): its batch's with an ItemBatcher, else one.
    pub items: usize,
    control: Option<mpsc::UnboundedSender<Control>>,
    /// Counts the changes (new history, the end), for those waiting on the execution.
    progress: watch::Sender<u64>,
}

impl Record {
    fn new(
        info: Arc<ExecutionInfo>,
        input_text: String,
        spec: RunSpec,
        map_run: Option<Arc<str>>,
        control: Option<mpsc::UnboundedSender<Control>>,
    ) -> Record {
        Record {
            info,
            input_text,
            spec,
            status: Status::Running,
            stop_date: None,
            output: None,
            error: ErrorDetails::default(),
            history: Vec::new(),
            wire_history: Vec::new(),
            listed: None,
            redrive_count: 0,
            redrive_date: None,
            redrive_point: None,
            redrive_tokens: Vec::new(),
            map_run,
            items: 1,
            control,
            progress: watch::channel(0).0,
        }
    }

    /// The history as GetExecutionHistory returns it with execution data. Each event is
    /// rendered once, when first asked for: events never change once recorded, and rendering
    /// them (escaping every input and output) is most of what answering costs.
    pub fn wire_history(&mut self) -> &[Arc<RawValue>] {
        let rendered = self.wire_history.len();
        let new = self.history[rendered..]
            .iter()
            .map(|e| raw_json(&e.to_wire(true)));
        self.wire_history.extend(new);
        &self.wire_history
    }

    /// The execution as ListExecutions shows it, made by `render` when first asked for and
    /// again whenever something a listing shows has changed since.
    pub fn listing(&mut self, render: impl FnOnce(&Record) -> Arc<RawValue>) -> Arc<RawValue> {
        let now = self.listed_state();
        match &self.listed {
            Some((then, json)) if *then == now => json.clone(),
            _ => {
                let json = render(self);
                self.listed = Some((now, json.clone()));
                json
            }
        }
    }

    fn listed_state(&self) -> Listed {
        Listed {
            status: self.status,
            stop_date: self.stop_date,
            redrive_count: self.redrive_count,
            redrive_date: self.redrive_date,
            items: self.items,
        }
    }

    /// A redrive at `now` runs the ended execution again.
    fn reopen(&mut self, now: OffsetDateTime) {
        self.redrive_count += 1;
        self.redrive_date = Some(now);
        self.status = Status::Running;
        self.stop_date = None;
        self.output = None;
        self.error = ErrorDetails::default();
    }

    /// Records how the execution ended.
    fn end(&mut self, outcome: &Outcome, now: OffsetDateTime) {
        let (status, output, error) = match outcome {
            Outcome::Succeeded(output) => (
                Status::Succeeded,
                Some(output.clone()),
                ErrorDetails::default(),
            ),
            Outcome::Failed(e) => (Status::Failed, None, e.clone()),
            Outcome::TimedOut(e) => (Status::TimedOut, None, e.clone()),
            Outcome::Aborted(e) => (Status::Aborted, None, e.clone()),
        };
        self.status = status;
        self.output = output;
        self.error = error;
        self.stop_date = Some(now);
        self.control = None;
        self.progress.send_modify(|changes| *changes += 1);
    }
}

/// A Distributed Map's run: its settings, its children's counts and how it ended.
#[derive(Debug)]
pub struct MapRunRecord {
    /// What started it: ARN, parent execution, label, item count, initial limits.
    pub start: MapRunStart,
    /// Its limits now (UpdateMapRun changes them).
    pub limits: MapRunLimits,
    /// How its children stand (DescribeMapRun's `executionCounts`).
    pub counts: ChildCounts,
    /// How the items its children process stand (`itemCounts`): with an ItemBatcher, each
    /// child's items share its status.
    pub item_counts: ChildCounts,
    /// How and when it ended, once it has.
    pub ended: Option<(MapRunStatus, OffsetDateTime)>,
    /// How many times a redrive of its execution redrove it.
    pub redrive_count: u32,
    /// When it was last redriven.
    pub redrive_date: Option<OffsetDateTime>,
    /// What its children run, for their records.
    child_spec: RunSpec,
    /// The driver of the execution it runs in, while it runs.
    control: Option<mpsc::UnboundedSender<Control>>,
}

/// How many of a Map Run's children (or of their items) have started, and how the started
/// ones stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChildCounts {
    /// Children started so far.
    pub started: u64,
    /// Started and not yet ended.
    pub running: u64,
    /// Ended successfully.
    pub succeeded: u64,
    /// Failed.
    pub failed: u64,
    /// Timed out.
    pub timed_out: u64,
    /// Stopped: by StopExecution, or because their run failed or was aborted.
    pub aborted: u64,
}

impl ChildCounts {
    /// `n` that ended with `status` run again (their child was redriven).
    fn reopened(&mut self, status: Status, n: u64) {
        let bucket = match status {
            Status::Failed => &mut self.failed,
            Status::TimedOut => &mut self.timed_out,
            Status::Aborted => &mut self.aborted,
            Status::Succeeded => &mut self.succeeded,
            Status::Running => return,
        };
        *bucket = bucket.saturating_sub(n);
        self.running += n;
    }

    /// `n` more started (a child, or a child's items).
    fn started(&mut self, n: u64) {
        self.started += n;
        self.running += n;
    }

    /// `n` of those running ended with `outcome`.
    fn ended(&mut self, outcome: &Outcome, n: u64) {
        self.running = self.running.saturating_sub(n);
        match outcome {
            Outcome::Succeeded(_) => self.succeeded += n,
            Outcome::Failed(_) => self.failed += n,
            Outcome::TimedOut(_) => self.timed_out += n,
            Outcome::Aborted(_) => self.aborted += n,
        }
    }
}

/// Why UpdateMapRun could not change a Map Run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapRunUpdateError {
    /// There is no such Map Run.
    Unknown,
    /// It has ended.
    Completed,
}

/// A finished (or running) execution, for callers that waited for it.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Execution ARN.
    pub execution_arn: String,
    /// Execution name.
    pub name: String,
    /// Its state machine.
    pub state_machine_arn: String,
    /// Status.
    pub status: Status,
    /// Input as given.
    pub input: String,
    /// Output as JSON text, when it succeeded.
    pub output: Option<String>,
    /// Error and cause, when it did not.
    pub error: ErrorDetails,
    /// When it started.
    pub start: OffsetDateTime,
    /// When it ended.
    pub stop: Option<OffsetDateTime>,
}

enum Control {
    Stop(ErrorDetails, oneshot::Sender<()>),
    StopChild(String, ErrorDetails, oneshot::Sender<()>),
    UpdateMapRun(String, MapRunUpdate),
}

/// Why RedriveExecution refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedriveError {
    /// No such execution.
    DoesNotExist,
    /// It cannot be redriven; the reason, as AWS words it.
    NotRedrivable(String),
}

/// How long after it stopped an execution can be redriven.
const REDRIVE_WINDOW: time::Duration = time::Duration::days(14);

/// How long a redrive's client token makes repeats of it return the same redrive.
const REDRIVE_TOKEN_WINDOW: time::Duration = time::Duration::minutes(15);

/// How many client tokens an execution remembers.
const REDRIVE_TOKENS: usize = 10;

/// A history this long cannot grow by a redrive (AWS's 25,000-event limit, less room).
const REDRIVE_MAX_EVENTS: usize = 24_999;

impl Record {
    /// Why the execution cannot be redriven now, or `None` when it can.
    pub fn not_redrivable(&self, now: OffsetDateTime) -> Option<String> {
        match self.status {
            Status::Running | Status::Succeeded => Some(format!(
                "Execution is {} and cannot be redriven",
                self.status.name()
            )),
            _ if self
                .stop_date
                .is_some_and(|stopped| now - stopped > REDRIVE_WINDOW) =>
            {
                Some("Execution stopped more than 14 days ago and cannot be redriven".into())
            }
            _ if self.history.len() >= REDRIVE_MAX_EVENTS => {
                Some("Execution history has reached its event limit and cannot be redriven".into())
            }
            _ if self.redrive_point.is_none() => {
                Some("Execution has no state to redrive from".into())
            }
            _ => None,
        }
    }
}

/// All standard executions, by ARN, and the clock they run on.
#[derive(Debug)]
pub struct Executions {
    clock: Clock,
    callbacks: Arc<Callbacks>,
    integrations: Arc<Integrations>,
    records: Mutex<HashMap<String, Record>>,
    map_runs: Mutex<HashMap<String, MapRunRecord>>,
    workers: Workers,
    finished: Mutex<Finished>,
    express: Arc<ExpressRuns>,
}

impl Executions {
    /// No executions yet; Task states call `integrations`.
    pub fn new(clock: Clock, integrations: Arc<Integrations>) -> Self {
        Executions {
            clock,
            callbacks: Arc::new(Callbacks::default()),
            integrations,
            records: Mutex::new(HashMap::new()),
            map_runs: Mutex::new(HashMap::new()),
            workers: Workers::default(),
            finished: Mutex::new(Finished::default()),
            express: Arc::default(),
        }
    }

    /// Keeps finished executions as `retention` says from now on.
    pub fn set_retention(&self, retention: Retention) {
        self.finished().set_retention(retention);
    }

    fn finished(&self) -> MutexGuard<'_, Finished> {
        self.finished
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The threads executions run on.
    pub fn workers(&self) -> &Workers {
        &self.workers
    }

    /// The engine's clock.
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// The express executions started in the background.
    pub fn express(&self) -> &Arc<ExpressRuns> {
        &self.express
    }

    /// The tasks waiting for task tokens, and the activity queues.
    pub fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }

    /// The records, locked. Never held across an await.
    pub fn lock(&self) -> MutexGuard<'_, HashMap<String, Record>> {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The Map Run records by ARN, locked. Never held across an await; when both are held,
    /// taken after [`Executions::lock`].
    pub fn map_runs(&self) -> MutexGuard<'_, HashMap<String, MapRunRecord>> {
        self.map_runs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a standard execution in the background and records it.
    pub fn start(self: &Arc<Self>, info: Arc<ExecutionInfo>, input_text: String, spec: RunSpec) {
        let (control, commands) = mpsc::unbounded_channel();
        let arn = info.execution_arn.clone();
        let core = Core::start(spec.definition.clone(), info.clone(), spec.record_history);
        let mocks = spec.test_case.clone().map(MockedRun::new);
        super::log::started(&info, "standard");
        let record = Record::new(info, input_text, spec, None, Some(control));
        self.lock().insert(arn.clone(), record);
        self.run(arn, core, mocks, commands);
    }

    /// RedriveExecution: restarts a failed, timed-out or stopped execution at the state it
    /// stopped in and returns the redrive's date. A repeated `client_token` (within 15
    /// minutes) returns the redrive it made instead of redriving again.
    pub fn redrive(
        self: &Arc<Self>,
        arn: &str,
        client_token: Option<&str>,
    ) -> Result<OffsetDateTime, RedriveError> {
        let now = self.clock.now();
        let mut records = self.lock();
        let record = records.get_mut(arn).ok_or(RedriveError::DoesNotExist)?;
        if let Some(token) = client_token
            && let Some((_, date)) = record
                .redrive_tokens
                .iter()
                .find(|(t, date)| t == token && now - *date <= REDRIVE_TOKEN_WINDOW)
        {
            return Ok(*date);
        }
        if let Some(reason) = record.not_redrivable(now) {
            return Err(RedriveError::NotRedrivable(reason));
        }
        let point = record.redrive_point.take().ok_or_else(|| {
            RedriveError::NotRedrivable("Execution has no state to redrive from".into())
        })?;
        let (control, commands) = mpsc::unbounded_channel();
        record.reopen(now);
        if let Some(token) = client_token {
            if record.redrive_tokens.len() == REDRIVE_TOKENS {
                record.redrive_tokens.remove(0);
            }
            record.redrive_tokens.push((token.to_owned(), now));
        }
        record.control = Some(control);
        let last_event = record.history.last().map_or(0, |event| event.id);
        let core = Core::redrive(
            record.spec.definition.clone(),
            record.info.clone(),
            point,
            last_event,
            record.redrive_count,
            now,
        );
        let mocks = record.spec.test_case.clone().map(MockedRun::new);
        drop(records);
        tracing::info!(execution_arn = arn, "execution redriven");
        self.run(arn.to_owned(), core, mocks, commands);
        Ok(now)
    }

    /// Drives `core` in the background, publishing its progress to the record `arn`.
    fn run(
        self: &Arc<Self>,
        arn: String,
        core: Core,
        mocks: Option<MockedRun>,
        commands: mpsc::UnboundedReceiver<Control>,
    ) {
        let executions = self.clone();
        self.workers.spawn(async move {
            let shell = Shell {
                clock: executions.clock.clone(),
                callbacks: executions.callbacks.clone(),
                integrations: executions.integrations.clone(),
                execution_arn: arn.clone(),
                mocks,
                running: Running::default(),
            };
            drive(core, shell, commands, |core, now| {
                executions.publish(&arn, core, now);
            })
            .await;
        });
    }

    /// Moves the core's new history (and its end, once it has ended) to the record, and its
    /// Map Run reports to the Map Run and child execution records.
    fn publish(&self, arn: &str, core: &mut Core, now: OffsetDateTime) {
        let history = core.take_history();
        let reports = core.take_reports();
        let redrive_point = core.take_redrive_point();
        let outcome = core.outcome();
        let mut records = self.lock();
        let Some(record) = records.get_mut(arn) else {
            return;
        };
        // The driver's channel, for the Map Runs this publication starts.
        let control = record.control.clone();
        if !history.is_empty() {
            record.history.extend(history);
            record.progress.send_modify(|changes| *changes += 1);
        }
        if let Some(outcome) = outcome {
            record.redrive_point = redrive_point;
            record.end(outcome, now);
            super::log::ended(&record.info, record.status, &record.error, now);
        }
        let ended = outcome.is_some() && record.map_run.is_none();
        if !reports.is_empty() {
            self.record_map_runs(&mut records, reports, control);
        }
        if ended {
            self.finished().ended(arn, now);
            self.evict(&mut records, now);
        }
    }

    /// Forgets the finished executions [`Retention`] no longer keeps, with their Map Runs and
    /// those runs' child executions.
    fn evict(&self, records: &mut HashMap<String, Record>, now: OffsetDateTime) {
        let expired = self.finished().expired(now);
        for (arn, ended) in expired {
            let still_ended = records
                .get(&arn)
                .is_some_and(|r| r.stop_date == Some(ended) && r.status != Status::Running);
            if still_ended {
                records.remove(&arn);
                self.evict_map_runs_of(records, &arn);
            }
        }
    }

    fn evict_map_runs_of(&self, records: &mut HashMap<String, Record>, execution_arn: &str) {
        let mut map_runs = self.map_runs();
        let runs: Vec<String> = map_runs
            .iter()
            .filter(|(_, run)| &*run.start.execution_arn == execution_arn)
            .map(|(arn, _)| arn.clone())
            .collect();
        if runs.is_empty() {
            return;
        }
        for run in &runs {
            map_runs.remove(run);
        }
        records.retain(|_, r| {
            r.map_run
                .as_deref()
                .is_none_or(|m| !runs.iter().any(|r| r == m))
        });
    }

    /// Turns a core's Map Run reports into Map Run records and child execution records.
    fn record_map_runs(
        &self,
        records: &mut HashMap<String, Record>,
        reports: Vec<Report>,
        control: Option<mpsc::UnboundedSender<Control>>,
    ) {
        let mut runs = self.map_runs();
        for report in reports {
            match report {
                Report::MapRunStarted(start) => {
                    // The children's records show what they run: the item processor, of the
                    // revision their execution runs.
                    let Some(parent) = records.get(&*start.execution_arn) else {
                        continue;
                    };
                    let child_spec = RunSpec {
                        rendered: start.definition.clone(),
                        record_history: !start.express,
                        test_case: None,
                        ..parent.spec.clone()
                    };
                    let run = MapRunRecord {
                        limits: start.limits,
                        counts: ChildCounts::default(),
                        item_counts: ChildCounts::default(),
                        ended: None,
                        redrive_count: 0,
                        redrive_date: None,
                        child_spec,
                        control: control.clone(),
                        start: *start,
                    };
                    runs.insert(run.start.map_run_arn.to_string(), run);
                }
                Report::MapRunEnded {
                    map_run_arn,
                    status,
                    time,
                } => {
                    if let Some(run) = runs.get_mut(&*map_run_arn) {
                        run.ended = Some((status, time));
                        run.control = None;
                    }
                }
                Report::ChildStarted {
                    map_run_arn,
                    info,
                    items,
                } => {
                    let Some(run) = runs.get_mut(&*map_run_arn) else {
                        continue;
                    };
                    run.counts.started(1);
                    run.item_counts.started(items as u64);
                    let input_text = info.input.to_string();
                    let arn = info.execution_arn.clone();
                    let spec = run.child_spec.clone();
                    let mut record = Record::new(info, input_text, spec, Some(map_run_arn), None);
                    record.items = items;
                    records.insert(arn, record);
                }
                Report::MapRunRedriven {
                    map_run_arn,
                    redrive_count,
                    time,
                } => {
                    if let Some(run) = runs.get_mut(&*map_run_arn) {
                        run.ended = None;
                        run.control = control.clone();
                        run.redrive_count = redrive_count;
                        run.redrive_date = Some(time);
                    }
                }
                Report::ChildRedriven {
                    execution_arn,
                    time,
                } => {
                    let Some(child) = records.get_mut(&*execution_arn) else {
                        continue;
                    };
                    if let Some(run) = child.map_run.as_deref().and_then(|arn| runs.get_mut(arn)) {
                        run.counts.reopened(child.status, 1);
                        run.item_counts.reopened(child.status, child.items as u64);
                    }
                    child.reopen(time);
                    child.progress.send_modify(|changes| *changes += 1);
                }
                Report::ChildEvent {
                    execution_arn,
                    event,
                } => {
                    if let Some(child) = records.get_mut(&*execution_arn) {
                        child.history.push(event);
                        child.progress.send_modify(|changes| *changes += 1);
                    }
                }
                Report::ChildEnded {
                    execution_arn,
                    outcome,
                    time,
                } => {
                    let Some(child) = records.get_mut(&*execution_arn) else {
                        continue;
                    };
                    child.end(&outcome, time);
                    if let Some(run) = child.map_run.as_deref().and_then(|arn| runs.get_mut(arn)) {
                        run.counts.ended(&outcome, 1);
                        run.item_counts.ended(&outcome, child.items as u64);
                    }
                }
            }
        }
    }

    /// UpdateMapRun: new limits for a running Map Run, recorded at once and handed to the
    /// driver of the execution it runs in.
    pub fn update_map_run(
        &self,
        map_run_arn: &str,
        update: MapRunUpdate,
    ) -> Result<(), MapRunUpdateError> {
        let mut runs = self.map_runs();
        let run = runs
            .get_mut(map_run_arn)
            .ok_or(MapRunUpdateError::Unknown)?;
        if run.ended.is_some() {
            return Err(MapRunUpdateError::Completed);
        }
        run.limits = run.limits.updated(update);
        if let Some(control) = &run.control {
            let _ = control.send(Control::UpdateMapRun(map_run_arn.to_owned(), update));
        }
        Ok(())
    }

    /// Waits until a standard execution has ended and describes it; `None` if there is no
    /// such execution.
    pub async fn wait_until_done(&self, arn: &str) -> Option<Summary> {
        self.wait_until(arn, |record| record.status != Status::Running)
            .await?;
        let records = self.lock();
        let record = records.get(arn)?;
        Some(Summary {
            execution_arn: record.info.execution_arn.clone(),
            name: record.info.name.clone(),
            state_machine_arn: record.info.state_machine_arn.clone(),
            status: record.status,
            input: record.input_text.clone(),
            output: record.output.as_ref().map(Value::to_string),
            error: record.error.clone(),
            start: record.info.start_time,
            stop: record.stop_date,
        })
    }

    /// Tells of every change to a standard execution's record (new history, its end); `None`
    /// if there is no such execution. The sender goes when the record does (a reset).
    pub fn changes(&self, arn: &str) -> Option<watch::Receiver<u64>> {
        self.lock()
            .get(arn)
            .map(|record| record.progress.subscribe())
    }

    /// Waits until `reached` holds for a standard execution's record; `None` if there is no
    /// such execution.
    pub async fn wait_until(&self, arn: &str, reached: impl Fn(&Record) -> bool) -> Option<()> {
        // Subscribed before the first look, so no change between the two is missed.
        let mut changes = self.lock().get(arn)?.progress.subscribe();
        loop {
            if reached(self.lock().get(arn)?) {
                return Some(());
            }
            changes.changed().await.ok()?;
        }
    }

    /// StopExecution: asks the execution's driver to abort it (a Map Run's child: the driver
    /// of the execution it runs in) and waits until it has.
    pub async fn stop(&self, arn: &str, details: ErrorDetails) {
        let (done, applied) = oneshot::channel();
        let (control, command) = {
            let records = self.lock();
            let Some(record) = records.get(arn) else {
                return;
            };
            match &record.map_run {
                Some(map_run) => (
                    self.map_runs()
                        .get(&**map_run)
                        .and_then(|run| run.control.clone()),
                    Control::StopChild(arn.to_owned(), details, done),
                ),
                None => (record.control.clone(), Control::Stop(details, done)),
            }
        };
        if let Some(control) = control
            && control.send(command).is_ok()
        {
            let _ = applied.await;
        }
    }
}

/// What [`Executions::reset`] cleared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExecutionsReset {
    /// Executions forgotten (Map Run children included).
    pub executions: usize,
    /// Of those, the ones that were running and were stopped.
    pub stopped: usize,
}

impl Executions {
    /// Forgets every execution and Map Run, express ones included. The running ones are
    /// stopped first, and this waits until the standard ones' drivers have ended (cancelling
    /// their tasks), so nothing they do can reach a new execution that reuses an ARN; then
    /// every task token is forgotten.
    pub async fn reset(&self) -> ExecutionsReset {
        let records = std::mem::take(&mut *self.lock());
        self.map_runs().clear();
        self.finished().clear();
        // Map Run children have no driver of their own: their parent's stops them.
        let running: Vec<_> = records.values().filter_map(|r| r.control.clone()).collect();
        for control in &running {
            let (done, applied) = oneshot::channel();
            if control
                .send(Control::Stop(ErrorDetails::default(), done))
                .is_ok()
            {
                let _ = applied.await;
            }
        }
        self.callbacks.clear();
        let (express, express_running) = self.express.reset();
        ExecutionsReset {
            executions: records.len() + express,
            stopped: running.len() + express_running,
        }
    }
}

/// Runs an express execution to its end in the caller's task and returns how it ended; the
/// Task states `test_case` mocks are answered from it.
pub async fn run_to_end(
    core: Core,
    clock: Clock,
    integrations: Arc<Integrations>,
    test_case: Option<Arc<TestCase>>,
) -> Outcome {
    let (_control, commands) = mpsc::unbounded_channel();
    let mut outcome = None;
    // Express machines cannot wait for task tokens (validation rejects them), so the registry
    // stays empty.
    let shell = Shell {
        clock,
        callbacks: Arc::new(Callbacks::default()),
        integrations,
        execution_arn: String::new(),
        mocks: test_case.map(MockedRun::new),
        running: Running::default(),
    };
    drive(core, shell, commands, |core, _| {
        if let Some(end) = core.outcome() {
            outcome = Some(end.clone());
        }
    })
    .await;
    outcome.unwrap_or(Outcome::Failed(ErrorDetails {
        error: Some("States.Runtime".into()),
        cause: Some("The execution ended without an outcome".into()),
    }))
}

/// What a driver needs from its surroundings.
struct Shell {
    clock: Clock,
    callbacks: Arc<Callbacks>,
    integrations: Arc<Integrations>,
    execution_arn: String,
    /// The execution's test case and its invocation counts, when it runs one.
    mocks: Option<MockedRun>,
    /// The running calls that can be stopped (see [`Integrations::cancellable`]).
    running: Running,
}

/// Running calls by (frame, token). Whatever still runs when the execution's driver ends (the
/// execution stopped, failed or timed out) is stopped.
#[derive(Default)]
struct Running(HashMap<(usize, u64), tokio::task::AbortHandle>);

impl Running {
    fn cancel(&mut self, key: (usize, u64)) {
        if let Some(task) = self.0.remove(&key) {
            task.abort();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        for task in self.0.values() {
            task.abort();
        }
    }
}

/// The async shell around one [`Core`]: runs it, arms its timers, performs its tasks, hands
/// callback tasks to the registry and applies control commands until it ends; `publish`
/// takes the core's new history and outcome after every step.
async fn drive(
    mut core: Core,
    mut shell: Shell,
    mut commands: mpsc::UnboundedReceiver<Control>,
    mut publish: impl FnMut(&mut Core, OffsetDateTime),
) {
    let clock = shell.clock.clone();
    let (wakes, mut woken) = mpsc::unbounded_channel::<Wake>();
    let mut timers: BinaryHeap<Reverse<(Deadline, u64, usize)>> = BinaryHeap::new();
    let deadline = core.timeout_seconds().map(|s| clock.deadline(s as f64));
    let mut commands_open = true;
    loop {
        let effects = guarded(&mut core, &clock, |core| core.advance(clock.now()));
        publish(&mut core, clock.now());
        if core.outcome().is_some() {
            shell.callbacks.release_execution(&shell.execution_arn);
            return;
        }
        for effect in effects {
            perform(effect, &mut shell, &wakes, &mut timers);
        }
        let next_timer = timers.peek().map(|Reverse((at, _, _))| *at);
        let wake_at = [next_timer, deadline].into_iter().flatten().min();
        tokio::select! {
            Some(wake) = woken.recv() => {
                if let Wake::Task { frame, token, .. } = &wake {
                    shell.running.0.remove(&(*frame, *token));
                }
                guarded(&mut core, &clock, |core| core.wake(wake));
            }
            command = commands.recv(), if commands_open => match command {
                Some(Control::Stop(details, done)) => {
                    core.stop(details, clock.now());
                    publish(&mut core, clock.now());
                    shell.callbacks.release_execution(&shell.execution_arn);
                    let _ = done.send(());
                    return;
                }
                Some(Control::StopChild(execution_arn, details, done)) => {
                    core.stop_child(&execution_arn, details);
                    publish(&mut core, clock.now());
                    let _ = done.send(());
                }
                Some(Control::UpdateMapRun(map_run_arn, update)) => {
                    core.update_map_run(&map_run_arn, update)
                }
                None => commands_open = false,
            },
            () = clock.sleep_until(wake_at) => {
                if deadline.is_some_and(|d| clock.is_due(d)) {
                    core.time_out(clock.now());
                    continue;
                }
                while let Some(Reverse((at, token, frame))) = timers.peek().copied() {
                    if !clock.is_due(at) {
                        break;
                    }
                    timers.pop();
                    core.wake(Wake::Timer { frame, token });
                }
            }
        }
    }
}

/// Runs `step` on the core; a panic inside it fails the execution (see
/// [`Core::fail_internally`]) rather than ending the driver with the execution still RUNNING.
fn guarded<T: Default>(core: &mut Core, clock: &Clock, step: impl FnOnce(&mut Core) -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(core))) {
        Ok(value) => value,
        Err(_) => {
            tracing::error!("an execution failed on an internal error; please report it");
            core.fail_internally(clock.now());
            T::default()
        }
    }
}

/// Carries out one effect: arm a timer, start a task, queue a callback, release a token.
fn perform(
    effect: Effect,
    shell: &mut Shell,
    wakes: &mpsc::UnboundedSender<Wake>,
    timers: &mut BinaryHeap<Reverse<(Deadline, u64, usize)>>,
) {
    let waiter = |frame, token, activity_input| Waiter {
        execution_arn: shell.execution_arn.clone(),
        wakes: wakes.clone(),
        frame,
        token,
        activity_input,
    };
    match effect {
        Effect::Timer {
            frame,
            token,
            seconds,
        } => {
            timers.push(Reverse((shell.clock.deadline(seconds), token, frame)));
        }
        Effect::Task {
            frame,
            token,
            resource,
            parameters,
            task_token,
            state,
        } => {
            let mocked = shell
                .mocks
                .as_mut()
                .and_then(|mocks| mocks.invoke(&state, &resource));
            if let Some(result) = mocked {
                // A mocked task never reaches its service. For `.waitForTaskToken` the mocked
                // result is the callback's answer (Step Functions Local), so no token is
                // registered and the task completes at once; a mocked activity task is taken
                // by a (nameless) worker at once.
                if let ResourceKind::Activity = resource.kind {
                    let _ = wakes.send(Wake::Started {
                        frame,
                        token,
                        worker_name: None,
                    });
                }
                let _ = wakes.send(Wake::Task {
                    frame,
                    token,
                    result,
                });
                return;
            }
            if let ResourceKind::Activity = resource.kind {
                return schedule_activity(
                    shell, wakes, frame, token, &resource, parameters, task_token,
                );
            }
            let callback = task_token.is_some();
            if let Some(task_token) = task_token {
                shell
                    .callbacks
                    .register(task_token, None, waiter(frame, token, None));
            }
            let cancellable = shell.integrations.cancellable(&resource);
            let wakes = wakes.clone();
            let integrations = shell.integrations.clone();
            let task = tokio::spawn(async move {
                let report = wakes.clone();
                let submitted = move |output| {
                    let _ = report.send(Wake::Submitted {
                        frame,
                        token,
                        output,
                    });
                };
                let wake = match integrations.invoke(&resource, &parameters, submitted).await {
                    Ok(output) if callback => Wake::Submitted {
                        frame,
                        token,
                        output,
                    },
                    result => Wake::Task {
                        frame,
                        token,
                        result,
                    },
                };
                let _ = wakes.send(wake);
            });
            if cancellable {
                shell.running.0.insert((frame, token), task.abort_handle());
            }
        }
        Effect::Cancel { frame, token } => shell.running.cancel((frame, token)),
        Effect::Release { task_token } => shell.callbacks.release(&task_token),
    }
}

/// Offers an activity task to the activity's workers, or refuses it when the activity does
/// not exist (it was never created, or was deleted since the state machine was).
fn schedule_activity(
    shell: &Shell,
    wakes: &mpsc::UnboundedSender<Wake>,
    frame: usize,
    token: u64,
    resource: &Resource,
    input: Value,
    task_token: Option<String>,
) {
    if !shell.integrations.activity_exists(&resource.arn) {
        let failure = Failure::runtime(format!("The activity {} does not exist.", resource.arn));
        let _ = wakes.send(Wake::Refused {
            frame,
            token,
            failure,
        });
        return;
    }
    let waiter = Waiter {
        execution_arn: shell.execution_arn.clone(),
        wakes: wakes.clone(),
        frame,
        token,
        activity_input: Some(input.to_string()),
    };
    shell
        .callbacks
        .register(task_token.unwrap_or_default(), Some(&resource.arn), waiter);
}
