//! Publish and PublishBatch: messages checked as AWS checks them, FIFO topics' group,
//! deduplication and sequence rules, and a delivery job per confirmed subscription.

use super::endpoints::push_target;
use super::error::{NO_TOPIC, SnsError, SnsResult};
use super::messages::{MAX_SIZE, Message, Outgoing};
use super::outbox::Job;
use super::subscriptions::{Protocol, Subscription, is_phone_number};
use super::topics::{Topic, checked_arn};
use super::types::{
    BatchResultErrorEntry, PublishBatchInput, PublishBatchRequestEntry, PublishBatchResponse,
    PublishBatchResultEntry, PublishInput, PublishResponse,
};
use super::{Sns, State};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The most entries a batch takes.
const MAX_BATCH: usize = 10;

/// Where a Publish goes.
enum Destination {
    Topic(String),
    Phone(String),
    /// A mobile platform endpoint's ARN.
    Endpoint(String),
}

impl From<PublishBatchRequestEntry> for Outgoing {
    fn from(entry: PublishBatchRequestEntry) -> Outgoing {
        Outgoing {
            message: entry.message,
            subject: entry.subject,
            structure: entry.message_structure,
            attributes: entry.message_attributes.unwrap_or_default(),
            group_id: entry.message_group_id,
            dedup_id: entry.message_deduplication_id,
        }
    }
}

impl Sns {
    /// Publish: to a topic (`TopicArn`, or `TargetArn` naming one) or a phone number.
    pub(super) fn publish(&self, input: PublishInput) -> SnsResult<PublishResponse> {
        let destination = self.destination(&input)?;
        let outgoing = Outgoing {
            message: input.message,
            subject: input.subject,
            structure: input.message_structure,
            attributes: input.message_attributes.unwrap_or_default(),
            group_id: input.message_group_id,
            dedup_id: input.message_deduplication_id,
        };
        let per_protocol = outgoing.checked(None)?;
        let arn = match destination {
            Destination::Phone(number) => {
                let message = Arc::new(self.message(outgoing, per_protocol));
                let id = message.id.clone();
                return Ok(self.send_direct(id, Job::Sms { number, message }));
            }
            Destination::Endpoint(endpoint) => {
                let key = push_target(&self.state(), &endpoint)?.as_str();
                let message = Arc::new(self.message(outgoing, per_protocol));
                let id = message.id.clone();
                let job = Job::Push {
                    endpoint,
                    key,
                    message,
                };
                return Ok(self.send_direct(id, job));
            }
            Destination::Topic(arn) => arn,
        };
        let mut state = self.state();
        let topic = state.topics.get(&arn).ok_or(NO_TOPIC)?;
        let outgoing = fifo_rules(topic, outgoing)?;
        let (id, sequence) = self.accept(&mut state, &arn, outgoing, per_protocol)?;
        Ok(PublishResponse {
            message_id: Some(id),
            sequence_number: sequence,
        })
    }

    /// Queues the job of message `id`, published to a phone number or an endpoint; answers
    /// as Publish does.
    fn send_direct(&self, id: String, job: Job) -> PublishResponse {
        self.outbox.send(job);
        PublishResponse {
            message_id: Some(id),
            sequence_number: None,
        }
    }

    fn destination(&self, input: &PublishInput) -> SnsResult<Destination> {
        if let Some(number) = input
            .phone_number
            .as_deref()
            .filter(|_| input.topic_arn.is_none() && input.target_arn.is_none())
        {
            return match is_phone_number(number) {
                true => Ok(Destination::Phone(number.to_owned())),
                false => Err(SnsError::invalid(format!(
                    "PhoneNumber Reason: {number} is not valid to publish to"
                ))),
            };
        }
        let (arn, param) = match (&input.topic_arn, &input.target_arn) {
            (Some(arn), _) => (arn, "TopicArn"),
            (None, Some(arn)) => (arn, "TargetArn"),
            (None, None) => {
                return Err(SnsError::invalid(
                    "TopicArn or TargetArn Reason: no value for required parameter",
                ));
            }
        };
        if input.target_arn.is_some() && arn.contains(":endpoint/") {
            return Ok(Destination::Endpoint(arn.clone()));
        }
        checked_arn(arn, param, &self.region).map(|a| Destination::Topic(a.to_owned()))
    }

    /// PublishBatch: up to ten messages to one topic; entries that fail their checks are
    /// answered in `Failed`, the others sent.
    pub(super) fn publish_batch(
        &self,
        input: PublishBatchInput,
    ) -> SnsResult<PublishBatchResponse> {
        let entries = input.publish_batch_request_entries;
        check_batch(&entries)?;
        checked_arn(&input.topic_arn, "TopicArn", &self.region)?;
        let mut state = self.state();
        state.topics.get(&input.topic_arn).ok_or(NO_TOPIC)?;
        let (mut successful, mut failed) = (Vec::new(), Vec::new());
        for (position, entry) in entries.into_iter().enumerate() {
            let id = entry.id.clone();
            match self.batch_entry(&mut state, &input.topic_arn, entry, position + 1) {
                Ok((message_id, sequence_number)) => successful.push(PublishBatchResultEntry {
                    id: Some(id),
                    message_id: Some(message_id),
                    sequence_number,
                }),
                Err(error) => failed.push(BatchResultErrorEntry {
                    id,
                    code: error.code().trim_end_matches("Exception").to_owned(),
                    message: Some(error.to_string()),
                    sender_fault: true,
                }),
            }
        }
        Ok(PublishBatchResponse {
            successful: Some(successful),
            failed: Some(failed),
        })
    }

