//! AWS's service models: the operations each service has, their input and output shapes, the
//! constraints AWS checks on requests and how each member binds to the wire.
//!
//! The data is botocore's (`models/<service>.json`, documentation removed by
//! `tools/trim_models.py`), compiled into the binary and parsed once, on first use. Codecs,
//! request validation and `aws-sdk:*` arguments all read the same model, so a service's wire
//! shape is written down once, by AWS.

pub mod query;
pub mod sdk;
pub mod validate;
pub mod xml;

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A service model Stepstone carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceModel {
    /// AWS Batch (rest-json).
    Batch,
    /// DynamoDB (awsJson 1.0).
    DynamoDb,
    /// ECS (awsJson 1.1).
    Ecs,
    /// EventBridge (awsJson 1.1).
    Events,
    /// Lambda (rest-json).
    Lambda,
    /// EventBridge Scheduler (rest-json).
    Scheduler,
    /// SNS (query).
    Sns,
    /// SQS (awsJson 1.0, awsQueryCompatible).
    Sqs,
    /// SQS as older SDKs speak it (query); its error shapes carry the legacy query codes.
    SqsQuery,
    /// Step Functions (awsJson 1.0).
    StepFunctions,
    /// STS (query).
    Sts,
}

impl ServiceModel {
    /// Every model, in name order.
    pub const ALL: [ServiceModel; 11] = [
        Self::Batch,
        Self::DynamoDb,
        Self::Ecs,
        Self::Events,
        Self::Lambda,
        Self::Scheduler,
        Self::Sns,
        Self::Sqs,
        Self::SqsQuery,
        Self::StepFunctions,
        Self::Sts,
    ];

    /// The query-protocol model an awsQueryCompatible service had before it moved to JSON,
    /// whose error shapes carry the legacy codes (`AWS.SimpleQueueService.NonExistentQueue`).
    pub fn legacy_query(self) -> Option<ServiceModel> {
        match self {
            Self::Sqs => Some(Self::SqsQuery),
            _ => None,
        }
    }

    /// The parsed model, read on first use.
    pub fn get(self) -> &'static Model {
        static MODELS: [OnceLock<Model>; 11] = [const { OnceLock::new() }; 11];
        MODELS[self as usize].get_or_init(|| {
            // The files are ours, checked by this module's tests: a broken one is a build bug.
            serde_json::from_str(self.text()).expect("a bundled service model parses")
        })
    }

    fn text(self) -> &'static str {
        match self {
            Self::Batch => include_str!("../../models/batch.json"),
            Self::DynamoDb => include_str!("../../models/dynamodb.json"),
            Self::Ecs => include_str!("../../models/ecs.json"),
            Self::Events => include_str!("../../models/events.json"),
            Self::Lambda => include_str!("../../models/lambda.json"),
            Self::Scheduler => include_str!("../../models/scheduler.json"),
            Self::Sns => include_str!("../../models/sns.json"),
            Self::Sqs => include_str!("../../models/sqs.json"),
            Self::SqsQuery => include_str!("../../models/sqs-query-legacy.json"),
            Self::StepFunctions => include_str!("../../models/stepfunctions.json"),
            Self::Sts => include_str!("../../models/sts.json"),
        }
    }
}

/// One service's model.
#[derive(Debug, Deserialize)]
pub struct Model {
    /// Protocol, names and version.
    pub metadata: Metadata,
    /// Operations by name, in the model's order.
    pub operations: IndexMap<String, Operation>,
    /// Shapes by name.
    pub shapes: HashMap<String, Shape>,
}

impl Model {
    /// The operation called `name`.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.get(name)
    }

    /// The shape a reference names. Every reference in a bundled model resolves (tested).
    pub fn shape(&self, reference: &ShapeRef) -> &Shape {
        &self.shapes[&reference.shape]
    }

    /// The shape called `name`, if the model has one.
    pub fn shape_named(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}

/// What the model says of the service as a whole.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// The API version (`2016-11-23`), which query requests repeat as `Version`.
    pub api_version: String,
    /// The host prefix of the service's endpoints, and its signing name unless one is given.
    pub endpoint_prefix: String,
    /// `json`, `rest-json` or `query`.
    pub protocol: Protocol,
    /// awsJson's version (`1.0` or `1.1`).
    pub json_version: Option<String>,
    /// awsJson's `X-Amz-Target` prefix (`AWSStepFunctions`).
    pub target_prefix: Option<String>,
    /// The SDKs' name for the service (`SFN`).
    pub service_id: String,
    /// SigV4's service name, when it is not the endpoint prefix.
    pub signing_name: Option<String>,
    /// The query protocol's XML namespace.
    pub xml_namespace: Option<String>,
    /// Present when a JSON service also answers with its legacy query error codes
    /// (`x-amzn-query-error`), as SQS does.
    pub aws_query_compatible: Option<serde_json::Value>,
}

impl Metadata {
    /// The service name SigV4 credential scopes carry (`states`, `lambda`, `sqs`).
    pub fn signing_name(&self) -> &str {
        self.signing_name
            .as_deref()
            .unwrap_or(&self.endpoint_prefix)
    }
}

