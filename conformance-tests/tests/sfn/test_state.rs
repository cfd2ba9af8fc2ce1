//! TestState's request rules, through the SDK (the in-process client has no `sync-` host issue).

use aws_sdk_sfn::types::{MockErrorOutput, MockInput};
use conformance_tests::{InProcess, ROLE, error_code, error_message};

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
    let err = sfn
        .test_state()
        .definition(TASK)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_code(&err),
        "NotImplemented",
        "a valid request waits for the engine"
    );
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
