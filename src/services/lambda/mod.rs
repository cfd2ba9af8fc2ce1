//! The Lambda fake: functions, versions, aliases and tags as the Lambda API keeps them, and
//! invocations that run the function's own code in a local process (see [`runtime`]).
//!
//! No HTTP here: `protocol::lambda` decodes rest-json requests into these typed operations, and
//! the Step Functions integrations call them directly.

pub mod code;
mod concurrency;
pub mod error;
mod functions;
mod invoke;
pub mod leftovers;
pub mod model;
pub mod names;
pub mod runtime;
mod service;

pub use concurrency::PutFunctionConcurrency;
pub use error::{LambdaError, LambdaResult};
pub use invoke::{InvocationType, Invoke, InvokeOutput};
pub use names::LambdaScope;

use crate::clock::Clock;
use code::{Code, CodeStore};
use model::{AliasConfiguration, FunctionConfiguration};
use runtime::Runtimes;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

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
    /// The configuration, as `GetFunctionConfiguration` returns it; shared with the responses
    /// that show it rather than copied into each.
    pub config: Arc<FunctionConfiguration>,
    /// The unpacked package.
    pub code: Arc<Code>,
}

impl Lambda {
    /// An empty service minting ARNs in `scope`. `endpoint` is the URL function processes use
    /// to reach this server's AWS APIs (`AWS_ENDPOINT_URL`), when it listens on a socket;
    /// `clock` is the server's: it dates `LastModified`, and function timeouts follow it when
    /// it is manual.
    pub fn new(scope: LambdaScope, endpoint: Option<String>, clock: Clock) -> Self {
        let runtimes = Arc::new(Runtimes::new(scope.region.clone(), endpoint, clock.clone()));
        Lambda {
            scope,
            clock,
            state: Mutex::default(),
            runtimes,
            code: CodeStore::new(),
        }
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
        let functions = std::mem::take(&mut self.state().functions);
        let processes_stopped = self.runtimes.stop_all().await;
        // After the processes: removing a function removes its unpacked code.
        LambdaReset {
            functions: functions.len(),
            processes_stopped,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
