//! `Invoke`: payload checks, qualifier resolution, and the three invocation types.

use super::Lambda;
use super::Version;
use super::error::{LambdaError, LambdaResult};
use super::recent::Invocation;
use super::runtime::{Completed, Outcome, Request};
use crate::clock::Clock;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use time::format_description::well_known::Rfc3339;

/// Synchronous payload limit (request and response).
const SYNC_LIMIT: usize = 6 * 1024 * 1024;
/// Asynchronous (`Event`) payload limit.
const ASYNC_LIMIT: usize = 1024 * 1024;
/// `LogType: Tail` returns at most this much of the end of the log.
const TAIL: usize = 4096;

/// `X-Amz-Invocation-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvocationType {
    /// Wait for the result (200).
    #[default]
    RequestResponse,
    /// Queue it and return at once (202).
    Event,
    /// Only check that the call would be allowed (204).
    DryRun,
}

impl InvocationType {
    /// Reads the header value; unknown values are a validation error.
    pub fn parse(text: &str) -> LambdaResult<Self> {
        match text {
            "RequestResponse" => Ok(InvocationType::RequestResponse),
            "Event" => Ok(InvocationType::Event),
            "DryRun" => Ok(InvocationType::DryRun),
            other => Err(super::names::out_of_range(
                "invocationType",
                other,
                "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
            )),
        }
    }
}

/// An `Invoke` request.
#[derive(Debug, Clone, Default)]
pub struct Invoke {
    /// Name, `name:qualifier`, partial or full ARN.
    pub function_name: String,
    /// The `Qualifier` query parameter.
    pub qualifier: Option<String>,
    /// How to invoke.
    pub invocation_type: InvocationType,
    /// `X-Amz-Log-Type: Tail`.
    pub log_tail: bool,
    /// `X-Amz-Client-Context`: base64 JSON.
    pub client_context: Option<String>,
    /// The event (empty means `{}`).
    pub payload: Bytes,
}

/// An `Invoke` response.
#[derive(Debug, Clone, PartialEq)]
pub struct InvokeOutput {
    /// 200, 202 or 204.
    pub status: u16,
    /// `Unhandled` when the function failed.
    pub function_error: Option<String>,
    /// Base64 of the log's last 4 KB, with `LogType: Tail`.
    pub log_result: Option<String>,
    /// The function's result or error document.
    pub payload: Bytes,
    /// The version that ran.
    pub executed_version: Option<String>,
}

impl Lambda {
    /// `Invoke`.
    pub async fn invoke(&self, req: Invoke) -> LambdaResult<InvokeOutput> {
        let limit = match req.invocation_type {
            InvocationType::Event => ASYNC_LIMIT,
            _ => SYNC_LIMIT,
        };
        if req.payload.len() > limit {
            return Err(LambdaError::RequestTooLarge(format!(
                "Request must be smaller than {limit} bytes for the InvokeFunction operation"
            )));
        }
        let payload = match req.payload.iter().all(u8::is_ascii_whitespace) {
            true => Bytes::from_static(b"{}"),
            false => {
                if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&req.payload) {
                    return Err(LambdaError::InvalidRequestContent(format!(
                        "Could not parse request body into json: Could not parse payload into json: {e}"
                    )));
                }
                req.payload.clone()
            }
        };
        let client_context = match &req.client_context {
            None => None,
            Some(encoded) => Some(decode_client_context(encoded)?),
        };
        let (version, invoked_arn) = self.resolve(&req.function_name, req.qualifier.as_deref())?;
        // Held until the invocation ends (for Event ones, in the task that runs it).
        let permit = match req.invocation_type {
            InvocationType::DryRun => None,
            _ => self.permit(&version.config.function_name)?,
        };
        let request = Request {
            request_id: uuid::Uuid::new_v4().to_string(),
            payload,
            invoked_arn,
            client_context,
        };
        let executed_version = Some(version.config.version.clone());
        match req.invocation_type {
            InvocationType::DryRun => Ok(InvokeOutput {
                status: 204,
                function_error: None,
                log_result: None,
                payload: Bytes::new(),
                executed_version: None,
            }),
            InvocationType::Event => {
                let (runtimes, recent) = (self.runtimes.clone(), self.recent.clone());
                let clock = self.clock.clone();
                tokio::spawn(async move {
                    let request_id = request.request_id.clone();
                    let completed = runtimes.invoke(&version, request).await;
                    drop(permit);
                    let record = finished(&version, request_id, "Event", &completed, &clock);
                    recent.record(&version.config.function_name, record);
                    if let Outcome::Failed(body) = completed.outcome {
                        tracing::warn!(
                            function = %version.config.function_name,
                            "asynchronous invocation failed: {}",
                            String::from_utf8_lossy(&body)
                        );
                    }
                });
                Ok(InvokeOutput {
                    status: 202,
                    function_error: None,
                    log_result: None,
                    payload: Bytes::new(),
                    executed_version,
                })
            }
            InvocationType::RequestResponse => {
                let request_id = request.request_id.clone();
                let completed = self.runtimes.invoke(&version, request).await;
                drop(permit);
                let record = finished(
                    &version,
                    request_id,
                    "RequestResponse",
                    &completed,
                    &self.clock,
                );
                self.recent.record(&version.config.function_name, record);
                let log_result = req.log_tail.then(|| BASE64.encode(tail(&completed.log)));
                let (payload, function_error) = match completed.outcome {
                    Outcome::Response(body) => (body, None),
                    Outcome::Failed(body) => (body, Some("Unhandled".to_owned())),
                };
                Ok(InvokeOutput {
                    status: 200,
                    function_error,
                    log_result,
                    payload,
                    executed_version,
                })
            }
        }
    }
}

fn decode_client_context(encoded: &str) -> LambdaResult<String> {
    let invalid = || {
        LambdaError::InvalidRequestContent(
            "Client context must be a valid Base64-encoded JSON object.".to_owned(),
        )
    };
    let bytes = BASE64.decode(encoded).map_err(|_| invalid())?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    match value.is_object() {
        true => Ok(value.to_string()),
        false => Err(invalid()),
    }
}

/// What the recent-invocations record keeps of a finished invocation.
fn finished(
    version: &Version,
    request_id: String,
    invocation_type: &'static str,
    completed: &Completed,
    clock: &Clock,
) -> Invocation {
    let timestamp = clock.now().format(&Rfc3339).unwrap_or_default();
    Invocation {
        request_id,
        timestamp,
        invocation_type,
        version: version.config.version.clone(),
        outcome: match completed.outcome {
            Outcome::Response(_) => "Succeeded",
            Outcome::Failed(_) => "Failed",
        },
        log: tail(&completed.log).to_owned(),
    }
}

/// The last 4 KB of a log, cut on a character boundary.
fn tail(log: &str) -> &str {
    let mut start = log.len().saturating_sub(TAIL);
    while !log.is_char_boundary(start) {
        start += 1;
    }
    &log[start..]
}
