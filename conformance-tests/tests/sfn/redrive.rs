//! RedriveExecution: a failed execution restarts at the state it failed in, keeps its ARN,
//! variables and earlier history, and counts the redrive.

use aws_sdk_sfn::types::{ExecutionRedriveFilter, ExecutionStatus, HistoryEventType};
use conformance_tests::{InProcess, create_machine, error_code, finished, start};
use serde_json::json;
use stepstone::config::Config;

/// Assigns a variable, then describes the activity "gate" (failing until it exists), then
/// reports the variable, the Task's result and the redrive count.
const GATED: &str = r#"{"StartAt":"Setup","States":{
    "Setup":{"Type":"Pass","Assign":{"ticket":"T-1"},"Next":"Gate"},
    "Gate":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:describeActivity",
        "Parameters":{"ActivityArn":"arn:aws:states:us-east-1:123456789012:activity:gate"},
        "ResultSelector":{"name.$":"$.Name"},"Next":"Report"},
    "Report":{"Type":"Pass","Parameters":{"ticket.$":"$ticket","gate.$":"$.name",
        "redrives.$":"$$.Execution.RedriveCount"},"End":true}}}"#;

async fn event_types(sfn: &aws_sdk_sfn::Client, arn: &str) -> Vec<HistoryEventType> {
    sfn.get_execution_history()
        .execution_arn(arn)
        .send()
        .await
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.r#type)
        .collect()
}

