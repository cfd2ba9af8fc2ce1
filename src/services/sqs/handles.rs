//! Receipt handles, and what they are for: deleting a received message and changing how long
//! it stays hidden. Only a message's latest handle acts on it; an older one deletes nothing
//! (and is not an error), as on AWS.

use super::batch;
use super::error::{SqsError, SqsResult};
use super::messages::Visibility;
use super::types::{
    ChangeMessageVisibilityBatchRequestEntry, ChangeMessageVisibilityBatchResult,
    ChangeMessageVisibilityBatchResultEntry, DeleteMessageBatchRequestEntry,
    DeleteMessageBatchResult, DeleteMessageBatchResultEntry,
};
use super::{Sqs, queue_name};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use time::OffsetDateTime;

/// The longest a message may stay hidden, in seconds (12 hours).
pub const MAX_VISIBILITY: i64 = 43_200;

/// A new handle for message `seq` of queue `queue`, received at `at`: opaque to clients,
/// unique per receive.
pub fn issue(queue: &str, seq: u64, at: OffsetDateTime) -> String {
    let nonce: u64 = rand::random();
    let millis = at.unix_timestamp_nanos() / 1_000_000;
    BASE64.encode(format!("{queue} {seq} {nonce:016x} {millis}"))
}

/// What a handle was issued for: the queue, the message, and when it was received.
#[derive(Debug, PartialEq, Eq)]
struct Issued {
    queue: String,
    seq: u64,
    received_ms: i128,
}

/// The queue and message a handle was issued for, and when.
fn parse(handle: &str) -> SqsResult<Issued> {
    let invalid = || SqsError::ReceiptHandleIsInvalid(handle.to_owned());
    let text = BASE64
        .decode(handle)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let text = text.ok_or_else(invalid)?;
    let mut parts = text.split(' ');
    match (
        parts.next(),
        parts.next().and_then(|s| s.parse().ok()),
        parts.next(),
        parts.next().and_then(|s| s.parse().ok()),
    ) {
        (Some(queue), Some(seq), Some(_), Some(received_ms)) => Ok(Issued {
            queue: queue.to_owned(),
            seq,
            received_ms,
        }),
        _ => Err(invalid()),
    }
}

/// Checks a visibility timeout's range.
pub fn check_visibility(seconds: i64) -> SqsResult<()> {
    match (0..=MAX_VISIBILITY).contains(&seconds) {
        true => Ok(()),
        false => Err(SqsError::InvalidParameterValue(format!(
            "Value {seconds} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and {MAX_VISIBILITY}, if provided."
        ))),
    }
}

/// A message stays hidden at most 12 hours from the receive that issued its handle.
fn check_total_visibility(issued: &Issued, now: OffsetDateTime, seconds: i64) -> SqsResult<()> {
    let now_ms = now.unix_timestamp_nanos() / 1_000_000;
    let total_ms = now_ms - issued.received_ms + i128::from(seconds) * 1000;
    match total_ms <= i128::from(MAX_VISIBILITY) * 1000 {
        true => Ok(()),
        false => Err(SqsError::InvalidParameterValue(format!(
            "Value {seconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [{MAX_VISIBILITY} seconds]"
        ))),
    }
}

/// A batch entry that names a receipt handle (and, to change visibility, a timeout).
#[derive(Debug)]
pub struct Entry {
    id: String,
    receipt_handle: String,
    visibility_timeout: Option<i32>,
}

impl From<DeleteMessageBatchRequestEntry> for Entry {
    fn from(entry: DeleteMessageBatchRequestEntry) -> Self {
        Entry {
            id: entry.id,
            receipt_handle: entry.receipt_handle,
            visibility_timeout: None,
        }
    }
}

impl From<ChangeMessageVisibilityBatchRequestEntry> for Entry {
    fn from(entry: ChangeMessageVisibilityBatchRequestEntry) -> Self {
        Entry {
            id: entry.id,
            receipt_handle: entry.receipt_handle,
            visibility_timeout: entry.visibility_timeout,
        }
    }
}

impl Sqs {
    /// DeleteMessage.
    pub fn delete_message(&self, url: &str, handle: &str) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let Issued { queue: of, seq, .. } = parse(handle)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        if of != name {
            return Err(SqsError::ReceiptHandleIsInvalid(handle.to_owned()));
        }
        if queue
            .messages
            .get(&seq)
            .is_some_and(|m| m.receipt.as_deref() == Some(handle))
        {
            queue.messages.remove(&seq);
        }
        Ok(())
    }

    /// ChangeMessageVisibility: hides a received message for `seconds` from now (0 makes it
    /// visible at once).
    pub fn change_visibility(&self, url: &str, handle: &str, seconds: i64) -> SqsResult<()> {
        check_visibility(seconds)?;
        let name = queue_name(url, &self.account)?;
        let issued = parse(handle)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        let not_in_flight = || {
            SqsError::InvalidParameterValue(format!(
                "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
            ))
        };
        if issued.queue != name {
            return Err(SqsError::ReceiptHandleIsInvalid(handle.to_owned()));
        }
        let message = (queue.messages.get_mut(&issued.seq)).ok_or_else(not_in_flight)?;
        if message.receipt.as_deref() != Some(handle) || !message.in_flight(&self.clock) {
            return Err(not_in_flight());
        }
        check_total_visibility(&issued, self.clock.now(), seconds)?;
        message.visibility = Visibility::InFlight(self.clock.deadline(seconds as f64));
        queue.notify.notify_waiters();
        Ok(())
    }

    /// DeleteMessageBatch.
    pub fn delete_message_batch(
        &self,
        url: &str,
        entries: &[Entry],
    ) -> SqsResult<DeleteMessageBatchResult> {
        self.queue_at(url)?;
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        batch::check_ids(&ids, "DeleteMessageBatchRequestEntry")?;
        let results = entries.iter().map(|entry| {
            let done = self.delete_message(url, &entry.receipt_handle);
            let id = entry.id.clone();
            (
                entry.id.clone(),
                done.map(|()| DeleteMessageBatchResultEntry { id }),
            )
        });
        let (successful, failed) = batch::split(results.collect());
        Ok(DeleteMessageBatchResult { successful, failed })
    }

    /// ChangeMessageVisibilityBatch.
    pub fn change_visibility_batch(
        &self,
        url: &str,
        entries: &[Entry],
    ) -> SqsResult<ChangeMessageVisibilityBatchResult> {
        self.queue_at(url)?;
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        batch::check_ids(&ids, "ChangeMessageVisibilityBatchRequestEntry")?;
        let results = entries.iter().map(|entry| {
            let seconds = entry.visibility_timeout.map_or(0, i64::from);
            let done = self.change_visibility(url, &entry.receipt_handle, seconds);
            let id = entry.id.clone();
            let done = done.map(|()| ChangeMessageVisibilityBatchResultEntry { id });
            (entry.id.clone(), done)
        });
        let (successful, failed) = batch::split(results.collect());
        Ok(ChangeMessageVisibilityBatchResult { successful, failed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_name_their_queue_and_message() {
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let handle = issue("orders", 42, at);
        let issued = Issued {
            queue: "orders".to_owned(),
            seq: 42,
            received_ms: 1_700_000_000_000,
        };
        assert_eq!(parse(&handle), Ok(issued));
        assert_ne!(
            issue("orders", 42, at),
            handle,
            "each receive gets its own handle"
        );
        assert_eq!(
            parse("nope"),
            Err(SqsError::ReceiptHandleIsInvalid("nope".into()))
        );
    }
}
