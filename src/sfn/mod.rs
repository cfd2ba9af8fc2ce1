//! The Step Functions control plane: state machines, versions, aliases, activities, tags and
//! definition validation. Operations take typed requests and return typed responses; the
//! protocol layer does the wire.

pub mod activities;
pub mod aliases;
pub mod arn;
pub mod check;
pub mod encryption;
pub mod error;
pub mod execution_output;
pub mod executions;
pub mod page;
pub mod quotas;
pub mod reset;
mod service;
pub mod state;
pub mod state_machines;
pub mod tags;
mod tasks;
pub mod test_state;
pub mod types;
pub mod versions;
pub mod watch;
pub mod wire;

use crate::clock::Clock;
use crate::engine::executions::{Executions, Stored};
use crate::engine::mock_config::MockConfig;
use crate::engine::tasks::{StepFunctions, TaskTarget};
use crate::protocol::WireError;
use arn::ArnScope;
use bytes::Bytes;
use error::SfnResult;
use serde::Serialize;
use serde::de::DeserializeOwned;
use state::State;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, Weak};

/// The awsJson namespace AWS puts before Step Functions error codes in `__type`.
pub const ERROR_NAMESPACE: &str = "com.amazonaws.swf.service.v2.model";

/// The Step Functions service: its state and its operations.
#[derive(Debug)]
pub struct Sfn {
    scope: ArnScope,
    /// The server's clock, which dates every resource as it dates executions.
    clock: Clock,
    state: Mutex<State>,
    executions: Arc<Executions>,
    /// Step Functions Local's mocked service integrations, when configured.
    mock_config: Option<MockConfig>,
    /// The account's quotas (kept apart from `state`, which a reset empties).
    quotas: RwLock<quotas::Quotas>,
}

impl Sfn {
    /// A service with no resources, minting ARNs in `scope`, running executions on `clock`
    /// whose Task states call `tasks`; they reach this service (nested executions,
    /// activities) through the engine's [`StepFunctions`] handle.
    /// Executions started as `<stateMachineArn>#<TestCase>` take their mocks from
    /// `mock_config`.
    pub fn new(
        scope: ArnScope,
        clock: Clock,
        mock_config: Option<MockConfig>,
        tasks: Arc<dyn TaskTarget>,
    ) -> Arc<Self> {
        Arc::new_cyclic(|sfn: &Weak<Sfn>| {
            let handle: Weak<dyn StepFunctions> = sfn.clone();
            Sfn {
                scope,
                clock: clock.clone(),
                state: Mutex::new(State::default()),
                executions: Arc::new(Executions::new(clock, tasks, handle, Stored::in_memory())),
                mock_config,
                quotas: RwLock::default(),
            }
        })
    }

    /// Keeps finished executions as `retention` says (see [`crate::engine::retention`]).
    pub fn set_retention(&self, retention: crate::engine::retention::Retention) {
        self.executions.set_retention(retention);
    }

    /// The threads executions run on (see [`crate::engine::workers`]).
    pub fn workers(&self) -> &crate::engine::workers::Workers {
        self.executions.workers()
    }

