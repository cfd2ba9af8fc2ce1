//! What SDKs never send but clients and people do: malformed bodies, unknown operations,
//! missing members, other hosts. Every answer is an AWS-shaped error, never an empty 500.

use conformance_tests::InProcess;

#[tokio::test]
async fn malformed_json_is_a_serialization_exception() {
    let stepstone = InProcess::new();
    let (status, body) = stepstone.call("ListStateMachines", "{not json").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["__type"],
        "com.amazonaws.swf.service.v2.model#SerializationException"
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Malformed JSON")
    );
}

#[tokio::test]
async fn wrong_member_types_are_rejected() {
    let (status, body) = InProcess::new()
        .call("CreateActivity", r#"{"name": 7}"#)
        .await;
    assert_eq!(status, 400);
    assert!(
        body["__type"]
            .as_str()
            .unwrap()
            .ends_with("#SerializationException")
    );
}

#[tokio::test]
async fn missing_required_members_are_named() {
    let (status, body) = InProcess::new().call("DescribeStateMachine", "{}").await;
    assert_eq!(status, 400);
    assert!(
        body["__type"]
            .as_str()
            .unwrap()
            .ends_with("#ValidationException")
    );
    assert_eq!(
        body["message"],
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"
    );
}

#[tokio::test]
async fn unknown_operations_and_targets() {
    let stepstone = InProcess::new();
    let (status, body) = stepstone.call("Explode", "{}").await;
    assert_eq!(status, 400);
    assert!(
        body["__type"]
            .as_str()
            .unwrap()
            .ends_with("#UnknownOperationException"),
        "{body}"
    );
    let request = http::Request::post("/")
        .header("x-amz-target", "Nope.Op")
        .body("{}".to_owned())
        .unwrap();
    let (status, headers, body) = stepstone.raw(request).await;
    assert_eq!(status, 400);
    assert_eq!(headers["x-amzn-errortype"], "UnknownOperationException");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Stepstone does not serve Nope (Op): it serves Step Functions"),
        "{body}"
    );
}

/// Requests for services Stepstone does not serve get their own protocol's error, naming the
/// service: XML for a query-protocol form post (IAM), JSON for an awsJson target (DynamoDB).
#[tokio::test]
async fn unserved_services_are_answered_in_their_own_shape() {
    let stepstone = InProcess::new();
    let sts = http::Request::post("/")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0",
        )
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .body("Action=ListUsers&Version=2010-05-08".to_owned())
        .unwrap();
    let (status, headers, body) = stepstone.raw_text(sts).await;
    assert_eq!(status, 400);
    assert_eq!(headers["content-type"], "text/xml");
    assert!(
        body.contains("<Code>InvalidAction</Code><Message>Stepstone does not serve iam (ListUsers): it serves Step Functions"),
        "{body}"
    );

    let dynamodb = http::Request::post("/")
        .header("x-amz-target", "DynamoDB_20120810.PutItem")
        .header("content-type", "application/x-amz-json-1.0")
        .body("{}".to_owned())
        .unwrap();
    let (status, headers, body) = stepstone.raw(dynamodb).await;
    assert_eq!(status, 400);
    assert_eq!(headers["x-amzn-errortype"], "UnknownOperationException");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Stepstone does not serve dynamodb (PutItem)"),
        "{body}"
    );
}

#[tokio::test]
async fn empty_body_and_empty_results() {
    let stepstone = InProcess::new();
    let (status, body) = stepstone.call("ListActivities", "").await;
    assert_eq!(status, 200);
    assert_eq!(body, serde_json::json!({"activities": []}));
}

#[tokio::test]
async fn every_operation_in_the_model_is_routed() {
    let operations = [
        "CreateActivity",
        "CreateStateMachine",
        "CreateStateMachineAlias",
        "DeleteActivity",
        "DeleteStateMachine",
        "DeleteStateMachineAlias",
        "DeleteStateMachineVersion",
        "DescribeActivity",
        "DescribeExecution",
        "DescribeMapRun",
        "DescribeStateMachine",
        "DescribeStateMachineAlias",
        "DescribeStateMachineForExecution",
        "GetActivityTask",
        "GetExecutionHistory",
        "ListActivities",
        "ListExecutions",
        "ListMapRuns",
        "ListStateMachineAliases",
        "ListStateMachineVersions",
        "ListStateMachines",
        "ListTagsForResource",
        "PublishStateMachineVersion",
        "RedriveExecution",
        "SendTaskFailure",
        "SendTaskHeartbeat",
        "SendTaskSuccess",
        "StartExecution",
        "StartSyncExecution",
        "StopExecution",
        "TagResource",
        "TestState",
        "UntagResource",
        "UpdateMapRun",
        "UpdateStateMachine",
        "UpdateStateMachineAlias",
        "ValidateStateMachineDefinition",
    ];
    let stepstone = InProcess::new();
    for operation in operations {
        let (status, body) = stepstone.call(operation, "{}").await;
        let code = body["__type"].as_str().unwrap_or("");
        assert!(
            !code.ends_with("UnknownOperationException"),
            "{operation} is not routed"
        );
        assert!(
            status == 200 || code.ends_with("#ValidationException"),
            "{operation}: {status} {body}"
        );
    }
}

#[tokio::test]
async fn any_host_is_accepted() {
    let request = http::Request::post("/")
        .header("host", "sync-localhost:8083")
        .header("x-amz-target", "AWSStepFunctions.ListStateMachines")
        .header("content-type", "application/x-amz-json-1.0")
        .body("{}".to_owned())
        .unwrap();
    let (status, headers, _) = InProcess::new().raw(request).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/x-amz-json-1.0");
    assert!(headers.contains_key("x-amzn-requestid"));
}

#[tokio::test]
async fn health_endpoint() {
    let request = http::Request::get("/health").body(String::new()).unwrap();
    let (status, _, body) = InProcess::new().raw(request).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
}
