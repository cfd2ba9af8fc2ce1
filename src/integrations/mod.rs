//! Task resources: what a Task state's `Resource` calls.
//!
//! Step Functions itself (`arn:aws:states:::states:startExecution[.sync[:2]]`), Lambda
//! (`lambda:invoke` and function ARNs) and both services' `aws-sdk:sfn:*` / `aws-sdk:lambda:*`
//! run in process. The other service fakes (SQS, SNS,
//! DynamoDB, ...) arrive in later versions; until then their resources fail the task with
//! `States.Runtime`, which is never retried, so a workflow stops at once with a cause that says
//! exactly what is missing.

mod aws_sdk;
mod lambda;
pub mod lambda_forward;
pub mod schema;
mod sdk_metadata;
mod states;

use crate::asl::definition::{IntegrationPattern, Resource, ResourceKind};
use crate::asl::errors::Failure;
use crate::clock::Clock;
use crate::engine::tasks::{BoxFuture, TaskCall, TaskTarget};
use crate::services::lambda::Lambda;
use lambda::LambdaTarget;
use lambda_forward::LambdaEndpoint;
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// The services Task states can call: the engine's [`TaskTarget`].
#[derive(Debug)]
pub struct Integrations {
    lambda: OnceLock<LambdaTarget>,
    /// The server's clock, which dates the responses integrations make up.
    clock: Clock,
}

impl Integrations {
    /// No services connected yet; responses are dated by `clock`.
    pub fn new(clock: Clock) -> Self {
        Integrations {
            lambda: OnceLock::new(),
            clock,
        }
    }

    /// Connects the Lambda service, unless Lambda tasks are forwarded elsewhere.
    pub fn connect_lambda(&self, lambda: &Arc<Lambda>) {
        let _ = self.lambda.set(LambdaTarget::InProcess(lambda.clone()));
    }

    /// Sends Lambda tasks to another Lambda-compatible endpoint (`LAMBDA_ENDPOINT`); call it
    /// before [`Integrations::connect_lambda`], which then changes nothing.
    pub fn forward_lambda(&self, endpoint: LambdaEndpoint) {
        let _ = self.lambda.set(LambdaTarget::Forward(endpoint));
    }

    async fn perform(&self, call: TaskCall<'_>) -> Result<Value, Failure> {
        let TaskCall {
            resource,
            parameters,
            submitted,
            step_functions,
        } = call;
        match &resource.kind {
            ResourceKind::Integration {
                service,
                action,
                pattern,
            } if service == "states" && action == "startExecution" => {
                let sfn = step_functions.ok_or_else(|| unavailable(resource))?;
                states::start_execution(sfn, parameters, *pattern, submitted).await
            }
            ResourceKind::Integration {
                service, action, ..
            } if service == "lambda" && action == "invoke" => {
                let lambda = self.lambda.get().ok_or_else(|| unavailable(resource))?;
                lambda::invoke(lambda, parameters, &self.clock).await
            }
            ResourceKind::Integration {
                service, action, ..
            } if service.starts_with("aws-sdk:") => {
                let service = &service["aws-sdk:".len()..];
                let targets = aws_sdk::Targets {
                    sfn: step_functions.as_deref(),
                    lambda: self.lambda.get(),
                };
                aws_sdk::call(targets, service, action, parameters)
                    .await
                    .unwrap_or_else(|| Err(unavailable(resource)))
            }
            ResourceKind::LambdaFunction => {
                let lambda = self.lambda.get().ok_or_else(|| unavailable(resource))?;
                lambda::invoke_function(lambda, &resource.arn, parameters).await
            }
            _ => Err(unavailable(resource)),
        }
    }
}

impl TaskTarget for Integrations {
    /// Boxed because a call may come back here: `aws-sdk:sfn:testState` or
    /// `startSyncExecution` runs Tasks of its own.
    fn invoke<'a>(&'a self, call: TaskCall<'a>) -> BoxFuture<'a, Result<Value, Failure>> {
        Box::pin(self.perform(call))
    }

    fn cancellable(&self, resource: &Resource) -> bool {
        matches!(
            &resource.kind,
            ResourceKind::Integration { service, action, pattern }
                if service == "states"
                    && action == "startExecution"
                    && matches!(pattern, IntegrationPattern::Sync | IntegrationPattern::Sync2)
        )
    }
}

/// The error name integrations give a service's API error: `<Service>.<Code>`, with
/// `Exception` appended when the code lacks it, as the SDKs name their exception classes.
fn exception_name(service: &str, code: &str) -> String {
    match code.ends_with("Exception") {
        true => format!("{service}.{code}"),
        false => format!("{service}.{code}Exception"),
    }
}

fn unavailable(resource: &Resource) -> Failure {
    Failure::runtime(format!(
        "The resource '{}' is not available: Stepstone does not run this service integration yet",
        resource.arn
    ))
}
