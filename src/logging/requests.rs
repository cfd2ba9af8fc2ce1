//! The request log: one line per AWS request with its service, operation, status and duration,
//! and for a refused one the error code and message, so a test's failure can be read from the
//! log. A layer around the whole router: it sees requests as the wire does, and reads the body
//! only of error responses (already in memory) to find their message.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::time::{Duration, Instant};

/// What a request asked for; the dispatcher attaches it to the response it routed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requested {
    /// The service: `sfn`, `lambda`, one Stepstone does not serve (`sts`), or `unknown`.
    pub service: String,
    /// The operation (`StartExecution`), or what was seen when it is unknown.
    pub operation: String,
}

impl From<(String, String)> for Requested {
    fn from((service, operation): (String, String)) -> Self {
        Requested { service, operation }
    }
}

/// Whether a path is one of Stepstone's own endpoints (`/health`, `/_stepstone/...`, the
/// console), logged at debug level.
fn is_own(path: &str) -> bool {
    path == "/health" || path.starts_with("/_stepstone/") || path.starts_with("/_console")
}

/// The middleware: runs the request, then logs it (Stepstone's own endpoints at debug).
#[allow(
    clippy::disallowed_methods,
    reason = "a request's duration in the log is real time"
)]
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let response = next.run(request).await;
    let requested = response.extensions().get::<Requested>().cloned();
    let unrouted = || Requested::from(("unknown".to_owned(), format!("{method} {path}")));
    match requested.or_else(|| (!is_own(&path)).then(unrouted)) {
        Some(requested) => log(&requested, response, started.elapsed()).await,
        None => {
            let status = response.status().as_u16();
            tracing::debug!(%method, %path, status, "admin request");
            response
        }
    }
}

async fn log(requested: &Requested, response: Response, elapsed: Duration) -> Response {
    let status = response.status().as_u16();
    let duration_ms = (elapsed.as_secs_f64() * 1e5).round() / 100.0;
    let (service, operation) = (requested.service.as_str(), requested.operation.as_str());
    if status < 400 {
        tracing::info!(%service, %operation, status, duration_ms, "request");
        return response;
    }
    let (response, error_code, error_message) = error_of(response).await;
    if status >= 500 {
        tracing::warn!(
            %service,
            %operation,
            status,
            duration_ms,
            %error_code,
            error_message,
            "request failed"
        );
    } else {
        tracing::info!(
            %service,
            %operation,
            status,
            duration_ms,
            %error_code,
            error_message,
            "request refused"
        );
    }
    response
}

/// The error code (`X-Amzn-ErrorType`) and message (the JSON body's `message` or `Message`,
/// or the XML body's `<Message>`) of an error response, which is handed back unchanged.
async fn error_of(response: Response) -> (Response, String, String) {
    let code = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(':').next().unwrap_or(v).to_owned());
    let (parts, body) = response.into_parts();
    // Every error answer is built in memory, so reading it whole costs nothing and cannot fail
    // part-way (a limit could, losing the body).
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let (body_code, message) = error_body(&bytes);
    let code = code.or(body_code).unwrap_or_default();
    (
        Response::from_parts(parts, Body::from(bytes)),
        code,
        message,
    )
}

/// The code and message an error body carries: awsJson's `__type` (after any `#`) and
/// `message`, rest-json's `Message`, or the query protocol's XML `<Code>` and `<Message>`.
pub fn error_body(body: &[u8]) -> (Option<String>, String) {
    if let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) {
        let code = json["__type"]
            .as_str()
            .map(|t| t.rsplit('#').next().unwrap_or(t).to_owned());
        let message = json["message"].as_str().or(json["Message"].as_str());
        return (code, message.unwrap_or_default().to_owned());
    }
    let text = String::from_utf8_lossy(body);
    let element = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{name}>"))?;
        Some(text[start..start + end].to_owned())
    };
    (element("Code"), element("Message").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_give_their_code_and_message() {
        let json = br#"{"__type":"com.amazonaws.swf.service.v2.model#InvalidArn","message":"Invalid Arn"}"#;
        assert_eq!(
            error_body(json),
            (Some("InvalidArn".into()), "Invalid Arn".into())
        );
        let rest = br#"{"Type":"User","Message":"Function not found"}"#;
        assert_eq!(error_body(rest), (None, "Function not found".into()));
        let xml = b"<ErrorResponse><Error><Code>X</Code><Message>not served</Message></Error></ErrorResponse>";
        assert_eq!(error_body(xml), (Some("X".into()), "not served".into()));
        assert_eq!(error_body(b""), (None, String::new()));
    }
}
