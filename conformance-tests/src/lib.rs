//! Helpers for driving Stepstone through the official AWS SDK for Rust.
//!
//! [`InProcess`] is an SDK HTTP client that hands each request straight to Stepstone's router,
//! with no socket and no DNS (which also sidesteps the `sync-` host prefix that SDKs put in front
//! of StartSyncExecution and TestState). [`Server`] runs the real server on a loopback port for
//! the tests that must cross a socket.

pub mod cases;
pub mod snapshot;

use aws_sdk_sfn::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use std::net::SocketAddr;
use std::sync::Arc;
use stepstone::config::Config;
use stepstone::server::{self, App};
use tower::ServiceExt;

/// The region every test client uses.
pub const REGION: &str = "us-east-1";
/// The account id the test servers mint ARNs in.
pub const ACCOUNT: &str = "123456789012";
/// A role ARN that passes validation.
pub const ROLE: &str = "arn:aws:iam::123456789012:role/stepstone-test";

/// An SDK HTTP client backed by an in-process Stepstone router.
#[derive(Debug, Clone)]
pub struct InProcess {
    app: Arc<App>,
    router: axum::Router,
}

impl InProcess {
    /// A fresh Stepstone with empty state.
    pub fn new() -> Self {
        Self::with_config(Config::default())
    }

    /// A fresh Stepstone configured by `config` (region and account are the tests' own),
    /// loading the mock configuration file it names; panics if that file is invalid.
    pub fn with_config(config: Config) -> Self {
        let config = Config {
            region: REGION.into(),
            account_id: ACCOUNT.into(),
            ..config
        };
        let app = Arc::new(App::load(&config).unwrap_or_else(|err| panic!("{err}")));
        InProcess {
            router: server::router(app.clone()),
            app,
        }
    }

    /// A Step Functions client talking to this Stepstone.
    pub fn sfn(&self) -> aws_sdk_sfn::Client {
        sfn_client("http://localhost:8083", Some(self.clone()))
    }

    /// A Lambda client talking to this Stepstone.
    pub fn lambda(&self) -> aws_sdk_lambda::Client {
        lambda_client("http://localhost:8083", Some(self.clone()))
    }

    /// An SQS client talking to this Stepstone.
    pub fn sqs(&self) -> aws_sdk_sqs::Client {
        let config = aws_sdk_sqs::Config::builder()
            .behavior_version(aws_sdk_sqs::config::BehaviorVersion::latest())
            .region(aws_sdk_sqs::config::Region::new(REGION))
            .credentials_provider(aws_sdk_sqs::config::Credentials::new(
                "test", "test", None, None, "static",
            ))
            .endpoint_url("http://localhost:8083")
            .http_client(self.clone());
        aws_sdk_sqs::Client::from_conf(config.build())
    }

    /// An SNS client talking to this Stepstone.
    pub fn sns(&self) -> aws_sdk_sns::Client {
        sns_client("http://localhost:8083", Some(self.clone()))
    }

