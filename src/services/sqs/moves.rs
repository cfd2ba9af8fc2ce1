//! Message move tasks (DLQ redrive): StartMessageMoveTask moves a dead-letter queue's messages
//! back to the queues they came from, or to a destination, in the background at up to
//! `MaxNumberOfMessagesPerSecond` on the server's clock (all at once when no rate is given);
//! ListMessageMoveTasks shows a source's tasks, newest first, and CancelMessageMoveTask stops
//! one. Validation messages are AWS's as its SDK users quote them.

use super::error::{SqsError, SqsResult};
use super::messages::Visibility;
use super::types::{
    CancelMessageMoveTaskResult, ListMessageMoveTasksResult, ListMessageMoveTasksResultEntry,
    StartMessageMoveTaskRequest, StartMessageMoveTaskResult,
};
use super::{Sqs, State};
use crate::aws::numbers;
use crate::clock::{Clock, Deadline};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::json;
use std::sync::{Arc, Mutex, Weak};
use time::OffsetDateTime;
use tokio::sync::Notify;

/// The tasks a source keeps for ListMessageMoveTasks (its most recent ones).
const KEPT_PER_SOURCE: usize = 10;

/// Where a task stands, as ListMessageMoveTasks names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Running,
    Completed,
    Cancelling,
    Cancelled,
    Failed,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Running => "RUNNING",
            Status::Completed => "COMPLETED",
            Status::Cancelling => "CANCELLING",
            Status::Cancelled => "CANCELLED",
            Status::Failed => "FAILED",
        }
    }
}

/// One move task.
#[derive(Debug)]
pub struct MoveTask {
    handle: String,
    source: String,
    destination: Option<String>,
    rate: Option<i64>,
    moved: u64,
    to_move: u64,
    status: Status,
    failure: Option<&'static str>,
    started: OffsetDateTime,
    /// Wakes the mover early: the task was cancelled or forgotten.
    wake: Arc<Notify>,
}

impl MoveTask {
    /// Ends the task's mover (the task is being forgotten).
    pub fn stop(&self) {
        self.wake.notify_one();
    }

    fn active(&self) -> bool {
        matches!(self.status, Status::Running | Status::Cancelling)
    }

    fn render(&self) -> ListMessageMoveTasksResultEntry {
        let millis = self.started.unix_timestamp_nanos() / 1_000_000;
        ListMessageMoveTasksResultEntry {
            task_handle: (self.status == Status::Running).then(|| self.handle.clone()),
            status: Some(self.status.name().to_owned()),
            source_arn: Some(self.source.clone()),
            destination_arn: self.destination.clone(),
            max_number_of_messages_per_second: self.rate.map(numbers::int),
            approximate_number_of_messages_moved: Some(numbers::long(self.moved)),
            approximate_number_of_messages_to_move: Some(numbers::long(self.to_move)),
            failure_reason: self.failure.map(str::to_owned),
            started_timestamp: Some(numbers::long(millis)),
        }
    }
}

impl Sqs {
    /// StartMessageMoveTask: checks the request as AWS does, then starts moving.
    pub fn start_message_move_task(
        &self,
        start: StartMessageMoveTaskRequest,
    ) -> SqsResult<StartMessageMoveTaskResult> {
        let mut state = self.state();
        let source = source_queue(&state, &start.source_arn, &self.clock)?;
        check_destination(&state, &start, source.fifo)?;
        let rate = start.max_number_of_messages_per_second.map(i64::from);
        if rate.is_some_and(|r| !(1..=500).contains(&r)) {
            return Err(SqsError::InvalidParameterValue(
                "Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number that's between 1 and 500.".into(),
            ));
        }
        if state
            .moves
            .iter()
            .any(|t| t.source == start.source_arn && t.active())
        {
            return Err(SqsError::InvalidParameterValue(
                "There is already a task running. Only one active task is allowed for a source queue arn at a given time.".into(),
            ));
        }
        let task = MoveTask {
            handle: handle(&start.source_arn),
            to_move: source.visible,
            source: start.source_arn,
            destination: start.destination_arn,
            rate,
            moved: 0,
            status: Status::Running,
            failure: None,
            started: self.clock.now(),
            wake: Arc::default(),
        };
        let answer = StartMessageMoveTaskResult {
            task_handle: Some(task.handle.clone()),
        };
        tokio::spawn(mover(
            Arc::downgrade(&self.state),
            self.clock.clone(),
            task.handle.clone(),
            task.wake.clone(),
        ));
        keep(&mut state.moves, task);
        Ok(answer)
    }

