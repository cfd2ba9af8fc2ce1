//! TestState: one state run once, outside any execution.
//!
//! The state's data flow runs as it does in an execution, by the same code (`asl::payload` for
//! InputPath, Parameters, ResultSelector, ResultPath, OutputPath; `asl::flow` for JSONata fields,
//! Assign, Choice, Fail and Map settings), but the work is stood in for: a mocked
//! result or error replaces a Task's call and a Map's or Parallel's children, Wait states do not
//! wait, and Retry/Catch only say what they *would* do (status `RETRIABLE` or `CAUGHT_ERROR`).
//! Every intermediate value AWS reports in `inspectionData` is kept in [`Inspection`].
//!
//! Only an unmocked Task needs the outside world: [`start`] then hands back a [`Pending`] call,
//! which the caller performs and [`Pending::resume`] finishes. Everything else is synchronous,
//! so JSONata values never live across an `.await`.

use crate::asl::choice::{self, Decision};
use crate::asl::definition::{
    Catcher, Choice, Count, DataFlow, Fail, FailField, JsonPathFlow, JsonataFlow, JsonataTemplate,
    Map, MapItems, Pass, QueryLanguage, Resource, Retrier, State, StateKind, Template, Transition,
};
use crate::asl::errors::{self, Failure};
use crate::asl::flow::{self, FlowError};
use crate::asl::jsonata::Scope;
use crate::asl::parameters::check_at_run_time;
use crate::asl::path::{ReferencePath, Root, Roots};
use crate::asl::payload::{self, Stage};
use crate::engine::core::{BatchLimits, batch};
use crate::engine::env::Env;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The error a Map raises when more iterations failed than it tolerates.
const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";

/// The name AWS gives a state tested on its own (it shows in `$$.State.Name`).
pub const LONE_STATE_NAME: &str = "StateName";

/// What stands in for a Task's call or a Map's or Parallel's children.
#[derive(Debug, Clone, PartialEq)]
pub enum Mock {
    /// The work's result.
    Result(Value),
    /// The work failed with this error and cause.
    Error(Failure),
}

/// `stateConfiguration`: where in its life the tested state is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Configuration {
    /// Retries already made (`retrierRetryCount`).
    pub retrier_retry_count: u64,
    /// How many Map iterations failed (`mapIterationFailureCount`).
    pub map_iteration_failure_count: Option<u64>,
    /// The items a Map's ItemReader would read (`mapItemReaderData`, parsed).
    pub map_item_reader_data: Option<Value>,
}

/// Everything a test needs: the state, its input and surroundings, and the stand-in work.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The state under test.
    pub state: &'a State,
    /// The raw state input.
    pub input: Value,
    /// The context object (`$$`, `$states.context`).
    pub context: Value,
    /// The workflow variables the state can read.
    pub variables: serde_json::Map<String, Value>,
    /// The mocked work, if any.
    pub mock: Option<Mock>,
    /// Where in its life the state is.
    pub configuration: Configuration,
    /// The engine's time: what JSONata's `$now()` and `$millis()` return.
    pub now: OffsetDateTime,
}

/// How the test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The state succeeded.
    Succeeded,
    /// The state failed and nothing handles the error.
    Failed,
    /// A retrier would run the state again.
    Retriable,
    /// A catcher handles the error.
    CaughtError,
}

impl Status {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::Retriable => "RETRIABLE",
            Status::CaughtError => "CAUGHT_ERROR",
        }
    }
}

/// Which retrier or catcher handled an error, and the back-off a retry would wait.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// The index of the catcher that matched.
    pub catch_index: Option<usize>,
    /// The index of the retrier that matched (also when it has no attempts left).
    pub retry_index: Option<usize>,
    /// The seconds before the retry.
    pub retry_backoff_interval_seconds: Option<u64>,
}

