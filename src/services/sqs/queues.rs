//! Queues: creating (idempotently), finding, listing, deleting and purging them, their
//! attributes (set, and computed: ARN, dates, live message counts) and their tags.

use super::attributes::{self, Attributes};
use super::error::{SqsError, SqsResult};
use super::fifo::{self, Dedup};
use super::messages::Message;
use super::{Sqs, moves, queue_name};
use crate::clock::{Clock, Deadline};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// Seconds between two purges of a queue, as AWS allows them.
const PURGE_INTERVAL: f64 = 60.0;

/// Seconds after a queue's deletion before its name may be used again.
const REUSE_DELAY: f64 = 60.0;

/// One queue and its messages.
#[derive(Debug)]
pub struct Queue {
    /// Its name (`orders`, `orders.fifo`).
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// Whether it is a FIFO queue.
    pub fifo: bool,
    /// The attributes callers set, with AWS's defaults.
    pub attributes: Attributes,
    /// Its tags.
    pub tags: BTreeMap<String, String>,
    created: OffsetDateTime,
    modified: OffsetDateTime,
    /// Messages by the order they were sent in.
    pub messages: BTreeMap<u64, Message>,
    /// The number the next message gets.
    pub next: u64,
    /// Woken whenever a message may have become receivable (sent, returned, queue deleted).
    pub notify: Arc<Notify>,
    /// FIFO: recent deduplication ids.
    pub dedup: Dedup,
    purge_ends: Option<Deadline>,
    /// FIFO: what recent receives answered, by their `ReceiveRequestAttemptId`.
    pub attempts: fifo::Attempts,
}

/// Message counts for the `ApproximateNumberOfMessages*` attributes.
struct Counts {
    visible: usize,
    in_flight: usize,
    delayed: usize,
}

impl Queue {
    /// Drops the messages whose retention period has ended.
    ///
    /// Messages expire in about the order they were sent, so this pops expired ones off the
    /// front, at a cost that does not grow with the queue; the few that expire out of order
    /// (after the retention period was shortened, or moved to a dead-letter queue) are
    /// skipped by receives and counts until they reach the front.
    pub fn sweep(&mut self, clock: &Clock) {
        while let Some(entry) = self.messages.first_entry() {
            if !clock.is_due(entry.get().expires) {
                break;
            }
            entry.remove();
        }
        self.dedup.sweep(clock);
        self.attempts.sweep(clock);
    }

    fn counts(&self, clock: &Clock) -> Counts {
        let mut counts = Counts {
            visible: 0,
            in_flight: 0,
            delayed: 0,
        };
        for message in self.messages.values().filter(|m| !clock.is_due(m.expires)) {
            match (message.in_flight(clock), message.delayed(clock)) {
                (true, _) => counts.in_flight += 1,
                (_, true) => counts.delayed += 1,
                _ => counts.visible += 1,
            }
        }
        counts
    }

    /// The first time a hidden message becomes visible.
    pub fn next_change(&self, clock: &Clock) -> Option<Deadline> {
        self.messages
            .values()
            .filter_map(|m| m.hidden_until(clock))
            .min()
    }

    /// A number of seconds the queue's attribute `name` holds.
    pub fn seconds(&self, name: &str) -> i64 {
        attributes::number(&self.attributes, name)
    }
}

