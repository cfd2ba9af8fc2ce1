//! FIFO queues' deduplication: a message whose deduplication id was sent in the last five
//! minutes is accepted but not enqueued again, and answers the first one's id and sequence
//! number. Per queue, or per message group when `DeduplicationScope` is `messageGroup`.

use super::types::Message;
use crate::clock::{Clock, Deadline};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};

/// How long a deduplication id is remembered, in seconds.
const WINDOW: f64 = 300.0;

/// What a deduplication id was first sent as.
#[derive(Debug, Clone)]
pub struct First {
    /// The message id answered.
    pub message_id: String,
    /// Its sequence number.
    pub sequence: String,
    expires: Deadline,
}

/// The deduplication ids of the last five minutes; entries older than that are swept out, so
/// the map holds at most what five minutes of sends add.
#[derive(Debug, Default)]
pub struct Dedup {
    recent: HashMap<String, First>,
    /// The keys in the order they were remembered, which is the order their windows end in.
    order: VecDeque<(Deadline, String)>,
}

impl Dedup {
    /// Forgets the ids whose window has ended, oldest first.
    pub fn sweep(&mut self, clock: &Clock) {
        while let Some((expires, key)) = self.order.front() {
            if !clock.is_due(*expires) {
                break;
            }
            if self.recent.get(key).is_some_and(|f| f.expires == *expires) {
                self.recent.remove(key);
            }
            self.order.pop_front();
        }
    }

    /// The first message sent under `key` in the window.
    pub fn find(&self, key: &str, clock: &Clock) -> Option<&First> {
        self.recent.get(key).filter(|f| !clock.is_due(f.expires))
    }

    /// Remembers `key` for the window.
    pub fn remember(&mut self, key: String, message_id: String, sequence: String, clock: &Clock) {
        let expires = clock.deadline(WINDOW);
        self.order.push_back((expires, key.clone()));
        self.recent.insert(
            key,
            First {
                message_id,
                sequence,
                expires,
            },
        );
    }
}

/// The key a deduplication id is remembered under: the id, within its group when the scope
/// is the message group.
pub fn key(per_group: bool, group: &str, id: &str) -> String {
    match per_group {
        true => format!("{group}\u{0}{id}"),
        false => id.to_owned(),
    }
}

/// Content-based deduplication's id: the SHA-256 of the body, in hex.
pub fn content_id(body: &str) -> String {
    Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A sequence number as AWS writes them: a large decimal number, growing with each message.
pub fn sequence_number(n: u64) -> String {
    format!("{:020}", 18_000_000_000_000_000_000u64.saturating_add(n))
}

/// What a FIFO receive answered, kept for the five minutes in which a retry with the same
/// `ReceiveRequestAttemptId` gets the same messages and receipt handles back.
#[derive(Debug)]
pub struct Attempt {
    /// The messages as answered, with the sequence numbers they have in the queue.
    pub messages: Vec<(u64, Message)>,
    expires: Deadline,
}

/// The receive attempts of the last five minutes.
#[derive(Debug, Default)]
pub struct Attempts {
    recent: HashMap<String, Attempt>,
}

impl Attempts {
    /// Forgets attempts whose window has ended.
    pub fn sweep(&mut self, clock: &Clock) {
        self.recent
            .retain(|_, attempt| !clock.is_due(attempt.expires));
    }

    /// The receive answered under `id` in the window.
    pub fn find(&self, id: &str, clock: &Clock) -> Option<&Attempt> {
        self.recent.get(id).filter(|a| !clock.is_due(a.expires))
    }

    /// Remembers what a receive under `id` answered.
    pub fn remember(&mut self, id: String, messages: Vec<(u64, Message)>, clock: &Clock) {
        let expires = clock.deadline(WINDOW);
        self.recent.insert(id, Attempt { messages, expires });
    }
}
