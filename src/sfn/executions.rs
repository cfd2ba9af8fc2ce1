//! The execution operations: starting (standard, express, synchronous), describing, listing,
//! history, stopping, and Distributed Map runs. The engine runs executions; this file turns
//! requests into engine calls and records into responses.

use super::Sfn;
use super::arn::{self, Qualifier, Resource};
use super::check::{self, Check};
use super::error::{SfnError, SfnResult, ValidationReason};
use super::execution_output::{self, GetExecutionHistoryOutput};
use super::page::PageRequest;
use super::quotas;
use super::state::StateMachine;
use super::types::{
    BillingDetails, CloudWatchEventsExecutionDataDetails, DescribeExecutionInput,
    DescribeExecutionOutput, DescribeMapRunInput, DescribeMapRunOutput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineForExecutionOutput,
    GetExecutionHistoryInput, ListExecutionsInput, ListExecutionsOutput, ListMapRunsInput,
    ListMapRunsOutput, RedriveExecutionInput, RedriveExecutionOutput, SendTaskFailureInput,
    SendTaskFailureOutput, SendTaskHeartbeatInput, SendTaskHeartbeatOutput, SendTaskSuccessInput,
    SendTaskSuccessOutput, StartExecutionInput, StartExecutionOutput, StartSyncExecutionInput,
    StartSyncExecutionOutput, StopExecutionInput, StopExecutionOutput, UpdateMapRunInput,
    UpdateMapRunOutput,
};
use super::wire::{LoggingConfiguration, TracingConfiguration};
use crate::asl::deep_json::DeepJsonError;
use crate::asl::errors::Failure;
use crate::asl::rendered::raw_json;
use crate::asl::validate::MachineType;
use crate::aws::arn as aws_arn;
use crate::aws::numbers;
use crate::engine::api::{ExecutionFilter, ExecutionsOf};
use crate::engine::callbacks::TokenError;
use crate::engine::core::{ExecutionInfo, MapRunUpdate, Outcome};
use crate::engine::executions::{
    MapRunUpdateError, Record, RedriveError, RunSpec, StartRefused, Status, Summary,
};
use crate::engine::history::ErrorDetails;
use crate::engine::mock_config::{TestCase, split_test_case};
use crate::protocol::WireError;
use bytes::Bytes;
use rand::RngExt;
use serde_json::Value;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::sync::Arc;
use time::OffsetDateTime;

/// The largest execution input, task output or state payload: 256 KiB of UTF-8.
pub const PAYLOAD_MAX: usize = 262_144;

/// ListExecutions' `statusFilter` values, in the order AWS lists them when one is invalid (a
/// recorded answer; not the model's order).
const STATUSES: &[&str] = &[
    "SUCCEEDED",
    "TIMED_OUT",
    "PENDING_REDRIVE",
    "ABORTED",
    "FAILED",
    "RUNNING",
];

/// The members of the requests that name one execution (DescribeExecution,
/// DescribeStateMachineForExecution, StopExecution, GetExecutionHistory, RedriveExecution,
/// ListMapRuns), as their shared checks read them: each operation's input fills its own.
#[derive(Debug, Default)]
pub struct ExecutionRequest {
    execution_arn: Option<String>,
    error: Option<String>,
    cause: Option<String>,
    included_data: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
    reverse_order: Option<bool>,
    include_execution_data: Option<bool>,
    client_token: Option<String>,
}

impl ExecutionRequest {
    /// A request naming `execution_arn` (`None`: naming nothing) and nothing else.
    pub fn naming(execution_arn: Option<&str>) -> Self {
        ExecutionRequest {
            execution_arn: execution_arn.map(str::to_owned),
            ..Self::default()
        }
    }
}

impl From<DescribeExecutionInput> for ExecutionRequest {
    fn from(input: DescribeExecutionInput) -> Self {
        ExecutionRequest {
            execution_arn: input.execution_arn,
            included_data: input.included_data,
            ..Self::default()
        }
    }
}

impl From<DescribeStateMachineForExecutionInput> for ExecutionRequest {
    fn from(input: DescribeStateMachineForExecutionInput) -> Self {
        ExecutionRequest {
            execution_arn: input.execution_arn,
            included_data: input.included_data,
            ..Self::default()
        }
    }
}

