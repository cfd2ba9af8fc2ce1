//! TestState's request rules: which states take a mock, what a mock must look like, when a role
//! is required. Running the state needs the execution engine; until it lands a valid request is
//! answered `NotImplemented`.

use super::Sfn;
use super::check::Check;
use super::error::{SfnError, SfnResult};
use super::executions::PAYLOAD_MAX;
use super::state_machines::parse_definition;
use super::wire::Empty;
use crate::asl::definition::{IntegrationPattern, ResourceKind, State, StateKind};
use crate::asl::validate::{self, MachineType};
use serde::Deserialize;
use serde_json::Value;

/// TestState request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestStateInput {
    definition: Option<String>,
    role_arn: Option<String>,
    input: Option<String>,
    inspection_level: Option<String>,
    reveal_secrets: Option<bool>,
    variables: Option<String>,
    state_name: Option<String>,
    mock: Option<MockInput>,
    context: Option<String>,
}

/// A mocked task result or error.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MockInput {
    result: Option<String>,
    error_output: Option<MockErrorOutput>,
    field_validation_mode: Option<String>,
}

/// A mocked error.
#[derive(Debug, Deserialize)]
pub struct MockErrorOutput {
    error: Option<String>,
    cause: Option<String>,
}

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
    let state = definition.machine.states.get(name).cloned();
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
/// Parallel branch, an object for a Map that writes its results elsewhere.
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
        _ => {}
    }
    Ok(())
}

/// A context object is JSON, and carries a `Task.Token` only for a state that waits for one.
fn check_context(kind: &StateKind, context: &str) -> SfnResult<()> {
    let context: Value = serde_json::from_str(context)
        .map_err(|e| invalid(&format!("The context is not valid JSON: {e}")))?;
    if context.pointer("/Task/Token").is_some() && !waits_for_token(kind) {
        return Err(invalid(
            "The context object can only contain a Task.Token for a Task state with the .waitForTaskToken integration pattern",
        ));
    }
    Ok(())
}

fn waits_for_token(kind: &StateKind) -> bool {
    let StateKind::Task(task) = kind else {
        return false;
    };
    matches!(
        task.resource.kind,
        ResourceKind::Integration {
            pattern: IntegrationPattern::WaitForTaskToken,
            ..
        }
    )
}

impl Sfn {
    /// TestState: every rule AWS applies to the request; running the state needs the engine.
    pub fn test_state(&self, input: TestStateInput) -> SfnResult<Empty> {
        check_members(&input)?;
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
        let state = state_under_test(&input)?;
        match &input.mock {
            Some(mock) => check_mock(&state.kind, mock)?,
            None if input.context.is_some() => {
                return Err(invalid(
                    "A context can only be specified together with a mock.",
                ));
            }
            None if matches!(state.kind, StateKind::Task(_)) && input.role_arn.is_none() => {
                return Err(invalid(
                    "RoleArn must be specified when testing a Task state",
                ));
            }
            None => {}
        }
        if let Some(context) = &input.context {
            check_context(&state.kind, context)?;
        }
        Err(SfnError::NotImplemented("Running states (TestState)"))
    }
}
