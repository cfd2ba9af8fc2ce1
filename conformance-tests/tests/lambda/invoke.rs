//! Invoke: real processes for Python, Node and custom runtimes; results, errors, logs,
//! timeouts, crashes, warm reuse, and the environment a handler sees.

use super::{available, create, python_function};
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvocationType, LogType, Runtime};
use base64::Engine;
use conformance_tests::{InProcess, Server, pass_definition, zip_package};
use serde_json::{Value, json};
use stepstone::config::Config;

fn json_of(payload: Option<&Blob>) -> Value {
    serde_json::from_slice(payload.expect("payload").as_ref()).expect("JSON payload")
}

/// A function's last invocations, with their logs, are read back at
/// `/_stepstone/lambda/invocations`: what CloudWatch Logs would show on AWS.
#[tokio::test]
async fn recent_invocations_and_their_logs_are_kept() {
    let stepstone = InProcess::new();
    let lambda = stepstone.lambda();
    let code = "def handler(event, context):\n    print('saw', event['n'])\n    if event['n'] < 0:\n        raise ValueError('negative')\n    return context.aws_request_id\n";
    create(
        &lambda,
        "kept",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", code)],
    )
    .await;
    let mut ids = Vec::new();
    for n in [1, -1] {
        let out = lambda
            .invoke()
            .function_name("kept")
            .payload(Blob::new(format!(r#"{{"n": {n}}}"#)));
        let out = out.send().await.unwrap();
        ids.push(String::from_utf8_lossy(out.payload().unwrap().as_ref()).to_string());
    }
    let request = http::Request::get("/_stepstone/lambda/invocations?functionName=kept")
        .body(String::new())
        .unwrap();
    let (status, _, body) = stepstone.raw(request).await;
    assert_eq!(status, 200);
    let invocations = body["invocations"].as_array().unwrap();
    assert_eq!(invocations.len(), 2, "{body}");
    let (failed, succeeded) = (&invocations[0], &invocations[1]);
    assert_eq!(
        (failed["outcome"].as_str(), succeeded["outcome"].as_str()),
        (Some("Failed"), Some("Succeeded"))
    );
    assert_eq!(
        succeeded["requestId"].as_str(),
        Some(ids[0].trim_matches('"'))
    );
    assert_eq!(succeeded["invocationType"], "RequestResponse");
    assert!(
        succeeded["log"].as_str().unwrap().contains("saw 1\n"),
        "{succeeded}"
    );
    assert!(
        failed["log"].as_str().unwrap().contains("saw -1\n"),
        "{failed}"
    );
    lambda
        .delete_function()
        .function_name("kept")
        .send()
        .await
        .unwrap();
    let request = http::Request::get("/_stepstone/lambda/invocations?functionName=kept")
        .body(String::new())
        .unwrap();
    let (_, _, body) = stepstone.raw(request).await;
    assert_eq!(
        body["invocations"],
        json!([]),
        "a deleted function's are forgotten"
    );
}

#[tokio::test]
async fn python_results_errors_and_logs() {
    let lambda = InProcess::new().lambda();
    let code = "def handler(event, context):\n    print('got', event['n'])\n    return {'double': event['n'] * 2, 'request': context.aws_request_id}\n";
    create(
        &lambda,
        "double",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", code)],
    )
    .await;
    let out = lambda
        .invoke()
        .function_name("double")
        .payload(Blob::new(r#"{"n": 21}"#))
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status_code(), 200);
    assert_eq!(out.function_error(), None);
    assert_eq!(out.executed_version(), Some("$LATEST"));
    let result = json_of(out.payload());
    assert_eq!(result["double"], 42);
    let log = base64::engine::general_purpose::STANDARD
        .decode(out.log_result().expect("log tail"))
        .unwrap();
    let log = String::from_utf8(log).unwrap();
    let request = result["request"].as_str().unwrap();
    assert!(
        log.starts_with(&format!("START RequestId: {request} Version: $LATEST\n")),
        "{log}"
    );
    assert!(log.contains("got 21\n"), "{log}");
    assert!(
        log.contains(&format!(
            "END RequestId: {request}\nREPORT RequestId: {request}"
        )),
        "{log}"
    );

    let failing = "class CustomError(Exception):\n    pass\n\n\ndef handler(event, context):\n    raise CustomError('no luck')\n";
    create(
        &lambda,
        "fails",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", failing)],
    )
    .await;
    let out = lambda.invoke().function_name("fails").send().await.unwrap();
    assert_eq!(out.status_code(), 200, "function errors are still 200");
    assert_eq!(out.function_error(), Some("Unhandled"));
    let error = json_of(out.payload());
    assert_eq!(error["errorType"], "CustomError");
    assert_eq!(error["errorMessage"], "no luck");
    assert_eq!(
        error["stackTrace"][0],
        "  File \"/var/task/handler.py\", line 6, in handler\n    raise CustomError('no luck')\n"
    );
}

#[tokio::test]
async fn invocation_types_and_request_errors() {
    let lambda = InProcess::new().lambda();
    let code = [(
        "handler.py",
        "def handler(event, context):\n    return event\n",
    )];
    create(&lambda, "f", Runtime::Python312, "handler.handler", &code).await;
    let queued = lambda
        .invoke()
        .function_name("f")
        .invocation_type(InvocationType::Event)
        .send()
        .await
        .unwrap();
    assert_eq!(queued.status_code(), 202);
    let dry = lambda
        .invoke()
        .function_name("f")
        .invocation_type(InvocationType::DryRun)
        .send()
        .await
        .unwrap();
    assert_eq!(dry.status_code(), 204);
    // No payload at all is an empty object.
    let empty = lambda.invoke().function_name("f").send().await.unwrap();
    assert_eq!(json_of(empty.payload()), json!({}));

    let err = lambda
        .invoke()
        .function_name("f")
        .payload(Blob::new("{not json"))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_invalid_request_content_exception()
    );
    let err = lambda
        .invoke()
        .function_name("ghost")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_resource_not_found_exception()
    );
    let err = lambda
        .invoke()
        .function_name("f")
        .payload(Blob::new(format!("\"{}\"", "a".repeat(6 * 1024 * 1024))))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_request_too_large_exception()
    );
}

#[tokio::test]
async fn timeouts_crashes_and_warm_reuse() {
    // Under the manual clock a function's Timeout passes only when the test moves time.
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let lambda = stepstone.lambda();
    let counter = "calls = 0\n\n\ndef handler(event, context):\n    global calls\n    calls += 1\n    if event.get('crash'):\n        import os\n        os._exit(3)\n    if event.get('sleep'):\n        import time\n        time.sleep(event['sleep'])\n    return calls\n";
    python_function(&lambda, "worker", zip_package(&[("handler.py", counter)]))
        .timeout(1)
        .send()
        .await
        .unwrap();
    let call = |payload: &'static str| {
        lambda
            .invoke()
            .function_name("worker")
            .payload(Blob::new(payload))
            .send()
    };
    // One warm process serves calls in turn, keeping its module state.
    assert_eq!(json_of(call("{}").await.unwrap().payload()), json!(1));
    assert_eq!(json_of(call("{}").await.unwrap().payload()), json!(2));

    let sleeping = tokio::spawn(call(r#"{"sleep": 600}"#));
    // The deadline is armed as soon as the invocation starts (the warm process is already
    // there): move time until the call returns; the 1 s Timeout passes on the clock alone.
    while !sleeping.is_finished() {
        stepstone.advance_clock(1).await;
        tokio::task::yield_now().await;
    }
    let out = sleeping.await.unwrap().unwrap();
    assert_eq!(out.function_error(), Some("Unhandled"));
    let error = json_of(out.payload());
    assert_eq!(error["errorType"], "Sandbox.Timedout");
    assert!(
        error["errorMessage"]
            .as_str()
            .unwrap()
            .ends_with("Task timed out after 1.00 seconds")
    );

    let out = call(r#"{"crash": true}"#).await.unwrap();
    let error = json_of(out.payload());
    assert_eq!(error["errorType"], "Runtime.ExitError");
    assert!(
        error["errorMessage"]
            .as_str()
            .unwrap()
            .ends_with("Runtime exited with error: exit status 3"),
        "{error}"
    );
    // The timed-out and crashed processes are gone; a fresh one starts counting again.
    assert_eq!(json_of(call("{}").await.unwrap().payload()), json!(1));
}

#[tokio::test]
async fn init_errors_name_the_problem() {
    let lambda = InProcess::new().lambda();
    let code = [("handler.py", "def handler(event, context):\n    return 1\n")];
    create(&lambda, "typo", Runtime::Python312, "handler.nope", &code).await;
    let out = lambda.invoke().function_name("typo").send().await.unwrap();
    assert_eq!(out.function_error(), Some("Unhandled"));
    let error = json_of(out.payload());
    assert_eq!(error["errorType"], "Runtime.HandlerNotFound");
    assert_eq!(
        error["errorMessage"],
        "Handler 'nope' missing on module 'handler'"
    );
}

#[tokio::test]
async fn node_handlers_run() {
    if !available("node") {
        return;
    }
    let lambda = InProcess::new().lambda();
    let code = [(
        "index.js",
        "exports.handler = async (event, context) => ({ sum: event.a + event.b, fn: context.functionName });\n",
    )];
    create(&lambda, "adder", Runtime::Nodejs20x, "index.handler", &code).await;
    let out = lambda
        .invoke()
        .function_name("adder")
        .payload(Blob::new(r#"{"a": 2, "b": 3}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(out.payload()), json!({"sum": 5, "fn": "adder"}));

    let throws = [(
        "index.mjs",
        "export const handler = async () => { throw new TypeError('bad input'); };\n",
    )];
    create(
        &lambda,
        "thrower",
        Runtime::Nodejs20x,
        "index.handler",
        &throws,
    )
    .await;
    let out = lambda
        .invoke()
        .function_name("thrower")
        .send()
        .await
        .unwrap();
    assert_eq!(out.function_error(), Some("Unhandled"));
    let error = json_of(out.payload());
    assert_eq!(error["errorType"], "TypeError");
    assert_eq!(error["errorMessage"], "bad input");
}

#[tokio::test]
async fn a_custom_runtime_runs_its_own_bootstrap() {
    if !available("curl") {
        return;
    }
    let lambda = InProcess::new().lambda();
    // A `provided` function talks to the Runtime API itself, as a Rust or Go binary would.
    let bootstrap = r#"#!/bin/sh
api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
while true; do
  headers=$(mktemp)
  event=$(curl -sS -D "$headers" "$api/invocation/next")
  id=$(grep -i '^lambda-runtime-aws-request-id:' "$headers" | cut -d' ' -f2 | tr -d '\r')
  curl -sS -X POST "$api/invocation/$id/response" -d "{\"echo\": $event, \"handler\": \"$_HANDLER\"}" > /dev/null
done
"#;
    create(
        &lambda,
        "shell",
        Runtime::Providedal2023,
        "my.handler",
        &[("bootstrap", bootstrap)],
    )
    .await;
    let out = lambda
        .invoke()
        .function_name("shell")
        .payload(Blob::new(r#"{"x": 1}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(out.payload()),
        json!({"echo": {"x": 1}, "handler": "my.handler"})
    );

    create(
        &lambda,
        "empty",
        Runtime::Providedal2023,
        "x",
        &[("README", "no bootstrap")],
    )
    .await;
    let out = lambda.invoke().function_name("empty").send().await.unwrap();
    assert_eq!(out.function_error(), Some("Unhandled"));
    assert!(
        json_of(out.payload())["errorMessage"]
            .as_str()
            .unwrap()
            .contains("Couldn't find valid bootstrap(s)")
    );
}

#[tokio::test]
async fn handlers_see_their_environment_and_reach_stepstone() {
    let server = Server::start().await;
    let sfn = server.sfn();
    sfn.create_state_machine()
        .name("visible")
        .definition(pass_definition())
        .role_arn(conformance_tests::ROLE)
        .send()
        .await
        .unwrap();
    let lambda = server.lambda();
    // No SDK needed: AWS_ENDPOINT_URL and the dummy credentials are what SDKs would use.
    let code = r#"import json, os, urllib.request


def handler(event, context):
    request = urllib.request.Request(
        os.environ['AWS_ENDPOINT_URL'],
        data=b'{}',
        headers={'X-Amz-Target': 'AWSStepFunctions.ListStateMachines',
                 'Content-Type': 'application/x-amz-json-1.0'})
    machines = json.load(urllib.request.urlopen(request))['stateMachines']
    return {
        'machines': [m['name'] for m in machines],
        'greeting': os.environ.get('GREETING'),
        'function': os.environ['AWS_LAMBDA_FUNCTION_NAME'],
        'region': os.environ['AWS_REGION'],
        'arn': context.invoked_function_arn,
    }
"#;
    python_function(&lambda, "caller", zip_package(&[("handler.py", code)]))
        .environment(
            aws_sdk_lambda::types::Environment::builder()
                .variables("GREETING", "hello")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let out = lambda
        .invoke()
        .function_name("caller")
        .send()
        .await
        .unwrap();
    assert_eq!(out.function_error(), None, "{:?}", out.payload());
    assert_eq!(
        json_of(out.payload()),
        json!({
            "machines": ["visible"],
            "greeting": "hello",
            "function": "caller",
            "region": "us-east-1",
            "arn": "arn:aws:lambda:us-east-1:123456789012:function:caller",
        })
    );
}

#[tokio::test]
async fn reserved_concurrency_throttles_invocations() {
    let lambda = InProcess::new().lambda();
    let echo = [(
        "handler.py",
        "def handler(event, context):\n    return event\n",
    )];
    create(
        &lambda,
        "busy",
        Runtime::Python312,
        "handler.handler",
        &echo,
    )
    .await;
    let reserved = lambda
        .put_function_concurrency()
        .function_name("busy")
        .reserved_concurrent_executions(0)
        .send()
        .await
        .unwrap();
    assert_eq!(reserved.reserved_concurrent_executions(), Some(0));
    let throttled = lambda
        .invoke()
        .function_name("busy")
        .send()
        .await
        .unwrap_err();
    let service_error = throttled.as_service_error().unwrap();
    assert!(
        service_error.is_too_many_requests_exception(),
        "{service_error:?}"
    );
    let described = lambda
        .get_function()
        .function_name("busy")
        .send()
        .await
        .unwrap();
    assert_eq!(
        described
            .concurrency()
            .and_then(|c| c.reserved_concurrent_executions()),
        Some(0)
    );
    let settings = lambda.get_account_settings().send().await.unwrap();
    let limit = settings.account_limit().unwrap();
    assert_eq!(
        (
            limit.concurrent_executions(),
            limit.unreserved_concurrent_executions()
        ),
        (1000, Some(1000))
    );
    let too_much = lambda
        .put_function_concurrency()
        .function_name("busy")
        .reserved_concurrent_executions(901)
        .send()
        .await
        .unwrap_err();
    assert!(
        too_much
            .as_service_error()
            .unwrap()
            .is_invalid_parameter_value_exception()
    );
    lambda
        .put_function_concurrency()
        .function_name("busy")
        .reserved_concurrent_executions(5)
        .send()
        .await
        .unwrap();
    let settings = lambda.get_account_settings().send().await.unwrap();
    assert_eq!(
        settings
            .account_limit()
            .unwrap()
            .unreserved_concurrent_executions(),
        Some(995)
    );
    let ran = lambda
        .invoke()
        .function_name("busy")
        .payload(Blob::new(r#"{"n":1}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(ran.payload()), json!({"n": 1}));
    lambda
        .delete_function_concurrency()
        .function_name("busy")
        .send()
        .await
        .unwrap();
    let none = lambda
        .get_function_concurrency()
        .function_name("busy")
        .send()
        .await
        .unwrap();
    assert_eq!(none.reserved_concurrent_executions(), None);
}

#[tokio::test]
async fn a_missing_python_version_runs_under_python3_and_says_so() {
    let installed = std::process::Command::new("python3.9")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if installed {
        eprintln!("python3.9 is installed: nothing to fall back from, skipping");
        return;
    }
    let lambda = InProcess::new().lambda();
    let code = "def handler(event, context):\n    return 'ran'\n";
    create(
        &lambda,
        "old",
        Runtime::Python39,
        "handler.handler",
        &[("handler.py", code)],
    )
    .await;
    let out = lambda
        .invoke()
        .function_name("old")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(out.function_error(), None);
    assert_eq!(json_of(out.payload()), "ran");
    let log = base64::engine::general_purpose::STANDARD
        .decode(out.log_result().expect("log tail"))
        .unwrap();
    let log = String::from_utf8(log).unwrap();
    let second = log.lines().nth(1).unwrap_or_default();
    assert!(
        second.starts_with("Stepstone: python3.9 is not installed (or does not run), so this python3.9 function runs under "),
        "{log}"
    );
}
