#![allow(
    clippy::disallowed_methods,
    reason = "synthetic samples need an origin on the monotonic clock"
)]

use super::*;

const MIB: u64 = 1024 * 1024;

#[test]
fn growth_within_the_window_pulls_the_brake_once() {
    let mut watch = Watch::new(100 * MIB, Duration::from_secs(2));
    let t0 = Instant::now();
    let at = |ms| t0 + Duration::from_millis(ms);
    assert!(!watch.sample(at(0), 50 * MIB));
    assert!(!watch.sample(at(500), 140 * MIB));
    assert!(
        watch.sample(at(1000), 160 * MIB),
        "110 MiB over the window's lowest"
    );
    assert!(
        !watch.sample(at(1010), 170 * MIB),
        "the window starts afresh"
    );
}

#[test]
fn slow_growth_is_not_an_evaluation_taking_memory() {
    let mut watch = Watch::new(100 * MIB, Duration::from_secs(2));
    let t0 = Instant::now();
    for step in 0..100u64 {
        // 10 MiB a second for 100 seconds: never 100 MiB within two.
        let at = t0 + Duration::from_secs(step);
        assert!(!watch.sample(at, (50 + 10 * step) * MIB), "at {step} s");
    }
}
