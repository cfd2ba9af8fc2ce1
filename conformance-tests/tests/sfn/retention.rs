//! Finished executions are kept for a number and an age (AWS: 90 days), then forgotten.

use aws_sdk_sfn::types::ExecutionStatus;
use conformance_tests::{InProcess, create_machine, finished, pass_definition};
use stepstone::config::Config;

async fn run(sfn: &aws_sdk_sfn::Client, machine: &str) -> String {
    let arn = conformance_tests::start(sfn, machine, &serde_json::json!({})).await;
    assert_eq!(
        finished(sfn, &arn).await.status(),
        &ExecutionStatus::Succeeded
    );
    arn
}

async fn exists(sfn: &aws_sdk_sfn::Client, arn: &str) -> bool {
    match sfn.describe_execution().execution_arn(arn).send().await {
        Ok(_) => true,
        Err(err) => {
            assert!(
                err.as_service_error()
                    .unwrap()
                    .is_execution_does_not_exist()
            );
            false
        }
    }
}

#[tokio::test]
async fn the_oldest_finished_executions_go_beyond_the_count() {
    let stepstone = InProcess::with_config(Config {
        max_finished_executions: 2,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let machine = create_machine(&sfn, "m", &pass_definition()).await;
    let first = run(&sfn, &machine).await;
    let second = run(&sfn, &machine).await;
    let third = run(&sfn, &machine).await;
    assert!(!exists(&sfn, &first).await);
    assert!(exists(&sfn, &second).await && exists(&sfn, &third).await);
    let listed = sfn
        .list_executions()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.executions().len(), 2);
}

#[tokio::test]
async fn finished_executions_are_forgotten_after_the_retention_period() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let machine = create_machine(&sfn, "m", &pass_definition()).await;
    let old = run(&sfn, &machine).await;
    stepstone.advance_clock(90 * 24 * 3600).await;
    run(&sfn, &machine).await;
    assert!(exists(&sfn, &old).await, "kept for 90 days");
    stepstone.advance_clock(1).await;
    run(&sfn, &machine).await;
    assert!(!exists(&sfn, &old).await, "gone after 90 days");
}
