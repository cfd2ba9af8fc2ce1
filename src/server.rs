//! The HTTP shell: one port, every request routed by protocol to a service, a health endpoint,
//! and clean shutdown. Everything AWS-specific lives in `protocol` and the services.

use crate::clock::{AdvanceError, Clock};
use crate::config::Config;
use crate::connections::Limits;
use crate::engine::mock_config::{MockConfig, MockConfigError};
use crate::engine::retention::Retention;
use crate::integrations::lambda_forward::LambdaEndpoint;
use crate::integrations::{Integrations, LambdaTarget};
use crate::logging::requests::Requested;
use crate::protocol::WireError;
use crate::protocol::dispatch;
use crate::protocol::guard::Policy;
use crate::protocol::json::{self, JsonVersion};
use crate::protocol::query::Query;
use crate::protocol::route::Routes;
use crate::services::Service;
use crate::services::lambda::{Lambda, LambdaScope};
use crate::services::registry::Registry;
use crate::services::sns::Sns;
use crate::services::sqs::Sqs;
use crate::services::sts::Sts;
use crate::sfn::{Sfn, arn::ArnScope, quotas::Quotas};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use http::StatusCode;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long in-flight requests (such as 60-second activity polls) may run on after a shutdown
/// signal before the server stops anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Every service the server hosts.
#[derive(Debug)]
pub struct App {
    /// Step Functions.
    pub sfn: Arc<Sfn>,
    /// Lambda.
    pub lambda: Arc<Lambda>,
    /// SQS (its queue URLs name the server's address).
    pub sqs: Arc<Sqs>,
    /// SNS (its kept deliveries are read by an admin endpoint).
    pub sns: Arc<Sns>,
    /// The engine's clock (the admin endpoints move it in manual mode).
    pub clock: Clock,
    /// Which requests a web page could have sent (refused on every route).
    pub guard: Policy,
    /// Every service, and how requests find them.
    pub routes: Routes,
    /// What Task states call; `aws-sdk:*` reaches the registered services through it.
    integrations: Arc<Integrations>,
}

impl App {
    /// Fresh, empty services configured by `config`, without mocked service integrations:
    /// `config.mock_config` is not read here (reading a file can fail; [`App::load`] does it).
    pub fn new(config: &Config) -> Self {
        Self::with_mock_config(config, None)
    }

    /// Fresh, empty services configured by `config`, reading and validating the mock
    /// configuration file it names, if any: a broken file stops the server at startup rather
    /// than failing executions later.
    pub fn load(config: &Config) -> Result<Self, StartupError> {
        if let Some(Err(error)) = config.lambda_endpoint.as_deref().map(LambdaEndpoint::parse) {
            return Err(StartupError::LambdaEndpoint(error));
        }
        let mock_config = match &config.mock_config {
            Some(path) => {
                Some(
                    MockConfig::load(path).map_err(|error| StartupError::MockConfig {
                        path: path.clone(),
                        error,
                    })?,
                )
            }
            None => None,
        };
        let app = Self::with_mock_config(config, mock_config);
        if let Some(path) = &config.sns_extra_ca {
            let read = app.sns.trust_roots_from(path);
            read.map_err(|error| StartupError::SnsExtraCa {
                path: path.clone(),
                error,
            })?;
        }
        Ok(app)
    }

