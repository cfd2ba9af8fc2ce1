//! Mocked service integrations as a user migrating from AWS Step Functions Local has them: a
//! `MockConfigFile.json` given to the server (`SFN_MOCK_CONFIG` / `--mock-config`) and
//! executions started as `<stateMachineArn>#<TestCase>`. The machine and most of the mocks are
//! AWS's `LambdaSQSIntegration` example from the Step Functions Local guide.

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEvent, HistoryEventType};
use conformance_tests::{InProcess, ROLE, error_code, error_message, finished};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use stepstone::config::Config;
use stepstone::server::App;

/// AWS's example machine: a Lambda call with a retry policy, then an SQS message.
const LAMBDA_SQS_INTEGRATION: &str = r#"{
  "Comment": "This state machine is called: LambdaSQSIntegration",
  "StartAt": "LambdaState",
  "States": {
    "LambdaState": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "Payload.$": "$", "FunctionName": "HelloWorldFunction" },
      "Retry": [
        { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 }
      ],
      "Next": "SQSState"
    },
    "SQSState": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage",
      "Parameters": {
        "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue",
        "MessageBody.$": "$"
      },
      "End": true
    }
  }
}"#;

/// An unmocked Pass, a Lambda call whose thrown error a Catch handles, and a callback task.
const ORDER_FLOW: &str = r#"{
  "StartAt": "Prepare",
  "States": {
    "Prepare": { "Type": "Pass", "Parameters": { "order.$": "$.order" }, "Next": "ChargeCard" },
    "ChargeCard": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "FunctionName": "charge", "Payload.$": "$" },
      "ResultSelector": { "charged.$": "$.Payload.charged" },
      "ResultPath": "$.payment",
      "Catch": [{ "ErrorEquals": ["PaymentDeclined"], "ResultPath": "$.error", "Next": "Declined" }],
      "Next": "AskApproval"
    },
    "AskApproval": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": { "QueueUrl": "approvals", "MessageBody": { "token.$": "$$.Task.Token" } },
      "ResultPath": "$.approval",
      "End": true
    },
    "Declined": { "Type": "Pass", "End": true }
  }
}"#;

/// A Map whose iterations call the same Task state one after another.
const LOOKUPS: &str = r#"{
  "StartAt": "Each",
  "States": {
    "Each": {
      "Type": "Map",
      "MaxConcurrency": 1,
      "ItemsPath": "$.ids",
      "ItemProcessor": {
        "StartAt": "Lookup",
        "States": {
          "Lookup": {
            "Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:getItem",
            "Parameters": { "TableName": "items", "Key": { "id": { "N.$": "States.Format('{}', $)" } } },
            "OutputPath": "$.Item",
            "End": true
          }
        }
      },
      "End": true
    }
  }
}"#;

fn mock_config() -> Value {
    let lambda_success = json!({
        "0": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
    });
    json!({
        "StateMachines": {
            "LambdaSQSIntegration": {
                "TestCases": {
                    "HappyPath": { "LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess" },
                    "RetryPath": { "LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess" },
                    "RetriesRunOut": { "LambdaState": "MockedLambdaAlwaysTimesOut", "SQSState": "MockedSQSSuccess" },
                    "HybridPath": { "LambdaState": "MockedLambdaSuccess" }
                }
            },
            "OrderFlow": {
                "TestCases": {
                    "Approved": { "ChargeCard": "MockedChargeSuccess", "AskApproval": "MockedApproval" },
                    "Declined": { "ChargeCard": "MockedChargeDeclined" }
                }
            },
            "Lookups": {
                "TestCases": { "ThreeItems": { "Lookup": "MockedItems" } }
            },
            "ManualReview": {
                "TestCases": { "Approved": { "Review": "MockedApproval" } }
            },
            "ExpressLambda": {
                "TestCases": { "HappyPath": { "LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess" } }
            }
        },
        "MockedResponses": {
            "MockedLambdaSuccess": lambda_success,
            "MockedSQSSuccess": {
                "0": { "Return": { "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" } }
            },
            "MockedLambdaRetry": {
                "0-1": { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } },
                "2": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
            },
            "MockedLambdaAlwaysTimesOut": {
                "0-1": { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } }
            },
            "MockedChargeSuccess": {
                "0": { "Return": { "StatusCode": 200, "Payload": { "charged": 42 } } }
            },
            "MockedChargeDeclined": {
                "0": { "Throw": { "Error": "PaymentDeclined", "Cause": "The card has expired." } }
            },
            "MockedApproval": { "0": { "Return": { "approved": true } } },
            "MockedItems": {
                "0": { "Return": { "Item": "first" } },
                "1-2": { "Return": { "Item": "later" } }
            }
        }
    })
}

