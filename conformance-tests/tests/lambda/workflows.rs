//! Workflows calling functions: `lambda:invoke` and function ARNs, with Retry and Catch on the
//! handler's own exception names, and the history AWS records.

use super::{IDENTITY, create};
use aws_sdk_lambda::types::Runtime;
use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use conformance_tests::{InProcess, ROLE, finished};
use serde_json::{Value, json};
use stepstone::config::Config;

/// Fails with `Flaky` on its first call (per warm process), then echoes; `Fatal` on demand.
const HANDLER: &str = r#"calls = 0


class Flaky(Exception):
    pass


class Fatal(Exception):
    pass


def handler(event, context):
    global calls
    calls += 1
    if event.get('fatal'):
        raise Fatal('cannot go on')
    if calls == 1:
        raise Flaky('try again')
    return {'echo': event, 'calls': calls}
"#;

async fn run(
    stepstone: &InProcess,
    definition: Value,
    input: Value,
) -> (Value, Vec<HistoryEventType>) {
    let sfn = stepstone.sfn();
    let machine = sfn
        .create_state_machine()
        .name("flow")
        .definition(definition.to_string())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .input(input.to_string())
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(
        done.status(),
        &ExecutionStatus::Succeeded,
        "{:?} {:?}",
        done.error(),
        done.cause()
    );
    let history = sfn
        .get_execution_history()
        .execution_arn(started.execution_arn())
        .send()
        .await
        .unwrap();
    let types = history
        .events()
        .iter()
        .map(|e| e.r#type().clone())
        .collect();
    (serde_json::from_str(done.output().unwrap()).unwrap(), types)
}

#[tokio::test]
async fn retry_on_one_custom_error_and_catch_another() {
    // Back-off waits are scaled to nothing.
    let stepstone = InProcess::with_config(Config {
        wait_time_scale: 0.0,
        ..Config::default()
    });
    create(
        &stepstone.lambda(),
        "worker",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", HANDLER)],
    )
    .await;
    let definition = json!({
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "worker", "Payload.$": "$"},
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                "ResultSelector": {"result.$": "$.Payload", "status.$": "$.StatusCode", "version.$": "$.ExecutedVersion"},
                "ResultPath": "$.work",
                "Next": "Finish"
            },
            "Finish": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "worker", "Payload": {"fatal": true}},
                "Catch": [{"ErrorEquals": ["Fatal"], "ResultPath": "$.caught", "Next": "Handled"}],
                "End": true
            },
            "Handled": {"Type": "Pass", "End": true}
        }
    });
    let (output, events) = run(&stepstone, definition, json!({"job": 7})).await;
    assert_eq!(
        output["work"],
        json!({"result": {"echo": {"job": 7}, "calls": 2}, "status": 200, "version": "$LATEST"})
    );
    assert_eq!(output["caught"]["Error"], "Fatal");
    let cause: Value = serde_json::from_str(output["caught"]["Cause"].as_str().unwrap()).unwrap();
    assert_eq!(cause["errorMessage"], "cannot go on");
    assert_eq!(cause["errorType"], "Fatal");
    let count = |t: HistoryEventType| events.iter().filter(|e| **e == t).count();
    assert_eq!(
        count(HistoryEventType::TaskScheduled),
        3,
        "one retry, then the second state"
    );
    assert_eq!(count(HistoryEventType::TaskFailed), 2);
    assert_eq!(count(HistoryEventType::TaskSucceeded), 1);
}

#[tokio::test]
async fn a_function_arn_resource_returns_the_bare_payload() {
    let stepstone = InProcess::with_config(Config {
        wait_time_scale: 0.0,
        ..Config::default()
    });
    let arn = create(
        &stepstone.lambda(),
        "worker",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", HANDLER)],
    )
    .await;
    let definition = json!({
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": arn,
                "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1}],
                "End": true
            }
        }
    });
    let (output, events) = run(&stepstone, definition, json!({"k": "v"})).await;
    assert_eq!(output, json!({"echo": {"k": "v"}, "calls": 2}));
    assert_eq!(
        events,
        [
            HistoryEventType::ExecutionStarted,
            HistoryEventType::TaskStateEntered,
            HistoryEventType::LambdaFunctionScheduled,
            HistoryEventType::LambdaFunctionStarted,
            HistoryEventType::LambdaFunctionFailed,
            HistoryEventType::LambdaFunctionScheduled,
            HistoryEventType::LambdaFunctionStarted,
            HistoryEventType::LambdaFunctionSucceeded,
            HistoryEventType::TaskStateExited,
            HistoryEventType::ExecutionSucceeded,
        ]
    );
}

