//! The engine's one source of time. Every wait (Wait states, retry back-off, timeouts) asks the
//! clock how long to really sleep, so tests and users can shrink time with `WAIT_TIME_SCALE`
//! (as in AWS Step Functions Local: 0 skips waits, 0.1 makes them ten times shorter).

use std::time::Duration;
use time::OffsetDateTime;

/// Wall-clock time with a scale factor for waiting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    wait_scale: f64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { wait_scale: 1.0 }
    }
}

impl Clock {
    /// A clock whose waits last `wait_scale` times their nominal length (negative or
    /// non-finite values mean 1).
    pub fn scaled(wait_scale: f64) -> Self {
        let wait_scale = if wait_scale.is_finite() && wait_scale >= 0.0 {
            wait_scale
        } else {
            1.0
        };
        Clock { wait_scale }
    }

    /// Now, truncated to milliseconds as AWS reports times.
    pub fn now(&self) -> OffsetDateTime {
        let now = OffsetDateTime::now_utc();
        let millis = now.unix_timestamp_nanos() / 1_000_000;
        OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000).unwrap_or(now)
    }

    /// How long to really sleep for a nominal wait of `seconds`.
    pub fn real_delay(&self, seconds: f64) -> Duration {
        Duration::try_from_secs_f64((seconds * self.wait_scale).max(0.0)).unwrap_or(Duration::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_shrinks_waits() {
        assert_eq!(Clock::scaled(0.5).real_delay(10.0), Duration::from_secs(5));
        assert_eq!(Clock::scaled(0.0).real_delay(1e9), Duration::ZERO);
        assert_eq!(
            Clock::scaled(f64::NAN).real_delay(2.0),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn now_has_millisecond_precision() {
        assert_eq!(Clock::default().now().nanosecond() % 1_000_000, 0);
    }
}