    /// ListMessageMoveTasks: the source's most recent tasks, newest first.
    pub fn list_message_move_tasks(
        &self,
        source: &str,
        max: Option<i64>,
    ) -> SqsResult<ListMessageMoveTasksResult> {
        let max = max.unwrap_or(1);
        if !(1..=10).contains(&max) {
            // AWS's wording for this range is a guess, modelled on its rate message.
            return Err(SqsError::InvalidParameterValue(
                "Value for parameter MaxResults is invalid. Reason: You must enter a number that's between 1 and 10.".into(),
            ));
        }
        let state = self.state();
        source_queue(&state, source, &self.clock)?;
        let tasks = state.moves.iter().rev().filter(|t| t.source == source);
        let results = tasks.take(max as usize).map(MoveTask::render).collect();
        Ok(ListMessageMoveTasksResult {
            results: Some(results),
        })
    }

    /// CancelMessageMoveTask: a running task stops after the messages it is moving.
    pub fn cancel_message_move_task(&self, handle: &str) -> SqsResult<CancelMessageMoveTaskResult> {
        let mut state = self.state();
        let task = state.moves.iter_mut().find(|t| t.handle == handle);
        // Both wordings are guesses: AWS documents neither.
        let task = task.ok_or_else(|| SqsError::ResourceNotFound("Task does not exist.".into()))?;
        if task.status != Status::Running {
            return Err(SqsError::InvalidParameterValue(
                "Only active tasks can be cancelled.".into(),
            ));
        }
        task.status = Status::Cancelling;
        task.wake.notify_one();
        Ok(CancelMessageMoveTaskResult {
            approximate_number_of_messages_moved: Some(numbers::long(task.moved)),
        })
    }
}

/// The source queue an ARN names, which must be some queue's dead-letter queue.
struct Source {
    fifo: bool,
    visible: u64,
}

fn source_queue(state: &State, arn: &str, clock: &Clock) -> SqsResult<Source> {
    check_arn("SourceArn", arn)?;
    let queue = state
        .queues
        .values()
        .find(|q| q.arn == arn)
        .ok_or_else(|| {
            SqsError::ResourceNotFound(
                "The resource that you specified for the SourceArn parameter doesn't exist.".into(),
            )
        })?;
    let is_dead_letter = state
        .queues
        .values()
        .any(|q| super::attributes::Redrive::of(&q.attributes).is_some_and(|r| r.target == arn));
    if !is_dead_letter {
        return Err(SqsError::InvalidParameterValue(
            "Source queue must be configured as a Dead Letter Queue.".into(),
        ));
    }
    Ok(Source {
        fifo: queue.fifo,
        visible: queue
            .messages
            .values()
            .filter(|m| m.is_visible(clock))
            .count() as u64,
    })
}

fn check_destination(
    state: &State,
    start: &StartMessageMoveTaskRequest,
    source_fifo: bool,
) -> SqsResult<()> {
    let Some(arn) = &start.destination_arn else {
        return Ok(());
    };
    check_arn("DestinationArn", arn)?;
    let queue = state
        .queues
        .values()
        .find(|q| q.arn == *arn)
        .ok_or_else(|| {
            SqsError::ResourceNotFound(
                "The resource that you specified for the DestinationArn parameter doesn't exist."
                    .into(),
            )
        })?;
    if *arn == start.source_arn {
        return Err(SqsError::InvalidParameterValue(
            "Source queue arn and destination queue arn cannot be the same.".into(),
        ));
    }
    if queue.fifo != source_fifo {
        return Err(SqsError::InvalidParameterValue(
            "The source queue and destination queue must be of the same queue type.".into(),
        ));
    }
    Ok(())
}

/// An ARN's six colon-separated parts (AWS words the refusal with the parameter's name).
fn check_arn(parameter: &str, arn: &str) -> SqsResult<()> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.len() == 6 && parts[0] == "arn" && !parts[5].is_empty() {
        true => Ok(()),
        false => Err(SqsError::InvalidParameterValue(format!(
            "You must use this format to specify the {parameter}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>"
        ))),
    }
}

/// A task handle as AWS's look: base64 of a JSON naming the task and its source.
fn handle(source: &str) -> String {
    let text = json!({ "taskId": uuid::Uuid::new_v4().to_string(), "sourceArn": source });
    BASE64.encode(text.to_string())
}

