//! The protocol-neutral error every service error is rendered from.

use http::StatusCode;
use std::borrow::Cow;

/// An error as it goes on the wire: status, AWS error code (the shape name) and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// HTTP status; AWS uses 400 for client errors and 500 for server faults.
    pub status: StatusCode,
    /// The error shape name, e.g. `StateMachineDoesNotExist`; SDKs map it to a typed exception.
    pub code: Cow<'static, str>,
    /// Human-readable message.
    pub message: String,
    /// The `reason` member some error shapes carry (Step Functions' `ValidationException`).
    pub reason: Option<&'static str>,
}

impl WireError {
    /// A client error (HTTP 400).
    pub fn client(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        WireError {
            status: StatusCode::BAD_REQUEST,
            code: code.into(),
            message: message.into(),
            reason: None,
        }
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
