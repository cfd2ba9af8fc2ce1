//! The Lambda Runtime API one function process talks to: `next` hands it an invocation,
//! `response` and `error` carry the result back, `init/error` reports a handler that cannot load.
//! Each process gets its own listener on a loopback port, so the port says which process calls.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::{HeaderMap, HeaderValue, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::{mpsc, oneshot, watch};

/// The largest response a function may return (AWS's 6 MB synchronous limit).
pub const RESPONSE_LIMIT: usize = 6 * 1024 * 1024;

/// An invocation waiting for the process to ask for it.
#[derive(Debug)]
pub struct Pending {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: String,
    /// The event.
    pub payload: Bytes,
    /// When the event was handed over, on the server's clock: the time in its trace id.
    pub handed_over: time::OffsetDateTime,
    /// `Lambda-Runtime-Deadline-Ms`: epoch milliseconds.
    pub deadline_ms: u128,
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    pub invoked_arn: String,
    /// `Lambda-Runtime-Client-Context` (decoded JSON text), when the caller sent one.
    pub client_context: Option<String>,
}

/// What the process said about the invocation in progress.
#[derive(Debug)]
pub enum Reply {
    /// The handler's result bytes.
    Response(Bytes),
    /// The handler failed; the body is the runtime's error document.
    Error(Bytes),
    /// The handler could not even be loaded.
    InitError(Bytes),
}

/// The state shared between one process's listener and the invoker.
#[derive(Debug)]
pub struct Api {
    queue: tokio::sync::Mutex<mpsc::Receiver<Pending>>,
    current: Mutex<Option<(String, oneshot::Sender<Reply>)>>,
    // When the process first asked for work: the end of its Init phase.
    ready: watch::Sender<Option<Instant>>,
}

impl Api {
    /// A new API and the sender invocations are queued on.
    pub fn new() -> (Arc<Self>, mpsc::Sender<Pending>) {
        let (tx, rx) = mpsc::channel(1);
        let api = Api {
            queue: tokio::sync::Mutex::new(rx),
            current: Mutex::new(None),
            ready: watch::Sender::new(None),
        };
        (Arc::new(api), tx)
    }

    /// How long after `spawned` the process first asked for work: its init duration.
    pub fn ready_since(&self, spawned: Instant) -> Option<std::time::Duration> {
        self.ready
            .borrow()
            .map(|ready| ready.saturating_duration_since(spawned))
    }

    /// Watches for the process's first request for work.
    pub fn ready(&self) -> watch::Receiver<Option<Instant>> {
        self.ready.subscribe()
    }

    /// Declares the invocation whose reply `reply` awaits.
    pub fn expect(&self, request_id: String, reply: oneshot::Sender<Reply>) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some((request_id, reply));
    }

    /// Hands the reply to the waiting invoker, if `request_id` is the one in progress
    /// (`None` matches any: init errors name no invocation).
    fn reply(&self, request_id: Option<&str>, reply: Reply) -> bool {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        match current.take() {
            Some((id, tx)) if request_id.is_none_or(|r| r == id) => {
                let _ = tx.send(reply);
                true
            }
            other => {
                *current = other;
                false
            }
        }
    }
}

/// The routes, for one process.
pub fn router(api: Arc<Api>) -> Router {
    Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next))
        .route(
            "/2018-06-01/runtime/invocation/{id}/response",
            post(response),
        )
        .route("/2018-06-01/runtime/invocation/{id}/error", post(error))
        .route("/2018-06-01/runtime/init/error", post(init_error))
        .layer(DefaultBodyLimit::max(RESPONSE_LIMIT + 1))
        .with_state(api)
}

async fn next(State(api): State<Arc<Api>>) -> Response {
    api.ready.send_if_modified(|ready| {
        let first = ready.is_none();
        if first {
            *ready = Some(super::real_now());
        }
        first
    });
    // One process, one invocation at a time: holding the queue lock across the wait is the point.
    let pending = api.queue.lock().await.recv().await;
    let Some(pending) = pending else {
        return StatusCode::GONE.into_response();
    };
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set("lambda-runtime-aws-request-id", &pending.request_id);
    set(
        "lambda-runtime-deadline-ms",
        &pending.deadline_ms.to_string(),
    );
    set("lambda-runtime-invoked-function-arn", &pending.invoked_arn);
    set(
        "lambda-runtime-trace-id",
        &format!(
            "Root=1-{:08x}-{};Parent={};Sampled=0",
            pending.handed_over.unix_timestamp(),
            &uuid::Uuid::new_v4().simple().to_string()[..24],
            &uuid::Uuid::new_v4().simple().to_string()[..16]
        ),
    );
    if let Some(context) = &pending.client_context {
        set("lambda-runtime-client-context", context);
    }
    set("content-type", "application/json");
    (headers, pending.payload).into_response()
}

async fn response(State(api): State<Arc<Api>>, Path(id): Path<String>, body: Bytes) -> Response {
    if body.len() > RESPONSE_LIMIT {
        let error = serde_json::json!({
            "errorMessage": format!("Response payload size exceeded maximum allowed payload size ({RESPONSE_LIMIT} bytes)."),
            "errorType": "Function.ResponseSizeTooLarge",
        });
        api.reply(Some(&id), Reply::Error(Bytes::from(error.to_string())));
        return (StatusCode::PAYLOAD_TOO_LARGE, json_type()).into_response();
    }
    acknowledge(api.reply(Some(&id), Reply::Response(body)))
}

async fn error(State(api): State<Arc<Api>>, Path(id): Path<String>, body: Bytes) -> Response {
    acknowledge(api.reply(Some(&id), Reply::Error(body)))
}

async fn init_error(State(api): State<Arc<Api>>, body: Bytes) -> Response {
    api.reply(None, Reply::InitError(body));
    (StatusCode::ACCEPTED, json_type()).into_response()
}

fn json_type() -> [(http::HeaderName, &'static str); 1] {
    [(http::header::CONTENT_TYPE, "application/json")]
}

fn acknowledge(known: bool) -> Response {
    match known {
        true => (StatusCode::ACCEPTED, json_type(), r#"{"status":"OK"}"#).into_response(),
        false => (
            StatusCode::BAD_REQUEST,
            json_type(),
            r#"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#,
        )
            .into_response(),
    }
}