    /// Runs the operation named by `X-Amz-Target` on a JSON request body.
    pub async fn call(&self, operation: &str, body: &[u8]) -> Result<Bytes, WireError> {
        match operation {
            "CreateStateMachine" => self.run(body, Self::create_state_machine),
            "DescribeStateMachine" => self.run(body, Self::describe_state_machine),
            "UpdateStateMachine" => self.run(body, Self::update_state_machine),
            "DeleteStateMachine" => self.run(body, Self::delete_state_machine),
            "ListStateMachines" => self.run(body, Self::list_state_machines),
            "ValidateStateMachineDefinition" => {
                self.run(body, Self::validate_state_machine_definition)
            }
            "PublishStateMachineVersion" => self.run(body, Self::publish_state_machine_version),
            "ListStateMachineVersions" => self.run(body, Self::list_state_machine_versions),
            "DeleteStateMachineVersion" => self.run(body, Self::delete_state_machine_version),
            "CreateStateMachineAlias" => self.run(body, Self::create_state_machine_alias),
            "DescribeStateMachineAlias" => self.run(body, Self::describe_state_machine_alias),
            "UpdateStateMachineAlias" => self.run(body, Self::update_state_machine_alias),
            "DeleteStateMachineAlias" => self.run(body, Self::delete_state_machine_alias),
            "ListStateMachineAliases" => self.run(body, Self::list_state_machine_aliases),
            "CreateActivity" => self.run(body, Self::create_activity),
            "DescribeActivity" => self.run(body, Self::describe_activity),
            "DeleteActivity" => self.run(body, Self::delete_activity),
            "ListActivities" => self.run(body, Self::list_activities),
            "GetActivityTask" => self.get_activity_task(body).await,
            "TagResource" => self.run(body, Self::tag_resource),
            "UntagResource" => self.run(body, Self::untag_resource),
            "ListTagsForResource" => self.run(body, Self::list_tags_for_resource),
            "StartExecution" => self.run(body, Self::start_execution),
            "StartSyncExecution" => self.start_sync_execution(body).await,
            "StopExecution" => self.stop_execution(body).await,
            "DescribeExecution" => self.run(body, Self::describe_execution),
            "DescribeStateMachineForExecution" => {
                self.run(body, Self::describe_state_machine_for_execution)
            }
            "ListExecutions" => self.run(body, Self::list_executions),
            "GetExecutionHistory" => self.encoded(body, Self::get_execution_history),
            "RedriveExecution" => self.run(body, Self::redrive_execution),
            "SendTaskSuccess" => self.run(body, Self::send_task_success),
            "SendTaskFailure" => self.run(body, Self::send_task_failure),
            "SendTaskHeartbeat" => self.run(body, Self::send_task_heartbeat),
            "TestState" => self.test_state(body).await,
            "DescribeMapRun" => self.run(body, Self::describe_map_run),
            "ListMapRuns" => self.run(body, Self::list_map_runs),
            "UpdateMapRun" => self.run(body, Self::update_map_run),
            other => Err(WireError::unknown_operation(other)),
        }
    }

    fn run<I: DeserializeOwned, O: Serialize>(
        &self,
        body: &[u8],
        operation: fn(&Self, I) -> SfnResult<O>,
    ) -> Result<Bytes, WireError> {
        let input = crate::protocol::json::parse_input(body)?;
        let output = operation(self, input)?;
        Ok(encode(&output))
    }

    /// Runs an operation that encodes its own response, while it still holds the records the
    /// response borrows from.
    fn encoded<I: DeserializeOwned>(
        &self,
        body: &[u8],
        operation: fn(&Self, I) -> SfnResult<Bytes>,
    ) -> Result<Bytes, WireError> {
        let input = crate::protocol::json::parse_input(body)?;
        Ok(operation(self, input)?)
    }

    /// Now on the server's clock, for the creation and update dates of resources.
    fn now(&self) -> wire::Timestamp {
        self.clock.now().into()
    }

    /// The service state. A panic while the lock was held cannot leave it half-written (every
    /// operation validates before it mutates), so a poisoned lock is still safe to use.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A buffer most responses fit in, so that few grow (each time copying what they hold).
const RESPONSE_CAPACITY: usize = 1024;

fn encode<O: Serialize>(output: &O) -> Bytes {
    encode_sized(output, RESPONSE_CAPACITY)
}

/// Serialises `output`, which is about `size` bytes of JSON.
fn encode_sized<O: Serialize>(output: &O, size: usize) -> Bytes {
    let mut buffer = Vec::with_capacity(size);
    // Serialising plain structs of strings, numbers and maps cannot fail.
    match serde_json::to_writer(&mut buffer, output) {
        Ok(()) => Bytes::from(buffer),
        Err(_) => Bytes::from_static(b"{}"),
    }
}
