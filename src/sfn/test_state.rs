//! TestState: AWS's request rules (which states take a mock, what a mock must look like, when a
//! role is required), then the state run once by [`crate::engine::test_state`] and its outcome
//! in TestState's wire shape.

use super::check::Check;
use super::error::{SfnError, SfnResult};
use super::executions::{PAYLOAD_MAX, check_json_payload};
use super::state_machines::{check_role_arn, parse_definition};
use super::types::{MockInput, TestStateConfiguration, TestStateInput, TestStateOutput};
use super::{Sfn, encode};
use crate::asl::definition::{IntegrationPattern, ResourceKind, State, StateKind};
use crate::asl::errors::Failure;
use crate::asl::validate::{self, MachineType};
use crate::engine::test_state::{
    self, Configuration, ErrorDetails, Inspection, LONE_STATE_NAME, Mock, Outcome, Progress,
    Request,
};
use crate::engine::workers::evaluate_here;
use crate::integrations::schema;
use crate::protocol::WireError;
use bytes::Bytes;
use serde_json::{Map, Value, json};

fn invalid(message: &str) -> SfnError {
    SfnError::Validation(message.to_owned())
}

fn check_members(input: &TestStateInput) -> SfnResult<()> {
    let mut check = Check::new();
    check.required("definition", &input.definition);
    check.len("definition", input.definition.as_deref(), 1, 1_048_576);
    check.len("roleArn", input.role_arn.as_deref(), 1, 256);
    check.len("input", input.input.as_deref(), 0, PAYLOAD_MAX);
    check.len("variables", input.variables.as_deref(), 0, PAYLOAD_MAX);
    check.len("context", input.context.as_deref(), 0, PAYLOAD_MAX);
    check.len("stateName", input.state_name.as_deref(), 1, 80);
    check.one_of(
        "inspectionLevel",
        input.inspection_level.as_deref(),
        &["INFO", "DEBUG", "TRACE"],
    );
    if let Some(mock) = &input.mock {
        check.len("mock.result", mock.result.as_deref(), 0, PAYLOAD_MAX);
        check.one_of(
            "mock.fieldValidationMode",
            mock.field_validation_mode.as_deref(),
            &["STRICT", "PRESENT", "NONE"],
        );
        if let Some(error) = &mock.error_output {
            check.len("mock.errorOutput.error", error.error.as_deref(), 0, 256);
            check.len("mock.errorOutput.cause", error.cause.as_deref(), 0, 32768);
        }
    }
    if let Some(configuration) = &input.state_configuration {
        let field = |name: &str| format!("stateConfiguration.{name}");
        check.range(
            &field("retrierRetryCount"),
            configuration.retrier_retry_count,
            0,
            i64::MAX,
        );
        check.range(
            &field("mapIterationFailureCount"),
            configuration.map_iteration_failure_count,
            0,
            i64::MAX,
        );
        check.len(
            &field("errorCausedByState"),
            configuration.error_caused_by_state.as_deref(),
            1,
            80,
        );
        check.len(
            &field("mapItemReaderData"),
            configuration.map_item_reader_data.as_deref(),
            0,
            PAYLOAD_MAX,
        );
    }
    check.finish()
}

/// The state under test: the lone state given, or the named state of a whole machine.
fn state_under_test(input: &TestStateInput) -> SfnResult<State> {
    let text = input.definition.as_deref().unwrap_or_default();
    let Some(name) = &input.state_name else {
        let outcome = validate::check_state(text, MachineType::Standard);
        return outcome
            .state
            .ok_or_else(|| SfnError::InvalidDefinition(validate::summary(&outcome.diagnostics)));
    };
    let definition = parse_definition(text, MachineType::Standard)?;
    // AWS tests a state anywhere in the machine, inside Parallel branches and Map processors
    // too (the model: "the particular state within a state machine definition").
    let state = definition.machine.find_state(name).cloned();
    state.ok_or_else(|| {
        invalid(&format!(
            "State '{name}' does not exist in the state machine definition"
        ))
    })
}

fn type_name(kind: &StateKind) -> &'static str {
    match kind {
        StateKind::Pass(_) => "Pass",
        StateKind::Task(_) => "Task",
        StateKind::Choice(_) => "Choice",
        StateKind::Wait(_) => "Wait",
        StateKind::Succeed => "Succeed",
        StateKind::Fail(_) => "Fail",
        StateKind::Parallel(_) => "Parallel",
        StateKind::Map(_) => "Map",
    }
}

