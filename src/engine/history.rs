//! Execution history events, typed, and their wire form as GetExecutionHistory returns them.

use serde_json::{Map, Value, json};
use time::OffsetDateTime;

/// The state types whose entered/exited events carry the type in their name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StateType {
    /// `Pass`.
    Pass,
    /// `Task`.
    Task,
    /// `Choice`.
    Choice,
    /// `Wait`.
    Wait,
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail,
    /// `Parallel`.
    Parallel,
    /// `Map`.
    Map,
}

impl StateType {
    fn name(self) -> &'static str {
        match self {
            StateType::Pass => "Pass",
            StateType::Task => "Task",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
        }
    }
}

/// An error and cause, either of which may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ErrorDetails {
    /// The error name.
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
}

/// What happened, with the details AWS records for it. Inputs and outputs are JSON text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum EventKind {
    /// The execution started.
    ExecutionStarted {
        /// Execution input.
        input: String,
        /// The machine's role.
        role_arn: String,
        /// Set when started through an alias.
        alias_arn: Option<String>,
        /// Set when started through a version or an alias.
        version_arn: Option<String>,
    },
    /// The execution succeeded.
    ExecutionSucceeded {
        /// Execution output.
        output: String,
    },
    /// The execution failed.
    ExecutionFailed(ErrorDetails),
    /// StopExecution ended it.
    ExecutionAborted(ErrorDetails),
    /// Its `TimeoutSeconds` ran out.
    ExecutionTimedOut(ErrorDetails),
    /// RedriveExecution restarted it; the count of redrives so far, this one included.
    ExecutionRedriven {
        /// How many times it has been redriven.
        redrive_count: u32,
    },
    /// A state was entered.
    StateEntered {
        /// The state's type.
        state_type: StateType,
        /// The state's name.
        name: String,
        /// The state's raw input.
        input: String,
    },
    /// A state was left (Fail states are never exited).
    StateExited {
        /// The state's type.
        state_type: StateType,
        /// The state's name.
        name: String,
        /// The state's output.
        output: String,
        /// Variables its `Assign` set: name and JSON text, sorted by name.
        assigned: Option<Vec<(String, String)>>,
    },
    /// A state in progress was stopped (Task, Wait, Map, Parallel).
    StateAborted(StateType),
    /// A Parallel state started its branches.
    ParallelStateStarted,
    /// Every branch succeeded.
    ParallelStateSucceeded,
    /// A branch failed.
    ParallelStateFailed,
    /// A Map state started its iterations.
    MapStateStarted {
        /// How many items it iterates.
        length: usize,
    },
    /// One Map iteration started, succeeded, failed or was aborted.
    MapIteration {
        /// Which of the four.
        phase: IterationPhase,
        /// The Map state's name.
        name: String,
        /// The item index.
        index: usize,
    },
    /// Every iteration succeeded (or failures stayed within tolerance).
    MapStateSucceeded,
    /// The Map state failed.
    MapStateFailed,
    /// A Distributed Map started its Map Run.
    MapRunStarted {
        /// The Map Run's ARN.
        map_run_arn: String,
    },
    /// A redrive of its execution redrove the Map Run: its unsuccessful children run again.
    MapRunRedriven {
        /// The Map Run's ARN.
        map_run_arn: String,
        /// How many times it has been redriven, this one included.
        redrive_count: u32,
    },
    /// The Map Run succeeded.
    MapRunSucceeded,
    /// The Map Run failed.
    MapRunFailed(ErrorDetails),
    /// A Task's work was scheduled.
    TaskScheduled {
        /// Integration service, e.g. `lambda`.
        resource_type: String,
        /// Integration action, e.g. `invoke`.
        resource: String,
        /// The execution's region.
        region: String,
        /// The effective parameters, as JSON text.
        parameters: String,
        /// `TimeoutSeconds`, when set.
        timeout: Option<u64>,
        /// `HeartbeatSeconds`, when set.
        heartbeat: Option<u64>,
    },
    /// A Task's work started.
    TaskStarted {
        /// Integration service.
        resource_type: String,
        /// Integration action.
        resource: String,
    },
    /// A Task's work succeeded.
    TaskSucceeded {
        /// Integration service.
        resource_type: String,
        /// Integration action.
        resource: String,
        /// The result, as JSON text.
        output: String,
    },
    /// A `.sync` or `.waitForTaskToken` call went out; the task now waits.
    TaskSubmitted {
        /// Integration service.
        resource_type: String,
        /// Integration action.
        resource: String,
        /// The call's response, as JSON text.
        output: String,
    },
    /// A JSONata expression failed (AWS records it before the failure it causes).
    EvaluationFailed {
        /// Always `States.QueryEvaluationError`.
        error: String,
        /// The full cause.
        cause: String,
        /// The field, e.g. `Output/result`; absent when the failure is not a field's (a
        /// JSONata Map's input that is not an array).
        location: Option<String>,
        /// The state.
        state: String,
    },
    /// A Task's work ran out of time.
    TaskTimedOut {
        /// Integration service.
        resource_type: String,
        /// Integration action.
        resource: String,
        /// Error (always `States.Timeout`) and cause.
        details: ErrorDetails,
    },
    /// An activity task was queued for workers.
    ActivityScheduled {
        /// The activity ARN.
        resource: String,
        /// The task input, as JSON text.
        input: String,
        /// `TimeoutSeconds`, when set.
        timeout: Option<u64>,
        /// `HeartbeatSeconds`, when set.
        heartbeat: Option<u64>,
    },
    /// The activity task could not be scheduled (the activity does not exist).
    ActivityScheduleFailed(ErrorDetails),
    /// A worker took the activity task.
    ActivityStarted {
        /// The name the worker gave.
        worker_name: Option<String>,
    },
    /// The worker reported success.
    ActivitySucceeded {
        /// The worker's output, as JSON text.
        output: String,
    },
    /// The worker reported failure.
    ActivityFailed(ErrorDetails),
    /// The activity task ran out of time or heartbeats.
    ActivityTimedOut(ErrorDetails),
    /// A legacy Lambda function resource was scheduled.
    LambdaFunctionScheduled {
        /// The function ARN.
        resource: String,
        /// The event, as JSON text.
        input: String,
        /// `TimeoutSeconds`, when set.
        timeout: Option<u64>,
    },
    /// The function started.
    LambdaFunctionStarted,
    /// The function returned.
    LambdaFunctionSucceeded {
        /// Its result, as JSON text.
        output: String,
    },
    /// The function (or the call to it) failed.
    LambdaFunctionFailed(ErrorDetails),
    /// The Task's `TimeoutSeconds` passed first.
    LambdaFunctionTimedOut(ErrorDetails),
    /// A Task's work failed.
    TaskFailed {
        /// Integration service.
        resource_type: String,
        /// Integration action.
        resource: String,
        /// Error and cause.
        details: ErrorDetails,
    },
}

