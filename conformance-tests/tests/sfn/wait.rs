//! Waiting for executions without polling: `GET /_stepstone/executions/wait` answers when the
//! execution ends (or its timeout passes) with DescribeExecution's answer, for standard and
//! asynchronously started express executions; `GET /_stepstone/executions/events` streams the
//! history as it is recorded.

use aws_sdk_sfn::types::StateMachineType;
use conformance_tests::{InProcess, ROLE, create_machine, start};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use stepstone::config::Config;

const WAIT_THEN_PASS: &str = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"P"},"P":{"Type":"Pass","Result":{"done":true},"End":true}}}"#;

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

async fn express_machine(stepstone: &InProcess, definition: &str) -> String {
    stepstone
        .sfn()
        .create_state_machine()
        .name("fast")
        .r#type(StateMachineType::Express)
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn
}

/// Starts a wait in the background, checks it is still waiting after everything else ran,
/// then advances the clock by `seconds` and returns the wait's answer.
async fn wait_across_advance(
    stepstone: &InProcess,
    arn: &str,
    seconds: u64,
) -> (http::StatusCode, Value) {
    let waiting = tokio::spawn({
        let (stepstone, arn) = (stepstone.clone(), arn.to_owned());
        async move { stepstone.wait(&arn, "60").await }
    });
    settle().await;
    assert!(!waiting.is_finished(), "the wait waits for the execution");
    stepstone.advance_clock(seconds).await;
    waiting.await.unwrap()
}

#[tokio::test]
async fn a_wait_answers_when_the_execution_ends() {
    let stepstone = manual_clock();
    let sfn = stepstone.sfn();
    let machine = create_machine(&sfn, "m", WAIT_THEN_PASS).await;
    let arn = start(&sfn, &machine, &json!({"n": 1})).await;
    let (status, body) = wait_across_advance(&stepstone, &arn, 10).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "SUCCEEDED");
    assert_eq!(body["output"], r#"{"done":true}"#);
    assert_eq!(body["executionArn"], arn.as_str());
    assert!(body["stopDate"].is_number(), "{body}");

    let (status, again) = stepstone.wait(&arn, "0").await;
    assert_eq!(
        (status, &again["status"]),
        (http::StatusCode::OK, &json!("SUCCEEDED"))
    );
}

#[tokio::test(start_paused = true)]
async fn a_wait_answers_running_when_its_timeout_passes() {
    let stepstone = manual_clock();
    let sfn = stepstone.sfn();
    let machine = create_machine(&sfn, "m", WAIT_THEN_PASS).await;
    let arn = start(&sfn, &machine, &json!({})).await;
    #[allow(
        clippy::disallowed_methods,
        reason = "the request's timeout is real time, here tokio's paused time"
    )]
    let before = tokio::time::Instant::now();
    let (status, body) = stepstone.wait(&arn, "2.5").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "RUNNING");
    assert_eq!(
        before.elapsed(),
        std::time::Duration::from_millis(2500),
        "paused time"
    );
}

