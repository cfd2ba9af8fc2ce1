//! SendMessage and SendMessageBatch: AWS's checks (body characters, size, delay, attributes,
//! the FIFO parameters), deduplication, and the digests the SDKs verify.

use super::batch;
use super::error::{SqsError, SqsResult};
use super::fifo;
use super::md5;
use super::messages::{self, Attributes, Group, Message, Visibility};
use super::queues::Queue;
use super::types::{
    MessageAttributeValue, MessageSystemAttributeValue, SendMessageBatchRequestEntry,
    SendMessageBatchResult, SendMessageBatchResultEntry, SendMessageRequest, SendMessageResult,
};
use super::{Sqs, queue_name};
use crate::clock::Clock;

use std::collections::BTreeMap;

/// The longest per-message or queue delay, in seconds.
const MAX_DELAY: i64 = 900;

/// The largest batch, all bodies and attributes together, in bytes.
const MAX_BATCH_SIZE: usize = 262_144;

/// A message to send, as SendMessage or a batch entry carries it.
#[derive(Debug)]
pub struct Outgoing {
    /// A batch entry's id (none for SendMessage).
    id: String,
    message_body: String,
    delay_seconds: Option<i32>,
    message_attributes: BTreeMap<String, MessageAttributeValue>,
    message_system_attributes: BTreeMap<String, MessageAttributeValue>,
    message_deduplication_id: Option<String>,
    message_group_id: Option<String>,
}

impl From<SendMessageRequest> for Outgoing {
    fn from(request: SendMessageRequest) -> Self {
        Outgoing {
            id: String::new(),
            message_body: request.message_body,
            delay_seconds: request.delay_seconds,
            message_attributes: request.message_attributes.unwrap_or_default(),
            message_system_attributes: system(request.message_system_attributes),
            message_deduplication_id: request.message_deduplication_id,
            message_group_id: request.message_group_id,
        }
    }
}

impl From<SendMessageBatchRequestEntry> for Outgoing {
    fn from(entry: SendMessageBatchRequestEntry) -> Self {
        Outgoing {
            id: entry.id,
            message_body: entry.message_body,
            delay_seconds: entry.delay_seconds,
            message_attributes: entry.message_attributes.unwrap_or_default(),
            message_system_attributes: system(entry.message_system_attributes),
            message_deduplication_id: entry.message_deduplication_id,
            message_group_id: entry.message_group_id,
        }
    }
}

/// System attributes read as message attributes: the model gives them a shape of their own
/// with the same members.
fn system(
    attributes: Option<BTreeMap<String, MessageSystemAttributeValue>>,
) -> BTreeMap<String, MessageAttributeValue> {
    let attributes = attributes.unwrap_or_default().into_iter();
    let as_message = |v: MessageSystemAttributeValue| MessageAttributeValue {
        string_value: v.string_value,
        binary_value: v.binary_value,
        string_list_values: v.string_list_values,
        binary_list_values: v.binary_list_values,
        data_type: v.data_type,
    };
    attributes.map(|(name, v)| (name, as_message(v))).collect()
}

/// A message read and checked, ready to enqueue.
struct Checked {
    body: String,
    attributes: Attributes,
    system: Attributes,
    delay: i64,
    group: Option<String>,
    dedup_id: Option<String>,
}

