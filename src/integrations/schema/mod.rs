//! Mocked Task results checked against the response shape of the API action the Task calls,
//! as TestState's `mock.fieldValidationMode` asks: STRICT (the default) wants every required
//! member and every present member well-formed, PRESENT only the latter, NONE nothing.
//!
//! A member is well-formed when it has the JSON type of its shape (timestamps and blobs are
//! text), an enum's value is one of the enum's, and text is no shorter than its minimum; nested
//! structures, lists and maps are checked member by member. Members the model does not know are
//! allowed in every mode, as AWS allows them (a mocked `lambda:invoke` may return anything
//! beside its known members).
//!
//! Results are checked only where Stepstone knows the shape: the request-response actions of
//! the services in [`catalog`] (EventBridge's included), called as optimized integrations (`lambda:invoke`,
//! `dynamodb:putItem`, ...) or as `aws-sdk:<service>:<action>`, and `states:startExecution`
//! with `.sync` / `.sync:2` (whose result is DescribeExecution's), `ecs:runTask.sync` (an ECS
//! `Task`, as DescribeTasks describes it) and `batch:submitJob.sync` (a Batch `JobDetail`, as
//! DescribeJobs does). Any other resource (another service, `.waitForTaskToken`, whose result
//! is whatever the callback sends, a Lambda function ARN, an activity) is not checked.

mod catalog;
mod rules;

use crate::asl::definition::{IntegrationPattern, Resource, ResourceKind};
use rules::Rules;
use serde_json::Value;

/// How strictly a mocked result is checked (`mock.fieldValidationMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `STRICT`: required members present, present members well-formed.
    Strict,
    /// `PRESENT`: present members well-formed.
    Present,
    /// `NONE`: no check.
    Off,
}

impl Mode {
    /// The mode a request names: STRICT when it names none (other names never get here: the
    /// request's member checks reject them).
    pub fn parse(name: Option<&str>) -> Mode {
        match name {
            Some("PRESENT") => Mode::Present,
            Some("NONE") => Mode::Off,
            _ => Mode::Strict,
        }
    }
}

/// Checks a mocked `result` of a Task calling `resource`; the error is TestState's
/// `ValidationException` message.
pub fn check_mock_result(resource: &Resource, result: &Value, mode: Mode) -> Result<(), String> {
    if mode == Mode::Off {
        return Ok(());
    }
    let Some(target) = Target::of(resource) else {
        return Ok(());
    };
    let Some(service) = catalog::service(target.service) else {
        return Ok(());
    };
    let output_name = match target.shape {
        Some(name) => Some(name),
        None => service.output(&first_upper(target.action)),
    };
    let Some(catalog::Shape::Structure(output)) = output_name.and_then(|name| service.shape(name))
    else {
        return Ok(());
    };
    let failure = |detail: &str| format!("Mock result schema validation error: {detail}");
    let Value::Object(object) = result else {
        return Err(failure("Mocked result must be a JSON object"));
    };
    Rules { service, mode }
        .structure(object, output, target.json_members)
        .map_err(|detail| failure(&detail))
}

/// The API action whose response a resource's result is.
struct Target<'a> {
    /// The model's service name.
    service: &'a str,
    /// The action as resources spell it (`startExecution`).
    action: &'a str,
    /// Top-level members Step Functions returns as JSON where the API has text.
    json_members: &'static [&'static str],
    /// The shape of the result when it is not the action's whole response: a `.sync` job's
    /// result is the job as the service describes it (ECS `Task`, Batch `JobDetail`).
    shape: Option<&'static str>,
}

