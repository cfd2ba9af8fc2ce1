//! States written in JSONata: `Arguments`, `Output`, `Assign`, `Condition`, `Items` and the
//! other fields that take `{% %}` expressions, evaluated against `$states` (input, context,
//! result, errorOutput) and the workflow variables as they were when the state was entered.

use super::{Core, Flow, Frame, FrameId};
use crate::asl::choice::Decision;
use crate::asl::definition::{
    Choice, JsonataExpr, JsonataFlow, JsonataTemplate, QueryLanguage, State, StateKind, Template,
    Timeout, ValueOrExpr, Wait, WaitFor,
};
use crate::asl::errors::Failure;
use crate::asl::flow::{self, FieldError, FlowError};
use crate::asl::jsonata::Scope;
use crate::asl::parameters::check_at_run_time;
use crate::engine::history::EventKind;
use serde_json::Value;

pub(super) use crate::asl::flow::QUERY_EVALUATION_ERROR;

impl Core {
    /// `$states` for a field: the state input and context, plus `result` or `errorOutput`
    /// where the field may see them.
    pub(super) fn states(&self, input: &Value, extra: Option<(&str, &Value)>) -> Value {
        flow::states(input, &self.context, extra)
    }

    /// Evaluates one expression; a failure records `EvaluationFailed` as AWS does.
    pub(super) fn eval_expr(
        &mut self,
        frame: &mut Frame,
        expr: &JsonataExpr,
        states: &Value,
        field: &str,
    ) -> Result<Value, Failure> {
        let scope = self.scope(frame, states);
        let result = flow::evaluate_expr(expr, &scope, field);
        result.map_err(|error| self.field_failed(frame, &error))
    }

    /// What an expression of the state in `frame` sees, with `states` as `$states`.
    pub(super) fn scope<'v>(&self, frame: &'v Frame, states: &'v Value) -> Scope<'v> {
        Scope {
            states,
            variables: frame,
            now: self.now,
        }
    }

    /// [`Core::query_failed`] for a field that failed.
    pub(super) fn field_failed(&mut self, frame: &mut Frame, error: &FieldError) -> Failure {
        self.query_failed(frame, Some(error.field()), &error.cause())
    }

    /// A failure of the shared data flow: an expression's is recorded as
    /// [`Core::field_failed`]; the others are already the state's failure.
    pub(super) fn flow_failed(&mut self, frame: &mut Frame, error: FlowError) -> Failure {
        match error {
            FlowError::Failed(failure) => failure,
            FlowError::Query(error) => self.field_failed(frame, &error),
        }
    }

    /// Records `EvaluationFailed` for `detail` (at the field `location`, when there is one) and
    /// returns the `States.QueryEvaluationError` it raises.
    pub(super) fn query_failed(
        &mut self,
        frame: &mut Frame,
        location: Option<&str>,
        detail: &str,
    ) -> Failure {
        let cause = format!(
            "An error occurred while executing the state '{}' (entered at the event id #{}). {detail}",
            frame.state, frame.entered,
        );
        let event = EventKind::EvaluationFailed {
            error: QUERY_EVALUATION_ERROR.to_owned(),
            cause: cause.clone(),
            location: location.map(str::to_owned),
            state: frame.state.clone(),
        };
        // Observed: EvaluationFailed follows the event the state's Entered event follows, and
        // the failure that comes next follows it.
        frame.last = self.emit_as(frame.sink, frame.entered_after, event);
        Failure::new(QUERY_EVALUATION_ERROR, cause)
    }

    /// Evaluates a template; `field` names it in error causes (`Output/result`).
    pub(super) fn eval_template(
        &mut self,
        frame: &mut Frame,
        template: &JsonataTemplate,
        states: &Value,
        field: &str,
    ) -> Result<Value, Failure> {
        let scope = self.scope(frame, states);
        let result = flow::evaluate_template(template, &scope, field);
        result.map_err(|error| self.field_failed(frame, &error))
    }

    /// A JSONata `Assign`: evaluated now, applied when the state exits.
    fn assign_jsonata(
        &mut self,
        frame: &mut Frame,
        assign: Option<&Template>,
        states: &Value,
    ) -> Result<(), Failure> {
        match assign {
            None => Ok(()),
            Some(Template::Jsonata(template)) => {
                let assigned = flow::assign_jsonata(template, &self.scope(frame, states));
                let assigned = assigned.map_err(|e| self.flow_failed(frame, e))?;
                Self::stage_assigned(frame, assigned)
            }
            Some(Template::JsonPath(payload)) => {
                let input = states.get("input").unwrap_or(&Value::Null);
                self.assign_payload(frame, Some(payload), input)
            }
        }
    }

