//! Fields nested inside an optimized integration's parameters (an SQS or SNS message
//! attribute's `DataType`, `StringValue`, ...): each must be a member of the API's shape there,
//! as Step Functions checks a definition's parameters all the way down (reported: `The field
//! "key" is not supported by Step Functions at /States/Train Step/Parameters`, a member of an
//! entry of SageMaker's `Tags`). The shapes come from the service models Stepstone carries;
//! members given as text, blobs or JSON (`Payload`, `Input`) are the caller's data and are not
//! looked into, nor are a map's keys or the value of a `.$` field.

use crate::model::sdk::first_upper;
use crate::model::{Model, ServiceModel, Shape, ShapeKind, ShapeRef};
use serde_json::{Map, Value};

/// The model and operation of each optimized integration whose parameters are checked.
const OPERATIONS: &[(&str, &str, ServiceModel, &str)] = &[
    ("lambda", "invoke", ServiceModel::Lambda, "Invoke"),
    ("sqs", "sendMessage", ServiceModel::Sqs, "SendMessage"),
    ("sns", "publish", ServiceModel::Sns, "Publish"),
    (
        "states",
        "startExecution",
        ServiceModel::StepFunctions,
        "StartExecution",
    ),
];

/// The first nested field of `parameters` (an integration's written parameters) that the
/// operation's shape lacks where it is written.
pub(super) fn first_unknown(
    service: &str,
    action: &str,
    parameters: &Map<String, Value>,
) -> Option<String> {
    let (_, _, model, operation) = OPERATIONS
        .iter()
        .find(|(s, a, _, _)| *s == service && *a == action)?;
    let model = model.get();
    let input = model.operation(operation)?.input.as_ref()?;
    let shape = model.shape(input);
    // The top level is the integration's own list (`crate::asl::parameters`); below it, the
    // model's shapes.
    parameters.iter().find_map(|(key, value)| {
        let (_, reference) = member(shape, key)?;
        nested(model, model.shape(reference), value)
    })
}

/// The first field under `value` that `shape` lacks.
fn nested(model: &Model, shape: &Shape, value: &Value) -> Option<String> {
    match (shape.kind, value) {
        (ShapeKind::Structure, Value::Object(fields)) if !shape.document => {
            fields
                .iter()
                .find_map(|(key, value)| match member(shape, key) {
                    None => Some(key.strip_suffix(".$").unwrap_or(key).to_owned()),
                    Some((true, _)) => None,
                    Some((false, reference)) => nested(model, model.shape(reference), value),
                })
        }
        (ShapeKind::Map, Value::Object(entries)) => {
            let item = model.shape(shape.value.as_deref()?);
            entries
                .iter()
                .filter(|(key, _)| !key.ends_with(".$"))
                .find_map(|(_, value)| nested(model, item, value))
        }
        (ShapeKind::List, Value::Array(items)) => {
            let item = model.shape(shape.member.as_deref()?);
            items.iter().find_map(|value| nested(model, item, value))
        }
        _ => None,
    }
}

/// The member a template key names (by the model's name or its PascalCase; a `.$` key names
/// it too), with whether the key takes a path.
fn member<'s>(shape: &'s Shape, key: &str) -> Option<(bool, &'s ShapeRef)> {
    let (name, dynamic) = match key.strip_suffix(".$") {
        Some(name) => (name, true),
        None => (key, false),
    };
    shape
        .members
        .iter()
        .find(|(member, _)| *member == name || first_upper(member) == name)
        .map(|(_, reference)| (dynamic, reference))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("a test object"),
        }
    }

    #[test]
    fn message_attributes_take_only_their_members() {
        let typo = fields(json!({"QueueUrl": "u", "MessageAttributes": {
            "kind": {"DataType": "String", "Stringvalue": "x"}
        }}));
        assert_eq!(
            first_unknown("sqs", "sendMessage", &typo),
            Some("Stringvalue".to_owned())
        );
        let good = fields(json!({"TopicArn": "t", "MessageAttributes": {
            "kind": {"DataType": "String", "StringValue.$": "$.v"},
            "other.$": "$.attribute"
        }}));
        assert_eq!(first_unknown("sns", "publish", &good), None);
    }

    #[test]
    fn data_members_are_not_looked_into() {
        let data = fields(json!({"FunctionName": "f", "Payload": {"Anything": {"At": "all"}}}));
        assert_eq!(first_unknown("lambda", "invoke", &data), None);
        let input = fields(json!({"StateMachineArn": "a", "Input": {"Free": 1}}));
        assert_eq!(first_unknown("states", "startExecution", &input), None);
        assert_eq!(first_unknown("dynamodb", "putItem", &input), None);
    }
}
