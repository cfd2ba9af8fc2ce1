//! The proof that a service is a folder and one line: dummies registered on an app are routed,
//! listed by `/health`, reset, and answered in their protocol's shape, with no other wiring.

use super::*;
use crate::config::Config;
use crate::server::{App, router};
use axum::body::Body;
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

fn app() -> axum::Router {
    let json = Dummy::new("ddb", ServiceModel::DynamoDb, "ListTables", "DescribeTable");
    let rest = Dummy::new(
        "scheduler",
        ServiceModel::Scheduler,
        "ListSchedules",
        "GetSchedule",
    );
    let app = App::new(&Config::default())
        .with_service(Arc::new(json))
        .with_service(Arc::new(rest));
    router(Arc::new(app))
}

async fn send(request: http::Request<Body>) -> (u16, http::HeaderMap, Value) {
    let response = app().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (parts.status.as_u16(), parts.headers, body)
}

fn target(operation: &str, body: &'static str) -> http::Request<Body> {
    http::Request::post("/")
        .header("x-amz-target", format!("DynamoDB_20120810.{operation}"))
        .header("content-type", "application/x-amz-json-1.0")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn an_aws_json_dummy_is_routed_by_its_target() {
    let (status, headers, body) = send(target("ListTables", r#"{"Limit":3}"#)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/x-amz-json-1.0");
    assert_eq!(body, json!({"Echo": {"Limit": 3}, "Calls": 1}));
    let (status, _, body) = send(target("DescribeTable", "{}")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"
    );
    let (status, headers, body) = send(target("DescribeTable", r#"{"TableName":"t"}"#)).await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (
            404,
            &"ResourceNotFoundException"
                .parse::<http::HeaderValue>()
                .unwrap()
        )
    );
    assert_eq!(body["__type"], "ResourceNotFoundException");
    let (status, _, body) = send(target("PutItem", r#"{"TableName":"t","Item":{}}"#)).await;
    assert_eq!(status, 501);
    assert_eq!(
        body["message"],
        "DynamoDB PutItem is not implemented yet in this version of Stepstone"
    );
    let (status, _, body) = send(target("Explode", "{}")).await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("UnknownOperationException"))
    );
}

#[tokio::test]
async fn a_rest_json_dummy_is_routed_by_its_paths() {
    let request = http::Request::get("/schedules?NamePrefix=nightly&MaxResults=5")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(request).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["Echo"],
        json!({"NamePrefix": "nightly", "MaxResults": 5})
    );
    let request = http::Request::get("/schedules/nightly")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(request).await;
    assert_eq!(
        (status, body["Message"].as_str()),
        (404, Some("The dummy has nothing"))
    );
    assert_eq!(headers["x-amzn-errortype"], "ResourceNotFoundException");
}

/// A query-protocol service (SNS, which now has a service of its own, so no dummy stands in
/// for it): a form post signed for it, answered in XML.
#[tokio::test]
async fn a_query_service_is_routed_by_its_signing_name_and_answers_xml() {
    let app = router(Arc::new(App::new(&Config::default())));
    let post = |form: &'static str| {
        http::Request::post("/")
            .header("authorization", "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0")
            .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
            .body(Body::from(form))
            .unwrap()
    };
    let text = |response: axum::response::Response| async {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    let created = app
        .clone()
        .oneshot(post("Action=CreateTopic&Version=2010-03-31&Name=t"))
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let ok = app
        .clone()
        .oneshot(post("Action=ListTopics&Version=2010-03-31"))
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let body = text(ok).await;
    assert!(body.contains("<ListTopicsResult><Topics><member><TopicArn>arn:aws:sns:us-east-1:123456789012:t</TopicArn></member></Topics></ListTopicsResult>"), "{body}");
    let invalid = app
        .clone()
        .oneshot(post("Action=GetTopicAttributes&Version=2010-03-31"))
        .await
        .unwrap();
    assert_eq!(invalid.status(), 400);
    let body = text(invalid).await;
    assert!(body.contains("<Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected: Value null at 'topicArn' failed to satisfy constraint: Member must not be null</Message>"), "{body}");
    let unknown = app.oneshot(post("Action=Explode")).await.unwrap();
    assert_eq!(unknown.status(), 400);
    assert!(text(unknown).await.contains("<Code>InvalidAction</Code>"));
}

#[tokio::test]
async fn dummies_are_listed_by_health_and_reset_by_name() {
    let (_, _, health) = send(http::Request::get("/health").body(Body::empty()).unwrap()).await;
    let services: Vec<&String> = health["services"].as_object().unwrap().keys().collect();
    assert_eq!(
        services,
        [
            "states",
            "lambda",
            "sqs",
            "sns",
            "sts",
            "dynamodb",
            "scheduler"
        ]
    );
    let reset = http::Request::post("/_stepstone/reset?services=ddb,scheduler")
        .header("content-type", "application/json")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(reset).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"reset": ["ddb", "scheduler"], "ddb": {"calls": 0}, "scheduler": {"calls": 0}})
    );
}

#[tokio::test]
async fn a_service_calls_its_peers_through_their_checked_operations() {
    let caller = Arc::new(Dummy::new(
        "caller",
        ServiceModel::Sns,
        "ListTopics",
        "GetTopicAttributes",
    ));
    let ddb = Arc::new(Dummy::new(
        "ddb",
        ServiceModel::DynamoDb,
        "ListTables",
        "DescribeTable",
    ));
    let mut services = crate::services::registry::Registry::new();
    services.register(caller.clone());
    services.register(ddb.clone());
    services.connect_all();
    let peers = caller.peers.get().expect("connected");
    let input = |limit| crate::services::Input::members(serde_json::json!({ "Limit": limit }));

    let answer = peers.call("ddb", "ListTables", input(3)).await.unwrap();
    assert_eq!(answer.into_members().0["Echo"]["Limit"], 3);
    let refused = peers.call("ddb", "ListTables", input(0)).await.unwrap_err();
    assert_eq!(refused.code, "ValidationException");
    let missing = peers.call("sqs", "ListQueues", input(1)).await.unwrap_err();
    assert_eq!(missing.status, 503);

    drop(services);
    drop(ddb);
    assert!(peers.call("ddb", "ListTables", input(3)).await.is_err());
}