    /// `Output` (or `default` when absent) and `Assign`, both against the same `$states`.
    fn jsonata_output(
        &mut self,
        frame: &mut Frame,
        output: Option<&JsonataTemplate>,
        assign: Option<&Template>,
        states: &Value,
        default: Value,
    ) -> Result<Value, Failure> {
        self.assign_jsonata(frame, assign, states)?;
        match output {
            Some(template) => self.eval_template(frame, template, states, "Output"),
            None => Ok(default),
        }
    }

    /// A duration expression's seconds (`Seconds`, `TimeoutSeconds`, `HeartbeatSeconds`): at
    /// least `min`, at most 99999999.
    pub(super) fn jsonata_seconds(
        &mut self,
        frame: &mut Frame,
        expr: &JsonataExpr,
        states: &Value,
        (field, min): (&str, u64),
    ) -> Result<u64, Failure> {
        let scope = self.scope(frame, states);
        let result = flow::evaluate_seconds(expr, &scope, field, min);
        result.map_err(|error| self.field_failed(frame, &error))
    }

    /// Does a JSONata state's work.
    pub(super) fn execute_jsonata(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        state: &State,
        flow: &JsonataFlow,
    ) -> Flow {
        self.set_state_context(frame, state);
        let states = self.states(&frame.input, None);
        let input = frame.input.clone();
        let assign = flow.assign.as_ref().map(|t| Template::Jsonata(t.clone()));
        let outcome = match &state.kind {
            StateKind::Pass(_) => self
                .jsonata_output(frame, flow.output.as_ref(), assign.as_ref(), &states, input)
                .map(Flow::Next),
            StateKind::Succeed => self
                .jsonata_output(frame, flow.output.as_ref(), None, &states, input)
                .map(Flow::End),
            StateKind::Choice(choice) => self.choose_jsonata(frame, flow, choice, &states),
            StateKind::Fail(fail) => Ok(Flow::Fail(self.fail_state(frame, fail, Some(&states)))),
            StateKind::Wait(wait) => self.wait_jsonata(id, frame, wait, &states),
            StateKind::Task(task) => {
                let timeout =
                    self.jsonata_timeout(frame, task.timeout.as_ref(), &states, "TimeoutSeconds");
                let heartbeat = self.jsonata_timeout(
                    frame,
                    task.heartbeat.as_ref(),
                    &states,
                    "HeartbeatSeconds",
                );
                match (timeout, heartbeat) {
                    (Ok(timeout), Ok(heartbeat)) => {
                        self.start_task(id, frame, task, (timeout, heartbeat), |core, frame| {
                            // Built after the task token is in the context.
                            let states = core.states(&frame.input, None);
                            let arguments = core.arguments(frame, flow, &states)?;
                            check_at_run_time(&task.resource, &arguments, QueryLanguage::Jsonata)?;
                            Ok(arguments)
                        })
                    }
                    (Err(failure), _) | (_, Err(failure)) => Err(failure),
                }
            }
            StateKind::Parallel(parallel) => self
                .arguments(frame, flow, &states)
                .and_then(|input| self.start_parallel(id, frame, input, parallel)),
            StateKind::Map(map) => self.start_map(id, frame, map, input, Some(&states)),
        };
        let flow = outcome.unwrap_or_else(Flow::Fail);
        self.checked(frame, flow)
    }

    /// Wraps up a JSONata state after its outside work or its children finished.
    pub(super) fn complete_jsonata(
        &mut self,
        frame: &mut Frame,
        state: &State,
        flow: &JsonataFlow,
        result: Result<Value, Failure>,
    ) -> Flow {
        self.set_state_context(frame, state);
        let assign = flow.assign.as_ref().map(|t| Template::Jsonata(t.clone()));
        let outcome = match (&state.kind, result) {
            (StateKind::Wait(_), Ok(input)) => {
                let states = self.states(&input, None);
                self.jsonata_output(frame, flow.output.as_ref(), assign.as_ref(), &states, input)
                    .map(Flow::Next)
            }
            (StateKind::Task(task), Err(failure)) => {
                self.task_ended(frame, task, Err(&failure));
                Err(failure)
            }
            (kind, Ok(result)) => {
                if let StateKind::Task(task) = kind {
                    self.task_ended(frame, task, Ok(&result));
                }
                let states = self.states(&frame.input, Some(("result", &result)));
                self.jsonata_output(
                    frame,
                    flow.output.as_ref(),
                    assign.as_ref(),
                    &states,
                    result,
                )
                .map(Flow::Next)
            }
            (_, Err(failure)) => Err(failure),
        };
        let flow = outcome.unwrap_or_else(Flow::Fail);
        self.checked(frame, flow)
    }

