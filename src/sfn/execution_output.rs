//! The responses of the operations that read executions and Map Runs, typed: built from the
//! records while their lock is held, and serialised once after it is released (building
//! `serde_json::Value`s first cost as much again as the serialisation).

use super::types::{
    CloudWatchEventsExecutionDataDetails, DescribeExecutionOutput, DescribeMapRunOutput,
    DescribeStateMachineForExecutionOutput, LoggingConfiguration, MapRunExecutionCounts,
    MapRunItemCounts, MapRunListItem, TracingConfiguration,
};
use super::wire::Timestamp;
use crate::asl::rendered::raw_json;
use crate::aws::numbers;
use crate::engine::core::MapRunStatus;
use crate::engine::executions::{ChildCounts, MapRunRecord, Record, Status};
use serde::Serialize;
use serde_json::value::RawValue;
use std::sync::Arc;
use time::OffsetDateTime;

/// One execution in a listing, as the wire shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecutionListView<'a> {
    execution_arn: &'a str,
    state_machine_arn: &'a str,
    name: &'a str,
    status: &'static str,
    start_date: Timestamp,
    redrive_count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop_date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redrive_date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_machine_version_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_machine_alias_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    map_run_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_count: Option<usize>,
}

/// GetExecutionHistory response, borrowing the events rendered in the record (it is encoded
/// while the records are locked).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetExecutionHistoryOutput<'a> {
    /// The page of events, rendered.
    pub events: Vec<&'a RawValue>,
    /// Where the next page starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// DescribeExecution's answer; `now` decides whether the redrive window is still open.
pub fn describe(record: &Record, now: OffsetDateTime) -> DescribeExecutionOutput {
    let info = &record.info;
    let (redrive_status, redrive_status_reason) = redrive_status(record, now);
    DescribeExecutionOutput {
        execution_arn: info.execution_arn.clone(),
        state_machine_arn: info.state_machine_arn.clone(),
        name: Some(info.name.clone()),
        status: record.status.name().to_owned(),
        start_date: Timestamp::from(info.start_time),
        input: Some(record.input_text.clone()),
        input_details: included(),
        redrive_count: Some(record.redrive_count.into()),
        redrive_date: record.redrive_date.map(Timestamp::from),
        stop_date: record.stop_date.map(Timestamp::from),
        output: record.output.as_ref().map(|output| output.to_string()),
        output_details: record.output.as_ref().and_then(|_| included()),
        error: record.error.error.clone(),
        cause: record.error.cause.clone(),
        state_machine_version_arn: info.version_arn.clone(),
        state_machine_alias_arn: info.alias_arn.clone(),
        map_run_arn: record.map_run.as_deref().map(str::to_owned),
        trace_header: None,
        redrive_status: Some(redrive_status.to_owned()),
        redrive_status_reason,
    }
}

/// `inputDetails` / `outputDetails`: the data is always included.
fn included() -> Option<CloudWatchEventsExecutionDataDetails> {
    Some(CloudWatchEventsExecutionDataDetails {
        included: Some(true),
    })
}

/// `redriveStatus`, and `redriveStatusReason` when the execution cannot be redriven.
fn redrive_status(record: &Record, now: OffsetDateTime) -> (&'static str, Option<String>) {
    let ended_badly = matches!(
        record.status,
        Status::Failed | Status::TimedOut | Status::Aborted
    );
    match record.not_redrivable(now) {
        // A Map Run's child is redriven with its run, never on its own.
        _ if record.map_run.is_some() && ended_badly => ("REDRIVABLE_BY_MAP_RUN", None),
        None => ("REDRIVABLE", None),
        Some(reason) => ("NOT_REDRIVABLE", Some(reason)),
    }
}

/// `record` as ListExecutions shows it, rendered; the record keeps it until the execution
/// changes (see [`Record::listing`]), since serialising every item (ARNs, timestamps) was most
/// of what answering a listing cost.
pub fn listing(record: &mut Record) -> Arc<RawValue> {
    record.listing(|record| raw_json(&list_view(record)))
}

