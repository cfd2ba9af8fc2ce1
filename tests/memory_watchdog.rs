//! The memory watchdog stops an expression that grows faster than its time limit can catch
//! (its own process: the watchdog is process-wide and would stop other tests' expressions).

use serde_json::{Map, json};
use std::time::Duration;
use stepstone::asl::jsonata::{Expression, JsonataError, Limits, Scope};
use stepstone::engine::memory::spawn_watchdog;

#[test]
fn a_doubling_string_is_stopped_by_the_watchdog() {
    spawn_watchdog(256 * 1024 * 1024);
    let states = json!({"input": {}});
    let variables = Map::new();
    let scope = Scope {
        states: &states,
        variables: &variables,
        now: time::OffsetDateTime::UNIX_EPOCH,
    };
    let doubling = "$length($reduce([1..40], function($a, $b) { $a & $a & $a & $a }, 'x'))";
    // A time limit the growth cannot reach first, even on a machine too busy to run the
    // evaluation quickly: what stops it must be the watchdog.
    let limits = Limits {
        timeout: Duration::from_secs(120),
        ..Limits::default()
    };
    let err = Expression::parse(doubling)
        .unwrap()
        .evaluate_with(&scope, &limits)
        .unwrap_err();
    let JsonataError::Evaluation { message, .. } = err else {
        panic!("expected an evaluation error, got {err:?}");
    };
    assert!(message.contains("more memory"), "{message}");
}