#[tokio::test]
async fn lambda_endpoint_sends_tasks_to_another_server() {
    // A second Stepstone plays the other Lambda endpoint (as `sam local start-lambda` would).
    let remote = conformance_tests::Server::start().await;
    let code = [(
        "handler.py",
        "def handler(event, context):\n    return {'remote': event}\n",
    )];
    let arn = create(
        &remote.lambda(),
        "elsewhere",
        Runtime::Python312,
        "handler.handler",
        &code,
    )
    .await;
    let stepstone = InProcess::with_config(Config {
        lambda_endpoint: Some(remote.endpoint()),
        ..Config::default()
    });
    let definition = json!({
        "StartAt": "Optimized",
        "States": {
            "Optimized": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "elsewhere", "Payload.$": "$"},
                "ResultSelector": {"payload.$": "$.Payload"},
                "Next": "ByArn"
            },
            "ByArn": {"Type": "Task", "Resource": arn, "Next": "Missing"},
            "Missing": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "nowhere"},
                "Catch": [{"ErrorEquals": ["Lambda.ResourceNotFoundException"], "ResultPath": "$.missing", "Next": "Done"}],
                "End": true
            },
            "Done": {"Type": "Pass", "End": true}
        }
    });
    let (output, _) = run(&stepstone, definition, json!({"x": 1})).await;
    assert_eq!(output["remote"], json!({"payload": {"remote": {"x": 1}}}));
    assert_eq!(
        output["missing"]["Error"],
        "Lambda.ResourceNotFoundException"
    );
    let cause = output["missing"]["Cause"].as_str().unwrap();
    assert!(
        cause.starts_with("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nowhere:$LATEST (Service: AWSLambda; Status Code: 404"),
        "{cause}"
    );
}

#[tokio::test]
async fn aws_sdk_lambda_calls_the_api_and_returns_the_sdk_response() {
    let stepstone = InProcess::new();
    create(
        &stepstone.lambda(),
        "echo",
        Runtime::Python312,
        "handler.handler",
        &[(
            "handler.py",
            "def handler(event, context):\n    return {'got': event}\n",
        )],
    )
    .await;
    let definition = json!({
        "StartAt": "Invoke",
        "States": {
            "Invoke": {
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:lambda:invoke",
                "Parameters": {"FunctionName": "echo", "Payload": {"n.$": "$.n"}},
                "ResultPath": "$.invoked",
                "Next": "Configuration"
            },
            "Configuration": {
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:lambda:getFunctionConfiguration",
                "Parameters": {"FunctionName": "echo"},
                "ResultSelector": {"runtime.$": "$.Runtime", "handler.$": "$.Handler"},
                "ResultPath": "$.configuration",
                "Next": "Missing"
            },
            "Missing": {
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:lambda:getFunction",
                "Parameters": {"FunctionName": "nowhere"},
                "Catch": [{"ErrorEquals": ["Lambda.ResourceNotFoundException"], "ResultPath": "$.missing", "Next": "Done"}],
                "End": true
            },
            "Done": {"Type": "Pass", "End": true}
        }
    });
    let (output, _) = run(&stepstone, definition, json!({"n": 3})).await;
    // Unlike the optimized lambda:invoke, the SDK integration leaves the payload as text.
    assert_eq!(
        output["invoked"],
        json!({"StatusCode": 200, "Payload": "{\"got\": {\"n\": 3}}", "ExecutedVersion": "$LATEST"})
    );
    assert_eq!(
        output["configuration"],
        json!({"runtime": "python3.12", "handler": "handler.handler"})
    );
    assert_eq!(
        output["missing"]["Error"],
        "Lambda.ResourceNotFoundException"
    );
    let cause = output["missing"]["Cause"].as_str().unwrap();
    assert!(
        cause.contains("(Service: Lambda, Status Code: 404, Request ID: "),
        "{cause}"
    );
}

