//! The human-approval example (`examples/human-approval`) end to end: the real definition and
//! Python function, an approver who answers through the SDK hours later on the manual clock, a
//! rejection, and a request nobody answers.

use super::python_function;
use aws_sdk_lambda::types::Environment;
use aws_sdk_sfn::types::ExecutionStatus;
use conformance_tests::{InProcess, ROLE, error_code, finished, zip_package};
use serde_json::{Value, json};
use std::path::PathBuf;
use stepstone::config::Config;

const DEFINITION: &str = include_str!("../../../examples/human-approval/definition.json");
const FUNCTION: &str = include_str!("../../../examples/human-approval/request_approval.py");

/// A Stepstone on the manual clock with the example deployed; its approval requests land in a
/// fresh outbox directory.
struct Example {
    stepstone: InProcess,
    sfn: aws_sdk_sfn::Client,
    machine: String,
    outbox: PathBuf,
}

impl Example {
    async fn deploy(name: &str) -> Example {
        let stepstone = InProcess::with_config(Config {
            manual_clock: true,
            ..Config::default()
        });
        let outbox =
            std::env::temp_dir().join(format!("stepstone-approvals-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&outbox);
        let lambda = stepstone.lambda();
        python_function(
            &lambda,
            "request-approval",
            zip_package(&[("request_approval.py", FUNCTION)]),
        )
        .handler("request_approval.handler")
        .environment(
            Environment::builder()
                .variables("OUTBOX", outbox.to_string_lossy())
                .build(),
        )
        .send()
        .await
        .expect("create the function");
        let sfn = stepstone.sfn();
        let machine = sfn
            .create_state_machine()
            .name("human-approval")
            .definition(DEFINITION)
            .role_arn(ROLE)
            .send()
            .await
            .expect("create the state machine")
            .state_machine_arn;
        Example {
            stepstone,
            sfn,
            machine,
            outbox,
        }
    }

    /// Starts an order and returns the execution ARN and the task token from its approval
    /// request, once the function has written it.
    async fn order(&self, id: &str) -> (String, String) {
        let started = self
            .sfn
            .start_execution()
            .state_machine_arn(&self.machine)
            .input(json!({"order": {"id": id, "total": 99}}).to_string())
            .send()
            .await
            .unwrap();
        // The function writes the request before it returns; then the task is submitted.
        self.stepstone
            .recorded(started.execution_arn(), "TaskSubmitted")
            .await;
        let path = self.outbox.join(format!("{id}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("no approval request at {}: {e}", path.display()));
        let request: Value = serde_json::from_str(&text).expect("the request is JSON");
        assert_eq!(request["execution"], started.execution_arn());
        assert_eq!(request["order"]["id"], id);
        let token = request["token"].as_str().expect("a token").to_owned();
        (started.execution_arn().to_owned(), token)
    }
}

impl Drop for Example {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.outbox);
    }
}

#[tokio::test]
async fn an_order_approved_hours_later_ships() {
    if !super::available("python3") {
        return;
    }
    let example = Example::deploy("approve").await;
    let (execution, token) = example.order("order-1").await;
    example.stepstone.advance_clock(5 * 3600).await;
    let waiting = example
        .sfn
        .describe_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    assert_eq!(waiting.status(), &ExecutionStatus::Running);
    example
        .sfn
        .send_task_success()
        .task_token(&token)
        .output(r#"{"approver":"alice"}"#)
        .send()
        .await
        .unwrap();
    let done = finished(&example.sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    let output: Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(
        output,
        json!({"order": "order-1", "approvedBy": "alice", "status": "shipped"})
    );
    let took = done.stop_date().unwrap().secs() - done.start_date().secs();
    assert!(took >= 5 * 3600, "the answer came five hours in: {took}");
}

#[tokio::test]
async fn a_rejected_order_ends_rejected() {
    if !super::available("python3") {
        return;
    }
    let example = Example::deploy("reject").await;
    let (execution, token) = example.order("order-2").await;
    example
        .sfn
        .send_task_failure()
        .task_token(&token)
        .error("Rejected")
        .cause("too expensive")
        .send()
        .await
        .unwrap();
    let done = finished(&example.sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("OrderRejected"));
}

#[tokio::test]
async fn an_unanswered_request_expires_after_a_day() {
    if !super::available("python3") {
        return;
    }
    let example = Example::deploy("expire").await;
    let (execution, token) = example.order("order-3").await;
    example.stepstone.advance_clock(86_400).await;
    let done = finished(&example.sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("ApprovalExpired"));
    let late = example
        .sfn
        .send_task_success()
        .task_token(&token)
        .output(r#"{"approver":"bob"}"#)
        .send()
        .await
        .expect_err("the token timed out");
    assert_eq!(error_code(&late), "TaskTimedOut");
}
