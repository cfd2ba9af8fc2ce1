//! The execution-side operations. Their request validation is complete; what needs the engine
//! (starting executions, TestState) answers `NotImplemented` until the engine lands, and the
//! lookups answer as AWS does when no such execution, task or map run exists — which, without
//! an engine, is always the case.

use super::Sfn;
use super::arn::{self, Qualifier, Resource};
use super::check::{self, Check};
use super::error::{SfnError, SfnResult};
use super::page::PageRequest;
use super::wire::Empty;
use crate::asl::validate::MachineType;
use serde::{Deserialize, Serialize};

/// The largest execution input, task output or state payload: 256 KiB of UTF-8.
pub const PAYLOAD_MAX: usize = 262_144;

const STATUSES: &[&str] = &[
    "RUNNING",
    "SUCCEEDED",
    "FAILED",
    "TIMED_OUT",
    "ABORTED",
    "PENDING_REDRIVE",
];

/// StartExecution and StartSyncExecution request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartExecutionInput {
    state_machine_arn: Option<String>,
    name: Option<String>,
    input: Option<String>,
    trace_header: Option<String>,
    included_data: Option<String>,
}

/// A request naming one execution, with the optional members some operations add.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionArnInput {
    execution_arn: Option<String>,
    error: Option<String>,
    cause: Option<String>,
    included_data: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
    client_token: Option<String>,
}

/// ListExecutions request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListExecutionsInput {
    state_machine_arn: Option<String>,
    status_filter: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
    map_run_arn: Option<String>,
    redrive_filter: Option<String>,
}

/// ListExecutions response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListExecutionsOutput {
    executions: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

/// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendTaskInput {
    task_token: Option<String>,
    output: Option<String>,
    error: Option<String>,
    cause: Option<String>,
}

/// DescribeMapRun, UpdateMapRun and ListMapRuns request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MapRunInput {
    map_run_arn: Option<String>,
    execution_arn: Option<String>,
    max_concurrency: Option<i64>,
    tolerated_failure_percentage: Option<f64>,
    tolerated_failure_count: Option<i64>,
    max_results: Option<i64>,
    next_token: Option<String>,
}

/// Checks an execution input (or task output) is JSON text within the payload limit.
pub fn check_json_payload(text: &str) -> Result<(), String> {
    if text.len() > PAYLOAD_MAX {
        return Err(format!(
            "Payload size of {} bytes exceeds the maximum of {PAYLOAD_MAX} bytes",
            text.len()
        ));
    }
    if text.trim().is_empty() {
        return Err("Invalid execution input.".into());
    }
    serde_json::from_str::<serde_json::Value>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The execution ARN of a standard execution; `express:` ARNs are not valid for these calls.
fn standard_execution(arn: &str) -> SfnResult<()> {
    match arn::parse(arn)? {
        Resource::Execution => Ok(()),
        other => Err(arn::wrong_type(&other)),
    }
}

fn checked_execution(input: &ExecutionArnInput, token_max: usize) -> SfnResult<String> {
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
    PageRequest {
        max_results: input.max_results,
        next_token: input.next_token.clone(),
    }
    .check(&mut check, token_max);
    check.finish()?;
    let arn = input.execution_arn.clone().unwrap_or_default();
    standard_execution(&arn)?;
    Ok(arn)
}

fn checked_task(input: &SendTaskInput) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("taskToken", &input.task_token);
    check.len("taskToken", input.task_token.as_deref(), 1, 2048);
    check.len("output", input.output.as_deref(), 0, PAYLOAD_MAX);
    check.len("error", input.error.as_deref(), 0, 256);
    check.len("cause", input.cause.as_deref(), 0, 32768);
    check.finish()?;
    Ok(input.task_token.clone().unwrap_or_default())
}

/// No task is ever waiting for a token until the engine can start executions.
fn unknown_token(_token: &str) -> SfnError {
    SfnError::InvalidToken("Invalid token".into())
}

impl Sfn {
    /// Validates a start request against the machine (or version or alias) it names.
    fn checked_start(&self, input: &StartExecutionInput) -> SfnResult<MachineType> {
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
        check.one_of(
            "includedData",
            input.included_data.as_deref(),
            &["ALL_DATA", "METADATA_ONLY"],
        );
        check.finish()?;
        if let Some(name) = &input.name {
            check::resource_name(name)?;
        }
        if let Some(text) = &input.input {
            check_json_payload(text).map_err(SfnError::InvalidExecutionInput)?;
        }
        let requested = input.state_machine_arn.clone().unwrap_or_default();
        let (base, qualifier) = arn::state_machine(&requested)?;
        let state = self.lock();
        let missing = || SfnError::StateMachineDoesNotExist(requested.clone());
        let machine = state.machines.get(&base).ok_or_else(missing)?;
        match qualifier {
            Qualifier::None => {}
            Qualifier::Version(n) if machine.versions.contains_key(&n) => {}
            Qualifier::Alias(name) if machine.aliases.contains_key(&name) => {}
            Qualifier::Label(_) => {
                return Err(SfnError::Validation(format!(
                    "Invalid State Machine Arn: '{requested}'"
                )));
            }
            _ => return Err(missing()),
        }
        Ok(machine.machine_type)
    }

    /// StartExecution: validated in full; running it needs the execution engine.
    pub fn start_execution(&self, input: StartExecutionInput) -> SfnResult<Empty> {
        self.checked_start(&input)?;
        Err(SfnError::NotImplemented(
            "Running executions (StartExecution)",
        ))
    }