/// The four Map iteration events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IterationPhase {
    /// `MapIterationStarted`.
    Started,
    /// `MapIterationSucceeded`.
    Succeeded,
    /// `MapIterationFailed`.
    Failed,
    /// `MapIterationAborted`.
    Aborted,
}

/// One history event.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEvent {
    /// 1-based, contiguous.
    pub id: u64,
    /// The event this one follows in its thread of execution (0 for none).
    pub previous_event_id: u64,
    /// When it happened.
    pub timestamp: OffsetDateTime,
    /// What happened.
    pub kind: EventKind,
}

impl EventKind {
    /// Whether this is the execution's last event (it succeeded, failed, was aborted or timed
    /// out).
    pub fn ends_execution(&self) -> bool {
        matches!(
            self,
            EventKind::ExecutionSucceeded { .. }
                | EventKind::ExecutionFailed(_)
                | EventKind::ExecutionAborted(_)
                | EventKind::ExecutionTimedOut(_)
        )
    }
}

impl HistoryEvent {
    /// The event's `type` on the wire, e.g. `PassStateEntered`.
    pub fn type_name(&self) -> String {
        use EventKind::*;
        let fixed = match &self.kind {
            ExecutionStarted { .. } => "ExecutionStarted",
            ExecutionSucceeded { .. } => "ExecutionSucceeded",
            ExecutionFailed(_) => "ExecutionFailed",
            ExecutionAborted(_) => "ExecutionAborted",
            ExecutionTimedOut(_) => "ExecutionTimedOut",
            ExecutionRedriven { .. } => "ExecutionRedriven",
            StateEntered { state_type, .. } => return format!("{}StateEntered", state_type.name()),
            StateExited { state_type, .. } => return format!("{}StateExited", state_type.name()),
            StateAborted(state_type) => return format!("{}StateAborted", state_type.name()),
            ParallelStateStarted => "ParallelStateStarted",
            ParallelStateSucceeded => "ParallelStateSucceeded",
            ParallelStateFailed => "ParallelStateFailed",
            MapStateStarted { .. } => "MapStateStarted",
            MapIteration { phase, .. } => match phase {
                IterationPhase::Started => "MapIterationStarted",
                IterationPhase::Succeeded => "MapIterationSucceeded",
                IterationPhase::Failed => "MapIterationFailed",
                IterationPhase::Aborted => "MapIterationAborted",
            },
            MapStateSucceeded => "MapStateSucceeded",
            MapStateFailed => "MapStateFailed",
            MapRunStarted { .. } => "MapRunStarted",
            MapRunRedriven { .. } => "MapRunRedriven",
            MapRunSucceeded => "MapRunSucceeded",
            MapRunFailed(_) => "MapRunFailed",
            TaskScheduled { .. } => "TaskScheduled",
            TaskStarted { .. } => "TaskStarted",
            TaskSucceeded { .. } => "TaskSucceeded",
            TaskFailed { .. } => "TaskFailed",
            TaskTimedOut { .. } => "TaskTimedOut",
            TaskSubmitted { .. } => "TaskSubmitted",
            EvaluationFailed { .. } => "EvaluationFailed",
            ActivityScheduled { .. } => "ActivityScheduled",
            ActivityScheduleFailed(_) => "ActivityScheduleFailed",
            ActivityStarted { .. } => "ActivityStarted",
            ActivitySucceeded { .. } => "ActivitySucceeded",
            ActivityFailed(_) => "ActivityFailed",
            ActivityTimedOut(_) => "ActivityTimedOut",
            LambdaFunctionScheduled { .. } => "LambdaFunctionScheduled",
            LambdaFunctionStarted => "LambdaFunctionStarted",
            LambdaFunctionSucceeded { .. } => "LambdaFunctionSucceeded",
            LambdaFunctionFailed(_) => "LambdaFunctionFailed",
            LambdaFunctionTimedOut(_) => "LambdaFunctionTimedOut",
        };
        fixed.to_owned()
    }

