//! The response shapes of the API actions a Task can call, from AWS's service models
//! (botocore's `service-2.json`, Apache-2.0): every operation of Step Functions, Lambda, SQS,
//! SNS, DynamoDB, ECS, Batch, EventBridge, EventBridge Scheduler and STS, and KMS `Encrypt` and
//! S3 `GetObject`.
//!
//! `shapes.json` (each service's entry printed by `tools/gen_shapes.py`) keeps only what
//! checking a result needs: per service, each operation's output shape, and the shapes it
//! reaches with their members (named as Step Functions names them: first letter upper case),
//! required members, enum values and minimum lengths. Shapes without
//! constraints are folded into the primitives [`STRING`], [`BLOB`], [`NUMBER`], [`BOOLEAN`],
//! [`TIMESTAMP`] and [`DOCUMENT`], which no service shape is named.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Any string.
pub const STRING: &str = "string";
/// Binary data, which results carry as text.
pub const BLOB: &str = "blob";
/// Any number: integer, long, float, double.
pub const NUMBER: &str = "number";
/// `true` or `false`.
pub const BOOLEAN: &str = "boolean";
/// A date, which results carry as text.
pub const TIMESTAMP: &str = "timestamp";
/// Any JSON value.
pub const DOCUMENT: &str = "document";

/// One service's operations and shapes.
#[derive(Debug, Deserialize)]
pub struct Service {
    /// Operation name (`StartExecution`) -> its output shape's name.
    operations: HashMap<String, String>,
    shapes: HashMap<String, Shape>,
}

impl Service {
    /// The output shape's name of `operation` (`StartExecution`), if it has one.
    pub fn output(&self, operation: &str) -> Option<&str> {
        self.operations.get(operation).map(String::as_str)
    }

    /// A named shape; `None` for the primitives.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}

/// A shape with something to check beyond its JSON type.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// An object with known members; others are allowed.
    Structure(Structure),
    /// An array of the named shape.
    List(String),
    /// An object whose values are all of the named shape.
    Map(String),
    /// A constrained string.
    #[serde(rename = "string")]
    Text(Constraints),
    /// Constrained binary data.
    Blob(Constraints),
}

/// A structure's members and which of them are required, in the model's order.
#[derive(Debug, Deserialize)]
pub struct Structure {
    pub members: HashMap<String, String>,
    #[serde(default)]
    pub required: Vec<String>,
}

/// A string's or blob's constraints.
#[derive(Debug, Deserialize)]
pub struct Constraints {
    /// Minimum length in characters.
    #[serde(default)]
    pub min: usize,
    /// The allowed values; empty for any.
    #[serde(default, rename = "enum")]
    pub values: Vec<String>,
}

/// Model name (`stepfunctions`) -> service; parsed on first use.
static SERVICES: LazyLock<HashMap<String, Service>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("shapes.json")).expect("shapes.json is a valid catalog")
});

/// A service by its model name (`stepfunctions`, `dynamodb`, ...).
pub fn service(name: &str) -> Option<&'static Service> {
    SERVICES.get(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIMITIVES: [&str; 6] = [STRING, BLOB, NUMBER, BOOLEAN, TIMESTAMP, DOCUMENT];

    fn references(shape: &Shape) -> Vec<&str> {
        match shape {
            Shape::Structure(structure) => structure.members.values().map(String::as_str).collect(),
            Shape::List(item) | Shape::Map(item) => vec![item.as_str()],
            Shape::Text(_) | Shape::Blob(_) => Vec::new(),
        }
    }

    #[test]
    fn every_reference_names_a_primitive_or_a_shape_of_its_service() {
        for (name, service) in SERVICES.iter() {
            let outputs = service.operations.values().map(String::as_str);
            let referenced = service.shapes.values().flat_map(references);
            for reference in outputs.chain(referenced) {
                assert!(
                    PRIMITIVES.contains(&reference) || service.shapes.contains_key(reference),
                    "{name}: {reference} is neither a primitive nor a shape"
                );
            }
            for primitive in PRIMITIVES {
                assert!(
                    !service.shapes.contains_key(primitive),
                    "{name}: {primitive}"
                );
            }
        }
    }

    #[test]
    fn required_members_are_members() {
        for service in SERVICES.values() {
            for shape in service.shapes.values() {
                if let Shape::Structure(structure) = shape {
                    for required in &structure.required {
                        assert!(structure.members.contains_key(required), "{required}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_recorded_actions_are_known() {
        let sfn = service("stepfunctions").unwrap();
        assert_eq!(sfn.output("StartExecution"), Some("StartExecutionOutput"));
        let Some(Shape::Structure(started)) = sfn.shape("StartExecutionOutput") else {
            panic!("StartExecutionOutput is a structure");
        };
        assert_eq!(started.required, ["ExecutionArn", "StartDate"]);
        assert_eq!(started.members["StartDate"], TIMESTAMP);
        assert_eq!(
            service("kms").unwrap().output("Encrypt"),
            Some("EncryptResponse")
        );
        assert_eq!(
            service("s3").unwrap().output("GetObject"),
            Some("GetObjectOutput")
        );
        assert!(service("dynamodb").unwrap().output("PutItem").is_some());
        assert!(service("lambda").unwrap().output("Invoke").is_some());
    }
}
