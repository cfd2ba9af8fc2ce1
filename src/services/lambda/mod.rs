//! The Lambda fake: functions, versions, aliases and tags as the Lambda API keeps them, and
//! invocations that run the function's own code in a local process (see [`runtime`]).
//!
//! No HTTP here: `protocol::lambda` decodes rest-json requests into these typed operations, and
//! the Step Functions integrations call them directly.

pub mod code;
mod concurrency;
pub mod error;
pub mod event_sources;
mod functions;
mod invoke;
pub mod leftovers;
pub mod model;
pub mod names;
pub mod recent;
pub mod runtime;
mod service;
pub mod types;

pub use error::{LambdaError, LambdaResult};
pub use invoke::{InvocationType, Invoke, InvokeOutput};
pub use names::LambdaScope;

use crate::clock::Clock;
use crate::services::registry::WeakRegistry;
use code::{Code, CodeStore};
use event_sources::Mappings;
use model::{AliasConfiguration, FunctionConfiguration};
use runtime::Runtimes;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock, Weak};

/// The Lambda service.
#[derive(Debug)]
pub struct Lambda {
    scope: LambdaScope,
    /// The server's clock, which dates functions' changes and limits their runs.
    clock: Clock,
    state: Mutex<State>,
    // Declared after `state` so that the processes stop before their code is removed.
    runtimes: Arc<Runtimes>,
    code: CodeStore,
    /// The event source mappings; dropping them stops their pollers.
    mappings: Mutex<Mappings>,
    /// This service, for the pollers, which must not keep it alive.
    this: Weak<Lambda>,
    /// The other services (SQS, which the mappings poll), once registered.
    peers: RwLock<WeakRegistry>,
    /// Each function's last invocations and their logs.
    recent: Arc<recent::Recent>,
}

#[derive(Debug, Default)]
struct State {
    functions: BTreeMap<String, Function>,
}

/// What a reset of Lambda cleared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LambdaReset {
    /// Functions removed.
    pub functions: usize,
    /// Event source mappings removed (their pollers stopped); not reported when none were.
    #[serde(skip_serializing_if = "is_zero")]
    pub event_source_mappings: usize,
    /// Function processes that were running and were stopped.
    pub processes_stopped: usize,
}

/// One function: `$LATEST`, its published versions, aliases and tags.
#[derive(Debug)]
struct Function {
    latest: Version,
    versions: BTreeMap<u32, Version>,
    next_version: u32,
    aliases: BTreeMap<String, AliasConfiguration>,
    tags: BTreeMap<String, String>,
    concurrency: concurrency::Concurrency,
}

/// A function version as invocations see it: its configuration and its unpacked code.
#[derive(Debug, Clone)]
pub struct Version {
    /// The configuration; changed only through [`Version::config_mut`], which keeps `wire`
    /// in step.
    pub config: Arc<FunctionConfiguration>,
    /// The configuration as answers show it, rendered on first use and shared by every
    /// response that shows it (listings of many functions are the hot read path).
    wire: OnceLock<Arc<types::FunctionConfiguration>>,
    /// The unpacked package.
    pub code: Arc<Code>,
}

impl Version {
    /// A version with `config`, running `code`.
    pub fn new(config: FunctionConfiguration, code: Arc<Code>) -> Self {
        Version {
            config: Arc::new(config),
            wire: OnceLock::new(),
            code,
        }
    }

    /// The configuration as `GetFunctionConfiguration` answers it.
    pub fn wire(&self) -> Arc<types::FunctionConfiguration> {
        (self.wire.get_or_init(|| Arc::new(self.config.to_wire()))).clone()
    }

    /// The configuration to change; its rendering is made again when next asked for.
    pub fn config_mut(&mut self) -> &mut FunctionConfiguration {
        self.wire = OnceLock::new();
        Arc::make_mut(&mut self.config)
    }
}

impl Lambda {
    /// An empty service minting ARNs in `scope`. `endpoint` is the URL function processes use
    /// to reach this server's AWS APIs (`AWS_ENDPOINT_URL`), when it listens on a socket;
    /// `clock` is the server's: it dates `LastModified`, and function timeouts follow it when
    /// it is manual.
    pub fn new(scope: LambdaScope, endpoint: Option<String>, clock: Clock) -> Arc<Self> {
        let runtimes = Arc::new(Runtimes::new(scope.region.clone(), endpoint, clock.clone()));
        Arc::new_cyclic(|this| Lambda {
            scope,
            clock,
            state: Mutex::default(),
            runtimes,
            code: CodeStore::new(),
            mappings: Mutex::default(),
            this: this.clone(),
            peers: RwLock::default(),
            recent: Arc::default(),
        })
    }

    /// `function`'s recent invocations, newest first, with the tail of their logs.
    pub fn recent_invocations(&self, function: &str) -> Vec<recent::Invocation> {
        self.recent.of(function)
    }

    /// The region and account of this service's ARNs.
    pub fn scope(&self) -> &LambdaScope {
        &self.scope
    }

    /// Sets the URL function processes use to call back into this server, once the listening
    /// socket (and so its port) is known.
    pub fn set_endpoint(&self, endpoint: String) {
        self.runtimes.set_endpoint(endpoint);
    }

    /// Removes every function (versions, aliases, tags and concurrency settings with it) and
    /// stops every function process, returning once they have exited.
    pub async fn reset(&self) -> LambdaReset {
        // First the pollers, so that none invokes a function being removed.
        let mappings = std::mem::take(&mut *self.mappings()).len();
        let functions = std::mem::take(&mut self.state().functions);
        let processes_stopped = self.runtimes.stop_all().await;
        self.recent.forget(None);
        // After the processes: removing a function removes its unpacked code.
        LambdaReset {
            functions: functions.len(),
            event_source_mappings: mappings,
            processes_stopped,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn mappings(&self) -> MutexGuard<'_, Mappings> {
        self.mappings.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
