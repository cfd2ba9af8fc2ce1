//! ReceiveMessage: which messages a receive takes (visible ones, in order; on FIFO queues
//! only the head of each group not blocked by a message in flight), moving those received
//! too often to the dead-letter queue, and long polls that answer as soon as a message
//! becomes visible.

use super::attributes::Redrive;
use super::error::{SqsError, SqsResult};
use super::handles::{self, check_visibility};
use super::queues::Queue;
use super::types::{Message, ReceiveMessageRequest, ReceiveMessageResult};
use super::{Sqs, State, queue_name};
use crate::clock::{Clock, Deadline};

use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::Notify;

/// The longest long poll, in seconds.
const MAX_WAIT: i64 = 20;

/// The most messages one receive answers.
const MAX_MESSAGES: i64 = 10;

/// The most messages a queue may have in flight: AWS's quota, which also bounds the receipt
/// state a queue holds.
const MAX_IN_FLIGHT: usize = 120_000;

/// ReceiveMessage's input, as far as the fake reads it.
#[derive(Debug, Default)]
pub struct Receive {
    attribute_names: Vec<String>,
    message_system_attribute_names: Vec<String>,
    message_attribute_names: Vec<String>,
    max_number_of_messages: Option<i64>,
    visibility_timeout: Option<i64>,
    wait_time_seconds: Option<i64>,
    receive_request_attempt_id: Option<String>,
}

impl From<ReceiveMessageRequest> for Receive {
    fn from(request: ReceiveMessageRequest) -> Self {
        Receive {
            attribute_names: request.attribute_names.unwrap_or_default(),
            message_system_attribute_names: request
                .message_system_attribute_names
                .unwrap_or_default(),
            message_attribute_names: request.message_attribute_names.unwrap_or_default(),
            max_number_of_messages: request.max_number_of_messages.map(i64::from),
            visibility_timeout: request.visibility_timeout.map(i64::from),
            wait_time_seconds: request.wait_time_seconds.map(i64::from),
            receive_request_attempt_id: request.receive_request_attempt_id,
        }
    }
}

/// What one look at the queue found.
struct Taken {
    messages: Vec<Message>,
    /// When a hidden message next becomes visible.
    next_change: Option<Deadline>,
}

impl Receive {
    fn check(&self) -> SqsResult<()> {
        let out_of_range = |name: &str, value: i64, reason: &str| {
            SqsError::InvalidParameterValue(format!(
                "Value {value} for parameter {name} is invalid. Reason: {reason}"
            ))
        };
        if let Some(n) = self
            .max_number_of_messages
            .filter(|n| !(1..=MAX_MESSAGES).contains(n))
        {
            return Err(out_of_range(
                "MaxNumberOfMessages",
                n,
                "Must be between 1 and 10, if provided.",
            ));
        }
        if let Some(n) = self
            .wait_time_seconds
            .filter(|n| !(0..=MAX_WAIT).contains(n))
        {
            return Err(out_of_range(
                "WaitTimeSeconds",
                n,
                "Must be >= 0 and <= 20, if provided.",
            ));
        }
        if let Some(id) = &self.receive_request_attempt_id {
            super::send::check_fifo_id("ReceiveRequestAttemptId", id)?;
        }
        self.visibility_timeout.map_or(Ok(()), check_visibility)
    }

    /// The system attributes asked for, under either member.
    fn system_names(&self) -> Vec<String> {
        let names = self
            .attribute_names
            .iter()
            .chain(&self.message_system_attribute_names);
        names.cloned().collect()
    }
}

