//! One function process (an execution environment) serving invocations in turn: its Init phase,
//! which ends when the process first asks for work, and each invocation, whose Timeout starts
//! when the process is handed its event.

use super::api::{Api, Pending, Reply};
use super::output::Output;
use super::{Outcome, Request, error_document, real_now};
use crate::clock::{Clock, Deadline};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, watch};

/// One function process and its Runtime API listener. Dropping it stops both.
#[derive(Debug)]
pub struct Instance {
    /// The process's Runtime API.
    pub api: Arc<Api>,
    /// Where invocations wait for the process to ask for them.
    pub queue: mpsc::Sender<Pending>,
    /// The Runtime API listener's task.
    pub server: tokio::task::JoinHandle<()>,
    /// Dropping the sender tells the process's watcher to end it and its process group.
    pub kill: Option<oneshot::Sender<()>>,
    /// `Some(status)` once the process has exited.
    pub exited: watch::Receiver<Option<String>>,
    /// What the process wrote, bounded.
    pub output: Arc<Mutex<Output>>,
    /// Says which interpreter runs instead of the runtime's own, at the top of every log.
    pub fallback: Option<String>,
    /// When it last finished an invocation.
    pub last_used: Instant,
    /// The retirement count when it started (see `Runtimes::retire`).
    pub generation: u64,
}

/// What became of the process an invocation ran on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// It may serve another invocation.
    Reusable,
    /// The invocation's Timeout passed; the process is ended.
    TimedOut,
    /// The process failed to start, crashed or exited; it is ended.
    Broken,
}

/// An invocation that ran (or failed) on this process.
#[derive(Debug)]
pub struct Ran {
    /// Its result.
    pub outcome: Outcome,
    /// Whether the process may serve another.
    pub fate: Fate,
    /// When its own time began: the event was handed over.
    pub started: Instant,
    /// What the process wrote while it started (before `START` in the log).
    pub init_output: String,
}

/// The process did not finish starting within its Init phase limit.
#[derive(Debug)]
pub struct InitTimedOut;

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill.take();
        self.server.abort();
    }
}

impl Instance {
    /// Whether the process is still running.
    pub fn alive(&self) -> bool {
        self.exited.borrow().is_none()
    }

    /// Runs one invocation. With `init_limit`, the process is new: its start-up is waited for
    /// first, up to that limit, and `timeout` counts only from when it asks for the event.
    pub async fn run(
        &mut self,
        request: Request,
        timeout: Duration,
        clock: &Clock,
        init_limit: Option<Deadline>,
    ) -> Result<Ran, InitTimedOut> {
        // Whatever the process wrote while idle belongs to no invocation.
        self.take_log();
        let id = request.request_id.clone();
        let (reply_tx, mut reply) = oneshot::channel();
        self.api.expect(id.clone(), reply_tx);
        if let Some(limit) = init_limit
            && let Some((outcome, fate)) = self.start_up(&mut reply, clock, limit, &id).await?
        {
            let init_output = self.take_log();
            let started = real_now();
            return Ok(Ran {
                outcome,
                fate,
                started,
                init_output,
            });
        }
        let init_output = self.take_log();
        let started = real_now();
        let limit = clock.unscaled_deadline(timeout);
        let pending = Pending {
            request_id: id.clone(),
            payload: request.payload,
            handed_over: clock.now(),
            deadline_ms: deadline_ms(timeout),
            invoked_arn: request.invoked_arn,
            client_context: request.client_context,
        };
        let (outcome, fate) = match self.queue.send(pending).await {
            Ok(()) => self.finish(&mut reply, clock, limit, &id, timeout).await,
            Err(_) => (exited(&id, "the runtime is gone"), Fate::Broken),
        };
        // Output written just before the reply may still be in the pipe readers' hands.
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        self.last_used = real_now();
        Ok(Ran {
            outcome,
            fate,
            started,
            init_output,
        })
    }

