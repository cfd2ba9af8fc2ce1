//! Account quotas: how many state machines, activities and open (running standard) executions
//! one account may have in a region. The defaults are the developer guide's ("Step Functions
//! service quotas": 10,000 registered state machines, 10,000 registered activities, 1,000,000
//! open executions); AWS raises them on request, and Stepstone takes other numbers from its
//! configuration. Each check is a count the service keeps anyway, never a scan.
//!
//! AWS's messages for these errors are not recorded: each is the error's description in the
//! service model (a guess that AWS words the error as it documents it).

use super::Sfn;
use super::error::{SfnError, SfnResult};

/// The quotas Step Functions enforces on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// State machines (not counting versions and aliases).
    pub state_machines: usize,
    /// Activities.
    pub activities: usize,
    /// Standard executions running at once (express executions have no such quota).
    pub open_executions: usize,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            state_machines: 10_000,
            activities: 10_000,
            open_executions: 1_000_000,
        }
    }
}

impl Sfn {
    /// Enforces `quotas` from now on.
    pub fn set_quotas(&self, quotas: Quotas) {
        self.executions.set_max_open(quotas.open_executions);
        *self
            .quotas
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = quotas;
    }

    fn quotas(&self) -> Quotas {
        *self
            .quotas
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `StateMachineLimitExceeded` when `existing` machines fill the quota.
    pub(super) fn room_for_state_machine(&self, existing: usize) -> SfnResult<()> {
        match existing < self.quotas().state_machines {
            true => Ok(()),
            false => Err(SfnError::StateMachineLimitExceeded(
                "The maximum number of state machines has been reached. Existing state machines must be deleted before a new state machine can be created.".into(),
            )),
        }
    }

    /// `ActivityLimitExceeded` when `existing` activities fill the quota.
    pub(super) fn room_for_activity(&self, existing: usize) -> SfnResult<()> {
        match existing < self.quotas().activities {
            true => Ok(()),
            false => Err(SfnError::ActivityLimitExceeded(
                "The maximum number of activities has been reached. Existing activities must be deleted before a new activity can be created.".into(),
            )),
        }
    }
}

/// `ExecutionLimitExceeded`, for a standard execution started while the running ones fill the
/// quota (the engine counts them; see [`Sfn::set_quotas`]).
pub(super) fn execution_limit_exceeded() -> SfnError {
    SfnError::ExecutionLimitExceeded(
        "The maximum number of running executions has been reached. Running executions must end or be stopped before a new execution can be started.".into(),
    )
}
