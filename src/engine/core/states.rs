//! The work of each state type, in JSONPath mode, and the wrap-up of states whose work came
//! back from outside (Wait, Task) or from children (Parallel, Map).

use super::{
    Blocked, Core, Effect, Flow, Frame, FrameId, PAYLOAD_LIMIT, Resume, Step, TaskWait, iso,
};
use crate::asl::choice;
use crate::asl::definition::{
    DataFlow, Fail, FailField, JsonPathFlow, Pass, Payload, ResourceKind, State, StateKind, Task,
    Template, ValueOrExpr, Wait, WaitFor,
};
use crate::asl::definition::{IntegrationPattern, QueryLanguage, Timeout};
use crate::asl::errors::{Failure, RUNTIME, TIMEOUT};
use crate::asl::flow;
use crate::asl::intrinsic::IntrinsicEnv;
use crate::asl::parameters::check_at_run_time;
use crate::asl::path::Roots;
use crate::asl::payload;
use crate::engine::history::{ErrorDetails, EventKind};
use serde_json::{Value, json};

/// The error of a payload or variable over its size limit.
const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";

/// Longest wait AWS accepts: 2^31 - 1 seconds (`Wait state delay is too long.` beyond).
const MAX_WAIT_SECONDS: f64 = 2_147_483_647.0;

impl Core {
    /// Does the current state's work (or redoes it after a retry back-off).
    pub(super) fn execute(&mut self, id: FrameId, frame: &mut Frame, state: &State) -> Flow {
        let flow = match &state.data_flow {
            DataFlow::JsonPath(flow) => flow,
            DataFlow::Jsonata(flow) => return self.execute_jsonata(id, frame, state, flow),
        };
        self.set_state_context(frame, state);
        let flow_result = match &state.kind {
            StateKind::Pass(pass) => self.pass(frame, flow, pass),
            StateKind::Choice(choice) => self.choose(frame, flow, choice),
            StateKind::Succeed => self.succeed(frame, flow),
            StateKind::Fail(fail) => Ok(Flow::Fail(self.fail_state(frame, fail, None))),
            StateKind::Wait(wait) => self.wait(id, frame, flow, wait),
            StateKind::Task(task) => self.task(id, frame, flow, task),
            StateKind::Parallel(parallel) => self
                .effective_input(frame, flow)
                .and_then(|input| self.start_parallel(id, frame, input, parallel)),
            StateKind::Map(map) => {
                payload::input_path(&flow.input_path, &self.roots(frame, &frame.input))
                    .and_then(|effective| self.start_map(id, frame, map, effective, None))
            }
        };
        let flow = flow_result.unwrap_or_else(Flow::Fail);
        self.checked(frame, flow)
    }

    /// Wraps up a state after its outside work or its children finished.
    pub(super) fn complete(
        &mut self,
        frame: &mut Frame,
        state: &State,
        result: Result<Value, Failure>,
    ) -> Flow {
        let result = match (&state.kind, result) {
            (StateKind::Task(task), Ok(value)) if json_len(&value) > PAYLOAD_LIMIT => {
                Err(Failure::new(
                    DATA_LIMIT_EXCEEDED,
                    format!(
                        "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
                        result_source(task)
                    ),
                ))
            }
            (_, result) => result,
        };
        let flow = match &state.data_flow {
            DataFlow::JsonPath(flow) => flow,
            DataFlow::Jsonata(flow) => return self.complete_jsonata(frame, state, flow, result),
        };
        self.set_state_context(frame, state);
        let outcome = match (&state.kind, result) {
            (StateKind::Wait(_), Ok(effective)) => self
                .assign_payload(frame, flow.assign.as_ref(), &effective)
                .and_then(|()| {
                    payload::output_path(&flow.output_path, &self.roots(frame, &effective))
                })
                .map(Flow::Next),
            (StateKind::Task(task), Ok(result)) => {
                self.task_ended(frame, task, Ok(&result));
                self.finish_with_result(frame, flow, result)
            }
            (StateKind::Task(task), Err(failure)) => {
                self.task_ended(frame, task, Err(&failure));
                Err(failure)
            }
            (_, Ok(result)) => self.finish_with_result(frame, flow, result),
            (_, Err(failure)) => Err(failure),
        };
        let flow = outcome.unwrap_or_else(Flow::Fail);
        self.checked(frame, flow)
    }

