//! `aws-sdk:sfn:*`: the Step Functions API called in process through its JSON operations.
//! Arguments and results differ from the wire only in member-name case (PascalCase in ASL,
//! camelCase on the wire) and in timestamps (ISO-8601 text in results, as the SDK v2 renders
//! them).

use super::{bad_arguments, sdk_failure};
use crate::asl::errors::Failure;
use crate::engine::tasks::StepFunctions;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Members that are JSON documents carried as strings: a JSON value given for one is sent as
/// its text, as Step Functions does.
const JSON_TEXT_MEMBERS: &[&str] = &["input", "output", "definition"];

/// Calls the operation named by `action` (e.g. `startExecution`).
pub async fn call(
    sfn: &dyn StepFunctions,
    action: &str,
    parameters: &Value,
) -> Result<Value, Failure> {
    let Value::Object(arguments) = parameters else {
        return Err(bad_arguments("Sfn", "The arguments must be a JSON object"));
    };
    let body = Value::Object(request(arguments)).to_string();
    match sfn.call(&first_upper(action), body.as_bytes()).await {
        Ok(bytes) => {
            let response: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            Ok(result(response))
        }
        Err(error) => Err(sdk_failure(
            "Sfn",
            &error.code,
            error.status.as_u16(),
            &error.message,
        )),
    }
}

/// The wire request: camelCase member names at every level.
fn request(arguments: &Map<String, Value>) -> Map<String, Value> {
    arguments
        .iter()
        .map(|(name, value)| {
            let name = first_lower(name);
            let value = match value {
                Value::Object(_) | Value::Array(_) | Value::Number(_) | Value::Bool(_)
                    if JSON_TEXT_MEMBERS.contains(&name.as_str()) =>
                {
                    Value::String(value.to_string())
                }
                other => nested(other, request),
            };
            (name, value)
        })
        .collect()
}

/// The SDK's result: PascalCase member names, timestamps as ISO-8601 text.
fn result(response: Value) -> Value {
    match response {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(name, value)| {
                    let value = match value {
                        Value::Number(n) if is_timestamp(&name) => iso(n.as_f64().unwrap_or(0.0)),
                        other => result(other),
                    };
                    (first_upper(&name), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(result).collect()),
        other => other,
    }
}

fn nested(value: &Value, convert: fn(&Map<String, Value>) -> Map<String, Value>) -> Value {
    match value {
        Value::Object(members) => Value::Object(convert(members)),
        Value::Array(items) => Value::Array(items.iter().map(|v| nested(v, convert)).collect()),
        other => other.clone(),
    }
}

/// Step Functions' timestamp members: `startDate`, `creationDate`, ..., and history events'
/// `timestamp`.
fn is_timestamp(name: &str) -> bool {
    name.ends_with("Date") || name == "timestamp"
}

/// Epoch seconds as the SDK v2 prints an `Instant`: `2024-05-01T12:00:00.123Z`.
fn iso(seconds: f64) -> Value {
    let nanos = (seconds * 1000.0).round() as i128 * 1_000_000;
    let time =
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    Value::String(time.format(&Rfc3339).unwrap_or_default())
}

fn first_lower(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn first_upper(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests_are_camel_case_with_json_documents_as_text() {
        let Value::Object(arguments) = json!({
            "StateMachineArn": "arn", "Input": {"key": "value"},
            "Tags": [{"Key": "k", "Value": "v"}]
        }) else {
            unreachable!()
        };
        assert_eq!(
            Value::Object(request(&arguments)),
            json!({
                "stateMachineArn": "arn", "input": "{\"key\":\"value\"}",
                "tags": [{"key": "k", "value": "v"}]
            })
        );
    }

    #[test]
    fn results_are_pascal_case_with_iso_timestamps() {
        assert_eq!(
            result(json!({"executionArn": "arn", "startDate": 1714564800.123})),
            json!({"ExecutionArn": "arn", "StartDate": "2024-05-01T12:00:00.123Z"})
        );
        assert_eq!(
            result(json!({"events": [{"timestamp": 1714564800, "id": 1}]})),
            json!({"Events": [{"Timestamp": "2024-05-01T12:00:00Z", "Id": 1}]})
        );
    }
}