#[tokio::test]
async fn a_wait_follows_an_express_execution_started_asynchronously() {
    let stepstone = manual_clock();
    let machine = express_machine(&stepstone, WAIT_THEN_PASS).await;
    let arn = start(&stepstone.sfn(), &machine, &json!({"n": 2})).await;
    assert!(arn.contains(":express:"), "{arn}");
    let (status, body) = wait_across_advance(&stepstone, &arn, 10).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "SUCCEEDED");
    assert_eq!(body["output"], r#"{"done":true}"#);
    assert_eq!(body["input"], r#"{"n":2}"#);
    assert_eq!(body["stateMachineArn"], machine.as_str());

    let failing =
        r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Nope","Cause":"because"}}}"#;
    stepstone
        .sfn()
        .update_state_machine()
        .state_machine_arn(&machine)
        .definition(failing)
        .send()
        .await
        .unwrap();
    let arn = start(&stepstone.sfn(), &machine, &json!({})).await;
    let (_, body) = stepstone.wait(&arn, "60").await;
    assert_eq!(
        (&body["status"], &body["error"], &body["cause"]),
        (&json!("FAILED"), &json!("Nope"), &json!("because"))
    );
}

#[tokio::test]
async fn a_reset_ends_a_wait_with_execution_does_not_exist() {
    let stepstone = manual_clock();
    let machine = express_machine(&stepstone, WAIT_THEN_PASS).await;
    let arn = start(&stepstone.sfn(), &machine, &json!({})).await;
    let waiting = tokio::spawn({
        let (stepstone, arn) = (stepstone.clone(), arn.clone());
        async move { stepstone.wait(&arn, "60").await }
    });
    settle().await;
    let (_, reset) = stepstone.reset("?services=sfn").await;
    assert_eq!(reset["sfn"]["executionsStopped"], 1, "{reset}");
    let (status, body) = waiting.await.unwrap();
    assert_eq!(status, 400);
    assert!(
        body["__type"]
            .as_str()
            .unwrap()
            .ends_with("#ExecutionDoesNotExist"),
        "{body}"
    );
}

#[tokio::test]
async fn a_wait_for_an_unknown_or_malformed_execution_is_refused() {
    let stepstone = InProcess::new();
    let unknown = "arn:aws:states:us-east-1:123456789012:execution:m:nope";
    let (status, body) = stepstone.wait(unknown, "60").await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({
            "__type": "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist",
            "message": format!("Execution Does Not Exist: '{unknown}'"),
        })
    );
    let express = "arn:aws:states:us-east-1:123456789012:express:m:nope:1a2b";
    let (status, body) = stepstone.wait(express, "60").await;
    assert_eq!(
        (status.as_u16(), body["__type"].as_str().unwrap()),
        (
            400,
            "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist"
        )
    );
    let (status, body) = stepstone.wait("not-an-arn", "60").await;
    assert_eq!(
        (status.as_u16(), body["__type"].as_str().unwrap()),
        (400, "com.amazonaws.swf.service.v2.model#InvalidArn")
    );
    let (status, body) = stepstone.wait(unknown, "forever").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "timeout=forever is not a number of seconds from 0 to 3600"
    );
}

/// Reads server-sent events from `body` until `count` have arrived; each as (event name,
/// id, data parsed as JSON).
async fn read_events(
    body: &mut axum::body::Body,
    buffer: &mut String,
    count: usize,
) -> Vec<(String, String, Value)> {
    let mut events = Vec::new();
    while events.len() < count {
        if let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .unwrap_or_default()
                    .to_owned()
            };
            events.push((
                field("event: "),
                field("id: "),
                serde_json::from_str(&field("data: ")).unwrap(),
            ));
            continue;
        }
        let frame = body
            .frame()
            .await
            .expect("the stream goes on")
            .expect("a frame");
        if let Ok(data) = frame.into_data() {
            buffer.push_str(std::str::from_utf8(&data).unwrap());
        }
    }
    events
}

#[tokio::test]
async fn the_events_stream_follows_the_history_to_the_end() {
    let stepstone = manual_clock();
    let sfn = stepstone.sfn();
    let machine = create_machine(&sfn, "m", WAIT_THEN_PASS).await;
    let arn = start(&sfn, &machine, &json!({})).await;
    let response = stepstone.events(&arn, None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.into_body();
    let mut buffer = String::new();
    let first = read_events(&mut body, &mut buffer, 2).await;
    let types: Vec<&Value> = first.iter().map(|(_, _, e)| &e["type"]).collect();
    assert_eq!(types, ["ExecutionStarted", "WaitStateEntered"]);
    assert_eq!((first[0].1.as_str(), first[1].1.as_str()), ("1", "2"));

    stepstone.advance_clock(10).await;
    let rest = read_events(&mut body, &mut buffer, 5).await;
    let types: Vec<&Value> = rest.iter().map(|(_, _, e)| &e["type"]).collect();
    assert_eq!(
        types[..4],
        [
            "WaitStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded"
        ]
    );
    let (name, _, end) = &rest[4];
    assert_eq!(
        (name.as_str(), &end["status"]),
        ("end", &json!("SUCCEEDED"))
    );
    assert!(
        body.frame().await.is_none(),
        "the stream closes after the end"
    );

    let mut resumed = stepstone.events(&arn, Some(5)).await.into_body();
    let last = read_events(&mut resumed, &mut String::new(), 2).await;
    assert_eq!(
        (last[0].1.as_str(), last[1].0.as_str()),
        ("6", "end"),
        "after event 5"
    );

    let history = sfn
        .get_execution_history()
        .execution_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(history.events().len(), 6, "every event was streamed");
}

#[tokio::test]
async fn the_events_stream_refuses_unknown_executions() {
    let stepstone = InProcess::new();
    let response = stepstone
        .events(
            "arn:aws:states:us-east-1:123456789012:execution:m:nope",
            None,
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["x-amzn-errortype"],
        "ExecutionDoesNotExist"
    );
}