    /// Fresh, empty services configured by `config`, with `mock_config`'s test cases.
    pub fn with_mock_config(config: &Config, mock_config: Option<MockConfig>) -> Self {
        let scope = ArnScope {
            region: config.region.clone(),
            account: config.account_id.clone(),
        };
        let clock = match config.manual_clock {
            true => Clock::manual(),
            false => Clock::scaled(config.wait_time_scale),
        };
        let lambda = Lambda::new(
            LambdaScope {
                region: scope.region.clone(),
                account: scope.account.clone(),
            },
            None,
            clock.clone(),
        );
        let lambda_target = match config.lambda_endpoint.as_deref().map(LambdaEndpoint::parse) {
            Some(Ok(endpoint)) => LambdaTarget::Forward(endpoint),
            _ => LambdaTarget::InProcess(lambda.clone()),
        };
        let integrations = Arc::new(Integrations::new(clock.clone(), lambda_target));
        let sfn = Sfn::new(scope, clock.clone(), mock_config, integrations.clone());
        sfn.set_retention(Retention {
            max_finished: config.max_finished_executions as usize,
            max_age: time::Duration::days(config.execution_retention_days.into()),
        });
        sfn.set_quotas(Quotas {
            state_machines: config.max_state_machines as usize,
            activities: config.max_activities as usize,
            open_executions: config.max_open_executions as usize,
        });
        let sqs = Arc::new(Sqs::new(
            config.region.clone(),
            config.account_id.clone(),
            clock.clone(),
        ));
        let sns = Arc::new(Sns::new(
            config.region.clone(),
            config.account_id.clone(),
            clock.clone(),
        ));
        let mut services = Registry::new();
        services.register(sfn.clone());
        services.register(lambda.clone());
        services.register(sqs.clone());
        services.register(sns.clone());
        services.register(Arc::new(Sts::new(config.account_id.clone(), clock.clone())));
        services.connect_all();
        integrations.connect(&services);
        App {
            routes: Routes::new(&services),
            integrations,
            sfn,
            lambda,
            sqs,
            sns,
            clock,
            guard: Policy::for_bind(&config.host, &config.allowed_hosts),
        }
    }

    /// This app with one more service: what a test does to serve a service of its own.
    pub fn with_service(mut self, service: Arc<dyn Service>) -> Self {
        let mut services = self.routes.registry().clone();
        services.register(service);
        services.connect_all();
        self.integrations.connect(&services);
        self.routes = Routes::new(&services);
        self
    }
}

/// Why the server cannot start with its configuration.
#[derive(Debug)]
pub enum StartupError {
    /// The mock configuration file cannot be read or is invalid.
    MockConfig {
        /// The file, as configured.
        path: PathBuf,
        /// What is wrong, and where in the file.
        error: MockConfigError,
    },
    /// `LAMBDA_ENDPOINT` is not an http:// URL.
    LambdaEndpoint(String),
    /// The `--sns-extra-ca` file cannot be read as PEM certificates.
    SnsExtraCa {
        /// The file, as configured.
        path: PathBuf,
        /// Why it cannot be read.
        error: String,
    },
}

impl std::fmt::Display for StartupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartupError::LambdaEndpoint(error) => write!(f, "LAMBDA_ENDPOINT: {error}"),
            StartupError::SnsExtraCa { path, error } => {
                write!(f, "--sns-extra-ca '{}': {error}", path.display())
            }
            StartupError::MockConfig { path, error } => {
                let path = path.display().to_string();
                // An unreadable file is located by its path, which is already named.
                if error.location == path {
                    write!(f, "mock configuration file '{path}': {}", error.message)
                } else {
                    write!(
                        f,
                        "invalid mock configuration file '{path}' at {}: {}",
                        error.location, error.message
                    )
                }
            }
        }
    }
}

impl std::error::Error for StartupError {}

/// The router: `GET /health` for containers and harnesses, everything else to the AWS services.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/_stepstone/clock", get(clock_now))
        .route("/_stepstone/clock/advance", post(clock_advance))
        .merge(crate::admin::router())
        .merge(crate::console::router())
        .fallback(dispatch)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            refuse_web_pages,
        ))
        .layer(axum::middleware::from_fn(crate::logging::requests::record))
        .with_state(app)
}

/// Applies the [`Policy`] before any route: a refused request never reaches a service.
async fn refuse_web_pages(
    State(app): State<Arc<App>>,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    match app.guard.check(request.method(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            let err = WireError::with_status(
                StatusCode::FORBIDDEN,
                "AccessDeniedException",
                refusal.message(),
            );
            into_axum(json::error(JsonVersion::V1_0, "", "", &err))
        }
    }
}

async fn health(State(app): State<Arc<App>>) -> impl IntoResponse {
    (
        [(http::header::CONTENT_TYPE, "application/json")],
        app.routes.health().to_owned(),
    )
}

/// `GET /_stepstone/clock`: the engine's time and whether it is manual.
async fn clock_now(State(app): State<Arc<App>>) -> Response {
    json_response(StatusCode::OK, clock_body(&app.clock))
}