/// The intermediate values of a test, as AWS names them in `inspectionData`. A value is set
/// only where AWS reports it for the state's type and query language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inspection {
    /// The raw state input.
    pub input: Option<Value>,
    /// After `InputPath`.
    pub after_input_path: Option<Value>,
    /// After `Parameters`.
    pub after_parameters: Option<Value>,
    /// After `Arguments`.
    pub after_arguments: Option<Value>,
    /// The work's result.
    pub result: Option<Value>,
    /// After `ResultSelector`.
    pub after_result_selector: Option<Value>,
    /// After `ResultPath`.
    pub after_result_path: Option<Value>,
    /// A Map's items after `ItemsPath`.
    pub after_items_path: Option<Value>,
    /// A Map's items after its `ItemSelector`, when it has one.
    pub after_item_selector: Option<Value>,
    /// A Map's iterations' inputs after its `ItemBatcher` (the batches), when it has one.
    pub after_item_batcher: Option<Value>,
    /// The workflow variables after the state.
    pub variables: Option<Value>,
    /// A Map's `MaxConcurrency` (0 when not set).
    pub max_concurrency: Option<u64>,
    /// A Map's `ToleratedFailureCount`, when set.
    pub tolerated_failure_count: Option<u64>,
    /// A Map's `ToleratedFailurePercentage`, when set.
    pub tolerated_failure_percentage: Option<f64>,
    /// How Retry and Catch handled an error.
    pub error_details: Option<ErrorDetails>,
}

impl Inspection {
    /// Keeps the value a JSONPath step left.
    fn saw(&mut self, stage: Stage, value: &Value) {
        let field = match stage {
            Stage::InputPath => &mut self.after_input_path,
            Stage::Parameters => &mut self.after_parameters,
            Stage::ResultSelector => &mut self.after_result_selector,
            Stage::ResultPath => &mut self.after_result_path,
        };
        *field = Some(value.clone());
    }
}

/// The answer to a test.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// The state output (success) or the catcher's output (caught error).
    pub output: Option<Value>,
    /// The error name, when the state failed.
    pub error: Option<String>,
    /// The error cause, when the state failed.
    pub cause: Option<String>,
    /// Where the execution would go next.
    pub next_state: Option<String>,
    /// The intermediate values.
    pub inspection: Inspection,
}

/// A request AWS refuses once the state's data is known (HTTP 400, `ValidationException`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

/// Where a test stands after the part that needs no outside call.
#[derive(Debug)]
pub enum Progress<'a> {
    /// The test is over.
    Done(Box<Outcome>),
    /// An unmocked Task: its resource must be called with [`Pending::parameters`].
    Call(Box<Pending<'a>>),
}

/// An unmocked Task waiting for its call.
#[derive(Debug)]
pub struct Pending<'a> {
    run: Run<'a>,
    task_resource: &'a Resource,
    /// The effective parameters (after Parameters or Arguments).
    pub parameters: Value,
}

impl Pending<'_> {
    /// The Task's resource.
    pub fn resource(&self) -> &Resource {
        self.task_resource
    }

    /// Finishes the test with what the call returned.
    pub fn resume(self, result: Result<Value, Failure>) -> Outcome {
        let mut run = self.run;
        let finished = result.and_then(|value| run.task_result(value));
        run.conclude_finished(finished)
    }
}

