//! The engine's API for the control plane, beyond starting and stopping executions (which
//! `executions` offers): reading executions and Map Runs, waiting on them, and task tokens.
//! Reads hand a view of the records to a closure while the engine holds them, so responses
//! are built (and the rendered-once caches filled) without copying whole histories out.

use super::callbacks::{TokenError, WaitingTask};
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

    /// The tasks of the execution `arn` waiting for a task token now.
    pub fn waiting_tasks(&self, arn: &str) -> Vec<WaitingTask> {
        self.callbacks().waiting(arn)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asl::definition::Resource;
    use crate::asl::rendered::RenderedDefinition;
    use crate::asl::validate::{MachineType, check};
    use crate::clock::Clock;
    use crate::engine::core::ExecutionInfo;
    use crate::engine::executions::{RunSpec, StartRefused, Stored};
    use crate::engine::history::ErrorDetails;
    use crate::engine::tasks::{BoxFuture, StepFunctions, TaskCall, TaskTarget};
    use crate::protocol::WireError;
    use bytes::Bytes;
    use serde_json::json;
    use std::sync::{Arc, Weak};
    use time::OffsetDateTime;

    /// Task states have nothing to call: these tests run Pass and Wait states.
    #[derive(Debug)]
    struct NoTasks;

    impl TaskTarget for NoTasks {
        fn invoke<'a>(&'a self, _: TaskCall<'a>) -> BoxFuture<'a, Result<Value, Failure>> {
            Box::pin(async { Err(Failure::runtime("no tasks here")) })
        }

        fn cancellable(&self, _: &Resource) -> bool {
            false
        }
    }

    /// No control plane either: the handle the engine is given never upgrades.
    struct NoStepFunctions;

    impl StepFunctions for NoStepFunctions {
        fn activity_exists(&self, _: &str) -> bool {
            false
        }

        fn start_execution(
            &self,
            _: Option<&str>,
            _: Option<String>,
            _: String,
        ) -> Result<(String, OffsetDateTime), WireError> {
            Err(WireError::client("Unavailable", "no control plane"))
        }

        fn wait_for_execution<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Option<Summary>> {
            Box::pin(async { None })
        }

        fn stop_execution<'a>(&'a self, _: &'a str) -> BoxFuture<'a, ()> {
            Box::pin(async {})
        }

        fn call<'a>(&'a self, _: &'a str, _: &'a [u8]) -> BoxFuture<'a, Result<Bytes, WireError>> {
            Box::pin(async { Err(WireError::client("Unavailable", "no control plane")) })
        }
    }

    const MACHINE: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:m";

    fn engine() -> Arc<Executions> {
        let nobody: Weak<dyn StepFunctions> = Weak::<NoStepFunctions>::new();
        Arc::new(Executions::new(
            Clock::manual(),
            Arc::new(NoTasks),
            nobody,
            Stored::in_memory(),
        ))
    }

    fn spec(text: &str) -> RunSpec {
        RunSpec {
            definition: Arc::new(check(text, MachineType::Standard).definition.unwrap()),
            rendered: RenderedDefinition::new(text),
            revision_id: None,
            update_date: OffsetDateTime::UNIX_EPOCH,
            record_history: true,
            test_case: None,
        }
    }

    fn info(name: &str, now: OffsetDateTime) -> Arc<ExecutionInfo> {
        Arc::new(ExecutionInfo {
            execution_arn: format!("arn:aws:states:us-east-1:123456789012:execution:m:{name}"),
            name: name.into(),
            state_machine_arn: MACHINE.into(),
            state_machine_name: "m".into(),
            role_arn: "arn:aws:iam::123456789012:role/r".into(),
            region: "us-east-1".into(),
            input: json!({}),
            start_time: now,
            alias_arn: None,
            version_arn: None,
            express: false,
        })
    }

    #[tokio::test]
    async fn executions_are_started_read_listed_and_stopped_through_the_api() {
        let engine = engine();
        let now = engine.clock().now();
        let pass = spec(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#);
        let wait =
            spec(r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#);
        let (done, waiting) = (info("done", now), info("waiting", now));
        assert_eq!(
            engine.start(done.clone(), "{}".into(), pass.clone()),
            Ok(now)
        );
        assert_eq!(
            engine.start(waiting.clone(), "{}".into(), wait.clone()),
            Ok(now)
        );
        assert_eq!(
            engine.start(waiting.clone(), "{}".into(), wait),
            Ok(now),
            "a repeat"
        );
        let summary = engine.wait_until_done(&done.execution_arn).await.unwrap();
        assert_eq!(summary.status, Status::Succeeded);
        assert_eq!(
            engine.start(done.clone(), "{}".into(), pass),
            Err(StartRefused::AlreadyExists)
        );
        let running = ExecutionFilter {
            of: ExecutionsOf::Machine(MACHINE),
            status: Some("RUNNING"),
            redriven: None,
        };
        let listed = engine.list(&running, |page| {
            page.iter().map(|r| r.info.name.clone()).collect::<Vec<_>>()
        });
        assert_eq!(listed, vec!["waiting".to_owned()]);
        let stopped = engine
            .stop(&waiting.execution_arn, ErrorDetails::default())
            .await;
        assert!(stopped.is_some());
        assert_eq!(
            engine.read(&waiting.execution_arn, |r| r.status),
            Some(Status::Aborted)
        );
        assert_eq!(
            engine.stop("arn:nothing", ErrorDetails::default()).await,
            None
        );
    }
}
