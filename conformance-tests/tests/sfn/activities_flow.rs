//! Activity workers and task tokens through the SDK: a worker polls, works and reports; the
//! execution follows; heartbeats and timeouts apply; used tokens are refused.

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType};
use conformance_tests::{InProcess, ROLE, error_code, finished};
use stepstone::config::Config;

async fn setup(sfn: &aws_sdk_sfn::Client, task_fields: &str) -> (String, String) {
    let activity = sfn
        .create_activity()
        .name("approve")
        .send()
        .await
        .unwrap()
        .activity_arn;
    let definition = format!(
        r#"{{"StartAt":"Work","States":{{
            "Work":{{"Type":"Task","Resource":"{activity}",{task_fields}"Next":"Done",
                    "Catch":[{{"ErrorEquals":["Rejected"],"ResultPath":"$.error","Next":"Done"}}]}},
            "Done":{{"Type":"Pass","End":true}}}}}}"#
    );
    let machine = sfn
        .create_state_machine()
        .name("m")
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    (activity, machine)
}

#[tokio::test]
async fn a_worker_completes_an_activity_task() {
    let sfn = InProcess::new().sfn();
    let (activity, machine) = setup(&sfn, "").await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .input(r#"{"order":7}"#)
        .send()
        .await
        .unwrap();

    let task = sfn
        .get_activity_task()
        .activity_arn(&activity)
        .worker_name("w1")
        .send()
        .await
        .unwrap();
    assert_eq!(task.input(), Some(r#"{"order":7}"#));
    let token = task.task_token().expect("a task").to_owned();
    sfn.send_task_heartbeat()
        .task_token(&token)
        .send()
        .await
        .unwrap();
    sfn.send_task_success()
        .task_token(&token)
        .output(r#"{"approved":true}"#)
        .send()
        .await
        .unwrap();

    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    assert_eq!(done.output(), Some(r#"{"approved":true}"#));
    let history = sfn
        .get_execution_history()
        .execution_arn(started.execution_arn())
        .send()
        .await
        .unwrap();
    let types: Vec<&HistoryEventType> = history.events().iter().map(|e| e.r#type()).collect();
    assert_eq!(
        types[2..5],
        [
            &HistoryEventType::ActivityScheduled,
            &HistoryEventType::ActivityStarted,
            &HistoryEventType::ActivitySucceeded
        ]
    );
    let started_event = history.events()[3]
        .activity_started_event_details()
        .unwrap();
    assert_eq!(started_event.worker_name(), Some("w1"));

    let err = sfn
        .send_task_success()
        .task_token(&token)
        .output("{}")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error().unwrap().is_task_timed_out(),
        "a used token is refused"
    );
}

#[tokio::test]
async fn a_worker_failure_is_caught() {
    let sfn = InProcess::new().sfn();
    let (activity, machine) = setup(&sfn, "").await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .input("{}")
        .send()
        .await
        .unwrap();
    let token = sfn
        .get_activity_task()
        .activity_arn(&activity)
        .send()
        .await
        .unwrap()
        .task_token
        .unwrap();
    sfn.send_task_failure()
        .task_token(&token)
        .error("Rejected")
        .cause("not today")
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(
        done.output(),
        Some(r#"{"error":{"Error":"Rejected","Cause":"not today"}}"#)
    );
}

#[tokio::test]
async fn a_silent_worker_times_out_on_heartbeats() {
    let sfn = InProcess::with_config(Config {
        wait_time_scale: 0.001,
        ..Config::default()
    })
    .sfn();
    let (activity, machine) = setup(&sfn, r#""HeartbeatSeconds":10,"#).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .input("{}")
        .send()
        .await
        .unwrap();
    let token = sfn
        .get_activity_task()
        .activity_arn(&activity)
        .send()
        .await
        .unwrap()
        .task_token
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("States.Timeout"));
    let err = sfn
        .send_task_heartbeat()
        .task_token(&token)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "TaskTimedOut");
}

#[tokio::test]
async fn unknown_tokens_are_invalid() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .send_task_success()
        .task_token("nope")
        .output("{}")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_token());
    // Shaped like the tokens executions hand out, but no task ever had it.
    let err = sfn
        .send_task_failure()
        .task_token("0123456789abcdef".repeat(4))
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_task_does_not_exist());
}

#[tokio::test]
async fn a_deleted_activity_fails_the_execution_that_schedules_it() {
    let sfn = InProcess::new().sfn();
    let (activity, machine) = setup(&sfn, "").await;
    sfn.delete_activity()
        .activity_arn(&activity)
        .send()
        .await
        .unwrap();
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("States.Runtime"));
    let cause = done.cause().unwrap_or_default();
    assert!(
        cause.ends_with(&format!("The activity {activity} does not exist.")),
        "{cause}"
    );
    let history = sfn
        .get_execution_history()
        .execution_arn(started.execution_arn())
        .send()
        .await
        .unwrap();
    let failed = history
        .events()
        .iter()
        .find_map(|e| e.activity_schedule_failed_event_details())
        .expect("an ActivityScheduleFailed event");
    assert_eq!(failed.error(), Some("States.Runtime"));
}

#[tokio::test]
async fn output_that_is_not_json_is_refused_and_the_task_keeps_waiting() {
    let sfn = InProcess::new().sfn();
    let (activity, machine) = setup(&sfn, "").await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .send()
        .await
        .unwrap();
    let task = sfn
        .get_activity_task()
        .activity_arn(&activity)
        .send()
        .await
        .unwrap();
    let token = task.task_token().expect("a task");
    let err = sfn
        .send_task_success()
        .task_token(token)
        .output("{nope")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_output());
    sfn.send_task_success()
        .task_token(token)
        .output(r#"{"fine":true}"#)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.output(), Some(r#"{"fine":true}"#));
}