impl Sqs {
    /// SendMessage.
    pub fn send_message(&self, url: &str, outgoing: Outgoing) -> SqsResult<SendMessageResult> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        let checked = check(queue, outgoing)?;
        Ok(self.enqueue(queue, checked))
    }

    /// SendMessageBatch: each entry succeeds or fails by itself.
    pub fn send_message_batch(
        &self,
        url: &str,
        entries: Vec<Outgoing>,
    ) -> SqsResult<SendMessageBatchResult> {
        let name = queue_name(url, &self.account)?;
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        self.state().queue(name)?;
        batch::check_ids(&ids, "SendMessageBatchRequestEntry")?;
        let size: usize = entries.iter().map(outgoing_size).sum();
        if size > MAX_BATCH_SIZE {
            return Err(SqsError::BatchRequestTooLong(MAX_BATCH_SIZE, size));
        }
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        let results = entries.into_iter().map(|outgoing| {
            let id = outgoing.id.clone();
            let sent = check(queue, outgoing).map(|c| self.enqueue(queue, c));
            let entry = sent.map(|sent| SendMessageBatchResultEntry {
                id: id.clone(),
                message_id: sent.message_id.unwrap_or_default(),
                md5_of_message_body: sent.md5_of_message_body.unwrap_or_default(),
                md5_of_message_attributes: sent.md5_of_message_attributes,
                md5_of_message_system_attributes: sent.md5_of_message_system_attributes,
                sequence_number: sent.sequence_number,
            });
            (id, entry)
        });
        let (successful, failed) = batch::split(results.collect());
        Ok(SendMessageBatchResult { successful, failed })
    }

    /// Puts a checked message in `queue` (or, a FIFO duplicate, answers the first one) and
    /// wakes the queue's long polls.
    fn enqueue(&self, queue: &mut Queue, checked: Checked) -> SendMessageResult {
        let md5_body = md5::digest(&checked.body);
        let mut answer = SendMessageResult {
            md5_of_message_body: Some(md5::hex(&md5_body)),
            md5_of_message_attributes: md5::of_attributes(&checked.attributes),
            md5_of_message_system_attributes: md5::of_attributes(&checked.system),
            ..SendMessageResult::default()
        };
        queue.sweep(&self.clock);
        let dedup_key = dedup_key(queue, &checked);
        if let Some(first) = dedup_key
            .as_deref()
            .and_then(|k| queue.dedup.find(k, &self.clock))
        {
            answer.message_id = Some(first.message_id.clone());
            answer.sequence_number = Some(first.sequence.clone());
            return answer;
        }
        let message = self.message(queue, checked, md5_body);
        let id = message.id.to_string();
        answer.message_id = Some(id.clone());
        let sequence = message.group.as_ref().and_then(|g| g.sequence.clone());
        answer.sequence_number.clone_from(&sequence);
        if let Some(key) = dedup_key {
            let sequence = sequence.unwrap_or_default();
            queue.dedup.remember(key, id, sequence, &self.clock);
        }
        queue.messages.insert(queue.next, message);
        queue.next += 1;
        queue.notify.notify_waiters();
        answer
    }

    fn message(&self, queue: &Queue, checked: Checked, md5_body: [u8; 16]) -> Message {
        let clock: &Clock = &self.clock;
        let visibility = match checked.delay {
            0 => Visibility::Visible,
            delay => Visibility::Delayed(clock.deadline(delay as f64)),
        };
        let trace_header = match checked.system.get("AWSTraceHeader").map(|a| &a.value) {
            Some(md5::Value::String(text)) => Some(text.as_str().into()),
            _ => None,
        };
        let group = checked.group.map(|id| {
            Box::new(Group {
                id,
                dedup_id: checked.dedup_id,
                sequence: queue.fifo.then(|| fifo::sequence_number(queue.next)),
            })
        });
        Message {
            id: uuid::Uuid::new_v4(),
            body: checked.body,
            md5_body,
            attributes: checked.attributes,
            trace_header,
            sent: clock.now(),
            first_receive: None,
            receives: 0,
            visibility,
            receipt: None,
            expires: clock.deadline(queue.seconds("MessageRetentionPeriod") as f64),
            group,
            dead_letter_source: None,
        }
    }
}

/// The deduplication key of a FIFO message (none on a standard queue).
fn dedup_key(queue: &Queue, checked: &Checked) -> Option<String> {
    let id = checked.dedup_id.as_deref()?;
    let per_group = queue
        .attributes
        .get("DeduplicationScope")
        .is_some_and(|s| s == "messageGroup");
    Some(fifo::key(
        per_group,
        checked.group.as_deref().unwrap_or_default(),
        id,
    ))
}

fn outgoing_size(outgoing: &Outgoing) -> usize {
    let attributes = outgoing.message_attributes.iter();
    outgoing.message_body.len()
        + attributes
            .map(|(name, value)| name.len() + messages::raw_size(value))
            .sum::<usize>()
}

