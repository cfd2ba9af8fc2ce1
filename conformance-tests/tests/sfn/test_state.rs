//! TestState through the SDK (the in-process client has no `sync-` host issue): AWS's request
//! rules, and states run once with their inspection data.

use aws_sdk_sfn::types::{
    InspectionLevel, MockErrorOutput, MockInput, MockResponseValidationMode, TestExecutionStatus,
    TestStateConfiguration,
};
use conformance_tests::{InProcess, ROLE, error_code, error_message};
use serde_json::{Value, json};

const TASK: &str = r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}"#;

#[tokio::test]
async fn only_task_map_and_parallel_take_a_mock() {
    let sfn = InProcess::new().sfn();
    let mock = MockInput::builder().result("{}").build();
    let err = sfn
        .test_state()
        .definition(r#"{"Type":"Pass","End":true}"#)
        .mock(mock)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
    assert_eq!(
        error_message(&err),
        "State type 'Pass' is not supported when a mock is specified"
    );
}

#[tokio::test]
async fn a_mock_has_a_result_or_an_error_not_both() {
    let sfn = InProcess::new().sfn();
    let both = MockInput::builder()
        .result("{}")
        .error_output(MockErrorOutput::builder().error("E").cause("C").build())
        .build();
    let err = sfn
        .test_state()
        .definition(TASK)
        .mock(both)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "A test mock should have only one of the following fields: [result, errorOutput]."
    );
}

#[tokio::test]
async fn an_unmocked_task_needs_a_role() {
    let sfn = InProcess::new().sfn();
    let err = sfn.test_state().definition(TASK).send().await.unwrap_err();
    assert_eq!(
        error_message(&err),
        "RoleArn must be specified when testing a Task state"
    );
    let out = sfn
        .test_state()
        .definition(TASK)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    // With a role the state runs: it calls the Lambda fake, which has no function `f`.
    assert_eq!(out.status(), Some(&TestExecutionStatus::Failed));
    assert_eq!(out.error(), Some("Lambda.ResourceNotFoundException"));
    assert!(out.cause().unwrap().starts_with("Function not found: "));
}

#[tokio::test]
async fn invalid_states_are_invalid_definitions() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .test_state()
        .definition(r#"{"Type":"Parallel","Branches":[],"End":true}"#)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_definition());
    assert_eq!(
        error_message(&err),
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'"
    );
    let machine = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
    let err = sfn
        .test_state()
        .definition(machine)
        .state_name("B")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
}

fn json(text: Option<&str>) -> Value {
    serde_json::from_str(text.expect("a JSON member")).expect("valid JSON")
}

const RETRY_AND_CATCH: &str = r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
    "Retry":[{"ErrorEquals":["Throttled"],"IntervalSeconds":1,"MaxAttempts":5,"BackoffRate":2}],
    "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Recover"}],"End":true}"#;

fn mock_error(error: &str) -> MockInput {
    MockInput::builder()
        .error_output(MockErrorOutput::builder().error(error).cause("why").build())
        .build()
}

