//! Expressions that once broke the server (the hardening issue): each fails its state with
//! `States.QueryEvaluationError`, and the execution, its Parallel parent, StartSyncExecution
//! and TestState all answer.

use aws_sdk_sfn::types::{ExecutionStatus, StateMachineType};
use conformance_tests::{InProcess, ROLE, create_machine, finished};

const HOSTILE: &[&str] = &[
    "$fromMillis(0, '[Y,*-100]')",
    "[-1e300..1e300]",
    "$pad('x', 9.3e18)",
    "$formatInteger(1e300, 'I')",
];

fn pass_in_parallel(expression: &str) -> String {
    format!(
        r#"{{"QueryLanguage":"JSONata","StartAt":"Par","States":{{"Par":{{"Type":"Parallel","End":true,
        "Branches":[{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Output":"{{% {expression} %}}","End":true}}}}}}]}}}}}}"#
    )
}

#[tokio::test]
async fn hostile_expressions_fail_their_executions() {
    let stepstone = InProcess::new();
    let sfn = stepstone.sfn();
    for (n, expression) in HOSTILE.iter().enumerate() {
        let arn = create_machine(&sfn, &format!("m{n}"), &pass_in_parallel(expression)).await;
        let execution = conformance_tests::start(&sfn, &arn, &serde_json::json!({})).await;
        let done = finished(&sfn, &execution).await;
        assert_eq!(done.status(), &ExecutionStatus::Failed, "{expression}");
        assert_eq!(
            done.error(),
            Some("States.QueryEvaluationError"),
            "{expression}"
        );
    }
}

#[tokio::test]
async fn hostile_expressions_fail_sync_executions_and_test_state() {
    let stepstone = InProcess::new();
    let sfn = stepstone.sfn();
    for (n, expression) in HOSTILE.iter().enumerate() {
        let definition = pass_in_parallel(expression);
        let express = sfn
            .create_state_machine()
            .name(format!("x{n}"))
            .definition(&definition)
            .role_arn(ROLE)
            .r#type(StateMachineType::Express)
            .send()
            .await
            .unwrap();
        let sync = sfn
            .start_sync_execution()
            .state_machine_arn(express.state_machine_arn())
            .send()
            .await
            .unwrap();
        assert_eq!(
            sync.error(),
            Some("States.QueryEvaluationError"),
            "{expression}"
        );
        let state = format!(
            r#"{{"QueryLanguage":"JSONata","Type":"Pass","Output":"{{% {expression} %}}","End":true}}"#
        );
        let tested = sfn
            .test_state()
            .definition(state)
            .role_arn(ROLE)
            .send()
            .await
            .unwrap();
        assert_eq!(
            tested.error(),
            Some("States.QueryEvaluationError"),
            "{expression}"
        );
    }
}
