//! Task tokens: the tasks waiting for SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat
//! (activity tasks and `.waitForTaskToken` calls), and the activity queues that workers poll
//! with GetActivityTask.

use super::core::{FrameId, Wake};
use crate::asl::errors::Failure;
use serde_json::Value;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};

/// Why a task token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a task token at all.
    Invalid,
    /// A well-formed task token that no task ever had.
    Unknown,
    /// The task finished, timed out or was stopped.
    Closed,
}

/// Where to deliver answers for one waiting task.
#[derive(Debug)]
pub struct Waiter {
    /// The execution the task belongs to.
    pub execution_arn: String,
    /// Its driver's wake channel.
    pub wakes: mpsc::UnboundedSender<Wake>,
    /// The frame that waits.
    pub frame: FrameId,
    /// The wait's token.
    pub token: u64,
    /// For activity tasks: the input handed to the worker, as JSON text.
    pub activity_input: Option<String>,
}

/// A task that waits for SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingTask {
    /// Its task token.
    pub task_token: String,
    /// For an activity task, the input handed to the worker, as JSON text.
    pub activity_input: Option<String>,
}

#[derive(Debug, Default)]
struct Inner {
    waiting: HashMap<String, Waiter>,
    /// The closed tokens, kept with their execution and forgotten with it (see
    /// [`Callbacks::forget_execution`]), so they stay as bounded as the executions kept.
    closed: Closed,
    queues: HashMap<String, VecDeque<String>>,
    signals: HashMap<String, Arc<Notify>>,
}

/// Every waiting task of every execution, by task token.
#[derive(Debug, Default)]
pub struct Callbacks {
    inner: Mutex<Inner>,
}

impl Callbacks {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A task now waits for `task_token`; an activity task also joins its activity's queue.
    pub fn register(&self, task_token: String, activity: Option<&str>, waiter: Waiter) {
        let mut inner = self.lock();
        if let Some(activity) = activity {
            inner
                .queues
                .entry(activity.to_owned())
                .or_default()
                .push_back(task_token.clone());
            inner
                .signals
                .entry(activity.to_owned())
                .or_default()
                .notify_one();
        }
        inner.waiting.insert(task_token, waiter);
    }

    /// The task is over: its token is refused from now on.
    pub fn release(&self, task_token: &str) {
        let mut inner = self.lock();
        if let Some(waiter) = inner.waiting.remove(task_token) {
            inner
                .closed
                .insert(task_token.to_owned(), waiter.execution_arn);
        }
    }

    /// The execution ended: every task it had waiting is over.
    pub fn release_execution(&self, execution_arn: &str) {
        let mut inner = self.lock();
        let tokens: Vec<String> = inner
            .waiting
            .iter()
            .filter(|(_, w)| w.execution_arn == execution_arn)
            .map(|(t, _)| t.clone())
            .collect();
        for token in tokens {
            inner.waiting.remove(&token);
            inner.closed.insert(token, execution_arn.to_owned());
        }
    }

    /// The execution is forgotten (retention evicted it): so are its closed tokens, which
    /// answer as tokens no task had from now on, and the activity tasks it left queued for
    /// workers that never came.
    pub fn forget_execution(&self, execution_arn: &str) {
        let inner = &mut *self.lock();
        inner.closed.forget(execution_arn);
        let waiting = &inner.waiting;
        for queue in inner.queues.values_mut() {
            queue.retain(|token| waiting.contains_key(token));
        }
    }

    /// Forgets every task token, waiting or closed, and every queued activity task (a reset:
    /// their executions are gone). Workers polling now keep waiting for new tasks.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.waiting.clear();
        inner.closed = Closed::default();
        inner.queues.clear();
    }

    /// GetActivityTask: hands the next waiting task of `activity` to a worker, waiting up to
    /// `timeout` for one; returns its token and input. The long poll is bounded in real time,
    /// as the worker's HTTP read timeout is: scaled or manual time would make it spin or hang.
    #[allow(
        clippy::disallowed_methods,
        reason = "a long poll, not a workflow's wait"
    )]
    pub async fn poll(
        &self,
        activity: &str,
        worker_name: Option<String>,
        timeout: Duration,
    ) -> Option<(String, String)> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let signal = {
                let mut inner = self.lock();
                if let Some(task) = take_task(&mut inner, activity, &worker_name) {
                    return Some(task);
                }
                inner
                    .signals
                    .entry(activity.to_owned())
                    .or_default()
                    .clone()
            };
            if tokio::time::timeout_at(deadline, signal.notified())
                .await
                .is_err()
            {
                return None;
            }
        }
    }

    /// The tasks of `execution_arn` that wait for a token now, in token order: their tokens,
    /// and for activity tasks the input handed to the worker. Read-only, for the console.
    pub fn waiting(&self, execution_arn: &str) -> Vec<WaitingTask> {
        let mut waiting: Vec<WaitingTask> = (self.lock().waiting.iter())
            .filter(|(_, w)| w.execution_arn == execution_arn)
            .map(|(token, w)| WaitingTask {
                task_token: token.clone(),
                activity_input: w.activity_input.clone(),
            })
            .collect();
        waiting.sort_by(|a, b| a.task_token.cmp(&b.task_token));
        waiting
    }

    /// Whether a task waits for `task_token` (AWS checks the token before the output).
    pub fn check(&self, task_token: &str) -> Result<(), TokenError> {
        find(&self.lock(), task_token).map(|_| ())
    }

    /// SendTaskSuccess / SendTaskFailure: completes the waiting task.
    pub fn complete(
        &self,
        task_token: &str,
        result: Result<Value, Failure>,
    ) -> Result<(), TokenError> {
        let inner = self.lock();
        let waiter = find(&inner, task_token)?;
        let _ = waiter.wakes.send(Wake::Task {
            frame: waiter.frame,
            token: waiter.token,
            result,
        });
        Ok(())
    }

    /// SendTaskHeartbeat: the task is still being worked on.
    pub fn heartbeat(&self, task_token: &str) -> Result<(), TokenError> {
        let inner = self.lock();
        let waiter = find(&inner, task_token)?;
        let _ = waiter.wakes.send(Wake::Heartbeat {
            frame: waiter.frame,
            token: waiter.token,
        });
        Ok(())
    }
}