    fn batch_entry(
        &self,
        state: &mut State,
        arn: &str,
        entry: PublishBatchRequestEntry,
        position: usize,
    ) -> SnsResult<(String, Option<String>)> {
        let outgoing = Outgoing::from(entry);
        let per_protocol = outgoing.checked(Some(position))?;
        let topic = state.topics.get(arn).ok_or(NO_TOPIC)?;
        let outgoing = fifo_rules(topic, outgoing)?;
        self.accept(state, arn, outgoing, per_protocol)
    }

    /// Takes a checked message into topic `arn`: deduplicates and numbers it on a FIFO topic
    /// and queues a delivery to each confirmed subscription. Answers its id and number.
    fn accept(
        &self,
        state: &mut State,
        arn: &str,
        outgoing: Outgoing,
        per_protocol: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> SnsResult<(String, Option<String>)> {
        let now = self.clock.now();
        let topic = state.topics.get_mut(arn).ok_or(NO_TOPIC)?;
        let mut message = self.message(outgoing, per_protocol);
        if topic.fifo() {
            let dedup = message.dedup_id.clone().unwrap_or_default();
            let sequence = topic.next_sequence();
            // A duplicate within the window is accepted and not delivered again.
            if let Some(earlier) = topic.deduplicate(&dedup, &message.id, now) {
                return Ok((earlier, Some(sequence)));
            }
            message.sequence = Some(sequence);
        }
        let topic_attributes = topic.attributes.clone();
        let message = Arc::new(message);
        // A disabled (or deleted) mobile endpoint gets nothing, as on AWS.
        let reachable = |s: &&Subscription| {
            s.protocol != Protocol::Application
                || state
                    .endpoints
                    .get(&s.endpoint)
                    .is_some_and(|e| e.enabled())
        };
        let confirmed = state
            .subscriptions
            .values()
            .filter(|s| s.topic_arn == arn && !s.pending)
            .filter(reachable);
        for subscription in confirmed {
            let target = subscription.target(&topic_attributes);
            self.outbox.send(Job::Notification(target, message.clone()));
        }
        Ok((message.id.clone(), message.sequence.clone()))
    }

    fn message(
        &self,
        outgoing: Outgoing,
        per_protocol: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Message {
        Message {
            id: uuid::Uuid::new_v4().to_string(),
            default: match &per_protocol {
                Some(messages) => messages["default"].as_str().unwrap_or_default().to_owned(),
                None => outgoing.message,
            },
            per_protocol,
            subject: outgoing.subject,
            attributes: outgoing.attributes,
            group_id: outgoing.group_id,
            dedup_id: outgoing.dedup_id,
            sequence: None,
            timestamp: self.clock.now(),
        }
    }
}

/// The FIFO rules: a FIFO topic needs a group id and a deduplication id (given, or the
/// SHA-256 of the message with content-based deduplication); a standard topic takes no
/// deduplication id.
fn fifo_rules(topic: &Topic, mut outgoing: Outgoing) -> SnsResult<Outgoing> {
    if !topic.fifo() {
        return match outgoing.dedup_id {
            Some(_) => Err(SnsError::invalid(
                "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
            )),
            None => Ok(outgoing),
        };
    }
    if outgoing.group_id.as_deref().is_none_or(str::is_empty) {
        return Err(SnsError::invalid(
            "The MessageGroupId parameter is required for FIFO topics",
        ));
    }
    if outgoing.dedup_id.is_none() {
        if !topic.content_based_deduplication() {
            return Err(SnsError::invalid(
                "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
            ));
        }
        let digest = Sha256::digest(outgoing.message.as_bytes());
        outgoing.dedup_id = Some(digest.iter().map(|b| format!("{b:02x}")).collect());
    }
    Ok(outgoing)
}

/// The batch's own rules: one to ten entries, distinct and valid ids, 256 KiB in all.
fn check_batch(entries: &[PublishBatchRequestEntry]) -> SnsResult<()> {
    if entries.is_empty() {
        return Err(SnsError::EmptyBatchRequest);
    }
    if entries.len() > MAX_BATCH {
        return Err(SnsError::TooManyEntriesInBatchRequest);
    }
    let mut ids = BTreeSet::new();
    for entry in entries {
        if !ids.insert(entry.id.as_str()) {
            return Err(SnsError::BatchEntryIdsNotDistinct);
        }
        let valid = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if entry.id.is_empty() || entry.id.len() > 80 || !entry.id.bytes().all(valid) {
            return Err(SnsError::InvalidBatchEntryId);
        }
    }
    let total: usize = entries
        .iter()
        .map(|e| Outgoing::from(e.clone()).size())
        .sum();
    match total > MAX_SIZE {
        true => Err(SnsError::BatchRequestTooLong),
        false => Ok(()),
    }
}
