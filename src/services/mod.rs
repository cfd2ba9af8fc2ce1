//! The AWS services Stepstone serves, each a folder behind one [`Service`] trait.
//!
//! A service knows nothing of HTTP: it receives an operation's input as the model describes it
//! and answers its output or a typed error. `protocol` decodes every wire protocol into a
//! [`Call`] and renders the answer; `integrations` makes the same calls for `aws-sdk:*` tasks.
//! [`registry::Registry`] is the one place services are wired.

#[cfg(test)]
pub mod dummy;
pub mod lambda;
pub mod registry;
pub mod sns;
pub mod sqs;
pub mod sts;

use crate::model::validate::{Violations, validate};
use crate::model::{Model, Operation, Protocol, ServiceModel};
use crate::protocol::WireError;
use bytes::Bytes;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// A future a service answers with.
pub type Answer<'a> = Pin<Box<dyn Future<Output = Result<Output, WireError>> + Send + 'a>>;

/// A future with a reset's report.
pub type ResetReport<'a> = Pin<Box<dyn Future<Output = Value> + Send + 'a>>;

/// One AWS service: its model, its operations and its state.
pub trait Service: Send + Sync + std::fmt::Debug {
    /// The name tests and the admin endpoints use (`sfn`, `lambda`); `/health` lists it.
    fn name(&self) -> &'static str;

    /// Other names users know the service by (the CLI's `stepfunctions`).
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    /// The AWS model the service answers to: its protocol, operations and shapes.
    fn model(&self) -> ServiceModel;

    /// Runs one operation of the model. An operation the service does not implement yet
    /// answers [`not_implemented`].
    fn call(&self, call: Call) -> Answer<'_>;

    /// Clears every resource, stopping what runs; answers what was cleared (`{"functions": 2}`).
    fn reset(&self) -> ResetReport<'_>;

    /// Hands the service the other registered services, once they are all registered: SNS
    /// delivers to SQS and Lambda, Lambda polls SQS, always through their [`Call`]s and never
    /// through their types. The view is weak, so services never keep each other alive.
    fn connect(&self, _peers: &registry::WeakRegistry) {}

    /// The largest request body the service takes.
    fn body_limit(&self) -> usize {
        crate::protocol::dispatch::BODY_LIMIT
    }

    /// Whether the service checks its requests' constraints itself; otherwise the protocol
    /// layer checks them against the model before calling it.
    fn validates_itself(&self) -> bool {
        false
    }

    /// The namespace awsJson puts before error codes in `__type` (Step Functions':
    /// `com.amazonaws.swf.service.v2.model`); none by default.
    fn error_namespace(&self) -> &'static str {
        ""
    }

    /// How the service reports a request its codec could not read; AWS's services word this
    /// differently (Lambda: `InvalidRequestContentException`).
    fn decode_error(&self, error: DecodeError) -> WireError {
        WireError::serialization(error.to_string())
    }
}

/// Why a request could not be read as its operation's input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The body is not the JSON (or form) the operation takes.
    #[error("The request body could not be read: {0}")]
    Body(String),
    /// A path, query or header value is not of its member's type.
    #[error("The value '{value}' of '{name}' is not of the type the operation takes")]
    Parameter {
        /// The parameter's name on the wire.
        name: String,
        /// Its value.
        value: String,
    },
}

/// One request, whichever protocol or integration it came through.
#[derive(Debug)]
pub struct Call {
    /// The operation, as the model names it (`CreateFunction`).
    pub operation: String,
    /// Its input.
    pub input: Input,
    /// Where it was sent.
    pub context: Context,
}

/// What a request carries besides its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The `Host` the client addressed (`localhost:8083`, a container's name), for answers
    /// that hold URLs back to this server; `None` for calls made in process (`aws-sdk:*`).
    pub host: Option<String>,
}

/// An operation's input.
#[derive(Debug)]
pub enum Input {
    /// The input shape as a JSON document, exactly as an awsJson client sent it: the service
    /// parses it straight into its typed input.
    Json(Bytes),
    /// The input shape's members as JSON, gathered from a path, query string, headers and body
    /// (rest-json), a form (query) or a Task's arguments (`aws-sdk:*`). A blob that is the
    /// whole HTTP body travels beside them, unencoded.
    Members {
        /// Members by their model names.
        members: Value,
        /// The payload member's bytes, when the input shape has a blob payload.
        payload: Option<Bytes>,
    },
}

impl Call {
    /// A call of `operation` with `input`.
    pub fn new(operation: &Operation, input: Input) -> Call {
        Call {
            operation: operation.name.clone(),
            input,
            context: Context::default(),
        }
    }

    /// This call, sent to `context`.
    pub fn within(mut self, context: Context) -> Call {
        self.context = context;
        self
    }
}

impl Input {
    /// Members without a payload.
    pub fn members(members: Value) -> Input {
        Input::Members {
            members,
            payload: None,
        }
    }