/// Adds `task`, forgetting the oldest finished task of its source beyond what is kept.
fn keep(tasks: &mut Vec<MoveTask>, task: MoveTask) {
    let source = task.source.clone();
    tasks.push(task);
    let of_source = tasks.iter().filter(|t| t.source == source).count();
    if of_source > KEPT_PER_SOURCE
        && let Some(oldest) = tasks.iter().position(|t| t.source == source && !t.active())
    {
        tasks.remove(oldest);
    }
}

/// Runs task `handle`: a batch of moves, then a second's wait (or a cancel), until it ends or
/// is forgotten. Holds the state weakly, so a task never keeps a reset or dropped SQS alive.
async fn mover(state: Weak<Mutex<State>>, clock: Clock, handle: String, wake: Arc<Notify>) {
    loop {
        let next = {
            let Some(state) = state.upgrade() else {
                return;
            };
            let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
            step(&mut state, &handle, &clock)
        };
        let Some(next) = next else {
            return;
        };
        tokio::select! {
            () = clock.sleep_until(Some(next)) => {}
            () = wake.notified() => {}
        }
    }
}

/// One second's worth of a task: moves up to its rate of messages and answers when to go on
/// (`None`: the task has ended).
fn step(state: &mut State, handle: &str, clock: &Clock) -> Option<Deadline> {
    let task = state.moves.iter().position(|t| t.handle == handle)?;
    if state.moves[task].status == Status::Cancelling {
        state.moves[task].status = Status::Cancelled;
        return None;
    }
    let (rate, left) = {
        let task = &state.moves[task];
        (
            task.rate.map_or(u64::MAX, |r| r as u64),
            task.to_move.saturating_sub(task.moved),
        )
    };
    for _ in 0..rate.min(left) {
        match move_one(state, task, clock) {
            Moved::One => state.moves[task].moved += 1,
            Moved::None => break,
            Moved::Failed(reason) => {
                state.moves[task].status = Status::Failed;
                state.moves[task].failure = Some(reason);
                return None;
            }
        }
    }
    let task = &mut state.moves[task];
    let source_empty = !state
        .queues
        .values()
        .any(|q| q.arn == task.source && q.messages.values().any(|m| m.is_visible(clock)));
    if task.moved >= task.to_move || source_empty {
        task.status = Status::Completed;
        return None;
    }
    Some(clock.deadline(1.0))
}

/// What one move did.
enum Moved {
    One,
    /// The source has no visible message left.
    None,
    /// The task cannot go on, for this reason.
    Failed(&'static str),
}

/// Moves the source's first visible message to its destination (or the queue it came from),
/// as a new, visible message.
fn move_one(state: &mut State, task: usize, clock: &Clock) -> Moved {
    let (source, destination) = (&state.moves[task].source, &state.moves[task].destination);
    let Some(from) = state
        .queues
        .values()
        .find(|q| q.arn == *source)
        .map(|q| q.name.clone())
    else {
        return Moved::Failed("SourceQueueDoesNotExist");
    };
    let Some(queue) = state.queues.get(&from) else {
        return Moved::None;
    };
    let first = queue
        .messages
        .iter()
        .find(|(_, m)| m.is_visible(clock) && !clock.is_due(m.expires));
    let Some((&seq, message)) = first else {
        return Moved::None;
    };
    let Some(target_arn) = destination
        .clone()
        .or_else(|| message.dead_letter_source.as_deref().map(str::to_owned))
    else {
        return Moved::Failed("CouldNotDetermineMessageSource");
    };
    let Some(to) = state
        .queues
        .values()
        .find(|q| q.arn == target_arn)
        .map(|q| q.name.clone())
    else {
        // AWS documents no reason for a vanished destination; this one says what happened.
        return Moved::Failed("DestinationQueueDoesNotExist");
    };
    let Some(mut message) = state
        .queues
        .get_mut(&from)
        .and_then(|q| q.messages.remove(&seq))
    else {
        return Moved::None;
    };
    message.receives = 0;
    message.receipt = None;
    message.visibility = Visibility::Visible;
    message.dead_letter_source = None;
    if let Some(to) = state.queues.get_mut(&to) {
        to.messages.insert(to.next, message);
        to.next += 1;
        to.notify.notify_waiters();
    }
    Moved::One
}
