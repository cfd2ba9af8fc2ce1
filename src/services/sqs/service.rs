//! The model's operations mapped to the typed ones. Each input is read into its type
//! generated from the model (`types.rs`); both wire protocols give the same member names, so
//! one mapping serves them.

use super::error::SqsError;
use super::handles::Entry;
use super::send::Outgoing;
use super::types::*;
use super::{Sqs, SqsResult};
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::{Answer, Call, Output, ResetReport, Service, not_implemented};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The members were checked for presence, so a mismatch is a value of the wrong type:
/// reported as a bad value rather than a fault.
fn read<T: DeserializeOwned>(members: &Value) -> Result<T, WireError> {
    T::deserialize(members).map_err(|e| {
        SqsError::InvalidParameterValue(format!("The request could not be read: {e}")).into()
    })
}

fn out(result: SqsResult<impl serde::Serialize>) -> Result<Output, WireError> {
    Output::of(&result?)
}

fn done(result: SqsResult<()>) -> Result<Output, WireError> {
    result?;
    Ok(Output::empty())
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
            let host = call.context.host.as_deref();
            let operation = call.operation.as_str();
            if operation == "ReceiveMessage" {
                let request: ReceiveMessageRequest = read(&members)?;
                let url = request.queue_url.clone();
                return out(self.receive_message(&url, request.into()).await);
            }
            let answer = match self.queues(operation, &members, host)? {
                Some(output) => Some(output),
                None => self.messages(operation, &members)?,
            };
            match answer {
                Some(output) => Ok(output),
                None => self.others(operation, &members),
            }
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async move { json!({ "queues": self.clear() }) })
    }
}

impl Sqs {
    /// The queue operations; `None` for others. `host` is the one the request addressed,
    /// which answered queue URLs name.
    fn queues(
        &self,
        operation: &str,
        m: &Value,
        host: Option<&str>,
    ) -> Result<Option<Output>, WireError> {
        let url_of = |name: String| Some(self.url(host, &name));
        let output = match operation {
            "CreateQueue" => {
                let r: CreateQueueRequest = read(m)?;
                let (attributes, tags) =
                    (r.attributes.unwrap_or_default(), r.tags.unwrap_or_default());
                let queue_url = url_of(self.create_queue(&r.queue_name, attributes, tags)?);
                Output::of(&CreateQueueResult { queue_url })
            }
            "GetQueueUrl" => {
                let r: GetQueueUrlRequest = read(m)?;
                let queue_url = url_of(self.get_queue_url(&r.queue_name)?);
                Output::of(&GetQueueUrlResult { queue_url })
            }
            "ListQueues" => self.list_queues_of(read(m)?, host),
            "ListDeadLetterSourceQueues" => self.list_sources_of(read(m)?, host),
            "DeleteQueue" => done(self.delete_queue(&read::<DeleteQueueRequest>(m)?.queue_url)),
            "PurgeQueue" => done(self.purge_queue(&read::<PurgeQueueRequest>(m)?.queue_url)),
            _ => return self.queue_settings(operation, m),
        };
        output.map(Some)
    }

    /// A queue's attributes, tags and permissions; `None` for other operations.
    fn queue_settings(&self, operation: &str, m: &Value) -> Result<Option<Output>, WireError> {
        let output = match operation {
            "GetQueueAttributes" => {
                let r: GetQueueAttributesRequest = read(m)?;
                let names = r.attribute_names.unwrap_or_default();
                let attributes = self.get_queue_attributes(&r.queue_url, &names)?;
                let attributes = non_empty(attributes);
                Output::of(&GetQueueAttributesResult { attributes })
            }
            "SetQueueAttributes" => {
                let r: SetQueueAttributesRequest = read(m)?;
                done(self.set_queue_attributes(&r.queue_url, r.attributes))
            }
            "TagQueue" => {
                let r: TagQueueRequest = read(m)?;
                done(self.tag_queue(&r.queue_url, r.tags))
            }
            "UntagQueue" => {
                let r: UntagQueueRequest = read(m)?;
                done(self.untag_queue(&r.queue_url, &r.tag_keys))
            }
            "ListQueueTags" => {
                let r: ListQueueTagsRequest = read(m)?;
                let tags = non_empty(self.list_queue_tags(&r.queue_url)?);
                Output::of(&ListQueueTagsResult { tags })
            }
            "AddPermission" => done(self.add_permission(read(m)?)),
            "RemovePermission" => {
                let r: RemovePermissionRequest = read(m)?;
                done(self.remove_permission(&r.queue_url, &r.label))
            }
            _ => return Ok(None),
        };
        output.map(Some)
    }

