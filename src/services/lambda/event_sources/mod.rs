//! Event source mappings from SQS queues, as Lambda runs them: the control operations
//! (`operations.rs`, checked by `check.rs`), and one poller per enabled mapping
//! (`poller.rs`) that long-polls its queue through the service seam (`queue.rs`), drops the
//! messages its filters (`filters.rs`) refuse, invokes the function with the SQS event
//! (`event.rs`) and deletes what the function handled.

mod check;
mod config;
mod event;
mod filters;
mod operations;
mod poller;
mod queue;
#[cfg(test)]
mod tests;

pub use config::{Mapping, MappingRequest, QueueArn};

use queue::Queue;
use std::collections::BTreeMap;

/// The mappings by UUID. Each enabled one holds the sender its poller watches: dropping the
/// entry (delete, reset, or the service going away) stops the poller.
#[derive(Debug, Default)]
pub struct Mappings {
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    mapping: Mapping,
    queue: Queue,
    /// Present while a poller runs; its receiver sees the drop.
    _poller: Option<poller::Stop>,
}

impl Mappings {
    /// How many mappings there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
