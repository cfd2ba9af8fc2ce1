//! Express executions started with StartExecution. They run in the background and keep no
//! history (as on AWS, where DescribeExecution does not serve them), but Stepstone remembers how
//! each one stands, so a test harness can wait for it and a reset can stop it.

use super::core::{ExecutionInfo, Outcome};
use super::executions::{Status, Summary};
use super::history::ErrorDetails;
use super::workers::Workers;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use time::OffsetDateTime;
use tokio::sync::watch;
use tokio::task::AbortHandle;

/// The express executions started in the background, by ARN, until a reset.
#[derive(Debug, Default)]
pub struct ExpressRuns {
    runs: Mutex<HashMap<String, ExpressRun>>,
}

#[derive(Debug)]
struct ExpressRun {
    /// How it stands: RUNNING until the task ends.
    summary: watch::Sender<Summary>,
    task: AbortHandle,
}

impl ExpressRuns {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, ExpressRun>> {
        self.runs.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `execution` (an express execution of `info` to its end) on `workers` and
    /// records its outcome, with the time `now` gives when it ends.
    pub fn start(
        self: &Arc<Self>,
        workers: &Workers,
        info: Arc<ExecutionInfo>,
        input_text: String,
        execution: impl Future<Output = Outcome> + Send + 'static,
        now: impl Fn() -> OffsetDateTime + Send + 'static,
    ) {
        super::log::started(&info, "express");
        let arn = info.execution_arn.clone();
        let (summary, _) = watch::channel(Summary::running(&info, input_text));
        let runs = self.clone();
        let key = arn.clone();
        // Held while spawning, so the task cannot end before its run is recorded.
        let mut locked = self.lock();
        let task = workers.spawn(async move {
            let outcome = execution.await;
            let now = now();
            super::log::express_ended(&info, &outcome, now);
            if let Some(run) = runs.lock().get(&key) {
                run.summary.send_modify(|s| s.end(&outcome, now));
            }
        });
        let task = task.abort_handle();
        locked.insert(arn, ExpressRun { summary, task });
    }

    /// How the execution `arn` stands, and changes to it; `None` when it is not one of these.
    pub fn watch(&self, arn: &str) -> Option<watch::Receiver<Summary>> {
        self.lock().get(arn).map(|run| run.summary.subscribe())
    }

    /// Stops every running one and forgets them all; how many there were and how many ran.
    pub fn reset(&self) -> (usize, usize) {
        let runs = std::mem::take(&mut *self.lock());
        let mut running = 0;
        for run in runs.values() {
            if run.summary.borrow().status == Status::Running {
                running += 1;
                // Dropping the execution cancels the tasks it was running.
                run.task.abort();
            }
        }
        (runs.len(), running)
    }
}

impl Summary {
    /// A just-started execution.
    pub fn running(info: &ExecutionInfo, input_text: String) -> Summary {
        Summary {
            execution_arn: info.execution_arn.clone(),
            name: info.name.clone(),
            state_machine_arn: info.state_machine_arn.clone(),
            status: Status::Running,
            input: input_text,
            output: None,
            error: ErrorDetails::default(),
            start: info.start_time,
            stop: None,
        }
    }

    /// Records how an express execution ended.
    fn end(&mut self, outcome: &Outcome, now: OffsetDateTime) {
        if let Outcome::Succeeded(output) = outcome {
            self.output = Some(output.to_string());
        }
        (self.status, self.error) = status_of(outcome);
        self.stop = Some(now);
    }
}

/// An express execution's status and error for `outcome`. Only a reset stops one, so a stop
/// counts as a failure, as StartSyncExecution reports it.
pub fn status_of(outcome: &Outcome) -> (Status, ErrorDetails) {
    match outcome {
        Outcome::Succeeded(_) => (Status::Succeeded, ErrorDetails::default()),
        Outcome::Failed(e) | Outcome::Aborted(e) => (Status::Failed, e.clone()),
        Outcome::TimedOut(e) => (Status::TimedOut, e.clone()),
    }
}
