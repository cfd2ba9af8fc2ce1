//! The manual clock: time moves only through `POST /_stepstone/clock/advance`, so a year-long
//! Wait or an execution timeout is tested instantly and exactly, and every date the service
//! writes (state machines, versions, aliases, activities) is the clock's.

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType, RoutingConfigurationListItem};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use conformance_tests::{InProcess, ROLE, create_machine, finished, pass_definition};
use stepstone::config::Config;

const YEAR: u64 = 365 * 24 * 3600;

async fn settle() {
    for _ in 0..1000 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_year_long_wait_ends_when_the_clock_is_advanced() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let definition = format!(
        r#"{{"StartAt":"W","States":{{"W":{{"Type":"Wait","Seconds":{YEAR},"End":true}}}}}}"#
    );
    let arn = create_machine(&sfn, "m", &definition).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .input(r#"{"a":1}"#)
        .send()
        .await
        .unwrap();

    settle().await;
    stepstone.advance_clock(YEAR - 1).await;
    settle().await;
    let running = sfn
        .describe_execution()
        .execution_arn(started.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(
        running.status(),
        &ExecutionStatus::Running,
        "one second early"
    );

    let now = stepstone.advance_clock(1).await;
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    let stopped = done.stop_date().unwrap().as_secs_f64();
    assert_eq!(
        stopped,
        now["epochSeconds"].as_f64().unwrap(),
        "history follows the clock"
    );
    let waited = stopped - done.start_date().as_secs_f64();
    assert_eq!(waited, YEAR as f64);
}

#[tokio::test]
async fn execution_timeouts_follow_the_clock() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let definition = r#"{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}"#;
    let arn = create_machine(&sfn, "m", definition).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    settle().await;
    stepstone.advance_clock(10).await;
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::TimedOut);
    let history = sfn
        .get_execution_history()
        .execution_arn(started.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(
        history.events().last().unwrap().r#type(),
        &HistoryEventType::ExecutionTimedOut
    );
}

#[tokio::test]
async fn jsonata_now_is_the_manual_clocks_time() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    stepstone.advance_clock(YEAR).await;
    let request = http::Request::get("/_stepstone/clock")
        .body(String::new())
        .unwrap();
    let (_, _, clock) = stepstone.raw(request).await;
    let expected_millis = (clock["epochSeconds"].as_f64().unwrap() * 1000.0).round() as i64;

    let definition = r#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $now() %}","End":true}}}"#;
    let arn = create_machine(&sfn, "m", definition).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    let output: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    let now = output.as_str().expect("a timestamp");
    // ISO 8601 in UTC with milliseconds: `2025-01-01T00:00:00.000Z`.
    assert_eq!(
        (now.len(), &now[19..20], &now[23..]),
        (24, ".", "Z"),
        "{now}"
    );
    let millis = DateTime::from_str(now, Format::DateTime)
        .unwrap()
        .to_millis()
        .unwrap();
    assert_eq!(millis, expected_millis, "{now}");
}

#[tokio::test]
async fn the_real_clock_cannot_be_moved() {
    let stepstone = InProcess::new();
    let request = http::Request::post("/_stepstone/clock/advance")
        .body(r#"{"seconds":1}"#.to_owned())
        .unwrap();
    let (status, _, body) = stepstone.raw(request).await;
    assert_eq!(status, 409);
    assert!(body["message"].as_str().unwrap().contains("--manual-clock"));
    let request = http::Request::get("/_stepstone/clock")
        .body(String::new())
        .unwrap();
    let (status, _, body) = stepstone.raw(request).await;
    assert_eq!(
        (status.as_u16(), body["manual"].as_bool()),
        (200, Some(false))
    );
}

#[tokio::test]
async fn moves_too_large_or_malformed_are_refused_and_change_nothing() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let before = stepstone.advance_clock(0).await;
    for body in [
        r#"{"seconds":1e15}"#,
        r#"{"seconds":1e20}"#,
        r#"{"seconds":1e308}"#,
        r#"{"seconds":-1}"#,
        r#"{"seconds":"1"}"#,
        "not json",
    ] {
        let request = http::Request::post("/_stepstone/clock/advance")
            .body(body.to_owned())
            .unwrap();
        let (status, _, answer) = stepstone.raw(request).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(answer["message"].is_string(), "{body}: {answer}");
    }
    assert_eq!(
        stepstone.advance_clock(0).await,
        before,
        "time did not move"
    );
}