    /// The event as GetExecutionHistory returns it; `include_data` false drops inputs, outputs
    /// and parameters (`includeExecutionData: false`).
    pub fn to_wire(&self, include_data: bool) -> Value {
        let mut event = Map::new();
        event.insert("timestamp".into(), json!(epoch_seconds(self.timestamp)));
        event.insert("type".into(), Value::String(self.type_name()));
        event.insert("id".into(), json!(self.id));
        event.insert("previousEventId".into(), json!(self.previous_event_id));
        if let Some((key, details)) = self.details(include_data) {
            event.insert(key.into(), Value::Object(details));
        }
        Value::Object(event)
    }

    fn details(&self, include_data: bool) -> Option<(&'static str, Map<String, Value>)> {
        let mut d = Map::new();
        let key = self
            .execution_details(&mut d, include_data)
            .or_else(|| self.state_details(&mut d, include_data))
            .or_else(|| self.task_details(&mut d, include_data))
            .or_else(|| self.callee_details(&mut d, include_data))?;
        Some((key, d))
    }

    /// The details of an execution event.
    fn execution_details(
        &self,
        d: &mut Map<String, Value>,
        include_data: bool,
    ) -> Option<&'static str> {
        use EventKind::*;
        match &self.kind {
            ExecutionStarted {
                input,
                role_arn,
                alias_arn,
                version_arn,
            } => {
                data(d, "input", input, include_data);
                d.insert("roleArn".into(), json!(role_arn));
                optional(d, "stateMachineAliasArn", alias_arn);
                optional(d, "stateMachineVersionArn", version_arn);
                Some("executionStartedEventDetails")
            }
            ExecutionSucceeded { output } => {
                data(d, "output", output, include_data);
                Some("executionSucceededEventDetails")
            }
            ExecutionFailed(e) => Some(error(d, e, "executionFailedEventDetails")),
            ExecutionAborted(e) => Some(error(d, e, "executionAbortedEventDetails")),
            ExecutionTimedOut(e) => Some(error(d, e, "executionTimedOutEventDetails")),
            ExecutionRedriven { redrive_count } => {
                d.insert("redriveCount".into(), json!(redrive_count));
                Some("executionRedrivenEventDetails")
            }
            _ => None,
        }
    }

    /// The details of a state, Map or evaluation event.
    fn state_details(
        &self,
        d: &mut Map<String, Value>,
        include_data: bool,
    ) -> Option<&'static str> {
        use EventKind::*;
        match &self.kind {
            StateEntered { name, input, .. } => {
                d.insert("name".into(), json!(name));
                data(d, "input", input, include_data);
                Some("stateEnteredEventDetails")
            }
            StateExited {
                name,
                output,
                assigned,
                ..
            } => {
                d.insert("name".into(), json!(name));
                data(d, "output", output, include_data);
                if let Some(assigned) = assigned {
                    let variables: Map<String, Value> = assigned
                        .iter()
                        .map(|(k, v)| (k.clone(), json!(v)))
                        .collect();
                    d.insert("assignedVariables".into(), Value::Object(variables));
                    d.insert(
                        "assignedVariablesDetails".into(),
                        json!({ "truncated": false }),
                    );
                }
                Some("stateExitedEventDetails")
            }
            MapStateStarted { length } => {
                d.insert("length".into(), json!(length));
                Some("mapStateStartedEventDetails")
            }
            MapRunStarted { map_run_arn } => {
                d.insert("mapRunArn".into(), json!(map_run_arn));
                Some("mapRunStartedEventDetails")
            }
            MapRunRedriven {
                map_run_arn,
                redrive_count,
            } => {
                d.insert("mapRunArn".into(), json!(map_run_arn));
                d.insert("redriveCount".into(), json!(redrive_count));
                Some("mapRunRedrivenEventDetails")
            }
            MapRunFailed(e) => Some(error(d, e, "mapRunFailedEventDetails")),
            MapIteration { phase, name, index } => {
                d.insert("name".into(), json!(name));
                d.insert("index".into(), json!(index));
                Some(match phase {
                    IterationPhase::Started => "mapIterationStartedEventDetails",
                    IterationPhase::Succeeded => "mapIterationSucceededEventDetails",
                    IterationPhase::Failed => "mapIterationFailedEventDetails",
                    IterationPhase::Aborted => "mapIterationAbortedEventDetails",
                })
            }
            EvaluationFailed {
                error,
                cause,
                location,
                state,
            } => {
                d.insert("error".into(), json!(error));
                d.insert("cause".into(), json!(cause));
                if let Some(location) = location {
                    d.insert("location".into(), json!(location));
                }
                d.insert("state".into(), json!(state));
                Some("evaluationFailedEventDetails")
            }
            _ => None,
        }
    }

    /// The details of a Task event.
    fn task_details(&self, d: &mut Map<String, Value>, include_data: bool) -> Option<&'static str> {
        use EventKind::*;
        match &self.kind {
            TaskScheduled {
                resource_type,
                resource,
                region,
                parameters,
                timeout,
                heartbeat,
            } => {
                task_resource(d, resource_type, resource);
                d.insert("region".into(), json!(region));
                let shown = if include_data {
                    parameters.as_str()
                } else {
                    ""
                };
                d.insert("parameters".into(), json!(shown));
                seconds(d, timeout, heartbeat);
                Some("taskScheduledEventDetails")
            }
            TaskSubmitted {
                resource_type,
                resource,
                output,
            } => {
                task_resource(d, resource_type, resource);
                data(d, "output", output, include_data);
                Some("taskSubmittedEventDetails")
            }
            TaskTimedOut {
                resource_type,
                resource,
                details,
            } => {
                task_resource(d, resource_type, resource);
                Some(error(d, details, "taskTimedOutEventDetails"))
            }
            TaskStarted {
                resource_type,
                resource,
            } => {
                task_resource(d, resource_type, resource);
                Some("taskStartedEventDetails")
            }
            TaskSucceeded {
                resource_type,
                resource,
                output,
            } => {
                task_resource(d, resource_type, resource);
                data(d, "output", output, include_data);
                Some("taskSucceededEventDetails")
            }
            TaskFailed {
                resource_type,
                resource,
                details,
            } => {
                task_resource(d, resource_type, resource);
                Some(error(d, details, "taskFailedEventDetails"))
            }
            _ => None,
        }
    }

    /// The details of an activity or Lambda function event.
    fn callee_details(
        &self,
        d: &mut Map<String, Value>,
        include_data: bool,
    ) -> Option<&'static str> {
        use EventKind::*;
        match &self.kind {
            ActivityScheduled {
                resource,
                input,
                timeout,
                heartbeat,
            } => {
                d.insert("resource".into(), json!(resource));
                data(d, "input", input, include_data);
                seconds(d, timeout, heartbeat);
                Some("activityScheduledEventDetails")
            }
            ActivityStarted { worker_name } => {
                optional(d, "workerName", worker_name);
                Some("activityStartedEventDetails")
            }
            ActivitySucceeded { output } => {
                data(d, "output", output, include_data);
                Some("activitySucceededEventDetails")
            }
            ActivityScheduleFailed(e) => Some(error(d, e, "activityScheduleFailedEventDetails")),
            ActivityFailed(e) => Some(error(d, e, "activityFailedEventDetails")),
            ActivityTimedOut(e) => Some(error(d, e, "activityTimedOutEventDetails")),
            LambdaFunctionScheduled {
                resource,
                input,
                timeout,
            } => {
                d.insert("resource".into(), json!(resource));
                data(d, "input", input, include_data);
                seconds(d, timeout, &None);
                Some("lambdaFunctionScheduledEventDetails")
            }
            LambdaFunctionSucceeded { output } => {
                data(d, "output", output, include_data);
                Some("lambdaFunctionSucceededEventDetails")
            }
            LambdaFunctionFailed(e) => Some(error(d, e, "lambdaFunctionFailedEventDetails")),
            LambdaFunctionTimedOut(e) => Some(error(d, e, "lambdaFunctionTimedOutEventDetails")),
            _ => None,
        }
    }
}

