//! A driver's Map Run reports, applied to the Map Run records and their children's records.

use super::{ChildCounts, Control, Live, MapRunRecord, Record, Revision};
use crate::engine::core::{ExecutionInfo, MapRunStart, MapRunStatus, Outcome, Report};
use crate::engine::history::HistoryEvent;
use crate::store::Rows;
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// The records one publication's reports change, locked.
pub(super) struct Reports<'a> {
    /// Executions, Map Run children included.
    pub(super) records: &'a mut dyn Rows<Record>,
    /// Map Runs.
    pub(super) runs: &'a mut dyn Rows<MapRunRecord>,
    /// The driver's commands, for the Map Runs it (re)starts.
    pub(super) control: Option<mpsc::UnboundedSender<Control>>,
}

impl Reports<'_> {
    /// Applies one report.
    pub(super) fn apply(&mut self, report: Report) {
        match report {
            Report::MapRunStarted(start) => self.run_started(*start),
            Report::MapRunEnded {
                map_run_arn,
                status,
                time,
            } => self.run_ended(&map_run_arn, status, time),
            Report::ChildStarted {
                map_run_arn,
                info,
                items,
            } => self.child_started(map_run_arn, info, items),
            Report::MapRunRedriven {
                map_run_arn,
                redrive_count,
                time,
            } => self.run_redriven(&map_run_arn, redrive_count, time),
            Report::ChildRedriven {
                execution_arn,
                time,
            } => self.child_redriven(&execution_arn, time),
            Report::ChildEvent {
                execution_arn,
                event,
            } => self.child_event(&execution_arn, event),
            Report::ChildEnded {
                execution_arn,
                outcome,
                time,
            } => self.child_ended(&execution_arn, &outcome, time),
        }
    }

    fn run_started(&mut self, start: MapRunStart) {
        // The children's records show what they run: the item processor, of the revision
        // their execution runs.
        let Some(parent) = self.records.get(&start.execution_arn) else {
            return;
        };
        let child_revision = Revision {
            rendered: start.definition.clone(),
            record_history: !start.express,
            ..parent.revision.clone()
        };
        let run = MapRunRecord {
            limits: start.limits,
            counts: ChildCounts::default(),
            item_counts: ChildCounts::default(),
            ended: None,
            redrive_count: 0,
            redrive_date: None,
            child_revision,
            control: self.control.clone(),
            start,
        };
        self.runs.insert(run.start.map_run_arn.to_string(), run);
    }

    fn run_ended(&mut self, map_run_arn: &str, status: MapRunStatus, time: OffsetDateTime) {
        if let Some(run) = self.runs.get_mut(map_run_arn) {
            run.ended = Some((status, time));
            run.control = None;
        }
    }

    fn child_started(&mut self, map_run_arn: Arc<str>, info: Arc<ExecutionInfo>, items: usize) {
        let Some(run) = self.runs.get_mut(&map_run_arn) else {
            return;
        };
        run.counts.started(1);
        run.item_counts.started(items as u64);
        let input_text = info.input.to_string();
        let arn = info.execution_arn.clone();
        let revision = run.child_revision.clone();
        let live = Live::default();
        let mut record = Record::new(info, input_text, revision, Some(map_run_arn), live);
        record.items = items;
        self.records.insert(arn, record);
    }

    fn run_redriven(&mut self, map_run_arn: &str, redrive_count: u32, time: OffsetDateTime) {
        if let Some(run) = self.runs.get_mut(map_run_arn) {
            run.ended = None;
            run.control = self.control.clone();
            run.redrive_count = redrive_count;
            run.redrive_date = Some(time);
        }
    }

    fn child_redriven(&mut self, execution_arn: &str, time: OffsetDateTime) {
        let Some(child) = self.records.get_mut(execution_arn) else {
            return;
        };
        let run = child
            .map_run
            .as_deref()
            .and_then(|arn| self.runs.get_mut(arn));
        if let Some(run) = run {
            run.counts.reopened(child.status, 1);
            run.item_counts.reopened(child.status, child.items as u64);
        }
        child.reopen(time);
        child.changed();
    }

    fn child_event(&mut self, execution_arn: &str, event: HistoryEvent) {
        if let Some(child) = self.records.get_mut(execution_arn) {
            child.history.push(event);
            child.changed();
        }
    }

    fn child_ended(&mut self, execution_arn: &str, outcome: &Outcome, time: OffsetDateTime) {
        let Some(child) = self.records.get_mut(execution_arn) else {
            return;
        };
        child.end(outcome, time);
        let run = child
            .map_run
            .as_deref()
            .and_then(|arn| self.runs.get_mut(arn));
        if let Some(run) = run {
            run.counts.ended(outcome, 1);
            run.item_counts.ended(outcome, child.items as u64);
        }
    }
}
