//! Nested executions through `arn:aws:states:::states:startExecution`: request-response, `.sync`
//! (output as JSON text) and `.sync:2` (output as JSON), and a failing child.

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType};
use conformance_tests::{InProcess, ROLE, finished};

async fn machine(sfn: &aws_sdk_sfn::Client, name: &str, definition: &str) -> String {
    sfn.create_state_machine()
        .name(name)
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn
}

fn parent(resource: &str) -> String {
    format!(
        r#"{{"StartAt":"Call","States":{{"Call":{{"Type":"Task","Resource":"arn:aws:states:::states:{resource}",
            "Parameters":{{"StateMachineArn.$":"$.child","Input":{{"x.$":"$.x"}},"Name":"kid"}},
            "Catch":[{{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}}],"End":true}},
            "Caught":{{"Type":"Pass","End":true}}}}}}"#
    )
}

#[tokio::test]
async fn sync_waits_for_the_child_and_returns_its_output() {
    for (resource, output) in [
        (
            "startExecution.sync",
            serde_json::json!(r#"{"doubled":42}"#),
        ),
        ("startExecution.sync:2", serde_json::json!({"doubled": 42})),
    ] {
        let sfn = InProcess::new().sfn();
        let child = machine(&sfn, "child", r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.x, $.x)"},"End":true}}}"#).await;
        let arn = machine(&sfn, "parent", &parent(resource)).await;
        let input = serde_json::json!({"child": child, "x": 21}).to_string();
        let started = sfn
            .start_execution()
            .state_machine_arn(&arn)
            .input(input)
            .send()
            .await
            .unwrap();
        let done = finished(&sfn, started.execution_arn()).await;
        assert_eq!(done.status(), &ExecutionStatus::Succeeded, "{resource}");
        let result: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
        assert_eq!(result["Status"], "SUCCEEDED");
        assert_eq!(result["Output"], output, "{resource}");
        assert_eq!(result["Name"], "kid");
        let history = sfn
            .get_execution_history()
            .execution_arn(started.execution_arn())
            .send()
            .await
            .unwrap();
        let types: Vec<&HistoryEventType> = history.events().iter().map(|e| e.r#type()).collect();
        assert!(
            types.contains(&&HistoryEventType::TaskSubmitted),
            "{resource}: {types:?}"
        );
        let kid = sfn
            .describe_execution()
            .execution_arn(result["ExecutionArn"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(kid.status(), &ExecutionStatus::Succeeded);
    }
}

#[tokio::test]
async fn request_response_returns_once_started() {
    let sfn = InProcess::new().sfn();
    let child = machine(
        &sfn,
        "child",
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"End":true}}}"#,
    )
    .await;
    let arn = machine(&sfn, "parent", &parent("startExecution")).await;
    let input = serde_json::json!({"child": child, "x": 1}).to_string();
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input(input)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    let result: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert!(
        result["ExecutionArn"]
            .as_str()
            .unwrap()
            .ends_with(":execution:child:kid")
    );
    assert!(result["StartDate"].is_i64());
    let kid = sfn
        .describe_execution()
        .execution_arn(result["ExecutionArn"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(kid.status(), &ExecutionStatus::Running);
}

#[tokio::test]
async fn a_failing_child_is_a_task_failure() {
    let sfn = InProcess::new().sfn();
    let child = machine(
        &sfn,
        "child",
        r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Nope","Cause":"child failed"}}}"#,
    )
    .await;
    let arn = machine(&sfn, "parent", &parent("startExecution.sync")).await;
    let input = serde_json::json!({"child": child, "x": 1}).to_string();
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input(input)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    let caught: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(caught["Error"], "States.TaskFailed");
    let cause: serde_json::Value = serde_json::from_str(caught["Cause"].as_str().unwrap()).unwrap();
    assert_eq!(
        (cause["Status"].as_str(), cause["Error"].as_str()),
        (Some("FAILED"), Some("Nope"))
    );
}

#[tokio::test]
async fn an_unknown_child_machine_fails_with_the_service_error() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, "parent", r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:none"},"End":true}}}"#).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(
        done.error(),
        Some("StepFunctions.StateMachineDoesNotExistException")
    );
}