impl From<StopExecutionInput> for ExecutionRequest {
    fn from(input: StopExecutionInput) -> Self {
        ExecutionRequest {
            execution_arn: input.execution_arn,
            error: input.error,
            cause: input.cause,
            ..Self::default()
        }
    }
}

impl From<GetExecutionHistoryInput> for ExecutionRequest {
    fn from(input: GetExecutionHistoryInput) -> Self {
        ExecutionRequest {
            execution_arn: input.execution_arn,
            max_results: input.max_results,
            next_token: input.next_token,
            reverse_order: input.reverse_order,
            include_execution_data: input.include_execution_data,
            ..Self::default()
        }
    }
}

impl From<RedriveExecutionInput> for ExecutionRequest {
    fn from(input: RedriveExecutionInput) -> Self {
        ExecutionRequest {
            execution_arn: input.execution_arn,
            client_token: input.client_token,
            ..Self::default()
        }
    }
}

/// A StartExecution request as a Task state makes it: `machine_arn` with `input`.
pub(super) fn nested_start(
    machine_arn: Option<&str>,
    name: Option<String>,
    input: String,
) -> StartExecutionInput {
    StartExecutionInput {
        state_machine_arn: machine_arn.map(str::to_owned),
        name,
        input: Some(input),
        trace_header: None,
    }
}

/// What a start request resolves to: the machine, the revision to run, how it was reached.
struct Target {
    machine_arn: String,
    machine_name: String,
    machine_type: MachineType,
    role_arn: String,
    spec: RunSpec,
    version_arn: Option<String>,
    alias_arn: Option<String>,
}

/// Checks an execution input (or task output) is JSON text within the payload limit.
pub fn check_json_payload(text: &str) -> Result<Value, String> {
    if text.len() > PAYLOAD_MAX {
        return Err(format!(
            "Payload size of {} bytes exceeds the maximum of {PAYLOAD_MAX} bytes",
            text.len()
        ));
    }
    if text.trim().is_empty() {
        return Err("Invalid execution input.".into());
    }
    crate::asl::deep_json::parse(text).map_err(|e| match e {
        DeepJsonError::Syntax(e) => crate::asl::validate::jackson_message(text, &e),
        DeepJsonError::TooDeep(message) => message,
    })
}

/// The execution ARN of a standard execution; `express:` ARNs are not valid for these calls.
fn standard_execution(arn: &str) -> SfnResult<()> {
    match arn::parse(arn)? {
        Resource::Execution => Ok(()),
        other => Err(arn::wrong_type(&other)),
    }
}

/// Checks a request naming a standard execution (GetExecutionHistory's rules).
pub(super) fn checked_execution(input: &ExecutionRequest) -> SfnResult<String> {
    let arn = checked_execution_request(input)?;
    standard_execution(&arn)?;
    Ok(arn)
}

/// Checks a request naming an execution; the ARN may be of either type.
fn checked_execution_request(input: &ExecutionRequest) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("executionArn", &input.execution_arn);
    check.len("executionArn", input.execution_arn.as_deref(), 1, 256);
    check.len("error", input.error.as_deref(), 0, 256);
    check.len("cause", input.cause.as_deref(), 0, 32768);
    check.one_of(
        "includedData",
        input.included_data.as_deref(),
        &["ALL_DATA", "METADATA_ONLY"],
    );
    check.len("clientToken", input.client_token.as_deref(), 1, 64);
    check.pattern(
        "clientToken",
        input.client_token.as_deref(),
        "[!-~]+",
        check::client_token,
    );
    PageRequest {
        max_results: input.max_results,
        next_token: input.next_token.clone(),
    }
    .check(&mut check, 1024);
    check.finish()?;
    Ok(input.execution_arn.clone().unwrap_or_default())
}

/// Checks a SendTask* request's members (`output` for success, `error` and `cause` for
/// failure) in the order AWS reports them.
fn checked_task(
    token: &Option<String>,
    output: Option<&str>,
    error: Option<&str>,
    cause: Option<&str>,
) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("taskToken", token);
    check.len("taskToken", token.as_deref(), 1, 2048);
    check.len("output", output, 0, PAYLOAD_MAX);
    check.len("error", error, 0, 256);
    check.len("cause", cause, 0, 32768);
    check.finish()?;
    Ok(token.clone().unwrap_or_default())
}

