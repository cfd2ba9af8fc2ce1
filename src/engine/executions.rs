//! Executions as the API sees them: the record of each one (status, output, history), the
//! records of Distributed Map runs and their child executions, and the async driver that runs
//! a [`Core`], performs its effects and applies StopExecution and UpdateMapRun. Records are
//! plain data kept in [`Table`]s; what cannot be stored (a driver's commands, change
//! notifications, the parsed program) rides beside them in `Live`, which is never stored.

mod reports;

use super::callbacks::{Callbacks, Waiter};
use super::core::{
    Core, Effect, ExecutionInfo, MapRunLimits, MapRunStart, MapRunStatus, MapRunUpdate, Outcome,
    RedrivePoint, Report, Wake,
};
use super::express::ExpressRuns;
use super::history::{ErrorDetails, HistoryEvent};
use super::mock_config::{MockedRun, TestCase};
use super::retention::{Finished, Retention};
use super::tasks::{StepFunctions, TaskCall, TaskTarget};
use super::workers::Workers;
use crate::asl::definition::{Definition, Resource, ResourceKind};
use crate::asl::errors::Failure;
use crate::asl::rendered::{RenderedDefinition, raw_json};
use crate::clock::{Clock, Deadline};
use crate::store::memory::MemoryTable;
use crate::store::{Rows, Table};
use reports::Reports;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot, watch};

/// An execution's status, as DescribeExecution reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

impl RunSpec {
    /// What the record of an execution of this keeps.
    fn revision(&self) -> Revision {
        Revision {
            rendered: self.rendered.clone(),
            revision_id: self.revision_id.clone(),
            update_date: self.update_date,
            record_history: self.record_history,
        }
    }

    /// What a driver runs.
    fn program(&self) -> Program {
        Program {
            definition: self.definition.clone(),
            test_case: self.test_case.clone(),
        }
    }
}

/// The revision an execution runs, as its record keeps it (DescribeStateMachineForExecution).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revision {
    /// The definition as DescribeStateMachineForExecution shows it.
    pub rendered: RenderedDefinition,
    /// The revision's id, if it has one.
    pub revision_id: Option<String>,
    /// When that revision was made.
    pub update_date: OffsetDateTime,
    /// Whether history is kept (standard executions).
    pub record_history: bool,
}

/// What an execution's driver runs (and a redrive runs again): parsed, so not stored.
#[derive(Debug, Clone)]
struct Program {
    definition: Arc<Definition>,
    test_case: Option<Arc<TestCase>>,
}

/// The live handles of an execution's record: none of them is stored.
#[derive(Debug)]
struct Live {
    /// Its driver's commands, while it runs (standard executions; a Map Run child has none).
    control: Option<mpsc::UnboundedSender<Control>>,
    /// Counts the changes (new history, the end), for those waiting on the execution.
    progress: watch::Sender<u64>,
    /// What it runs, for its redrives (standard executions).
    program: Option<Program>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            control: None,
            progress: watch::channel(0).0,
            program: None,
        }
    }
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

/// Everything known about one standard execution: plain data, but for its live handles and
/// the caches of its rendered forms, which are not stored.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    /// Who and what it is.
    pub info: Arc<ExecutionInfo>,
    /// The input exactly as given.
    pub input_text: String,
    /// What it runs.
    pub revision: Revision,
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
    #[serde(skip)]
    wire_history: Vec<Arc<RawValue>>,
    /// The execution as a listing last showed it, with the state it showed.
    #[serde(skip)]
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
    #[serde(skip)]
    live: Live,
}

impl Record {
    fn new(
        info: Arc<ExecutionInfo>,
        input_text: String,
        revision: Revision,
        map_run: Option<Arc<str>>,
        live: Live,
    ) -> Record {
        Record {
            info,
            input_text,
            revision,
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
            live,
        }
    }

    /// Tells those waiting on the execution that its record changed.
    fn changed(&self) {
        self.live.progress.send_modify(|changes| *changes += 1);
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

    /// How the execution stands, for those waiting on it.
    pub fn summary(&self) -> Summary {
        Summary {
            execution_arn: self.info.execution_arn.clone(),
            name: self.info.name.clone(),
            state_machine_arn: self.info.state_machine_arn.clone(),
            status: self.status,
            input: self.input_text.clone(),
            output: self.output.as_ref().map(Value::to_string),
            error: self.error.clone(),
            start: self.info.start_time,
            stop: self.stop_date,
        }
    }

    /// Tells of every change to the record.
    pub(super) fn subscribe(&self) -> watch::Receiver<u64> {
        self.live.progress.subscribe()
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
        self.live.control = None;
        self.changed();
    }
}

/// A Distributed Map's run: its settings, its children's counts and how it ended; plain data
/// but for the driver's commands.
#[derive(Debug, Serialize, Deserialize)]
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
    child_revision: Revision,
    /// The driver of the execution it runs in, while it runs.
    #[serde(skip)]
    control: Option<mpsc::UnboundedSender<Control>>,
}