#[tokio::test]
async fn a_throttled_function_fails_the_task_with_too_many_requests() {
    let stepstone = InProcess::with_config(Config {
        wait_time_scale: 0.0,
        ..Config::default()
    });
    let lambda = stepstone.lambda();
    create(
        &lambda,
        "throttled",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", "def handler(event, context):\n    return 1\n")],
    )
    .await;
    lambda
        .put_function_concurrency()
        .function_name("throttled")
        .reserved_concurrent_executions(0)
        .send()
        .await
        .unwrap();
    let definition = json!({
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "throttled"},
                "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "Next": "Throttled"}],
                "End": true
            },
            "Throttled": {"Type": "Pass", "End": true}
        }
    });
    let (output, events) = run(&stepstone, definition, json!({})).await;
    assert_eq!(output["Error"], "Lambda.TooManyRequestsException");
    let cause = output["Cause"].as_str().unwrap();
    assert!(
        cause.starts_with("Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException;"),
        "{cause}"
    );
    let failed = events
        .iter()
        .filter(|e| **e == HistoryEventType::TaskFailed)
        .count();
    assert_eq!(failed, 3, "the first call and two retries");
}

#[tokio::test]
async fn the_invoke_responses_date_is_the_clocks() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let now = stepstone.advance_clock(10 * 24 * 3600).await;
    let now = now["epochSeconds"].as_f64().unwrap().floor();
    let lambda = stepstone.lambda();
    create(
        &lambda,
        "echo",
        Runtime::Python312,
        "handler.handler",
        IDENTITY,
    )
    .await;
    let definition = json!({
        "StartAt": "Invoke",
        "States": {"Invoke": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "echo", "Payload": {}},
            "ResultSelector": {"date.$": "$.SdkHttpMetadata.HttpHeaders.Date"},
            "End": true
        }}
    });
    let (output, _) = run(&stepstone, definition, json!({})).await;
    let date = output["date"].as_str().expect("a Date header");
    let date = DateTime::from_str(date, Format::HttpDate).expect(date);
    assert_eq!(date.as_secs_f64(), now, "{output}");
}

/// `lambda:invoke`'s optional arguments change the answer's shape: `Event` is queued (202, an
/// empty `Payload`), `DryRun` only checked (204, no `ExecutedVersion`), `LogType: Tail` adds
/// the log's end as `LogResult`, and no `Payload` invokes the function with `{}`.
#[tokio::test]
async fn invocation_types_and_log_tails_shape_the_answer() {
    let stepstone = InProcess::new();
    let code = [(
        "handler.py",
        "def handler(event, context):\n    print('seen')\n    return {'event': event}\n",
    )];
    create(
        &stepstone.lambda(),
        "shaped",
        Runtime::Python312,
        "handler.handler",
        &code,
    )
    .await;
    let invoke = |extra: Value| {
        let mut parameters = json!({"FunctionName": "shaped"});
        parameters
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": parameters})
    };
    let mut states = serde_json::Map::new();
    let steps = [
        (
            "Event",
            json!({"InvocationType": "Event", "Payload": {"a": 1}}),
        ),
        ("DryRun", json!({"InvocationType": "DryRun"})),
        ("Tail", json!({"LogType": "Tail", "Payload": {"a": 1}})),
        ("Bare", json!({})),
    ];
    for (i, (name, extra)) in steps.iter().enumerate() {
        let mut state = invoke(extra.clone());
        state["ResultPath"] = json!(format!("$.{name}"));
        match steps.get(i + 1) {
            Some((next, _)) => state["Next"] = json!(next),
            None => state["End"] = json!(true),
        }
        states.insert((*name).to_owned(), state);
    }
    let definition = json!({"StartAt": "Event", "States": states});
    let (output, _) = run(&stepstone, definition, json!({})).await;
    assert_eq!(output["Event"]["StatusCode"], 202);
    assert_eq!(output["Event"]["Payload"], "");
    assert_eq!(output["DryRun"]["StatusCode"], 204);
    assert_eq!(output["DryRun"].get("ExecutedVersion"), None);
    assert_eq!(output["Tail"]["Payload"], json!({"event": {"a": 1}}));
    let log = output["Tail"]["LogResult"].as_str().expect("a log tail");
    use base64::Engine;
    let log = base64::engine::general_purpose::STANDARD
        .decode(log)
        .unwrap();
    assert!(String::from_utf8_lossy(&log).contains("seen"));
    assert_eq!(output["Bare"].get("LogResult"), None);
    assert_eq!(output["Bare"]["Payload"], json!({"event": {}}));
}
