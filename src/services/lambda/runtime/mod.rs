//! Running function code: one local process per execution environment, reused while warm,
//! speaking the Lambda Runtime API ([`api`]) to this server.
//!
//! Python and Node handlers run under small bootstraps shipped inside the binary; `provided`
//! runtimes run the package's own `bootstrap` executable, so binaries built for AWS work as-is.

mod api;
mod process;

use super::Version;
use super::model::FunctionConfiguration;
use crate::engine::clock::{Clock, Deadline};
use api::{Api, Pending, Reply};
use bytes::Bytes;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, watch};

/// How long an unused process stays warm.
const IDLE_LIFETIME: Duration = Duration::from_secs(300);

/// One invocation's request, as the invoker hands it over.
#[derive(Debug, Clone)]
pub struct Request {
    /// The request id the function sees (`context.aws_request_id`).
    pub request_id: String,
    /// The event, as JSON text.
    pub payload: Bytes,
    /// The ARN the caller used (qualified when it named a version or alias).
    pub invoked_arn: String,
    /// Decoded `ClientContext` JSON.
    pub client_context: Option<String>,
}

/// How an invocation ended.
#[derive(Debug)]
pub enum Outcome {
    /// The handler returned these bytes.
    Response(Bytes),
    /// The invocation failed (handler error, init error, timeout, crash); the body is the
    /// error document the caller receives with `X-Amz-Function-Error: Unhandled`.
    Failed(Bytes),
}

/// An invocation's outcome and its log, `START` to `REPORT`.
#[derive(Debug)]
pub struct Completed {
    /// The result.
    pub outcome: Outcome,
    /// What the function wrote, framed as CloudWatch shows it.
    pub log: String,
}

/// Warm processes by function version and revision.
#[derive(Debug)]
pub struct Runtimes {
    region: String,
    clock: Clock,
    endpoint: Mutex<Option<String>>,
    idle: Arc<Mutex<HashMap<Key, Vec<Instance>>>>,
    bootstraps: OnceLock<Result<PathBuf, String>>,
    reaper: OnceLock<()>,
    /// Bumped to stop every process, busy or idle (a reset).
    stop_all: watch::Sender<u64>,
    /// The exit status of every process started, to wait for them on a reset.
    started: Mutex<Vec<watch::Receiver<Option<String>>>>,
}

/// Processes are interchangeable only for the same version at the same revision.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    function: String,
    version: String,
    revision: String,
}

impl Runtimes {
    /// No processes yet. `endpoint` is what function processes get as `AWS_ENDPOINT_URL`.
    pub fn new(region: String, endpoint: Option<String>, clock: Clock) -> Self {
        Runtimes {
            region,
            clock,
            endpoint: Mutex::new(endpoint),
            idle: Arc::default(),
            bootstraps: OnceLock::new(),
            reaper: OnceLock::new(),
            stop_all: watch::channel(0).0,
            started: Mutex::default(),
        }
    }

    /// Stops every process, idle or busy (a busy one's invocation fails as a crash), and waits
    /// until they have exited; how many were running.
    pub async fn stop_all(&self) -> usize {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.stop_all.send_modify(|generation| *generation += 1);
        let started = std::mem::take(&mut *self.started.lock().unwrap_or_else(|e| e.into_inner()));
        let mut stopped = 0;
        for mut exited in started {
            stopped += usize::from(exited.borrow().is_none());
            let _ = exited.wait_for(Option::is_some).await;
        }
        stopped
    }

    /// Sets `AWS_ENDPOINT_URL` for processes started from now on.
    pub fn set_endpoint(&self, endpoint: String) {
        *self.endpoint.lock().unwrap_or_else(|e| e.into_inner()) = Some(endpoint);
    }