#[tokio::test]
async fn a_failed_execution_resumes_at_the_failed_state() {
    let sfn = InProcess::new().sfn();
    let machine = create_machine(&sfn, "gated", GATED).await;
    let arn = start(&sfn, &machine, &json!({"order": 7})).await;
    let failed = finished(&sfn, &arn).await;
    assert_eq!(failed.status(), &ExecutionStatus::Failed);
    assert_eq!(
        failed.redrive_status().map(|s| s.as_str()),
        Some("REDRIVABLE")
    );
    assert_eq!(failed.redrive_count(), Some(0));
    let failed_events = event_types(&sfn, &arn).await;

    sfn.create_activity().name("gate").send().await.unwrap();
    let redriven = sfn
        .redrive_execution()
        .execution_arn(&arn)
        .client_token("first")
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, &arn).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(done.output().unwrap()).unwrap(),
        json!({"ticket": "T-1", "gate": "gate", "redrives": 1})
    );
    assert_eq!(done.redrive_count(), Some(1));
    assert_eq!(done.redrive_date(), Some(redriven.redrive_date()));
    assert!(done.stop_date().is_some());
    assert_eq!(
        done.redrive_status().map(|s| s.as_str()),
        Some("NOT_REDRIVABLE")
    );

    // The history grows: ExecutionRedriven after ExecutionFailed, then the failed state
    // again with the same input; the states before it do not run again.
    let history = sfn
        .get_execution_history()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap()
        .events;
    let types: Vec<&HistoryEventType> = history.iter().map(|e| &e.r#type).collect();
    assert_eq!(
        types[..failed_events.len()],
        failed_events.iter().collect::<Vec<_>>()[..]
    );
    let redrive = &history[failed_events.len()];
    assert_eq!(redrive.r#type, HistoryEventType::ExecutionRedriven);
    assert_eq!(redrive.previous_event_id, failed_events.len() as i64);
    assert_eq!(
        redrive
            .execution_redriven_event_details()
            .and_then(|d| d.redrive_count()),
        Some(1)
    );
    let entered = &history[failed_events.len() + 1];
    assert_eq!(entered.r#type, HistoryEventType::TaskStateEntered);
    assert_eq!(entered.previous_event_id, redrive.id);
    let details = entered.state_entered_event_details().unwrap();
    assert_eq!(details.name(), "Gate");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(details.input().unwrap()).unwrap(),
        json!({"order": 7})
    );
    let setups = types
        .iter()
        .filter(|t| ***t == HistoryEventType::PassStateEntered)
        .count();
    assert_eq!(
        setups, 2,
        "Setup once before the failure, Report once after"
    );

    // A repeated client token returns the same redrive; a new one finds nothing to redrive.
    let again = sfn
        .redrive_execution()
        .execution_arn(&arn)
        .client_token("first")
        .send()
        .await
        .unwrap();
    assert_eq!(again.redrive_date(), redriven.redrive_date());
    let err = sfn
        .redrive_execution()
        .execution_arn(&arn)
        .client_token("second")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ExecutionNotRedrivable");

    // ListExecutions tells redriven executions apart.
    let plain = start(&sfn, &machine, &json!({})).await;
    finished(&sfn, &plain).await;
    for (filter, expected) in [
        (ExecutionRedriveFilter::Redriven, vec![arn.clone()]),
        (ExecutionRedriveFilter::NotRedriven, vec![plain.clone()]),
    ] {
        let listed: Vec<String> = sfn
            .list_executions()
            .state_machine_arn(&machine)
            .redrive_filter(filter)
            .send()
            .await
            .unwrap()
            .executions
            .into_iter()
            .map(|e| e.execution_arn)
            .collect();
        assert_eq!(listed, expected);
    }
}

#[tokio::test]
async fn only_ended_unsuccessful_executions_can_be_redriven() {
    let server = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = server.sfn();
    let machine = create_machine(
        &sfn,
        "waits",
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#,
    )
    .await;
    let arn = start(&sfn, &machine, &json!({})).await;
    let err = sfn
        .redrive_execution()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ExecutionNotRedrivable");

    // Stopped in the Wait, redriven: the Wait starts again and runs to its end.
    sfn.stop_execution()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        finished(&sfn, &arn)
            .await
            .redrive_status()
            .map(|s| s.as_str()),
        Some("REDRIVABLE")
    );
    sfn.redrive_execution()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap();
    server.recorded(&arn, "ExecutionRedriven").await;
    server.advance_clock(60).await;
    assert_eq!(
        finished(&sfn, &arn).await.status(),
        &ExecutionStatus::Succeeded
    );
    let types = event_types(&sfn, &arn).await;
    assert_eq!(
        types,
        [
            HistoryEventType::ExecutionStarted,
            HistoryEventType::WaitStateEntered,
            HistoryEventType::ExecutionAborted,
            HistoryEventType::ExecutionRedriven,
            HistoryEventType::WaitStateEntered,
            HistoryEventType::WaitStateExited,
            HistoryEventType::ExecutionSucceeded,
        ]
    );

    // Unknown executions are reported as such.
    let err = sfn
        .redrive_execution()
        .execution_arn(format!("{arn}-missing"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ExecutionDoesNotExist");
}

/// Runs `definition` over the items `a`, `b` and `c` while only the activities `a` and `c`
/// exist, so that what item `b` does fails; the failed execution.
async fn failed_for_want_of_b(sfn: &aws_sdk_sfn::Client, name: &str, definition: &str) -> String {
    for activity in ["a", "c"] {
        sfn.create_activity().name(activity).send().await.unwrap();
    }
    let machine = create_machine(sfn, name, definition).await;
    let arn = start(sfn, &machine, &json!(["a", "b", "c"])).await;
    assert_eq!(finished(sfn, &arn).await.status(), &ExecutionStatus::Failed);
    arn
}

/// Creates the activity `b` and redrives `arn`; its output once it succeeds.
async fn redriven_with_b(sfn: &aws_sdk_sfn::Client, arn: &str) -> serde_json::Value {
    sfn.create_activity().name("b").send().await.unwrap();
    sfn.redrive_execution()
        .execution_arn(arn)
        .send()
        .await
        .unwrap();
    let done = finished(sfn, arn).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    serde_json::from_str(done.output().unwrap()).unwrap()
}

/// One item at a time: a Pass, then a describe of the activity the item names (failing until
/// it exists). Beside the Map, a branch that only passes.
const GATED_ITEMS: &str = r#"{"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,
    "Branches":[
        {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"MaxConcurrency":1,
            "ItemProcessor":{"StartAt":"Note","States":{
                "Note":{"Type":"Pass","Parameters":{"gate.$":"$"},"Next":"Gate"},
                "Gate":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:describeActivity",
                    "Parameters":{"ActivityArn.$":"States.Format('arn:aws:states:us-east-1:123456789012:activity:{}', $.gate)"},
                    "ResultSelector":{"name.$":"$.Name"},"End":true}}}}}},
        {"StartAt":"Aside","States":{"Aside":{"Type":"Pass","Result":"aside","End":true}}}]}}}"#;