    /// The input as members: an awsJson document is parsed (an empty body is `{}`).
    pub fn into_members(self) -> Result<(Value, Option<Bytes>), WireError> {
        match self {
            Input::Members { members, payload } => Ok((members, payload)),
            Input::Json(body) => Ok((crate::protocol::json::parse_input(&body)?, None)),
        }
    }

    /// The input as one JSON document: members are serialised (they hold no payload blob).
    pub fn into_json(self) -> Bytes {
        match self {
            Input::Json(body) => body,
            Input::Members { members, .. } => Bytes::from(members.to_string()),
        }
    }
}

/// An operation's output.
#[derive(Debug)]
pub enum Output {
    /// The output shape serialised as JSON (awsJson answers it as is).
    Json(Bytes),
    /// The output shape's members; `payload` is the blob a rest-json answer sends as its
    /// whole body (Lambda's `Invoke`).
    Members {
        /// Members by their model names.
        members: Value,
        /// The payload member's bytes.
        payload: Option<Bytes>,
    },
}

impl Output {
    /// An output with no members (`DeleteFunction`).
    pub fn empty() -> Output {
        Output::Members {
            members: Value::Object(Default::default()),
            payload: None,
        }
    }

    /// `value`'s members: a typed output serialised to JSON.
    pub fn of(value: &impl serde::Serialize) -> Result<Output, WireError> {
        let members = serde_json::to_value(value).map_err(|e| {
            WireError::server("ServiceException", format!("cannot encode the answer: {e}"))
        })?;
        Ok(Output::Members {
            members,
            payload: None,
        })
    }

    /// The output as one JSON document (members are serialised; a payload has no place in it).
    pub fn into_json(self) -> Bytes {
        match self {
            Output::Json(body) => body,
            Output::Members { members, .. } => Bytes::from(members.to_string()),
        }
    }

    /// The output as members (a JSON document is parsed).
    pub fn into_members(self) -> (Value, Option<Bytes>) {
        match self {
            Output::Members { members, payload } => (members, payload),
            Output::Json(body) => (serde_json::from_slice(&body).unwrap_or_default(), None),
        }
    }
}

/// Runs `operation` of `service` in process with `input`, checked against its model as a
/// request on the wire would be: how integrations, admin endpoints and other services call it.
pub async fn call_checked(
    service: &dyn Service,
    operation: &Operation,
    input: Input,
) -> Result<Output, WireError> {
    let input = checked(service, operation, input)?;
    service.call(Call::new(operation, input)).await
}

/// The input, checked against the model's constraints unless the service checks its own
/// (Step Functions, whose checks predate the models' and match AWS's recorded answers).
pub fn checked(
    service: &dyn Service,
    operation: &Operation,
    input: Input,
) -> Result<Input, WireError> {
    checked_with(service, service.model().get(), operation, input)
}

/// [`checked`] against `model`, the one the request was decoded with (SQS's legacy query
/// model for its form posts).
pub fn checked_with(
    service: &dyn Service,
    model: &Model,
    operation: &Operation,
    input: Input,
) -> Result<Input, WireError> {
    let Some(reference) = operation
        .input
        .as_ref()
        .filter(|_| !service.validates_itself())
    else {
        return Ok(input);
    };
    let (mut members, payload) = input.into_members()?;
    let payload_member = model
        .shape(reference)
        .payload
        .as_deref()
        .filter(|_| payload.is_some());
    // A blob payload travels beside the members: stand in for it, so that a required payload
    // is present, without copying megabytes into the document.
    if let (Some(name), Value::Object(map)) = (payload_member, &mut members) {
        map.insert(name.to_owned(), Value::String(String::new()));
    }
    let verdict = validate(model, reference, &members);
    if let (Some(name), Value::Object(map)) = (payload_member, &mut members) {
        map.remove(name);
    }
    verdict.map_err(|v| WireError::client(violation_code(model, &v), v.message()))?;
    Ok(Input::Members { members, payload })
}

/// The code of a validation failure: query-protocol services (STS, SNS) call it
/// `ValidationError`, the JSON ones `ValidationException`.
fn violation_code(model: &Model, violations: &Violations) -> &'static str {
    match (model.metadata.protocol, violations.code()) {
        (Protocol::Query, "ValidationException") => "ValidationError",
        (_, code) => code,
    }
}

/// The answer for an operation of a service's model that Stepstone does not run yet: an honest
/// error naming it, which SDKs do not retry.
pub fn not_implemented(service: &dyn Service, operation: &str) -> WireError {
    let id = &service.model().get().metadata.service_id;
    WireError {
        status: http::StatusCode::NOT_IMPLEMENTED,
        code: "NotImplemented".into(),
        message: format!("{id} {operation} is not implemented yet in this version of Stepstone"),
        fields: Vec::new(),
    }
}
