//! Stepstone: a local AWS Step Functions emulator.
//!
//! The major components, one module each:
//! - [`asl`]: the Amazon States Language, pure: definition model, validation, paths, intrinsics.
//! - [`protocol`]: the AWS wire protocols, decoding requests and encoding results and errors.
//! - [`sfn`]: the Step Functions control plane (state machines, versions, aliases, activities).
//! - [`engine`]: runs executions; [`integrations`]: what their Task states call; [`store`]:
//!   where records are kept.
//! - [`services`]: the fakes of the services workflows call (Lambda).
//! - [`server`]: the HTTP shell that routes each request to its service; [`admin`]: the
//!   `/_stepstone/` endpoints for test harnesses (reset, waiting on executions).
//! - [`config`]: flags and environment variables; [`logging`] and [`listen`]: the binary's log
//!   and how it tells a harness its address.
//! - [`connections`]: accepting connections, with header deadlines and a connection cap.
//! - [`clock`]: the server's one source of time, injected into the engine and every service.

pub mod admin;
pub mod asl;
pub mod aws;
pub mod clock;
pub mod config;
pub mod connections;
pub mod console;
pub mod engine;
pub mod integrations;
pub mod listen;
pub mod logging;
pub mod model;
pub mod protocol;
pub mod server;
pub mod services;
pub mod sfn;
pub mod store;
