//! The `/_stepstone/...` endpoints that are not AWS APIs, for test harnesses: resetting state
//! ([`reset`]), waiting until an execution ends ([`wait`]), following its history as it is
//! recorded ([`events`]), what the browser console reads besides the AWS APIs ([`console`]),
//! Lambda functions' recent invocations and logs ([`lambda`]), a look at a queue's messages
//! ([`sqs`]),
//! and SNS's kept deliveries and confirmation links ([`sns`]). Answers are JSON (SNS's links
//! answer XML, as SNS does); errors are in AWS's awsJson shape (`__type`, `message`,
//! `X-Amzn-ErrorType`), so a harness can report them like SDK errors.

pub mod console;
pub mod events;
pub mod lambda;
pub mod reset;
pub mod sns;
pub mod sqs;
pub mod wait;

use crate::protocol::WireError;
use crate::protocol::json::{self, JsonVersion};
use crate::server::App;
use crate::sfn::{self, error::SfnError};
use axum::Router;
use axum::body::Body;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde::Serialize;
use std::sync::Arc;

/// The admin routes, for the server's router to merge.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/_stepstone/reset", post(reset::handle))
        .route("/_stepstone/executions/wait", get(wait::handle))
        .route("/_stepstone/executions/events", get(events::handle))
        .route("/_stepstone/executions/tasks", get(console::waiting_tasks))
        .route(
            "/_stepstone/mock-config/test-cases",
            get(console::test_cases),
        )
        .route("/_stepstone/lambda/invocations", get(lambda::invocations))
        .route("/_stepstone/sqs/messages", get(sqs::messages))
        .route("/_stepstone/sns/deliveries", get(sns::deliveries))
        .route("/_stepstone/sns/confirm", get(sns::confirm))
        .route("/_stepstone/sns/unsubscribe", get(sns::unsubscribe))
}

/// Why an admin request was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminError {
    /// `services=` named something Stepstone does not serve; `served` lists what it does.
    UnknownService {
        /// The name asked for.
        name: String,
        /// The services' names, comma-separated.
        served: String,
    },
    /// `services=` was given but named nothing; `served` lists what could be named.
    NoService {
        /// The services' names, comma-separated.
        served: String,
    },
    /// `timeout=` is not a number of seconds from 0 to [`wait::MAX_TIMEOUT_SECONDS`].
    InvalidTimeout(String),
    /// `Last-Event-ID` is not an event id.
    InvalidLastEventId(String),
    /// What the Step Functions service refused (an invalid or unknown execution ARN).
    Sfn(SfnError),
    /// What another service refused (SQS: no such queue), in its own words.
    Service(WireError),
}

impl AdminError {
    /// The error as it goes on the wire.
    pub fn to_wire(&self) -> WireError {
        let message = match self {
            AdminError::Sfn(error) => return error.clone().into(),
            AdminError::Service(error) => return error.clone(),
            AdminError::UnknownService { name, served } => {
                format!("Unknown service '{name}' in services=: Stepstone serves {served}")
            }
            AdminError::NoService { served } => format!(
                "services= names no service: name some of {served}, or leave it out for all"
            ),
            AdminError::InvalidTimeout(value) => format!(
                "timeout={value} is not a number of seconds from 0 to {}",
                wait::MAX_TIMEOUT_SECONDS
            ),
            AdminError::InvalidLastEventId(value) => {
                format!("Last-Event-ID '{value}' is not a history event id")
            }
        };
        WireError::client("ValidationException", message)
    }

    fn into_response(self) -> Response {
        let namespace = match self {
            AdminError::Sfn(_) => sfn::ERROR_NAMESPACE,
            _ => "",
        };
        let request_id = uuid::Uuid::new_v4().to_string();
        json::error(JsonVersion::V1_0, &request_id, namespace, &self.to_wire()).map(Body::from)
    }
}

/// `body` as a JSON response with `status`.
fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    // Plain structs of strings and numbers always serialise.
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
