//! Runtime failures and how `Retry` / `Catch` handle them: error-name matching, back-off
//! delays and the error output a catcher passes on.
//!
//! Pure: the jitter's randomness is supplied by the caller.

use std::fmt;

use serde_json::{Value, json};

use crate::asl::definition::{Catcher, JitterStrategy, Retrier};

/// `States.ALL`: matches every error except [`RUNTIME`].
pub const ALL: &str = "States.ALL";
/// `States.TaskFailed`: matches every error except timeouts and [`RUNTIME`].
pub const TASK_FAILED: &str = "States.TaskFailed";
/// `States.Timeout`: a task, heartbeat or execution ran out of time.
pub const TIMEOUT: &str = "States.Timeout";
/// `States.HeartbeatTimeout`: the name a heartbeat timeout has for Retry/Catch matching only.
pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
/// `States.Runtime`: bad data at run time; never retried or caught.
pub const RUNTIME: &str = "States.Runtime";
/// `States.NoChoiceMatched`: a Choice state without `Default` matched no rule.
pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
/// `States.ResultPathMatchFailure`: ResultPath could not be written into the input.
pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";

/// A runtime failure of a state: the ASL error name and its cause.
///
/// Failures are data, never panics: the engine turns them into history events, retries or
/// catches. The cause is unprefixed; the engine adds AWS's
/// `An error occurred while executing the state '<S>' (entered at the event id #<n>). `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error name, e.g. `States.Runtime`.
    pub error: String,
    /// The human-readable cause.
    pub cause: String,
}

