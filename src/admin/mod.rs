//! The `/_stepstone/...` endpoints that are not AWS APIs, for test harnesses: resetting state
//! ([`reset`]) and, later, waiting on executions. Answers are JSON; errors are AWS-style
//! (`__type` and `message`) so a harness can report them like SDK errors.

pub mod reset;

use crate::server::App;
use axum::Router;
use axum::body::Body;
use axum::response::Response;
use axum::routing::post;
use http::StatusCode;
use serde::Serialize;
use std::sync::Arc;

/// The admin routes, for the server's router to merge.
pub fn router() -> Router<Arc<App>> {
    Router::new().route("/_stepstone/reset", post(reset::handle))
}

/// A service Stepstone serves, as the admin endpoints name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// Step Functions (also called `states` or `stepfunctions`).
    Sfn,
    /// Lambda.
    Lambda,
}

impl Service {
    /// Every service, in the order a reset clears them (executions stop before the functions
    /// they call).
    pub const ALL: [Service; 2] = [Service::Sfn, Service::Lambda];

    /// The service called `name`: its own name, or for Step Functions the SigV4 signing name
    /// (`states`) and the CLI's (`stepfunctions`).
    pub fn parse(name: &str) -> Option<Service> {
        match name {
            "sfn" | "states" | "stepfunctions" => Some(Service::Sfn),
            "lambda" => Some(Service::Lambda),
            _ => None,
        }
    }

    /// The name the admin endpoints use.
    pub fn name(self) -> &'static str {
        match self {
            Service::Sfn => "sfn",
            Service::Lambda => "lambda",
        }
    }
}

/// Why an admin request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminError {
    /// `services=` named something Stepstone does not serve.
    UnknownService(String),
    /// `services=` was given but named nothing.
    NoService,
}

impl AdminError {
    /// The AWS-style error code.
    pub fn code(&self) -> &'static str {
        match self {
            AdminError::UnknownService(_) | AdminError::NoService => "ValidationException",
        }
    }

    /// What went wrong, in words.
    pub fn message(&self) -> String {
        let served = Service::ALL.map(Service::name).join(", ");
        match self {
            AdminError::UnknownService(name) => {
                format!("Unknown service '{name}' in services=: Stepstone serves {served}")
            }
            AdminError::NoService => {
                format!(
                    "services= names no service: name some of {served}, or leave it out for all"
                )
            }
        }
    }

    fn into_response(self) -> Response {
        let body = serde_json::json!({ "__type": self.code(), "message": self.message() });
        json_response(StatusCode::BAD_REQUEST, &body)
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
