//! Step Functions as the engine's Task states reach it: nested executions
//! (`states:startExecution`), `aws-sdk:sfn:*` and activity lookups.

use super::Sfn;
use super::executions::nested_start;
use crate::engine::executions::Summary;
use crate::engine::history::ErrorDetails;
use crate::engine::tasks::{BoxFuture, StepFunctions};
use crate::protocol::WireError;
use bytes::Bytes;
use time::OffsetDateTime;

impl StepFunctions for Sfn {
    fn activity_exists(&self, activity_arn: &str) -> bool {
        self.lock().activities.contains_key(activity_arn)
    }

    fn start_execution(
        &self,
        machine_arn: Option<&str>,
        name: Option<String>,
        input: String,
    ) -> Result<(String, OffsetDateTime), WireError> {
        let request = nested_start(machine_arn, name, input);
        Ok(self.start(&request)?)
    }

    fn wait_for_execution<'a>(&'a self, execution_arn: &'a str) -> BoxFuture<'a, Option<Summary>> {
        Box::pin(Sfn::wait_for_execution(self, execution_arn))
    }

    /// The `.sync` task that started the execution was abandoned (its parent stopped, failed
    /// or timed out, or the task itself timed out).
    fn stop_execution<'a>(&'a self, execution_arn: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            (self.executions)
                .stop(execution_arn, ErrorDetails::default())
                .await;
        })
    }

    fn call<'a>(
        &'a self,
        operation: &'a str,
        body: &'a [u8],
    ) -> BoxFuture<'a, Result<Bytes, WireError>> {
        Box::pin(Sfn::call(self, operation, body))
    }
}
