//! One brake for every evaluation in flight. The evaluator checks its time limit between steps,
//! but a loop that doubles a string can take gigabytes within its second; whoever watches the
//! process's memory (the engine, see `engine::memory`) pulls the brake, and every evaluation
//! running then stops at its next step with a clean error. Nothing here blocks or reads the
//! system: it is shared state and counters only.

use jsonata_core::evaluator::CancelToken;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The token evaluations starting now take; replaced each time the brake is pulled.
static CURRENT: Mutex<Option<CancelToken>> = Mutex::new(None);

/// How many evaluations are running.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Stops every evaluation in flight (they fail with [`STOPPED`]); later ones run normally.
pub fn stop_evaluations() {
    let mut current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(token) = current.take() {
        token.cancel();
    }
}

/// How many evaluations are running now.
pub fn evaluations_in_flight() -> usize {
    IN_FLIGHT.load(Ordering::Relaxed)
}

/// What a stopped evaluation reports.
pub(super) const STOPPED: &str =
    "The evaluation was stopped: it took more memory than an expression may use";

/// An evaluation's hold on the brake, from its start to its end.
pub(super) struct Hold {
    /// The token to hand the evaluator.
    pub token: CancelToken,
}

impl Hold {
    pub(super) fn take() -> Hold {
        IN_FLIGHT.fetch_add(1, Ordering::Relaxed);
        let mut current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
        let token = current.get_or_insert_with(CancelToken::new).clone();
        Hold { token }
    }

    /// Whether the brake was pulled during this evaluation.
    pub(super) fn stopped(&self) -> bool {
        self.token.is_cancelled()
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::Relaxed);
    }
}
