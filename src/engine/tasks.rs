//! The seam between the engine and what its Task states call. The engine defines both sides
//! here and imports neither: [`TaskTarget`] performs a Task's work (the integrations implement
//! it, and the engine holds one from its construction); [`StepFunctions`] is the control plane
//! as Task states and activity tasks reach it (the control plane implements it), handed to the
//! target with every call rather than held by it, so nothing loops back at run time.

use super::executions::Summary;
use crate::asl::definition::Resource;
use crate::asl::errors::Failure;
use crate::protocol::WireError;
use bytes::Bytes;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use time::OffsetDateTime;

/// A boxed future, as the trait objects here return them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What performs Task states' work.
pub trait TaskTarget: Send + Sync + std::fmt::Debug {
    /// Performs `call`'s work: the task's result, or how it failed.
    fn invoke<'a>(&'a self, call: TaskCall<'a>) -> BoxFuture<'a, Result<Value, Failure>>;

    /// Whether abandoning a call of `resource` should stop its work (a `.sync` nested
    /// execution is stopped with its parent, as on AWS; a running Lambda function is not).
    fn cancellable(&self, resource: &Resource) -> bool;
}

/// One Task call.
pub struct TaskCall<'a> {
    /// The state's `Resource`.
    pub resource: &'a Resource,
    /// Its effective parameters.
    pub parameters: &'a Value,
    /// Receives the first response of a call that then keeps running (`.sync`), for the
    /// `TaskSubmitted` event.
    pub submitted: Box<dyn FnOnce(Value) + Send + 'a>,
    /// Step Functions, for nested executions and `aws-sdk:sfn:*`; `None` once the service is
    /// gone (the server is shutting down).
    pub step_functions: Option<Arc<dyn StepFunctions>>,
}

/// The Step Functions control plane as the engine and its Task targets reach it.
pub trait StepFunctions: Send + Sync {
    /// Whether an activity exists; tasks of unknown (or deleted) activities fail to schedule.
    fn activity_exists(&self, activity_arn: &str) -> bool;

    /// Starts an execution of `machine_arn` (a version or alias ARN too), as StartExecution
    /// would: its ARN and start date. `None` is a request without one, which StartExecution
    /// refuses as the model says.
    fn start_execution(
        &self,
        machine_arn: Option<&str>,
        name: Option<String>,
        input: String,
    ) -> Result<(String, OffsetDateTime), WireError>;

    /// Waits for a standard execution to end; `None` if there is no such execution.
    fn wait_for_execution<'a>(&'a self, execution_arn: &'a str) -> BoxFuture<'a, Option<Summary>>;

    /// Stops an execution nobody waits for any more.
    fn stop_execution<'a>(&'a self, execution_arn: &'a str) -> BoxFuture<'a, ()>;

    /// Runs an API operation on a JSON request body (`aws-sdk:sfn:*`).
    fn call<'a>(
        &'a self,
        operation: &'a str,
        body: &'a [u8],
    ) -> BoxFuture<'a, Result<Bytes, WireError>>;
}
