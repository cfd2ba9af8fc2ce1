//! Which `aws-sdk:<service>:<action>` names AWS recognises: a service of the AWS SDK
//! integration's catalogue and an action written as the camelCase of one of its operations
//! (developer guide, "Learning to use AWS service SDK integrations": `arn:aws:states:::aws-sdk:
//! serviceName:apiAction`, e.g. `ec2:describeInstances`).
//!
//! The catalogue (`sdk_services.txt`) is every service of botocore 1.43's models under the
//! names the AWS SDK for Java v2 gives them — the service id in lower case without spaces
//! (`acmpca`, `sfn`, `eventbridge`), also without a trailing `service` (`databasemigration`),
//! plus the model's folder name and endpoint prefix — a superset of the developer guide's list,
//! so that no service AWS takes is refused (the extra names are a guess's price). Actions are
//! checked against the operations of the services whose models Stepstone carries; others only
//! for their camelCase shape.

use crate::model::ServiceModel;
use crate::model::sdk::first_upper;

/// The catalogue, one name a line, sorted.
const SERVICES: &str = include_str!("sdk_services.txt");

/// Whether `service` and `action` name an AWS SDK integration AWS recognises.
pub(super) fn recognised(service: &str, action: &str) -> bool {
    camel_case(action) && known_service(service) && has_operation(service, action)
}

/// `describeInstances`: a lower-case ASCII letter, then ASCII letters and digits.
fn camel_case(action: &str) -> bool {
    let mut chars = action.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

fn known_service(service: &str) -> bool {
    SERVICES.lines().any(|name| name == service)
}

/// Whether the operation exists, for a service whose model Stepstone carries (any action
/// passes for the others).
fn has_operation(service: &str, action: &str) -> bool {
    carried_model(service).is_none_or(|model| model.get().operation(&first_upper(action)).is_some())
}

/// The model Stepstone carries for the SDK service `service`, by its Java SDK v2 name.
fn carried_model(service: &str) -> Option<ServiceModel> {
    Some(match service {
        "batch" => ServiceModel::Batch,
        "dynamodb" => ServiceModel::DynamoDb,
        "ecs" => ServiceModel::Ecs,
        "eventbridge" => ServiceModel::Events,
        "lambda" => ServiceModel::Lambda,
        "scheduler" => ServiceModel::Scheduler,
        "sfn" => ServiceModel::StepFunctions,
        "sns" => ServiceModel::Sns,
        "sqs" => ServiceModel::Sqs,
        "sts" => ServiceModel::Sts,
        _ => return None,
    })
}
