//! The optimized SNS integration: `arn:aws:states:::sns:publish` (and its
//! `.waitForTaskToken`, whose callback the engine awaits after this call). The Task's
//! parameters are Publish's members, sent through the SNS service's own operation; the answer
//! comes back with the SDK metadata the AWS SDK for Java (v1) adds to SNS's XML answer, and
//! errors are named as that SDK's exception classes.

use super::sdk_metadata;
use crate::asl::errors::Failure;
use crate::clock::Clock;
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::{Input, Service, call_checked};
use serde_json::{Map, Value};

/// `sns:publish`: `TopicArn` or `TargetArn` or `PhoneNumber`, `Message` (a JSON value other
/// than a string is sent as its JSON text), `Subject`, `MessageAttributes`,
/// `MessageStructure`, `MessageGroupId`, `MessageDeduplicationId` in; Publish's answer and the
/// SDK metadata out.
pub async fn publish(
    sns: &dyn Service,
    parameters: &Value,
    clock: &Clock,
) -> Result<Value, Failure> {
    let model = sns.model().get();
    let Some(operation) = model.operation("Publish") else {
        return Err(Failure::runtime("The SNS model has no Publish operation"));
    };
    let input = Input::members(super::with_text(parameters, "Message"));
    let output = call_checked(sns, operation, input)
        .await
        .map_err(|e| failure(&e))?;
    let (answer, _) = output.into_members();
    Ok(wrapped(answer, clock))
}

/// Publish's answer with the metadata of the HTTP response SNS sends: its length is that of
/// AWS's indented XML document with the answer's ids.
fn wrapped(answer: Value, clock: &Clock) -> Value {
    let request_id = uuid::Uuid::new_v4().to_string();
    let length = xml_length(&answer, &request_id);
    let date = sdk_metadata::http_date(clock.now());
    let mut response = match answer {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    sdk_metadata::add_xml(&mut response, &request_id, length, &date);
    Value::Object(response)
}

/// The length of Publish's answer as AWS writes it (two-space indents, a final newline).
fn xml_length(answer: &Value, request_id: &str) -> usize {
    let text = |name: &str| answer[name].as_str().map(str::to_owned);
    let mut result = format!(
        "    <MessageId>{}</MessageId>\n",
        text("MessageId").unwrap_or_default()
    );
    if let Some(sequence) = text("SequenceNumber") {
        result.push_str(&format!(
            "    <SequenceNumber>{sequence}</SequenceNumber>\n"
        ));
    }
    format!(
        "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <PublishResult>\n{result}  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n"
    )
    .len()
}

/// An SNS error as the Java SDK v1 raises it (see [`super::java_v1_failure`]).
fn failure(error: &WireError) -> Failure {
    super::java_v1_failure(ServiceModel::Sns, "SNS", error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn structured_messages_are_sent_as_json_text() {
        let sent = crate::integrations::with_text(
            &json!({"TopicArn": "t", "Message": {"Message": "HelloWorld!"}}),
            "Message",
        );
        assert_eq!(sent["Message"], r#"{"Message":"HelloWorld!"}"#);
        assert_eq!(
            crate::integrations::with_text(&json!({"Message": 1}), "Message")["Message"],
            "1"
        );
        assert!(
            crate::integrations::with_text(&json!({"Message": null}), "Message")["Message"]
                .is_null()
        );
    }

    #[test]
    fn errors_are_named_as_the_java_sdk_names_them() {
        let gone = WireError::with_status(
            http::StatusCode::NOT_FOUND,
            "NotFoundException",
            "Topic does not exist",
        );
        let failure = super::failure(&gone);
        assert_eq!(failure.error, "SNS.NotFoundException");
        assert!(failure.cause.starts_with(
            "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: "
        ));
        let invalid = WireError::client("ValidationError", "1 validation error detected");
        assert_eq!(super::failure(&invalid).error, "SNS.AmazonSNSException");
    }

    #[test]
    fn answers_carry_the_length_of_aws_xml() {
        let clock = Clock::manual();
        let id = "8f2c7f2e-0000-4000-8000-000000000000";
        let value = wrapped(json!({"MessageId": id}), &clock);
        let headers = &value["SdkHttpMetadata"]["HttpHeaders"];
        // As recorded from AWS for a standard topic.
        assert_eq!(headers["Content-Length"], "294");
        assert_eq!(headers["Content-Type"], "text/xml");
        assert_eq!(
            value["SdkResponseMetadata"]["RequestId"],
            headers["x-amzn-RequestId"]
        );
    }
}