    /// Records how a Task's work ended: `TaskSucceeded`/`TaskFailed`, or the activity events.
    pub(super) fn task_ended(
        &mut self,
        frame: &mut Frame,
        task: &Task,
        result: Result<&Value, &Failure>,
    ) {
        let event = match (result, &task.resource.kind) {
            (Ok(output), ResourceKind::Activity) => EventKind::ActivitySucceeded {
                output: self.text(output),
            },
            (Ok(output), ResourceKind::LambdaFunction) => EventKind::LambdaFunctionSucceeded {
                output: self.text(output),
            },
            (Ok(output), _) => {
                let (resource_type, resource) = resource_names(task);
                EventKind::TaskSucceeded {
                    resource_type,
                    resource,
                    output: self.text(output),
                }
            }
            (Err(failure), kind) => {
                let present = |s: &String| (!s.is_empty()).then(|| s.clone());
                let details = ErrorDetails {
                    error: present(&failure.error),
                    cause: present(&failure.cause),
                };
                match kind {
                    ResourceKind::Activity => EventKind::ActivityFailed(details),
                    ResourceKind::LambdaFunction => EventKind::LambdaFunctionFailed(details),
                    _ => {
                        let (resource_type, resource) = resource_names(task);
                        EventKind::TaskFailed {
                            resource_type,
                            resource,
                            details,
                        }
                    }
                }
            }
        };
        frame.last = self.emit_as(frame.sink, frame.last, event);
    }

    /// Applies the payload limit to a state's output and AWS's prefix to runtime causes.
    pub(super) fn checked(&mut self, frame: &Frame, flow: Flow) -> Flow {
        match flow {
            Flow::Next(output) | Flow::End(output) | Flow::Goto(_, output)
                if json_len(&output) > PAYLOAD_LIMIT =>
            {
                Flow::Fail(Failure::new(
                    DATA_LIMIT_EXCEEDED,
                    format!(
                        "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
                        frame.state
                    ),
                ))
            }
            Flow::Fail(failure)
                if failure.error == RUNTIME && !failure.cause.starts_with("An error occurred") =>
            {
                Flow::Fail(Failure::runtime(format!(
                    "An error occurred while executing the state '{}' (entered at the event id #{}). {}",
                    frame.state, frame.entered, failure.cause
                )))
            }
            other => other,
        }
    }

    /// `$$.State` for the state being run (Task states also count their retries).
    pub(super) fn set_state_context(&mut self, frame: &Frame, state: &State) {
        let mut current = json!({ "Name": frame.state, "EnteredTime": iso(frame.entered_time) });
        if matches!(state.kind, StateKind::Task(_)) {
            current["RetryCount"] = json!(frame.attempts.iter().sum::<u64>());
        }
        self.context["State"] = current;
    }

