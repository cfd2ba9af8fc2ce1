//! The model's operations mapped to the typed ones. Both wire protocols give the same member
//! names, so one mapping serves them.

use super::error::SqsError;
use super::handles::Entry;
use super::receive::Receive;
use super::send::Outgoing;
use super::{Sqs, SqsResult};
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::{Answer, Call, Output, ResetReport, Service, not_implemented};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// An operation's input members.
struct Members(Value, Option<String>);

impl Members {
    fn text(&self, name: &str) -> &str {
        self.0.get(name).and_then(Value::as_str).unwrap_or_default()
    }

    fn url(&self) -> &str {
        self.text("QueueUrl")
    }

    /// The host the request addressed, which answered queue URLs name.
    fn host(&self) -> Option<&str> {
        self.1.as_deref()
    }

    /// A member read as `T`; an absent one is `T`'s default.
    fn get<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, WireError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(T::default()),
            Some(value) => read(value.clone()),
        }
    }

    /// The whole input read as `T`.
    fn all<T: DeserializeOwned>(self) -> Result<T, WireError> {
        read(self.0)
    }
}

/// The members were checked against the model, so a mismatch is a request the model allows
/// and the fake does not read: reported as a bad value rather than a fault.
fn read<T: DeserializeOwned>(value: Value) -> Result<T, WireError> {
    serde_json::from_value(value).map_err(|e| {
        SqsError::InvalidParameterValue(format!("The request could not be read: {e}")).into()
    })
}

fn out(result: SqsResult<Value>) -> Result<Output, WireError> {
    Output::of(&result?)
}

impl Service for Sqs {
    fn name(&self) -> &'static str {
        "sqs"
    }

    fn model(&self) -> ServiceModel {
        ServiceModel::Sqs
    }

    fn error_namespace(&self) -> &'static str {
        "com.amazonaws.sqs"
    }

    /// SQS answers its own words for what the model's constraints would refuse: an unknown
    /// queue attribute is `InvalidAttributeName`, and `ReceiveMessage` takes message
    /// attribute names in `AttributeNames`, whose model enum lists only queue attributes.
    fn validates_itself(&self) -> bool {
        true
    }

    fn call(&self, call: Call) -> Answer<'_> {
        Box::pin(async move {
            let (members, _) = call.input.into_members()?;
            required(&call.operation, &members)?;
            let m = Members(members, call.context.host);
            match call.operation.as_str() {
                "ReceiveMessage" => {
                    let url = m.url().to_owned();
                    out(self.receive_message(&url, m.all::<Receive>()?).await)
                }
                operation => match self.queues(operation, &m)? {
                    Some(output) => Ok(output),
                    None => match self.move_tasks(operation, &m)? {
                        Some(output) => Ok(output),
                        None => self.messages(operation, m),
                    },
                },
            }
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async move { json!({ "queues": self.clear() }) })
    }
}

impl Sqs {
    /// The queue operations; `None` for others.
    fn queues(&self, operation: &str, m: &Members) -> Result<Option<Output>, WireError> {
        let url = m.url();
        let done = |result: SqsResult<()>| result.map(|()| json!({}));
        let result = match operation {
            "CreateQueue" => self
                .create_queue(m.text("QueueName"), m.get("Attributes")?, m.get("tags")?)
                .map(|name| json!({ "QueueUrl": self.url(m.host(), &name) })),
            "GetQueueUrl" => self
                .get_queue_url(m.text("QueueName"))
                .map(|name| json!({ "QueueUrl": self.url(m.host(), &name) })),
            "ListQueues" | "ListDeadLetterSourceQueues" => self.list(operation, m),
            "DeleteQueue" => done(self.delete_queue(url)),
            "PurgeQueue" => done(self.purge_queue(url)),
            "GetQueueAttributes" => {
                let names: Vec<String> = m.get("AttributeNames")?;
                self.get_queue_attributes(url, &names)
                    .map(|a| optional("Attributes", &a))
            }
            "SetQueueAttributes" => done(self.set_queue_attributes(url, m.get("Attributes")?)),
            "TagQueue" => done(self.tag_queue(url, m.get("Tags")?)),
            "UntagQueue" => done(self.untag_queue(url, &m.get::<Vec<String>>("TagKeys")?)),
            "ListQueueTags" => self
                .list_queue_tags(url)
                .map(|tags| optional("Tags", &tags)),
            "AddPermission" => done(self.add_permission(url, read(m.0.clone())?)),
            "RemovePermission" => done(self.remove_permission(url, m.text("Label"))),
            _ => return Ok(None),
        };
        out(result).map(Some)
    }