impl<'a> Target<'a> {
    fn of(resource: &'a Resource) -> Option<Target<'a>> {
        let ResourceKind::Integration {
            service,
            action,
            pattern,
        } = &resource.kind
        else {
            return None;
        };
        let target = |service: &'a str, action: &'a str, json_members: &'static [&'static str]| {
            Some(Target {
                service: model_name(service),
                action,
                json_members,
                shape: None,
            })
        };
        let job = |service: &'a str, shape: &'static str| {
            Some(Target {
                service,
                action: "",
                json_members: &[],
                shape: Some(shape),
            })
        };
        if let Some(service) = service.strip_prefix("aws-sdk:") {
            return match pattern {
                IntegrationPattern::RequestResponse => target(service, action.as_str(), &[]),
                _ => None,
            };
        }
        match (service.as_str(), action.as_str(), pattern) {
            (_, _, IntegrationPattern::WaitForTaskToken) => None,
            ("states", "startExecution", IntegrationPattern::Sync) => {
                target("states", "describeExecution", &[])
            }
            ("states", "startExecution", IntegrationPattern::Sync2) => {
                target("states", "describeExecution", &["Input", "Output"])
            }
            // A `.sync` job ends with the job as DescribeTasks / DescribeJobs describe it.
            ("ecs", "runTask", IntegrationPattern::Sync) => job("ecs", "Task"),
            ("batch", "submitJob", IntegrationPattern::Sync) => job("batch", "JobDetail"),
            ("lambda", "invoke", IntegrationPattern::RequestResponse) => {
                target("lambda", "invoke", &["Payload"])
            }
            (_, _, IntegrationPattern::RequestResponse) => target(service, action, &[]),
            _ => None,
        }
    }
}

/// The model's name of a service as resources name it (`states`, `sfn`, `eventbridge`, ...).
fn model_name(service: &str) -> &str {
    match service {
        "states" | "sfn" => "stepfunctions",
        // The optimized integration says `events`, the SDK integration `eventbridge`.
        "eventbridge" => "events",
        other => other,
    }
}