    pub(super) fn roots<'v>(&'v self, frame: &'v Frame, input: &'v Value) -> Roots<'v> {
        Roots::new(input, &self.context).with_variables(frame)
    }

    fn effective_input(&mut self, frame: &Frame, flow: &JsonPathFlow) -> Result<Value, Failure> {
        let roots = Roots::new(&frame.input, &self.context).with_variables(frame);
        payload::effective_input(flow, &roots, &mut self.env)
    }

    /// Evaluates an `Assign` template against `input` and the variables as they were before
    /// the state; the values are applied when the state exits.
    pub(super) fn assign(
        &mut self,
        frame: &mut Frame,
        template: Option<&Template>,
        input: &Value,
    ) -> Result<(), Failure> {
        match template {
            None => Ok(()),
            Some(Template::JsonPath(payload)) => self.assign_payload(frame, Some(payload), input),
            Some(Template::Jsonata(_)) => Err(Failure::runtime(
                "JSONata expressions are not supported yet by Stepstone",
            )),
        }
    }

    /// [`Core::assign`] for a JSONPath state's own `Assign`.
    pub(super) fn assign_payload(
        &mut self,
        frame: &mut Frame,
        payload: Option<&Payload>,
        input: &Value,
    ) -> Result<(), Failure> {
        let Some(payload) = payload else {
            return Ok(());
        };
        let roots = Roots::new(input, &self.context).with_variables(&*frame);
        let assigned = flow::assign_json_path(payload, &roots, &mut self.env)?;
        Self::stage_assigned(frame, assigned)
    }

    /// Keeps what an `Assign` computed for the state's exit, within AWS's documented limits:
    /// 256 KiB for one variable and for all of one `Assign` together (values as JSON text).
    /// No recorded case shows the failure, so the causes are ours.
    pub(super) fn stage_assigned(
        frame: &mut Frame,
        assigned: serde_json::Map<String, Value>,
    ) -> Result<(), Failure> {
        let mut total = 0;
        for (name, value) in &assigned {
            let size = json_len(value);
            if size > PAYLOAD_LIMIT {
                return Err(Failure::new(
                    DATA_LIMIT_EXCEEDED,
                    format!(
                        "The variable '{name}' assigned by the state '{}' has a size exceeding the maximum number of bytes service limit.",
                        frame.state
                    ),
                ));
            }
            total += size;
        }
        if total > PAYLOAD_LIMIT {
            return Err(Failure::new(
                DATA_LIMIT_EXCEEDED,
                format!(
                    "The variables assigned by the state '{}' have a combined size exceeding the maximum number of bytes service limit.",
                    frame.state
                ),
            ));
        }
        frame.assigned = Some(assigned);
        Ok(())
    }

    /// Task, Parallel and Map: `Assign` sees the raw result, then ResultSelector, ResultPath
    /// and OutputPath make the output.
    fn finish_with_result(
        &mut self,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        result: Value,
    ) -> Result<Flow, Failure> {
        self.assign_payload(frame, flow.assign.as_ref(), &result)?;
        self.state_output(frame, flow, result).map(Flow::Next)
    }

    fn state_output(
        &mut self,
        frame: &Frame,
        flow: &JsonPathFlow,
        result: Value,
    ) -> Result<Value, Failure> {
        let roots = Roots::new(&frame.input, &self.context).with_variables(frame);
        payload::state_output(flow, &roots, result, &mut self.env)
    }

    fn pass(
        &mut self,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        pass: &Pass,
    ) -> Result<Flow, Failure> {
        let effective = self.effective_input(frame, flow)?;
        let result = pass.result.clone().unwrap_or(effective);
        self.assign_payload(frame, flow.assign.as_ref(), &result)?;
        self.state_output(frame, flow, result).map(Flow::Next)
    }

    fn choose(
        &mut self,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        rules: &crate::asl::definition::Choice,
    ) -> Result<Flow, Failure> {
        let effective = payload::input_path(&flow.input_path, &self.roots(frame, &frame.input))?;
        let decision = choice::decide(rules, &self.roots(frame, &effective))?;
        // A matching rule's Assign applies; the state's own applies on the Default path only.
        match &decision {
            choice::Decision::Rule(rule) => self.assign(frame, rule.assign.as_ref(), &effective)?,
            choice::Decision::Default(_) => {
                self.assign_payload(frame, flow.assign.as_ref(), &effective)?
            }
        }
        let next = decision.next().to_owned();
        let output = payload::output_path(&flow.output_path, &self.roots(frame, &effective))?;
        Ok(Flow::Goto(next, output))
    }

    fn succeed(&mut self, frame: &Frame, flow: &JsonPathFlow) -> Result<Flow, Failure> {
        let effective = payload::input_path(&flow.input_path, &self.roots(frame, &frame.input))?;
        payload::output_path(&flow.output_path, &self.roots(frame, &effective)).map(Flow::End)
    }

    /// A Fail state's error and cause; `states` is `$states` when it is written in JSONata.
    pub(super) fn fail_state(
        &mut self,
        frame: &mut Frame,
        fail: &Fail,
        states: Option<&Value>,
    ) -> Failure {
        // A JSONPath state has no expressions (validation), so it needs no `$states`.
        let scope = self.scope(frame, states.unwrap_or(&Value::Null));
        let roots = Roots::new(&frame.input, &self.context).with_variables(&*frame);
        let mut text = |field: Option<&FailField>, name| {
            flow::fail_text(field, name, (&roots, &scope), &mut self.env)
        };
        let error = text(fail.error.as_ref(), "Error");
        let cause = text(fail.cause.as_ref(), "Cause");
        let error = error.map_err(|e| self.flow_failed(frame, e));
        let cause = cause.map_err(|e| self.flow_failed(frame, e));
        flow::fail_failure(error, cause).unwrap_or_else(|failure| failure)
    }

    fn wait(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        wait: &Wait,
    ) -> Result<Flow, Failure> {
        let effective = payload::input_path(&flow.input_path, &self.roots(frame, &frame.input))?;
        let seconds = match &wait.wait_for {
            WaitFor::Seconds(ValueOrExpr::Value(seconds)) => *seconds as f64,
            WaitFor::Timestamp(ValueOrExpr::Value(text)) => self.until(text)?,
            WaitFor::SecondsPath(path) => {
                let value = path.get(&self.roots(frame, &effective)).map_err(|_| {
                    Failure::runtime(format!(
                        "The SecondsPath parameter does not reference an input value: {}",
                        path.source()
                    ))
                })?;
                seconds_value(path.source(), value)?
            }
            WaitFor::TimestampPath(path) => {
                let value = path.get(&self.roots(frame, &effective)).map_err(|_| {
                    Failure::runtime(format!(
                        "The TimestampPath parameter does not reference an input value: {}",
                        path.source()
                    ))
                })?;
                let invalid = || {
                    let shown = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned);
                    Failure::runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {shown}",
                        path.source()
                    ))
                };
                let text = value.as_str().ok_or_else(invalid)?;
                self.until(text).map_err(|_| invalid())?
            }
            WaitFor::Seconds(ValueOrExpr::Expr(_)) | WaitFor::Timestamp(ValueOrExpr::Expr(_)) => {
                return Err(Failure::runtime(
                    "JSONata expressions are not supported yet by Stepstone",
                ));
            }
        };
        self.wait_for(id, frame, seconds, effective)
    }

    /// Blocks a Wait state for `seconds`; it then finishes with `effective` as its input.
    pub(super) fn wait_for(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        seconds: f64,
        effective: Value,
    ) -> Result<Flow, Failure> {
        if seconds > MAX_WAIT_SECONDS {
            return Err(Failure::runtime("Wait state delay is too long."));
        }
        let token = self.timer(id, seconds);
        frame.step = Step::Blocked(Blocked::on(token, Resume::Wait(effective)));
        Ok(Flow::Blocked)
    }

    /// Seconds from now until an RFC 3339 timestamp (zero if it has passed).
    pub(super) fn until(&self, text: &str) -> Result<f64, Failure> {
        let at = choice::parse_timestamp(text).ok_or_else(|| {
            Failure::runtime(format!(
                "The Timestamp '{text}' is not a valid ISO-8601 extended offset date-time"
            ))
        })?;
        let target = at.seconds as f64 + f64::from(at.nanos) / 1e9;
        let now = self.now.unix_timestamp_nanos() as f64 / 1e9;
        Ok((target - now).max(0.0))
    }

    fn task(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        flow: &JsonPathFlow,
        task: &Task,
    ) -> Result<Flow, Failure> {
        let effective = payload::input_path(&flow.input_path, &self.roots(frame, &frame.input))?;
        let timeout = self.task_seconds(
            frame,
            task.timeout.as_ref(),
            &effective,
            "TimeoutSecondsPath",
        )?;
        let heartbeat = self.task_seconds(
            frame,
            task.heartbeat.as_ref(),
            &effective,
            "HeartbeatSecondsPath",
        )?;
        self.start_task(id, frame, task, (timeout, heartbeat), |core, frame| {
            let parameters = core.effective_input(frame, flow)?;
            check_at_run_time(&task.resource, &parameters, QueryLanguage::JsonPath)?;
            Ok(parameters)
        })
    }

    /// Schedules a Task's work, in either query language: `parameters` builds the request
    /// while `$$.Task.Token` (callback tasks) is in the context.
    pub(super) fn start_task(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        task: &Task,
        (timeout, heartbeat): (Option<u64>, Option<u64>),
        parameters: impl FnOnce(&mut Self, &mut Frame) -> Result<Value, Failure>,
    ) -> Result<Flow, Failure> {
        let wait = TaskWait {
            activity: matches!(task.resource.kind, ResourceKind::Activity),
            timeout,
            heartbeat,
        };
        let callback =
            wait.activity || task_pattern(task) == Some(IntegrationPattern::WaitForTaskToken);
        let task_token =
            callback.then(|| format!("{}{}", self.env.uuid(), self.env.uuid()).replace('-', ""));
        if let Some(token) = &task_token {
            self.context["Task"] = json!({ "Token": token });
        }
        let parameters = parameters(self, frame);
        if let Some(context) = self.context.as_object_mut() {
            context.remove("Task");
        }
        let parameters = parameters?;
        let token = self.token();
        let mut blocked = Blocked::on(token, Resume::Task(wait));
        if wait.activity {
            let scheduled = EventKind::ActivityScheduled {
                resource: task.resource.arn.clone(),
                input: self.text(&parameters),
                timeout: wait.timeout,
                heartbeat: wait.heartbeat,
            };
            frame.last = self.emit_as(frame.sink, frame.last, scheduled);
            self.effects.push(Effect::Task {
                frame: id,
                token,
                resource: task.resource.clone(),
                parameters,
                task_token: task_token.clone(),
                state: frame.state.clone(),
            });
        } else {
            if let ResourceKind::LambdaFunction = task.resource.kind {
                let scheduled = EventKind::LambdaFunctionScheduled {
                    resource: task.resource.arn.clone(),
                    input: self.text(&parameters),
                    timeout: wait.timeout,
                };
                frame.last = self.emit_as(frame.sink, frame.last, scheduled);
                frame.last = self.emit_as(frame.sink, frame.last, EventKind::LambdaFunctionStarted);
            } else {
                let (resource_type, resource) = resource_names(task);
                let scheduled = EventKind::TaskScheduled {
                    resource_type: resource_type.clone(),
                    resource: resource.clone(),
                    region: self.info.region.clone(),
                    parameters: self.text(&parameters),
                    timeout: wait.timeout,
                    heartbeat: wait.heartbeat,
                };
                frame.last = self.emit_as(frame.sink, frame.last, scheduled);
                frame.last = self.emit_as(
                    frame.sink,
                    frame.last,
                    EventKind::TaskStarted {
                        resource_type,
                        resource,
                    },
                );
            }
            blocked.timeout = wait.timeout.map(|seconds| self.timer(id, seconds as f64));
            blocked.heartbeat = wait
                .heartbeat
                .filter(|_| callback)
                .map(|seconds| self.timer(id, seconds as f64));
            self.effects.push(Effect::Task {
                frame: id,
                token,
                resource: task.resource.clone(),
                parameters,
                task_token: task_token.clone(),
                state: frame.state.clone(),
            });
        }
        blocked.task_token = task_token;
        frame.step = Step::Blocked(blocked);
        Ok(Flow::Blocked)
    }

    /// `TimeoutSeconds`/`HeartbeatSeconds`, constant or read from the state input by path.
    fn task_seconds(
        &self,
        frame: &Frame,
        field: Option<&Timeout>,
        effective: &Value,
        name: &str,
    ) -> Result<Option<u64>, Failure> {
        match field {
            None => Ok(None),
            Some(Timeout::Seconds(n)) => Ok(Some(*n)),
            Some(Timeout::Path(path)) => {
                let value = path
                    .get(&self.roots(frame, effective))
                    .map_err(|e| Failure::runtime(e.to_string()))?;
                // The constant's range, 1..99999999, holds for the value read by path too
                // (AWS's wording for either bound is a guess, shared with a non-integer).
                match value.as_u64() {
                    Some(n @ 1..=flow::MAX_SECONDS) => Ok(Some(n)),
                    _ => Err(Failure::runtime(format!(
                        "The {name} field refers to value {value} which is not a valid positive integer: {}",
                        path.source()
                    ))),
                }
            }
            Some(Timeout::Expr(_)) => Err(Failure::runtime(
                "JSONata expressions are not supported yet by Stepstone",
            )),
        }
    }

    /// `resourceType` and `resource` of the Task state the frame is in.
    pub(super) fn current_task_names(&self, frame: &Frame) -> (String, String) {
        match frame.machine.states.get(&frame.state).map(|s| &s.kind) {
            Some(StateKind::Task(task)) => resource_names(task),
            _ => (String::new(), String::new()),
        }
    }

    /// A Task ran out of time: record it the way its kind records timeouts, then fail.
    pub(super) fn timed_out(&mut self, frame: &mut Frame, state: &State, failure: Failure) -> Flow {
        let details = ErrorDetails {
            error: Some(TIMEOUT.to_owned()),
            cause: None,
        };
        let event = match &state.kind {
            StateKind::Task(task) if matches!(task.resource.kind, ResourceKind::Activity) => {
                EventKind::ActivityTimedOut(details)
            }
            StateKind::Task(task) if matches!(task.resource.kind, ResourceKind::LambdaFunction) => {
                EventKind::LambdaFunctionTimedOut(details)
            }
            StateKind::Task(task) => {
                let (resource_type, resource) = resource_names(task);
                EventKind::TaskTimedOut {
                    resource_type,
                    resource,
                    details,
                }
            }
            _ => return Flow::Fail(failure),
        };
        frame.last = self.emit_as(frame.sink, frame.last, event);
        Flow::Fail(failure)
    }

    /// A Task that could not be scheduled: `ActivityScheduleFailed`, then the state fails.
    /// The event carries the failure as the execution will report it (runtime causes get
    /// AWS's state prefix).
    pub(super) fn schedule_failed(&mut self, frame: &mut Frame, failure: Failure) -> Flow {
        let flow = self.checked(frame, Flow::Fail(failure));
        if let Flow::Fail(failure) = &flow {
            let details = ErrorDetails {
                error: Some(failure.error.clone()),
                cause: Some(failure.cause.clone()),
            };
            frame.last = self.emit_as(
                frame.sink,
                frame.last,
                EventKind::ActivityScheduleFailed(details),
            );
        }
        flow
    }
}