    /// A Catcher of a JSONata state: its `Output` (default: the error output) and `Assign`.
    pub(super) fn caught_jsonata(
        &mut self,
        frame: &mut Frame,
        output: Option<&JsonataTemplate>,
        assign: Option<&Template>,
        error_output: Value,
    ) -> Result<Value, Failure> {
        let states = self.states(&frame.input, Some(("errorOutput", &error_output)));
        self.jsonata_output(frame, output, assign, &states, error_output)
    }

    /// `Arguments`, or the state input when there are none.
    fn arguments(
        &mut self,
        frame: &mut Frame,
        flow: &JsonataFlow,
        states: &Value,
    ) -> Result<Value, Failure> {
        match &flow.arguments {
            Some(template) => self.eval_template(frame, template, states, "Arguments"),
            None => Ok(frame.input.clone()),
        }
    }

    fn jsonata_timeout(
        &mut self,
        frame: &mut Frame,
        field: Option<&Timeout>,
        states: &Value,
        name: &str,
    ) -> Result<Option<u64>, Failure> {
        match field {
            None => Ok(None),
            Some(Timeout::Seconds(n)) => Ok(Some(*n)),
            // A timeout or heartbeat is a positive number of seconds.
            Some(Timeout::Expr(expr)) => self
                .jsonata_seconds(frame, expr, states, (name, 1))
                .map(Some),
            Some(Timeout::Path(_)) => Ok(None),
        }
    }

    /// The first rule whose `Condition` holds decides the next state; its `Output` and
    /// `Assign` replace the state's, which apply on the Default path.
    fn choose_jsonata(
        &mut self,
        frame: &mut Frame,
        flow: &JsonataFlow,
        choice: &Choice,
        states: &Value,
    ) -> Result<Flow, Failure> {
        let roots = self.roots(frame, &frame.input);
        let decision = flow::decide_jsonata(choice, &roots, &self.scope(frame, states));
        let decision = decision.map_err(|e| self.flow_failed(frame, e))?;
        let input = frame.input.clone();
        let output = match decision {
            Decision::Rule(rule) => {
                let (output, assign) = (rule.output.as_ref(), rule.assign.as_ref());
                self.jsonata_output(frame, output, assign, states, input)?
            }
            Decision::Default(_) => {
                let assign = flow.assign.as_ref().map(|t| Template::Jsonata(t.clone()));
                self.jsonata_output(frame, flow.output.as_ref(), assign.as_ref(), states, input)?
            }
        };
        Ok(Flow::Goto(decision.next().to_owned(), output))
    }

    fn wait_jsonata(
        &mut self,
        id: FrameId,
        frame: &mut Frame,
        wait: &Wait,
        states: &Value,
    ) -> Result<Flow, Failure> {
        let seconds = match &wait.wait_for {
            WaitFor::Seconds(ValueOrExpr::Value(n)) => *n as f64,
            WaitFor::Seconds(ValueOrExpr::Expr(expr)) => {
                self.jsonata_seconds(frame, expr, states, ("Seconds", 0))? as f64
            }
            WaitFor::Timestamp(ValueOrExpr::Value(text)) => self.until(text)?,
            WaitFor::Timestamp(ValueOrExpr::Expr(expr)) => {
                let value = self.eval_expr(frame, expr, states, "Timestamp")?;
                let parsed = value.as_str().map(|text| self.until(text));
                match parsed {
                    Some(Ok(seconds)) => seconds,
                    _ => {
                        let shown = value
                            .as_str()
                            .map_or_else(|| value.to_string(), str::to_owned);
                        let cause = format!(
                            "An error occurred while executing the state '{}' (entered at the event id #{}). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {shown}",
                            frame.state, frame.entered
                        );
                        return Err(Failure::new(QUERY_EVALUATION_ERROR, cause));
                    }
                }
            }
            WaitFor::SecondsPath(_) | WaitFor::TimestampPath(_) => 0.0,
        };
        let input = frame.input.clone();
        self.wait_for(id, frame, seconds, input)
    }
}
