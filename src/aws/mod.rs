//! AWS plumbing every service shares: what does not belong to one service's semantics.

pub mod arn;
pub mod numbers;
pub mod paging;
pub mod pattern;
