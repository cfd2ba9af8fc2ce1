//! The queue a mapping polls, reached only through the service seam: SQS's own operations,
//! checked against its model as a request on the wire would be.

use super::config::QueueArn;
use super::event::SYSTEM_ATTRIBUTES;
use crate::protocol::WireError;
use crate::services::Input;
use crate::services::lambda::error::{LambdaError, LambdaResult};
use crate::services::registry::WeakRegistry;
use serde_json::{Value, json};

/// One message received: its id and the receipt handle that deletes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// `MessageId`.
    pub id: String,
    /// `ReceiptHandle`.
    pub handle: String,
}

/// A queue and the services that hold it.
#[derive(Debug, Clone)]
pub struct Queue {
    peers: WeakRegistry,
    url: String,
}

impl Queue {
    /// The queue `arn` names, or AWS's `InvalidParameterValueException` when SQS has no such
    /// queue (the message Lambda gives when its first ReceiveMessage fails). A queue of
    /// another region than `region` is as missing: Lambda reads queues in its own region.
    pub async fn locate(peers: &WeakRegistry, arn: &QueueArn, region: &str) -> LambdaResult<Queue> {
        if arn.region != region {
            return Err(missing(
                "QueueDoesNotExist",
                "The specified queue does not exist.",
            ));
        }
        let input = json!({ "QueueName": arn.name, "QueueOwnerAWSAccountId": arn.account });
        let found = peers
            .call("sqs", "GetQueueUrl", Input::members(input))
            .await;
        let url = match found {
            Ok(output) => output.into_members().0["QueueUrl"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            Err(error) => return Err(missing(&error.code, &error.message)),
        };
        Ok(Queue {
            peers: peers.clone(),
            url,
        })
    }

    /// Up to `max` messages (at most 10), waiting up to `wait` seconds for the first, with
    /// every attribute an event carries.
    pub async fn receive(&self, max: u32, wait: u32) -> Result<Vec<Value>, WireError> {
        let input = json!({
            "QueueUrl": self.url,
            "MaxNumberOfMessages": max.clamp(1, 10),
            "WaitTimeSeconds": wait.min(20),
            "MessageSystemAttributeNames": SYSTEM_ATTRIBUTES,
            "MessageAttributeNames": ["All"],
        });
        let mut output = self.call("ReceiveMessage", input).await?;
        match output["Messages"].take() {
            Value::Array(messages) => Ok(messages),
            _ => Ok(Vec::new()),
        }
    }

    /// Deletes the messages, ten to a request as SQS takes them.
    pub async fn delete(&self, receipts: &[Receipt]) -> Result<(), WireError> {
        for chunk in receipts.chunks(10) {
            let entries: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, r)| json!({ "Id": i.to_string(), "ReceiptHandle": r.handle }))
                .collect();
            let input = json!({ "QueueUrl": self.url, "Entries": entries });
            self.call("DeleteMessageBatch", input).await?;
        }
        Ok(())
    }

    /// Makes the messages visible again at once: for those gathered by a poller that was
    /// stopped before it could invoke the function.
    pub async fn release(&self, receipts: &[Receipt]) {
        for receipt in receipts {
            let input = json!({
                "QueueUrl": self.url,
                "ReceiptHandle": receipt.handle,
                "VisibilityTimeout": 0,
            });
            // A queue deleted meanwhile has nothing left to release.
            let _ = self.call("ChangeMessageVisibility", input).await;
        }
    }

    async fn call(&self, operation: &str, input: Value) -> Result<Value, WireError> {
        let output = self
            .peers
            .call("sqs", operation, Input::members(input))
            .await?;
        Ok(output.into_members().0)
    }
}

/// The receipt of a message as ReceiveMessage answers it.
pub fn receipt(message: &Value) -> Receipt {
    let text = |name: &str| message[name].as_str().unwrap_or_default().to_owned();
    Receipt {
        id: text("MessageId"),
        handle: text("ReceiptHandle"),
    }
}

/// AWS's answer to a mapping whose queue cannot be read, quoting SQS's error.
fn missing(code: &str, message: &str) -> LambdaError {
    let code = match code {
        "QueueDoesNotExist" => "AWS.SimpleQueueService.NonExistentQueue",
        other => other,
    };
    LambdaError::InvalidParameterValue(format!(
        "Error occurred while ReceiveMessage. SQS Error Code: {code}. SQS Error Message: {message}"
    ))
}