    /// The message move tasks (dead-letter queue redrives); `None` for other operations.
    fn move_tasks(&self, operation: &str, m: &Members) -> Result<Option<Output>, WireError> {
        let result = match operation {
            "StartMessageMoveTask" => self.start_message_move_task(read(m.0.clone())?),
            "ListMessageMoveTasks" => {
                let max = m.0.get("MaxResults").and_then(Value::as_i64);
                self.list_message_move_tasks(m.text("SourceArn"), max)
            }
            "CancelMessageMoveTask" => self.cancel_message_move_task(m.text("TaskHandle")),
            _ => return Ok(None),
        };
        out(result).map(Some)
    }

    /// ListQueues (which leaves `QueueUrls` out when there are none) and
    /// ListDeadLetterSourceQueues (whose `queueUrls` is required).
    fn list(&self, operation: &str, m: &Members) -> SqsResult<Value> {
        let max = m.0.get("MaxResults").and_then(Value::as_i64);
        let token = m.0.get("NextToken").and_then(Value::as_str);
        let (names, next) = match operation {
            "ListQueues" => self.list_queues(m.text("QueueNamePrefix"), max, token)?,
            _ => self.list_dead_letter_sources(m.url(), max, token)?,
        };
        let urls: Vec<String> = names.iter().map(|n| self.url(m.host(), n)).collect();
        let mut answer = json!({});
        match operation {
            "ListQueues" if urls.is_empty() => {}
            "ListQueues" => answer["QueueUrls"] = urls.into(),
            _ => answer["queueUrls"] = urls.into(),
        }
        if let Some(next) = next {
            answer["NextToken"] = next.into();
        }
        Ok(answer)
    }

    /// The message operations (ReceiveMessage aside, which waits).
    fn messages(&self, operation: &str, m: Members) -> Result<Output, WireError> {
        let url = m.url().to_owned();
        let done = |result: SqsResult<()>| result.map(|()| json!({}));
        let result = match operation {
            "SendMessage" => self.send_message(&url, m.all::<Outgoing>()?),
            "SendMessageBatch" => self.send_message_batch(&url, m.get("Entries")?),
            "DeleteMessage" => done(self.delete_message(&url, m.text("ReceiptHandle"))),
            "DeleteMessageBatch" => {
                self.delete_message_batch(&url, &m.get::<Vec<Entry>>("Entries")?)
            }
            "ChangeMessageVisibility" => {
                let seconds =
                    m.0.get("VisibilityTimeout")
                        .and_then(Value::as_i64)
                        .unwrap_or(0);
                done(self.change_visibility(&url, m.text("ReceiptHandle"), seconds))
            }
            "ChangeMessageVisibilityBatch" => {
                self.change_visibility_batch(&url, &m.get::<Vec<Entry>>("Entries")?)
            }
            operation => return Err(not_implemented(self, operation)),
        };
        out(result)
    }
}

/// The first of the operation's required members the input lacks, as AWS reports it.
fn required(operation: &str, members: &Value) -> Result<(), SqsError> {
    let model = ServiceModel::Sqs.get();
    let Some(input) = model.operation(operation).and_then(|o| o.input.as_ref()) else {
        return Ok(());
    };
    let absent = |name: &&String| members.get(name.as_str()).is_none_or(Value::is_null);
    match model.shape(input).required.iter().find(absent) {
        Some(name) => Err(SqsError::MissingParameter(format!(
            "The request must contain the parameter {name}."
        ))),
        None => Ok(()),
    }
}

/// `{name: map}`, or `{}` when the map is empty (AWS leaves the member out).
fn optional(name: &str, map: &BTreeMap<String, String>) -> Value {
    match map.is_empty() {
        true => json!({}),
        false => json!({ name: map }),
    }
}
