//! The Step Functions integration: starting a nested execution, and for `.sync` / `.sync:2`
//! waiting for it and returning its description.

use crate::asl::definition::IntegrationPattern;
use crate::asl::errors::Failure;
use crate::engine::executions::Summary;
use crate::sfn::Sfn;
use crate::sfn::error::SfnError;
use serde_json::{Value, json};
use std::sync::Arc;
use time::OffsetDateTime;

/// `states:startExecution` with the given pattern.
pub async fn start_execution(
    sfn: Arc<Sfn>,
    parameters: &Value,
    pattern: IntegrationPattern,
    submitted: impl FnOnce(Value),
) -> Result<Value, Failure> {
    let machine = parameters
        .get("StateMachineArn")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let input = match parameters.get("Input") {
        None | Some(Value::Null) => "{}".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    let name = parameters
        .get("Name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let (execution_arn, start) = sfn
        .start_nested(machine, name, input)
        .map_err(service_failure)?;
    let started = json!({
        "ExecutionArn": execution_arn,
        "StartDate": millis(start),
        "SdkHttpMetadata": { "HttpStatusCode": 200 },
        "SdkResponseMetadata": { "RequestId": uuid::Uuid::new_v4().to_string() },
    });
    let json_output = match pattern {
        IntegrationPattern::RequestResponse | IntegrationPattern::WaitForTaskToken => {
            return Ok(started);
        }
        IntegrationPattern::Sync => false,
        IntegrationPattern::Sync2 => true,
    };
    submitted(started);
    let mut child = Child {
        sfn,
        execution_arn: Some(execution_arn.clone()),
    };
    let summary = child.sfn.wait_for_execution(&execution_arn).await;
    child.execution_arn = None;
    let summary = summary.ok_or_else(|| {
        Failure::runtime(format!("The nested execution '{execution_arn}' cannot be waited for (express executions keep no record)"))
    })?;
    let description = describe(&summary, json_output);
    match summary.status {
        crate::engine::executions::Status::Succeeded => Ok(description),
        _ => Err(Failure::new("States.TaskFailed", description.to_string())),
    }
}

/// A nested execution a `.sync` task waits for. If the wait is abandoned (the task's future
/// is dropped while the child still runs), the child is stopped.
struct Child {
    sfn: Arc<Sfn>,
    /// Still running, as far as the task knows.
    execution_arn: Option<String>,
}

impl Drop for Child {
    fn drop(&mut self) {
        let (Some(arn), Ok(runtime)) = (
            self.execution_arn.take(),
            tokio::runtime::Handle::try_current(),
        ) else {
            return;
        };
        let sfn = self.sfn.clone();
        runtime.spawn(async move { sfn.stop_nested(&arn).await });
    }
}

/// The nested execution as `.sync` reports it: `Input`/`Output` as JSON text (`.sync`) or as
/// JSON (`.sync:2`).
fn describe(summary: &Summary, json_output: bool) -> Value {
    let data = |text: &str| match json_output {
        true => serde_json::from_str(text).unwrap_or(Value::String(text.to_owned())),
        false => Value::String(text.to_owned()),
    };
    let mut description = json!({
        "ExecutionArn": summary.execution_arn,
        "Input": data(&summary.input),
        "InputDetails": { "Included": true },
        "Name": summary.name,
        "StartDate": millis(summary.start),
        "StateMachineArn": summary.state_machine_arn,
        "Status": summary.status.name(),
        "StopDate": summary.stop.map(millis),
    });
    if let Some(output) = &summary.output {
        description["Output"] = data(output);
        description["OutputDetails"] = json!({ "Included": true });
    }
    if let Some(error) = &summary.error.error {
        description["Error"] = json!(error);
    }
    if let Some(cause) = &summary.error.cause {
        description["Cause"] = json!(cause);
    }
    description
}

/// Dates in integration responses are epoch milliseconds, as the Java SDK serialises them.
fn millis(time: OffsetDateTime) -> i64 {
    (time.unix_timestamp_nanos() / 1_000_000) as i64
}

/// A Step Functions API error as the integration raises it, e.g.
/// `StepFunctions.StateMachineDoesNotExistException`.
fn service_failure(error: SfnError) -> Failure {
    let code = error.code();
    let name = if code.ends_with("Exception") {
        code.to_owned()
    } else {
        format!("{code}Exception")
    };
    Failure::new(format!("StepFunctions.{name}"), error.message())
}
