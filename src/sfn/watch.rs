//! Following executions without polling, for test harnesses and the console: waiting until
//! one ends (`GET /_stepstone/executions/wait`) and a feed of its history events as they are
//! recorded (`GET /_stepstone/executions/events`). Both ride on the engine's change
//! notifications.

use super::Sfn;
use super::arn::{self, Resource};
use super::error::{SfnError, SfnResult};
use super::execution_output::describe;
use super::executions::{ExecutionRequest, checked_execution};
use super::types::DescribeExecutionInput;
use super::wire::Timestamp;
use crate::engine::executions::{Status, Summary};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

impl Sfn {
    /// Waits until the execution leaves RUNNING, or `timeout` passes, and answers what
    /// DescribeExecution answers then (RUNNING after a timeout). Express executions started
    /// with StartExecution, which DescribeExecution does not serve, get the same description.
    /// The timeout is the harness's real time, whatever the server's clock does.
    #[allow(
        clippy::disallowed_methods,
        reason = "a request's timeout, not a workflow's wait"
    )]
    pub async fn wait_for_end(
        &self,
        execution_arn: Option<&str>,
        timeout: Duration,
    ) -> SfnResult<Value> {
        let arn = execution_arn.unwrap_or_default();
        if let Some(summary) = self.executions.watch_express(arn) {
            return self.wait_for_express(arn, summary, timeout).await;
        }
        let recorded = self.executions.exists(arn);
        if !recorded && matches!(arn::parse(arn), Ok(Resource::Express)) {
            return Err(SfnError::ExecutionDoesNotExist(arn.to_owned()));
        }
        let ended = self
            .executions
            .wait_until(arn, |r| r.status != Status::Running);
        let _ = tokio::time::timeout(timeout, ended).await;
        let described = self.describe_execution(DescribeExecutionInput {
            execution_arn: execution_arn.map(str::to_owned),
            included_data: None,
        })?;
        Ok(json!(described))
    }

    #[allow(
        clippy::disallowed_methods,
        reason = "a request's timeout, not a workflow's wait"
    )]
    async fn wait_for_express(
        &self,
        arn: &str,
        mut summary: watch::Receiver<Summary>,
        timeout: Duration,
    ) -> SfnResult<Value> {
        let ended = summary.wait_for(|s| s.status != Status::Running);
        let _ = tokio::time::timeout(timeout, ended).await;
        // A reset forgets it while we wait.
        match self.executions.watch_express(arn) {
            Some(_) => Ok(describe_summary(&summary.borrow())),
            None => Err(SfnError::ExecutionDoesNotExist(arn.to_owned())),
        }
    }

    /// The tasks of a standard execution that wait for a task token now, for the console to
    /// answer: `{"tasks": [{"taskToken", "activityInput"?}]}`. Read-only: unlike
    /// GetActivityTask, listing hands no task to anyone.
    pub fn waiting_tasks(&self, execution_arn: Option<&str>) -> SfnResult<Value> {
        let arn = checked_execution(&ExecutionRequest::naming(execution_arn))?;
        if !self.executions.exists(&arn) {
            return Err(SfnError::ExecutionDoesNotExist(arn));
        }
        let tasks: Vec<Value> = (self.executions.waiting_tasks(&arn).into_iter())
            .map(|task| match task.activity_input {
                Some(input) => json!({ "taskToken": task.task_token, "activityInput": input }),
                None => json!({ "taskToken": task.task_token }),
            })
            .collect();
        Ok(json!({ "tasks": tasks }))
    }

    /// The mock configuration's test cases for the state machine named `machine`:
    /// `{"loaded": bool, "testCases": [...]}`, so the console can offer `#TestCase` starts.
    pub fn mock_test_cases(&self, machine: &str) -> Value {
        let names = (self.mock_config.as_ref()).map(|config| config.test_case_names(machine));
        json!({ "loaded": names.is_some(), "testCases": names.unwrap_or_default() })
    }

    /// A feed of a standard execution's history events with ids above `after` (0 for all),
    /// as they are recorded. Refused as GetExecutionHistory refuses: express executions keep
    /// no history.
    pub fn history_feed(
        self: &Arc<Self>,
        execution_arn: Option<&str>,
        after: u64,
    ) -> SfnResult<HistoryFeed> {
        let arn = checked_execution(&ExecutionRequest::naming(execution_arn))?;
        let changes = self
            .executions
            .changes(&arn)
            .ok_or_else(|| SfnError::ExecutionDoesNotExist(arn.clone()))?;
        Ok(HistoryFeed {
            sfn: self.clone(),
            arn,
            next: usize::try_from(after).unwrap_or(usize::MAX),
            changes,
            ended: false,
        })
    }
}

/// What a [`HistoryFeed`] yields.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedItem {
    /// A history event, as GetExecutionHistory shows it.
    Event {
        /// Its id.
        id: u64,
        /// The event.
        event: Value,
    },
    /// The execution has ended and every event was given: DescribeExecution's answer.
    End(Value),
}

/// One execution's history as it grows; see [`Sfn::history_feed`].
#[derive(Debug)]
pub struct HistoryFeed {
    sfn: Arc<Sfn>,
    arn: String,
    /// The index of the next event to give (event ids count from 1).
    next: usize,
    changes: watch::Receiver<u64>,
    ended: bool,
}

impl HistoryFeed {
    /// The next event, waiting until it is recorded; then the end. `None` after the end, and
    /// when the execution is gone (a reset).
    pub async fn next(&mut self) -> Option<FeedItem> {
        while !self.ended {
            if let Some(item) = self.take()? {
                return Some(item);
            }
            self.changes.changed().await.ok()?;
        }
        None
    }

    /// What is there to give now: `Some(None)` when nothing yet, `None` when the execution is
    /// gone.
    fn take(&mut self) -> Option<Option<FeedItem>> {
        let now = self.sfn.executions.clock().now();
        let executions = &self.sfn.executions;
        executions.read(&self.arn, |record| {
            if let Some(event) = record.history.get(self.next) {
                self.next += 1;
                let event = event.to_wire(true);
                let id = event["id"].as_u64().unwrap_or_default();
                return Some(FeedItem::Event { id, event });
            }
            if record.status == Status::Running {
                return None;
            }
            self.ended = true;
            Some(FeedItem::End(json!(describe(record, now))))
        })
    }
}

/// DescribeExecution's answer for an express execution started with StartExecution.
fn describe_summary(summary: &Summary) -> Value {
    let mut response = json!({
        "executionArn": summary.execution_arn,
        "stateMachineArn": summary.state_machine_arn,
        "name": summary.name,
        "status": summary.status.name(),
        "startDate": Timestamp::from(summary.start),
        "input": summary.input,
        "inputDetails": { "included": true },
    });
    if let Some(stop) = summary.stop {
        response["stopDate"] = json!(Timestamp::from(stop));
    }
    if let Some(output) = &summary.output {
        response["output"] = json!(output);
        response["outputDetails"] = json!({ "included": true });
    }
    if let Some(error) = &summary.error.error {
        response["error"] = json!(error);
    }
    if let Some(cause) = &summary.error.cause {
        response["cause"] = json!(cause);
    }
    response
}