#[tokio::test]
async fn a_redrive_reruns_only_the_failed_map_iterations_and_parallel_branches() {
    let sfn = InProcess::new().sfn();
    let arn = failed_for_want_of_b(&sfn, "gated-items", GATED_ITEMS).await;
    let failed_events = event_types(&sfn, &arn).await.len();
    assert_eq!(
        redriven_with_b(&sfn, &arn).await,
        json!([[{"name": "a"}, {"name": "b"}, {"name": "c"}], "aside"])
    );

    // After the redrive: the Parallel and the Map again, then item 1 from its Task and item 2
    // (never started) from the beginning; item 0 and the other branch are kept.
    let history = sfn
        .get_execution_history()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap()
        .events;
    let redriven: Vec<String> = history[failed_events..]
        .iter()
        .map(|e| {
            let name = e
                .state_entered_event_details()
                .map(|d| d.name().to_owned())
                .or_else(|| {
                    e.map_iteration_started_event_details()
                        .map(|d| d.index().to_string())
                })
                .unwrap_or_default();
            format!("{} {name}", e.r#type.as_str())
                .trim_end()
                .to_owned()
        })
        .collect();
    assert_eq!(
        redriven[..6],
        [
            "ExecutionRedriven",
            "ParallelStateEntered Both",
            "ParallelStateStarted",
            "MapStateEntered Each",
            "MapStateStarted",
            "MapIterationStarted 1",
        ]
    );
    assert_eq!(redriven[6], "TaskStateEntered Gate");
    let entered: Vec<&str> = redriven
        .iter()
        .filter_map(|e| e.strip_prefix("MapIterationStarted "))
        .collect();
    assert_eq!(entered, ["1", "2"]);
    let notes = redriven.iter().filter(|e| e.ends_with(" Note")).count();
    assert_eq!(
        notes, 1,
        "only item 2 starts from the beginning: {redriven:?}"
    );
    assert!(!redriven.iter().any(|e| e.ends_with(" Aside")));
}

/// A Distributed Map whose items each describe the activity they name.
const GATED_CHILDREN: &str = r#"{"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,
    "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Gate","States":{
            "Gate":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:describeActivity",
                "Parameters":{"ActivityArn.$":"States.Format('arn:aws:states:us-east-1:123456789012:activity:{}', $)"},
                "ResultSelector":{"name.$":"$.Name"},"End":true}}}}}}"#;

#[tokio::test]
async fn a_redrive_redrives_the_map_run_and_its_failed_children() {
    let sfn = InProcess::new().sfn();
    let arn = failed_for_want_of_b(&sfn, "gated-children", GATED_CHILDREN).await;
    let runs = sfn
        .list_map_runs()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap();
    let run_arn = runs.map_runs()[0].map_run_arn().to_owned();
    let children = |status: ExecutionStatus| {
        let sfn = sfn.clone();
        let run_arn = run_arn.clone();
        async move {
            sfn.list_executions()
                .map_run_arn(run_arn)
                .status_filter(status)
                .send()
                .await
                .unwrap()
                .executions
        }
    };
    let failed = children(ExecutionStatus::Failed).await;
    assert_eq!(failed.len(), 1);
    let failed_child = failed[0].execution_arn().to_owned();

    assert_eq!(
        redriven_with_b(&sfn, &arn).await,
        json!([{"name": "a"}, {"name": "b"}, {"name": "c"}])
    );

    // The same run, redriven once; the same three children, the failed one redriven.
    let runs = sfn
        .list_map_runs()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(runs.map_runs().len(), 1);
    let run = sfn
        .describe_map_run()
        .map_run_arn(&run_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(run.status().as_str(), "SUCCEEDED");
    assert_eq!(run.redrive_count(), Some(1));
    assert!(run.redrive_date().is_some());
    assert_eq!(run.execution_counts().unwrap().succeeded(), 3);
    assert_eq!(run.execution_counts().unwrap().failed(), 0);
    assert_eq!(children(ExecutionStatus::Succeeded).await.len(), 3);
    let child = finished(&sfn, &failed_child).await;
    assert_eq!(child.status(), &ExecutionStatus::Succeeded);
    assert_eq!(child.redrive_count(), Some(1));
    let child_events = event_types(&sfn, &failed_child).await;
    assert_eq!(
        child_events,
        [
            HistoryEventType::ExecutionStarted,
            HistoryEventType::TaskStateEntered,
            HistoryEventType::TaskScheduled,
            HistoryEventType::TaskStarted,
            HistoryEventType::TaskFailed,
            HistoryEventType::ExecutionFailed,
            HistoryEventType::ExecutionRedriven,
            HistoryEventType::TaskStateEntered,
            HistoryEventType::TaskScheduled,
            HistoryEventType::TaskStarted,
            HistoryEventType::TaskSucceeded,
            HistoryEventType::TaskStateExited,
            HistoryEventType::ExecutionSucceeded,
        ]
    );
    assert!(
        event_types(&sfn, &arn)
            .await
            .contains(&HistoryEventType::MapRunRedriven)
    );
}