/// An operation's name from the action's (`startExecution` -> `StartExecution`).
fn first_upper(action: &str) -> String {
    let mut chars = action.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(arn: &str, mode: Mode, result: Value) -> Result<(), String> {
        check_mock_result(&Resource::parse(arn), &result, mode)
    }

    const START: &str = "arn:aws:states:::states:startExecution";

    #[test]
    fn modes_are_named_as_on_the_wire_and_strict_by_default() {
        assert_eq!(Mode::parse(None), Mode::Strict);
        assert_eq!(Mode::parse(Some("STRICT")), Mode::Strict);
        assert_eq!(Mode::parse(Some("PRESENT")), Mode::Present);
        assert_eq!(Mode::parse(Some("NONE")), Mode::Off);
    }

    #[test]
    fn errors_carry_aws_prefix_and_none_checks_nothing() {
        assert_eq!(
            check(START, Mode::Strict, json!({})),
            Err(
                "Mock result schema validation error: Required field 'ExecutionArn' is missing"
                    .into()
            )
        );
        assert_eq!(check(START, Mode::Off, json!({"StartDate": true})), Ok(()));
        assert_eq!(
            check(START, Mode::Present, json!([1])),
            Err("Mock result schema validation error: Mocked result must be a JSON object".into())
        );
    }

    #[test]
    fn optimized_and_sdk_integrations_use_their_actions_response() {
        let message = |field: &str, what: &str| {
            Err(format!(
                "Mock result schema validation error: Field '{field}' must be {what}"
            ))
        };
        let cases = [
            (
                "arn:aws:states:::lambda:invoke",
                json!({"StatusCode": "200"}),
                "StatusCode",
                "a number",
            ),
            (
                "arn:aws:states:::events:putEvents",
                json!({"FailedEntryCount": "0"}),
                "FailedEntryCount",
                "a number",
            ),
            (
                "arn:aws:states:::aws-sdk:eventbridge:putEvents",
                json!({"Entries": [{"EventId": 1}]}),
                "EventId",
                "a string",
            ),
            (
                "arn:aws:states:::dynamodb:putItem",
                json!({"ConsumedCapacity": {"CapacityUnits": "1"}}),
                "CapacityUnits",
                "a number",
            ),
            (
                "arn:aws:states:::sqs:sendMessage",
                json!({"MessageId": 1}),
                "MessageId",
                "a string",
            ),
            (
                "arn:aws:states:::sns:publish",
                json!({"MessageId": 1}),
                "MessageId",
                "a string",
            ),
            (
                "arn:aws:states:::ecs:runTask",
                json!({"Tasks": {}}),
                "Tasks",
                "an array",
            ),
            (
                "arn:aws:states:::batch:submitJob",
                json!({"JobId": 1, "JobName": "n", "JobArn": "a"}),
                "JobId",
                "a string",
            ),
            (
                "arn:aws:states:::aws-sdk:sfn:describeExecution",
                json!({"Status": 1}),
                "Status",
                "a string",
            ),
            (
                "arn:aws:states:::aws-sdk:kms:encrypt",
                json!({"CiphertextBlob": 123}),
                "CiphertextBlob",
                "a string",
            ),
            (
                "arn:aws:states:::aws-sdk:s3:getObject",
                json!({"ContentLength": "9000"}),
                "ContentLength",
                "a number",
            ),
            (
                "arn:aws:states:::aws-sdk:scheduler:createSchedule",
                json!({"ScheduleArn": 7}),
                "ScheduleArn",
                "a string",
            ),
            (
                "arn:aws:states:::aws-sdk:sts:getCallerIdentity",
                json!({"Account": 123456789012_u64}),
                "Account",
                "a string",
            ),
            (
                "arn:aws:states:::aws-sdk:lambda:invoke",
                json!({"Payload": {"a": 1}}),
                "Payload",
                "a string",
            ),
        ];
        for (arn, result, field, what) in cases {
            assert_eq!(
                check(arn, Mode::Present, result),
                message(field, what),
                "{arn}"
            );
        }
    }

    #[test]
    fn json_members_take_any_json() {
        let lambda = "arn:aws:states:::lambda:invoke";
        let result = json!({"Payload": {"statusCode": 200}, "StatusCode": 200});
        assert_eq!(check(lambda, Mode::Strict, result), Ok(()));
        let described = json!({
            "ExecutionArn": "e", "StateMachineArn": "s", "Status": "SUCCEEDED", "StartDate": "d",
            "Input": {"in": 1}, "Output": [1]
        });
        let sync2 = format!("{START}.sync:2");
        assert_eq!(check(&sync2, Mode::Strict, described.clone()), Ok(()));
        let sync = format!("{START}.sync");
        assert_eq!(
            check(&sync, Mode::Strict, described),
            Err("Mock result schema validation error: Field 'Input' must be a string".into())
        );
    }

    #[test]
    fn sync_start_execution_is_checked_as_describe_execution() {
        let sync = format!("{START}.sync");
        assert_eq!(
            check(
                &sync,
                Mode::Strict,
                json!({"ExecutionArn": "e", "StartDate": "d"})
            ),
            Err(
                "Mock result schema validation error: Required field 'StateMachineArn' is missing"
                    .into()
            )
        );
    }

    /// A `.sync` job's mocked result is the job as the service describes it.
    #[test]
    fn sync_jobs_of_ecs_and_batch_are_checked_as_the_described_job() {
        let task = "arn:aws:states:::ecs:runTask.sync";
        assert_eq!(
            check(
                task,
                Mode::Strict,
                json!({"LastStatus": "STOPPED", "TaskArn": "t"})
            ),
            Ok(())
        );
        assert_eq!(
            check(task, Mode::Strict, json!({"LastStatus": 5})),
            Err("Mock result schema validation error: Field 'LastStatus' must be a string".into())
        );
        let job = "arn:aws:states:::batch:submitJob.sync";
        let described = json!({
            "JobName": "j", "JobId": "1", "JobQueue": "q", "Status": "SUCCEEDED",
            "StartedAt": 1, "JobDefinition": "d"
        });
        assert_eq!(check(job, Mode::Strict, described), Ok(()));
        assert_eq!(
            check(job, Mode::Strict, json!({"JobId": "1"})),
            Err("Mock result schema validation error: Required field 'JobName' is missing".into())
        );
        assert_eq!(check(job, Mode::Present, json!({"JobId": "1"})), Ok(()));
    }

    #[test]
    fn unknown_resources_are_not_checked() {
        let anything = json!({"StatusCode": "200", "ExecutionArn": 1});
        let unchecked = [
            "arn:aws:states:::states:startExecution.waitForTaskToken",
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "arn:aws:states:::ecs:runTask.waitForTaskToken",
            "arn:aws:states:::aws-sdk:ec2:describeInstances",
            "arn:aws:states:::aws-sdk:sfn:noSuchAction",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            "arn:aws:states:us-east-1:123456789012:activity:a",
        ];
        for arn in unchecked {
            assert_eq!(check(arn, Mode::Strict, anything.clone()), Ok(()), "{arn}");
        }
    }
}