impl Sqs {
    /// ReceiveMessage: up to `MaxNumberOfMessages` messages, waiting up to `WaitTimeSeconds`
    /// (or the queue's `ReceiveMessageWaitTimeSeconds`) for the first.
    pub async fn receive_message(
        &self,
        url: &str,
        receive: Receive,
    ) -> SqsResult<ReceiveMessageResult> {
        receive.check()?;
        let name = queue_name(url, &self.account)?;
        let wait = match receive.wait_time_seconds {
            Some(wait) => wait,
            None => self
                .state()
                .queue(name)?
                .seconds("ReceiveMessageWaitTimeSeconds"),
        };
        let until = self.clock.deadline(wait as f64);
        loop {
            let notify = self.notify_of(name)?;
            let notified = notify.notified();
            tokio::pin!(notified);
            // Registered before the look, so a send between the look and the wait wakes it.
            notified.as_mut().enable();
            let taken = self.take(name, &receive)?;
            if !taken.messages.is_empty() || self.clock.is_due(until) {
                return Ok(answer(taken.messages));
            }
            let wake = taken.next_change.map_or(until, |next| next.min(until));
            tokio::select! {
                () = &mut notified => {}
                () = self.clock.sleep_until(Some(wake)) => {}
            }
        }
    }

    fn notify_of(&self, name: &str) -> SqsResult<Arc<Notify>> {
        Ok(self.state().queue(name)?.notify.clone())
    }

    /// One look at the queue: takes what a receive may take now.
    fn take(&self, name: &str, receive: &Receive) -> SqsResult<Taken> {
        let mut state = self.state();
        let dead_letter = dead_letter_queue(&state, name)?;
        let queue = state.queue_mut(name)?;
        queue.sweep(&self.clock);
        let timeout = receive
            .visibility_timeout
            .unwrap_or(queue.seconds("VisibilityTimeout"));
        let attempt = receive
            .receive_request_attempt_id
            .as_ref()
            .filter(|_| queue.fifo);
        if let Some(again) = attempt.and_then(|id| self.retried(queue, id, timeout)) {
            return Ok(again);
        }
        let max = receive.max_number_of_messages.unwrap_or(1) as usize;
        let (chosen, moved) = choose(queue, &self.clock, max, dead_letter.as_ref().map(|d| d.1));
        // Counting costs a pass over the queue: only a queue that large can be over the quota.
        if queue.messages.len() > MAX_IN_FLIGHT {
            let in_flight = queue.messages.values().filter(|m| m.in_flight(&self.clock));
            check_in_flight(in_flight.count(), chosen.len())?;
        }
        let (system, wanted) = (receive.system_names(), &receive.message_attribute_names);
        let now = self.clock.now();
        let messages = chosen.into_iter().filter_map(|seq| {
            let message = queue.messages.get_mut(&seq)?;
            let receipt = handles::issue(name, seq, now);
            message.receives += 1;
            message.first_receive.get_or_insert(now);
            message.receipt = Some(receipt.clone());
            message.visibility =
                super::messages::Visibility::InFlight(self.clock.deadline(timeout as f64));
            Some((
                seq,
                message.render(&receipt, &system, wanted, &self.account),
            ))
        });
        let answered: Vec<(u64, Message)> = messages.collect();
        let messages: Vec<Message> = answered.iter().map(|(_, m)| m.clone()).collect();
        if let Some(id) = attempt.filter(|_| !answered.is_empty()) {
            queue.attempts.remember(id.clone(), answered, &self.clock);
        }
        let messages_empty = messages.is_empty();
        // Only a receive that found nothing waits, and needs to know until when.
        let next_change = match messages_empty {
            true => queue.next_change(&self.clock),
            false => None,
        };
        if let Some((target, _)) = dead_letter {
            redrive(&mut state, name, &target, moved);
        }
        Ok(Taken {
            messages,
            next_change,
        })
    }
}

impl Sqs {
    /// A FIFO receive retried under the same `ReceiveRequestAttemptId` within five minutes:
    /// the messages the first answered that are still held by its receipts, hidden again for
    /// `timeout`.
    fn retried(&self, queue: &mut Queue, id: &str, timeout: i64) -> Option<Taken> {
        let attempt = queue.attempts.find(id, &self.clock)?;
        let mut messages = Vec::new();
        for (seq, answered) in &attempt.messages {
            let Some(message) = queue.messages.get_mut(seq) else {
                continue;
            };
            if message.receipt == answered.receipt_handle {
                let until = self.clock.deadline(timeout as f64);
                message.visibility = super::messages::Visibility::InFlight(until);
                messages.push(answered.clone());
            }
        }
        // Nothing left to give back (deleted, or received again since): a receive like any.
        if messages.is_empty() {
            return None;
        }
        Some(Taken {
            messages,
            next_change: None,
        })
    }
}

