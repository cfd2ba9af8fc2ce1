//! `arn:aws:states:::aws-sdk:<service>:<action>`: any API action of a registered service,
//! called with the state's arguments as the request (PascalCase member names) and returning
//! the response as the AWS SDK for Java v2 shapes it, through one door ([`door`]); errors are
//! `<Service>.<Code>Exception` with the SDK v2 cause format. Only `aws-sdk:lambda:invoke` to a
//! forwarded Lambda (`LAMBDA_ENDPOINT`) goes elsewhere: no registered service answers it.

mod door;
mod lambda;

pub use door::call;
pub use lambda::forwarded_invoke;

use crate::asl::errors::Failure;

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