/// AWS's answers for tokens that belong to no waiting task.
fn token_error(error: TokenError) -> SfnError {
    match error {
        TokenError::Invalid => SfnError::InvalidToken("Invalid token".into()),
        TokenError::Unknown => {
            SfnError::TaskDoesNotExist("Task Does Not Exist: 'Provided task does not exist'".into())
        }
        TokenError::Closed => {
            SfnError::TaskTimedOut("Task Timed Out: 'Provided task does not exist anymore'".into())
        }
    }
}

/// Picks a version of an alias by its routing weights.
fn route(routing: &[(u32, i64)]) -> Option<u32> {
    let total: i64 = routing.iter().map(|(_, w)| w).sum();
    let mut draw = rand::rng().random_range(0..total.max(1));
    for (version, weight) in routing {
        if draw < *weight {
            return Some(*version);
        }
        draw -= weight;
    }
    routing.last().map(|(v, _)| *v)
}

fn target(machine: &StateMachine, qualifier: &Qualifier, requested: &str) -> SfnResult<Target> {
    let missing = || SfnError::StateMachineDoesNotExist(requested.to_owned());
    let (revision, version_arn, alias_arn) = match qualifier {
        Qualifier::None => (&machine.current, None, None),
        Qualifier::Version(n) => {
            let version = machine.versions.get(n).ok_or_else(missing)?;
            (&version.revision, Some(machine.version_arn(*n)), None)
        }
        Qualifier::Alias(name) => {
            let alias = machine.aliases.get(name).ok_or_else(missing)?;
            let number = route(&alias.routing).ok_or_else(missing)?;
            let version = machine.versions.get(&number).ok_or_else(missing)?;
            (
                &version.revision,
                Some(machine.version_arn(number)),
                Some(alias.arn.clone()),
            )
        }
        Qualifier::Label(_) => return Err(arn::labeled_arn_refused(requested)),
    };
    Ok(Target {
        machine_arn: machine.arn.clone(),
        machine_name: machine.name.clone(),
        machine_type: machine.machine_type,
        role_arn: revision.role_arn.clone(),
        spec: RunSpec {
            definition: revision.definition.clone(),
            rendered: revision.rendered.clone(),
            revision_id: revision.revision_id.clone(),
            update_date: revision.update_date.time(),
            record_history: machine.machine_type == MachineType::Standard,
            test_case: None,
        },
        version_arn,
        alias_arn,
    })
}

impl Sfn {
    /// Validates a start request and resolves the machine, version or alias it names.
    fn checked_start(
        &self,
        input: &StartExecutionInput,
        included_data: Option<&str>,
    ) -> SfnResult<Target> {
        let mut check = Check::new();
        check.required("stateMachineArn", &input.state_machine_arn);
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        check.len("name", input.name.as_deref(), 1, 80);
        check.len("input", input.input.as_deref(), 0, PAYLOAD_MAX);
        check.len("traceHeader", input.trace_header.as_deref(), 0, 256);
        check.pattern(
            "traceHeader",
            input.trace_header.as_deref(),
            r"\p{ASCII}*",
            check::trace_header,
        );
        check.one_of(
            "includedData",
            included_data,
            &["ALL_DATA", "METADATA_ONLY"],
        );
        check.finish()?;
        if let Some(name) = &input.name {
            check::resource_name(name)?;
        }
        let requested = input.state_machine_arn.clone().unwrap_or_default();
        // Step Functions Local: `<stateMachineArn>#<TestCase>` runs the machine with mocks.
        let (machine_arn, test_case) = split_test_case(&requested);
        let (base, qualifier) = arn::state_machine(machine_arn)?;
        let mut target = {
            let state = self.lock();
            let machine = state
                .machines
                .get(&base)
                .ok_or_else(|| SfnError::StateMachineDoesNotExist(requested.clone()))?;
            target(machine, &qualifier, &requested)?
        };
        if let Some(test_case) = test_case {
            target.spec.test_case = Some(self.test_case(&target.machine_name, test_case)?);
        }
        Ok(target)
    }

