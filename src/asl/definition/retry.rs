//! Error handling: `Retry` and `Catch`.

use super::template::JsonataTemplate;
use super::{PathField, Template};
use crate::asl::path::ReferencePath;

/// `JitterStrategy` of a retrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JitterStrategy {
    /// Exact back-off delays (the default).
    #[default]
    None,
    /// A uniformly random delay between 0 and the computed one.
    Full,
}

/// One `Retry` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrier {
    /// Error names this retrier handles (`States.ALL` matches everything but `States.Runtime`).
    pub error_equals: Vec<String>,
    /// Seconds before the first retry (default 1).
    pub interval_seconds: u64,
    /// Retries before giving up (default 3; 0 never retries).
    pub max_attempts: u64,
    /// Multiplier of the delay per attempt (default 2.0).
    pub backoff_rate: f64,
    /// Upper bound of any delay, if set.
    pub max_delay_seconds: Option<u64>,
    /// Jitter applied to the delay.
    pub jitter_strategy: JitterStrategy,
    /// The `Comment`.
    pub comment: Option<String>,
}

/// One `Catch` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Catcher {
    /// Error names this catcher handles.
    pub error_equals: Vec<String>,
    /// The state to go to.
    pub next: String,
    /// JSONPath: where the error output `{Error, Cause}` goes in the raw input (default `$`).
    pub result_path: PathField<ReferencePath>,
    /// JSONata: the state output when this catcher fires.
    pub output: Option<JsonataTemplate>,
    /// Variables assigned when this catcher fires.
    pub assign: Option<Template>,
    /// The `Comment`.
    pub comment: Option<String>,
}

impl Retrier {
    /// A retrier with AWS's defaults for everything but the error names.
    pub fn with_defaults(error_equals: Vec<String>) -> Retrier {
        Retrier {
            error_equals,
            interval_seconds: 1,
            max_attempts: 3,
            backoff_rate: 2.0,
            max_delay_seconds: None,
            jitter_strategy: JitterStrategy::None,
            comment: None,
        }
    }
}
