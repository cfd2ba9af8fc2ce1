//! Where executions run. Interpreting a state runs user expressions (JSONata, intrinsic
//! functions) synchronously; on the threads that serve HTTP, a few heavy ones would stall every
//! API call. The server gives executions threads of their own ([`Workers::dedicate`]); without
//! that (tests, embedders) they run on the caller's runtime.

use std::future::Future;
use std::sync::OnceLock;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

/// The runtime executions are spawned on.
#[derive(Debug, Default)]
pub struct Workers {
    runtime: OnceLock<Runtime>,
}

impl Workers {
    /// From now on, runs executions on a runtime of their own with `threads` worker threads.
    /// Only the first call has an effect.
    ///
    /// # Errors
    /// When the operating system refuses the threads.
    pub fn dedicate(&self, threads: usize) -> std::io::Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .thread_name("stepstone-engine")
            .enable_all()
            .build()?;
        if let Err(unused) = self.runtime.set(runtime) {
            unused.shutdown_background();
        }
        Ok(())
    }

    /// Spawns `future` where executions run.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        match self.runtime.get() {
            Some(runtime) => runtime.spawn(future),
            None => tokio::spawn(future),
        }
    }
}

/// Runs `work`, which may evaluate heavy expressions, on the calling thread, first handing the
/// thread's other tasks to the rest of a multi-threaded runtime so they keep being served (for
/// evaluations tied to a request, such as TestState's, that cannot move to the workers).
pub fn evaluate_here<T>(work: impl FnOnce() -> T) -> T {
    let flavor = tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor());
    match flavor {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(work),
        _ => work(),
    }
}

impl Drop for Workers {
    /// Dropping a runtime waits for its threads, which an async context must not do.
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