#[tokio::test]
async fn pass_shows_each_step_at_debug() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(r#"{"Type":"Pass","InputPath":"$.in","Parameters":{"v.$":"$.x"},"ResultPath":"$.out","Next":"After"}"#)
        .input(r#"{"in":{"x":7},"keep":true}"#)
        .inspection_level(InspectionLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(&TestExecutionStatus::Succeeded));
    assert_eq!(out.next_state(), Some("After"));
    assert_eq!(
        json(out.output()),
        json!({"in": {"x": 7}, "keep": true, "out": {"v": 7}})
    );
    let data = out.inspection_data().unwrap();
    assert_eq!(json(data.input()), json!({"in": {"x": 7}, "keep": true}));
    assert_eq!(json(data.after_input_path()), json!({"x": 7}));
    assert_eq!(json(data.after_parameters()), json!({"v": 7}));
    assert_eq!(
        json(data.after_result_path()),
        json!({"in": {"x": 7}, "keep": true, "out": {"v": 7}})
    );
}

#[tokio::test]
async fn info_leaves_out_inspection_data() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(r#"{"Type":"Pass","End":true}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(json(out.output()), json!({}));
    assert!(out.inspection_data().is_none());
    assert!(out.next_state().is_none());
}

#[tokio::test]
async fn choice_names_the_next_state() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(r#"{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":10,"Next":"Small"}],"Default":"Large"}"#)
        .input(r#"{"n":42}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(&TestExecutionStatus::Succeeded));
    assert_eq!(out.next_state(), Some("Large"));
    assert_eq!(json(out.output()), json!({"n": 42}));
}

#[tokio::test]
async fn a_mocked_error_a_retrier_handles_is_retriable() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(RETRY_AND_CATCH)
        .mock(mock_error("Throttled"))
        .state_configuration(
            TestStateConfiguration::builder()
                .retrier_retry_count(3)
                .build(),
        )
        .inspection_level(InspectionLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(&TestExecutionStatus::Retriable));
    assert_eq!(out.error(), Some("Throttled"));
    let details = out.inspection_data().unwrap().error_details().unwrap();
    assert_eq!(details.retry_index(), Some(0));
    // IntervalSeconds 1, BackoffRate 2, three retries made: the fourth waits 2^3 seconds.
    assert_eq!(details.retry_backoff_interval_seconds(), Some(8));
}

#[tokio::test]
async fn a_mocked_error_a_catcher_handles_is_caught() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(RETRY_AND_CATCH)
        .input(r#"{"order":1}"#)
        .mock(mock_error("Broken"))
        .inspection_level(InspectionLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(&TestExecutionStatus::CaughtError));
    assert_eq!(out.next_state(), Some("Recover"));
    assert_eq!(
        json(out.output()),
        json!({"order": 1, "error": {"Error": "Broken", "Cause": "why"}})
    );
    let details = out.inspection_data().unwrap().error_details().unwrap();
    assert_eq!(details.catch_index(), Some(0));
}

#[tokio::test]
async fn jsonata_output_shapes_the_mocked_result() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(r#"{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke",
            "Arguments":{"FunctionName":"f","Payload":"{% $states.input.order %}"},
            "Output":{"total":"{% $states.result.Payload.price * $states.input.qty %}"},"Next":"Ship"}"#)
        .input(r#"{"order":"o-1","qty":3}"#)
        .mock(MockInput::builder().result(r#"{"Payload":{"price":5}}"#).build())
        .inspection_level(InspectionLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(&TestExecutionStatus::Succeeded));
    assert_eq!(out.next_state(), Some("Ship"));
    assert_eq!(json(out.output()), json!({"total": 15}));
    let data = out.inspection_data().unwrap();
    assert_eq!(
        json(data.after_arguments()),
        json!({"FunctionName": "f", "Payload": "o-1"})
    );
    assert_eq!(json(data.result()), json!({"Payload": {"price": 5}}));
}

const START_EXECUTION: &str = r#"{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
    "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m"},"End":true}"#;

fn mock_result(result: &str, mode: Option<MockResponseValidationMode>) -> MockInput {
    MockInput::builder()
        .result(result)
        .set_field_validation_mode(mode)
        .build()
}

#[tokio::test]
async fn strict_mocks_must_fit_the_actions_response() {
    let sfn = InProcess::new().sfn();
    let cases = [
        (
            r#"{"executionArn":"arn"}"#,
            "Required field 'ExecutionArn' is missing",
        ),
        (
            r#"{"ExecutionArn":"arn","StartDate":1764103483}"#,
            "Field 'StartDate' must be a string",
        ),
    ];
    for (result, message) in cases {
        let err = sfn
            .test_state()
            .definition(START_EXECUTION)
            .mock(mock_result(result, None))
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "ValidationException");
        assert_eq!(
            error_message(&err),
            format!("Mock result schema validation error: {message}")
        );
    }
}

#[tokio::test]
async fn present_and_none_mocks_may_leave_members_out() {
    let sfn = InProcess::new().sfn();
    let present = sfn
        .test_state()
        .definition(START_EXECUTION)
        .mock(mock_result(
            r#"{"executionArn":"arn"}"#,
            Some(MockResponseValidationMode::Present),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(present.status(), Some(&TestExecutionStatus::Succeeded));
    assert_eq!(json(present.output()), json!({"executionArn": "arn"}));
    let none = sfn
        .test_state()
        .definition(START_EXECUTION)
        .mock(mock_result(
            r#"{"StartDate":true}"#,
            Some(MockResponseValidationMode::None),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(json(none.output()), json!({"StartDate": true}));
    let err = sfn
        .test_state()
        .definition(START_EXECUTION)
        .mock(mock_result(
            r#"{"StartDate":true}"#,
            Some(MockResponseValidationMode::Present),
        ))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Mock result schema validation error: Field 'StartDate' must be a string"
    );
}

#[tokio::test]
async fn a_map_shows_its_selected_items_and_batches() {
    let sfn = InProcess::new().sfn();
    let out = sfn
        .test_state()
        .definition(
            r#"{"Type":"Map","ItemsPath":"$.items",
            "ItemSelector":{"n.$":"$$.Map.Item.Value"},
            "ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"size":2}},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
        )
        .input(r#"{"items":[1,2,3]}"#)
        .mock(MockInput::builder().result("[1,2]").build())
        .inspection_level(InspectionLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(&TestExecutionStatus::Succeeded));
    let data = out.inspection_data().unwrap();
    assert_eq!(
        json(data.after_item_selector()),
        json!([{"n": 1}, {"n": 2}, {"n": 3}])
    );
    assert_eq!(
        json(data.after_item_batcher()),
        json!([
            {"BatchInput": {"size": 2}, "Items": [{"n": 1}, {"n": 2}]},
            {"BatchInput": {"size": 2}, "Items": [{"n": 3}]}
        ])
    );
}
