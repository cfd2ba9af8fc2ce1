//! Task resources: what a Task state's `Resource` calls. Service fakes (Lambda, SQS, SNS,
//! DynamoDB, ...) arrive in later versions; until then every resource fails the task with
//! `States.Runtime`, which is never retried, so a workflow stops at once with a cause that says
//! exactly what is missing.

use crate::asl::definition::Resource;
use crate::asl::errors::Failure;
use serde_json::Value;

/// Performs a Task's work.
pub async fn invoke(resource: &Resource, _parameters: &Value) -> Result<Value, Failure> {
    Err(Failure::runtime(format!(
        "The resource '{}' is not available: Stepstone does not run service integrations yet",
        resource.arn
    )))
}
