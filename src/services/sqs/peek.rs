//! A read-only look at a queue's messages, for the console and tests
//! (`GET /_stepstone/sqs/messages?queueUrl=`): SQS has no such call, and a receive would hide
//! the messages from the workflow's consumers. Nothing about a message changes when it is
//! looked at.

use super::error::SqsResult;
use super::md5;
use super::messages::{Message, render_attributes};
use super::{Sqs, queue_name};
use crate::clock::Clock;
use serde_json::{Value, json};
use time::OffsetDateTime;

/// The most messages one look shows.
const SHOWN: usize = 100;

impl Sqs {
    /// The first messages of the queue at `url`, in the order a receive would consider them,
    /// each with where it stands (`visible`, `inFlight`, `delayed`), and the queue's count.
    pub fn peek(&self, url: &str) -> SqsResult<Value> {
        let name = queue_name(url, &self.account)?;
        let state = self.state();
        let queue = state.queue(name)?;
        let live = queue
            .messages
            .values()
            .filter(|m| !self.clock.is_due(m.expires));
        let messages: Vec<Value> = live
            .clone()
            .take(SHOWN)
            .map(|m| shown(m, &self.clock))
            .collect();
        Ok(json!({ "messages": messages, "total": live.count() }))
    }
}

fn shown(message: &Message, clock: &Clock) -> Value {
    let millis = |t: OffsetDateTime| (t.unix_timestamp_nanos() / 1_000_000) as i64;
    let standing = match (message.in_flight(clock), message.delayed(clock)) {
        (true, _) => "inFlight",
        (_, true) => "delayed",
        _ => "visible",
    };
    json!({
        "messageId": message.id.to_string(),
        "body": message.body,
        "md5OfBody": md5::hex(&message.md5_body),
        "messageAttributes": render_attributes(&message.attributes),
        "sentTimestamp": millis(message.sent),
        "receiveCount": message.receives,
        "state": standing,
        "messageGroupId": message.group.as_ref().map(|g| g.id.clone()),
    })
}