/// Only Task, Map and Parallel take a mock, and a mocked result must fit the state: one item per
/// Parallel branch, an object for a Map that writes its results elsewhere, and for a Task the
/// response shape of the action it calls, as strictly as `fieldValidationMode` asks.
fn check_mock(kind: &StateKind, mock: &MockInput) -> SfnResult<()> {
    if !matches!(
        kind,
        StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_)
    ) {
        return Err(invalid(&format!(
            "State type '{}' is not supported when a mock is specified",
            type_name(kind)
        )));
    }
    let Some(text) = &mock.result else {
        return Ok(());
    };
    let result: Value = serde_json::from_str(text)
        .map_err(|e| invalid(&format!("Mocked result must be valid JSON: {e}")))?;
    match kind {
        StateKind::Parallel(parallel) => {
            let items = result
                .as_array()
                .ok_or_else(|| invalid("Mocked result must be an array."))?;
            if items.len() != parallel.branches.len() {
                return Err(invalid(
                    "Mocked result must contain the same number of items as number of Parallel branches.",
                ));
            }
        }
        StateKind::Map(map) if map.result_writer.is_some() && !result.is_object() => {
            return Err(invalid("Mocked result must be a JSON object."));
        }
        StateKind::Task(task) => {
            let mode = schema::Mode::parse(mock.field_validation_mode.as_deref());
            schema::check_mock_result(&task.resource, &result, mode).map_err(|e| invalid(&e))?;
        }
        _ => {}
    }
    Ok(())
}

/// A context object is JSON, and carries a `Task.Token` only for a state that waits for one.
fn check_context(kind: &StateKind, context: &str) -> SfnResult<()> {
    let context: Value = serde_json::from_str(context)
        .map_err(|e| invalid(&format!("The context is not valid JSON: {e}")))?;
    super::check::context_object(&context).map_err(|message| invalid(&message))?;
    if context.get("Task").is_some() && !waits_for_something(kind) {
        return Err(invalid(
            "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
        ));
    }
    Ok(())
}

/// A Task state whose integration waits for a job (`.sync`) or a task token: the states whose
/// context may carry `Task` (recorded wording names both patterns).
fn waits_for_something(kind: &StateKind) -> bool {
    let StateKind::Task(task) = kind else {
        return false;
    };
    matches!(
        task.resource.kind,
        ResourceKind::Integration {
            pattern: IntegrationPattern::WaitForTaskToken
                | IntegrationPattern::Sync
                | IntegrationPattern::Sync2,
            ..
        }
    )
}

/// What AWS cannot test without a mock: a Map or Parallel state's children (refused as an
/// `InvalidDefinition` in AWS's recorded words), and a Task that waits for something outside (an
/// activity worker, a job, a task token).
fn needs_a_mock(kind: &StateKind) -> SfnResult<()> {
    let what = match kind {
        StateKind::Map(_) | StateKind::Parallel(_) => {
            return Err(SfnError::InvalidDefinitionAs(
                "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]"
                    .into(),
            ));
        }
        StateKind::Task(task) => match &task.resource.kind {
            ResourceKind::Activity => Some("an activity Task state"),
            ResourceKind::Integration {
                pattern: IntegrationPattern::RequestResponse,
                ..
            } => None,
            ResourceKind::Integration { .. } => {
                Some("a Task state that waits for a job or a task token")
            }
            _ => None,
        },
        _ => None,
    };
    match what {
        Some(what) => Err(invalid(&format!(
            "A mock must be specified when testing {what}"
        ))),
        None => Ok(()),
    }
}

/// Every rule AWS applies to the request; the state under test when they all hold.
fn checked_request(input: &TestStateInput) -> SfnResult<State> {
    check_members(input)?;
    // The model lists InvalidArn for TestState; the role is checked as CreateStateMachine
    // checks it (that it comes before the definition is a guess).
    if let Some(role_arn) = &input.role_arn {
        check_role_arn(role_arn)?;
    }
    if let Some(mock) = &input.mock {
        if mock.result.is_some() == mock.error_output.is_some() {
            return Err(invalid(
                "A test mock should have only one of the following fields: [result, errorOutput].",
            ));
        }
        if input.reveal_secrets == Some(true) {
            return Err(invalid(
                "TestState does not support RevealSecrets when a mock is specified.",
            ));
        }
    }
    let state = state_under_test(input)?;
    match &input.mock {
        Some(mock) => check_mock(&state.kind, mock)?,
        None if input.context.is_some() => {
            return Err(invalid(
                "A context can only be specified together with a mock.",
            ));
        }
        None => {
            needs_a_mock(&state.kind)?;
            if matches!(state.kind, StateKind::Task(_)) && input.role_arn.is_none() {
                return Err(invalid(
                    "RoleArn must be specified when testing a Task state",
                ));
            }
        }
    }
    if let Some(context) = &input.context {
        check_context(&state.kind, context)?;
    }
    Ok(state)
}

/// Parses a JSON member the request rules have not looked at yet.
fn json_member(name: &str, text: &str) -> SfnResult<Value> {
    serde_json::from_str(text).map_err(|e| invalid(&format!("The {name} is not valid JSON: {e}")))
}

/// The mock as the engine takes it (the request rules made sure it has exactly one member).
fn mock(input: &MockInput) -> SfnResult<Mock> {
    if let Some(result) = &input.result {
        return json_member("mocked result", result).map(Mock::Result);
    }
    let error = input.error_output.as_ref();
    let error_name = error.and_then(|e| e.error.clone()).unwrap_or_default();
    let cause = error.and_then(|e| e.cause.clone()).unwrap_or_default();
    Ok(Mock::Error(Failure::new(error_name, cause)))
}