/// Runs the state as far as it can without an outside call.
///
/// # Errors
/// [`Invalid`] when the request contradicts the state's data (more failed Map iterations than
/// items).
pub fn start(request: Request<'_>) -> Result<Progress<'_>, Invalid> {
    let Request {
        state,
        input,
        context,
        variables,
        mock,
        configuration,
        now,
    } = request;
    let mut run = Run {
        state,
        inspection: Inspection {
            input: Some(input.clone()),
            ..Inspection::default()
        },
        show_variables: !variables.is_empty(),
        input,
        context,
        variables,
        assigned: None,
        configuration,
        now,
    };
    let step = match &state.data_flow {
        DataFlow::JsonPath(flow) => run.json_path(flow, mock),
        DataFlow::Jsonata(flow) => run.jsonata(flow, mock),
    };
    match step {
        Ok(Step::Call(task_resource, parameters)) => Ok(Progress::Call(Box::new(Pending {
            run,
            task_resource,
            parameters,
        }))),
        Ok(Step::Finished(output, next)) => {
            Ok(Progress::Done(Box::new(run.succeeded(output, next))))
        }
        Err(Stop::Failed(failure)) => Ok(Progress::Done(Box::new(run.failed(failure)))),
        Err(Stop::Invalid(invalid)) => Err(invalid),
    }
}

/// The context object TestState makes up when the request has none: an express execution of a
/// state machine that exists only for this test, entered at `now`.
pub fn synthetic_context(
    region: &str,
    account: &str,
    role_arn: Option<&str>,
    input: &Value,
    state_name: &str,
    retry_count: u64,
    now: OffsetDateTime,
) -> Value {
    let machine = uuid::Uuid::new_v4().to_string();
    let execution = uuid::Uuid::new_v4().to_string();
    let now = iso(now);
    let prefix = format!("arn:aws:states:{region}:{account}");
    let mut context = json!({
        "Execution": {
            "Id": format!("{prefix}:express:{machine}:{execution}"),
            "Input": input,
            "Name": execution,
            "StartTime": now,
        },
        "StateMachine": { "Id": format!("{prefix}:stateMachine:{machine}"), "Name": machine },
        "State": { "Name": state_name, "EnteredTime": now, "RetryCount": retry_count },
    });
    if let Some(role_arn) = role_arn {
        context["Execution"]["RoleArn"] = json!(role_arn);
    }
    context
}

/// ISO 8601 with milliseconds and `Z`, as the context object shows times.
fn iso(time: OffsetDateTime) -> String {
    let millis = time.nanosecond() / 1_000_000;
    let whole = time.replace_nanosecond(0).unwrap_or(time);
    let text = whole.format(&Rfc3339).unwrap_or_default();
    match text.strip_suffix('Z') {
        Some(base) => format!("{base}.{millis:03}Z"),
        None => text,
    }
}

/// How the state's own processing ended.
enum Step<'a> {
    /// With an output and the next state (`None` at the end of the scope).
    Finished(Value, Option<String>),
    /// An unmocked Task must call its resource with these parameters.
    Call(&'a Resource, Value),
}

/// Why processing stopped early.
enum Stop {
    /// The state failed; Retry and Catch decide what that means.
    Failed(Failure),
    /// The request is refused.
    Invalid(Invalid),
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Self {
        Stop::Failed(failure)
    }
}

/// What a Map's fields are evaluated against: the effective input (JSONPath) or `$states`
/// (JSONata).
#[derive(Debug, Clone, Copy)]
enum Query<'v> {
    JsonPath(&'v Value),
    Jsonata(&'v Value),
}

/// A Map's settings and iterations, as the state evaluates them before it runs them.
struct MapSettings {
    /// How many iterations it has (items, or batches with an ItemBatcher), when its items are
    /// known.
    iterations: Option<usize>,
    tolerated_count: Option<u64>,
    tolerated_percentage: Option<f64>,
}

/// One test in progress.
#[derive(Debug)]
struct Run<'a> {
    state: &'a State,
    input: Value,
    context: Value,
    variables: serde_json::Map<String, Value>,
    /// Variables the state assigns; they take effect when it exits.
    assigned: Option<serde_json::Map<String, Value>>,
    /// Whether `inspectionData.variables` is worth reporting (some were given or assigned).
    show_variables: bool,
    configuration: Configuration,
    inspection: Inspection,
    now: OffsetDateTime,
}

impl<'a> Run<'a> {
    fn roots<'v>(&'v self, input: &'v Value) -> Roots<'v> {
        Roots::new(input, &self.context).with_variables(&self.variables)
    }

    fn next(&self) -> Option<String> {
        match &self.state.transition {
            Some(Transition::Next(name)) => Some(name.clone()),
            _ => None,
        }
    }

    // ----- outcomes -----

    fn succeeded(mut self, output: Value, next: Option<String>) -> Outcome {
        self.apply_assignment();
        Outcome {
            status: Status::Succeeded,
            output: Some(output),
            error: None,
            cause: None,
            next_state: next,
            inspection: self.inspection,
        }
    }

    fn conclude_finished(self, finished: Result<(Value, Option<String>), Failure>) -> Outcome {
        match finished {
            Ok((output, next)) => self.succeeded(output, next),
            Err(failure) => self.failed(failure),
        }
    }

    fn apply_assignment(&mut self) {
        if let Some(assigned) = self.assigned.take() {
            self.variables.extend(assigned);
            self.show_variables = true;
        }
        if self.show_variables {
            self.inspection.variables = Some(Value::Object(self.variables.clone()));
        }
    }

    /// Retry first (only the first matching retrier counts), then Catch, else a failure.
    fn failed(mut self, failure: Failure) -> Outcome {
        let (retriers, catchers) = self.state.kind.handlers();
        let mut details = ErrorDetails::default();
        if let Some(index) = errors::matching_retrier(retriers, &failure.error) {
            details.retry_index = Some(index);
            let retrier = &retriers[index];
            if self.configuration.retrier_retry_count < retrier.max_attempts {
                details.retry_backoff_interval_seconds =
                    Some(backoff(retrier, self.configuration.retrier_retry_count));
                return self.errored(Status::Retriable, failure, details, None);
            }
        }
        let catcher = catchers
            .iter()
            .position(|c| errors::any_matches(&failure.error, &c.error_equals));
        if let Some(index) = catcher {
            details.catch_index = Some(index);
            let catcher = &catchers[index];
            return match self.caught(catcher, &failure) {
                Ok(output) => {
                    self.apply_assignment();
                    let next = Some(catcher.next.clone());
                    self.errored(Status::CaughtError, failure, details, Some((output, next)))
                }
                Err(again) => self.errored(Status::Failed, again, details, None),
            };
        }
        self.errored(Status::Failed, failure, details, None)
    }

    fn errored(
        mut self,
        status: Status,
        failure: Failure,
        details: ErrorDetails,
        caught: Option<(Value, Option<String>)>,
    ) -> Outcome {
        if details != ErrorDetails::default() {
            self.inspection.error_details = Some(details);
        }
        let (output, next_state) = caught.unzip();
        let present = |text: String| (!text.is_empty()).then_some(text);
        Outcome {
            status,
            output,
            error: present(failure.error),
            cause: present(failure.cause),
            next_state: next_state.flatten(),
            inspection: self.inspection,
        }
    }

    /// A catcher's output: the error output placed by its ResultPath (JSONPath) or its Output
    /// (JSONata); its Assign sees the error output.
    fn caught(&mut self, catcher: &Catcher, failure: &Failure) -> Result<Value, Failure> {
        let error_output = errors::error_output(&failure.error, &failure.cause);
        match &self.state.data_flow {
            DataFlow::JsonPath(_) => {
                self.assign(catcher.assign.as_ref(), &error_output)?;
                payload::result_path(&catcher.result_path, &self.input, error_output)
            }
            DataFlow::Jsonata(_) => {
                let states = self.states(Some(("errorOutput", &error_output)));
                let assign = catcher.assign.as_ref();
                self.jsonata_output(catcher.output.as_ref(), assign, &states, error_output)
            }
        }
    }

    /// An `Assign` template, evaluated now (against the variables as the state found them) and
    /// applied when the state exits. A JSONPath template sees `input` as `$`.
    fn assign(&mut self, template: Option<&Template>, input: &Value) -> Result<(), Failure> {
        self.assigned = match template {
            None => return Ok(()),
            Some(Template::JsonPath(payload)) => Some(flow::assign_json_path(
                payload,
                &self.roots(input),
                &mut Env,
            )?),
            Some(Template::Jsonata(template)) => {
                let states = flow::states(input, &self.context, None);
                Some(flow::assign_jsonata(template, &self.scope(&states)).map_err(flow_failure)?)
            }
        };
        Ok(())
    }

    fn assign_jsonata(
        &mut self,
        template: &JsonataTemplate,
        states: &Value,
    ) -> Result<(), Failure> {
        let assigned = flow::assign_jsonata(template, &self.scope(states));
        self.assigned = Some(assigned.map_err(flow_failure)?);
        Ok(())
    }

    // ----- JSONPath -----

    fn json_path(&mut self, flow: &JsonPathFlow, mock: Option<Mock>) -> Result<Step<'a>, Stop> {
        let state = self.state;
        let finished = match &state.kind {
            StateKind::Pass(pass) => self.pass(flow, pass)?,
            StateKind::Task(task) => {
                let parameters = self.effective_input(flow)?;
                match mock {
                    None => {
                        check_at_run_time(&task.resource, &parameters, QueryLanguage::JsonPath)?;
                        return Ok(Step::Call(&task.resource, parameters));
                    }
                    Some(mock) => self.task_result(mocked(mock)?)?,
                }
            }
            StateKind::Choice(rules) => {
                let selected = self.after_input_path(flow)?;
                let decision = choice::decide(rules, &self.roots(&selected))?;
                let assign = match &decision {
                    Decision::Rule(rule) => rule.assign.clone(),
                    Decision::Default(_) => flow.assign.clone().map(Template::JsonPath),
                };
                self.assign(assign.as_ref(), &selected)?;
                let output = payload::output_path(&flow.output_path, &self.roots(&selected))?;
                (output, Some(decision.next().to_owned()))
            }
            StateKind::Wait(_) | StateKind::Succeed => {
                let selected = self.after_input_path(flow)?;
                let assign = flow.assign.clone().map(Template::JsonPath);
                self.assign(assign.as_ref(), &selected)?;
                let output = payload::output_path(&flow.output_path, &self.roots(&selected))?;
                (output, self.next())
            }
            StateKind::Fail(fail) => {
                self.after_input_path(flow)?;
                return Err(self.fail(fail, None).into());
            }
            StateKind::Parallel(_) => {
                let result = mocked(required(mock)?)?;
                self.finish_json_path(flow, result)?
            }
            StateKind::Map(map) => {
                let selected = self.after_input_path(flow)?;
                let items = self.items_json_path(map, &selected)?;
                self.inspection.after_items_path = items.clone();
                let mut settings =
                    self.map_settings(map, Query::JsonPath(&selected), items.as_ref())?;
                if let Some(Value::Array(items)) = items {
                    let query = Query::JsonPath(&selected);
                    settings.iterations = Some(self.iterations(map, items, query)?);
                }
                let result = self.map_result(&settings, mock)?;
                self.finish_json_path(flow, result)?
            }
        };
        Ok(Step::Finished(finished.0, finished.1))
    }

    fn after_input_path(&mut self, flow: &JsonPathFlow) -> Result<Value, Failure> {
        let selected = payload::input_path(&flow.input_path, &self.roots(&self.input))?;
        self.inspection.after_input_path = Some(selected.clone());
        Ok(selected)
    }

    /// InputPath and Parameters, each value kept for `inspectionData`.
    fn effective_input(&mut self, flow: &JsonPathFlow) -> Result<Value, Failure> {
        let roots = Roots::new(&self.input, &self.context).with_variables(&self.variables);
        let inspection = &mut self.inspection;
        let mut seen = |stage, value: &Value| inspection.saw(stage, value);
        payload::effective_input_seen(flow, &roots, &mut Env, &mut seen)
    }

    /// A Pass state: its `Result`, else its effective input (AWS reports InputPath and
    /// Parameters only for the latter).
    fn pass(
        &mut self,
        flow: &JsonPathFlow,
        pass: &Pass,
    ) -> Result<(Value, Option<String>), Failure> {
        let result = match &pass.result {
            Some(result) => {
                self.inspection.result = Some(result.clone());
                result.clone()
            }
            None => self.effective_input(flow)?,
        };
        self.finish_json_path(flow, result)
    }

    /// `Assign` (it sees the result), then ResultSelector, ResultPath and OutputPath.
    fn finish_json_path(
        &mut self,
        flow: &JsonPathFlow,
        result: Value,
    ) -> Result<(Value, Option<String>), Failure> {
        let assign = flow.assign.clone().map(Template::JsonPath);
        self.assign(assign.as_ref(), &result)?;
        let roots = Roots::new(&self.input, &self.context).with_variables(&self.variables);
        let inspection = &mut self.inspection;
        let mut seen = |stage, value: &Value| inspection.saw(stage, value);
        let output = payload::state_output_seen(flow, &roots, result, &mut Env, &mut seen)?;
        Ok((output, self.next()))
    }

    /// A Task's result, mocked or returned by its resource.
    fn task_result(&mut self, result: Value) -> Result<(Value, Option<String>), Failure> {
        self.inspection.result = Some(result.clone());
        match &self.state.data_flow {
            DataFlow::JsonPath(flow) => self.finish_json_path(flow, result),
            DataFlow::Jsonata(flow) => self.finish_jsonata(flow, result),
        }
    }

    /// A Fail state's error and cause; `states` is `$states` when it is written in JSONata.
    fn fail(&self, fail: &Fail, states: Option<&Value>) -> Failure {
        // A JSONPath state has no expressions (validation), so it needs no `$states`.
        let scope = self.scope(states.unwrap_or(&Value::Null));
        let roots = self.roots(&self.input);
        let text = |field: Option<&FailField>, name| {
            flow::fail_text(field, name, (&roots, &scope), &mut Env).map_err(flow_failure)
        };
        let error = text(fail.error.as_ref(), "Error");
        let cause = text(fail.cause.as_ref(), "Cause");
        flow::fail_failure(error, cause).unwrap_or_else(|failure| failure)
    }

    /// A JSONPath Map's items: `ItemsPath` into the effective input, or what the ItemReader
    /// would read. `None` when an ItemReader has no test data.
    fn items_json_path(&self, map: &Map, selected: &Value) -> Result<Option<Value>, Failure> {
        if map.item_reader.is_some() {
            return Ok(self.configuration.map_item_reader_data.clone());
        }
        let (items, shown) = match &map.items {
            None => (selected, "$".to_owned()),
            Some(MapItems::Path(path)) => {
                let found = path
                    .get(&self.roots(selected))
                    .map_err(|e| Failure::runtime(e.to_string()))?;
                (found, shown_path(path))
            }
            Some(MapItems::Jsonata(_)) => {
                return Err(Failure::runtime(
                    "Items is a JSONata field; this state is written in JSONPath",
                ));
            }
        };
        if !items.is_array() {
            return Err(Failure::runtime(format!(
                "Reference path \"{shown}\" must point to array."
            )));
        }
        Ok(Some(items.clone()))
    }

    /// A Map's settings, read as an execution reads them; each kept for `inspectionData`.
    fn map_settings(
        &mut self,
        map: &Map,
        query: Query<'_>,
        items: Option<&Value>,
    ) -> Result<MapSettings, Failure> {
        let (roots, scope) = self.setting_inputs(query);
        let inputs = (&roots, &scope);
        let count = |count: Option<&Count<u64>>, field| {
            flow::map_count(count, field, inputs).map_err(flow_failure)
        };
        let max_concurrency = count(map.max_concurrency.as_ref(), "MaxConcurrency")?;
        let tolerated_count = count(
            map.tolerated_failure_count.as_ref(),
            "ToleratedFailureCount",
        )?;
        let percentage = map.tolerated_failure_percentage.as_ref();
        let tolerated_percentage =
            flow::map_percentage(percentage, inputs).map_err(flow_failure)?;
        self.inspection.max_concurrency = Some(max_concurrency.unwrap_or(0));
        self.inspection.tolerated_failure_count = tolerated_count;
        self.inspection.tolerated_failure_percentage = tolerated_percentage;
        Ok(MapSettings {
            iterations: items.and_then(Value::as_array).map(Vec::len),
            tolerated_count,
            tolerated_percentage,
        })
    }

    /// What a Map's fields see: the effective input for `...Path` fields (JSONPath), `$states`
    /// for expressions (JSONata).
    fn setting_inputs<'v>(&'v self, query: Query<'v>) -> (Roots<'v>, Scope<'v>) {
        let (effective, states) = match query {
            Query::JsonPath(effective) => (effective, &Value::Null),
            Query::Jsonata(states) => (&self.input, states),
        };
        (self.roots(effective), self.scope(states))
    }

    /// A Map's result: the mock, unless its failed iterations exceed what the Map tolerates.
    fn map_result(&self, settings: &MapSettings, mock: Option<Mock>) -> Result<Value, Stop> {
        let failures = self.configuration.map_iteration_failure_count;
        if let (Some(failures), Some(iterations)) = (failures, settings.iterations)
            && failures > iterations as u64
        {
            return Err(Stop::Invalid(Invalid(
                "Map iteration failure count must be less than or equal to the number of Map iterations".into(),
            )));
        }
        let result = mocked(required(mock)?)?;
        let failures = failures.unwrap_or(0);
        let over_count = settings.tolerated_count.is_some_and(|t| failures > t);
        let over_percentage = match (settings.tolerated_percentage, settings.iterations) {
            (Some(tolerated), Some(iterations)) if iterations > 0 => {
                failures as f64 * 100.0 / iterations as f64 > tolerated
            }
            _ => false,
        };
        if over_count || over_percentage {
            return Err(Failure::new(
                EXCEED_TOLERATED_FAILURE_THRESHOLD,
                "The specified tolerated failure threshold was exceeded",
            )
            .into());
        }
        Ok(result)
    }

    /// A Map's iterations: its `items` after its ItemSelector and ItemBatcher,
    /// each reported when the state has it; their number.
    ///
    /// With an ItemBatcher, an iteration is a batch: `mapIterationFailureCount` and the
    /// tolerances then count batches (a guess: TestState only knows how many iterations
    /// failed, not how many items they held).
    fn iterations(
        &mut self,
        map: &Map,
        items: Vec<Value>,
        query: Query<'_>,
    ) -> Result<usize, Failure> {
        let selected = match &map.item_selector {
            None => items,
            Some(selector) => {
                let selected = items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| self.select(selector, index, item, query))
                    .collect::<Result<Vec<_>, _>>()?;
                self.inspection.after_item_selector = Some(Value::Array(selected.clone()));
                selected
            }
        };
        let Some(batcher) = &map.item_batcher else {
            return Ok(selected.len());
        };
        let limits = {
            let (roots, scope) = self.setting_inputs(query);
            let limit = |count: Option<&Count<u64>>, field| {
                flow::batch_limit(count, field, (&roots, &scope)).map_err(flow_failure)
            };
            BatchLimits {
                max_items: limit(batcher.max_items_per_batch.as_ref(), "MaxItemsPerBatch")?,
                max_bytes: limit(
                    batcher.max_input_bytes_per_batch.as_ref(),
                    "MaxInputBytesPerBatch",
                )?,
            }
        };
        let batch_input = match (&batcher.batch_input, query) {
            (None, _) => None,
            (Some(Template::JsonPath(template)), Query::JsonPath(effective)) => Some(
                payload::evaluate(template, &self.roots(effective), &mut Env)?,
            ),
            (Some(Template::Jsonata(template)), Query::Jsonata(states)) => {
                Some(self.eval_template(template, states, "BatchInput")?)
            }
            (Some(_), _) => {
                return Err(Failure::runtime(
                    "BatchInput is written in another query language than its state",
                ));
            }
        };
        let batches = batch(selected, limits, batch_input)?;
        let iterations = batches.len();
        self.inspection.after_item_batcher = Some(Value::Array(batches));
        Ok(iterations)
    }

    /// One item after the ItemSelector, which sees it as `$$.Map.Item`.
    fn select(
        &self,
        selector: &Template,
        index: usize,
        item: Value,
        query: Query<'_>,
    ) -> Result<Value, Failure> {
        let mut context = self.context.clone();
        context["Map"] = json!({ "Item": { "Index": index, "Value": item } });
        match (selector, query) {
            (Template::JsonPath(template), Query::JsonPath(effective)) => {
                let roots = Roots::new(effective, &context).with_variables(&self.variables);
                payload::evaluate(template, &roots, &mut Env)
            }
            (Template::Jsonata(template), _) => {
                let states = flow::states(&self.input, &context, None);
                self.eval_template(template, &states, "ItemSelector")
            }
            (Template::JsonPath(_), Query::Jsonata(_)) => Err(Failure::runtime(
                "ItemSelector is written in JSONPath; this state is written in JSONata",
            )),
        }
    }

    // ----- JSONata -----

    fn jsonata(&mut self, flow: &JsonataFlow, mock: Option<Mock>) -> Result<Step<'a>, Stop> {
        let states = self.states(None);
        let assign = flow.assign.clone().map(Template::Jsonata);
        let state = self.state;
        let finished = match &state.kind {
            StateKind::Pass(_) | StateKind::Wait(_) => {
                let input = self.input.clone();
                let output =
                    self.jsonata_output(flow.output.as_ref(), assign.as_ref(), &states, input)?;
                (output, self.next())
            }
            StateKind::Succeed => {
                let input = self.input.clone();
                (
                    self.jsonata_output(flow.output.as_ref(), None, &states, input)?,
                    None,
                )
            }
            StateKind::Choice(rules) => self.choose_jsonata(flow, rules, &states)?,
            StateKind::Fail(fail) => return Err(self.fail(fail, Some(&states)).into()),
            StateKind::Task(task) => {
                let arguments = match &flow.arguments {
                    Some(template) => self.eval_template(template, &states, "Arguments")?,
                    None => self.input.clone(),
                };
                self.inspection.after_arguments = Some(arguments.clone());
                match mock {
                    None => {
                        check_at_run_time(&task.resource, &arguments, QueryLanguage::Jsonata)?;
                        return Ok(Step::Call(&task.resource, arguments));
                    }
                    Some(mock) => self.task_result(mocked(mock)?)?,
                }
            }
            StateKind::Parallel(_) => {
                let result = mocked(required(mock)?)?;
                self.finish_jsonata(flow, result)?
            }
            StateKind::Map(map) => {
                let items = self.items_jsonata(map, &states)?;
                let mut settings =
                    self.map_settings(map, Query::Jsonata(&states), items.as_ref())?;
                if let Some(Value::Array(items)) = items {
                    let query = Query::Jsonata(&states);
                    settings.iterations = Some(self.iterations(map, items, query)?);
                }
                let result = self.map_result(&settings, mock)?;
                self.finish_jsonata(flow, result)?
            }
        };
        Ok(Step::Finished(finished.0, finished.1))
    }

    /// `$states` for a field: the input and context, plus `result` or `errorOutput` where the
    /// field may see them.
    fn states(&self, extra: Option<(&str, &Value)>) -> Value {
        flow::states(&self.input, &self.context, extra)
    }

    fn scope<'v>(&'v self, states: &'v Value) -> Scope<'v> {
        Scope {
            states,
            variables: &self.variables,
            now: self.now,
        }
    }

    /// Evaluates a template; `field` names it in error causes (`Output/result`).
    fn eval_template(
        &self,
        template: &JsonataTemplate,
        states: &Value,
        field: &str,
    ) -> Result<Value, Failure> {
        flow::evaluate_template(template, &self.scope(states), field).map_err(|e| e.failure())
    }

    /// `Assign`, then `Output` (or `default`), both against the same `$states`.
    fn jsonata_output(
        &mut self,
        output: Option<&JsonataTemplate>,
        assign: Option<&Template>,
        states: &Value,
        default: Value,
    ) -> Result<Value, Failure> {
        match assign {
            Some(Template::Jsonata(template)) => self.assign_jsonata(template, states)?,
            other => {
                let input = states.get("input").unwrap_or(&Value::Null).clone();
                self.assign(other, &input)?;
            }
        }
        match output {
            Some(template) => self.eval_template(template, states, "Output"),
            None => Ok(default),
        }
    }

    /// Task, Parallel and Map: `Output` and `Assign` see `$states.result`.
    fn finish_jsonata(
        &mut self,
        flow: &JsonataFlow,
        result: Value,
    ) -> Result<(Value, Option<String>), Failure> {
        let states = self.states(Some(("result", &result)));
        let assign = flow.assign.clone().map(Template::Jsonata);
        let output = self.jsonata_output(flow.output.as_ref(), assign.as_ref(), &states, result)?;
        Ok((output, self.next()))
    }

    /// The first rule whose `Condition` holds decides; its `Output` and `Assign` replace the
    /// state's, which apply on the Default path.
    fn choose_jsonata(
        &mut self,
        flow: &JsonataFlow,
        rules: &Choice,
        states: &Value,
    ) -> Result<(Value, Option<String>), Failure> {
        let roots = self.roots(&self.input);
        let decision = flow::decide_jsonata(rules, &roots, &self.scope(states));
        let decision = decision.map_err(flow_failure)?;
        let input = self.input.clone();
        let output = match decision {
            Decision::Rule(rule) => {
                let (output, assign) = (rule.output.as_ref(), rule.assign.as_ref());
                self.jsonata_output(output, assign, states, input)?
            }
            Decision::Default(_) => {
                let assign = flow.assign.clone().map(Template::Jsonata);
                self.jsonata_output(flow.output.as_ref(), assign.as_ref(), states, input)?
            }
        };
        Ok((output, Some(decision.next().to_owned())))
    }

    /// A JSONata Map's items: `Items`, what the ItemReader would read, or the input.
    fn items_jsonata(&self, map: &Map, states: &Value) -> Result<Option<Value>, Failure> {
        if map.item_reader.is_some() {
            return Ok(self.configuration.map_item_reader_data.clone());
        }
        let items = match &map.items {
            Some(MapItems::Jsonata(template)) => {
                let items = flow::map_items_jsonata(template, &self.scope(states));
                items.map_err(|e| e.failure())?
            }
            _ => self.input.clone(),
        };
        if !items.is_array() {
            return Err(Failure::runtime(format!(
                "Map state input must be an array but was: {items}"
            )));
        }
        Ok(Some(items))
    }
}