    /// The mock configuration's test case `test_case` for the state machine named `machine`.
    /// Step Functions Local documents no error for a missing one; starting the execution
    /// unmocked would call real services, so the request fails instead.
    fn test_case(&self, machine: &str, test_case: &str) -> SfnResult<Arc<TestCase>> {
        let cannot = format!("Cannot run test case '{test_case}' of state machine '{machine}'");
        let Some(mock_config) = &self.mock_config else {
            return Err(SfnError::Validation(format!(
                "{cannot}: no mock configuration is loaded (start Stepstone with --mock-config <file> or SFN_MOCK_CONFIG=<file>)"
            )));
        };
        mock_config
            .test_case(machine, test_case)
            .map_err(|err| SfnError::Validation(format!("{cannot}: {err}")))
    }

    /// Builds what the engine needs to start an execution of `target`.
    fn execution_info(
        &self,
        target: &Target,
        input: &StartExecutionInput,
    ) -> SfnResult<(Arc<ExecutionInfo>, String)> {
        let input_text = input.input.clone().unwrap_or_else(|| "{}".to_owned());
        let value = check_json_payload(&input_text).map_err(SfnError::InvalidExecutionInput)?;
        let name = input
            .name
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let prefix = aws_arn::prefix("states", &self.scope.region, &self.scope.account);
        let express = target.machine_type == MachineType::Express;
        let execution_arn = aws_arn::execution(&prefix, &target.machine_name, &name, express);
        let info = ExecutionInfo {
            execution_arn,
            name,
            state_machine_arn: target.machine_arn.clone(),
            state_machine_name: target.machine_name.clone(),
            role_arn: target.role_arn.clone(),
            region: self.scope.region.clone(),
            input: value,
            start_time: self.executions.clock().now(),
            alias_arn: target.alias_arn.clone(),
            version_arn: target.version_arn.clone(),
            express: target.machine_type == MachineType::Express,
        };
        Ok((Arc::new(info), input_text))
    }

    /// StartExecution: standard executions are recorded and run in the background; a repeat
    /// with the same name and input while the first still runs returns the first.
    pub fn start_execution(&self, input: StartExecutionInput) -> SfnResult<StartExecutionOutput> {
        let (execution_arn, start) = self.start(&input)?;
        Ok(StartExecutionOutput {
            execution_arn,
            start_date: start.into(),
        })
    }

    /// Waits for a standard execution to end (`.sync` integrations, test harnesses).
    pub async fn wait_for_execution(&self, execution_arn: &str) -> Option<Summary> {
        self.executions.wait_until_done(execution_arn).await
    }

    /// Waits until a standard execution has recorded an event of type `event_type` (e.g.
    /// `TaskSubmitted`) or has ended; whether it recorded one.
    pub async fn wait_for_event(&self, execution_arn: &str, event_type: &str) -> bool {
        let recorded = |record: &crate::engine::executions::Record| {
            record.history.iter().any(|e| e.type_name() == event_type)
        };
        self.executions
            .wait_until(execution_arn, |r| {
                recorded(r) || r.status != Status::Running
            })
            .await
            .is_some()
            && self
                .executions
                .read(execution_arn, |r| recorded(r))
                .unwrap_or(false)
    }

    /// Waits until a standard execution's history holds more than `events` events or it has
    /// ended.
    pub async fn wait_for_history(&self, execution_arn: &str, events: usize) {
        self.executions
            .wait_until(execution_arn, |r| {
                r.history.len() > events || r.status != Status::Running
            })
            .await;
    }

    /// Starts the execution a StartExecution request asks for: its ARN and start date.
    pub(super) fn start(&self, input: &StartExecutionInput) -> SfnResult<(String, OffsetDateTime)> {
        let target = self.checked_start(input, None)?;
        let (info, input_text) = self.execution_info(&target, input)?;
        let arn = info.execution_arn.clone();
        if target.machine_type == MachineType::Express {
            let start = info.start_time;
            self.executions.start_express(info, input_text, target.spec);
            return Ok((arn, start));
        }
        match self.executions.start(info, input_text, target.spec) {
            Ok(start) => Ok((arn, start)),
            Err(StartRefused::AlreadyExists) => Err(SfnError::ExecutionAlreadyExists(arn)),
            Err(StartRefused::Full) => Err(quotas::execution_limit_exceeded()),
        }
    }