/// Checks a queue name: AWS's characters and length, and `.fifo` exactly for FIFO queues.
fn check_name(name: &str, fifo: bool) -> SqsResult<()> {
    let base = match fifo {
        true => name.strip_suffix(".fifo"),
        false => Some(name),
    };
    let valid = base.is_some_and(|base| {
        !base.is_empty()
            && name.len() <= 80
            && base
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    match (valid, fifo) {
        (true, _) => Ok(()),
        (false, true) => Err(SqsError::InvalidParameterValue(
            "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.".into(),
        )),
        (false, false) => Err(SqsError::InvalidParameterValue(
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".into(),
        )),
    }
}

impl Sqs {
    /// CreateQueue: the queue's name, for its URL. Creating a queue that exists with the same attributes
    /// answers its URL; with a different value for one, `QueueNameExists`.
    pub fn create_queue(
        &self,
        name: &str,
        mut requested: Attributes,
        tags: BTreeMap<String, String>,
    ) -> SqsResult<String> {
        let fifo = requested.get("FifoQueue").is_some_and(|v| v == "true");
        check_name(name, fifo)?;
        let mut state = self.state();
        state.deleted.retain(|_, until| !self.clock.is_due(*until));
        if state.deleted.contains_key(name) {
            return Err(SqsError::QueueDeletedRecently);
        }
        let dead_letter = |arn: &str| state.queues.values().find(|q| q.arn == arn).map(|q| q.fifo);
        attributes::check(&requested, fifo, &dead_letter)?;
        if !fifo {
            requested.remove("FifoQueue");
        }
        if let Some(queue) = state.queues.get(name) {
            let differs = requested
                .iter()
                .find(|(k, v)| queue.attributes.get(*k) != Some(v));
            return match differs {
                Some((attribute, _)) => Err(SqsError::QueueNameExists(attribute.clone())),
                None => Ok(name.to_owned()),
            };
        }
        let mut attributes = attributes::defaults(fifo);
        attributes.extend(requested);
        let now = self.clock.now();
        let queue = Queue {
            name: name.to_owned(),
            arn: self.arn(name),
            fifo,
            attributes,
            tags,
            created: now,
            modified: now,
            messages: BTreeMap::new(),
            next: 1,
            notify: Arc::default(),
            dedup: Dedup::default(),
            attempts: fifo::Attempts::default(),
            purge_ends: None,
        };
        state.queues.insert(name.to_owned(), queue);
        Ok(name.to_owned())
    }

    /// GetQueueUrl: the queue's name, for its URL, once it is known to exist.
    pub fn get_queue_url(&self, name: &str) -> SqsResult<String> {
        self.state().queue(name)?;
        Ok(name.to_owned())
    }

    /// The name of the queue at `url`, which must exist.
    pub fn queue_at<'u>(&self, url: &'u str) -> SqsResult<&'u str> {
        let name = queue_name(url, &self.account)?;
        self.state().queue(name)?;
        Ok(name)
    }

    /// DeleteQueue: its messages go with it, and long polls on it end.
    pub fn delete_queue(&self, url: &str) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let queue = state
            .queues
            .remove(name)
            .ok_or(SqsError::QueueDoesNotExist)?;
        let until = self.clock.deadline(REUSE_DELAY);
        state.deleted.insert(name.to_owned(), until);
        queue.notify.notify_waiters();
        Ok(())
    }

    /// PurgeQueue: drops every message, at most once a minute.
    pub fn purge_queue(&self, url: &str) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        if queue.purge_ends.is_some_and(|end| !self.clock.is_due(end)) {
            return Err(SqsError::PurgeQueueInProgress(queue.arn.clone()));
        }
        queue.purge_ends = Some(self.clock.deadline(PURGE_INTERVAL));
        queue.messages.clear();
        Ok(())
    }

    /// GetQueueAttributes: those of `names` the queue has (`All`: every one).
    pub fn get_queue_attributes(&self, url: &str, names: &[String]) -> SqsResult<Attributes> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        queue.sweep(&self.clock);
        if let Some(unknown) = names.iter().find(|n| !attributes::readable(n)) {
            return Err(SqsError::InvalidAttributeName(unknown.clone()));
        }
        let all = names.iter().any(|n| n == "All");
        let mut attributes = queue.attributes.clone();
        attributes.extend(computed(queue, &self.clock));
        attributes.retain(|k, _| all || names.contains(k));
        Ok(attributes)
    }

    /// SetQueueAttributes: all or nothing.
    pub fn set_queue_attributes(&self, url: &str, requested: Attributes) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let fifo = state.queue(name)?.fifo;
        let dead_letter = |arn: &str| state.queues.values().find(|q| q.arn == arn).map(|q| q.fifo);
        attributes::check(&requested, fifo, &dead_letter)?;
        if requested
            .get("FifoQueue")
            .is_some_and(|v| (v == "true") != fifo)
        {
            return Err(SqsError::InvalidAttributeValue(
                "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.".into(),
            ));
        }
        let queue = state.queue_mut(name)?;
        for (attribute, value) in requested {
            match value.is_empty() && attribute == "RedrivePolicy" {
                true => queue.attributes.remove(&attribute),
                false => queue.attributes.insert(attribute, value),
            };
        }
        queue.modified = self.clock.now();
        queue.notify.notify_waiters();
        Ok(())
    }

    /// TagQueue.
    pub fn tag_queue(&self, url: &str, tags: BTreeMap<String, String>) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        self.state().queue_mut(name)?.tags.extend(tags);
        Ok(())
    }

    /// UntagQueue.
    pub fn untag_queue(&self, url: &str, keys: &[String]) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let tags = &mut state.queue_mut(name)?.tags;
        keys.iter().for_each(|k| {
            tags.remove(k);
        });
        Ok(())
    }

    /// ListQueueTags.
    pub fn list_queue_tags(&self, url: &str) -> SqsResult<BTreeMap<String, String>> {
        let name = queue_name(url, &self.account)?;
        Ok(self.state().queue(name)?.tags.clone())
    }

    /// Forgets every queue (and the names of deleted ones, and move tasks), ending their
    /// long polls; answers how many queues there were.
    pub fn clear(&self) -> usize {
        let state = std::mem::take(&mut *self.state());
        state
            .queues
            .values()
            .for_each(|q| q.notify.notify_waiters());
        state.moves.iter().for_each(moves::MoveTask::stop);
        state.queues.len()
    }
}

/// The attributes SQS computes: ARN, dates (epoch seconds) and live message counts.
fn computed(queue: &Queue, clock: &Clock) -> Attributes {
    let counts = queue.counts(clock);
    [
        ("QueueArn", queue.arn.clone()),
        ("ApproximateNumberOfMessages", counts.visible.to_string()),
        (
            "ApproximateNumberOfMessagesNotVisible",
            counts.in_flight.to_string(),
        ),
        (
            "ApproximateNumberOfMessagesDelayed",
            counts.delayed.to_string(),
        ),
        (
            "CreatedTimestamp",
            queue.created.unix_timestamp().to_string(),
        ),
        (
            "LastModifiedTimestamp",
            queue.modified.unix_timestamp().to_string(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}
