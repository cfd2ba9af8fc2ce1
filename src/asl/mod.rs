//! Amazon States Language: the pure language library.
//!
//! Values in, values out: no async, no clock, no I/O, and nothing from the rest of the crate.
//! A definition is parsed and validated once ([`definition`], [`validate`]) into typed
//! structures that later stages interpret; paths ([`path`]), intrinsic functions
//! ([`intrinsic`]) and JSONata expressions ([`jsonata`]) are parsed at that time too, never
//! per request.

pub mod choice;
pub mod deep_json;
pub mod definition;
pub mod errors;
pub mod flow;
#[cfg(test)]
mod fuzz;
pub mod intrinsic;
pub mod jsonata;
pub mod parameters;
pub mod path;
pub mod payload;
#[cfg(test)]
mod recorded;
pub mod references;
pub mod rendered;
pub mod validate;
