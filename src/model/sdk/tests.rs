use super::*;
use crate::model::ServiceModel::{self, Lambda, Scheduler, Sqs, StepFunctions};
use serde_json::json;

fn request(service: ServiceModel, operation: &str, arguments: Value) -> Result<Value, String> {
    let model = service.get();
    let input = model.operation(operation).unwrap().input.as_ref().unwrap();
    request_from_arguments(model, input, &arguments)
}

fn result(service: ServiceModel, operation: &str, response: Value) -> Value {
    let model = service.get();
    let output = model.operation(operation).unwrap().output.as_ref().unwrap();
    result_for_sdk(model, output, &response)
}

#[test]
fn sfn_requests_match_todays_camel_case_and_json_text() {
    let arguments = json!({
        "Name": "m", "Definition": {"StartAt": "P"}, "RoleArn": "arn",
        "Tags": [{"Key": "k", "Value": "v"}]
    });
    assert_eq!(
        request(StepFunctions, "CreateStateMachine", arguments).unwrap(),
        json!({
            "name": "m", "definition": "{\"StartAt\":\"P\"}", "roleArn": "arn",
            "tags": [{"key": "k", "value": "v"}]
        })
    );
    let arguments = json!({"StateMachineArn": "arn", "Input": {"key": "value"}});
    assert_eq!(
        request(StepFunctions, "StartExecution", arguments).unwrap(),
        json!({"stateMachineArn": "arn", "input": "{\"key\":\"value\"}"})
    );
    // Text stays text; camelCase names, as today's code accepts, still work.
    let arguments = json!({"taskToken": "t", "Output": "[1]"});
    assert_eq!(
        request(StepFunctions, "SendTaskSuccess", arguments).unwrap(),
        json!({"taskToken": "t", "output": "[1]"})
    );
}

#[test]
fn sfn_results_match_todays_pascal_case_and_iso_timestamps() {
    assert_eq!(
        result(
            StepFunctions,
            "DescribeExecution",
            json!({"executionArn": "arn", "startDate": 1714564800.123})
        ),
        json!({"ExecutionArn": "arn", "StartDate": "2024-05-01T12:00:00.123Z"})
    );
    assert_eq!(
        result(
            StepFunctions,
            "GetExecutionHistory",
            json!({"events": [{"timestamp": 1714564800, "id": 1}]})
        ),
        json!({"Events": [{"Timestamp": "2024-05-01T12:00:00Z", "Id": 1}]})
    );
    // A number under a non-timestamp member stays a number, whatever its name.
    let output = json!({"executionArn": "a", "startDate": 1714564800, "redriveCount": 2});
    assert_eq!(
        result(StepFunctions, "DescribeExecution", output)["RedriveCount"],
        json!(2)
    );
}

#[test]
fn lambda_names_pass_through_and_map_keys_are_data() {
    let arguments = json!({
        "FunctionName": "f", "Role": "arn:role", "Code": {"S3Bucket": "b", "S3Key": "k"},
        "Environment": {"Variables": {"myVar": "1"}}, "Tags": {"team": "a"}
    });
    assert_eq!(
        request(Lambda, "CreateFunction", arguments.clone()).unwrap(),
        arguments
    );
    let response = json!({"Configuration": {"FunctionName": "f", "Environment": {"Variables": {"myVar": "1"}}}, "Tags": {"team": "a"}});
    assert_eq!(result(Lambda, "GetFunction", response.clone()), response);
}

#[test]
fn lambda_invoke_payload_is_sent_and_returned_as_text() {
    let arguments = json!({"FunctionName": "f", "Payload": {"a": 1}});
    assert_eq!(
        request(Lambda, "Invoke", arguments).unwrap(),
        json!({"FunctionName": "f", "Payload": BASE64.encode("{\"a\":1}")})
    );
    let arguments = json!({"FunctionName": "f", "Payload": null});
    assert_eq!(
        request(Lambda, "Invoke", arguments.clone()).unwrap(),
        arguments
    );
    let arguments = json!({"FunctionName": "f", "Payload": "plain"});
    assert_eq!(
        request(Lambda, "Invoke", arguments).unwrap()["Payload"],
        json!(BASE64.encode("plain"))
    );
    let response = json!({"StatusCode": 200, "Payload": BASE64.encode("{\"b\":2}"), "ExecutedVersion": "$LATEST"});
    assert_eq!(
        result(Lambda, "Invoke", response),
        json!({"StatusCode": 200, "Payload": "{\"b\":2}", "ExecutedVersion": "$LATEST"})
    );
}

#[test]
fn names_are_matched_by_the_shape() {
    // SQS's `tags` member is `Tags` to the SDK v2.
    let arguments = json!({"QueueName": "q", "Tags": {"Team": "a"}});
    assert_eq!(
        request(Sqs, "CreateQueue", arguments).unwrap(),
        json!({"QueueName": "q", "tags": {"Team": "a"}})
    );
    // ISO-8601 timestamps become the JSON form's epoch seconds.
    let arguments = json!({"Name": "s", "StartDate": "2024-05-01T12:00:00.5Z"});
    assert_eq!(
        request(Scheduler, "CreateSchedule", arguments).unwrap()["StartDate"],
        json!(1714564800.5)
    );
}

#[test]
fn arguments_that_make_no_request_are_errors() {
    for (operation, arguments, expected) in [
        (
            "StartExecution",
            json!({"StateMachineArn": "a", "Bogus": 1}),
            "The field 'Bogus' is not supported by Step Functions",
        ),
        (
            "CreateStateMachine",
            json!({"Tags": [{"Kee": "k"}]}),
            "The field 'Tags[0].Kee' is not supported by Step Functions",
        ),
        (
            "StartExecution",
            json!([1]),
            "The arguments must be a JSON object",
        ),
    ] {
        assert_eq!(
            request(StepFunctions, operation, arguments).unwrap_err(),
            expected
        );
    }
    let arguments = json!({"Name": "s", "StartDate": "yesterday"});
    assert!(
        request(Scheduler, "CreateSchedule", arguments)
            .unwrap_err()
            .contains("'StartDate' must be an ISO-8601 timestamp")
    );
    assert_eq!(
        request(StepFunctions, "ListActivities", Value::Null).unwrap(),
        json!({})
    );
}

#[test]
fn deep_arguments_are_refused() {
    let model = ServiceModel::DynamoDb.get();
    let input = model.operation("PutItem").unwrap().input.as_ref().unwrap();
    let mut item = json!({"S": "leaf"});
    for _ in 0..200 {
        item = json!({"M": {"k": item}});
    }
    let arguments = json!({"TableName": "t", "Item": {"k": item}});
    let error = request_from_arguments(model, input, &arguments).unwrap_err();
    assert_eq!(
        error,
        format!("The arguments nest more than {MAX_DEPTH} levels deep")
    );
}

#[test]
fn timestamps_out_of_range_never_panic() {
    assert_eq!(iso8601(1e300), "1970-01-01T00:00:00Z");
    assert_eq!(iso8601(f64::NAN), "1970-01-01T00:00:00Z");
}
