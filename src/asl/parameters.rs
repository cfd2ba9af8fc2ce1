//! Which parameters an optimized integration takes. Step Functions refuses any other: a field
//! written in the definition when the machine is created (`SCHEMA_VALIDATION_FAILED` at the
//! state's `Parameters` or `Arguments`), and a field that only appears at run time (a state
//! without `Parameters` passes its whole input; a JSONata expression builds its arguments)
//! when the state runs, as `States.Runtime` before anything is scheduled.
//!
//! Sources: each integration's developer-guide page ("Supported parameters") and LocalStack's
//! AWS-validated tables (Lambda's `LogType` is taken although the page omits it); AWS's wording
//! as users reported it: `The field "key" is not supported by Step Functions at /States/Train
//! Step/Parameters` (at creation) and a `States.Runtime` cause starting `The Parameters '<json>'`
//! naming `The field "S3Operations" is not supported by Step Functions` (at run time; the text
//! joining the two is a guess). Only the integrations Stepstone serves are listed: the others'
//! parameters are not checked.

use crate::asl::definition::{QueryLanguage, Resource, ResourceKind};
use crate::asl::errors::Failure;
use serde_json::{Map, Value};

/// The parameters of each optimized integration Stepstone serves, by `(service, action)`.
const SUPPORTED: &[(&str, &str, &[&str])] = &[
    (
        "lambda",
        "invoke",
        &[
            "ClientContext",
            "FunctionName",
            "InvocationType",
            "LogType",
            "Payload",
            "Qualifier",
        ],
    ),
    (
        "sqs",
        "sendMessage",
        &[
            "DelaySeconds",
            "MessageAttributes",
            "MessageBody",
            "MessageDeduplicationId",
            "MessageGroupId",
            "QueueUrl",
        ],
    ),
    (
        "sns",
        "publish",
        &[
            "Message",
            "MessageAttributes",
            "MessageDeduplicationId",
            "MessageGroupId",
            "MessageStructure",
            "PhoneNumber",
            "Subject",
            "TargetArn",
            "TopicArn",
        ],
    ),
    (
        "states",
        "startExecution",
        &["Input", "Name", "StateMachineArn"],
    ),
];

/// The parameters `resource` takes, when it is an optimized integration whose parameters are
/// known.
fn supported(resource: &Resource) -> Option<&'static [&'static str]> {
    let ResourceKind::Integration {
        service, action, ..
    } = &resource.kind
    else {
        return None;
    };
    SUPPORTED
        .iter()
        .find(|(s, a, _)| s == service && a == action)
        .map(|(_, _, names)| *names)
}

/// The first field of `parameters` (a template's keys: JSONPath's `.$` suffix is not part of
/// the name) that `resource` does not take, when it is one whose parameters are known.
pub fn unsupported_field<'p>(
    resource: &Resource,
    parameters: &'p Map<String, Value>,
) -> Option<&'p str> {
    let names = supported(resource)?;
    parameters
        .keys()
        .map(|key| key.strip_suffix(".$").unwrap_or(key))
        .find(|name| !names.contains(name))
}

/// AWS's message for a field an integration does not take.
pub fn not_supported(field: &str) -> String {
    format!("The field \"{field}\" is not supported by Step Functions")
}

/// The run-time check of the parameters a state computed for `resource`: a `States.Runtime`
/// failure naming the first field the integration does not take. A value that is not an
/// object is left for the service to refuse.
pub fn check_at_run_time(
    resource: &Resource,
    parameters: &Value,
    language: QueryLanguage,
) -> Result<(), Failure> {
    let Value::Object(fields) = parameters else {
        return Ok(());
    };
    let Some(field) = unsupported_field(resource, fields) else {
        return Ok(());
    };
    let name = match language {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    };
    Err(Failure::runtime(format!(
        "The {name} '{parameters}' could not be used to start the Task: [{}]",
        not_supported(field)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resource(arn: &str) -> Resource {
        Resource::parse(arn)
    }

    fn fields(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("a test object"),
        }
    }

    #[test]
    fn each_served_integration_takes_its_documented_parameters() {
        let lambda = resource("arn:aws:states:::lambda:invoke.waitForTaskToken");
        let ok = fields(json!({"FunctionName": "f", "Payload.$": "$", "LogType": "None"}));
        assert_eq!(unsupported_field(&lambda, &ok), None);
        let bad = fields(json!({"FunctionName": "f", "TaskToken.$": "$$.Task.Token"}));
        assert_eq!(unsupported_field(&lambda, &bad), Some("TaskToken"));
        let sqs = resource("arn:aws:states:::sqs:sendMessage");
        let bad =
            fields(json!({"QueueUrl": "u", "MessageBody": "b", "MessageSystemAttributes": {}}));
        assert_eq!(
            unsupported_field(&sqs, &bad),
            Some("MessageSystemAttributes")
        );
        let states = resource("arn:aws:states:::states:startExecution.sync:2");
        let bad = fields(json!({"StateMachineArn": "a", "TraceHeader": "t"}));
        assert_eq!(unsupported_field(&states, &bad), Some("TraceHeader"));
    }

    #[test]
    fn other_resources_are_not_checked() {
        let anything = fields(json!({"Anything": 1}));
        for arn in [
            "arn:aws:states:::aws-sdk:sqs:sendMessage",
            "arn:aws:states:::dynamodb:putItem",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
        ] {
            assert_eq!(unsupported_field(&resource(arn), &anything), None, "{arn}");
        }
    }

    #[test]
    fn run_time_failures_show_the_parameters() {
        let sns = resource("arn:aws:states:::sns:publish");
        let failure = check_at_run_time(
            &sns,
            &json!({"Message": "m", "Topic": "t"}),
            QueryLanguage::JsonPath,
        )
        .unwrap_err();
        assert_eq!(failure.error, "States.Runtime");
        assert_eq!(
            failure.cause,
            r#"The Parameters '{"Message":"m","Topic":"t"}' could not be used to start the Task: [The field "Topic" is not supported by Step Functions]"#
        );
        let ok = json!({"Message": "m", "TopicArn": "t"});
        assert_eq!(check_at_run_time(&sns, &ok, QueryLanguage::Jsonata), Ok(()));
        assert_eq!(
            check_at_run_time(&sns, &json!("text"), QueryLanguage::Jsonata),
            Ok(())
        );
    }
}
