//! The real server on a real socket, through the SDK's own HTTP client.

use conformance_tests::{ROLE, Server, pass_definition};

#[tokio::test]
async fn the_sdk_works_over_a_socket() {
    let server = Server::start().await;
    let sfn = server.sfn();
    let created = sfn
        .create_state_machine()
        .name("net")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    let listed = sfn.list_state_machines().send().await.unwrap();
    assert_eq!(
        listed.state_machines()[0].state_machine_arn(),
        created.state_machine_arn()
    );
    let err = sfn
        .describe_activity()
        .activity_arn("arn:aws:states:us-east-1:123456789012:activity:x")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_activity_does_not_exist());
}

/// Executions evaluate expressions on threads of their own: while two run an expression that
/// takes the whole of its one-second budget, the API still answers, and sees them running.
#[tokio::test]
async fn heavy_expressions_do_not_stall_the_api() {
    let server = Server::start().await;
    let sfn = server.sfn();
    let heavy = r#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
        "Output":"{% $sum([1..1000000].($sum([1..1000000]))) %}","End":true}}}"#;
    let arn = conformance_tests::create_machine(&sfn, "heavy", heavy).await;
    let mut executions = Vec::new();
    for _ in 0..2 {
        let started = sfn.start_execution().state_machine_arn(&arn).send().await;
        executions.push(started.unwrap().execution_arn().to_owned());
    }
    sfn.list_state_machines()
        .send()
        .await
        .expect("the API answers");
    let mut running = 0;
    for execution in &executions {
        let described = sfn.describe_execution().execution_arn(execution);
        let status = described.send().await.unwrap().status().clone();
        running += usize::from(status == aws_sdk_sfn::types::ExecutionStatus::Running);
    }
    assert!(
        running > 0,
        "the API answered only after the evaluations ended"
    );
    for execution in &executions {
        let done = conformance_tests::finished(&sfn, execution).await;
        assert_eq!(done.error(), Some("States.QueryEvaluationError"));
    }
}