/// Writes `contents` to a fresh file under the temp directory.
fn temp_file(contents: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "stepstone-mocks-{}-{}.json",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, contents).expect("write the mock configuration");
    path
}

fn config(mock_file: PathBuf) -> Config {
    Config {
        mock_config: Some(mock_file),
        wait_time_scale: 0.0,
        ..Config::default()
    }
}

/// A server started with the mock configuration file, and a client for it.
fn mocked_server() -> aws_sdk_sfn::Client {
    let path = temp_file(&mock_config().to_string());
    let server = InProcess::with_config(config(path.clone()));
    std::fs::remove_file(path).expect("remove the mock configuration");
    server.sfn()
}

async fn create(sfn: &aws_sdk_sfn::Client, name: &str, definition: &str) -> String {
    sfn.create_state_machine()
        .name(name)
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn
}

/// Starts `<machine>#<test_case>` and waits for it to end.
async fn run(
    sfn: &aws_sdk_sfn::Client,
    machine: &str,
    test_case: &str,
    input: &str,
) -> aws_sdk_sfn::operation::describe_execution::DescribeExecutionOutput {
    let started = sfn
        .start_execution()
        .state_machine_arn(format!("{machine}#{test_case}"))
        .input(input)
        .send()
        .await
        .unwrap();
    finished(sfn, started.execution_arn()).await
}

async fn history(sfn: &aws_sdk_sfn::Client, execution_arn: &str) -> Vec<HistoryEvent> {
    sfn.get_execution_history()
        .execution_arn(execution_arn)
        .send()
        .await
        .unwrap()
        .events
}