    /// StartSyncExecution: runs an express execution to its end and answers with its outcome
    /// (HTTP 200 even when the workflow fails, as AWS does).
    pub async fn start_sync_execution(&self, body: &[u8]) -> Result<Bytes, WireError> {
        let sync: StartSyncExecutionInput = crate::protocol::json::parse_input(body)?;
        let input = StartExecutionInput {
            state_machine_arn: sync.state_machine_arn,
            name: sync.name,
            input: sync.input,
            trace_header: sync.trace_header,
        };
        let target = self.checked_start(&input, sync.included_data.as_deref())?;
        if target.machine_type == MachineType::Standard {
            return Err(SfnError::StateMachineTypeNotSupported(
                "This operation is not supported by this type of state machine".into(),
            )
            .into());
        }
        let (info, input_text) = self.execution_info(&target, &input)?;
        let (outcome, stop) = self.executions.run_sync(info.clone(), target.spec).await;
        let billed = ((stop - info.start_time).whole_milliseconds().max(1) + 99) / 100 * 100;
        let included = || {
            Some(CloudWatchEventsExecutionDataDetails {
                included: Some(true),
            })
        };
        let (status, error, output) = match outcome {
            Outcome::Succeeded(output) => ("SUCCEEDED", Default::default(), Some(output)),
            Outcome::Failed(e) | Outcome::Aborted(e) => ("FAILED", e, None),
            Outcome::TimedOut(e) => ("TIMED_OUT", e, None),
        };
        let response = StartSyncExecutionOutput {
            execution_arn: info.execution_arn.clone(),
            state_machine_arn: Some(target.machine_arn),
            name: Some(info.name.clone()),
            start_date: info.start_time.into(),
            stop_date: stop.into(),
            status: status.to_owned(),
            error: error.error,
            cause: error.cause,
            input: Some(input_text),
            input_details: included(),
            output_details: output.as_ref().and_then(|_| included()),
            output: output.map(|o| o.to_string()),
            trace_header: None,
            billing_details: Some(BillingDetails {
                billed_memory_used_in_mb: Some(64),
                billed_duration_in_milliseconds: Some(numbers::long(billed)),
            }),
        };
        Ok(super::encode(&response))
    }

    /// StopExecution: aborts a running standard execution.
    pub async fn stop_execution(&self, body: &[u8]) -> Result<Bytes, WireError> {
        let input: StopExecutionInput = crate::protocol::json::parse_input(body)?;
        let input = ExecutionRequest::from(input);
        let arn = checked_execution(&input)?;
        let details = ErrorDetails {
            error: input.error,
            cause: input.cause,
        };
        let Some(stop_date) = self.executions.stop(&arn, details).await else {
            return Err(SfnError::ExecutionDoesNotExist(arn).into());
        };
        Ok(super::encode(&StopExecutionOutput {
            stop_date: stop_date.into(),
        }))
    }

    /// DescribeExecution: standard executions, and the express children of Map Runs.
    pub fn describe_execution(
        &self,
        input: DescribeExecutionInput,
    ) -> SfnResult<DescribeExecutionOutput> {
        let arn = checked_execution_request(&input.into())?;
        let now = self.executions.clock().now();
        match arn::parse(&arn)? {
            Resource::Execution => {}
            Resource::Express
                if self.executions.read(&arn, |r| r.map_run.is_some()) == Some(true) => {}
            other => return Err(arn::wrong_type(&other)),
        }
        let described =
            (self.executions).read(&arn, |record| execution_output::describe(record, now));
        described.ok_or(SfnError::ExecutionDoesNotExist(arn))
    }

    /// DescribeStateMachineForExecution: the definition and settings the execution ran with.
    pub fn describe_state_machine_for_execution(
        &self,
        input: DescribeStateMachineForExecutionInput,
    ) -> SfnResult<DescribeStateMachineForExecutionOutput> {
        let arn = checked_execution(&input.into())?;
        let machine = self
            .executions
            .read(&arn, |r| r.info.state_machine_arn.clone());
        let machine = machine.ok_or_else(|| SfnError::ExecutionDoesNotExist(arn.clone()))?;
        // A Map Run child runs the sub-workflow `<stateMachineArn>/<label>`.
        let (machine_arn, qualifier) = arn::state_machine(&machine)?;
        let label = match qualifier {
            Qualifier::Label(label) => Some(label),
            _ => None,
        };
        let settings = self.machine_settings(&machine_arn);
        let output = self.executions.read(&arn, |record| {
            execution_output::machine_for_execution(record, settings, label)
        });
        output.ok_or(SfnError::ExecutionDoesNotExist(arn))
    }