impl Failure {
    /// A failure with the given error name and cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Failure {
        Failure {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// A `States.Runtime` failure.
    pub fn runtime(cause: impl Into<String>) -> Failure {
        Failure::new(RUNTIME, cause)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for Failure {}

/// Whether one `ErrorEquals` entry matches an error name.
///
/// A heartbeat timeout is passed in as [`HEARTBEAT_TIMEOUT`]: it matches `States.HeartbeatTimeout`
/// and `States.Timeout` (it is reported as `States.Timeout`, see [`reported_error`]).
pub fn error_matches(error: &str, pattern: &str) -> bool {
    match pattern {
        // States.Runtime is never retried or caught (ASL §9).
        ALL => error != RUNTIME,
        TASK_FAILED => !matches!(error, RUNTIME | TIMEOUT | HEARTBEAT_TIMEOUT),
        TIMEOUT => matches!(error, TIMEOUT | HEARTBEAT_TIMEOUT),
        _ => error == pattern,
    }
}

/// Whether any entry of an `ErrorEquals` list matches an error name.
pub fn any_matches(error: &str, error_equals: &[String]) -> bool {
    error_equals.iter().any(|p| error_matches(error, p))
}

/// The error name history events and error outputs carry: a heartbeat timeout still reads
/// `States.Timeout` (ASL §10); every other name is unchanged.
pub fn reported_error(error: &str) -> &str {
    if error == HEARTBEAT_TIMEOUT {
        TIMEOUT
    } else {
        error
    }
}

/// The index of the first retrier that handles `error`; only that one applies, even when it is
/// exhausted (then Catch takes over, later retriers are not tried).
pub fn matching_retrier(retriers: &[Retrier], error: &str) -> Option<usize> {
    retriers
        .iter()
        .position(|r| any_matches(error, &r.error_equals))
}

/// The first catcher that handles `error`.
pub fn matching_catcher<'a>(catchers: &'a [Catcher], error: &str) -> Option<&'a Catcher> {
    catchers
        .iter()
        .find(|c| any_matches(error, &c.error_equals))
}

/// The delay in seconds before retry number `attempt` (1 for the first retry):
/// `min(IntervalSeconds * BackoffRate^(attempt-1), MaxDelaySeconds)`.
///
/// With `JitterStrategy: FULL` the delay is scaled by `random_fraction` (clamped to `[0, 1]`),
/// which the caller draws uniformly; it is ignored otherwise. The result is finite and `>= 0`.
pub fn retry_delay_seconds(retrier: &Retrier, attempt: u64, random_fraction: f64) -> f64 {
    let exponent = attempt.saturating_sub(1) as f64;
    let mut delay = retrier.interval_seconds as f64 * retrier.backoff_rate.powf(exponent);
    if let Some(max) = retrier.max_delay_seconds {
        delay = delay.min(max as f64);
    }
    if retrier.jitter_strategy == JitterStrategy::Full {
        delay *= clamp_fraction(random_fraction);
    }
    if delay.is_nan() {
        0.0
    } else {
        delay.clamp(0.0, f64::MAX)
    }
}

fn clamp_fraction(fraction: f64) -> f64 {
    if fraction.is_nan() {
        0.0
    } else {
        fraction.clamp(0.0, 1.0)
    }
}

/// The error output a catcher passes on (and a failed execution reports):
/// `{"Error": <name>, "Cause": <cause>}`.
pub fn error_output(error: &str, cause: &str) -> Value {
    json!({"Error": error, "Cause": cause})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn retrier(interval: u64, rate: f64, max: Option<u64>, jitter: JitterStrategy) -> Retrier {
        Retrier {
            interval_seconds: interval,
            backoff_rate: rate,
            max_delay_seconds: max,
            jitter_strategy: jitter,
            ..Retrier::with_defaults(names(&[ALL]))
        }
    }

    #[test]
    fn all_matches_everything_but_runtime() {
        assert!(error_matches("Lambda.Unknown", ALL));
        assert!(error_matches(TIMEOUT, ALL));
        assert!(error_matches(HEARTBEAT_TIMEOUT, ALL));
        assert!(error_matches("States.DataLimitExceeded", ALL));
        assert!(!error_matches(RUNTIME, ALL));
    }

    #[test]
    fn task_failed_excludes_timeouts_and_runtime() {
        assert!(error_matches("Lambda.Unknown", TASK_FAILED));
        assert!(error_matches(TASK_FAILED, TASK_FAILED));
        assert!(!error_matches(TIMEOUT, TASK_FAILED));
        assert!(!error_matches(HEARTBEAT_TIMEOUT, TASK_FAILED));
        assert!(!error_matches(RUNTIME, TASK_FAILED));
    }

    #[test]
    fn heartbeat_timeout_is_a_timeout() {
        assert!(error_matches(HEARTBEAT_TIMEOUT, HEARTBEAT_TIMEOUT));
        assert!(error_matches(HEARTBEAT_TIMEOUT, TIMEOUT));
        assert!(!error_matches(TIMEOUT, HEARTBEAT_TIMEOUT));
        assert_eq!(reported_error(HEARTBEAT_TIMEOUT), TIMEOUT);
        assert_eq!(reported_error("X"), "X");
    }

    #[test]
    fn exact_names_otherwise() {
        assert!(error_matches("MyError", "MyError"));
        assert!(!error_matches("MyError", "myerror"));
        assert!(!error_matches("MyError", "States.MyError"));
        assert!(any_matches("B", &names(&["A", "B"])));
        assert!(!any_matches("C", &names(&["A", "B"])));
    }

    #[test]
    fn first_matching_retrier_and_catcher() {
        let retriers = [
            Retrier::with_defaults(names(&["A"])),
            Retrier::with_defaults(names(&[ALL])),
        ];
        assert_eq!(matching_retrier(&retriers, "A"), Some(0));
        assert_eq!(matching_retrier(&retriers, "B"), Some(1));
        assert_eq!(matching_retrier(&retriers, RUNTIME), None);
        let catcher = |e: &[&str], next: &str| Catcher {
            error_equals: names(e),
            next: next.into(),
            result_path: Default::default(),
            output: None,
            assign: None,
            comment: None,
        };
        let catchers = [catcher(&["A"], "X"), catcher(&[TASK_FAILED], "Y")];
        assert_eq!(
            matching_catcher(&catchers, "B").map(|c| c.next.as_str()),
            Some("Y")
        );
        assert!(matching_catcher(&catchers, TIMEOUT).is_none());
    }

    #[test]
    fn backoff_delays() {
        let r = retrier(2, 2.0, None, JitterStrategy::None);
        let delays: Vec<f64> = (1..=4).map(|k| retry_delay_seconds(&r, k, 0.5)).collect();
        assert_eq!(delays, [2.0, 4.0, 8.0, 16.0]);
        assert_eq!(retry_delay_seconds(&r, 0, 0.5), 2.0);
    }

    #[test]
    fn max_delay_caps() {
        let r = retrier(3, 3.0, Some(10), JitterStrategy::None);
        assert_eq!(retry_delay_seconds(&r, 3, 0.0), 10.0);
        let huge = retrier(99_999_999, 10.0, None, JitterStrategy::None);
        assert!(retry_delay_seconds(&huge, u64::MAX, 0.0).is_finite());
    }

    #[test]
    fn full_jitter_scales_by_the_fraction() {
        let r = retrier(4, 1.0, None, JitterStrategy::Full);
        assert_eq!(retry_delay_seconds(&r, 1, 0.25), 1.0);
        assert_eq!(retry_delay_seconds(&r, 1, 7.0), 4.0);
        assert_eq!(retry_delay_seconds(&r, 1, f64::NAN), 0.0);
    }

    #[test]
    fn error_output_shape() {
        assert_eq!(error_output("E", "c"), json!({"Error": "E", "Cause": "c"}));
        assert_eq!(Failure::runtime("x"), Failure::new("States.Runtime", "x"));
    }
}
