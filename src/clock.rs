//! The server's one source of time, created once from the configuration and handed to the
//! engine and every service. Every wait (Wait states, retry back-off, Task timeouts and
//! heartbeats, execution timeouts, function timeouts) is a [`Deadline`] from this clock, and
//! every timestamp a service writes (histories, context objects, creation and modification
//! dates) is its `now`.
//!
//! This module is the only place that reads the system's time: `clippy.toml` disallows the
//! wall-clock reads elsewhere, and the few measurements of real durations that remain (request
//! logs, process start-up times) say why where they allow it.
//!
//! Two modes:
//! - real time, optionally scaled as AWS Step Functions Local's `WAIT_TIME_SCALE` does (0 skips
//!   waits, 0.1 makes them ten times shorter);
//! - manual: time stands still until [`Clock::advance`] moves it (the admin endpoint
//!   `POST /_stepstone/clock/advance`), so tests of a year-long Wait, back-offs or timeouts are
//!   instant and deterministic.

#![allow(
    clippy::disallowed_methods,
    reason = "the clock is the one reader of system time"
)]

use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::watch;
use tokio::time::Instant;

/// The furthest manual time may go: far enough for any test, and leaving room for the
/// century-long deadlines that stand for "never" without overflowing a date.
pub const LATEST: OffsetDateTime = time::macros::datetime!(9000-01-01 00:00 UTC);

/// Why manual time could not be moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdvanceError {
    /// The clock runs in real time.
    RealTime,
    /// The move would pass [`LATEST`].
    TooFar,
}

/// When a wait ends, on the clock that armed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Deadline {
    /// A point on the monotonic clock (real mode).
    Real(Instant),
    /// A point in the clock's own time (manual mode).
    Manual(OffsetDateTime),
}

#[derive(Debug)]
enum Mode {
    Real {
        wait_scale: f64,
    },
    Manual {
        now: Mutex<OffsetDateTime>,
        moved: watch::Sender<OffsetDateTime>,
    },
}

/// Wall-clock time with a scale factor for waiting, or manual time. Cheap to clone: clones
/// share the same time.
#[derive(Debug, Clone)]
pub struct Clock {
    mode: Arc<Mode>,
}

impl Default for Clock {
    fn default() -> Self {
        Self::scaled(1.0)
    }
}

impl Clock {
    /// Real time whose waits last `wait_scale` times their nominal length (negative or
    /// non-finite values mean 1).
    pub fn scaled(wait_scale: f64) -> Self {
        let wait_scale = if wait_scale.is_finite() && wait_scale >= 0.0 {
            wait_scale
        } else {
            1.0
        };
        Clock {
            mode: Arc::new(Mode::Real { wait_scale }),
        }
    }

    /// Manual time, starting now and moving only when told to.
    pub fn manual() -> Self {
        let start = millis(OffsetDateTime::now_utc());
        Clock {
            mode: Arc::new(Mode::Manual {
                now: Mutex::new(start),
                moved: watch::channel(start).0,
            }),
        }
    }

    /// Whether time moves only through [`Clock::advance`].
    pub fn is_manual(&self) -> bool {
        matches!(*self.mode, Mode::Manual { .. })
    }

    /// Now, truncated to milliseconds as AWS reports times.
    pub fn now(&self) -> OffsetDateTime {
        match &*self.mode {
            Mode::Real { .. } => millis(OffsetDateTime::now_utc()),
            Mode::Manual { now, .. } => *now.lock().unwrap_or_else(|p| p.into_inner()),
        }
    }

    /// Moves manual time forward and wakes everything whose deadline has come.
    ///
    /// # Errors
    /// [`AdvanceError::RealTime`] in real mode, where time cannot be moved;
    /// [`AdvanceError::TooFar`] past [`LATEST`], leaving the time as it was.
    pub fn advance(&self, by: Duration) -> Result<OffsetDateTime, AdvanceError> {
        let Mode::Manual { now, moved } = &*self.mode else {
            return Err(AdvanceError::RealTime);
        };
        let mut current = now.lock().unwrap_or_else(|p| p.into_inner());
        let next = time::Duration::try_from(by)
            .ok()
            .and_then(|by| current.checked_add(by))
            .filter(|next| *next <= LATEST)
            .ok_or(AdvanceError::TooFar)?;
        *current = millis(next);
        moved.send_replace(*current);
        Ok(*current)
    }

