//! `arn:aws:states:::aws-sdk:<service>:<action>`: any API action of a service, called with the
//! state's arguments as the request (PascalCase member names) and returning the response as
//! the AWS SDK for Java v2 shapes it. Step Functions itself (`sfn`) and Lambda (`lambda`) are
//! served by the in-process services; errors are `<Service>.<Code>Exception` with the SDK v2
//! cause format.

mod lambda;
mod sfn;

use super::lambda::LambdaTarget;
use crate::asl::errors::Failure;
use crate::engine::tasks::StepFunctions;
use serde_json::Value;

/// The services `aws-sdk:*` reaches, when they are there.
pub struct Targets<'a> {
    /// Step Functions, as the engine hands it with the call.
    pub sfn: Option<&'a dyn StepFunctions>,
    /// Lambda, in process or forwarded.
    pub lambda: Option<&'a LambdaTarget>,
}

/// Calls `service`'s `action` (camelCase, as in the resource ARN); `None` when Stepstone does
/// not serve the service.
pub async fn call(
    targets: Targets<'_>,
    service: &str,
    action: &str,
    parameters: &Value,
) -> Option<Result<Value, Failure>> {
    match service {
        "sfn" => Some(sfn::call(targets.sfn?, action, parameters).await),
        "lambda" => Some(lambda::call(targets.lambda?, action, parameters).await),
        _ => None,
    }
}

/// An API error as the SDK v2 raises it: `<Service>.<Code>` (with `Exception` appended when the
/// code lacks it), and its message followed by the SDK's details.
fn sdk_failure(service: &str, code: &str, status: u16, message: &str) -> Failure {
    Failure::new(
        super::exception_name(service, code),
        format!(
            "{message} (Service: {service}, Status Code: {status}, Request ID: {}) (SDK Attempt Count: 1)",
            uuid::Uuid::new_v4()
        ),
    )
}

/// A request that cannot be made from the arguments (a missing or mistyped member), failed as
/// the SDK's client-side validation fails it.
fn bad_arguments(service: &str, detail: impl std::fmt::Display) -> Failure {
    sdk_failure(service, "ValidationException", 400, &detail.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_failures_name_the_service_and_exception() {
        let failure = sdk_failure("Sfn", "InvalidToken", 400, "Invalid Token: 'Invalid token'");
        assert_eq!(failure.error, "Sfn.InvalidTokenException");
        assert!(failure.cause.starts_with(
            "Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: "
        ));
        assert!(failure.cause.ends_with(") (SDK Attempt Count: 1)"));
        let failure = sdk_failure("Lambda", "ResourceNotFoundException", 404, "gone");
        assert_eq!(failure.error, "Lambda.ResourceNotFoundException");
    }
}
