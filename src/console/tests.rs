use crate::config::Config;
use crate::engine::mock_config::MockConfig;
use crate::server::{App, router};
use axum::body::Body;
use http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::sync::Arc;
use tower::ServiceExt;

async fn send(request: Request<Body>) -> http::Response<Body> {
    let app = Arc::new(App::new(&Config::default()));
    router(app).oneshot(request).await.unwrap()
}

async fn body_text(response: http::Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn get(path: &str, accept: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, accept)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn the_page_is_html_under_a_strict_content_security_policy() {
    let response = send(get("/_console/", "text/html")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.starts_with("default-src 'self'"), "{csp}");
    assert!(body_text(response).await.contains("console.js"));
}

#[tokio::test]
async fn the_script_and_style_are_served_with_their_types() {
    for (path, kind) in [
        ("/_console/console.js", "text/javascript"),
        ("/_console/console.css", "text/css"),
    ] {
        let response = send(get(path, "*/*")).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
    }
}

#[tokio::test]
async fn a_browser_opening_the_root_is_sent_to_the_console() {
    let response = send(get("/", "text/html,application/xhtml+xml,*/*;q=0.8")).await;
    assert!(response.status().is_redirection());
    assert_eq!(response.headers()[header::LOCATION], "/_console/");
}

#[tokio::test]
async fn an_sdk_post_to_the_root_still_reaches_step_functions() {
    let request = Request::post("/")
        .header("x-amz-target", "AWSStepFunctions.ListStateMachines")
        .header(header::CONTENT_TYPE, "application/x-amz-json-1.0")
        .body(Body::from("{}"))
        .unwrap();
    let response = send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body_text(response).await.contains("stateMachines"));
}

#[tokio::test]
async fn a_get_to_the_root_without_html_is_not_redirected() {
    let response = send(get("/", "*/*")).await;
    assert!(!response.status().is_redirection());
}

#[tokio::test]
async fn every_console_file_is_served_under_the_policy() {
    for (name, _, _) in super::ASSETS {
        let response = send(get(&format!("/_console/{name}"), "*/*")).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        assert!(
            response.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .starts_with("default-src 'self'")
        );
    }
}

/// A router over one app, for tests that make several requests.
fn one_app(config: &Config, mocks: Option<MockConfig>) -> axum::Router {
    router(Arc::new(App::with_mock_config(config, mocks)))
}

async fn json_of(router: &axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    (
        status,
        serde_json::from_str(&body_text(response).await).unwrap(),
    )
}

/// A request as the console's own page sends it: a same-origin fetch from the page at `Host`.
fn from_console(path: &str, target: Option<&str>, body: Value) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:8083")
        .header(header::ORIGIN, "http://127.0.0.1:8083")
        .header("sec-fetch-site", "same-origin")
        .header("sec-fetch-mode", "cors");
    request = match target {
        Some(target) => request
            .header("x-amz-target", target)
            .header(header::CONTENT_TYPE, "application/x-amz-json-1.0"),
        None => request.header(header::CONTENT_TYPE, "application/json"),
    };
    request.body(Body::from(body.to_string())).unwrap()
}

fn sfn(operation: &str, body: Value) -> Request<Body> {
    from_console("/", Some(&format!("AWSStepFunctions.{operation}")), body)
}

#[tokio::test]
async fn test_cases_are_listed_by_state_machine_name_when_a_mock_configuration_is_loaded() {
    let mocks = MockConfig::from_json(
        r#"{"StateMachines": {"Orders": {"TestCases": {"Sad": {"A": "R"}, "Happy": {"A": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": {}}}}}"#,
    )
    .unwrap();
    let app = one_app(&Config::default(), Some(mocks));
    let path = "/_stepstone/mock-config/test-cases?stateMachineName=";
    let (status, body) = json_of(&app, get(&format!("{path}Orders"), "*/*")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"loaded": true, "testCases": ["Happy", "Sad"]}));
    let (_, other) = json_of(&app, get(&format!("{path}Other"), "*/*")).await;
    assert_eq!(other, json!({"loaded": true, "testCases": []}));
    let unmocked = one_app(&Config::default(), None);
    let (_, none) = json_of(&unmocked, get(&format!("{path}Orders"), "*/*")).await;
    assert_eq!(none, json!({"loaded": false, "testCases": []}));
}