    /// The deadline of a nominal wait of `seconds` starting now.
    pub fn deadline(&self, seconds: f64) -> Deadline {
        let nominal = Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX);
        match &*self.mode {
            Mode::Real { wait_scale } => {
                let real = Duration::try_from_secs_f64((seconds * wait_scale).max(0.0))
                    .unwrap_or(Duration::MAX);
                Deadline::Real(Instant::now().checked_add(real).unwrap_or_else(far_future))
            }
            Mode::Manual { .. } => {
                let span = time::Duration::try_from(nominal).unwrap_or(time::Duration::MAX);
                let now = self.now();
                Deadline::Manual(
                    now.checked_add(span)
                        .unwrap_or(now + time::Duration::days(36_500)),
                )
            }
        }
    }

    /// The deadline of a limit on real work, `after` from now: a function process runs in real
    /// time, so the wait scale does not shorten its limits, but under manual time they follow
    /// the clock like every other limit, so tests decide when a function has run too long.
    pub fn unscaled_deadline(&self, after: Duration) -> Deadline {
        match &*self.mode {
            Mode::Real { .. } => {
                Deadline::Real(Instant::now().checked_add(after).unwrap_or_else(far_future))
            }
            Mode::Manual { .. } => self.deadline(after.as_secs_f64()),
        }
    }

    /// Whether `deadline` has passed.
    pub fn is_due(&self, deadline: Deadline) -> bool {
        match deadline {
            Deadline::Real(at) => at <= Instant::now(),
            Deadline::Manual(at) => at <= self.now(),
        }
    }

    /// Resolves when `deadline` has passed (never, for `None`).
    pub async fn sleep_until(&self, deadline: Option<Deadline>) {
        match (deadline, &*self.mode) {
            (None, _) => std::future::pending().await,
            (Some(Deadline::Real(at)), _) => tokio::time::sleep_until(at).await,
            (Some(Deadline::Manual(at)), Mode::Manual { moved, .. }) => {
                let mut moved = moved.subscribe();
                let _ = moved.wait_for(|now| *now >= at).await;
            }
            (Some(Deadline::Manual(_)), Mode::Real { .. }) => std::future::pending().await,
        }
    }
}

fn millis(time: OffsetDateTime) -> OffsetDateTime {
    let millis = time.unix_timestamp_nanos() / 1_000_000;
    OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000).unwrap_or(time)
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn scale_shrinks_waits() {
        let clock = Clock::scaled(0.5);
        let deadline = clock.deadline(10.0);
        assert_eq!(
            deadline,
            Deadline::Real(Instant::now() + Duration::from_secs(5))
        );
        assert!(Clock::scaled(0.0).is_due(Clock::scaled(0.0).deadline(1e9)));
    }

    #[tokio::test(start_paused = true)]
    async fn unscaled_deadlines_ignore_the_scale_but_follow_manual_time() {
        let real = Clock::scaled(0.0).unscaled_deadline(Duration::from_secs(3));
        assert_eq!(
            real,
            Deadline::Real(Instant::now() + Duration::from_secs(3))
        );
        let clock = Clock::manual();
        let limit = clock.unscaled_deadline(Duration::from_secs(3));
        assert_eq!(
            limit,
            Deadline::Manual(clock.now() + Duration::from_secs(3))
        );
    }

    #[test]
    fn now_has_millisecond_precision() {
        assert_eq!(Clock::default().now().nanosecond() % 1_000_000, 0);
        assert_eq!(Clock::manual().now().nanosecond() % 1_000_000, 0);
    }

    #[tokio::test]
    async fn manual_time_moves_only_when_advanced() {
        let clock = Clock::manual();
        let start = clock.now();
        let year = clock.deadline(365.0 * 24.0 * 3600.0);
        assert!(!clock.is_due(year));
        let waiter = {
            let clock = clock.clone();
            tokio::spawn(async move { clock.sleep_until(Some(year)).await })
        };
        assert_eq!(
            clock.advance(Duration::from_secs(3600)),
            Ok(start + Duration::from_secs(3600))
        );
        assert!(!waiter.is_finished());
        clock.advance(Duration::from_secs(365 * 24 * 3600)).unwrap();
        waiter.await.unwrap();
        assert!(clock.is_due(year));
    }

    #[test]
    fn real_time_cannot_be_advanced() {
        assert_eq!(
            Clock::default().advance(Duration::from_secs(1)),
            Err(AdvanceError::RealTime)
        );
    }

    #[test]
    fn manual_time_stops_short_of_overflow() {
        let clock = Clock::manual();
        let start = clock.now();
        for huge in [Duration::from_secs(1 << 40), Duration::MAX] {
            assert_eq!(clock.advance(huge), Err(AdvanceError::TooFar));
        }
        assert_eq!(clock.now(), start, "a refused move changes nothing");
        let to_latest = (LATEST - start).unsigned_abs();
        assert_eq!(clock.advance(to_latest), Ok(LATEST));
        assert!(
            !clock.is_due(clock.deadline(f64::MAX)),
            "never stays in the future"
        );
    }
}
