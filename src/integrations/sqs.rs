//! The optimized SQS integration: `arn:aws:states:::sqs:sendMessage` (and its
//! `.waitForTaskToken`, whose callback the engine awaits after this call). The Task's
//! parameters are SendMessage's members, sent through the SQS service's own operation; the
//! answer comes back with the SDK metadata the AWS SDK for Java (v1) adds, and errors are named
//! as that SDK's exception classes.

use super::sdk_metadata;
use crate::asl::errors::Failure;
use crate::clock::Clock;
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::{Input, Service, call_checked};
use serde_json::{Map, Value};

/// `sqs:sendMessage`: `QueueUrl`, `MessageBody` (a JSON value other than a string is sent as
/// its JSON text), `MessageAttributes`, `DelaySeconds`, `MessageGroupId`,
/// `MessageDeduplicationId` in; SendMessage's answer and the SDK metadata out.
pub async fn send_message(
    sqs: &dyn Service,
    parameters: &Value,
    clock: &Clock,
) -> Result<Value, Failure> {
    let model = sqs.model().get();
    let Some(operation) = model.operation("SendMessage") else {
        return Err(Failure::runtime(
            "The SQS model has no SendMessage operation",
        ));
    };
    let input = Input::members(super::with_text(parameters, "MessageBody"));
    let output = call_checked(sqs, operation, input)
        .await
        .map_err(|e| failure(&e))?;
    let (answer, _) = output.into_members();
    Ok(wrapped(answer, clock))
}

/// SendMessage's answer with the metadata of the HTTP response SQS's JSON protocol sends:
/// its body is the answer, compact.
fn wrapped(answer: Value, clock: &Clock) -> Value {
    let length = answer.to_string().len();
    let date = sdk_metadata::http_date(clock.now());
    let mut response = match answer {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    sdk_metadata::add_json(&mut response, length, &date);
    Value::Object(response)
}

/// An SQS error as the Java SDK v1 raises it (see [`super::java_v1_failure`]).
fn failure(error: &WireError) -> Failure {
    super::java_v1_failure(ServiceModel::SqsQuery, "SQS", error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn structured_bodies_are_sent_as_json_text() {
        let sent = crate::integrations::with_text(
            &json!({"QueueUrl": "u", "MessageBody": {"a": [1]}}),
            "MessageBody",
        );
        assert_eq!(sent["MessageBody"], r#"{"a":[1]}"#);
        let sent = crate::integrations::with_text(&json!({"MessageBody": "text"}), "MessageBody");
        assert_eq!(sent["MessageBody"], "text");
        assert!(crate::integrations::with_text(&json!({"MessageBody": null}), "MessageBody")["MessageBody"].is_null());
    }

    #[test]
    fn undeclared_errors_are_amazon_sqs_exceptions() {
        let missing = WireError::client("MissingParameter", "The request must contain it.");
        let failure = failure(&missing);
        assert_eq!(failure.error, "SQS.AmazonSQSException");
        assert!(failure.cause.starts_with(
            "The request must contain it. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: "
        ));
        let gone = WireError::client("QueueDoesNotExist", "The specified queue does not exist.");
        let failure = super::failure(&gone);
        assert_eq!(failure.error, "SQS.QueueDoesNotExistException");
        assert!(
            failure
                .cause
                .contains("Error Code: AWS.SimpleQueueService.NonExistentQueue;")
        );
    }

    #[test]
    fn answers_carry_the_json_protocol_metadata() {
        let clock = Clock::manual();
        let answer = json!({"MD5OfMessageBody": "m", "MessageId": "id"});
        let length = answer.to_string().len().to_string();
        let value = wrapped(answer, &clock);
        assert_eq!(value["MessageId"], "id");
        let headers = &value["SdkHttpMetadata"]["HttpHeaders"];
        assert_eq!(headers["Content-Length"], length.as_str());
        assert_eq!(headers["Content-Type"], "application/x-amz-json-1.0");
        assert_eq!(value["SdkHttpMetadata"]["HttpStatusCode"], 200);
        assert_eq!(
            value["SdkResponseMetadata"]["RequestId"],
            headers["x-amzn-RequestId"]
        );
    }
}
