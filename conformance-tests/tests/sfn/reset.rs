//! `POST /_stepstone/reset`: everything a test made is gone afterwards, running executions are
//! stopped (and cannot reach a new execution that reuses their ARN), and only the services
//! named are touched.

use aws_sdk_sfn::types::ExecutionStatus;
use conformance_tests::{InProcess, ROLE, create_machine, error_code, finished, pass_definition};
use serde_json::json;
use stepstone::config::Config;

const WAIT_A_MINUTE: &str =
    r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#;

/// Lets every ready task run (the executions' drivers), without a clock.
async fn settle() {
    for _ in 0..1000 {
        tokio::task::yield_now().await;
    }
}

fn manual_clock() -> InProcess {
    InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    })
}

/// Publishes a version of `machine` and points an alias `live` at it.
async fn publish_with_alias(sfn: &aws_sdk_sfn::Client, machine: &str) {
    let version = sfn
        .publish_state_machine_version()
        .state_machine_arn(machine)
        .send()
        .await
        .unwrap();
    let route = aws_sdk_sfn::types::RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version.state_machine_version_arn())
        .weight(100)
        .build()
        .unwrap();
    sfn.create_state_machine_alias()
        .name("live")
        .routing_configuration(route)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_reset_removes_every_resource_and_stops_running_executions() {
    let stepstone = manual_clock();
    let sfn = stepstone.sfn();
    let waits = create_machine(&sfn, "waits", WAIT_A_MINUTE).await;
    let passes = create_machine(&sfn, "passes", &pass_definition()).await;
    publish_with_alias(&sfn, &passes).await;
    sfn.create_activity().name("review").send().await.unwrap();
    let running = conformance_tests::start(&sfn, &waits, &json!({})).await;
    let done = conformance_tests::start(&sfn, &passes, &json!({})).await;
    finished(&sfn, &done).await;

    let (status, body) = stepstone.reset("").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({
            "reset": ["sfn", "lambda", "sqs", "sns", "sts"],
            "sfn": {"stateMachines": 2, "activities": 1, "executions": 2, "executionsStopped": 1},
            "lambda": {"functions": 0, "processesStopped": 0},
            "sqs": {"queues": 0},
            "sns": {"topics": 0, "subscriptions": 0, "platformApplications": 0,
                "platformEndpoints": 0, "deliveries": 0},
            "sts": {},
        })
    );
    let machines = sfn.list_state_machines().send().await.unwrap();
    assert!(machines.state_machines().is_empty());
    assert!(
        sfn.list_activities()
            .send()
            .await
            .unwrap()
            .activities()
            .is_empty()
    );
    for arn in [&running, &done] {
        let err = sfn
            .describe_execution()
            .execution_arn(arn)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "ExecutionDoesNotExist", "{arn}");
    }
    let err = sfn
        .describe_state_machine()
        .state_machine_arn(&passes)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "StateMachineDoesNotExist");
}

#[tokio::test]
async fn a_stopped_execution_never_reaches_a_new_one_with_its_arn() {
    let stepstone = manual_clock();
    let sfn = stepstone.sfn();
    let start = |machine: String| {
        let sfn = sfn.clone();
        async move {
            sfn.start_execution()
                .state_machine_arn(machine)
                .name("same-name")
                .send()
                .await
                .unwrap()
                .execution_arn
        }
    };
    let machine = create_machine(&sfn, "m", WAIT_A_MINUTE).await;
    let old = start(machine).await;
    settle().await;
    stepstone.reset("").await;

    let longer = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":120,"End":true}}}"#;
    let machine = create_machine(&sfn, "m", longer).await;
    let new = start(machine).await;
    assert_eq!(old, new, "the same ARN again");
    settle().await;
    stepstone.advance_clock(60).await;
    settle().await;
    let described = sfn
        .describe_execution()
        .execution_arn(&new)
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.status(),
        &ExecutionStatus::Running,
        "the old Wait ended nothing"
    );
    let history = sfn
        .get_execution_history()
        .execution_arn(&new)
        .send()
        .await
        .unwrap();
    assert_eq!(
        history.events().len(),
        2,
        "started, Wait entered, nothing from the old one"
    );
}

#[tokio::test]
async fn only_the_services_named_are_reset() {
    let stepstone = InProcess::new();
    let sfn = stepstone.sfn();
    let lambda = stepstone.lambda();
    create_machine(&sfn, "kept", &pass_definition()).await;
    lambda
        .create_function()
        .function_name("gone")
        .runtime(aws_sdk_lambda::types::Runtime::Python312)
        .role(ROLE)
        .handler("handler.handler")
        .code(
            aws_sdk_lambda::types::FunctionCode::builder()
                .zip_file(aws_sdk_lambda::primitives::Blob::new(
                    conformance_tests::zip_package(&[("handler.py", "def handler(e, c): pass\n")]),
                ))
                .build(),
        )
        .send()
        .await
        .unwrap();

    let (status, body) = stepstone.reset("?services=lambda").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"reset": ["lambda"], "lambda": {"functions": 1, "processesStopped": 0}})
    );
    assert_eq!(
        sfn.list_state_machines()
            .send()
            .await
            .unwrap()
            .state_machines()
            .len(),
        1
    );
    assert!(
        lambda
            .list_functions()
            .send()
            .await
            .unwrap()
            .functions()
            .is_empty()
    );

    let (status, body) = stepstone.reset("?services=states").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["reset"], json!(["sfn"]));
    assert!(
        sfn.list_state_machines()
            .send()
            .await
            .unwrap()
            .state_machines()
            .is_empty()
    );
}

#[tokio::test]
async fn a_reset_of_an_unknown_service_is_refused_and_resets_nothing() {
    let stepstone = InProcess::new();
    let sfn = stepstone.sfn();
    create_machine(&sfn, "kept", &pass_definition()).await;
    let (status, body) = stepstone.reset("?services=sfn,dynamodb").await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({
            "__type": "ValidationException",
            "message": "Unknown service 'dynamodb' in services=: Stepstone serves sfn, lambda, sqs, sns, sts",
        })
    );
    assert_eq!(
        sfn.list_state_machines()
            .send()
            .await
            .unwrap()
            .state_machines()
            .len(),
        1
    );
}
