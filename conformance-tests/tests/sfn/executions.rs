//! Running executions through the SDK: start, describe, history, list, stop, sync express runs,
//! versions and aliases, and the errors around them.

use aws_sdk_sfn::types::{
    ExecutionListItem, ExecutionStatus, HistoryEventType, RoutingConfigurationListItem,
    StateMachineType, SyncExecutionStatus,
};
use conformance_tests::{InProcess, ROLE, error_code, error_message, finished, pass_definition};
use stepstone::config::Config;

const EXECUTION: &str = "arn:aws:states:us-east-1:123456789012:execution:m:e";
const CHAIN: &str = r#"{"StartAt":"A","States":{
    "A":{"Type":"Pass","Result":{"n":1},"ResultPath":"$.a","Next":"B"},
    "B":{"Type":"Choice","Choices":[{"Variable":"$.a.n","NumericEquals":1,"Next":"C"}],"Default":"F"},
    "C":{"Type":"Pass","Parameters":{"got.$":"$.a.n","name.$":"$$.Execution.Name"},"End":true},
    "F":{"Type":"Fail","Error":"Wrong","Cause":"no match"}}}"#;

async fn machine(sfn: &aws_sdk_sfn::Client, definition: &str, kind: StateMachineType) -> String {
    sfn.create_state_machine()
        .name("m")
        .definition(definition)
        .role_arn(ROLE)
        .r#type(kind)
        .send()
        .await
        .unwrap()
        .state_machine_arn
}

#[tokio::test]
async fn a_standard_execution_runs_to_success_with_history() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, CHAIN, StateMachineType::Standard).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name("e")
        .input(r#"{"x":true}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(started.execution_arn(), EXECUTION);

    let done = finished(&sfn, EXECUTION).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(done.output(), Some(r#"{"got":1,"name":"e"}"#));
    assert_eq!(done.input(), Some(r#"{"x":true}"#));
    assert!(done.stop_date().is_some());

    let history = sfn
        .get_execution_history()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap();
    let types: Vec<&HistoryEventType> = history.events().iter().map(|e| e.r#type()).collect();
    assert_eq!(types.first(), Some(&&HistoryEventType::ExecutionStarted));
    assert_eq!(types.last(), Some(&&HistoryEventType::ExecutionSucceeded));
    assert_eq!(types.len(), 8);
    let ids: Vec<i64> = history.events().iter().map(|e| e.id()).collect();
    assert_eq!(ids, (1..=8).collect::<Vec<_>>());
    assert_eq!(
        history.events()[1].previous_event_id(),
        0,
        "AWS links the first state to event 0"
    );

    let reversed = sfn
        .get_execution_history()
        .execution_arn(EXECUTION)
        .reverse_order(true)
        .max_results(3)
        .send()
        .await
        .unwrap();
    assert_eq!(reversed.events()[0].id(), 8);
    assert!(reversed.next_token().is_some());
    let machine_for = sfn
        .describe_state_machine_for_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap();
    assert_eq!(machine_for.definition(), CHAIN);
}

/// Every event of the history, `max_results` at a time, following the tokens.
async fn history_ids(sfn: &aws_sdk_sfn::Client, reverse: bool, with_data: bool) -> Vec<i64> {
    let (mut ids, mut token) = (vec![], None);
    loop {
        let page = sfn
            .get_execution_history()
            .execution_arn(EXECUTION)
            .reverse_order(reverse)
            .include_execution_data(with_data)
            .max_results(3)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        let started = page
            .events()
            .iter()
            .find_map(|e| e.execution_started_event_details());
        assert_eq!(
            started.is_some_and(|d| d.input().is_some()),
            started.is_some() && with_data
        );
        ids.extend(page.events().iter().map(|e| e.id()));
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            return ids;
        }
    }
}

#[tokio::test]
async fn history_pages_hold_every_event_once_in_either_order() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, CHAIN, StateMachineType::Standard).await;
    let input = serde_json::json!({});
    let started = sfn.start_execution().state_machine_arn(&arn).name("e");
    started.input(input.to_string()).send().await.unwrap();
    finished(&sfn, EXECUTION).await;
    let forward: Vec<i64> = (1..=8).collect();
    let backward: Vec<i64> = forward.iter().rev().copied().collect();
    for with_data in [true, false] {
        assert_eq!(history_ids(&sfn, false, with_data).await, forward);
        assert_eq!(history_ids(&sfn, true, with_data).await, backward);
    }
}

#[tokio::test]
async fn failures_are_reported_with_error_and_cause() {
    let sfn = InProcess::new().sfn();
    let definition =
        r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"it broke"}}}"#;
    let arn = machine(&sfn, definition, StateMachineType::Standard).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(
        (done.error(), done.cause()),
        (Some("Boom"), Some("it broke"))
    );
    assert!(done.output().is_none());
}

