//! The execution engine: runs state machines.
//!
//! [`core`] is the deterministic interpreter (values and events in, history and effects out);
//! [`executions`] is the async shell that performs effects on tokio and keeps executions for
//! the API; [`clock`] owns time.

pub mod callbacks;
pub mod clock;
pub mod core;
pub mod env;
pub mod executions;
pub mod history;