    /// Waits for the end of the process's Init phase: its first request for work. `None` when it
    /// is ready; the outcome when it failed to start.
    async fn start_up(
        &self,
        reply: &mut oneshot::Receiver<Reply>,
        clock: &Clock,
        limit: Deadline,
        id: &str,
    ) -> Result<Option<(Outcome, Fate)>, InitTimedOut> {
        let mut ready = self.api.ready();
        let mut exited = self.exited.clone();
        // Biased: an init error the process reported just before exiting wins over the exit.
        tokio::select! {
            biased;
            reply = reply => Ok(Some(settle(reply, id))),
            status = exited.wait_for(Option::is_some) => {
                let status = status.ok().and_then(|s| s.clone()).unwrap_or_default();
                Ok(Some((self::exited(id, &status), Fate::Broken)))
            }
            _ = ready.wait_for(Option::is_some) => Ok(None),
            () = clock.sleep_until(Some(limit)) => Err(InitTimedOut),
        }
    }

    /// Waits for the invocation's result, the process's exit or the Timeout.
    async fn finish(
        &self,
        reply: &mut oneshot::Receiver<Reply>,
        clock: &Clock,
        limit: Deadline,
        id: &str,
        timeout: Duration,
    ) -> (Outcome, Fate) {
        let mut exited = self.exited.clone();
        // Biased: a reply the process sent just before exiting wins over the exit.
        tokio::select! {
            biased;
            reply = reply => settle(reply, id),
            status = exited.wait_for(Option::is_some) => {
                let status = status.ok().and_then(|s| s.clone()).unwrap_or_default();
                (self::exited(id, &status), Fate::Broken)
            }
            () = clock.sleep_until(Some(limit)) => {
                let message = format!(
                    "RequestId: {id} Error: Task timed out after {}.00 seconds",
                    timeout.as_secs()
                );
                (Outcome::Failed(error_document("Sandbox.Timedout", &message)), Fate::TimedOut)
            }
        }
    }

    /// The output since the last take.
    pub fn take_log(&self) -> String {
        self.output.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// The platform's own log line for an invocation that ended the process, written `now`.
    pub fn failure_note(
        &self,
        request_id: &str,
        timeout: u32,
        fate: Fate,
        now: time::OffsetDateTime,
    ) -> Option<String> {
        let stamp = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        match fate {
            Fate::Reusable => None,
            Fate::TimedOut => Some(format!(
                "{stamp} {request_id} Task timed out after {timeout}.00 seconds\n"
            )),
            Fate::Broken => self.exited.borrow().as_ref().map(|status| {
                format!("RequestId: {request_id} Error: Runtime exited with error: {status}\nRuntime.ExitError\n")
            }),
        }
    }
}

/// `Lambda-Runtime-Deadline-Ms` for an invocation with `timeout` from now. The process compares
/// it with its own system clock (`get_remaining_time_in_millis`), which the server's clock
/// cannot move, so it is wall-clock time: a manual clock ahead of the wall would otherwise
/// promise a handler days it does not have.
#[allow(
    clippy::disallowed_methods,
    reason = "the function's process reads the system clock"
)]
fn deadline_ms(timeout: Duration) -> u128 {
    let deadline = time::OffsetDateTime::now_utc() + timeout;
    (deadline.unix_timestamp_nanos() / 1_000_000) as u128
}

/// The outcome a reply from the process (or its absence) means.
fn settle(reply: Result<Reply, oneshot::error::RecvError>, id: &str) -> (Outcome, Fate) {
    match reply {
        Ok(Reply::Response(body)) => (Outcome::Response(body), Fate::Reusable),
        Ok(Reply::Error(body)) => (Outcome::Failed(body), Fate::Reusable),
        Ok(Reply::InitError(body)) => (Outcome::Failed(body), Fate::Broken),
        Err(_) => (exited(id, "the runtime is gone"), Fate::Broken),
    }
}

/// `Runtime.ExitError`, for a process that ended during invocation `request_id`.
fn exited(request_id: &str, status: &str) -> Outcome {
    Outcome::Failed(error_document(
        "Runtime.ExitError",
        &format!("RequestId: {request_id} Error: Runtime exited with error: {status}"),
    ))
}