    fn machine_settings(&self, machine_arn: &str) -> (LoggingConfiguration, TracingConfiguration) {
        let state = self.lock();
        match state.machines.get(machine_arn) {
            Some(m) => (m.current.logging.clone(), m.current.tracing.clone()),
            None => (
                LoggingConfiguration::off(),
                TracingConfiguration {
                    enabled: Some(false),
                },
            ),
        }
    }

    /// GetExecutionHistory, oldest first unless `reverseOrder`.
    /// The response is encoded here, from the rendered events, while the records are locked.
    pub fn get_execution_history(&self, input: GetExecutionHistoryInput) -> SfnResult<Bytes> {
        let input = ExecutionRequest::from(input);
        let arn = checked_execution(&input)?;
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token.clone(),
        };
        let encoded = self
            .executions
            .read(&arn, |record| history_page(record, &input, &page));
        encoded.unwrap_or(Err(SfnError::ExecutionDoesNotExist(arn)))
    }

    /// RedriveExecution: restarts a failed, timed-out or aborted standard execution at the
    /// state it stopped in.
    pub fn redrive_execution(
        &self,
        input: RedriveExecutionInput,
    ) -> SfnResult<RedriveExecutionOutput> {
        let input = ExecutionRequest::from(input);
        let arn = checked_execution(&input)?;
        match self.executions.redrive(&arn, input.client_token.as_deref()) {
            Ok(date) => Ok(RedriveExecutionOutput {
                redrive_date: date.into(),
            }),
            Err(RedriveError::DoesNotExist) => Err(SfnError::ExecutionDoesNotExist(arn)),
            Err(RedriveError::NotRedrivable(reason)) => {
                Err(SfnError::ExecutionNotRedrivable(reason))
            }
        }
    }

    /// ListMapRuns: the Map Runs an execution's Distributed Maps started, newest first.
    pub fn list_map_runs(&self, input: ListMapRunsInput) -> SfnResult<ListMapRunsOutput> {
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token.clone(),
        };
        let as_execution = ExecutionRequest {
            execution_arn: input.execution_arn,
            max_results: input.max_results,
            next_token: input.next_token,
            ..ExecutionRequest::default()
        };
        let arn = checked_execution(&as_execution)?;
        let listed = self.executions.list_map_runs(&arn, |runs| {
            let keyed = runs
                .into_iter()
                .map(|run| (run.start.map_run_arn.to_string(), run))
                .collect();
            let (runs, next_token) = page.page(keyed)?;
            Ok(ListMapRunsOutput {
                map_runs: runs
                    .into_iter()
                    .map(execution_output::map_run_item)
                    .collect(),
                next_token,
            })
        });
        listed.unwrap_or(Err(SfnError::ExecutionDoesNotExist(arn)))
    }

    /// ListExecutions: for a machine (or version or alias), newest first; or for a map run.
    pub fn list_executions(&self, input: ListExecutionsInput) -> SfnResult<ListExecutionsOutput> {
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token.clone(),
        };
        let mut check = Check::new();
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        check.len("mapRunArn", input.map_run_arn.as_deref(), 1, 2000);
        check.one_of("statusFilter", input.status_filter.as_deref(), STATUSES);
        check.one_of(
            "redriveFilter",
            input.redrive_filter.as_deref(),
            &["REDRIVEN", "NOT_REDRIVEN"],
        );
        page.check(&mut check, 3096);
        check.finish()?;
        let requested = match (&input.state_machine_arn, &input.map_run_arn) {
            (Some(machine), None) => machine.clone(),
            (None, Some(map_run)) => {
                return self.list_map_run_executions(map_run, &input, page);
            }
            _ => {
                return Err(SfnError::Validation(
                    "Must provide a StateMachine ARN or a MapRun ARN, but not both".into(),
                ));
            }
        };
        let (base, qualifier) = arn::state_machine(&requested)?;
        {
            let state = self.lock();
            let machine = state
                .machines
                .get(&base)
                .ok_or_else(|| SfnError::StateMachineDoesNotExist(requested.clone()))?;
            if machine.machine_type == MachineType::Express {
                return Err(SfnError::StateMachineTypeNotSupported(
                    "This operation is not supported by this type of state machine".into(),
                ));
            }
            listed_qualifier(machine, &qualifier, &requested)?;
        }
        let of = match &qualifier {
            Qualifier::None => ExecutionsOf::Machine(&base),
            Qualifier::Version(_) => ExecutionsOf::Version(&base, &requested),
            _ => ExecutionsOf::Alias(&base, &requested),
        };
        self.list_page(of, &input, &page)
    }

    /// ListExecutions for a Map Run: its child executions.
    fn list_map_run_executions(
        &self,
        map_run_arn: &str,
        input: &ListExecutionsInput,
        page: PageRequest,
    ) -> SfnResult<ListExecutionsOutput> {
        checked_map_run_arn(map_run_arn)?;
        if !self.executions.map_run_exists(map_run_arn) {
            return Err(map_run_not_found(map_run_arn));
        }
        self.list_page(ExecutionsOf::MapRun(map_run_arn), input, &page)
    }

    /// One page of ListExecutions of `of`'s executions, filtered by the request's status and
    /// redrive filters.
    fn list_page(
        &self,
        of: ExecutionsOf<'_>,
        input: &ListExecutionsInput,
        page: &PageRequest,
    ) -> SfnResult<ListExecutionsOutput> {
        let filter = ExecutionFilter {
            of,
            status: input.status_filter.as_deref(),
            redriven: input.redrive_filter.as_deref().map(|f| f == "REDRIVEN"),
        };
        self.executions.list(&filter, |matching| {
            // Page over references; only the page's items are built.
            let key = |i: usize| Cow::Borrowed(matching[i].info.execution_arn.as_str());
            let (range, next_token) = page.range(matching.len(), key)?;
            let executions = matching[range]
                .iter_mut()
                .map(|r| execution_output::listing(r));
            Ok(ListExecutionsOutput {
                executions: executions.collect(),
                next_token,
            })
        })
    }
}

