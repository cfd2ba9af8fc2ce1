//! The wire: decoding AWS protocol requests into (service, operation, body) and encoding results
//! and errors in each protocol's exact shape. Service code never sees HTTP.
//!
//! Written over plain `http` types so the HTTP framework stays a thin shell around it.

pub mod dispatch;
pub mod error;
pub mod guard;
pub mod json;
pub mod query;
pub mod rest;
pub mod route;
pub mod unserved;

pub use error::WireError;
