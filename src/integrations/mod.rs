//! Task resources: what a Task state's `Resource` calls.
//!
//! Step Functions itself (`arn:aws:states:::states:startExecution[.sync[:2]]`), Lambda
//! (`lambda:invoke` and function ARNs), SQS (`sqs:sendMessage[.waitForTaskToken]`) and SNS
//! (`sns:publish[.waitForTaskToken]`) are small adapters over the services' typed calls;
//! `aws-sdk:<service>:*` reaches every registered service through one door
//! (`aws_sdk/door.rs`). Resources of services Stepstone does not serve fail the task with
//! `States.Runtime`, which is never retried, so a workflow stops at once with a cause that says
//! exactly what is missing.

mod aws_sdk;
mod lambda;
pub mod lambda_forward;
pub mod schema;
mod sdk_metadata;
mod sns;
mod sqs;
mod states;

use crate::asl::definition::{IntegrationPattern, Resource, ResourceKind};
use crate::asl::errors::Failure;
use crate::clock::Clock;
use crate::engine::tasks::{BoxFuture, TaskCall, TaskTarget};
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::registry::{Registry, WeakRegistry};
pub use lambda::LambdaTarget;
use serde_json::Value;
use std::sync::RwLock;

/// The services Task states can call: the engine's [`TaskTarget`].
#[derive(Debug)]
pub struct Integrations {
    /// Where Lambda tasks go: the in-process fake, or `LAMBDA_ENDPOINT`.
    lambda: LambdaTarget,
    /// The registered services, for `aws-sdk:*`; not kept alive from here, since the engine
    /// that holds these integrations belongs to one of them.
    services: RwLock<WeakRegistry>,
    /// The server's clock, which dates the responses integrations make up.
    clock: Clock,
}

impl Integrations {
    /// Integrations sending Lambda tasks to `lambda`, dating responses by `clock`; `aws-sdk:*`
    /// reaches nothing until [`Integrations::connect`].
    pub fn new(clock: Clock, lambda: LambdaTarget) -> Self {
        Integrations {
            lambda,
            services: RwLock::default(),
            clock,
        }
    }

    /// Makes `services` the ones `aws-sdk:*` tasks reach.
    pub fn connect(&self, services: &Registry) {
        let mut slot = self.services.write().unwrap_or_else(|p| p.into_inner());
        *slot = services.downgrade();
    }

    fn service(&self, sdk_name: &str) -> Option<std::sync::Arc<dyn crate::services::Service>> {
        let services = self.services.read().unwrap_or_else(|p| p.into_inner());
        services.by_sdk_name(sdk_name)
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
                lambda::invoke(&self.lambda, parameters, &self.clock).await
            }
            ResourceKind::Integration {
                service,
                action,
                pattern,
            } if service == "sqs"
                && action == "sendMessage"
                && matches!(
                    pattern,
                    IntegrationPattern::RequestResponse | IntegrationPattern::WaitForTaskToken
                ) =>
            {
                let sqs = self.service("sqs").ok_or_else(|| unavailable(resource))?;
                sqs::send_message(sqs.as_ref(), parameters, &self.clock).await
            }
            ResourceKind::Integration {
                service,
                action,
                pattern,
            } if service == "sns"
                && action == "publish"
                && matches!(
                    pattern,
                    IntegrationPattern::RequestResponse | IntegrationPattern::WaitForTaskToken
                ) =>
            {
                let sns = self.service("sns").ok_or_else(|| unavailable(resource))?;
                sns::publish(sns.as_ref(), parameters, &self.clock).await
            }
            ResourceKind::Integration {
                service, action, ..
            } if service.starts_with("aws-sdk:") => {
                let service = &service["aws-sdk:".len()..];
                if let (LambdaTarget::Forward(_), "lambda", "invoke") =
                    (&self.lambda, service, action.as_str())
                {
                    return aws_sdk::forwarded_invoke(&self.lambda, parameters).await;
                }
                let target = self.service(service).ok_or_else(|| unavailable(resource))?;
                aws_sdk::call(target.as_ref(), action, parameters).await
            }
            ResourceKind::LambdaFunction => {
                lambda::invoke_function(&self.lambda, &resource.arn, parameters).await
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

/// A query-protocol service's error as the AWS SDK for Java (v1) raises it, which is how
/// Step Functions names the errors of its SQS and SNS integrations: an error the `model`
/// declares is its own exception class (`SQS.QueueDoesNotExistException`), any other the
/// service's base exception (`SQS.AmazonSQSException`); the cause names the query
/// protocol's error code (`AWS.SimpleQueueService.NonExistentQueue`).
fn java_v1_failure(model: ServiceModel, prefix: &str, error: &WireError) -> Failure {
    let service = format!("Amazon{prefix}");
    let declared = model
        .get()
        .shape_named(&error.code)
        .and_then(|shape| shape.error.as_ref());
    let (name, code) = match declared {
        Some(declared) => (
            exception_name(prefix, &error.code),
            declared.code.as_deref().unwrap_or(&error.code),
        ),
        None => (format!("{prefix}.{service}Exception"), &*error.code),
    };
    Failure::new(
        name,
        format!(
            "{} (Service: {service}; Status Code: {}; Error Code: {code}; Request ID: {}; Proxy: null)",
            error.message,
            error.status.as_u16(),
            uuid::Uuid::new_v4()
        ),
    )
}

/// A Task's parameters as an operation's members, with `member` (a JSON value other than a
/// string) written as its JSON text, as Step Functions sends a structured message body; a
/// null stays null, for the service to report missing.
fn with_text(parameters: &Value, member: &str) -> Value {
    let mut members = match parameters {
        Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    if let Some(value) = members.get_mut(member)
        && !matches!(value, Value::String(_) | Value::Null)
    {
        *value = Value::String(value.to_string());
    }
    Value::Object(members)
}

fn unavailable(resource: &Resource) -> Failure {
    Failure::runtime(format!(
        "The resource '{}' is not available: Stepstone does not run this service integration yet",
        resource.arn
    ))
}
