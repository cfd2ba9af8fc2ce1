//! The manual clock: time moves only through `POST /_stepstone/clock/advance`, so a year-long
//! Wait or an execution timeout is tested instantly and exactly.

use aws_sdk_sfn::types::{ExecutionStatus, HistoryEventType};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use conformance_tests::{InProcess, create_machine, finished};
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