/// AWS's checks of one message for `queue`, in AWS's order.
fn check(queue: &Queue, outgoing: Outgoing) -> SqsResult<Checked> {
    let body = outgoing.message_body;
    if body.is_empty() {
        return Err(SqsError::MissingParameter(
            "The request must contain the parameter MessageBody.".into(),
        ));
    }
    if !body.chars().all(valid_char) {
        return Err(SqsError::InvalidMessageContents);
    }
    let attributes = messages::parse_attributes(outgoing.message_attributes)?;
    if let Some(name) = (outgoing.message_system_attributes.keys()).find(|n| *n != "AWSTraceHeader")
    {
        return Err(SqsError::InvalidParameterValue(format!(
            "Message system attribute name '{name}' is invalid."
        )));
    }
    let system = messages::parse_attributes(outgoing.message_system_attributes)?;
    let max = queue.seconds("MaximumMessageSize");
    if (body.len() + messages::size(&attributes)) as i64 > max {
        return Err(SqsError::InvalidParameterValue(format!(
            "One or more parameters are invalid. Reason: Message must be shorter than {max} bytes."
        )));
    }
    let delay = check_delay(queue, outgoing.delay_seconds.map(i64::from))?;
    let (group, dedup_id) = check_fifo(
        queue,
        &body,
        outgoing.message_group_id,
        outgoing.message_deduplication_id,
    )?;
    Ok(Checked {
        body,
        attributes,
        system,
        delay,
        group,
        dedup_id,
    })
}

/// A FIFO group, deduplication or receive attempt id: 1 to 128 ASCII letters, digits and
/// punctuation.
pub fn check_fifo_id(parameter: &str, id: &str) -> SqsResult<()> {
    let valid = (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic());
    match valid {
        true => Ok(()),
        false => Err(SqsError::InvalidParameterValue(format!(
            "Value {id} for parameter {parameter} is invalid. Reason: {parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length."
        ))),
    }
}

/// The characters SQS carries: XML's.
fn valid_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn check_delay(queue: &Queue, delay: Option<i64>) -> SqsResult<i64> {
    let invalid = |d: i64, reason: &str| {
        SqsError::InvalidParameterValue(format!(
            "Value {d} for parameter DelaySeconds is invalid. Reason: {reason}"
        ))
    };
    match delay {
        None => Ok(queue.seconds("DelaySeconds")),
        Some(d) if queue.fifo => Err(invalid(
            d,
            "The request include parameter that is not valid for this queue type.",
        )),
        Some(d) if !(0..=MAX_DELAY).contains(&d) => {
            Err(invalid(d, "DelaySeconds must be >= 0 and <= 900."))
        }
        Some(d) => Ok(d),
    }
}

/// A FIFO message's group (required) and deduplication id (given, or the body's hash with
/// content-based deduplication); a standard queue takes no deduplication id.
fn check_fifo(
    queue: &Queue,
    body: &str,
    group: Option<String>,
    dedup_id: Option<String>,
) -> SqsResult<(Option<String>, Option<String>)> {
    if !queue.fifo {
        if let Some(id) = dedup_id {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {id} for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type."
            )));
        }
        return Ok((group, None));
    }
    let Some(group) = group else {
        return Err(SqsError::MissingParameter(
            "The request must contain the parameter MessageGroupId.".into(),
        ));
    };
    check_fifo_id("MessageGroupId", &group)?;
    if let Some(id) = &dedup_id {
        check_fifo_id("MessageDeduplicationId", id)?;
    }
    let content_based = queue
        .attributes
        .get("ContentBasedDeduplication")
        .is_some_and(|v| v == "true");
    match (dedup_id, content_based) {
        (Some(id), _) => Ok((Some(group), Some(id))),
        (None, true) => Ok((Some(group), Some(fifo::content_id(body)))),
        (None, false) => Err(SqsError::InvalidParameterValue(
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly".into(),
        )),
    }
}