    /// Stops the warm processes of a function (`version: None`) or of one of its versions.
    pub fn retire(&self, function: &str, version: Option<&str>) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        idle.retain(|key, _| key.function != function || version.is_some_and(|v| key.version != v));
    }

    /// Runs one invocation of `version` to its end, on a warm process when there is one.
    pub async fn invoke(&self, version: &Version, request: Request) -> Completed {
        self.start_reaper();
        let config = &version.config;
        let key = Key {
            function: config.function_name.clone(),
            version: config.version.clone(),
            revision: config.revision_id.clone(),
        };
        let started = Instant::now();
        let (mut instance, init) = match self.warm(&key) {
            Some(instance) => (instance, None),
            None => match self.spawn(version) {
                Ok(instance) => (instance, Some(started)),
                Err(error) => return unavailable(config, &request.request_id, &error, started),
            },
        };
        let request_id = request.request_id.clone();
        let timeout = Duration::from_secs(config.timeout.into());
        // Handlers run in real time, so their Timeout does too (WAIT_TIME_SCALE does not shorten
        // it); under the manual clock it follows that clock like every other timeout, so tests
        // decide when a function has run too long.
        let limit = match self.clock.is_manual() {
            true => self.clock.deadline(timeout.as_secs_f64()),
            false => Deadline::Real(tokio::time::Instant::now() + timeout),
        };
        let (outcome, keep) = instance.run(request, timeout, &self.clock, limit).await;
        let elapsed = started.elapsed();
        let output = instance.take_log();
        let mut log = format!(
            "START RequestId: {request_id} Version: {}\n",
            config.version
        );
        if let Some(note) = &instance.fallback {
            log.push_str(note);
            log.push('\n');
        }
        log.push_str(&output);
        if let Outcome::Failed(_) = &outcome
            && !keep
            && let Some(note) =
                instance.failure_note(&request_id, config.timeout, self.clock.is_due(limit))
        {
            log.push_str(&note);
        }
        let millis = elapsed.as_secs_f64() * 1000.0;
        log.push_str(&format!(
            "END RequestId: {request_id}\nREPORT RequestId: {request_id}\tDuration: {millis:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\t",
            millis.ceil() as u64,
            config.memory_size
        ));
        if let Some(ready) = init.and_then(|spawned| instance.api.ready_since(spawned)) {
            log.push_str(&format!(
                "Init Duration: {:.2} ms\t",
                ready.as_secs_f64() * 1000.0
            ));
        }
        log.push('\n');
        log_invocation(config, &request_id, &outcome, elapsed, init.is_some());
        if keep {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.entry(key).or_default().push(instance);
        }
        Completed { outcome, log }
    }

    fn warm(&self, key: &Key) -> Option<Instance> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let pool = idle.get_mut(key)?;
        while let Some(instance) = pool.pop() {
            if instance.alive() {
                return Some(instance);
            }
        }
        None
    }

    fn spawn(&self, version: &Version) -> Result<Instance, String> {
        let bootstraps = self
            .bootstraps
            .get_or_init(process::write_bootstraps)
            .clone()?;
        let endpoint = self
            .endpoint
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|e| format!("cannot open a Runtime API port: {e}"))?;
        let port = std_listener
            .local_addr()
            .map_err(|e| format!("cannot open a Runtime API port: {e}"))?
            .port();
        let listener = tokio::net::TcpListener::from_std(std_listener)
            .map_err(|e| format!("cannot open a Runtime API port: {e}"))?;
        let (api, queue) = Api::new();
        let server = tokio::spawn({
            let router = api::router(api.clone());
            async move {
                let _ = axum::serve(listener, router).await;
            }
        });
        let launch = process::Launch {
            version,
            runtime_api: format!("127.0.0.1:{port}"),
            region: &self.region,
            endpoint: endpoint.as_deref(),
            bootstraps: &bootstraps,
            stop_all: self.stop_all.subscribe(),
        };
        let spawned = match process::spawn(&launch) {
            Ok(spawned) => spawned,
            Err(error) => {
                server.abort();
                return Err(error);
            }
        };
        let mut started = self.started.lock().unwrap_or_else(|e| e.into_inner());
        started.retain(|exited| exited.borrow().is_none());
        started.push(spawned.exited.clone());
        drop(started);
        Ok(Instance {
            api,
            queue,
            server,
            kill: Some(spawned.kill),
            exited: spawned.exited,
            log: spawned.log,
            fallback: spawned.fallback,
            last_used: Instant::now(),
        })
    }

    /// Stops processes that have been idle for [`IDLE_LIFETIME`], once a minute.
    fn start_reaper(&self) {
        self.reaper.get_or_init(|| {
            let idle = Arc::downgrade(&self.idle);
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    let Some(idle) = idle.upgrade() else { return };
                    let mut idle = idle.lock().unwrap_or_else(|e| e.into_inner());
                    for pool in idle.values_mut() {
                        pool.retain(|i| i.alive() && i.last_used.elapsed() < IDLE_LIFETIME);
                    }
                    idle.retain(|_, pool| !pool.is_empty());
                }
            });
        });
    }
}

impl Drop for Runtimes {
    fn drop(&mut self) {
        if let Some(Ok(dir)) = self.bootstraps.get() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// One function process and its Runtime API listener. Dropping it stops both.
#[derive(Debug)]
struct Instance {
    api: Arc<Api>,
    queue: mpsc::Sender<Pending>,
    server: tokio::task::JoinHandle<()>,
    // Dropping the sender tells the process's watcher to kill it.
    kill: Option<oneshot::Sender<()>>,
    exited: watch::Receiver<Option<String>>,
    log: Arc<Mutex<String>>,
    /// Says which interpreter runs instead of the runtime's own, at the top of every log.
    fallback: Option<String>,
    last_used: Instant,
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill.take();
        self.server.abort();
    }
}

impl Instance {
    fn alive(&self) -> bool {
        self.exited.borrow().is_none()
    }

