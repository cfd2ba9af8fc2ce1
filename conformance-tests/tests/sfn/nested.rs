//! Nested executions through `arn:aws:states:::states:startExecution`: request-response, `.sync`
//! (output as JSON text) and `.sync:2` (output as JSON), and a failing child.

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType};
use conformance_tests::{InProcess, create_machine, finished, start};

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
        let child = create_machine(&sfn, "child", r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.x, $.x)"},"End":true}}}"#).await;
        let arn = create_machine(&sfn, "parent", &parent(resource)).await;
        let input = serde_json::json!({"child": child, "x": 21});
        let started = start(&sfn, &arn, &input).await;
        let done = finished(&sfn, &started).await;
        assert_eq!(done.status(), &ExecutionStatus::Succeeded, "{resource}");
        let result: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
        assert_eq!(result["Status"], "SUCCEEDED");
        assert_eq!(result["Output"], output, "{resource}");
        assert_eq!(result["Name"], "kid");
        let history = sfn
            .get_execution_history()
            .execution_arn(&started)
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
    let child = create_machine(
        &sfn,
        "child",
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"End":true}}}"#,
    )
    .await;
    let arn = create_machine(&sfn, "parent", &parent("startExecution")).await;
    let input = serde_json::json!({"child": child, "x": 1});
    let started = start(&sfn, &arn, &input).await;
    let done = finished(&sfn, &started).await;
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
    let child = create_machine(
        &sfn,
        "child",
        r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Nope","Cause":"child failed"}}}"#,
    )
    .await;
    let arn = create_machine(&sfn, "parent", &parent("startExecution.sync")).await;
    let input = serde_json::json!({"child": child, "x": 1});
    let started = start(&sfn, &arn, &input).await;
    let done = finished(&sfn, &started).await;
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
    let arn = create_machine(&sfn, "parent", r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:none"},"End":true}}}"#).await;
    let started = start(&sfn, &arn, &serde_json::json!({})).await;
    let done = finished(&sfn, &started).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(
        done.error(),
        Some("StepFunctions.StateMachineDoesNotExistException")
    );
}

/// Waits (yielding, never sleeping) until the parent's `.sync` task has started its child and
/// returns the child's execution ARN, from the `TaskSubmitted` event.
async fn started_child(sfn: &aws_sdk_sfn::Client, parent_arn: &str) -> String {
    for _ in 0..100_000 {
        let history = sfn
            .get_execution_history()
            .execution_arn(parent_arn)
            .send()
            .await
            .unwrap();
        let submitted = history
            .events()
            .iter()
            .find_map(|e| e.task_submitted_event_details());
        if let Some(details) = submitted {
            let output: serde_json::Value =
                serde_json::from_str(details.output().unwrap()).unwrap();
            return output["ExecutionArn"].as_str().unwrap().to_owned();
        }
        tokio::task::yield_now().await;
    }
    panic!("the parent never started its child");
}

const LONG_CHILD: &str =
    r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#;

#[tokio::test]
async fn stopping_the_parent_stops_its_sync_child() {
    let sfn = InProcess::new().sfn();
    let child = create_machine(&sfn, "child", LONG_CHILD).await;
    let arn = create_machine(&sfn, "parent", &parent("startExecution.sync:2")).await;
    let input = serde_json::json!({"child": child, "x": 1});
    let started = start(&sfn, &arn, &input).await;
    let kid = started_child(&sfn, &started).await;
    sfn.stop_execution()
        .execution_arn(&started)
        .send()
        .await
        .unwrap();
    assert_eq!(
        finished(&sfn, &kid).await.status(),
        &ExecutionStatus::Aborted
    );
}

#[tokio::test]
async fn a_timed_out_sync_task_stops_its_child() {
    let stepstone = InProcess::with_config(stepstone::config::Config {
        manual_clock: true,
        ..Default::default()
    });
    let sfn = stepstone.sfn();
    let child = create_machine(&sfn, "child", LONG_CHILD).await;
    let arn = create_machine(
        &sfn,
        "parent",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
            "Parameters":{"StateMachineArn.$":"$.child"},"TimeoutSeconds":60,"End":true}}}"#,
    )
    .await;
    let started = start(&sfn, &arn, &serde_json::json!({ "child": child })).await;
    let kid = started_child(&sfn, &started).await;
    stepstone.advance_clock(60).await;
    let parent = finished(&sfn, &started).await;
    assert_eq!(parent.error(), Some("States.Timeout"));
    assert_eq!(
        finished(&sfn, &kid).await.status(),
        &ExecutionStatus::Aborted
    );
}

