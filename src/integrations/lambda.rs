//! The Lambda integrations: the optimized `arn:aws:states:::lambda:invoke` (response wrapped
//! with the SDK's metadata) and the legacy function ARN as `Resource` (the bare payload).
//! Both call the Lambda fake's typed `invoke`, never HTTP, unless a `LAMBDA_ENDPOINT` sends
//! them to another Lambda-compatible server.

use super::lambda_forward::LambdaEndpoint;
use super::sdk_metadata;
use crate::asl::errors::Failure;
use crate::clock::Clock;
use crate::services::lambda::{InvocationType, Invoke, InvokeOutput, Lambda, LambdaError};
use bytes::Bytes;
use serde::de::IgnoredAny;
use serde_json::{Map, Value, json};
use std::sync::Arc;
use time::OffsetDateTime;

/// Where Lambda tasks are invoked.
#[derive(Debug)]
pub enum LambdaTarget {
    /// The in-process fake.
    InProcess(Arc<Lambda>),
    /// Another Lambda-compatible endpoint.
    Forward(LambdaEndpoint),
}

impl LambdaTarget {
    /// Invokes a function; `failure` names the fake's API errors as the calling integration
    /// reports them.
    pub(super) async fn call(
        &self,
        request: Invoke,
        failure: fn(LambdaError) -> Failure,
    ) -> Result<InvokeOutput, Failure> {
        match self {
            LambdaTarget::InProcess(lambda) => lambda.invoke(request).await.map_err(failure),
            LambdaTarget::Forward(endpoint) => endpoint.invoke(request).await,
        }
    }
}

/// `lambda:invoke`: `FunctionName`, `Payload`, `InvocationType`, `Qualifier`, `ClientContext`,
/// `LogType` in; `ExecutedVersion`, `Payload`, `StatusCode` and the SDK metadata out.
pub async fn invoke(
    lambda: &LambdaTarget,
    parameters: &Value,
    clock: &Clock,
) -> Result<Value, Failure> {
    // A string that holds JSON is sent as that JSON (`"Payload": "0"` sends the number 0).
    let payload = match parameters.get("Payload") {
        None => Bytes::new(),
        Some(Value::String(text)) if serde_json::from_str::<IgnoredAny>(text).is_ok() => {
            Bytes::from(text.clone())
        }
        Some(value) => Bytes::from(value.to_string()),
    };
    let missing = || {
        Failure::new(
            "States.Runtime",
            "The Parameters of a lambda:invoke Task must include FunctionName",
        )
    };
    let mut request = invoke_request(parameters, payload, missing, service_failure)?;
    if request.qualifier.is_none() {
        request.qualifier = latest_unless_qualified(&request.function_name);
    }
    let out = lambda.call(request, service_failure).await?;
    if out.function_error.is_some() {
        return Err(function_failure(&out.payload));
    }
    Ok(wrapped(out, clock.now()))
}

/// The Invoke request a Task's `FunctionName`, `InvocationType`, `Qualifier`, `LogType` and
/// `ClientContext` ask for, carrying `payload`. `missing` is the failure for a missing
/// `FunctionName`; `failure` names API errors (an unknown invocation type).
pub(super) fn invoke_request(
    parameters: &Value,
    payload: Bytes,
    missing: impl FnOnce() -> Failure,
    failure: fn(LambdaError) -> Failure,
) -> Result<Invoke, Failure> {
    let text = |name: &str| {
        parameters
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let function_name = text("FunctionName").ok_or_else(missing)?;
    let invocation_type = match text("InvocationType") {
        Some(t) => InvocationType::parse(&t).map_err(failure)?,
        None => InvocationType::RequestResponse,
    };
    Ok(Invoke {
        function_name,
        qualifier: text("Qualifier"),
        invocation_type,
        log_tail: text("LogType").as_deref() == Some("Tail"),
        client_context: text("ClientContext"),
        payload,
    })
}

/// A legacy `arn:aws:lambda:...:function:name` resource: the effective input is the event and
/// the function's result is the task's result.
pub async fn invoke_function(
    lambda: &LambdaTarget,
    arn: &str,
    input: &Value,
) -> Result<Value, Failure> {
    let request = Invoke {
        qualifier: latest_unless_qualified(arn),
        function_name: arn.to_owned(),
        payload: Bytes::from(input.to_string()),
        ..Invoke::default()
    };
    let out = lambda.call(request, service_failure).await?;
    if out.function_error.is_some() {
        return Err(function_failure(&out.payload));
    }
    Ok(payload_value(&out.payload))
}

/// Step Functions always invokes a definite version: an unqualified name means `$LATEST`,
/// which is also what its not-found messages name.
fn latest_unless_qualified(function_name: &str) -> Option<String> {
    let qualified = match function_name.strip_prefix("arn:") {
        Some(arn) => arn.split(':').count() > 6,
        None => function_name.split(':').count() == 2 || function_name.split(':').count() == 4,
    };
    (!qualified).then(|| "$LATEST".to_owned())
}

/// The result as JSON when it is JSON, else as a string.
fn payload_value(payload: &[u8]) -> Value {
    serde_json::from_slice(payload)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(payload).into_owned()))
}

