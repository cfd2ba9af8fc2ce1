//! Forgetting everything, for test suites that start each test clean
//! (`POST /_stepstone/reset`).

use super::Sfn;
use serde::Serialize;

/// What a reset of Step Functions cleared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SfnReset {
    /// State machines removed, with their versions, aliases and tags.
    pub state_machines: usize,
    /// Activities removed.
    pub activities: usize,
    /// Executions forgotten (Map Run children included).
    pub executions: usize,
    /// Of those, the ones that were running and were stopped.
    pub executions_stopped: usize,
}

impl Sfn {
    /// Removes every state machine (versions, aliases and tags with it), activity and
    /// execution; running executions are stopped, and this returns once they have.
    pub async fn reset(&self) -> SfnReset {
        let state = std::mem::take(&mut *self.lock());
        let executions = self.executions.reset().await;
        SfnReset {
            state_machines: state.machines.len(),
            activities: state.activities.len(),
            executions: executions.executions,
            executions_stopped: executions.stopped,
        }
    }
}