fn configuration(input: Option<&TestStateConfiguration>) -> SfnResult<Configuration> {
    let Some(input) = input else {
        return Ok(Configuration::default());
    };
    let count = |value: Option<i64>| value.and_then(|n| u64::try_from(n).ok());
    let map_item_reader_data = input
        .map_item_reader_data
        .as_deref()
        .map(|text| json_member("mapItemReaderData", text))
        .transpose()?;
    Ok(Configuration {
        retrier_retry_count: count(input.retrier_retry_count).unwrap_or(0),
        map_iteration_failure_count: count(input.map_iteration_failure_count),
        map_item_reader_data,
    })
}

fn variables(text: Option<&str>) -> SfnResult<Map<String, Value>> {
    match text
        .map(|text| json_member("variables", text))
        .transpose()?
    {
        None => Ok(Map::new()),
        Some(Value::Object(variables)) => Ok(variables),
        Some(_) => Err(invalid("The variables must be a JSON object.")),
    }
}

/// The TestState response; `inspectionData` only at DEBUG and TRACE.
fn response(outcome: Outcome, level: Option<&str>) -> TestStateOutput {
    let detailed = matches!(level, Some("DEBUG" | "TRACE"));
    TestStateOutput {
        status: Some(outcome.status.as_str().to_owned()),
        output: outcome.output.map(|output| output.to_string()),
        error: outcome.error,
        cause: outcome.cause,
        next_state: outcome.next_state,
        inspection_data: detailed.then(|| inspection_data(outcome.inspection)),
    }
}

/// `InspectionData`: payloads as JSON text, settings as numbers.
fn inspection_data(inspection: Inspection) -> Value {
    let mut data = Map::new();
    let payloads = [
        ("input", inspection.input),
        ("afterInputPath", inspection.after_input_path),
        ("afterParameters", inspection.after_parameters),
        ("afterArguments", inspection.after_arguments),
        ("result", inspection.result),
        ("afterResultSelector", inspection.after_result_selector),
        ("afterResultPath", inspection.after_result_path),
        ("afterItemsPath", inspection.after_items_path),
        ("afterItemSelector", inspection.after_item_selector),
        ("afterItemBatcher", inspection.after_item_batcher),
        ("variables", inspection.variables),
    ];
    for (key, value) in payloads {
        if let Some(value) = value {
            data.insert(key.to_owned(), Value::String(value.to_string()));
        }
    }
    let settings = [
        (
            "maxConcurrency",
            inspection.max_concurrency.map(Value::from),
        ),
        (
            "toleratedFailureCount",
            inspection.tolerated_failure_count.map(Value::from),
        ),
        (
            "toleratedFailurePercentage",
            inspection.tolerated_failure_percentage.map(Value::from),
        ),
        ("errorDetails", inspection.error_details.map(error_details)),
    ];
    for (key, value) in settings {
        if let Some(value) = value {
            data.insert(key.to_owned(), value);
        }
    }
    Value::Object(data)
}

fn error_details(details: ErrorDetails) -> Value {
    let mut object = json!({});
    let members = [
        ("catchIndex", details.catch_index.map(Value::from)),
        ("retryIndex", details.retry_index.map(Value::from)),
        (
            "retryBackoffIntervalSeconds",
            details.retry_backoff_interval_seconds.map(Value::from),
        ),
    ];
    for (key, value) in members {
        if let Some(value) = value {
            object[key] = value;
        }
    }
    object
}

impl Sfn {
    /// TestState: every rule AWS applies to the request, then the state run once. Only an
    /// unmocked Task calls out (to its integration); everything else answers at once.
    pub async fn test_state(&self, body: &[u8]) -> Result<Bytes, WireError> {
        let input: TestStateInput = crate::protocol::json::parse_input(body)?;
        let state = checked_request(&input)?;
        let state_input = check_json_payload(input.input.as_deref().unwrap_or("{}"))
            .map_err(SfnError::InvalidExecutionInput)?;
        let configuration = configuration(input.state_configuration.as_ref())?;
        // The engine's clock, so TestState's times follow a manual clock as executions do.
        let now = self.executions.clock().now();
        let context = match &input.context {
            Some(text) => json_member("context", text)?,
            None => test_state::synthetic_context(
                &self.scope.region,
                &self.scope.account,
                input.role_arn.as_deref(),
                &state_input,
                input.state_name.as_deref().unwrap_or(LONE_STATE_NAME),
                configuration.retrier_retry_count,
                now,
            ),
        };
        let request = Request {
            state: &state,
            input: state_input,
            context,
            variables: variables(input.variables.as_deref())?,
            mock: input.mock.as_ref().map(mock).transpose()?,
            configuration,
            now,
        };
        let progress = evaluate_here(|| test_state::start(request))
            .map_err(|invalid| SfnError::Validation(invalid.0))?;
        let outcome = match progress {
            Progress::Done(outcome) => *outcome,
            Progress::Call(pending) => {
                let result = self
                    .executions
                    .perform_task(pending.resource(), &pending.parameters)
                    .await;
                evaluate_here(|| pending.resume(result))
            }
        };
        Ok(encode(&response(
            outcome,
            input.inspection_level.as_deref(),
        )))
    }
}