/// The optimized integration's result: what the Java SDK's `InvokeResult` serialises to, for a
/// response sent `now`. Members the answer lacks are left out, as Step Functions leaves out the
/// result's nulls: `ExecutedVersion` for a `DryRun` (Lambda sends no version header then) and
/// `LogResult` unless `LogType` was `Tail`. An `Event` or `DryRun` answer has no body: its
/// `Payload` is the empty string.
fn wrapped(out: InvokeOutput, now: OffsetDateTime) -> Value {
    let request_id = uuid::Uuid::new_v4().to_string();
    let length = out.payload.len().to_string();
    let date = sdk_metadata::http_date(now);
    let trace = format!(
        "root=1-{:08x}-{};parent={};sampled=0;lineage=1:0:0",
        now.unix_timestamp(),
        &uuid::Uuid::new_v4().simple().to_string()[..24],
        &uuid::Uuid::new_v4().simple().to_string()[..16]
    );
    let mut headers = Vec::with_capacity(10);
    if let Some(version) = &out.executed_version {
        headers.push(("X-Amz-Executed-Version", version.as_str()));
    }
    if let Some(log) = &out.log_result {
        headers.push(("X-Amz-Log-Result", log.as_str()));
    }
    headers.extend([
        ("x-amzn-Remapped-Content-Length", "0"),
        ("Connection", "keep-alive"),
        ("x-amzn-RequestId", request_id.as_str()),
        ("Content-Length", length.as_str()),
        ("Date", date.as_str()),
        ("X-Amzn-Trace-Id", trace.as_str()),
        ("Content-Type", "application/json"),
    ]);
    let payload = match out.status {
        200 => payload_value(&out.payload),
        _ => Value::String(String::new()),
    };
    let mut response = Map::new();
    if let Some(version) = &out.executed_version {
        response.insert("ExecutedVersion".into(), json!(version));
    }
    if let Some(log) = &out.log_result {
        response.insert("LogResult".into(), json!(log));
    }
    response.insert("Payload".into(), payload);
    sdk_metadata::add(&mut response, &headers, out.status, &request_id);
    response.insert("StatusCode".into(), json!(out.status));
    Value::Object(response)
}

