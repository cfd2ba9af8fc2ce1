//! One enabled mapping's poller: long-polls the queue, gathers a batch within the batching
//! window (deleting at once the messages its filters refuse), and hands each batch to a task
//! that invokes the function and deletes what it handled. It holds the service weakly and
//! stops when its mapping's entry is dropped.

use super::config::Mapping;
use super::event::{self, Verdict};
use super::queue::{Queue, Receipt, receipt};
use crate::clock::Clock;
use crate::services::lambda::{Invoke, InvokeOutput, Lambda, LambdaResult};
use bytes::Bytes;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::future::Future;
use std::sync::{Arc, Weak};
use tokio::sync::{Semaphore, watch};

/// Concurrent batches without `ScalingConfig`: AWS starts an SQS mapping at five and scales
/// up with the backlog; Stepstone stays at five, since each one may be a process of its own.
const DEFAULT_CONCURRENCY: u32 = 5;

/// The longest long poll SQS takes.
const LONG_POLL: u32 = 20;

/// Invoke's limit for a synchronous payload: AWS's event source mappings stay under it.
const INVOKE_LIMIT: usize = 6 * 1024 * 1024;

/// A batch stops growing past this weight (see [`weight`]), so that one more receive (10
/// messages of up to 256 KiB) still keeps the event under [`INVOKE_LIMIT`].
const BATCH_WEIGHT: usize = INVOKE_LIMIT - 10 * 260 * 1024;

/// A stopped poller sees its channel closed.
pub type Stop = watch::Sender<()>;

/// Starts polling for `mapping`; dropping the answer stops it.
pub fn start(lambda: &Lambda, mapping: &Mapping, queue: Queue) -> Stop {
    let (stop, stopped) = watch::channel(());
    let poller = Poller {
        batches: Batches {
            lambda: lambda.this.clone(),
            queue,
            mapping: mapping.clone(),
        },
        clock: lambda.clock.clone(),
        stopped,
    };
    tokio::spawn(poller.run());
    stop
}

struct Poller {
    batches: Batches,
    clock: Clock,
    stopped: watch::Receiver<()>,
}

/// What one gathering found.
enum Gathered {
    Batch(Vec<Value>),
    Stopped,
    /// SQS refused (the queue was deleted): wait before trying again.
    Failed,
}

impl Poller {
    async fn run(mut self) {
        let slots = self.batches.mapping.max_concurrency;
        let slots = Arc::new(Semaphore::new(slots.unwrap_or(DEFAULT_CONCURRENCY) as usize));
        loop {
            let Some(Ok(slot)) = until(&mut self.stopped, slots.clone().acquire_owned()).await
            else {
                return;
            };
            match self.gather().await {
                Gathered::Stopped => return,
                Gathered::Failed => {
                    let later = self.clock.sleep_until(Some(self.clock.deadline(20.0)));
                    if until(&mut self.stopped, later).await.is_none() {
                        return;
                    }
                }
                Gathered::Batch(messages) if messages.is_empty() => {}
                Gathered::Batch(messages) => {
                    let batches = self.batches.clone();
                    tokio::spawn(async move {
                        batches.process(messages).await;
                        drop(slot);
                    });
                }
            }
        }
    }

    /// Waits for the first message, then gathers up to the batch size until the batching
    /// window closes.
    async fn gather(&mut self) -> Gathered {
        let mapping = &self.batches.mapping;
        let first = self.batches.queue.receive(mapping.batch_size, LONG_POLL);
        let received = match until(&mut self.stopped, first).await {
            None => return Gathered::Stopped,
            Some(Err(error)) => {
                tracing::warn!(mapping = %mapping.uuid, "cannot poll the queue: {}", error.message);
                return Gathered::Failed;
            }
            Some(Ok(messages)) => messages,
        };
        let mut batch = self.batches.admit(received).await;
        let mapping = &self.batches.mapping;
        if mapping.window == 0 || batch.is_empty() {
            return Gathered::Batch(batch);
        }
        let closes = self.clock.deadline(f64::from(mapping.window));
        let mut weighed = weight(&batch);
        while batch.len() < mapping.batch_size as usize && weighed < BATCH_WEIGHT {
            let wanted = mapping.batch_size - batch.len() as u32;
            // Biased: a stopped poller must not take one more message.
            tokio::select! {
                biased;
                _ = self.stopped.changed() => {
                    let receipts: Vec<Receipt> = batch.iter().map(receipt).collect();
                    self.batches.queue.release(&receipts).await;
                    return Gathered::Stopped;
                }
                () = self.clock.sleep_until(Some(closes)) => break,
                more = self.batches.queue.receive(wanted, LONG_POLL) => match more {
                    Ok(more) => {
                        let more = self.batches.admit(more).await;
                        weighed += weight(&more);
                        batch.extend(more);
                    }
                    Err(_) => break,
                },
            }
        }
        Gathered::Batch(batch)
    }
}

/// `work`'s answer, or `None` once the poller is stopped. The stop is looked at first: a
/// message sent after a mapping was disabled, deleted or reset must stay in the queue even
/// when the long poll that would take it is woken at the same time.
async fn until<T>(stopped: &mut watch::Receiver<()>, work: impl Future<Output = T>) -> Option<T> {
    tokio::select! {
        biased;
        _ = stopped.changed() => None,
        answer = work => Some(answer),
    }
}

