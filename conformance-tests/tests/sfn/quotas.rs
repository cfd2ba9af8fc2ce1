//! Account quotas through the SDK: state machines, activities and running standard executions,
//! each refused with its own error once the quota is full and taken again once room is made.
//! The quotas are lowered through the configuration, as AWS raises them on request.

use conformance_tests::{
    InProcess, ROLE, create_machine, error_code, error_message, pass_definition,
};
use stepstone::config::Config;

fn lowered() -> InProcess {
    InProcess::with_config(Config {
        max_state_machines: 2,
        max_activities: 1,
        max_open_executions: 1,
        manual_clock: true,
        ..Config::default()
    })
}

#[tokio::test]
async fn state_machines_beyond_the_quota_are_refused_until_one_is_deleted() {
    let sfn = lowered().sfn();
    let first = create_machine(&sfn, "one", &pass_definition()).await;
    create_machine(&sfn, "two", &pass_definition()).await;
    let create = || {
        sfn.create_state_machine()
            .name("three")
            .definition(pass_definition())
            .role_arn(ROLE)
            .send()
    };
    let err = create().await.unwrap_err();
    assert_eq!(error_code(&err), "StateMachineLimitExceeded");
    assert_eq!(
        error_message(&err),
        "The maximum number of state machines has been reached. Existing state machines must be deleted before a new state machine can be created."
    );
    assert!(err.into_service_error().is_state_machine_limit_exceeded());
    // Repeating an existing machine's creation makes nothing new, so it still answers.
    create_machine(&sfn, "two", &pass_definition()).await;
    sfn.delete_state_machine()
        .state_machine_arn(first)
        .send()
        .await
        .unwrap();
    create().await.expect("room was made");
}

#[tokio::test]
async fn activities_beyond_the_quota_are_refused() {
    let sfn = lowered().sfn();
    sfn.create_activity().name("worker").send().await.unwrap();
    let err = sfn
        .create_activity()
        .name("other")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ActivityLimitExceeded");
    assert_eq!(
        error_message(&err),
        "The maximum number of activities has been reached. Existing activities must be deleted before a new activity can be created."
    );
    sfn.create_activity()
        .name("worker")
        .send()
        .await
        .expect("a repeat is no new activity");
}

#[tokio::test]
async fn running_executions_beyond_the_quota_are_refused_until_one_ends() {
    let sfn = lowered().sfn();
    // Waits until the manual clock moves, which it never does here.
    let waiting = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#;
    let machine = create_machine(&sfn, "waits", waiting).await;
    let first = || {
        sfn.start_execution()
            .state_machine_arn(&machine)
            .name("first")
            .send()
    };
    let running = first().await.unwrap().execution_arn;
    // A repeat of the running execution starts nothing, so the full quota does not refuse it.
    assert_eq!(first().await.unwrap().execution_arn, running);
    let start = || sfn.start_execution().state_machine_arn(&machine).send();
    let err = start().await.unwrap_err();
    assert_eq!(error_code(&err), "ExecutionLimitExceeded");
    assert_eq!(
        error_message(&err),
        "The maximum number of running executions has been reached. Running executions must end or be stopped before a new execution can be started."
    );
    sfn.stop_execution()
        .execution_arn(running)
        .send()
        .await
        .unwrap();
    start().await.expect("the stopped execution made room");
}