/// How many of a Map Run's children (or of their items) have started, and how the started
/// ones stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Why StartExecution of a standard execution was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRefused {
    /// It named a recorded execution, with other input or no longer running.
    AlreadyExists,
    /// As many standard executions as the account may have are running.
    Full,
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

/// Where the engine keeps its records.
#[derive(Debug)]
pub struct Stored {
    /// Standard executions and Map Run children, by execution ARN.
    pub executions: Box<dyn Table<Record>>,
    /// Map Runs, by Map Run ARN.
    pub map_runs: Box<dyn Table<MapRunRecord>>,
}

impl Stored {
    /// Records kept in memory only.
    pub fn in_memory() -> Self {
        Stored {
            executions: Box::new(MemoryTable::default()),
            map_runs: Box::new(MemoryTable::default()),
        }
    }
}

/// All standard executions, by ARN, and the clock they run on.
#[derive(Debug)]
pub struct Executions {
    clock: Clock,
    callbacks: Arc<Callbacks>,
    tasks: Arc<dyn TaskTarget>,
    step_functions: Weak<dyn StepFunctions>,
    records: Box<dyn Table<Record>>,
    map_runs: Box<dyn Table<MapRunRecord>>,
    workers: Workers,
    finished: Mutex<Finished>,
    /// How many standard executions are running (not counting Map Run children), and how many
    /// may (the account's open-executions quota).
    open: AtomicUsize,
    max_open: AtomicUsize,
    pub(super) express: Arc<ExpressRuns>,
}

impl Executions {
    /// The executions `stored` holds; Task states call `tasks`, which reach Step Functions
    /// (nested executions, activities) through `step_functions`.
    pub fn new(
        clock: Clock,
        tasks: Arc<dyn TaskTarget>,
        step_functions: Weak<dyn StepFunctions>,
        stored: Stored,
    ) -> Self {
        Executions {
            clock,
            callbacks: Arc::new(Callbacks::default()),
            tasks,
            step_functions,
            records: stored.executions,
            map_runs: stored.map_runs,
            workers: Workers::default(),
            finished: Mutex::new(Finished::default()),
            open: AtomicUsize::new(0),
            max_open: AtomicUsize::new(usize::MAX),
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

    /// Refuses to start a standard execution while `max` are running.
    pub fn set_max_open(&self, max: usize) {
        self.max_open.store(max, Ordering::Relaxed);
    }

    /// The threads executions run on.
    pub fn workers(&self) -> &Workers {
        &self.workers
    }

    /// The engine's clock.
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// The tasks waiting for task tokens, and the activity queues.
    pub(super) fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }

    /// The records, locked. Never held across an await.
    pub(super) fn lock(&self) -> Box<dyn Rows<Record> + '_> {
        self.records.lock()
    }