/// The name of the dead-letter queue `name`'s redrive policy names, if it exists, and the
/// receive count that sends a message there.
fn dead_letter_queue(state: &State, name: &str) -> SqsResult<Option<(String, u32)>> {
    let Some(policy) = Redrive::of(&state.queue(name)?.attributes) else {
        return Ok(None);
    };
    let target = state.queues.values().find(|q| q.arn == policy.target);
    Ok(target.map(|q| (q.name.clone(), policy.max_receives)))
}

/// The messages a receive takes, in order, and those to move to the dead-letter queue
/// (visible messages already received `max_receives` times).
fn choose(
    queue: &Queue,
    clock: &Clock,
    max: usize,
    max_receives: Option<u32>,
) -> (Vec<u64>, Vec<u64>) {
    let (mut chosen, mut moved) = (Vec::new(), Vec::new());
    let mut blocked = HashSet::new();
    for (seq, message) in &queue.messages {
        if chosen.len() >= max {
            break;
        }
        let group = message
            .group
            .as_deref()
            .map(|g| g.id.as_str())
            .filter(|_| queue.fifo);
        if group.is_some_and(|g| blocked.contains(g)) {
            continue;
        }
        if clock.is_due(message.expires) {
            continue;
        }
        if !message.is_visible(clock) {
            // A FIFO group waits while its head is hidden: its order must hold.
            blocked.extend(group);
            continue;
        }
        match max_receives.is_some_and(|max| message.receives >= max) {
            true => moved.push(*seq),
            false => chosen.push(*seq),
        }
    }
    (chosen, moved)
}

/// Moves messages `moved` of queue `source` to the dead-letter queue `target`, as new,
/// visible messages that remember where they came from.
fn redrive(state: &mut State, source: &str, target: &str, moved: Vec<u64>) {
    let Some(from) = state.queues.get_mut(source) else {
        return;
    };
    let arn: std::sync::Arc<str> = from.arn.as_str().into();
    let messages: Vec<_> = moved
        .iter()
        .filter_map(|seq| from.messages.remove(seq))
        .collect();
    let Some(to) = state
        .queues
        .get_mut(target)
        .filter(|_| !messages.is_empty())
    else {
        return;
    };
    for mut message in messages {
        message.receives = 0;
        message.receipt = None;
        message.visibility = super::messages::Visibility::Visible;
        message.dead_letter_source = Some(arn.clone());
        to.messages.insert(to.next, message);
        to.next += 1;
    }
    to.notify.notify_waiters();
}

/// Refuses a receive that would put more than AWS's quota of messages in flight, in AWS's
/// words.
fn check_in_flight(in_flight: usize, receiving: usize) -> SqsResult<()> {
    match receiving > 0 && in_flight + receiving > MAX_IN_FLIGHT {
        true => Err(SqsError::OverLimit(
            "Too many messages have been received without being deleted.\nPlease delete your received messages or let them timeout before receiving more.".into(),
        )),
        false => Ok(()),
    }
}

/// ReceiveMessage's answer: AWS leaves `Messages` out when there are none.
fn answer(messages: Vec<Message>) -> ReceiveMessageResult {
    ReceiveMessageResult {
        messages: (!messages.is_empty()).then_some(messages),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receives_stop_at_the_in_flight_quota() {
        assert_eq!(check_in_flight(MAX_IN_FLIGHT - 10, 10), Ok(()));
        assert!(matches!(
            check_in_flight(MAX_IN_FLIGHT - 9, 10),
            Err(SqsError::OverLimit(_))
        ));
        assert_eq!(check_in_flight(MAX_IN_FLIGHT, 0), Ok(()), "nothing to take");
    }
}
