//! SQS: queues and their messages, one service for both wire protocols (awsJson, which current
//! SDKs speak, and the query protocol of older ones, whose members have the same names).
//!
//! All state sits behind one mutex, never held across an await: a long poll waits on its
//! queue's [`tokio::sync::Notify`] and on a deadline of the clock, then takes the lock again.
//! Every timer (delays, visibility timeouts, retention, long polls, the FIFO deduplication
//! window) is a deadline of the server's clock, so a manual clock governs queues too.

mod attributes;
mod batch;
mod error;
mod fifo;
mod handles;
mod listing;
mod md5;
mod messages;
mod moves;
mod peek;
mod permissions;
mod queues;
mod receive;
mod send;
mod service;
mod types;

#[cfg(test)]
mod tests;

pub use error::{SqsError, SqsResult};

use crate::clock::{Clock, Deadline};
use queues::Queue;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// Where the queue URLs the service answers point when no server address is known.
pub const DEFAULT_ENDPOINT: &str = "http://localhost:8083";

/// The SQS fake.
#[derive(Debug)]
pub struct Sqs {
    state: Arc<Mutex<State>>,
    clock: Clock,
    region: String,
    account: String,
    /// The scheme, host and port of queue URLs (`http://localhost:8083`).
    endpoint: RwLock<String>,
}

/// Every queue, by name, and what outlives a queue for a while.
#[derive(Debug, Default)]
struct State {
    queues: BTreeMap<String, Queue>,
    /// Names of deleted queues, until a queue of the same name may be created again.
    deleted: BTreeMap<String, Deadline>,
    /// Message move tasks, oldest first.
    moves: Vec<moves::MoveTask>,
}

impl Sqs {
    /// An SQS without queues, minting ARNs in `region` and `account`.
    pub fn new(region: String, account: String, clock: Clock) -> Self {
        Sqs {
            state: Arc::default(),
            clock,
            region,
            account,
            endpoint: RwLock::new(DEFAULT_ENDPOINT.to_owned()),
        }
    }

    /// Makes queue URLs point at `endpoint` (the server's address, `http://127.0.0.1:8083`).
    pub fn set_endpoint(&self, endpoint: String) {
        *self.endpoint.write().unwrap_or_else(|p| p.into_inner()) = endpoint;
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The URL of the queue called `name`, on the host the request addressed (so URLs work
    /// from wherever the client reaches the server: a container's name, a mapped port), or
    /// on the server's own address for calls made in process.
    fn url(&self, host: Option<&str>, name: &str) -> String {
        let endpoint = self.endpoint.read().unwrap_or_else(|p| p.into_inner());
        let base = match host {
            Some(host) => format!("http://{host}"),
            None => endpoint.trim_end_matches('/').to_owned(),
        };
        format!("{base}/{}/{name}", self.account)
    }

    /// The ARN of the queue called `name`.
    fn arn(&self, name: &str) -> String {
        format!("arn:aws:sqs:{}:{}:{name}", self.region, self.account)
    }
}

/// The queue name a queue URL ends with. Any host is accepted, since clients reach the server
/// by many names (`localhost`, a container's name); the account must be the server's.
fn queue_name<'u>(url: &'u str, account: &str) -> SqsResult<&'u str> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let mut parts = path.rsplit('/');
    let (Some(name), Some(owner)) = (parts.next(), parts.next()) else {
        return Err(SqsError::QueueDoesNotExist);
    };
    match owner == account && !name.is_empty() {
        true => Ok(name),
        false => Err(SqsError::QueueDoesNotExist),
    }
}

impl State {
    fn queue(&self, name: &str) -> SqsResult<&Queue> {
        self.queues.get(name).ok_or(SqsError::QueueDoesNotExist)
    }

    fn queue_mut(&mut self, name: &str) -> SqsResult<&mut Queue> {
        self.queues.get_mut(name).ok_or(SqsError::QueueDoesNotExist)
    }
}
