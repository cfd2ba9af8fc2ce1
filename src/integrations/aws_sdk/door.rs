//! The one door for `aws-sdk:<service>:<action>`: any registered service, through the same
//! typed operation and request checks as its wire. The state's arguments become the
//! operation's input by the model's naming rules (`model::sdk`), and its output comes back as
//! the AWS SDK for Java v2 shapes it; errors are named as Step Functions names them.

use super::sdk_failure;
use crate::asl::errors::Failure;
use crate::model::sdk::{first_upper, request_from_arguments, result_for_sdk};
use crate::model::{Model, Operation};
use crate::protocol::WireError;
use crate::services::{Input, Output, Service, call_checked};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use serde_json::{Map, Value};

/// Calls `action` (camelCase, as in the resource ARN) of `service` with the state's arguments.
pub async fn call(
    service: &dyn Service,
    action: &str,
    arguments: &Value,
) -> Result<Value, Failure> {
    let model = service.model().get();
    let name = sdk_service_name(&model.metadata.service_id);
    let Some(operation) = model.operation(&first_upper(action)) else {
        return Err(Failure::runtime(format!(
            "The {name} API has no action '{action}'"
        )));
    };
    let input = input(model, operation, arguments).map_err(|detail| {
        let refused = WireError::client("ValidationException", detail);
        failure(model, &name, &refused)
    })?;
    let output = call_checked(service, operation, input)
        .await
        .map_err(|e| failure(model, &name, &e))?;
    Ok(result(model, operation, output))
}

/// The operation's input from the arguments; a blob that is the whole HTTP body (Lambda
/// `Invoke`'s `Payload`) travels beside the members, as the wire carries it.
fn input(model: &Model, operation: &Operation, arguments: &Value) -> Result<Input, String> {
    let Some(reference) = &operation.input else {
        return Ok(Input::members(Value::Object(Map::new())));
    };
    let mut members = request_from_arguments(model, reference, arguments)?;
    let payload = model.shape(reference).payload.as_deref();
    let blob = match (payload, &mut members) {
        (Some(name), Value::Object(map)) => map.remove(name),
        _ => None,
    };
    let payload = match blob {
        Some(Value::String(encoded)) => Some(Bytes::from(
            BASE64.decode(encoded).map_err(|e| e.to_string())?,
        )),
        _ => None,
    };
    Ok(Input::Members { members, payload })
}

/// The SDK's result for `output`: a payload blob joins the members, base64 as in the JSON
/// form, for [`result_for_sdk`] to return as text.
fn result(model: &Model, operation: &Operation, output: Output) -> Value {
    let Some(reference) = &operation.output else {
        return Value::Object(Map::new());
    };
    let (mut members, payload) = output.into_members();
    let payload_member = model.shape(reference).payload.as_deref();
    if let (Some(name), Some(bytes), Value::Object(map)) = (payload_member, payload, &mut members) {
        map.insert(name.to_owned(), Value::String(BASE64.encode(bytes)));
    }
    result_for_sdk(model, reference, &members)
}

/// A service's error as the SDK v2 raises it: an error the model declares is its own
/// exception class (`Sfn.InvalidTokenException`); any other the service's base class
/// (`DynamoDb.DynamoDbException` for DynamoDB's `ValidationException`, as recorded).
fn failure(model: &Model, service: &str, error: &WireError) -> Failure {
    let declared = model
        .shape_named(&error.code)
        .is_some_and(|shape| shape.exception);
    let code = match declared {
        true => error.code.to_string(),
        false => format!("{service}Exception"),
    };
    sdk_failure(service, &code, error.status.as_u16(), &error.message)
}

/// The service as the SDK v2's class names spell it and Step Functions' error names repeat
/// it: the service id in PascalCase, a run of capitals written as one word (`SFN` is `Sfn`,
/// `DynamoDB` is `DynamoDb`, `Lambda` stays).
pub fn sdk_service_name(service_id: &str) -> String {
    service_id.split(' ').map(pascal_word).collect()
}

fn pascal_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, c) in chars.iter().enumerate() {
        let previous_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
        match previous_upper && !next_lower {
            true => out.push(c.to_ascii_lowercase()),
            false => out.push(*c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_ids_are_named_as_the_sdk_names_them() {
        let cases = [
            ("SFN", "Sfn"),
            ("Lambda", "Lambda"),
            ("SQS", "Sqs"),
            ("DynamoDB", "DynamoDb"),
            ("EventBridge", "EventBridge"),
            ("ECS", "Ecs"),
            ("Scheduler", "Scheduler"),
        ];
        for (id, name) in cases {
            assert_eq!(sdk_service_name(id), name, "{id}");
        }
    }

    #[test]
    fn errors_the_model_does_not_declare_are_the_base_exception() {
        let sqs = crate::model::ServiceModel::Sqs.get();
        let missing = WireError::client("MissingParameter", "The request must contain it.");
        assert_eq!(failure(sqs, "Sqs", &missing).error, "Sqs.SqsException");
        let gone = WireError::client("QueueDoesNotExist", "The specified queue does not exist.");
        assert_eq!(
            failure(sqs, "Sqs", &gone).error,
            "Sqs.QueueDoesNotExistException"
        );
        let sfn = crate::model::ServiceModel::StepFunctions.get();
        let token = WireError::client("InvalidToken", "Invalid Token: 'Invalid token'");
        assert_eq!(
            failure(sfn, "Sfn", &token).error,
            "Sfn.InvalidTokenException"
        );
    }
}