fn list_view(record: &Record) -> ExecutionListView<'_> {
    let info = &record.info;
    ExecutionListView {
        execution_arn: &info.execution_arn,
        state_machine_arn: &info.state_machine_arn,
        name: &info.name,
        status: record.status.name(),
        start_date: Timestamp::from(info.start_time),
        redrive_count: record.redrive_count,
        stop_date: record.stop_date.map(Timestamp::from),
        redrive_date: record.redrive_date.map(Timestamp::from),
        state_machine_version_arn: info.version_arn.as_deref(),
        state_machine_alias_arn: info.alias_arn.as_deref(),
        map_run_arn: record.map_run.as_deref(),
        item_count: record.map_run.as_ref().map(|_| record.items),
    }
}

/// DescribeStateMachineForExecution's answer for `record`, whose machine has these settings;
/// `label` is that of the ARN it runs, which for a Map Run's child is
/// `<stateMachineArn>/<label>`.
pub fn machine_for_execution(
    record: &Record,
    (logging_configuration, tracing_configuration): (LoggingConfiguration, TracingConfiguration),
    label: Option<String>,
) -> DescribeStateMachineForExecutionOutput {
    let spec = &record.revision;
    let (map_run_arn, label) = match (&record.map_run, label) {
        (Some(map_run), Some(label)) => (Some(map_run.to_string()), Some(label)),
        _ => (None, None),
    };
    DescribeStateMachineForExecutionOutput {
        state_machine_arn: record.info.state_machine_arn.clone(),
        name: record.info.state_machine_name.clone(),
        definition: spec.rendered.text(),
        role_arn: record.info.role_arn.clone(),
        update_date: Timestamp::from(spec.update_date),
        logging_configuration: Some(logging_configuration),
        tracing_configuration: Some(tracing_configuration),
        revision_id: spec.revision_id.clone(),
        encryption_configuration: None,
        variable_references: spec.rendered.variable_references(),
        map_run_arn,
        label,
    }
}

/// `counts` out of `total`, as either of DescribeMapRun's count shapes (the model gives items
/// and executions two shapes with the same members).
macro_rules! counts {
    ($shape:ident, $counts:expr, $total:expr) => {{
        let (counts, total): (&ChildCounts, i64) = ($counts, numbers::long($total));
        $shape {
            pending: total.saturating_sub(numbers::long(counts.started)),
            running: numbers::long(counts.running),
            succeeded: numbers::long(counts.succeeded),
            failed: numbers::long(counts.failed),
            timed_out: numbers::long(counts.timed_out),
            aborted: numbers::long(counts.aborted),
            total,
            results_written: numbers::long(counts.succeeded),
            failures_not_redrivable: Some(0),
            pending_redrive: Some(0),
        }
    }};
}

/// DescribeMapRun's answer for `run`.
pub fn describe_map_run(run: &MapRunRecord) -> DescribeMapRunOutput {
    let status = match run.ended {
        None => "RUNNING",
        Some((MapRunStatus::Succeeded, _)) => "SUCCEEDED",
        Some((MapRunStatus::Failed, _)) => "FAILED",
        Some((MapRunStatus::Aborted, _)) => "ABORTED",
    };
    DescribeMapRunOutput {
        map_run_arn: run.start.map_run_arn.to_string(),
        execution_arn: run.start.execution_arn.to_string(),
        status: status.to_owned(),
        start_date: Timestamp::from(run.start.start_time),
        max_concurrency: numbers::long(run.limits.max_concurrency),
        tolerated_failure_percentage: run.limits.tolerated_failure_percentage.unwrap_or(0.0),
        tolerated_failure_count: numbers::long(run.limits.tolerated_failure_count.unwrap_or(0)),
        // itemCounts count items, executionCounts child executions: the same numbers unless
        // an ItemBatcher gives each child a batch of items.
        item_counts: counts!(MapRunItemCounts, &run.item_counts, run.start.items),
        execution_counts: counts!(MapRunExecutionCounts, &run.counts, run.start.children),
        redrive_count: Some(run.redrive_count.into()),
        stop_date: run.ended.map(|(_, stop)| Timestamp::from(stop)),
        redrive_date: run.redrive_date.map(Timestamp::from),
    }
}

/// ListMapRuns' item for `run`.
pub fn map_run_item(run: &MapRunRecord) -> MapRunListItem {
    MapRunListItem {
        execution_arn: run.start.execution_arn.to_string(),
        map_run_arn: run.start.map_run_arn.to_string(),
        state_machine_arn: run.start.state_machine_arn.to_string(),
        start_date: Timestamp::from(run.start.start_time),
        stop_date: run.ended.map(|(_, stop)| Timestamp::from(stop)),
    }
}