/// The Task events (scheduled, started, succeeded, failed), in order.
fn task_events(events: &[HistoryEvent]) -> Vec<&HistoryEventType> {
    events
        .iter()
        .map(HistoryEvent::r#type)
        .filter(|kind| {
            matches!(
                kind,
                HistoryEventType::TaskScheduled
                    | HistoryEventType::TaskStarted
                    | HistoryEventType::TaskSubmitted
                    | HistoryEventType::TaskSucceeded
                    | HistoryEventType::TaskFailed
            )
        })
        .collect()
}

fn json_text(text: Option<&str>) -> Value {
    serde_json::from_str(text.expect("JSON text")).expect("valid JSON")
}

#[tokio::test]
async fn happy_path_answers_both_tasks_from_the_mocks() {
    let sfn = mocked_server();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(format!("{machine}#HappyPath"))
        .name("happyPathExecution")
        .input(r#"{"data":"test input"}"#)
        .send()
        .await
        .unwrap();
    // The execution is the machine's own: no test case in its ARN or record.
    assert_eq!(
        started.execution_arn(),
        "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:happyPathExecution"
    );
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(done.state_machine_arn(), machine);
    assert_eq!(
        json_text(done.output()),
        json!({ "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" })
    );

    let events = history(&sfn, started.execution_arn()).await;
    use HistoryEventType::{TaskScheduled, TaskStarted, TaskSucceeded};
    assert_eq!(
        task_events(&events),
        [
            &TaskScheduled,
            &TaskStarted,
            &TaskSucceeded,
            &TaskScheduled,
            &TaskStarted,
            &TaskSucceeded
        ]
    );
    let scheduled: Vec<_> = events
        .iter()
        .filter_map(HistoryEvent::task_scheduled_event_details)
        .map(|details| (details.resource_type(), details.resource()))
        .collect();
    assert_eq!(
        scheduled,
        [("lambda", "invoke"), ("sqs", "sendMessage")],
        "mocked tasks are recorded like real ones"
    );
    let lambda_output = events
        .iter()
        .find_map(HistoryEvent::task_succeeded_event_details)
        .and_then(|details| details.output());
    assert_eq!(
        json_text(lambda_output),
        json!({ "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } })
    );
}

#[tokio::test]
async fn retries_take_the_next_mocked_invocations() {
    let sfn = mocked_server();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    let done = run(&sfn, &machine, "RetryPath", "{}").await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);

    let events = history(&sfn, done.execution_arn()).await;
    use HistoryEventType::{TaskFailed, TaskScheduled, TaskStarted, TaskSucceeded};
    assert_eq!(
        task_events(&events),
        [
            &TaskScheduled,
            &TaskStarted,
            &TaskFailed,
            &TaskScheduled,
            &TaskStarted,
            &TaskFailed,
            &TaskScheduled,
            &TaskStarted,
            &TaskSucceeded,
            &TaskScheduled,
            &TaskStarted,
            &TaskSucceeded
        ]
    );
    let failures: Vec<_> = events
        .iter()
        .filter_map(HistoryEvent::task_failed_event_details)
        .map(|details| (details.error(), details.cause()))
        .collect();
    assert_eq!(
        failures,
        [
            (Some("Lambda.TimeoutException"), Some("Lambda timed out.")),
            (Some("Lambda.TimeoutException"), Some("Lambda timed out."))
        ]
    );
}

#[tokio::test]
async fn a_state_invoked_past_its_mocked_response_fails_the_execution() {
    let sfn = mocked_server();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    let done = run(&sfn, &machine, "RetriesRunOut", "{}").await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("States.Runtime"));
    assert_eq!(
        done.cause(),
        Some(
            "An error occurred while executing the state 'LambdaState' (entered at the event id #2). The mocked response 'MockedLambdaAlwaysTimesOut' for state 'LambdaState' has no result for invocation 2 (invocations are counted from 0; it defines invocations 0-1)"
        )
    );
    let events = history(&sfn, done.execution_arn()).await;
    let failed = events
        .iter()
        .filter(|event| event.r#type() == &HistoryEventType::TaskFailed)
        .count();
    assert_eq!(failed, 3, "two thrown errors, then the missing invocation");
}

#[tokio::test]
async fn unmocked_states_call_their_integration() {
    let sfn = mocked_server();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    // HybridPath mocks only the Lambda call; the real SQS call reaches the SQS fake, which has
    // no such queue.
    let done = run(&sfn, &machine, "HybridPath", "{}").await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("SQS.QueueDoesNotExistException"));
    assert!(
        done.cause()
            .unwrap_or_default()
            .starts_with("The specified queue does not exist. (Service: AmazonSQS;"),
        "{:?}",
        done.cause()
    );
    let events = history(&sfn, done.execution_arn()).await;
    assert!(
        events
            .iter()
            .any(|event| event.r#type() == &HistoryEventType::TaskSucceeded),
        "the mocked Lambda call succeeded first"
    );
}

#[tokio::test]
async fn without_a_test_case_nothing_is_mocked() {
    let sfn = mocked_server();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    // The call reached the Lambda fake, which has no such function.
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("Lambda.ResourceNotFoundException"));
    assert!(
        done.cause()
            .unwrap_or_default()
            .contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:HelloWorldFunction:$LATEST"),
        "{:?}",
        done.cause()
    );
}

#[tokio::test]
async fn a_thrown_error_is_caught_and_a_pass_state_runs_unmocked() {
    let sfn = mocked_server();
    let machine = create(&sfn, "OrderFlow", ORDER_FLOW).await;
    let done = run(&sfn, &machine, "Declined", r#"{"order":7,"extra":true}"#).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(
        json_text(done.output()),
        json!({ "order": 7, "error": { "Error": "PaymentDeclined", "Cause": "The card has expired." } })
    );
    let events = history(&sfn, done.execution_arn()).await;
    let failed = events
        .iter()
        .find_map(HistoryEvent::task_failed_event_details)
        .expect("a TaskFailed event");
    assert_eq!(failed.error(), Some("PaymentDeclined"));
    assert_eq!(failed.cause(), Some("The card has expired."));
    assert_eq!(failed.resource_type(), "lambda");
}

#[tokio::test]
async fn a_callback_task_completes_with_its_mocked_result() {
    let sfn = mocked_server();
    let machine = create(&sfn, "OrderFlow", ORDER_FLOW).await;
    let done = run(&sfn, &machine, "Approved", r#"{"order":7}"#).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(
        json_text(done.output()),
        json!({ "order": 7, "payment": { "charged": 42 }, "approval": { "approved": true } })
    );
    let events = history(&sfn, done.execution_arn()).await;
    let outputs: Vec<_> = events
        .iter()
        .filter_map(HistoryEvent::task_succeeded_event_details)
        .map(|details| (details.resource(), json_text(details.output())))
        .collect();
    assert_eq!(
        outputs,
        [
            (
                "invoke",
                json!({ "StatusCode": 200, "Payload": { "charged": 42 } })
            ),
            ("sendMessage.waitForTaskToken", json!({ "approved": true }))
        ]
    );
}

#[tokio::test]
async fn map_iterations_take_successive_invocations() {
    let sfn = mocked_server();
    let machine = create(&sfn, "Lookups", LOOKUPS).await;
    let done = run(&sfn, &machine, "ThreeItems", r#"{"ids":[1,2,3]}"#).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(json_text(done.output()), json!(["first", "later", "later"]));
}

#[tokio::test]
async fn start_sync_execution_runs_a_test_case() {
    let sfn = mocked_server();
    let machine = sfn
        .create_state_machine()
        .name("ExpressLambda")
        .definition(LAMBDA_SQS_INTEGRATION)
        .role_arn(ROLE)
        .r#type(aws_sdk_sfn::types::StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let done = sfn
        .start_sync_execution()
        .state_machine_arn(format!("{machine}#HappyPath"))
        .input("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        done.status(),
        &aws_sdk_sfn::types::SyncExecutionStatus::Succeeded
    );
    assert_eq!(done.state_machine_arn(), Some(machine.as_str()));
    assert_eq!(
        json_text(done.output()),
        json!({ "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" })
    );
}

#[tokio::test]
async fn an_unknown_test_case_is_rejected() {
    let sfn = mocked_server();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    let err = sfn
        .start_execution()
        .state_machine_arn(format!("{machine}#UnknownCase"))
        .send()
        .await
        .expect_err("no such test case");
    assert_eq!(error_code(&err), "ValidationException");
    assert_eq!(
        error_message(&err),
        "Cannot run test case 'UnknownCase' of state machine 'LambdaSQSIntegration': the mock configuration has no test case 'UnknownCase' for state machine 'LambdaSQSIntegration'"
    );

    let other = create(&sfn, "NotInTheFile", LAMBDA_SQS_INTEGRATION).await;
    let err = sfn
        .start_sync_execution()
        .state_machine_arn(format!("{other}#HappyPath"))
        .send()
        .await
        .expect_err("no test cases for this machine");
    assert_eq!(error_code(&err), "ValidationException");
    assert!(
        error_message(&err).contains("no state machine named 'NotInTheFile'"),
        "{}",
        error_message(&err)
    );

    let listed = sfn
        .list_executions()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    assert!(listed.executions().is_empty(), "nothing was started");
}

#[tokio::test]
async fn a_test_case_without_a_mock_configuration_is_rejected() {
    let sfn = InProcess::new().sfn();
    let machine = create(&sfn, "LambdaSQSIntegration", LAMBDA_SQS_INTEGRATION).await;
    let err = sfn
        .start_execution()
        .state_machine_arn(format!("{machine}#HappyPath"))
        .send()
        .await
        .expect_err("no mock configuration");
    assert_eq!(error_code(&err), "ValidationException");
    assert_eq!(
        error_message(&err),
        "Cannot run test case 'HappyPath' of state machine 'LambdaSQSIntegration': no mock configuration is loaded (start Stepstone with --mock-config <file> or SFN_MOCK_CONFIG=<file>)"
    );
}

#[test]
fn an_invalid_mock_file_stops_the_server_with_its_location() {
    let mut document = mock_config();
    document["MockedResponses"]["MockedLambdaRetry"]["0-1"]["Throw"] =
        json!({ "Error": "Lambda.TimeoutException" });
    let path = temp_file(&serde_json::to_string_pretty(&document).unwrap());
    let loaded = App::load(&config(path.clone()));
    std::fs::remove_file(&path).expect("remove the mock configuration");
    let err = loaded.expect_err("a Throw without Cause");
    assert_eq!(
        err.to_string(),
        format!(
            "invalid mock configuration file '{}' at /MockedResponses/MockedLambdaRetry/0-1/Throw: missing required member \"Cause\"",
            path.display()
        )
    );

    let path = temp_file("{\n  \"StateMachines\": {},\n  \"MockedResponses\": {\n}");
    let loaded = App::load(&config(path.clone()));
    std::fs::remove_file(&path).expect("remove the mock configuration");
    let err = loaded.expect_err("not JSON");
    assert!(
        err.to_string().starts_with(&format!(
            "invalid mock configuration file '{}' at line 4, column 1: not valid JSON: ",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn a_missing_mock_file_stops_the_server() {
    let path = std::env::temp_dir().join("stepstone-no-such-dir/MockConfigFile.json");
    let err = App::load(&config(path.clone())).expect_err("missing file");
    assert!(
        err.to_string().starts_with(&format!(
            "mock configuration file '{}': cannot read the mock configuration file: ",
            path.display()
        )),
        "{err}"
    );
}

#[tokio::test]
async fn an_activity_task_is_answered_from_its_mock_without_a_worker() {
    let sfn = mocked_server();
    // The activity does not even exist: a mocked task never reaches it.
    let machine = create(
        &sfn,
        "ManualReview",
        r#"{"StartAt":"Review","States":{"Review":{"Type":"Task",
            "Resource":"arn:aws:states:us-east-1:123456789012:activity:reviewers","End":true}}}"#,
    )
    .await;
    let done = run(&sfn, &machine, "Approved", "{}").await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(json_text(done.output()), json!({"approved": true}));
    let events = history(&sfn, done.execution_arn()).await;
    let kinds: Vec<&HistoryEventType> = events.iter().map(HistoryEvent::r#type).collect();
    assert_eq!(
        kinds[2..5],
        [
            &HistoryEventType::ActivityScheduled,
            &HistoryEventType::ActivityStarted,
            &HistoryEventType::ActivitySucceeded
        ]
    );
}

/// `examples/mock-config/`, as its README runs it: both test cases succeed with the mocked SQS
/// answer, and the retry case records the two mocked timeouts.
#[tokio::test]
async fn the_mock_config_example_runs_both_test_cases() {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/mock-config");
    let definition =
        std::fs::read_to_string(example.join("definition.json")).expect("the example definition");
    let sfn = InProcess::with_config(config(example.join("MockConfigFile.json"))).sfn();
    let machine = create(&sfn, "LambdaSQSIntegration", &definition).await;
    let sent = json!({
        "MD5OfMessageBody": "5f90a94df6a0ad28476a7428fee6513e",
        "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"
    });
    for case in ["HappyPath", "RetryPath"] {
        let done = run(&sfn, &machine, case, r#"{"name": "you"}"#).await;
        assert_eq!(done.status(), &ExecutionStatus::Succeeded, "{case}");
        let output: Value = serde_json::from_str(done.output().unwrap()).unwrap();
        assert_eq!(output, sent, "{case}");
        let history = sfn
            .get_execution_history()
            .execution_arn(done.execution_arn())
            .send()
            .await
            .unwrap();
        let failed = history
            .events()
            .iter()
            .filter(|e| e.r#type() == &HistoryEventType::TaskFailed)
            .count();
        assert_eq!(failed, if case == "RetryPath" { 2 } else { 0 }, "{case}");
    }
}