    /// The Map Run records by ARN, locked. Never held across an await; when both are held,
    /// taken after [`Executions::lock`].
    pub(super) fn map_runs(&self) -> Box<dyn Rows<MapRunRecord> + '_> {
        self.map_runs.lock()
    }

    /// StartExecution of a standard execution: records it and runs it in the background; its
    /// start date. A repeat of a running one (same ARN, same input) returns its start instead;
    /// any other use of a recorded ARN is refused, and so is a new execution while the quota of
    /// running ones is full.
    pub fn start(
        self: &Arc<Self>,
        info: Arc<ExecutionInfo>,
        input_text: String,
        spec: RunSpec,
    ) -> Result<OffsetDateTime, StartRefused> {
        let arn = info.execution_arn.clone();
        // Made before the lock is taken, so readers never wait for it.
        let (control, commands) = mpsc::unbounded_channel();
        let core = Core::start(spec.definition.clone(), info.clone(), spec.record_history);
        let mocks = spec.test_case.clone().map(MockedRun::new);
        let start = info.start_time;
        let live = Live {
            control: Some(control),
            program: Some(spec.program()),
            ..Live::default()
        };
        let record = Record::new(info.clone(), input_text, spec.revision(), None, live);
        let mut records = self.lock();
        if let Some(existing) = records.get(&arn) {
            let repeat =
                existing.status == Status::Running && existing.input_text == record.input_text;
            return match repeat {
                true => Ok(existing.info.start_time),
                false => Err(StartRefused::AlreadyExists),
            };
        }
        if self.open.load(Ordering::Relaxed) >= self.max_open.load(Ordering::Relaxed) {
            return Err(StartRefused::Full);
        }
        records.insert(arn.clone(), record);
        self.open.fetch_add(1, Ordering::Relaxed);
        drop(records);
        super::log::started(&info, "standard");
        self.run(arn, core, mocks, commands);
        Ok(start)
    }

    /// StartExecution of an express execution: runs it in the background, keeping no record
    /// but how it stands (see [`ExpressRuns`]).
    pub fn start_express(&self, info: Arc<ExecutionInfo>, input_text: String, spec: RunSpec) {
        let core = Core::start(spec.definition.clone(), info.clone(), false);
        let execution = self.run_to_end(core, spec.test_case);
        let clock = self.clock.clone();
        let now = move || clock.now();
        (self.express).start(&self.workers, info, input_text, execution, now);
    }

    /// StartSyncExecution: runs an express execution to its end; how it ended, and when.
    pub async fn run_sync(
        &self,
        info: Arc<ExecutionInfo>,
        spec: RunSpec,
    ) -> (Outcome, OffsetDateTime) {
        let core = Core::start(spec.definition.clone(), info.clone(), false);
        super::log::started(&info, "sync express");
        let run = self.run_to_end(core, spec.test_case);
        let outcome = self.workers.spawn(run).await.unwrap_or_else(|_| {
            Outcome::Failed(ErrorDetails {
                error: Some(crate::asl::errors::RUNTIME.into()),
                cause: Some("The execution stopped unexpectedly".into()),
            })
        });
        let stop = self.clock.now();
        super::log::express_ended(&info, &outcome, stop);
        (outcome, stop)
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
        let no_state =
            || RedriveError::NotRedrivable("Execution has no state to redrive from".into());
        let program = record.live.program.clone().ok_or_else(no_state)?;
        let point = record.redrive_point.take().ok_or_else(no_state)?;
        let (control, commands) = mpsc::unbounded_channel();
        record.reopen(now);
        self.open.fetch_add(1, Ordering::Relaxed);
        if let Some(token) = client_token {
            if record.redrive_tokens.len() == REDRIVE_TOKENS {
                record.redrive_tokens.remove(0);
            }
            record.redrive_tokens.push((token.to_owned(), now));
        }
        record.live.control = Some(control);
        let last_event = record.history.last().map_or(0, |event| event.id);
        let core = Core::redrive(
            program.definition,
            record.info.clone(),
            point,
            last_event,
            record.redrive_count,
            now,
        );
        let mocks = program.test_case.map(MockedRun::new);
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
            let shell = executions.shell(arn.clone(), executions.callbacks.clone(), mocks);
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
        let control = record.live.control.clone();
        if !history.is_empty() {
            record.history.extend(history);
            record.changed();
        }
        if let Some(outcome) = outcome {
            record.redrive_point = redrive_point;
            record.end(outcome, now);
            super::log::ended(&record.info, record.status, &record.error, now);
        }
        let ended = outcome.is_some() && record.map_run.is_none();
        if !reports.is_empty() {
            self.record_map_runs(&mut *records, reports, control);
        }
        if ended {
            self.open.fetch_sub(1, Ordering::Relaxed);
            self.finished().ended(arn, now);
            self.evict(&mut *records, now);
        }
    }

    /// Forgets the finished executions [`Retention`] no longer keeps, with their Map Runs and
    /// those runs' child executions.
    fn evict(&self, records: &mut dyn Rows<Record>, now: OffsetDateTime) {
        let expired = self.finished().expired(now);
        for (arn, ended) in expired {
            let still_ended = records
                .get(&arn)
                .is_some_and(|r| r.stop_date == Some(ended) && r.status != Status::Running);
            if still_ended {
                records.remove(&arn);
                self.evict_map_runs_of(records, &arn);
                self.callbacks.forget_execution(&arn);
            }
        }
    }

    fn evict_map_runs_of(&self, records: &mut dyn Rows<Record>, execution_arn: &str) {
        let mut map_runs = self.map_runs();
        let runs: Vec<Arc<str>> = map_runs
            .values()
            .filter(|run| &*run.start.execution_arn == execution_arn)
            .map(|run| run.start.map_run_arn.clone())
            .collect();
        if runs.is_empty() {
            return;
        }
        for run in &runs {
            map_runs.remove(run);
        }
        records.retain(&mut |r| {
            r.map_run
                .as_deref()
                .is_none_or(|m| !runs.iter().any(|r| &**r == m))
        });
    }

    /// Turns a core's Map Run reports into Map Run records and child execution records.
    fn record_map_runs(
        &self,
        records: &mut dyn Rows<Record>,
        reports: Vec<Report>,
        control: Option<mpsc::UnboundedSender<Control>>,
    ) {
        let mut runs = self.map_runs();
        let mut applied = Reports {
            records,
            runs: &mut *runs,
            control,
        };
        for report in reports {
            applied.apply(report);
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

    /// StopExecution: asks the execution's driver to abort it (a Map Run's child: the driver
    /// of the execution it runs in) and waits until it has; when it stopped (now, if it had
    /// already ended), or `None` if there is no such execution.
    pub async fn stop(&self, arn: &str, details: ErrorDetails) -> Option<OffsetDateTime> {
        let (done, applied) = oneshot::channel();
        let (control, command) = {
            let records = self.lock();
            let record = records.get(arn)?;
            match &record.map_run {
                Some(map_run) => (
                    self.map_runs()
                        .get(map_run)
                        .and_then(|run| run.control.clone()),
                    Control::StopChild(arn.to_owned(), details, done),
                ),
                None => (record.live.control.clone(), Control::Stop(details, done)),
            }
        };
        if let Some(control) = control
            && control.send(command).is_ok()
        {
            let _ = applied.await;
        }
        let stopped = self.read(arn, |record| record.stop_date).flatten();
        Some(stopped.unwrap_or_else(|| self.clock.now()))
    }
}

impl Executions {
    /// An express execution of `core` run to its end (in whichever task awaits it) and how it
    /// ended; the Task states `test_case` mocks are answered from it.
    fn run_to_end(
        &self,
        core: Core,
        test_case: Option<Arc<TestCase>>,
    ) -> impl Future<Output = Outcome> + Send + 'static {
        // Express machines cannot wait for task tokens (validation rejects them), so the
        // registry stays empty.
        let callbacks = Arc::new(Callbacks::default());
        let shell = self.shell(String::new(), callbacks, test_case.map(MockedRun::new));
        async move {
            let (_control, commands) = mpsc::unbounded_channel();
            let mut outcome = None;
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
    }

    /// Performs one Task call outside any execution, for TestState.
    pub async fn perform_task(
        &self,
        resource: &Resource,
        parameters: &Value,
    ) -> Result<Value, Failure> {
        let call = TaskCall {
            resource,
            parameters,
            submitted: Box::new(|_| {}),
            step_functions: self.step_functions.upgrade(),
        };
        self.tasks.invoke(call).await
    }

    fn shell(
        &self,
        execution_arn: String,
        callbacks: Arc<Callbacks>,
        mocks: Option<MockedRun>,
    ) -> Shell {
        Shell {
            clock: self.clock.clone(),
            callbacks,
            tasks: self.tasks.clone(),
            step_functions: self.step_functions.clone(),
            execution_arn,
            mocks,
            running: Running::default(),
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
        let records = self.lock().take_all();
        // Their drivers find no record to end, so none is counted out.
        self.open.store(0, Ordering::Relaxed);
        self.map_runs().take_all();
        self.finished().clear();
        // Map Run children have no driver of their own: their parent's stops them.
        let running: Vec<_> = records
            .iter()
            .filter_map(|r| r.live.control.clone())
            .collect();
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

/// What a driver needs from its surroundings.
struct Shell {
    clock: Clock,
    callbacks: Arc<Callbacks>,
    tasks: Arc<dyn TaskTarget>,
    step_functions: Weak<dyn StepFunctions>,
    execution_arn: String,
    /// The execution's test case and its invocation counts, when it runs one.
    mocks: Option<MockedRun>,
    /// The running calls that can be stopped (see [`TaskTarget::cancellable`]).
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
            match (mocked, &resource.kind) {
                (Some(result), kind) => answer_mocked(wakes, frame, token, kind, result),
                (None, ResourceKind::Activity) => schedule_activity(
                    shell, wakes, frame, token, &resource, parameters, task_token,
                ),
                (None, _) => start_task(
                    shell,
                    wakes,
                    (frame, token),
                    resource,
                    parameters,
                    task_token,
                ),
            }
        }
        Effect::Cancel { frame, token } => shell.running.cancel((frame, token)),
        Effect::Release { task_token } => shell.callbacks.release(&task_token),
    }
}

/// A mocked task never reaches its service. For `.waitForTaskToken` the mocked result is the
/// callback's answer (Step Functions Local), so no token is registered and the task completes
/// at once; a mocked activity task is taken by a (nameless) worker at once.
fn answer_mocked(
    wakes: &mpsc::UnboundedSender<Wake>,
    frame: usize,
    token: u64,
    kind: &ResourceKind,
    result: Result<Value, Failure>,
) {
    if let ResourceKind::Activity = kind {
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
}

/// Calls the task's target in a task of its own, which wakes the frame with the result (for
/// `.waitForTaskToken`, with the call's response: the token's answer comes later).
fn start_task(
    shell: &mut Shell,
    wakes: &mpsc::UnboundedSender<Wake>,
    (frame, token): (usize, u64),
    resource: Resource,
    parameters: Value,
    task_token: Option<String>,
) {
    let callback = task_token.is_some();
    if let Some(task_token) = task_token {
        let waiter = Waiter {
            execution_arn: shell.execution_arn.clone(),
            wakes: wakes.clone(),
            frame,
            token,
            activity_input: None,
        };
        shell.callbacks.register(task_token, None, waiter);
    }
    let cancellable = shell.tasks.cancellable(&resource);
    let wakes = wakes.clone();
    let tasks = shell.tasks.clone();
    let step_functions = shell.step_functions.upgrade();
    let task = tokio::spawn(async move {
        let report = wakes.clone();
        let submitted = move |output| {
            let _ = report.send(Wake::Submitted {
                frame,
                token,
                output,
            });
        };
        let call = TaskCall {
            resource: &resource,
            parameters: &parameters,
            submitted: Box::new(submitted),
            step_functions,
        };
        let wake = match tasks.invoke(call).await {
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
    let exists =
        (shell.step_functions.upgrade()).is_some_and(|sfn| sfn.activity_exists(&resource.arn));
    if !exists {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::history::EventKind;
    use serde_json::json;

    fn record() -> Record {
        let info = ExecutionInfo {
            execution_arn: "arn:aws:states:us-east-1:123456789012:execution:m:e".into(),
            name: "e".into(),
            state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m".into(),
            state_machine_name: "m".into(),
            role_arn: "arn:aws:iam::123456789012:role/r".into(),
            region: "us-east-1".into(),
            input: json!({"a": 1}),
            start_time: OffsetDateTime::UNIX_EPOCH,
            alias_arn: None,
            version_arn: None,
            express: false,
        };
        let revision = Revision {
            rendered: RenderedDefinition::new(
                r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
            ),
            revision_id: None,
            update_date: OffsetDateTime::UNIX_EPOCH,
            record_history: true,
        };
        let mut record = Record::new(
            Arc::new(info),
            r#"{"a":1}"#.into(),
            revision,
            None,
            Live::default(),
        );
        record.history.push(HistoryEvent {
            id: 1,
            previous_event_id: 0,
            timestamp: OffsetDateTime::UNIX_EPOCH,
            kind: EventKind::ExecutionStarted {
                input: r#"{"a":1}"#.into(),
                role_arn: "arn:aws:iam::123456789012:role/r".into(),
                alias_arn: None,
                version_arn: None,
            },
        });
        record.end(
            &Outcome::Succeeded(json!({"b": 2})),
            OffsetDateTime::UNIX_EPOCH,
        );
        record
    }

    #[test]
    fn a_record_is_plain_data_that_round_trips_without_its_live_handles() {
        let record = record();
        let text = serde_json::to_string(&record).unwrap();
        let back: Record = serde_json::from_str(&text).unwrap();
        assert_eq!(back.info.execution_arn, record.info.execution_arn);
        assert_eq!(back.status, Status::Succeeded);
        assert_eq!(back.output, Some(json!({"b": 2})));
        assert_eq!(back.history, record.history);
        assert_eq!(back.revision.rendered, record.revision.rendered);
        assert!(back.live.control.is_none() && back.live.program.is_none());
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}