/// Closed task tokens, and which execution each belonged to.
#[derive(Debug, Default)]
struct Closed {
    tokens: HashSet<String>,
    by_execution: HashMap<String, Vec<String>>,
}

impl Closed {
    fn insert(&mut self, task_token: String, execution_arn: String) {
        if self.tokens.insert(task_token.clone()) {
            self.by_execution
                .entry(execution_arn)
                .or_default()
                .push(task_token);
        }
    }

    fn contains(&self, task_token: &str) -> bool {
        self.tokens.contains(task_token)
    }

    fn forget(&mut self, execution_arn: &str) {
        for token in self.by_execution.remove(execution_arn).unwrap_or_default() {
            self.tokens.remove(&token);
        }
    }
}

fn find<'a>(inner: &'a Inner, task_token: &str) -> Result<&'a Waiter, TokenError> {
    match inner.waiting.get(task_token) {
        Some(waiter) => Ok(waiter),
        None if inner.closed.contains(task_token) => Err(TokenError::Closed),
        None if well_formed(task_token) => Err(TokenError::Unknown),
        None => Err(TokenError::Invalid),
    }
}

/// Whether a token has the shape of the ones executions hand out (64 lowercase hex digits).
fn well_formed(task_token: &str) -> bool {
    task_token.len() == 64
        && task_token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Pops the first queued task still waiting, tells its execution a worker started it.
fn take_task(
    inner: &mut Inner,
    activity: &str,
    worker_name: &Option<String>,
) -> Option<(String, String)> {
    loop {
        let token = inner.queues.get_mut(activity)?.pop_front()?;
        let Some(waiter) = inner.waiting.get(&token) else {
            continue;
        };
        let input = waiter
            .activity_input
            .clone()
            .unwrap_or_else(|| "{}".to_owned());
        let started = Wake::Started {
            frame: waiter.frame,
            token: waiter.token,
            worker_name: worker_name.clone(),
        };
        if waiter.wakes.send(started).is_ok() {
            return Some((token, input));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiter(wakes: mpsc::UnboundedSender<Wake>, activity_input: Option<&str>) -> Waiter {
        Waiter {
            execution_arn: "e".into(),
            wakes,
            frame: 0,
            token: 7,
            activity_input: activity_input.map(str::to_owned),
        }
    }

    #[tokio::test]
    async fn a_worker_gets_the_task_and_the_execution_hears_of_it() {
        let callbacks = Callbacks::default();
        let (wakes, mut heard) = mpsc::unbounded_channel();
        callbacks.register("tok".into(), Some("act"), waiter(wakes, Some(r#"{"a":1}"#)));
        let task = callbacks
            .poll("act", Some("w1".into()), Duration::from_secs(1))
            .await;
        assert_eq!(task, Some(("tok".to_owned(), r#"{"a":1}"#.to_owned())));
        assert!(matches!(
            heard.recv().await,
            Some(Wake::Started { token: 7, .. })
        ));
        callbacks.complete("tok", Ok(Value::Null)).unwrap();
        assert!(matches!(
            heard.recv().await,
            Some(Wake::Task { token: 7, .. })
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_poll_times_out() {
        let callbacks = Callbacks::default();
        assert_eq!(
            callbacks.poll("act", None, Duration::from_secs(60)).await,
            None
        );
    }

    #[tokio::test]
    async fn a_waiting_poll_is_woken_by_a_new_task() {
        let callbacks = Arc::new(Callbacks::default());
        let poller = {
            let callbacks = callbacks.clone();
            tokio::spawn(async move { callbacks.poll("act", None, Duration::from_secs(30)).await })
        };
        tokio::task::yield_now().await;
        let (wakes, _heard) = mpsc::unbounded_channel();
        callbacks.register("tok".into(), Some("act"), waiter(wakes, None));
        assert_eq!(
            poller.await.unwrap().map(|(t, _)| t),
            Some("tok".to_owned())
        );
    }

    #[test]
    fn released_tokens_are_closed_unknown_ones_invalid() {
        let callbacks = Callbacks::default();
        let (wakes, _heard) = mpsc::unbounded_channel();
        callbacks.register("tok".into(), None, waiter(wakes, None));
        callbacks.release("tok");
        assert_eq!(callbacks.heartbeat("tok"), Err(TokenError::Closed));
        assert_eq!(callbacks.heartbeat("other"), Err(TokenError::Invalid));
        assert_eq!(
            callbacks.heartbeat(&"ab12".repeat(16)),
            Err(TokenError::Unknown),
            "a token in the engine's format that no task had"
        );
    }

    #[test]
    fn closed_tokens_are_forgotten_with_their_execution() {
        let callbacks = Callbacks::default();
        let token = "cd34".repeat(16);
        let (wakes, _heard) = mpsc::unbounded_channel();
        callbacks.register(token.clone(), None, waiter(wakes, None));
        callbacks.release_execution("e");
        assert_eq!(callbacks.check(&token), Err(TokenError::Closed));
        callbacks.forget_execution("other");
        assert_eq!(callbacks.check(&token), Err(TokenError::Closed));
        callbacks.forget_execution("e");
        assert_eq!(callbacks.check(&token), Err(TokenError::Unknown));
        assert!(callbacks.lock().closed.by_execution.is_empty());
    }
}