    /// An STS client talking to this Stepstone.
    pub fn sts(&self) -> aws_sdk_sts::Client {
        let config = aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new(REGION))
            .credentials_provider(aws_sdk_sts::config::Credentials::new(
                "test", "test", None, None, "static",
            ))
            .endpoint_url("http://localhost:8083")
            .http_client(self.clone());
        aws_sdk_sts::Client::from_conf(config.build())
    }

    /// Sends a hand-built request (for what an SDK would never send) and returns the status, the
    /// headers and the body parsed as JSON (`null` when it is not JSON).
    pub async fn raw(
        &self,
        request: http::Request<String>,
    ) -> (http::StatusCode, http::HeaderMap, serde_json::Value) {
        let (status, headers, text) = self.raw_text(request).await;
        let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
        (status, headers, body)
    }

    /// Sends a hand-built request and returns the status, the headers and the body as text.
    pub async fn raw_text(
        &self,
        request: http::Request<String>,
    ) -> (http::StatusCode, http::HeaderMap, String) {
        let response = self
            .router
            .clone()
            .oneshot(request.map(axum::body::Body::from))
            .await
            .expect("router answers");
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("body");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        (parts.status, parts.headers, text)
    }

    /// Moves the manual clock forward by `seconds` (`POST /_stepstone/clock/advance`) and
    /// returns the clock's answer; panics unless the server runs the manual clock.
    pub async fn advance_clock(&self, seconds: u64) -> serde_json::Value {
        let request = http::Request::post("/_stepstone/clock/advance")
            .body(format!(r#"{{"seconds":{seconds}}}"#))
            .expect("request");
        let (status, _, body) = self.raw(request).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// `POST /_stepstone/reset` with `query` (e.g. `?services=lambda`, or empty for every
    /// service); the status and the JSON answer.
    pub async fn reset(&self, query: &str) -> (http::StatusCode, serde_json::Value) {
        let request = http::Request::post(format!("/_stepstone/reset{query}"))
            .body(String::new())
            .expect("request");
        let (status, _, body) = self.raw(request).await;
        (status, body)
    }

    /// `GET /_stepstone/executions/wait?executionArn=<arn>&timeout=<seconds>`: the status and
    /// the JSON answer.
    pub async fn wait(
        &self,
        execution_arn: &str,
        timeout: &str,
    ) -> (http::StatusCode, serde_json::Value) {
        let arn: String = url_encode(execution_arn);
        let request = http::Request::get(format!(
            "/_stepstone/executions/wait?executionArn={arn}&timeout={timeout}"
        ))
        .body(String::new())
        .expect("request");
        let (status, _, body) = self.raw(request).await;
        (status, body)
    }

    /// Opens `GET /_stepstone/executions/events?executionArn=<arn>` (resuming after event
    /// `last_event_id`, if given) and returns the response, whose body streams the events.
    pub async fn events(
        &self,
        execution_arn: &str,
        last_event_id: Option<u64>,
    ) -> http::Response<axum::body::Body> {
        let arn = url_encode(execution_arn);
        let mut request =
            http::Request::get(format!("/_stepstone/executions/events?executionArn={arn}"));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let request = request.body(axum::body::Body::empty()).expect("request");
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers")
    }

    /// Waits until a standard execution has ended, without polling: for executions whose
    /// work happens outside the test's runtime (function processes). Panics if there is no
    /// such execution.
    pub async fn ended(&self, execution_arn: &str) {
        self.app
            .sfn
            .wait_for_execution(execution_arn)
            .await
            .unwrap_or_else(|| panic!("no execution {execution_arn}"));
    }

    /// Waits until a standard execution has recorded an event of `event_type` (e.g.
    /// `TaskSubmitted`), without polling; panics if it ends without one.
    pub async fn recorded(&self, execution_arn: &str, event_type: &str) {
        assert!(
            self.app.sfn.wait_for_event(execution_arn, event_type).await,
            "{execution_arn} ended without a {event_type} event"
        );
    }

    /// Waits until a standard execution has recorded more than `events` events or has ended,
    /// without polling.
    pub async fn history_grows(&self, execution_arn: &str, events: usize) {
        self.app.sfn.wait_for_history(execution_arn, events).await;
    }

    /// Sends `body` to Step Functions operation `operation` as awsJson 1.0.
    pub async fn call(&self, operation: &str, body: &str) -> (http::StatusCode, serde_json::Value) {
        let request = http::Request::post("/")
            .header("x-amz-target", format!("AWSStepFunctions.{operation}"))
            .header("content-type", "application/x-amz-json-1.0")
            .body(body.to_owned())
            .expect("request");
        let (status, _, body) = self.raw(request).await;
        (status, body)
    }
}

impl Default for InProcess {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpConnector for InProcess {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let router = self.router.clone();
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let (parts, body) = request.into_parts();
            let bytes = body
                .bytes()
                .map(bytes::Bytes::copy_from_slice)
                .unwrap_or_default();
            let request = http::Request::from_parts(parts, axum::body::Body::from(bytes));
            let response = router
                .oneshot(request)
                .await
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let response = http::Response::from_parts(parts, SdkBody::from(bytes));
            HttpResponse::try_from(response).map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

impl HttpClient for InProcess {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// An SNS client for `endpoint`, through `client` if given, else over plain HTTP.
pub fn sns_client(endpoint: &str, client: Option<InProcess>) -> aws_sdk_sns::Client {
    let config = aws_sdk_sns::Config::builder()
        .behavior_version(aws_sdk_sns::config::BehaviorVersion::latest())
        .region(aws_sdk_sns::config::Region::new(REGION))
        .credentials_provider(aws_sdk_sns::config::Credentials::new(
            "test", "test", None, None, "static",
        ))
        .endpoint_url(endpoint);
    let config = match client {
        Some(client) => config.http_client(client),
        None => config.http_client(aws_smithy_http_client::Builder::new().build_http()),
    };
    aws_sdk_sns::Client::from_conf(config.build())
}

/// A Step Functions client for `endpoint`, through `client` if given, else over plain HTTP.
pub fn sfn_client(endpoint: &str, client: Option<InProcess>) -> aws_sdk_sfn::Client {
    let mut config = aws_sdk_sfn::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new("test", "test", None, None, "static"))
        .endpoint_url(endpoint);
    config = match client {
        Some(client) => config.http_client(client),
        None => config.http_client(aws_smithy_http_client::Builder::new().build_http()),
    };
    aws_sdk_sfn::Client::from_conf(config.build())
}

/// A Lambda client for `endpoint`, through `client` if given, else over plain HTTP.
pub fn lambda_client(endpoint: &str, client: Option<InProcess>) -> aws_sdk_lambda::Client {
    let mut config = aws_sdk_lambda::Config::builder()
        .behavior_version(aws_sdk_lambda::config::BehaviorVersion::latest())
        .region(aws_sdk_lambda::config::Region::new(REGION))
        .credentials_provider(aws_sdk_lambda::config::Credentials::new(
            "test", "test", None, None, "static",
        ))
        .endpoint_url(endpoint);
    config = match client {
        Some(client) => config.http_client(client),
        None => config.http_client(aws_smithy_http_client::Builder::new().build_http()),
    };
    aws_sdk_lambda::Client::from_conf(config.build())
}

/// `text` with everything but unreserved characters percent-encoded, for a query string.
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A deployment package: a zip holding `files` (name, content), deflated.
pub fn zip_package(files: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o755);
    for (name, content) in files {
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(content.as_bytes()).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

/// The real server on a loopback port, stopped when dropped.
#[derive(Debug)]
pub struct Server {
    /// Where it listens.
    pub address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    /// Starts a server with default settings on a free port, its executions on two threads of
    /// their own as in the binary.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("listener address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let config = Config {
            region: REGION.into(),
            account_id: ACCOUNT.into(),
            ..Config::default()
        };
        let app = Arc::new(App::new(&config));
        // As the binary runs them: executions on threads of their own.
        app.sfn.workers().dedicate(2).expect("engine threads");
        app.lambda.set_endpoint(format!("http://{address}"));
        tokio::spawn(server::serve(listener, app, async move {
            let _ = stopped.await;
        }));
        Server {
            address,
            stop: Some(stop),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A Step Functions client that talks to this server over the socket.
    pub fn sfn(&self) -> aws_sdk_sfn::Client {
        sfn_client(&self.endpoint(), None)
    }

    /// An SNS client that talks to this server over the socket.
    pub fn sns(&self) -> aws_sdk_sns::Client {
        sns_client(&self.endpoint(), None)
    }

    /// A Lambda client that talks to this server over the socket.
    pub fn lambda(&self) -> aws_sdk_lambda::Client {
        lambda_client(&self.endpoint(), None)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Polls DescribeExecution until the execution leaves RUNNING (yielding to the server's tasks
/// between polls, never sleeping) and returns the final description.
pub async fn finished(
    sfn: &aws_sdk_sfn::Client,
    execution_arn: &str,
) -> aws_sdk_sfn::operation::describe_execution::DescribeExecutionOutput {
    for _ in 0..100_000 {
        let described = sfn
            .describe_execution()
            .execution_arn(execution_arn)
            .send()
            .await
            .expect("describe execution");
        if described.status() != &aws_sdk_sfn::types::ExecutionStatus::Running {
            return described;
        }
        tokio::task::yield_now().await;
    }
    panic!("execution {execution_arn} did not finish");
}

/// Creates a standard state machine `name` with `definition` and returns its ARN.
pub async fn create_machine(sfn: &aws_sdk_sfn::Client, name: &str, definition: &str) -> String {
    sfn.create_state_machine()
        .name(name)
        .definition(definition)
        .role_arn(ROLE)
        .send()
        .await
        .expect("create state machine")
        .state_machine_arn
}

/// Starts an execution of `state_machine_arn` with `input` and returns the execution's ARN.
pub async fn start(
    sfn: &aws_sdk_sfn::Client,
    state_machine_arn: &str,
    input: &serde_json::Value,
) -> String {
    sfn.start_execution()
        .state_machine_arn(state_machine_arn)
        .input(input.to_string())
        .send()
        .await
        .expect("start execution")
        .execution_arn
}

/// A minimal valid definition: one Pass state.
pub fn pass_definition() -> String {
    r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#.to_owned()
}

/// The SDK error code of a failed call (`__type` as the SDK parsed it).
pub fn error_code<E, R>(err: &aws_sdk_sfn::error::SdkError<E, R>) -> String
where
    E: aws_sdk_sfn::error::ProvideErrorMetadata,
{
    use aws_sdk_sfn::error::ProvideErrorMetadata;
    err.code().unwrap_or("<none>").to_owned()
}

/// The SDK error message of a failed call.
pub fn error_message<E, R>(err: &aws_sdk_sfn::error::SdkError<E, R>) -> String
where
    E: aws_sdk_sfn::error::ProvideErrorMetadata,
{
    use aws_sdk_sfn::error::ProvideErrorMetadata;
    err.message().unwrap_or("<none>").to_owned()
}