/// The back-off before the retry after `made` retries: `IntervalSeconds * BackoffRate^made`,
/// capped by `MaxDelaySeconds`, in whole seconds (full jitter draws uniformly below it).
fn backoff(retrier: &Retrier, made: u64) -> u64 {
    let seconds = errors::retry_delay_seconds(retrier, made.saturating_add(1), rand::random());
    // The delay is finite and non-negative; `as` saturates at the top of the range.
    seconds.round() as u64
}

/// A mock as the work's result or failure.
fn mocked(mock: Mock) -> Result<Value, Failure> {
    match mock {
        Mock::Result(value) => Ok(value),
        Mock::Error(failure) => Err(failure),
    }
}

/// Map and Parallel are only ever tested with a mock (the request rules see to it).
fn required(mock: Option<Mock>) -> Result<Mock, Failure> {
    mock.ok_or_else(|| Failure::runtime("This state can only be tested with a mock"))
}

/// A failure of the shared data flow as TestState reports it: an expression's with its bare
/// cause.
fn flow_failure(error: FlowError) -> Failure {
    match error {
        FlowError::Failed(failure) => failure,
        FlowError::Query(error) => error.failure(),
    }
}

/// A reference path as AWS quotes it in Map errors: relative to its root, so `$$.Execution`
/// reads `$.Execution`.
fn shown_path(path: &ReferencePath) -> String {
    match path.root() {
        Root::Context => path.source().replacen("$$", "$", 1),
        _ => path.source().to_owned(),
    }
}

#[cfg(test)]
mod tests;