fn data(d: &mut Map<String, Value>, key: &str, text: &str, include: bool) {
    if include {
        d.insert(key.into(), json!(text));
    }
    d.insert(format!("{key}Details"), json!({ "truncated": false }));
}

/// The `resourceType` / `resource` pair every Task event carries.
fn task_resource(d: &mut Map<String, Value>, resource_type: &str, resource: &str) {
    d.insert("resourceType".into(), json!(resource_type));
    d.insert("resource".into(), json!(resource));
}

fn seconds(d: &mut Map<String, Value>, timeout: &Option<u64>, heartbeat: &Option<u64>) {
    if let Some(t) = timeout {
        d.insert("timeoutInSeconds".into(), json!(t));
    }
    if let Some(h) = heartbeat {
        d.insert("heartbeatInSeconds".into(), json!(h));
    }
}

fn optional(d: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        d.insert(key.into(), json!(v));
    }
}

/// A point in time as AWS's JSON protocols write it: seconds since the Unix epoch, to the
/// millisecond.
pub fn epoch_seconds(time: OffsetDateTime) -> f64 {
    (time.unix_timestamp_nanos() / 1_000_000) as f64 / 1000.0
}

fn error(d: &mut Map<String, Value>, e: &ErrorDetails, key: &'static str) -> &'static str {
    optional(d, "error", &e.error);
    optional(d, "cause", &e.cause);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind) -> HistoryEvent {
        HistoryEvent {
            id: 2,
            previous_event_id: 0,
            timestamp: OffsetDateTime::UNIX_EPOCH,
            kind,
        }
    }

    #[test]
    fn state_events_carry_the_state_type_in_their_name() {
        let e = event(EventKind::StateEntered {
            state_type: StateType::Pass,
            name: "P".into(),
            input: "{}".into(),
        });
        assert_eq!(e.type_name(), "PassStateEntered");
        let e = HistoryEvent {
            timestamp: OffsetDateTime::UNIX_EPOCH + time::Duration::milliseconds(1500),
            ..e
        };
        let wire = e.to_wire(true);
        assert_eq!(
            wire,
            json!({"timestamp": 1.5, "type": "PassStateEntered", "id": 2, "previousEventId": 0,
                   "stateEnteredEventDetails": {"name": "P", "input": "{}", "inputDetails": {"truncated": false}}})
        );
    }

    #[test]
    fn execution_data_can_be_left_out() {
        let e = event(EventKind::ExecutionSucceeded {
            output: "{\"a\":1}".into(),
        });
        let wire = e.to_wire(false);
        assert_eq!(
            wire["executionSucceededEventDetails"],
            json!({"outputDetails": {"truncated": false}})
        );
    }

    #[test]
    fn failures_without_error_or_cause_have_empty_details() {
        let e = event(EventKind::ExecutionFailed(ErrorDetails::default()));
        assert_eq!(e.to_wire(true)["executionFailedEventDetails"], json!({}));
    }

    #[test]
    fn marker_events_have_no_details() {
        let e = event(EventKind::MapStateSucceeded);
        assert_eq!(e.to_wire(true).as_object().unwrap().len(), 4);
    }

    #[test]
    fn timestamps_are_epoch_seconds_to_the_millisecond() {
        let time =
            OffsetDateTime::UNIX_EPOCH + time::Duration::nanoseconds(1_700_000_000_123_999_999);
        assert_eq!(epoch_seconds(time), 1_700_000_000.123);
    }
}