    /// StartSyncExecution: express machines only; running it needs the execution engine.
    pub fn start_sync_execution(&self, input: StartExecutionInput) -> SfnResult<Empty> {
        if self.checked_start(&input)? == MachineType::Standard {
            return Err(SfnError::StateMachineTypeNotSupported(
                "This operation is not supported by this type of state machine".into(),
            ));
        }
        Err(SfnError::NotImplemented(
            "Running executions (StartSyncExecution)",
        ))
    }

    /// StopExecution.
    pub fn stop_execution(&self, input: ExecutionArnInput) -> SfnResult<Empty> {
        Err(SfnError::ExecutionDoesNotExist(checked_execution(
            &input, 1024,
        )?))
    }

    /// DescribeExecution.
    pub fn describe_execution(&self, input: ExecutionArnInput) -> SfnResult<Empty> {
        Err(SfnError::ExecutionDoesNotExist(checked_execution(
            &input, 1024,
        )?))
    }

    /// DescribeStateMachineForExecution.
    pub fn describe_state_machine_for_execution(
        &self,
        input: ExecutionArnInput,
    ) -> SfnResult<Empty> {
        Err(SfnError::ExecutionDoesNotExist(checked_execution(
            &input, 1024,
        )?))
    }

    /// GetExecutionHistory.
    pub fn get_execution_history(&self, input: ExecutionArnInput) -> SfnResult<Empty> {
        Err(SfnError::ExecutionDoesNotExist(checked_execution(
            &input, 1024,
        )?))
    }

    /// RedriveExecution.
    pub fn redrive_execution(&self, input: ExecutionArnInput) -> SfnResult<Empty> {
        Err(SfnError::ExecutionDoesNotExist(checked_execution(
            &input, 1024,
        )?))
    }

    /// ListMapRuns.
    pub fn list_map_runs(&self, input: MapRunInput) -> SfnResult<Empty> {
        let as_execution = ExecutionArnInput {
            execution_arn: input.execution_arn,
            error: None,
            cause: None,
            included_data: None,
            max_results: input.max_results,
            next_token: input.next_token,
            client_token: None,
        };
        Err(SfnError::ExecutionDoesNotExist(checked_execution(
            &as_execution,
            1024,
        )?))
    }

    /// ListExecutions: for a machine (or version or alias) or a map run, exactly one of them.
    pub fn list_executions(&self, input: ListExecutionsInput) -> SfnResult<ListExecutionsOutput> {
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token,
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
        match (input.state_machine_arn, input.map_run_arn) {
            (Some(machine), None) => {
                let start = StartExecutionInput {
                    state_machine_arn: Some(machine),
                    name: None,
                    input: None,
                    trace_header: None,
                    included_data: None,
                };
                if self.checked_start(&start)? == MachineType::Express {
                    return Err(SfnError::StateMachineTypeNotSupported(
                        "This operation is not supported by this type of state machine".into(),
                    ));
                }
                let (executions, next_token) = page.page::<serde_json::Value>(Vec::new())?;
                Ok(ListExecutionsOutput {
                    executions,
                    next_token,
                })
            }
            (None, Some(map_run)) => Err(map_run_not_found(&map_run)),
            _ => Err(SfnError::Validation(
                "Must provide a StateMachine ARN or a MapRun ARN, but not both".into(),
            )),
        }
    }

    /// SendTaskSuccess: the output must be JSON; the token must belong to a waiting task.
    pub fn send_task_success(&self, input: SendTaskInput) -> SfnResult<Empty> {
        let mut check = Check::new();
        check.required("output", &input.output);
        check.finish()?;
        let token = checked_task(&input)?;
        check_json_payload(input.output.as_deref().unwrap_or_default())
            .map_err(SfnError::InvalidOutput)?;
        Err(unknown_token(&token))
    }

    /// SendTaskFailure.
    pub fn send_task_failure(&self, input: SendTaskInput) -> SfnResult<Empty> {
        Err(unknown_token(&checked_task(&input)?))
    }

    /// SendTaskHeartbeat.
    pub fn send_task_heartbeat(&self, input: SendTaskInput) -> SfnResult<Empty> {
        Err(unknown_token(&checked_task(&input)?))
    }

    /// DescribeMapRun.
    pub fn describe_map_run(&self, input: MapRunInput) -> SfnResult<Empty> {
        Err(map_run_not_found(&checked_map_run(&input)?))
    }

    /// UpdateMapRun.
    pub fn update_map_run(&self, input: MapRunInput) -> SfnResult<Empty> {
        let mut check = Check::new();
        check.range("maxConcurrency", input.max_concurrency, 0, i64::MAX);
        check.range(
            "toleratedFailureCount",
            input.tolerated_failure_count,
            0,
            i64::MAX,
        );
        if let Some(p) = input
            .tolerated_failure_percentage
            .filter(|p| !(0.0..=100.0).contains(p))
        {
            check.custom(format!(
                "Value '{p}' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value between 0 and 100"
            ));
        }
        check.finish()?;
        Err(map_run_not_found(&checked_map_run(&input)?))
    }
}

fn checked_map_run(input: &MapRunInput) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("mapRunArn", &input.map_run_arn);
    check.len("mapRunArn", input.map_run_arn.as_deref(), 1, 2000);
    check.finish()?;
    let arn = input.map_run_arn.clone().unwrap_or_default();
    match arn::parse(&arn)? {
        Resource::MapRun => Ok(arn),
        other => Err(arn::wrong_type(&other)),
    }
}

fn map_run_not_found(arn: &str) -> SfnError {
    SfnError::ResourceNotFound(format!("Resource not found: '{arn}'"))
}
