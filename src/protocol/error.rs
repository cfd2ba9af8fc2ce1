//! The protocol-neutral error every service error is rendered from.

use http::StatusCode;
use serde_json::Value;
use std::borrow::Cow;

/// An error as it goes on the wire: status, AWS error code (the shape name), message and the
/// error shape's other members. Each protocol renders it its own way.
#[derive(Debug, Clone, PartialEq)]
pub struct WireError {
    /// HTTP status; AWS uses 400 for client errors and 500 for server faults.
    pub status: StatusCode,
    /// The error shape name, e.g. `StateMachineDoesNotExist`; SDKs map it to a typed exception.
    pub code: Cow<'static, str>,
    /// Human-readable message.
    pub message: String,
    /// The error shape's other members, in order (Step Functions' `reason`, Lambda's `Type`).
    pub fields: Vec<(&'static str, Value)>,
}

impl WireError {
    /// A client error (HTTP 400).
    pub fn client(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::with_status(StatusCode::BAD_REQUEST, code, message)
    }

    /// A fault of the service (HTTP 500).
    pub fn server(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::with_status(StatusCode::INTERNAL_SERVER_ERROR, code, message)
    }

    /// An error with the HTTP status its shape carries.
    pub fn with_status(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        WireError {
            status,
            code: code.into(),
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// Adds a member of the error shape.
    pub fn field(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.fields.push((name, value.into()));
        self
    }

    /// The request body could not be read as the operation's input shape.
    pub fn serialization(message: impl Into<String>) -> Self {
        Self::client("SerializationException", message)
    }

    /// The request named an operation or service this server does not know.
    pub fn unknown_operation(what: &str) -> Self {
        Self::client(
            "UnknownOperationException",
            format!("Unknown operation: {what}"),
        )
    }
}
