//! Receipt handles, and what they are for: deleting a received message and changing how long
//! it stays hidden. Only a message's latest handle acts on it; an older one deletes nothing
//! (and is not an error), as on AWS.

use super::batch;
use super::error::{SqsError, SqsResult};
use super::messages::Visibility;
use super::{Sqs, queue_name};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

/// The longest a message may stay hidden, in seconds (12 hours).
pub const MAX_VISIBILITY: i64 = 43_200;

/// A new handle for message `seq` of queue `queue`: opaque to clients, unique per receive.
pub fn issue(queue: &str, seq: u64) -> String {
    let nonce: u64 = rand::random();
    BASE64.encode(format!("{queue} {seq} {nonce:016x}"))
}

/// The queue and message a handle was issued for.
fn parse(handle: &str) -> SqsResult<(String, u64)> {
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
    ) {
        (Some(queue), Some(seq), Some(_)) => Ok((queue.to_owned(), seq)),
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

/// A batch entry that names a receipt handle (and, to change visibility, a timeout).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Entry {
    id: String,
    receipt_handle: String,
    visibility_timeout: Option<i64>,
}

impl Sqs {
    /// DeleteMessage.
    pub fn delete_message(&self, url: &str, handle: &str) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let (queue_of, seq) = parse(handle)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        if queue_of != name {
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
        let (queue_of, seq) = parse(handle)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        let not_in_flight = || {
            SqsError::InvalidParameterValue(format!(
                "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
            ))
        };
        if queue_of != name {
            return Err(SqsError::ReceiptHandleIsInvalid(handle.to_owned()));
        }
        let message = queue.messages.get_mut(&seq).ok_or_else(not_in_flight)?;
        if message.receipt.as_deref() != Some(handle) || !message.in_flight(&self.clock) {
            return Err(not_in_flight());
        }
        message.visibility = Visibility::InFlight(self.clock.deadline(seconds as f64));
        queue.notify.notify_waiters();
        Ok(())
    }

    /// DeleteMessageBatch.
    pub fn delete_message_batch(&self, url: &str, entries: &[Entry]) -> SqsResult<Value> {
        self.queue_at(url)?;
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        batch::check_ids(&ids, "DeleteMessageBatchRequestEntry")?;
        let results = entries.iter().map(|entry| {
            let done = self.delete_message(url, &entry.receipt_handle);
            (entry.id.clone(), done.map(|()| json!({"Id": entry.id})))
        });
        Ok(batch::answer(results.collect()))
    }

    /// ChangeMessageVisibilityBatch.
    pub fn change_visibility_batch(&self, url: &str, entries: &[Entry]) -> SqsResult<Value> {
        self.queue_at(url)?;
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        batch::check_ids(&ids, "ChangeMessageVisibilityBatchRequestEntry")?;
        let results = entries.iter().map(|entry| {
            let seconds = entry.visibility_timeout.unwrap_or(0);
            let done = self.change_visibility(url, &entry.receipt_handle, seconds);
            (entry.id.clone(), done.map(|()| json!({"Id": entry.id})))
        });
        Ok(batch::answer(results.collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_name_their_queue_and_message() {
        let handle = issue("orders", 42);
        assert_eq!(parse(&handle), Ok(("orders".to_owned(), 42)));
        assert_ne!(
            issue("orders", 42),
            handle,
            "each receive gets its own handle"
        );
        assert_eq!(
            parse("nope"),
            Err(SqsError::ReceiptHandleIsInvalid("nope".into()))
        );
    }
}