/// `POST /_stepstone/clock/advance` with `{"seconds": n}`: moves manual time forward, firing
/// every Wait, back-off and timeout whose time has come.
async fn clock_advance(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let seconds = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("seconds").and_then(serde_json::Value::as_f64));
    let by = seconds.and_then(|s| Duration::try_from_secs_f64(s).ok());
    let Some(by) = by else {
        return admin_error(
            StatusCode::BAD_REQUEST,
            "Expected a JSON body {\"seconds\": n} with n a number >= 0",
        );
    };
    match app.clock.advance(by) {
        Ok(_) => json_response(StatusCode::OK, clock_body(&app.clock)),
        Err(AdvanceError::TooFar) => admin_error(
            StatusCode::BAD_REQUEST,
            "The clock cannot move past 9000-01-01T00:00:00Z: advance by fewer seconds",
        ),
        Err(AdvanceError::RealTime) => admin_error(
            StatusCode::CONFLICT,
            "The clock runs in real time: start Stepstone with --manual-clock (STEPSTONE_MANUAL_CLOCK=true) to move it",
        ),
    }
}

fn admin_error(status: StatusCode, message: &str) -> Response {
    json_response(
        status,
        serde_json::json!({ "message": message }).to_string(),
    )
}

fn clock_body(clock: &Clock) -> String {
    let now = clock.now();
    let epoch = (now.unix_timestamp_nanos() / 1_000_000) as f64 / 1000.0;
    serde_json::json!({ "epochSeconds": epoch, "manual": clock.is_manual() }).to_string()
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}

/// A random UUID for `x-amzn-RequestId`, from the thread's generator: `Uuid::new_v4` asks the
/// kernel for every one (a `getrandom` system call, a few per cent of a small request's time).
fn request_id() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .to_string()
}

/// Routes a request to the AWS service its protocol names (the router's fallback).
pub(crate) async fn dispatch(State(app): State<Arc<App>>, request: Request) -> Response {
    let request_id = request_id();
    let (parts, body) = request.into_parts();
    let query = Query::parse(parts.uri.query());
    let route = app
        .routes
        .route(&parts.method, parts.uri.path(), &query, &parts.headers);
    let limit = route.body_limit();
    let mut response = match axum::body::to_bytes(body, limit).await {
        Ok(body) => {
            let names = route.names(&parts, &body);
            let mut response = into_axum(dispatch::serve(route, &parts, body, &request_id).await);
            response.extensions_mut().insert(Requested::from(names));
            response
        }
        Err(err) => {
            let err = body_error(err, limit);
            into_axum(json::error(JsonVersion::V1_0, &request_id, "", &err))
        }
    };
    if let Ok(value) = http::HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-requestid", value);
    }
    response
}

/// Why a request body could not be read: too long (413), or broken on the wire, such as
/// malformed chunked encoding (400).
fn body_error(err: axum::Error, limit: usize) -> WireError {
    let inner = err.into_inner();
    let too_long = std::iter::successors(Some(&*inner as &dyn std::error::Error), |e| e.source())
        .any(|e| e.is::<http_body_util::LengthLimitError>());
    match too_long {
        true => WireError::with_status(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLargeException",
            format!("Request body exceeds the limit of {limit} bytes"),
        ),
        false => WireError::serialization(format!("The request body could not be read: {inner}")),
    }
}

fn into_axum(response: http::Response<Bytes>) -> Response {
    response.map(Body::from)
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets in-flight requests finish for
/// a short grace period.
pub async fn serve(
    listener: TcpListener,
    app: Arc<App>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, app, Limits::default(), shutdown).await
}

/// [`serve`] with connection limits of the caller's choosing.
pub async fn serve_with(
    listener: TcpListener,
    app: Arc<App>,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    crate::connections::serve(listener, router(app), limits, shutdown, SHUTDOWN_GRACE).await
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_distinct_random_uuids() {
        let (first, second) = (request_id(), request_id());
        assert_ne!(first, second);
        let parsed = uuid::Uuid::parse_str(&first).unwrap();
        assert_eq!(parsed.get_version(), Some(uuid::Version::Random));
    }
}