/// One page of GetExecutionHistory, encoded while the engine holds the record the rendered
/// events borrow from.
fn history_page(
    record: &mut Record,
    input: &ExecutionRequest,
    page: &PageRequest,
) -> SfnResult<Bytes> {
    let len = record.history.len();
    let reverse = input.reverse_order == Some(true);
    // The position in `history` of the page's i-th event.
    let at = |i: usize| if reverse { len - 1 - i } else { i };
    let history = &record.history;
    let (range, next_token) = page.range(len, |i| Cow::Owned(history[at(i)].id.to_string()))?;
    let positions = range.map(at);
    let without_data: Vec<Arc<RawValue>>;
    let events: Vec<&RawValue> = match input.include_execution_data {
        Some(false) => {
            without_data = (positions.map(|i| raw_json(&history[i].to_wire(false)))).collect();
            without_data.iter().map(|e| &**e).collect()
        }
        _ => {
            let rendered = record.wire_history();
            positions.map(|i| &*rendered[i]).collect()
        }
    };
    let size: usize = events.iter().map(|e| e.get().len() + 1).sum();
    let output = GetExecutionHistoryOutput { events, next_token };
    Ok(super::encode_sized(&output, size + 64))
}

impl Sfn {
    /// SendTaskSuccess: the output must be JSON; the token must belong to a waiting task.
    pub fn send_task_success(
        &self,
        input: SendTaskSuccessInput,
    ) -> SfnResult<SendTaskSuccessOutput> {
        let mut check = Check::new();
        check.required("output", &input.output);
        check.finish()?;
        let token = checked_task(&input.task_token, input.output.as_deref(), None, None)?;
        self.executions
            .check_task_token(&token)
            .map_err(token_error)?;
        let output = check_json_payload(input.output.as_deref().unwrap_or_default())
            .map_err(SfnError::InvalidOutput)?;
        self.executions
            .complete_task(&token, Ok(output))
            .map_err(token_error)?;
        Ok(SendTaskSuccessOutput {})
    }

