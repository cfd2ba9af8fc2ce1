//! The execution-side operations before the engine: their validation and the answers AWS gives
//! when nothing matches.

use aws_sdk_sfn::types::StateMachineType;
use conformance_tests::{InProcess, ROLE, error_code, error_message, pass_definition};

const EXECUTION: &str = "arn:aws:states:us-east-1:123456789012:execution:m:e";

#[tokio::test]
async fn start_execution_validates_its_input() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn;

    let err = sfn
        .start_execution()
        .state_machine_arn(format!("{arn}nope"))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_does_not_exist()
    );
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input("")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_execution_input());
    assert_eq!(
        error_message(&err),
        "Invalid State Machine Execution Input: 'Invalid execution input.'"
    );
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input("not json")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_execution_input());
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name("a b")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_name());
    let err = sfn
        .start_execution()
        .state_machine_arn(format!("{arn}:7"))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_does_not_exist(),
        "unknown version"
    );

    let too_big = format!("\"{}\"", "a".repeat(262_144));
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input(too_big)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
}

#[tokio::test]
async fn starting_an_execution_is_honestly_not_implemented_yet() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input("{}")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "NotImplemented");
    assert!(
        error_message(&err).contains("StartExecution"),
        "{}",
        error_message(&err)
    );
}

#[tokio::test]
async fn sync_execution_is_for_express_machines_only() {
    let sfn = InProcess::new().sfn();
    let standard = sfn
        .create_state_machine()
        .name("s")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let err = sfn
        .start_sync_execution()
        .state_machine_arn(&standard)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_type_not_supported()
    );
    let express = sfn
        .create_state_machine()
        .name("e")
        .definition(pass_definition())
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let err = sfn
        .list_executions()
        .state_machine_arn(&express)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_type_not_supported()
    );
}

#[tokio::test]
async fn lookups_of_unknown_executions() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .describe_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    assert_eq!(
        error_message(&err),
        format!("Execution Does Not Exist: '{EXECUTION}'")
    );
    let err = sfn
        .get_execution_history()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    let err = sfn
        .stop_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    let err = sfn
        .redrive_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    let err = sfn
        .describe_state_machine_for_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    let err = sfn
        .list_map_runs()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );

    let express =
        "arn:aws:states:us-east-1:123456789012:express:m:e:0d5a8b4c-2d0e-4f0c-9a7e-1c2b3d4e5f60";
    let err = sfn
        .describe_execution()
        .execution_arn(express)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error_message(&err),
        "Invalid Arn: 'Resource type not valid in this context: express'"
    );
}

#[tokio::test]
async fn list_executions_of_a_new_machine_is_empty() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let listed = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert!(listed.executions().is_empty());
    let err = sfn.list_executions().send().await.unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");
}

#[tokio::test]
async fn task_tokens_that_match_no_task_are_invalid() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .send_task_success()
        .task_token("token")
        .output("{}")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_token());
    let err = sfn
        .send_task_success()
        .task_token("token")
        .output("{nope")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_output());
    let err = sfn
        .send_task_failure()
        .task_token("token")
        .error("E")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_token());
    let err = sfn
        .send_task_heartbeat()
        .task_token("token")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_token());
}

#[tokio::test]
async fn map_runs_that_do_not_exist() {
    let sfn = InProcess::new().sfn();
    let arn =
        "arn:aws:states:us-east-1:123456789012:mapRun:m/label:0d5a8b4c-2d0e-4f0c-9a7e-1c2b3d4e5f60";
    let err = sfn
        .describe_map_run()
        .map_run_arn(arn)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_resource_not_found());
    let err = sfn
        .update_map_run()
        .map_run_arn(arn)
        .max_concurrency(2)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_resource_not_found());
}