/// An AWS wire protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Protocol {
    /// awsJson 1.0 / 1.1: `POST /`, `X-Amz-Target`, JSON bodies.
    #[serde(rename = "json")]
    AwsJson,
    /// rest-json: method and path select the operation.
    #[serde(rename = "rest-json")]
    RestJson,
    /// query: form posts, XML answers.
    #[serde(rename = "query")]
    Query,
}

/// One operation.
#[derive(Debug, Deserialize)]
pub struct Operation {
    /// The operation's name (`CreateStateMachine`).
    pub name: String,
    /// Its HTTP binding (used by rest-json).
    pub http: Http,
    /// The input shape.
    pub input: Option<ShapeRef>,
    /// The output shape (with the query protocol's result wrapper).
    pub output: Option<ShapeRef>,
    /// The errors it declares.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// A host prefix SDKs put before the endpoint (`sync-`).
    pub endpoint: Option<Endpoint>,
}

/// An operation's HTTP binding.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http {
    /// The method (`POST`).
    pub method: String,
    /// The path template with `{Label}` and `{Label+}` segments, and fixed query parameters.
    pub request_uri: String,
    /// The status of a successful answer, when not 200.
    pub response_code: Option<u16>,
}

/// An operation's endpoint rules.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// Prepended to the host name by SDKs.
    pub host_prefix: Option<String>,
}

/// A reference to a shape, with how the member that holds it binds to the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    /// The shape's name.
    pub shape: String,
    /// Where a rest protocol carries the member: `uri`, `querystring`, `header`, `headers`,
    /// `statusCode`; absent for the body.
    pub location: Option<Location>,
    /// The member's name on the wire, when not its own.
    pub location_name: Option<String>,
    /// Query/XML: a list or map written without a wrapper element.
    #[serde(default)]
    pub flattened: bool,
    /// A string header holding JSON (base64-encoded).
    #[serde(default)]
    pub jsonvalue: bool,
    /// A client token SDKs fill in when the caller does not.
    #[serde(default)]
    pub idempotency_token: bool,
    /// The timestamp format on the wire, when not the protocol's default.
    pub timestamp_format: Option<String>,
    /// Query: the element the output sits in (`CreateQueueResult`).
    pub result_wrapper: Option<String>,
    /// XML namespace of a member.
    pub xml_namespace: Option<serde_json::Value>,
}

/// Where a rest-json member travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    /// A `{Label}` of the path.
    Uri,
    /// A query-string parameter.
    Querystring,
    /// One header.
    Header,
    /// Every header with a prefix (a map).
    Headers,
    /// The response's HTTP status.
    StatusCode,
}

/// A shape: a structure, collection or scalar, with its constraints.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// What kind of value it is.
    #[serde(rename = "type")]
    pub kind: ShapeKind,
    /// Structure: members that must be present.
    #[serde(default)]
    pub required: Vec<String>,
    /// Structure: members in the model's order.
    #[serde(default)]
    pub members: IndexMap<String, ShapeRef>,
    /// Structure: the member that is the whole HTTP body (rest protocols).
    pub payload: Option<String>,
    /// List: the element shape.
    pub member: Option<Box<ShapeRef>>,
    /// Map: the key shape.
    pub key: Option<Box<ShapeRef>>,
    /// Map: the value shape.
    pub value: Option<Box<ShapeRef>>,
    /// Minimum length (strings, blobs, lists, maps) or value (numbers).
    pub min: Option<f64>,
    /// Maximum length or value.
    pub max: Option<f64>,
    /// A regular expression strings must match.
    pub pattern: Option<String>,
    /// The values a string may take.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    /// Query/XML: lists and maps written without a wrapper element.
    #[serde(default)]
    pub flattened: bool,
    /// The timestamp format on the wire, when not the protocol's default.
    pub timestamp_format: Option<String>,
    /// Whether AWS keeps the value out of messages and logs.
    #[serde(default)]
    pub sensitive: bool,
    /// Whether the shape is an error.
    #[serde(default)]
    pub exception: bool,
    /// Whether the error is the service's fault (HTTP 5xx), not the caller's.
    #[serde(default)]
    pub fault: bool,
    /// Error details: the query code and HTTP status.
    pub error: Option<ErrorInfo>,
    /// Structure: exactly one member may be set.
    #[serde(default)]
    pub union: bool,
    /// A blob or string streamed as the whole body.
    #[serde(default)]
    pub streaming: bool,
    /// An open JSON document.
    #[serde(default)]
    pub document: bool,
}

/// The kind of a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ShapeKind {
    /// Members by name.
    Structure,
    /// A sequence.
    List,
    /// Keys to values.
    Map,
    /// Text.
    String,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    Long,
    /// Double-precision number.
    Double,
    /// Single-precision number.
    Float,
    /// True or false.
    Boolean,
    /// A point in time.
    Timestamp,
    /// Bytes (base64 in JSON).
    Blob,
}

/// An error shape's wire details.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// The code the query protocol sends (`AWS.SimpleQueueService.NonExistentQueue`).
    pub code: Option<String>,
    /// The HTTP status.
    pub http_status_code: Option<u16>,
    /// Whether the caller is at fault (`Sender`) rather than the service (`Receiver`).
    #[serde(default)]
    pub sender_fault: bool,
}

#[cfg(test)]
mod tests;
