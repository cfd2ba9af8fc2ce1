//! The execution engine: runs state machines.
//!
//! [`core`] is the deterministic interpreter (values and events in, history and effects out);
//! [`executions`] is the async shell that performs effects on tokio and keeps executions for
//! the API; [`workers`] are the threads they run on; [`tasks`] is the seam to what Task states
//! call; [`mock_config`] answers mocked Task states; [`test_state`] runs one state on its own
//! for TestState.

pub mod api;
pub mod callbacks;
pub mod core;
pub mod env;
pub mod executions;
pub mod express;
pub mod history;
pub mod log;
pub mod memory;
pub mod mock_config;
pub mod retention;
pub mod tasks;
pub mod test_state;
pub mod workers;
