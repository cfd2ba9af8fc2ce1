//! The memory watchdog stops an expression that grows faster than its time limit can catch
//! (its own process: the watchdog is process-wide and would stop other tests' expressions).

use serde_json::{Map, json};
use stepstone::asl::jsonata::{Expression, JsonataError, Scope};
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
    let err = Expression::parse(doubling)
        .unwrap()
        .evaluate(&scope)
        .unwrap_err();
    let JsonataError::Evaluation { message, .. } = err else {
        panic!("expected an evaluation error, got {err:?}");
    };
    assert!(message.contains("more memory"), "{message}");
}
