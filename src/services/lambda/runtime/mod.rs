//! Running function code: one local process per execution environment, reused while warm,
//! speaking the Lambda Runtime API ([`api`]) to this server.
//!
//! Python and Node handlers run under small bootstraps shipped inside the binary; `provided`
//! runtimes run the package's own `bootstrap` executable, so binaries built for AWS work as-is.

mod api;
mod group;
mod instance;
mod output;
mod process;

use super::Version;
use super::model::FunctionConfiguration;
use crate::clock::Clock;
use api::Api;
use bytes::Bytes;
use instance::{Fate, InitTimedOut, Instance, Ran};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long an unused process stays warm.
const IDLE_LIFETIME: Duration = Duration::from_secs(300);

/// AWS's limit on a new process's start-up (its Init phase), which is not part of the function's
/// Timeout.
const INIT_LIMIT: Duration = Duration::from_secs(10);

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
    /// Counts retirements; each process remembers the count it was started at.
    generation: AtomicU64,
    /// The last retirement of each function (version `None`) and version, as a generation, so
    /// that a process busy when its function was updated or deleted ends after its invocation.
    retirements: Mutex<HashMap<(String, Option<String>), u64>>,
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

impl Key {
    fn of(config: &super::model::FunctionConfiguration) -> Self {
        Key {
            function: config.function_name.clone(),
            version: config.version.clone(),
            revision: config.revision_id.clone(),
        }
    }
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
            generation: AtomicU64::new(0),
            retirements: Mutex::default(),
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
        *lock(&self.endpoint) = Some(endpoint);
    }

    /// Stops the warm processes of a function (`version: None`) or of one of its versions.
    pub fn retire(&self, function: &str, version: Option<&str>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let retired = (function.to_owned(), version.map(str::to_owned));
        lock(&self.retirements).insert(retired, generation);
        let mut idle = lock(&self.idle);
        idle.retain(|key, _| key.function != function || version.is_some_and(|v| key.version != v));
    }

    /// Keeps `instance` warm for `key`, unless its function or version was retired since it
    /// started.
    fn keep(&self, key: Key, instance: Instance) {
        // Under the idle lock, which `retire` takes after recording itself: a retirement either
        // is seen here or removes the instance once it is kept.
        let mut idle = lock(&self.idle);
        let retirements = lock(&self.retirements);
        let retired = [None, Some(key.version.clone())]
            .into_iter()
            .any(|version| {
                retirements
                    .get(&(key.function.clone(), version))
                    .is_some_and(|&at| at > instance.generation)
            });
        if !retired {
            idle.entry(key).or_default().push(instance);
        }
    }

    /// Runs one invocation of `version` to its end, on a warm process when there is one.
    pub async fn invoke(&self, version: &Version, request: Request) -> Completed {
        self.start_reaper();
        let key = Key::of(&version.config);
        let (instance, start) = match self.warm(&key) {
            Some(instance) => (instance, Start::Warm),
            None => match self.spawn(version) {
                Ok(instance) => (instance, Start::Cold(real_now())),
                Err(error) => return unavailable(version, &request.request_id, &error),
            },
        };
        let (instance, start, ran) = match self.attempt(version, &request, instance, start).await {
            Ok(attempt) => attempt,
            Err(error) => return unavailable(version, &request.request_id, &error),
        };
        let log = frame_log(
            version,
            &request.request_id,
            &instance,
            start,
            &ran,
            &self.clock,
        );
        let cold = !matches!(start, Start::Warm);
        log_invocation(
            &version.config,
            &request.request_id,
            &ran.outcome,
            ran.started.elapsed(),
            cold,
        );
        if ran.fate == Fate::Reusable {
            self.keep(key, instance);
        }
        Completed {
            outcome: ran.outcome,
            log,
        }
    }

    /// Runs `request` on `instance`. A new process gets AWS's Init phase: its start-up does not
    /// count against the function's Timeout, but it has [`INIT_LIMIT`]. Past that, AWS documents
    /// that it "retries the Init phase at the time of the first function invocation with the
    /// configured function timeout": the process is replaced by a new one, whose start-up then
    /// counts against the invocation's Timeout (so a function whose start-up always takes longer
    /// fails with `Sandbox.Timedout`, as it does on AWS).
    async fn attempt(
        &self,
        version: &Version,
        request: &Request,
        mut instance: Instance,
        mut start: Start,
    ) -> Result<(Instance, Start, Ran), String> {
        let timeout = Duration::from_secs(version.config.timeout.into());
        let mut init_limit = match start {
            Start::Cold(_) => Some(self.clock.unscaled_deadline(INIT_LIMIT)),
            Start::Warm | Start::Retried => None,
        };
        loop {
            let run = instance.run(request.clone(), timeout, &self.clock, init_limit);
            match run.await {
                Ok(ran) => return Ok((instance, start, ran)),
                Err(InitTimedOut) => {
                    // Dropping the old process ends it.
                    instance = self.spawn(version)?;
                    (start, init_limit) = (Start::Retried, None);
                }
            }
        }
    }

    fn warm(&self, key: &Key) -> Option<Instance> {
        let mut idle = lock(&self.idle);
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
        let endpoint = lock(&self.endpoint).clone();
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
            today: self.clock.now().date(),
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
            output: spawned.output,
            fallback: spawned.fallback,
            last_used: real_now(),
            generation: self.generation.load(Ordering::SeqCst),
        })
    }

    /// Stops processes that have been idle for [`IDLE_LIFETIME`], once a minute: real
    /// processes hold real resources, so they are reaped in real time.
    #[allow(
        clippy::disallowed_methods,
        reason = "real processes are reaped in real time"
    )]
    fn start_reaper(&self) {
        self.reaper.get_or_init(|| {
            let idle = Arc::downgrade(&self.idle);
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    let Some(idle) = idle.upgrade() else { return };
                    let mut idle = lock(&idle);
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

/// How the process serving an invocation started.
#[derive(Debug, Clone, Copy)]
enum Start {
    /// It was warm.
    Warm,
    /// It was started for this invocation, at this moment.
    Cold(Instant),
    /// Its start-up passed [`INIT_LIMIT`], and a new one was started within the invocation.
    Retried,
}

/// `Runtime.Unavailable`: no process could be started.
fn unavailable(version: &Version, request_id: &str, error: &str) -> Completed {
    Completed {
        outcome: Outcome::Failed(error_document("Runtime.Unavailable", error)),
        log: format!(
            "START RequestId: {request_id} Version: {}\n{error}\nEND RequestId: {request_id}\n",
            version.config.version
        ),
    }
}

/// An invocation's log as CloudWatch shows it: the Init phase, then `START` to `REPORT`.
fn frame_log(
    version: &Version,
    request_id: &str,
    instance: &Instance,
    start: Start,
    ran: &Ran,
    clock: &Clock,
) -> String {
    let config = &version.config;
    let mut log = ran.init_output.clone();
    if let Start::Retried = start {
        log.push_str(&format!(
            "INIT_REPORT Init Duration: {:.2} ms\tPhase: init\tStatus: timeout\n",
            INIT_LIMIT.as_secs_f64() * 1000.0
        ));
    }
    log.push_str(&format!(
        "START RequestId: {request_id} Version: {}\n",
        config.version
    ));
    if let Some(note) = &instance.fallback {
        log.push_str(note);
        log.push('\n');
    }
    log.push_str(&instance.take_log());
    if let Some(note) = instance.failure_note(request_id, config.timeout, ran.fate, clock.now()) {
        log.push_str(&note);
    }
    let millis = ran.started.elapsed().as_secs_f64() * 1000.0;
    log.push_str(&format!(
        "END RequestId: {request_id}\nREPORT RequestId: {request_id}\tDuration: {millis:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\t",
        millis.ceil() as u64,
        config.memory_size
    ));
    if let Start::Cold(spawned) = start
        && let Some(ready) = instance.api.ready_since(spawned)
    {
        let millis = ready.as_secs_f64() * 1000.0;
        log.push_str(&format!("Init Duration: {millis:.2} ms\t"));
    }
    log.push('\n');
    log
}

/// Now on the monotonic clock, for what real processes take in real time (their Init and
/// invocation durations in the log, how long they have been idle); never for their limits,
/// which are deadlines on the server's clock.
#[allow(
    clippy::disallowed_methods,
    reason = "real processes are measured in real time"
)]
fn real_now() -> Instant {
    Instant::now()
}

/// A lock whose holder panicked still guards plain data: keep using it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
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

/// `{"errorType": ..., "errorMessage": ...}`, the document the platform reports its own
/// failures with.
fn error_document(error_type: &str, message: &str) -> Bytes {
    Bytes::from(serde_json::json!({ "errorType": error_type, "errorMessage": message }).to_string())
}