const DAY: u64 = 24 * 3600;

/// Moves the manual clock by `seconds` and returns its new time in epoch milliseconds.
async fn advance_millis(stepstone: &InProcess, seconds: u64) -> i64 {
    let now = stepstone.advance_clock(seconds).await;
    (now["epochSeconds"].as_f64().unwrap() * 1000.0).round() as i64
}

/// Epoch milliseconds, rounded: the wire's epoch seconds do not always parse to exact ones.
fn millis(time: &DateTime) -> i64 {
    (time.as_secs_f64() * 1000.0).round() as i64
}

#[tokio::test]
async fn state_machines_and_versions_are_dated_by_the_clock() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let created_at = advance_millis(&stepstone, 10 * DAY).await;
    let created = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    assert_eq!(millis(created.creation_date()), created_at);
    let arn = created.state_machine_arn();

    let updated_at = advance_millis(&stepstone, DAY).await;
    let updated = sfn
        .update_state_machine()
        .state_machine_arn(arn)
        .definition(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":2,"End":true}}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(millis(updated.update_date()), updated_at);

    let published_at = advance_millis(&stepstone, DAY).await;
    let published = sfn
        .publish_state_machine_version()
        .state_machine_arn(arn)
        .send()
        .await
        .unwrap();
    assert_eq!(millis(published.creation_date()), published_at);
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(arn)
        .send()
        .await
        .unwrap();
    assert_eq!(millis(described.creation_date()), created_at);
    let versions = sfn
        .list_state_machine_versions()
        .state_machine_arn(arn)
        .send()
        .await
        .unwrap();
    let dates: Vec<i64> = versions
        .state_machine_versions()
        .iter()
        .map(|v| millis(v.creation_date()))
        .collect();
    assert_eq!(dates, [published_at]);
}

#[tokio::test]
async fn aliases_and_activities_are_dated_by_the_clock() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let created = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .publish(true)
        .send()
        .await
        .unwrap();
    let version = created.state_machine_version_arn().unwrap();
    let route = RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version)
        .weight(100)
        .build()
        .unwrap();

    let aliased_at = advance_millis(&stepstone, 10 * DAY).await;
    let alias = sfn
        .create_state_machine_alias()
        .name("live")
        .routing_configuration(route)
        .send()
        .await
        .unwrap();
    assert_eq!(millis(alias.creation_date()), aliased_at);
    let changed_at = advance_millis(&stepstone, DAY).await;
    let changed = sfn
        .update_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .description("changed")
        .send()
        .await
        .unwrap();
    assert_eq!(millis(changed.update_date()), changed_at);
    let described = sfn
        .describe_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            described.creation_date().map(millis),
            described.update_date().map(millis)
        ),
        (Some(aliased_at), Some(changed_at))
    );

    let activity_at = advance_millis(&stepstone, DAY).await;
    let activity = sfn.create_activity().name("a").send().await.unwrap();
    assert_eq!(millis(activity.creation_date()), activity_at);
    let described = sfn
        .describe_activity()
        .activity_arn(activity.activity_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(millis(described.creation_date()), activity_at);
}

#[tokio::test]
async fn a_nested_starts_response_is_dated_by_the_clock() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let now = advance_millis(&stepstone, 10 * DAY).await;
    let child = create_machine(&sfn, "child", &pass_definition()).await;
    let parent = format!(
        r#"{{"StartAt":"S","States":{{"S":{{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{{"StateMachineArn":"{child}"}},"ResultSelector":{{"date.$":"$.SdkHttpMetadata.HttpHeaders.Date","start.$":"$.StartDate"}},"End":true}}}}}}"#
    );
    let parent = create_machine(&sfn, "parent", &parent).await;
    let started = sfn
        .start_execution()
        .state_machine_arn(&parent)
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    let output: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(output["start"], now, "{output}");
    let date = output["date"].as_str().expect("a Date header");
    let date = DateTime::from_str(date, Format::HttpDate).expect(date);
    assert_eq!(date.secs(), now.div_euclid(1000), "{output}");
}