#[tokio::test]
async fn a_request_response_child_outlives_its_stopped_parent() {
    let sfn = InProcess::new().sfn();
    let child = create_machine(&sfn, "child", LONG_CHILD).await;
    let arn = create_machine(
        &sfn,
        "parent",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
            "Parameters":{"StateMachineArn.$":"$.child","Name":"kid"},"ResultPath":"$.started","Next":"W"},
            "W":{"Type":"Wait","Seconds":3600,"End":true}}}"#,
    )
    .await;
    let started = start(&sfn, &arn, &serde_json::json!({ "child": child })).await;
    let kid = format!("{}:kid", child.replace(":stateMachine:", ":execution:"));
    for _ in 0..100_000 {
        if sfn
            .describe_execution()
            .execution_arn(&kid)
            .send()
            .await
            .is_ok()
        {
            break;
        }
        tokio::task::yield_now().await;
    }
    sfn.stop_execution()
        .execution_arn(&started)
        .send()
        .await
        .unwrap();
    for _ in 0..1000 {
        tokio::task::yield_now().await;
    }
    let described = sfn
        .describe_execution()
        .execution_arn(&kid)
        .send()
        .await
        .unwrap();
    assert_eq!(described.status(), &ExecutionStatus::Running);
}

#[tokio::test]
async fn the_parent_execution_id_reaches_the_child() {
    let sfn = InProcess::new().sfn();
    let child = create_machine(
        &sfn,
        "child",
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
    )
    .await;
    let arn = create_machine(
        &sfn,
        "parent",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
            "Parameters":{"StateMachineArn.$":"$.child",
                "Input":{"order":7,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},
            "OutputPath":"$.Output","End":true}}}"#,
    )
    .await;
    let started = start(&sfn, &arn, &serde_json::json!({ "child": child })).await;
    let done = finished(&sfn, &started).await;
    let output: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(
        output,
        serde_json::json!({
            "order": 7,
            "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": &started,
        })
    );
}

#[tokio::test]
async fn a_child_answers_its_parents_token_through_aws_sdk_sfn() {
    let sfn = InProcess::new().sfn();
    let child = create_machine(
        &sfn,
        "child",
        r#"{"StartAt":"Answer","States":{"Answer":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
            "Parameters":{"TaskToken.$":"$.token","Output":{"approved":true}},"End":true}}}"#,
    )
    .await;
    let arn = create_machine(
        &sfn,
        "parent",
        r#"{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
            "Parameters":{"StateMachineArn.$":"$.child","Input":{"token.$":"$$.Task.Token"}},"End":true}}}"#,
    )
    .await;
    let started = start(&sfn, &arn, &serde_json::json!({ "child": child })).await;
    let done = finished(&sfn, &started).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(done.output(), Some(r#"{"approved":true}"#));
}

#[tokio::test]
async fn aws_sdk_sfn_errors_are_sfn_exceptions_with_sdk_causes() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(
        &sfn,
        "describer",
        r#"{"StartAt":"Describe","States":{"Describe":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:describeExecution",
            "Parameters":{"ExecutionArn":"arn:aws:states:us-east-1:123456789012:execution:none:none"},
            "Catch":[{"ErrorEquals":["Sfn.ExecutionDoesNotExistException"],"Next":"Missing"}],"End":true},
            "Missing":{"Type":"Pass","End":true}}}"#,
    )
    .await;
    let started = start(&sfn, &arn, &serde_json::json!({})).await;
    let done = finished(&sfn, &started).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    let caught: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(caught["Error"], "Sfn.ExecutionDoesNotExistException");
    let cause = caught["Cause"].as_str().unwrap();
    assert!(
        cause.starts_with("Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:none:none' (Service: Sfn, Status Code: 400, Request ID: "),
        "{cause}"
    );
}

#[tokio::test]
async fn aws_sdk_sfn_results_are_pascal_case_with_iso_dates() {
    let sfn = InProcess::new().sfn();
    let arn = create_machine(
        &sfn,
        "lister",
        r#"{"StartAt":"List","States":{"List":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:listStateMachines","End":true}}}"#,
    )
    .await;
    let started = start(&sfn, &arn, &serde_json::json!({})).await;
    let done = finished(&sfn, &started).await;
    let output: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    let listed = &output["StateMachines"][0];
    assert_eq!(listed["Name"], "lister");
    assert_eq!(listed["StateMachineArn"], arn.as_str());
    let created = listed["CreationDate"].as_str().unwrap();
    // ISO-8601 in UTC, e.g. 2026-11-25T10:00:00.123Z.
    let shape: String = created
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    assert!(
        shape.starts_with("9999-99-99T99:99:99") && shape.ends_with('Z'),
        "{created}"
    );
}
