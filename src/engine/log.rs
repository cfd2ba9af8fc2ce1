//! The engine's log lines, at info: each execution's start and end, with the error and cause of
//! one that did not succeed, so a test's failed execution can be read from the log.

use super::core::{ExecutionInfo, Outcome};
use super::executions::Status;
use super::history::ErrorDetails;
use time::OffsetDateTime;

/// An execution started (`kind`: `standard`, `express` or `sync express`).
pub fn started(info: &ExecutionInfo, kind: &'static str) {
    tracing::info!(
        execution_arn = %info.execution_arn,
        state_machine = %info.state_machine_name,
        %kind,
        "execution started"
    );
}

/// An express execution ended at `now` with `outcome`.
pub fn express_ended(info: &ExecutionInfo, outcome: &Outcome, now: OffsetDateTime) {
    let (status, error) = super::express::status_of(outcome);
    ended(info, status, &error, now);
}

/// An execution ended at `now` (the engine's clock) with `status`.
pub fn ended(info: &ExecutionInfo, status: Status, error: &ErrorDetails, now: OffsetDateTime) {
    let arn = &info.execution_arn;
    let status = status.name();
    let duration_ms = (now - info.start_time).whole_milliseconds();
    match (&error.error, &error.cause) {
        (None, None) => {
            tracing::info!(execution_arn = %arn, %status, duration_ms, "execution ended")
        }
        (error, cause) => tracing::info!(
            execution_arn = %arn,
            %status,
            duration_ms,
            error = %error.as_deref().unwrap_or_default(),
            cause = cause.as_deref().unwrap_or_default(),
            "execution ended"
        ),
    }
}