/// About the bytes the messages take in an event: their JSON, plus what a record adds (the
/// queue's ARN and region, the list members of each message attribute).
fn weight(batch: &[Value]) -> usize {
    batch.iter().map(|m| m.to_string().len() + 1024).sum()
}

/// What a batch needs: the function (held weakly), the queue and the mapping's settings.
#[derive(Clone)]
struct Batches {
    lambda: Weak<Lambda>,
    queue: Queue,
    mapping: Mapping,
}

impl Batches {
    /// The messages the mapping's filters pass; the others are deleted from the queue, as
    /// AWS does for SQS (the guide: they are applied to each message as a batch is gathered,
    /// so they never count against its size).
    async fn admit(&self, messages: Vec<Value>) -> Vec<Value> {
        let Some(filters) = &self.mapping.filters else {
            return messages;
        };
        let queue = &self.mapping.queue;
        let (admitted, dropped): (Vec<Value>, Vec<Value>) =
            (messages.into_iter()).partition(|m| filters.admits(&event::record(m, queue)));
        let receipts: Vec<Receipt> = dropped.iter().map(receipt).collect();
        if let Err(error) = self.queue.delete(&receipts).await {
            let uuid = &self.mapping.uuid;
            tracing::warn!(mapping = %uuid, "cannot delete filtered messages: {}", error.message);
        }
        admitted
    }

    /// Invokes the function with the batch (on FIFO queues, once per message group, in
    /// order) and deletes what it handled.
    async fn process(&self, messages: Vec<Value>) {
        let batches = match self.mapping.queue.fifo() {
            true => by_group(messages),
            false => vec![messages],
        };
        for batch in batches {
            self.invoke(batch).await;
        }
    }

    /// Invokes the function with `messages` and deletes those it handled. An event over
    /// Invoke's limit (bodies full of characters JSON escapes) is split in two.
    async fn invoke(&self, messages: Vec<Value>) {
        let queue = &self.mapping.queue;
        let records: Vec<Value> = messages.iter().map(|m| event::record(m, queue)).collect();
        let payload = json!({ "Records": records }).to_string();
        if payload.len() > INVOKE_LIMIT && messages.len() > 1 {
            let mut first = messages;
            let second = first.split_off(first.len() / 2);
            Box::pin(self.invoke(first)).await;
            return Box::pin(self.invoke(second)).await;
        }
        let Some(lambda) = self.lambda.upgrade() else {
            return;
        };
        let request = Invoke {
            function_name: self.mapping.function_arn.clone(),
            payload: Bytes::from(payload),
            ..Invoke::default()
        };
        let answer = lambda.invoke(request).await;
        drop(lambda);
        let receipts: Vec<Receipt> = messages.iter().map(receipt).collect();
        let handled = self.handled(answer, receipts);
        if let Err(error) = self.queue.delete(&handled).await {
            tracing::warn!(mapping = %self.mapping.uuid, "cannot delete a batch: {}", error.message);
        }
    }

    /// The messages the function handled; the others come back after their visibility
    /// timeout (and reach the dead-letter queue after `maxReceiveCount`).
    fn handled(&self, answer: LambdaResult<InvokeOutput>, receipts: Vec<Receipt>) -> Vec<Receipt> {
        let uuid = &self.mapping.uuid;
        let out = match answer {
            Err(error) => {
                tracing::warn!(mapping = %uuid, "cannot invoke the function: {error}");
                return Vec::new();
            }
            Ok(out) => out,
        };
        if out.function_error.is_some() {
            let error = String::from_utf8_lossy(&out.payload);
            tracing::info!(mapping = %uuid, "the function failed its batch: {error}");
            return Vec::new();
        }
        if !self.mapping.report_failures {
            return receipts;
        }
        let ids: HashSet<String> = receipts.iter().map(|r| r.id.clone()).collect();
        match event::verdict(&out.payload, &ids) {
            Verdict::Invalid => {
                tracing::info!(mapping = %uuid, "the function's batchItemFailures are malformed");
                Vec::new()
            }
            Verdict::Failed(failed) => receipts
                .into_iter()
                .filter(|r| !failed.contains(&r.id))
                .collect(),
        }
    }
}

/// FIFO messages split by `MessageGroupId`, each group in the order received.
fn by_group(messages: Vec<Value>) -> Vec<Vec<Value>> {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for message in messages {
        let group = message["Attributes"]["MessageGroupId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, batch)) => batch.push(message),
            None => groups.push((group, vec![message])),
        }
    }
    groups.into_iter().map(|(_, batch)| batch).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_batches_keep_each_group_in_order() {
        let message = |group: &str, n: u32| json!({"Attributes": {"MessageGroupId": group}, "Body": n.to_string()});
        let batches = by_group(vec![
            message("a", 1),
            message("b", 2),
            message("a", 3),
            message("c", 4),
        ]);
        let bodies: Vec<Vec<&str>> = batches
            .iter()
            .map(|b| b.iter().map(|m| m["Body"].as_str().unwrap()).collect())
            .collect();
        assert_eq!(bodies, [vec!["1", "3"], vec!["2"], vec!["4"]]);
    }
}