#[tokio::test]
async fn names_are_idempotent_while_running_and_unique_after() {
    let sfn = InProcess::new().sfn();
    let definition =
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100000,"End":true}}}"#;
    let arn = machine(&sfn, definition, StateMachineType::Standard).await;
    let first = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name("e")
        .input("{}")
        .send()
        .await
        .unwrap();
    let again = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name("e")
        .input("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        (again.execution_arn(), again.start_date()),
        (first.execution_arn(), first.start_date())
    );
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name("e")
        .input(r#"{"other":1}"#)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_already_exists()
    );
    assert_eq!(
        error_message(&err),
        format!("Execution Already Exists: '{EXECUTION}'")
    );

    let stopped = sfn
        .stop_execution()
        .execution_arn(EXECUTION)
        .error("Stop")
        .cause("enough")
        .send()
        .await
        .unwrap();
    let done = sfn
        .describe_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), &ExecutionStatus::Aborted);
    assert_eq!(done.stop_date(), Some(stopped.stop_date()));
    assert_eq!((done.error(), done.cause()), (Some("Stop"), Some("enough")));
    let err = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .name("e")
        .input("{}")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_already_exists(),
        "a closed execution's name stays taken"
    );
    let history = sfn
        .get_execution_history()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap();
    assert_eq!(
        history.events().last().unwrap().r#type(),
        &HistoryEventType::ExecutionAborted
    );
}

#[tokio::test]
async fn list_executions_newest_first_with_status_filter() {
    let sfn = InProcess::with_config(Config {
        wait_time_scale: 0.0,
        ..Config::default()
    })
    .sfn();
    let arn = machine(&sfn, pass_definition().as_str(), StateMachineType::Standard).await;
    for name in ["one", "two"] {
        let started = sfn
            .start_execution()
            .state_machine_arn(&arn)
            .name(name)
            .send()
            .await
            .unwrap();
        finished(&sfn, started.execution_arn()).await;
    }
    let listed = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let names: Vec<&str> = listed.executions().iter().map(|e| e.name()).collect();
    assert_eq!(names, ["two", "one"]);
    let failed = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .status_filter(ExecutionStatus::Failed)
        .send()
        .await
        .unwrap();
    assert!(failed.executions().is_empty());
    let page = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .max_results(1)
        .send()
        .await
        .unwrap();
    assert_eq!(page.executions().len(), 1);
    assert!(page.next_token().is_some());
}

/// The one execution ListExecutions shows for `machine`.
async fn listed(sfn: &aws_sdk_sfn::Client, machine: &str) -> ExecutionListItem {
    let listing = sfn.list_executions().state_machine_arn(machine);
    let mut executions = listing.send().await.unwrap().executions;
    assert_eq!(executions.len(), 1);
    executions.remove(0)
}

#[tokio::test]
async fn listings_follow_an_execution_as_it_changes() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#;
    let arn = machine(&sfn, definition, StateMachineType::Standard).await;
    let started = sfn.start_execution().state_machine_arn(&arn).name("e");
    started.send().await.unwrap();
    let running = listed(&sfn, &arn).await;
    assert_eq!(running.status(), &ExecutionStatus::Running);
    assert!(running.stop_date().is_none());

    sfn.stop_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap();
    let stopped = listed(&sfn, &arn).await;
    assert_eq!(stopped.status(), &ExecutionStatus::Aborted);
    assert!(stopped.stop_date().is_some());
    assert_eq!(stopped.redrive_count(), Some(0));

    sfn.redrive_execution()
        .execution_arn(EXECUTION)
        .send()
        .await
        .unwrap();
    let redriven = listed(&sfn, &arn).await;
    assert_eq!(redriven.status(), &ExecutionStatus::Running);
    assert!(redriven.stop_date().is_none());
    assert_eq!(redriven.redrive_count(), Some(1));
    assert!(redriven.redrive_date().is_some());
}