    /// SendTaskFailure: the task fails with the given error and cause (both may be empty).
    pub fn send_task_failure(
        &self,
        input: SendTaskFailureInput,
    ) -> SfnResult<SendTaskFailureOutput> {
        let (error, cause) = (input.error.as_deref(), input.cause.as_deref());
        let token = checked_task(&input.task_token, None, error, cause)?;
        let failure = Failure::new(
            input.error.unwrap_or_default(),
            input.cause.unwrap_or_default(),
        );
        self.executions
            .complete_task(&token, Err(failure))
            .map_err(token_error)?;
        Ok(SendTaskFailureOutput {})
    }

    /// SendTaskHeartbeat: resets the task's HeartbeatSeconds clock.
    pub fn send_task_heartbeat(
        &self,
        input: SendTaskHeartbeatInput,
    ) -> SfnResult<SendTaskHeartbeatOutput> {
        let token = checked_task(&input.task_token, None, None, None)?;
        self.executions
            .heartbeat_task(&token)
            .map_err(token_error)?;
        Ok(SendTaskHeartbeatOutput {})
    }

    /// DescribeMapRun: a Map Run's settings and its children's counts, live while it runs.
    pub fn describe_map_run(&self, input: DescribeMapRunInput) -> SfnResult<DescribeMapRunOutput> {
        let arn = checked_map_run(&input.map_run_arn)?;
        let described = (self.executions).read_map_run(&arn, execution_output::describe_map_run);
        described.ok_or_else(|| map_run_not_found(&arn))
    }

    /// UpdateMapRun.
    pub fn update_map_run(&self, input: UpdateMapRunInput) -> SfnResult<UpdateMapRunOutput> {
        let mut check = Check::new();
        check.range("maxConcurrency", input.max_concurrency, 0, i64::MAX);
        check.range(
            "toleratedFailureCount",
            input.tolerated_failure_count,
            0,
            i64::MAX,
        );
        check.range_f64(
            "toleratedFailurePercentage",
            input.tolerated_failure_percentage,
            0.0,
            100.0,
        );
        check.finish()?;
        let arn = checked_map_run(&input.map_run_arn)?;
        let update = MapRunUpdate {
            max_concurrency: input.max_concurrency.map(|n| n as u64),
            tolerated_failure_count: input.tolerated_failure_count.map(|n| n as u64),
            tolerated_failure_percentage: input.tolerated_failure_percentage,
        };
        match self.executions.update_map_run(&arn, update) {
            Ok(()) => Ok(UpdateMapRunOutput {}),
            Err(MapRunUpdateError::Unknown) => Err(map_run_not_found(&arn)),
            Err(MapRunUpdateError::Completed) => Err(SfnError::ValidationFor(
                format!("Map Run '{arn}' has completed and cannot be updated"),
                ValidationReason::CannotUpdateCompletedMapRun,
            )),
        }
    }
}

/// The version or alias a ListExecutions request names must exist (the model lists
/// `ResourceNotFound` for ListExecutions; that it answers a missing version or alias so is a
/// guess), and a Distributed Map label ARN is refused: its children are listed by `mapRunArn`.
fn listed_qualifier(
    machine: &StateMachine,
    qualifier: &Qualifier,
    requested: &str,
) -> SfnResult<()> {
    let exists = match qualifier {
        Qualifier::None => true,
        Qualifier::Version(n) => machine.versions.contains_key(n),
        Qualifier::Alias(name) => machine.aliases.contains_key(name),
        Qualifier::Label(_) => return Err(arn::labeled_arn_refused(requested)),
    };
    match exists {
        true => Ok(()),
        false => Err(SfnError::ResourceNotFound(requested.to_owned())),
    }
}

fn checked_map_run(map_run_arn: &Option<String>) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("mapRunArn", map_run_arn);
    check.len("mapRunArn", map_run_arn.as_deref(), 1, 2000);
    check.finish()?;
    let arn = map_run_arn.clone().unwrap_or_default();
    checked_map_run_arn(&arn)?;
    Ok(arn)
}

/// A Map Run ARN must name a Map Run.
fn checked_map_run_arn(arn: &str) -> SfnResult<()> {
    match arn::parse(arn)? {
        Resource::MapRun => Ok(()),
        other => Err(arn::wrong_type(&other)),
    }
}

fn map_run_not_found(arn: &str) -> SfnError {
    SfnError::ResourceNotFound(arn.to_owned())
}