    /// ListQueues, which leaves `QueueUrls` out when there are none.
    fn list_queues_of(
        &self,
        r: ListQueuesRequest,
        host: Option<&str>,
    ) -> Result<Output, WireError> {
        let prefix = r.queue_name_prefix.as_deref().unwrap_or_default();
        let max = r.max_results.map(i64::from);
        let (names, next) = self.list_queues(prefix, max, r.next_token.as_deref())?;
        let urls: Vec<String> = names.iter().map(|n| self.url(host, n)).collect();
        Output::of(&ListQueuesResult {
            queue_urls: (!urls.is_empty()).then_some(urls),
            next_token: next,
        })
    }

    /// ListDeadLetterSourceQueues, whose `queueUrls` is required.
    fn list_sources_of(
        &self,
        r: ListDeadLetterSourceQueuesRequest,
        host: Option<&str>,
    ) -> Result<Output, WireError> {
        let max = r.max_results.map(i64::from);
        let (names, next) =
            self.list_dead_letter_sources(&r.queue_url, max, r.next_token.as_deref())?;
        Output::of(&ListDeadLetterSourceQueuesResult {
            queue_urls: names.iter().map(|n| self.url(host, n)).collect(),
            next_token: next,
        })
    }

    /// The message operations (ReceiveMessage aside, which waits); `None` for others.
    fn messages(&self, operation: &str, m: &Value) -> Result<Option<Output>, WireError> {
        let output = match operation {
            "SendMessage" => {
                let r: SendMessageRequest = read(m)?;
                let url = r.queue_url.clone();
                out(self.send_message(&url, Outgoing::from(r)))
            }
            "SendMessageBatch" => {
                let r: SendMessageBatchRequest = read(m)?;
                let entries = r.entries.into_iter().map(Outgoing::from).collect();
                out(self.send_message_batch(&r.queue_url, entries))
            }
            "DeleteMessage" => {
                let r: DeleteMessageRequest = read(m)?;
                done(self.delete_message(&r.queue_url, &r.receipt_handle))
            }
            "DeleteMessageBatch" => {
                let r: DeleteMessageBatchRequest = read(m)?;
                let entries: Vec<Entry> = r.entries.into_iter().map(Entry::from).collect();
                out(self.delete_message_batch(&r.queue_url, &entries))
            }
            "ChangeMessageVisibility" => {
                let r: ChangeMessageVisibilityRequest = read(m)?;
                let seconds = i64::from(r.visibility_timeout);
                done(self.change_visibility(&r.queue_url, &r.receipt_handle, seconds))
            }
            "ChangeMessageVisibilityBatch" => {
                let r: ChangeMessageVisibilityBatchRequest = read(m)?;
                let entries: Vec<Entry> = r.entries.into_iter().map(Entry::from).collect();
                out(self.change_visibility_batch(&r.queue_url, &entries))
            }
            _ => return Ok(None),
        };
        output.map(Some)
    }

    /// The message move tasks (dead-letter queue redrives), and the operations the fake
    /// does not run.
    fn others(&self, operation: &str, m: &Value) -> Result<Output, WireError> {
        match operation {
            "StartMessageMoveTask" => out(self.start_message_move_task(read(m)?)),
            "ListMessageMoveTasks" => {
                let r: ListMessageMoveTasksRequest = read(m)?;
                let max = r.max_results.map(i64::from);
                out(self.list_message_move_tasks(&r.source_arn, max))
            }
            "CancelMessageMoveTask" => {
                let r: CancelMessageMoveTaskRequest = read(m)?;
                out(self.cancel_message_move_task(&r.task_handle))
            }
            operation => Err(not_implemented(self, operation)),
        }
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

/// A map, or none when it is empty (AWS then leaves the member out).
fn non_empty(map: BTreeMap<String, String>) -> Option<BTreeMap<String, String>> {
    (!map.is_empty()).then_some(map)
}