    /// Runs one invocation; the flag says whether the process may serve another.
    async fn run(
        &mut self,
        request: Request,
        timeout: Duration,
        clock: &Clock,
        limit: Deadline,
    ) -> (Outcome, bool) {
        self.take_log();
        let (reply_tx, reply_rx) = oneshot::channel();
        self.api.expect(request.request_id.clone(), reply_tx);
        let deadline = time::OffsetDateTime::now_utc() + timeout;
        let pending = Pending {
            request_id: request.request_id.clone(),
            payload: request.payload,
            deadline_ms: (deadline.unix_timestamp_nanos() / 1_000_000) as u128,
            invoked_arn: request.invoked_arn,
            client_context: request.client_context,
        };
        let id = &request.request_id;
        if self.queue.send(pending).await.is_err() {
            return (
                Outcome::Failed(exit_error(id, "the runtime is gone")),
                false,
            );
        }
        let mut exited = self.exited.clone();
        // Biased: a reply the process sent just before exiting (an init error) wins over the exit.
        let result = tokio::select! {
            biased;
            reply = reply_rx => match reply {
                Ok(Reply::Response(body)) => (Outcome::Response(body), true),
                Ok(Reply::Error(body)) => (Outcome::Failed(body), true),
                Ok(Reply::InitError(body)) => (Outcome::Failed(body), false),
                Err(_) => (Outcome::Failed(exit_error(id, "the runtime is gone")), false),
            },
            status = exited.wait_for(Option::is_some) => {
                let status = status.ok().and_then(|s| s.clone()).unwrap_or_default();
                (Outcome::Failed(exit_error(id, &status)), false)
            }
            () = clock.sleep_until(Some(limit)) => {
                let message = format!(
                    "RequestId: {id} Error: Task timed out after {}.00 seconds",
                    timeout.as_secs()
                );
                (Outcome::Failed(error_document("Sandbox.Timedout", &message)), false)
            }
        };
        // Output written just before the reply may still be in the pipe readers' hands.
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        self.last_used = Instant::now();
        result
    }

    fn take_log(&self) -> String {
        std::mem::take(&mut *self.log.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The platform's own log line for an invocation that ended the process.
    fn failure_note(&self, request_id: &str, timeout: u32, timed_out: bool) -> Option<String> {
        let now = time::OffsetDateTime::now_utc();
        let stamp = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        if timed_out {
            return Some(format!(
                "{stamp} {request_id} Task timed out after {timeout}.00 seconds\n"
            ));
        }
        self.exited
            .borrow()
            .as_ref()
            .map(|status| format!("RequestId: {request_id} Error: Runtime exited with error: {status}\nRuntime.ExitError\n"))
    }
}

/// An invocation whose process could not start (a missing interpreter, say).
fn unavailable(
    config: &FunctionConfiguration,
    request_id: &str,
    error: &str,
    started: Instant,
) -> Completed {
    let outcome = Outcome::Failed(error_document("Runtime.Unavailable", error));
    log_invocation(config, request_id, &outcome, started.elapsed(), true);
    let version = &config.version;
    Completed {
        outcome,
        log: format!(
            "START RequestId: {request_id} Version: {version}\n{error}\nEND RequestId: {request_id}\n"
        ),
    }
}

/// One invocation in the server's log, at info: the function, how long it took, whether it
/// started a process (cold) or reused one (warm), and how it ended.
fn log_invocation(
    config: &FunctionConfiguration,
    request_id: &str,
    outcome: &Outcome,
    elapsed: Duration,
    cold: bool,
) {
    let function = config.function_name.as_str();
    let version = config.version.as_str();
    let duration_ms = (elapsed.as_secs_f64() * 1e5).round() / 100.0;
    let start = if cold { "cold" } else { "warm" };
    match outcome {
        Outcome::Response(_) => tracing::info!(
            %function,
            %version,
            %request_id,
            duration_ms,
            %start,
            outcome = %"succeeded",
            "lambda invocation"
        ),
        Outcome::Failed(document) => {
            let document: serde_json::Value = serde_json::from_slice(document).unwrap_or_default();
            let error_type = document["errorType"].as_str().unwrap_or_default();
            let error_message = document["errorMessage"].as_str().unwrap_or_default();
            tracing::info!(
                %function,
                %version,
                %request_id,
                duration_ms,
                %start,
                outcome = %"failed",
                %error_type,
                error_message,
                "lambda invocation"
            );
        }
    }
}

fn exit_error(request_id: &str, status: &str) -> Bytes {
    error_document(
        "Runtime.ExitError",
        &format!("RequestId: {request_id} Error: Runtime exited with error: {status}"),
    )
}

/// `{"errorType": ..., "errorMessage": ...}`, the document the platform reports its own
/// failures with.
fn error_document(error_type: &str, message: &str) -> Bytes {
    Bytes::from(serde_json::json!({ "errorType": error_type, "errorMessage": message }).to_string())
}
