//! `aws-sdk:lambda:invoke` when Lambda tasks are forwarded to another endpoint
//! (`LAMBDA_ENDPOINT`): the call goes there, and the answer is shaped as the SDK v2 returns
//! it — `Payload` as text, unlike the optimized `lambda:invoke`, which parses it.

use super::sdk_failure;
use crate::asl::errors::Failure;
use crate::integrations::lambda::{LambdaTarget, invoke_request};
use crate::services::lambda::LambdaError;
use bytes::Bytes;
use serde_json::{Value, json};

/// `Invoke` through `target`: the SDK response, `Payload` as text and `FunctionError` when
/// the handler failed (the call itself succeeded, so the task does too).
pub async fn forwarded_invoke(target: &LambdaTarget, arguments: &Value) -> Result<Value, Failure> {
    // The SDK sends the payload as given: text as it is, JSON as its text.
    let payload = match arguments.get("Payload") {
        None | Some(Value::Null) => Bytes::new(),
        Some(Value::String(text)) => Bytes::from(text.clone()),
        Some(value) => Bytes::from(value.to_string()),
    };
    let missing = || {
        let detail = "The request must include FunctionName (a string)";
        sdk_failure("Lambda", "ValidationException", 400, detail)
    };
    let request = invoke_request(arguments, payload, missing, service_failure)?;
    let out = target.call(request, service_failure).await?;
    let mut response = json!({
        "StatusCode": out.status,
        "Payload": String::from_utf8_lossy(&out.payload),
    });
    let headers = [
        ("ExecutedVersion", out.executed_version),
        ("FunctionError", out.function_error),
        ("LogResult", out.log_result),
    ];
    for (name, value) in headers {
        if let Some(value) = value {
            response[name] = json!(value);
        }
    }
    Ok(response)
}

fn service_failure(error: LambdaError) -> Failure {
    let status = error.status().as_u16();
    sdk_failure("Lambda", error.code(), status, error.message())
}