#[tokio::test]
async fn waits_follow_the_time_scale() {
    let sfn = InProcess::with_config(Config {
        wait_time_scale: 0.0,
        ..Config::default()
    })
    .sfn();
    let definition =
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}"#;
    let arn = machine(&sfn, definition, StateMachineType::Standard).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input(r#"{"a":1}"#)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(
        done.status(),
        &ExecutionStatus::Succeeded,
        "a year-long Wait passes at once with WAIT_TIME_SCALE=0"
    );
    assert_eq!(done.output(), Some(r#"{"a":1}"#));
}

#[tokio::test]
async fn sync_express_executions_return_their_outcome() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, CHAIN, StateMachineType::Express).await;
    let done = sfn
        .start_sync_execution()
        .state_machine_arn(&arn)
        .name("s")
        .input("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), &SyncExecutionStatus::Succeeded);
    assert_eq!(done.output(), Some(r#"{"got":1,"name":"s"}"#));
    assert!(
        done.execution_arn()
            .starts_with("arn:aws:states:us-east-1:123456789012:express:m:s:")
    );
    assert!(
        done.billing_details()
            .unwrap()
            .billed_duration_in_milliseconds()
            >= 100
    );

    let failing = r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}"#;
    let failing_arn = sfn
        .create_state_machine()
        .name("f")
        .definition(failing)
        .role_arn(ROLE)
        .r#type(StateMachineType::Express)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let done = sfn
        .start_sync_execution()
        .state_machine_arn(&failing_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), &SyncExecutionStatus::Failed);
    assert_eq!((done.error(), done.cause()), (Some("E"), Some("C")));

    let express_arn = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap()
        .execution_arn;
    let err = sfn
        .describe_execution()
        .execution_arn(express_arn)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error().unwrap().is_invalid_arn(),
        "express executions keep no record"
    );
}

#[tokio::test]
async fn versions_and_aliases_run_their_own_definition() {
    let sfn = InProcess::new().sfn();
    let v1_def = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v1","End":true}}}"#;
    let v2_def = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v2","End":true}}}"#;
    let created = sfn
        .create_state_machine()
        .name("m")
        .definition(v1_def)
        .role_arn(ROLE)
        .publish(true)
        .send()
        .await
        .unwrap();
    let arn = created.state_machine_arn();
    let v1 = created.state_machine_version_arn().unwrap().to_owned();
    sfn.update_state_machine()
        .state_machine_arn(arn)
        .definition(v2_def)
        .send()
        .await
        .unwrap();
    let alias = sfn
        .create_state_machine_alias()
        .name("live")
        .routing_configuration(
            RoutingConfigurationListItem::builder()
                .state_machine_version_arn(&v1)
                .weight(100)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap()
        .state_machine_alias_arn;

    let latest = sfn
        .start_execution()
        .state_machine_arn(arn)
        .name("latest")
        .send()
        .await
        .unwrap();
    assert_eq!(
        finished(&sfn, latest.execution_arn()).await.output(),
        Some(r#""v2""#)
    );
    let by_version = sfn
        .start_execution()
        .state_machine_arn(&v1)
        .name("version")
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, by_version.execution_arn()).await;
    assert_eq!(
        (done.output(), done.state_machine_version_arn()),
        (Some(r#""v1""#), Some(v1.as_str()))
    );
    let by_alias = sfn
        .start_execution()
        .state_machine_arn(&alias)
        .name("alias")
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, by_alias.execution_arn()).await;
    assert_eq!(done.state_machine_alias_arn(), Some(alias.as_str()));
    assert_eq!(done.output(), Some(r#""v1""#));

    let via_alias = sfn
        .list_executions()
        .state_machine_arn(&alias)
        .send()
        .await
        .unwrap();
    assert_eq!(via_alias.executions().len(), 1);
}

#[tokio::test]
async fn start_execution_validates_its_input() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, pass_definition().as_str(), StateMachineType::Standard).await;
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
    let err = sfn
        .start_sync_execution()
        .state_machine_arn(&arn)
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
    assert_eq!(
        error_message(&err),
        format!("Execution Does Not Exist: '{EXECUTION}'")
    );
    assert!(
        sfn.get_execution_history()
            .execution_arn(EXECUTION)
            .send()
            .await
            .unwrap_err()
            .as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    assert!(
        sfn.stop_execution()
            .execution_arn(EXECUTION)
            .send()
            .await
            .unwrap_err()
            .as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
    assert!(
        sfn.redrive_execution()
            .execution_arn(EXECUTION)
            .send()
            .await
            .unwrap_err()
            .as_service_error()
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
async fn tasks_without_an_integration_fail_clearly() {
    let sfn = InProcess::new().sfn();
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"t","Item":{}},"End":true}}}"#;
    let arn = machine(&sfn, definition, StateMachineType::Standard).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("States.Runtime"));
    assert!(
        done.cause()
            .unwrap()
            .contains("does not run this service integration yet"),
        "{:?}",
        done.cause()
    );
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
    assert!(
        err.as_service_error().unwrap().is_invalid_token(),
        "the token is checked before the output, as recorded on AWS"
    );
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
}