/// A handler's error: its `errorType` is the state's error (so `Retry`/`Catch` can name the
/// exception class) and the error document is the cause.
fn function_failure(payload: &[u8]) -> Failure {
    let cause = String::from_utf8_lossy(payload).into_owned();
    let error = serde_json::from_slice::<Value>(payload)
        .ok()
        .and_then(|doc| {
            doc.get("errorType")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "Lambda.Unknown".to_owned());
    Failure::new(error, cause)
}

/// A Lambda API error as the Java SDK words it, e.g. `Lambda.ResourceNotFoundException`.
fn service_failure(error: LambdaError) -> Failure {
    sdk_exception(error.code(), error.status().as_u16(), error.message())
}

/// The failure for a Lambda API error answer (`code`, HTTP `status`, `message`), named as the
/// Java SDK's exception class: `Lambda.<Code>` with `Exception` appended when missing.
pub(super) fn sdk_exception(code: &str, status: u16, message: &str) -> Failure {
    Failure::new(
        super::exception_name("Lambda", code),
        format!(
            "{message} (Service: AWSLambda; Status Code: {status}; Error Code: {code}; Request ID: {}; Proxy: null)",
            uuid::Uuid::new_v4()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unqualified_names_mean_latest() {
        assert_eq!(latest_unless_qualified("f").as_deref(), Some("$LATEST"));
        assert_eq!(latest_unless_qualified("f:1"), None);
        assert_eq!(
            latest_unless_qualified("arn:aws:lambda:us-east-1:123456789012:function:f").as_deref(),
            Some("$LATEST")
        );
        assert_eq!(
            latest_unless_qualified("arn:aws:lambda:us-east-1:123456789012:function:f:live"),
            None
        );
        assert_eq!(
            latest_unless_qualified("123456789012:function:f").as_deref(),
            Some("$LATEST")
        );
    }

    #[test]
    fn handler_errors_name_their_type() {
        let failure = function_failure(br#"{"errorMessage": "boom", "errorType": "CustomError"}"#);
        assert_eq!(failure.error, "CustomError");
        assert!(failure.cause.contains("boom"));
        assert_eq!(function_failure(b"not json").error, "Lambda.Unknown");
    }

    #[test]
    fn answers_without_a_version_or_with_a_log_tail_change_shape() {
        let at = OffsetDateTime::from_unix_timestamp(1_714_564_800).unwrap();
        let dry_run = InvokeOutput {
            status: 204,
            function_error: None,
            log_result: None,
            payload: Bytes::new(),
            executed_version: None,
        };
        let value = wrapped(dry_run, at);
        assert_eq!(value.get("ExecutedVersion"), None);
        assert_eq!(value["Payload"], "");
        assert_eq!(value["StatusCode"], 204);
        let headers = &value["SdkHttpMetadata"]["HttpHeaders"];
        assert_eq!(headers.get("X-Amz-Executed-Version"), None);
        let tail = InvokeOutput {
            status: 200,
            function_error: None,
            log_result: Some("bG9n".to_owned()),
            payload: Bytes::from_static(b"1"),
            executed_version: Some("$LATEST".to_owned()),
        };
        let value = wrapped(tail, at);
        assert_eq!(value["LogResult"], "bG9n");
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "ExecutedVersion",
                "LogResult",
                "Payload",
                "SdkHttpMetadata",
                "SdkResponseMetadata",
                "StatusCode"
            ]
        );
        assert_eq!(
            value["SdkHttpMetadata"]["HttpHeaders"]["X-Amz-Log-Result"],
            "bG9n"
        );
    }

    #[test]
    fn wrapped_results_carry_sdk_metadata() {
        let out = InvokeOutput {
            status: 200,
            function_error: None,
            log_result: None,
            payload: Bytes::from_static(br#"{"a":1}"#),
            executed_version: Some("$LATEST".to_owned()),
        };
        let at = OffsetDateTime::from_unix_timestamp(1_714_564_800).unwrap();
        let value = wrapped(out, at);
        assert_eq!(value["Payload"], json!({"a": 1}));
        let headers = &value["SdkHttpMetadata"]["HttpHeaders"];
        assert_eq!(headers["Date"], "Wed, 01 May 2024 12:00:00 GMT");
        let trace = headers["X-Amzn-Trace-Id"].as_str().unwrap();
        assert!(trace.starts_with("root=1-66322ec0-"), "{trace}");
        assert_eq!(value["StatusCode"], 200);
        assert_eq!(
            value["SdkHttpMetadata"]["HttpHeaders"]["Content-Length"],
            "7"
        );
        assert_eq!(
            value["SdkHttpMetadata"]["AllHttpHeaders"]["X-Amz-Executed-Version"],
            json!(["$LATEST"])
        );
        let keys: Vec<&String> = value["SdkHttpMetadata"]["HttpHeaders"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(keys[0], "Connection");
    }
}