/// What AWS names as the source of an oversized task result: the service of an integration,
/// the ARN of a function or activity.
fn result_source(task: &Task) -> &str {
    match &task.resource.kind {
        ResourceKind::Integration { service, .. } => service,
        _ => &task.resource.arn,
    }
}

fn task_pattern(task: &Task) -> Option<IntegrationPattern> {
    match &task.resource.kind {
        ResourceKind::Integration { pattern, .. } => Some(*pattern),
        _ => None,
    }
}

/// SecondsPath must reference a non-negative whole number.
fn seconds_value(path: &str, value: &Value) -> Result<f64, Failure> {
    match value.as_i64() {
        Some(n) if n >= 0 => Ok(n as f64),
        Some(_) => Err(Failure::runtime(format!(
            "The SecondsPath parameter references a negative value: {path} == {value}"
        ))),
        None => Err(Failure::runtime(format!(
            "The SecondsPath parameter cannot be parsed as a long value: {path} == {value}"
        ))),
    }
}

/// `resourceType` and `resource` as Task events name them, e.g. `lambda` / `invoke`.
fn resource_names(task: &Task) -> (String, String) {
    match &task.resource.kind {
        ResourceKind::Integration {
            service,
            action,
            pattern,
        } => {
            let suffix = match pattern {
                crate::asl::definition::IntegrationPattern::RequestResponse => "",
                crate::asl::definition::IntegrationPattern::Sync => ".sync",
                crate::asl::definition::IntegrationPattern::Sync2 => ".sync:2",
                crate::asl::definition::IntegrationPattern::WaitForTaskToken => ".waitForTaskToken",
            };
            (service.clone(), format!("{action}{suffix}"))
        }
        _ => (String::new(), task.resource.arn.clone()),
    }
}

/// The length of a value's JSON text, without building the text.
pub(super) fn json_len(value: &Value) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    let _ = serde_json::to_writer(&mut counter, value);
    counter.0
}
