//! The engine's API for the control plane, beyond starting and stopping executions (which
//! `executions` offers): reading executions and Map Runs, waiting on them, and task tokens.
//! Reads hand a view of the records to a closure while the engine holds them, so responses
//! are built (and the rendered-once caches filled) without copying whole histories out.

use super::callbacks::TokenError;
use super::executions::{Executions, MapRunRecord, Record, Status, Summary};
use crate::asl::errors::Failure;
use serde_json::Value;
use std::time::Duration;
use tokio::sync::watch;

/// Which executions ListExecutions lists.
#[derive(Debug, Clone, Copy)]
pub struct ExecutionFilter<'a> {
    /// Of a state machine, or the children of a Map Run.
    pub of: ExecutionsOf<'a>,
    /// Only those with this status (its wire name).
    pub status: Option<&'a str>,
    /// Only those redriven (`true`) or never redriven (`false`).
    pub redriven: Option<bool>,
}

/// Whose executions a listing holds.
#[derive(Debug, Clone, Copy)]
pub enum ExecutionsOf<'a> {
    /// A state machine's (its unqualified ARN), all of them.
    Machine(&'a str),
    /// A state machine's started through this version.
    Version(&'a str, &'a str),
    /// A state machine's started through this alias.
    Alias(&'a str, &'a str),
    /// A Map Run's child executions.
    MapRun(&'a str),
}

impl ExecutionFilter<'_> {
    fn matches(&self, record: &Record) -> bool {
        let info = &record.info;
        let of = match self.of {
            ExecutionsOf::Machine(machine) => info.state_machine_arn == machine,
            ExecutionsOf::Version(machine, version) => {
                info.state_machine_arn == machine && info.version_arn.as_deref() == Some(version)
            }
            ExecutionsOf::Alias(machine, alias) => {
                info.state_machine_arn == machine && info.alias_arn.as_deref() == Some(alias)
            }
            ExecutionsOf::MapRun(map_run) => record.map_run.as_deref() == Some(map_run),
        };
        of && self.status.is_none_or(|s| s == record.status.name())
            && self
                .redriven
                .is_none_or(|r| r == (record.redrive_count > 0))
    }
}

impl Executions {
    /// Whether a standard execution (or a Map Run's child) is recorded under `arn`.
    pub fn exists(&self, arn: &str) -> bool {
        self.lock().contains_key(arn)
    }

    /// Reads the record of `arn` (DescribeExecution, DescribeStateMachineForExecution, the
    /// history's pages); `None` if there is no such execution.
    pub fn read<T>(&self, arn: &str, read: impl FnOnce(&mut Record) -> T) -> Option<T> {
        self.lock().get_mut(arn).map(read)
    }

    /// ListExecutions: the executions `filter` matches, newest first (running ones by their
    /// start, ended ones by their end), handed to `page`.
    pub fn list<T>(
        &self,
        filter: &ExecutionFilter<'_>,
        page: impl FnOnce(&mut [&mut Record]) -> T,
    ) -> T {
        let mut records = self.lock();
        let mut matching: Vec<&mut Record> =
            records.values_mut().filter(|r| filter.matches(r)).collect();
        matching.sort_by(|a, b| {
            let key = |r: &Record| r.stop_date.unwrap_or(r.info.start_time);
            key(b)
                .cmp(&key(a))
                .then_with(|| b.info.execution_arn.cmp(&a.info.execution_arn))
        });
        page(&mut matching)
    }

    /// Whether a Map Run is recorded under `arn`.
    pub fn map_run_exists(&self, arn: &str) -> bool {
        self.map_runs().contains_key(arn)
    }

    /// Reads the Map Run `arn` (DescribeMapRun); `None` if there is no such run.
    pub fn read_map_run<T>(&self, arn: &str, read: impl FnOnce(&MapRunRecord) -> T) -> Option<T> {
        self.map_runs().get(arn).map(read)
    }

    /// ListMapRuns: the Map Runs of `execution_arn`, newest first, handed to `page`; `None` if
    /// there is no such execution.
    pub fn list_map_runs<T>(
        &self,
        execution_arn: &str,
        page: impl FnOnce(Vec<&MapRunRecord>) -> T,
    ) -> Option<T> {
        if !self.exists(execution_arn) {
            return None;
        }
        let runs = self.map_runs();
        let mut matching: Vec<&MapRunRecord> = runs
            .values()
            .filter(|run| *run.start.execution_arn == *execution_arn)
            .collect();
        matching.sort_by(|a, b| {
            (b.start.start_time, &b.start.map_run_arn)
                .cmp(&(a.start.start_time, &a.start.map_run_arn))
        });
        Some(page(matching))
    }

    /// Waits until a standard execution has ended and describes it; `None` if there is no
    /// such execution.
    pub async fn wait_until_done(&self, arn: &str) -> Option<Summary> {
        self.wait_until(arn, |record| record.status != Status::Running)
            .await?;
        self.read(arn, |record| record.summary())
    }

    /// Tells of every change to a standard execution's record (new history, its end); `None`
    /// if there is no such execution. The sender goes when the record does (a reset).
    pub fn changes(&self, arn: &str) -> Option<watch::Receiver<u64>> {
        self.lock().get(arn).map(Record::subscribe)
    }

    /// Waits until `reached` holds for a standard execution's record; `None` if there is no
    /// such execution.
    pub async fn wait_until(&self, arn: &str, reached: impl Fn(&Record) -> bool) -> Option<()> {
        // Subscribed before the first look, so no change between the two is missed.
        let mut changes = self.changes(arn)?;
        loop {
            if reached(self.lock().get(arn)?) {
                return Some(());
            }
            changes.changed().await.ok()?;
        }
    }

    /// How an express execution started with StartExecution stands, and changes to it;
    /// `None` when it is not one of those.
    pub fn watch_express(&self, arn: &str) -> Option<watch::Receiver<Summary>> {
        self.express.watch(arn)
    }

    /// Whether a task waits for `task_token` (AWS checks the token before the output).
    pub fn check_task_token(&self, task_token: &str) -> Result<(), TokenError> {
        self.callbacks().check(task_token)
    }

    /// SendTaskSuccess / SendTaskFailure: completes the task waiting for `task_token`.
    pub fn complete_task(
        &self,
        task_token: &str,
        result: Result<Value, Failure>,
    ) -> Result<(), TokenError> {
        self.callbacks().complete(task_token, result)
    }

    /// SendTaskHeartbeat: the task waiting for `task_token` is still being worked on.
    pub fn heartbeat_task(&self, task_token: &str) -> Result<(), TokenError> {
        self.callbacks().heartbeat(task_token)
    }

    /// GetActivityTask: the next task of `activity` for a worker, waiting up to `timeout`;
    /// its token and input.
    pub async fn poll_activity(
        &self,
        activity: &str,
        worker_name: Option<String>,
        timeout: Duration,
    ) -> Option<(String, String)> {
        self.callbacks().poll(activity, worker_name, timeout).await
    }
}
