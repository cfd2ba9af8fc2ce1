//! Bounds the memory expressions take. The JSONata evaluator stops at its time limit, but within
//! that second a loop that doubles a string can take gigabytes. While evaluations run, a
//! watchdog thread samples the process's resident memory; when it grows by more than the budget
//! within the window, every evaluation in flight is stopped (they fail their states with
//! `States.QueryEvaluationError`) and the memory they built is freed with them.

use crate::asl::jsonata::{evaluations_in_flight, stop_evaluations};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How much resident memory may grow while evaluations run.
pub const BUDGET_BYTES: u64 = 512 * 1024 * 1024;

/// The span growth is measured over: longer than one evaluation's time limit.
pub const WINDOW: Duration = Duration::from_secs(2);

/// How often memory is sampled while evaluations run.
const SAMPLE_EVERY: Duration = Duration::from_millis(10);

/// How often the watchdog looks for evaluations when none runs.
const IDLE_EVERY: Duration = Duration::from_millis(50);

/// Recent memory samples and the growth they allow.
#[derive(Debug)]
pub struct Watch {
    budget: u64,
    window: Duration,
    samples: VecDeque<(Instant, u64)>,
}

impl Watch {
    /// A watch allowing `budget` bytes of growth within `window`.
    pub fn new(budget: u64, window: Duration) -> Watch {
        Watch {
            budget,
            window,
            samples: VecDeque::new(),
        }
    }

    /// Records `resident` bytes at `at`; true when it exceeds the lowest sample of the window
    /// by more than the budget, after which the window starts afresh (memory a stopped
    /// evaluation leaves resident is not held against the next).
    pub fn sample(&mut self, at: Instant, resident: u64) -> bool {
        while let Some((first, _)) = self.samples.front() {
            match at.duration_since(*first) > self.window {
                true => self.samples.pop_front(),
                false => break,
            };
        }
        self.samples.push_back((at, resident));
        let lowest = self.samples.iter().map(|(_, bytes)| *bytes).min();
        let exceeded = lowest.is_some_and(|low| resident.saturating_sub(low) > self.budget);
        if exceeded {
            self.forget();
        }
        exceeded
    }

    /// Drops every sample (no evaluation runs, or the brake was just pulled).
    pub fn forget(&mut self) {
        self.samples.clear();
    }
}

/// Starts the watchdog thread for the life of the process. Where resident memory cannot be
/// read (not Linux), it does nothing.
pub fn spawn_watchdog(budget: u64) {
    if resident_bytes().is_none() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("stepstone-memory".into())
        .spawn(move || watch(Watch::new(budget, WINDOW)));
    if let Err(err) = spawned {
        tracing::warn!("cannot watch expression memory: {err}");
    }
}

#[allow(
    clippy::disallowed_methods,
    reason = "memory grows in real time: it is sampled in real time"
)]
fn watch(mut watch: Watch) {
    loop {
        if evaluations_in_flight() == 0 {
            watch.forget();
            std::thread::sleep(IDLE_EVERY);
            continue;
        }
        if let Some(resident) = resident_bytes()
            && watch.sample(Instant::now(), resident)
        {
            stop_evaluations();
            tracing::warn!(
                "stopped the expressions being evaluated: memory grew by more than {} MiB",
                watch.budget >> 20
            );
        }
        std::thread::sleep(SAMPLE_EVERY);
    }
}

/// The process's resident memory (`VmRSS` in `/proc/self/status`).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests;
