//! The Step Functions integration: starting a nested execution, and for `.sync` / `.sync:2`
//! waiting for it and returning its description.

use super::sdk_metadata;
use crate::asl::definition::IntegrationPattern;
use crate::asl::errors::Failure;
use crate::engine::executions::Summary;
use crate::engine::tasks::StepFunctions;
use crate::protocol::WireError;
use serde_json::{Value, json};
use std::sync::Arc;
use time::OffsetDateTime;

/// `states:startExecution` with the given pattern.
pub async fn start_execution(
    sfn: Arc<dyn StepFunctions>,
    parameters: &Value,
    pattern: IntegrationPattern,
    submitted: impl FnOnce(Value),
) -> Result<Value, Failure> {
    // Absent or `null`, it is not sent, and StartExecution says it must not be null.
    let machine = parameters.get("StateMachineArn").and_then(Value::as_str);
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
        .start_execution(machine, name, input)
        .map_err(service_failure)?;
    let started = started(&execution_arn, start);
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

/// StartExecution's response as the Java SDK returns it: the execution, its start (epoch
/// milliseconds) and the HTTP metadata of the call, whose `Content-Length` is that of the
/// wire response (`{"executionArn":...,"startDate":<epoch seconds>}`) and whose `Date` is the
/// start, on the server's clock.
fn started(execution_arn: &str, start: OffsetDateTime) -> Value {
    let start_millis = millis(start);
    let wire = format!(
        r#"{{"executionArn":"{execution_arn}","startDate":{}}}"#,
        java_double(start_millis as f64 / 1000.0)
    );
    let date = sdk_metadata::http_date(start);
    let mut response = serde_json::Map::new();
    response.insert("ExecutionArn".into(), json!(execution_arn));
    sdk_metadata::add_json(&mut response, wire.len(), &date);
    response.insert("StartDate".into(), json!(start_millis));
    Value::Object(response)
}

/// A double as Java prints it (`Double.toString`): scientific notation from 10^7 up, e.g.
/// `1.730895523464E9`.
fn java_double(value: f64) -> String {
    let plain = format!("{value:?}");
    if value.abs() < 1e7 || value.abs() >= 1e16 {
        return plain;
    }
    // Shift the shortest round-trip digits rather than divide, which could add noise digits.
    let (sign, digits) = plain.split_at(usize::from(value < 0.0));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all = format!("{int}{frac}");
    let tail = all[1..].trim_end_matches('0');
    let tail = if tail.is_empty() { "0" } else { tail };
    format!("{sign}{}.{tail}E{}", &all[..1], int.len() - 1)
}

/// A nested execution a `.sync` task waits for. If the wait is abandoned (the task's future
/// is dropped while the child still runs), the child is stopped.
struct Child {
    sfn: Arc<dyn StepFunctions>,
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
        runtime.spawn(async move { sfn.stop_execution(&arn).await });
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
fn service_failure(error: WireError) -> Failure {
    Failure::new(
        super::exception_name("StepFunctions", &error.code),
        error.message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_as_java_prints_them() {
        assert_eq!(java_double(1_730_895_523.464), "1.730895523464E9");
        assert_eq!(java_double(1_730_895_523.0), "1.730895523E9");
        assert_eq!(java_double(12.5), "12.5");
        assert_eq!(java_double(1.0e9), "1.0E9");
    }
}