#[tokio::test]
async fn an_activity_task_waiting_for_its_token_is_listed_until_answered() {
    let app = one_app(&Config::default(), None);
    let role = "arn:aws:iam::123456789012:role/r";
    let (_, activity) = json_of(&app, sfn("CreateActivity", json!({"name": "approve"}))).await;
    let activity = activity["activityArn"].as_str().unwrap().to_owned();
    let definition = json!({"StartAt": "Ask", "States": {
        "Ask": {"Type": "Task", "Resource": activity, "End": true}}});
    let create = json!({"name": "m", "definition": definition.to_string(), "roleArn": role});
    let (_, machine) = json_of(&app, sfn("CreateStateMachine", create)).await;
    let start = json!({"stateMachineArn": machine["stateMachineArn"], "input": "{\"n\": 1}"});
    let (_, started) = json_of(&app, sfn("StartExecution", start)).await;
    let execution = started["executionArn"].as_str().unwrap().to_owned();
    // The worker's long poll returns once the task is scheduled; listing takes nothing.
    let poll = json!({"activityArn": activity});
    let (_, task) = json_of(&app, sfn("GetActivityTask", poll)).await;
    let tasks_path = format!("/_stepstone/executions/tasks?executionArn={execution}");
    let (status, listed) = json_of(&app, get(&tasks_path, "*/*")).await;
    assert_eq!(status, StatusCode::OK);
    let expected =
        json!({"tasks": [{"taskToken": task["taskToken"], "activityInput": "{\"n\":1}"}]});
    assert_eq!(listed, expected);
    let answer = json!({"taskToken": task["taskToken"], "output": "{}"});
    let (status, _) = json_of(&app, sfn("SendTaskSuccess", answer)).await;
    assert_eq!(status, StatusCode::OK);
    let wait = format!("/_stepstone/executions/wait?executionArn={execution}");
    let (_, ended) = json_of(&app, get(&wait, "*/*")).await;
    assert_eq!(ended["status"], "SUCCEEDED");
    let (_, after) = json_of(&app, get(&tasks_path, "*/*")).await;
    assert_eq!(after, json!({"tasks": []}));
}

#[tokio::test]
async fn waiting_tasks_of_an_unknown_or_malformed_execution_are_refused() {
    let app = one_app(&Config::default(), None);
    let unknown = "arn:aws:states:us-east-1:123456789012:execution:m:nope";
    let path = format!("/_stepstone/executions/tasks?executionArn={unknown}");
    let (status, body) = json_of(&app, get(&path, "*/*")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["__type"]
            .as_str()
            .unwrap()
            .ends_with("ExecutionDoesNotExist")
    );
    let (status, body) = json_of(
        &app,
        get("/_stepstone/executions/tasks?executionArn=x", "*/*"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["__type"].as_str().unwrap().ends_with("InvalidArn"),
        "{body}"
    );
}

#[tokio::test]
async fn the_console_s_own_requests_pass_the_guard_and_another_site_s_do_not() {
    let config = Config {
        manual_clock: true,
        ..Config::default()
    };
    let app = one_app(&config, None);
    let (status, _) = json_of(&app, sfn("ListStateMachines", json!({}))).await;
    assert_eq!(status, StatusCode::OK);
    let advance = from_console("/_stepstone/clock/advance", None, json!({"seconds": 5}));
    let (status, clock) = json_of(&app, advance).await;
    assert_eq!(
        (status, clock["manual"].clone()),
        (StatusCode::OK, json!(true))
    );
    let mut foreign = sfn("ListStateMachines", json!({}));
    let headers = foreign.headers_mut();
    headers.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    headers.insert("sec-fetch-site", "cross-site".parse().unwrap());
    let (status, _) = json_of(&app, foreign).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
