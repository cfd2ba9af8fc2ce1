//! The SQS event a mapping invokes its function with, and what the function's answer says
//! was handled (`ReportBatchItemFailures`).

use super::config::QueueArn;
use serde_json::{Map, Value, json};
use std::collections::HashSet;

/// The system attributes a record carries, in the order AWS's events list them; each only
/// when the message has it (the FIFO ones on FIFO queues).
pub const SYSTEM_ATTRIBUTES: [&str; 8] = [
    "ApproximateReceiveCount",
    "SentTimestamp",
    "SequenceNumber",
    "MessageGroupId",
    "SenderId",
    "MessageDeduplicationId",
    "ApproximateFirstReceiveTimestamp",
    "AWSTraceHeader",
];

/// One record of the event, from a message as ReceiveMessage answers it.
pub fn record(message: &Value, queue: &QueueArn) -> Value {
    let text = |name: &str| message.get(name).cloned().unwrap_or(Value::Null);
    let received = message.get("Attributes").and_then(Value::as_object);
    let attributes: Map<String, Value> = SYSTEM_ATTRIBUTES
        .iter()
        .filter_map(|name| Some((name.to_string(), received?.get(*name)?.clone())))
        .collect();
    json!({
        "messageId": text("MessageId"),
        "receiptHandle": text("ReceiptHandle"),
        "body": text("Body"),
        "attributes": attributes,
        "messageAttributes": message_attributes(message.get("MessageAttributes")),
        "md5OfBody": text("MD5OfBody"),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue.arn,
        "awsRegion": queue.region,
    })
}

/// Message attributes as events spell them: camelCase, with the list members SQS reserves.
fn message_attributes(attributes: Option<&Value>) -> Value {
    let Some(attributes) = attributes.and_then(Value::as_object) else {
        return json!({});
    };
    let renamed = attributes.iter().map(|(name, value)| {
        let mut out = Map::new();
        if let Some(text) = value.get("StringValue") {
            out.insert("stringValue".into(), text.clone());
        }
        if let Some(bytes) = value.get("BinaryValue") {
            out.insert("binaryValue".into(), bytes.clone());
        }
        out.insert("stringListValues".into(), json!([]));
        out.insert("binaryListValues".into(), json!([]));
        out.insert("dataType".into(), value.get("DataType").cloned().into());
        (name.clone(), Value::Object(out))
    });
    Value::Object(renamed.collect())
}

/// What a function's answer to a batch means, with `ReportBatchItemFailures`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every message but these (message ids) was handled.
    Failed(HashSet<String>),
    /// The answer is malformed: AWS then treats the whole batch as failed.
    Invalid,
}

/// Reads a function's answer to a batch of `ids`. As AWS documents it, an empty or null
/// answer or list means success; invalid JSON, or an item whose `itemIdentifier` is missing,
/// empty, null or not a message of the batch, fails the whole batch.
pub fn verdict(payload: &[u8], ids: &HashSet<String>) -> Verdict {
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Verdict::Failed(HashSet::new());
    }
    let Ok(answer) = serde_json::from_slice::<Value>(payload) else {
        return Verdict::Invalid;
    };
    // An answer that is not an object carries no list: AWS reads it as an empty one.
    let failures = match answer.get("batchItemFailures") {
        None | Some(Value::Null) => return Verdict::Failed(HashSet::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Verdict::Invalid,
    };
    let mut failed = HashSet::new();
    for item in failures {
        match item.get("itemIdentifier").and_then(Value::as_str) {
            Some(id) if ids.contains(id) => failed.insert(id.to_owned()),
            _ => return Verdict::Invalid,
        };
    }
    Verdict::Failed(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue() -> QueueArn {
        QueueArn::parse("arn:aws:sqs:eu-west-1:123456789012:jobs.fifo").unwrap()
    }

    #[test]
    fn a_record_has_the_shape_aws_sends() {
        let message = json!({
            "MessageId": "m-1",
            "ReceiptHandle": "r-1",
            "MD5OfBody": "d41d8cd98f00b204e9800998ecf8427e",
            "Body": "hello",
            "Attributes": {
                "SenderId": "AIDA", "SentTimestamp": "1", "ApproximateReceiveCount": "2",
                "ApproximateFirstReceiveTimestamp": "3", "MessageGroupId": "g",
                "SequenceNumber": "10", "MessageDeduplicationId": "d"
            },
            "MD5OfMessageAttributes": "x",
            "MessageAttributes": {
                "kind": {"DataType": "String", "StringValue": "order"},
                "raw": {"DataType": "Binary", "BinaryValue": "AAE="}
            }
        });
        let record = record(&message, &queue());
        let keys: Vec<&String> = record.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "messageId",
                "receiptHandle",
                "body",
                "attributes",
                "messageAttributes",
                "md5OfBody",
                "eventSource",
                "eventSourceARN",
                "awsRegion"
            ]
        );
        let attributes: Vec<&String> = record["attributes"].as_object().unwrap().keys().collect();
        assert_eq!(attributes, &SYSTEM_ATTRIBUTES[..7]);
        assert_eq!(
            record["messageAttributes"],
            json!({
                "kind": {"stringValue": "order", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
                "raw": {"binaryValue": "AAE=", "stringListValues": [], "binaryListValues": [], "dataType": "Binary"}
            })
        );
        assert_eq!(record["eventSource"], "aws:sqs");
        assert_eq!(record["eventSourceARN"], queue().arn);
        assert_eq!(record["awsRegion"], "eu-west-1");
    }

    #[test]
    fn batch_answers_are_read_as_aws_reads_them() {
        let ids: HashSet<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let failed = |list: &[&str]| Verdict::Failed(list.iter().map(|s| s.to_string()).collect());
        let cases: [(&str, Verdict); 10] = [
            ("", failed(&[])),
            ("null", failed(&[])),
            ("{}", failed(&[])),
            (r#"{"batchItemFailures": []}"#, failed(&[])),
            (r#"{"batchItemFailures": null}"#, failed(&[])),
            (
                r#"{"batchItemFailures": [{"itemIdentifier": "b"}]}"#,
                failed(&["b"]),
            ),
            (
                r#"{"batchItemFailures": [{"itemIdentifier": "zz"}]}"#,
                Verdict::Invalid,
            ),
            (
                r#"{"batchItemFailures": [{"itemIdentifier": ""}]}"#,
                Verdict::Invalid,
            ),
            (r#"{"batchItemFailures": [{"id": "a"}]}"#, Verdict::Invalid),
            ("{not json", Verdict::Invalid),
        ];
        for (answer, expected) in cases {
            assert_eq!(verdict(answer.as_bytes(), &ids), expected, "{answer}");
        }
    }
}
