//! AWS Step Functions Local's mock configuration (`SFN_MOCK_CONFIG`, `MockConfigFile.json`).
//!
//! The file is parsed and validated once, at startup, so a broken file stops the server with a
//! message that points into it instead of failing some execution later. Afterwards the engine
//! asks one question: for an execution started as `<stateMachineArn>#<TestCase>`, what does the
//! n-th invocation of Task state S return?
//!
//! Format (AWS developer guide, "Configuration file for mocked service integrations"):
//!
//! ```json
//! {
//!   "StateMachines": {
//!     "<StateMachineName>": { "TestCases": { "<TestCase>": { "<StateName>": "<ResponseName>" } } }
//!   },
//!   "MockedResponses": {
//!     "<ResponseName>": {
//!       "0":   { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } },
//!       "1-2": { "Return": { "StatusCode": 200, "Payload": {} } }
//!     }
//!   }
//! }
//! ```

use crate::asl::definition::{Resource, ResourceKind};
use crate::asl::errors::Failure;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Why a mock configuration was rejected: where (a JSON pointer into the file such as
/// `/MockedResponses/MockedLambdaRetry/1-2`, `/` for the document itself, `line L, column C`
/// for a syntax error, or the file path when it cannot be read) and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct MockConfigError {
    /// Where in the file the problem is.
    pub location: String,
    /// What is wrong there.
    pub message: String,
}

/// What one mocked Task invocation produces.
#[derive(Debug, Clone, PartialEq)]
pub enum MockedResult {
    /// The service API's response, used in place of calling the service; any JSON value, not
    /// checked against the real API's shape (AWS: "Step Functions Local doesn't enforce the
    /// mocks to be the same as the real APIs").
    Return(Value),
    /// The task fails with this error and cause, seen by Retry and Catch like a real failure.
    Throw {
        /// The error name (e.g. `Lambda.TimeoutException`).
        error: String,
        /// The human-readable cause.
        cause: String,
    },
}

/// One named entry of `MockedResponses`: the results of a mocked state's successive
/// invocations.
#[derive(Debug)]
pub struct MockedResponse {
    name: String,
    /// Sorted, and covering invocations `0..=last` of the final entry without gaps or overlaps
    /// (validated at load), so a lookup is a binary search on `last`.
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    last: usize,
    result: MockedResult,
}

impl MockedResponse {
    /// The name under which the response is defined in `MockedResponses`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The result of the state's `invocation`-th call (0-based; every retry and every later
    /// visit to the state in the same execution is the next invocation). `None` past the last
    /// defined invocation: AWS's guide says the execution then fails ("If you do not specify a
    /// mocked response for a specific retry attempt ... the state machine execution will
    /// fail"); the last result is not repeated.
    pub fn result(&self, invocation: usize) -> Option<&MockedResult> {
        let index = self
            .entries
            .partition_point(|entry| entry.last < invocation);
        self.entries.get(index).map(|entry| &entry.result)
    }

    /// How many invocations have a result: invocations `0..invocations()` are covered.
    pub fn invocations(&self) -> usize {
        self.entries
            .last()
            .map_or(0, |entry| entry.last.saturating_add(1))
    }
}

/// One test case of one state machine: which Task states are mocked, and with what.
#[derive(Debug)]
pub struct TestCase {
    states: HashMap<String, Arc<MockedResponse>>,
}

impl TestCase {
    /// The mocked response for the Task state named `state_name` (Task states nested in Map and
    /// Parallel states included; state names are unique across a whole definition). `None`
    /// means the state is not mocked in this test case and calls its integration as usual
    /// (AWS calls such test cases "hybrid").
    pub fn mocked_response(&self, state_name: &str) -> Option<&MockedResponse> {
        self.states.get(state_name).map(Arc::as_ref)
    }
}

/// One execution's use of its test case: counts the invocations of each mocked Task state, so a
/// retry or a later visit to the state gets the next result. Invocations of a Map's concurrent
/// iterations share one counter per state, as in Step Functions Local.
#[derive(Debug)]
pub struct MockedRun {
    test_case: Arc<TestCase>,
    invocations: HashMap<String, usize>,
}

impl MockedRun {
    /// A run of `test_case` in which no state has been invoked yet.
    pub fn new(test_case: Arc<TestCase>) -> Self {
        MockedRun {
            test_case,
            invocations: HashMap::new(),
        }
    }

    /// Invokes the Task state `state` (whose resource is `resource`): its next mocked result as
    /// the task's result, or `None` when the test case does not mock the state and it calls its
    /// integration as usual. A state invoked more often than its mocked response covers fails
    /// with `States.Runtime`, which neither Retry nor Catch (`States.ALL`) handle, so the
    /// execution fails as in Step Functions Local.
    pub fn invoke(&mut self, state: &str, resource: &Resource) -> Option<Result<Value, Failure>> {
        let response = self.test_case.mocked_response(state)?;
        let invocation = self.invocations.entry(state.to_owned()).or_default();
        let current = *invocation;
        *invocation = current.saturating_add(1);
        Some(match response.result(current) {
            Some(MockedResult::Return(value)) => Ok(task_output(resource, value)),
            Some(MockedResult::Throw { error, cause }) => Err(Failure::new(error, cause)),
            None => Err(Failure::runtime(exhausted(state, response, current))),
        })
    }
}

/// What a mocked `Return` makes the task return. `Return` is the service API's response; a Task
/// that names a Lambda function directly (the legacy form) returns the function's result, so
/// the response's `Payload` (Step Functions Local's behaviour), or the whole value when it has
/// none.
fn task_output(resource: &Resource, value: &Value) -> Value {
    match (&resource.kind, value.get("Payload")) {
        (ResourceKind::LambdaFunction, Some(payload)) => payload.clone(),
        _ => value.clone(),
    }
}

fn exhausted(state: &str, response: &MockedResponse, invocation: usize) -> String {
    format!(
        "The mocked response '{}' for state '{state}' has no result for invocation {invocation} (invocations are counted from 0; it defines {})",
        response.name(),
        match response.invocations() {
            0 => "none".to_owned(),
            1 => "invocation 0".to_owned(),
            n => format!("invocations 0-{}", n - 1),
        }
    )
}

/// Why no test case matches a `#TestCase` suffix. Step Functions Local's exact error for this is
/// undocumented; starting such an execution must fail rather than silently run unmocked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TestCaseLookupError {
    /// `StateMachines` has no entry for the state machine's name.
    #[error("the mock configuration has no state machine named '{state_machine}'")]
    UnknownStateMachine {
        /// The state machine's name.
        state_machine: String,
    },
    /// The state machine has no test case of that name.
    #[error(
        "the mock configuration has no test case '{test_case}' for state machine '{state_machine}'"
    )]
    UnknownTestCase {
        /// The state machine's name.
        state_machine: String,
        /// The requested test case.
        test_case: String,
    },
}

/// A validated mock configuration file.
#[derive(Debug, Default)]
pub struct MockConfig {
    /// State machine name → test case name → test case.
    state_machines: HashMap<String, HashMap<String, Arc<TestCase>>>,
}

impl MockConfig {
    /// Reads and validates the file at `path`. A file that cannot be read is reported with the
    /// path as its location; callers should name the file when reporting any other error.
    pub fn load(path: &Path) -> Result<MockConfig, MockConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| MockConfigError {
            location: path.display().to_string(),
            message: format!("cannot read the mock configuration file: {err}"),
        })?;
        MockConfig::from_json(&text)
    }

    /// Parses and validates a mock configuration document; the first problem found is returned.
    pub fn from_json(text: &str) -> Result<MockConfig, MockConfigError> {
        let document: Value = serde_json::from_str(text).map_err(syntax_error)?;
        let Value::Object(root) = &document else {
            return Err(error(
                "/",
                format!(
                    "a mock configuration must be a JSON object, found {}",
                    kind(&document)
                ),
            ));
        };
        for key in root.keys() {
            if key != STATE_MACHINES && key != MOCKED_RESPONSES {
                // One paragraph of AWS's guide spells the member `MockedResponse`; every example
                // and every implementation uses `MockedResponses`, so point users at it.
                let hint = if key == "MockedResponse" {
                    " (did you mean \"MockedResponses\"?)"
                } else {
                    ""
                };
                return Err(error(
                    &pointer("", key),
                    format!(
                        "unknown member{hint}; a mock configuration has only \"{STATE_MACHINES}\" and \"{MOCKED_RESPONSES}\""
                    ),
                ));
            }
        }
        // AWS's field reference lists both as fields "that you must define".
        let responses = parse_mocked_responses(required(root, "", MOCKED_RESPONSES)?)?;
        let state_machines = parse_state_machines(required(root, "", STATE_MACHINES)?, &responses)?;
        Ok(MockConfig { state_machines })
    }

    /// The names of the test cases for the state machine named `state_machine`, sorted.
    pub fn test_case_names(&self, state_machine: &str) -> Vec<String> {
        let mut names: Vec<String> = (self.state_machines.get(state_machine))
            .map(|cases| cases.keys().cloned().collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The test case selected by `<stateMachineArn>#<test_case>` for the state machine named
    /// `state_machine` (test cases are matched by state machine *name*, not ARN).
    pub fn test_case(
        &self,
        state_machine: &str,
        test_case: &str,
    ) -> Result<Arc<TestCase>, TestCaseLookupError> {
        let test_cases = self.state_machines.get(state_machine).ok_or_else(|| {
            TestCaseLookupError::UnknownStateMachine {
                state_machine: state_machine.to_owned(),
            }
        })?;
        test_cases
            .get(test_case)
            .cloned()
            .ok_or_else(|| TestCaseLookupError::UnknownTestCase {
                state_machine: state_machine.to_owned(),
                test_case: test_case.to_owned(),
            })
    }
}

/// Splits the `stateMachineArn` given to StartExecution into the state machine's own ARN and
/// the test case after `#`, if any: `arn:...:stateMachine:Name#HappyPath` gives
/// `("arn:...:stateMachine:Name", Some("HappyPath"))`. State machine names cannot contain `#`,
/// so the first one separates; an empty suffix (`Name#`) is returned as `Some("")` so the
/// caller rejects it rather than quietly running unmocked.
pub fn split_test_case(state_machine_arn: &str) -> (&str, Option<&str>) {
    match state_machine_arn.split_once('#') {
        Some((arn, test_case)) => (arn, Some(test_case)),
        None => (state_machine_arn, None),
    }
}

const STATE_MACHINES: &str = "StateMachines";
const MOCKED_RESPONSES: &str = "MockedResponses";
const TEST_CASES: &str = "TestCases";
const RETURN: &str = "Return";
const THROW: &str = "Throw";
const ERROR: &str = "Error";
const CAUSE: &str = "Cause";

fn parse_mocked_responses(
    value: &Value,
) -> Result<HashMap<String, Arc<MockedResponse>>, MockConfigError> {
    let location = pointer("", MOCKED_RESPONSES);
    let mut responses = HashMap::new();
    for (name, response) in object(value, &location)? {
        let response_location = pointer(&location, name);
        let entries = parse_entries(object(response, &response_location)?, &response_location)?;
        let response = MockedResponse {
            name: name.clone(),
            entries,
        };
        responses.insert(name.clone(), Arc::new(response));
    }
    Ok(responses)
}

/// An invocation key with its entry, before the keys are checked against each other.
struct KeyedEntry<'a> {
    key: &'a str,
    first: usize,
    last: usize,
    result: MockedResult,
}

/// Parses one mocked response's entries and checks that its keys cover invocations `0..=n`
/// exactly once: AWS's guide requires "consecutive attempt numbers", and a gap or overlap is a
/// mistake that would otherwise surface only as a puzzling execution failure. A response with
/// no keys at all is accepted: Step Functions Local only fails an execution when a state using
/// it is entered, and generated mock files produce such empty entries for unused paths.
fn parse_entries(
    response: &Map<String, Value>,
    location: &str,
) -> Result<Vec<Entry>, MockConfigError> {
    let mut keyed = Vec::with_capacity(response.len());
    for (key, entry) in response {
        let entry_location = pointer(location, key);
        let (first, last) =
            parse_invocation_key(key).map_err(|message| error(&entry_location, message))?;
        let result = parse_result(entry, &entry_location)?;
        keyed.push(KeyedEntry {
            key,
            first,
            last,
            result,
        });
    }
    keyed.sort_by_key(|entry| entry.first);

    // The previous key and the last invocation it covers.
    let mut previous: Option<(&str, usize)> = None;
    for entry in &keyed {
        let entry_location = pointer(location, entry.key);
        // The first invocation not yet covered; `None` once `usize::MAX` is covered.
        let expected = previous.map_or(Some(0), |(_, last)| last.checked_add(1));
        match previous {
            _ if Some(entry.first) == expected => {}
            None => {
                return Err(error(
                    &entry_location,
                    format!(
                        "invocation numbers start at 0, but the first key covers invocation {}",
                        entry.first
                    ),
                ));
            }
            Some((previous_key, previous_last)) if entry.first > previous_last => {
                return Err(error(
                    &entry_location,
                    format!(
                        "invocation {} has no response: \"{previous_key}\" ends at {previous_last} and this key starts at {}; keys must be consecutive",
                        previous_last + 1,
                        entry.first
                    ),
                ));
            }
            Some((previous_key, _)) => {
                return Err(error(
                    &entry_location,
                    format!(
                        "overlaps \"{previous_key}\"; each invocation must have exactly one response"
                    ),
                ));
            }
        }
        previous = Some((entry.key, entry.last));
    }
    Ok(keyed
        .into_iter()
        .map(|entry| Entry {
            last: entry.last,
            result: entry.result,
        })
        .collect())
}

/// `"N"` or the inclusive range `"N-M"` with `N <= M`, digits only.
fn parse_invocation_key(key: &str) -> Result<(usize, usize), String> {
    let invalid = || {
        format!(
            "\"{key}\" is not an invocation key; expected a non-negative integer such as \"0\" or an inclusive range such as \"1-2\""
        )
    };
    let (first, last) = key.split_once('-').unwrap_or((key, key));
    let first = parse_invocation_number(first).ok_or_else(invalid)?;
    let last = parse_invocation_number(last).ok_or_else(invalid)?;
    if first > last {
        return Err(format!(
            "the range \"{key}\" is backwards; its start must not exceed its end"
        ));
    }
    Ok((first, last))
}

fn parse_invocation_number(text: &str) -> Option<usize> {
    // `str::parse` would also accept a leading `+`.
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_result(entry: &Value, location: &str) -> Result<MockedResult, MockConfigError> {
    let entry = object(entry, location)?;
    only_members(entry, location, &[RETURN, THROW])?;
    match (entry.get(RETURN), entry.get(THROW)) {
        (Some(value), None) => Ok(MockedResult::Return(value.clone())),
        (None, Some(throw)) => parse_throw(throw, &pointer(location, THROW)),
        (Some(_), Some(_)) => Err(error(
            location,
            format!(
                "has both \"{RETURN}\" and \"{THROW}\"; an invocation either returns or throws"
            ),
        )),
        (None, None) => Err(error(
            location,
            format!("needs either \"{RETURN}\" or \"{THROW}\""),
        )),
    }
}

fn parse_throw(throw: &Value, location: &str) -> Result<MockedResult, MockConfigError> {
    let throw = object(throw, location)?;
    only_members(throw, location, &[ERROR, CAUSE])?;
    // AWS: "The value of Throw must be an object containing an Error and Cause fields with
    // string values".
    Ok(MockedResult::Throw {
        error: string(required(throw, location, ERROR)?, &pointer(location, ERROR))?,
        cause: string(required(throw, location, CAUSE)?, &pointer(location, CAUSE))?,
    })
}

fn parse_state_machines(
    value: &Value,
    responses: &HashMap<String, Arc<MockedResponse>>,
) -> Result<HashMap<String, HashMap<String, Arc<TestCase>>>, MockConfigError> {
    let location = pointer("", STATE_MACHINES);
    let mut state_machines = HashMap::new();
    for (name, state_machine) in object(value, &location)? {
        let machine_location = pointer(&location, name);
        let state_machine = object(state_machine, &machine_location)?;
        only_members(state_machine, &machine_location, &[TEST_CASES])?;
        let cases_location = pointer(&machine_location, TEST_CASES);
        let cases = object(
            required(state_machine, &machine_location, TEST_CASES)?,
            &cases_location,
        )?;
        let mut test_cases = HashMap::new();
        for (case_name, test_case) in cases {
            let case_location = pointer(&cases_location, case_name);
            let test_case = parse_test_case(test_case, &case_location, responses)?;
            test_cases.insert(case_name.clone(), Arc::new(test_case));
        }
        state_machines.insert(name.clone(), test_cases);
    }
    Ok(state_machines)
}

fn parse_test_case(
    value: &Value,
    location: &str,
    responses: &HashMap<String, Arc<MockedResponse>>,
) -> Result<TestCase, MockConfigError> {
    let mut states = HashMap::new();
    for (state, response_name) in object(value, location)? {
        let state_location = pointer(location, state);
        let response_name = string(response_name, &state_location)?;
        let response = responses.get(&response_name).ok_or_else(|| {
            error(
                &state_location,
                format!(
                    "mocked response \"{response_name}\" is not defined in /{MOCKED_RESPONSES}"
                ),
            )
        })?;
        states.insert(state.clone(), Arc::clone(response));
    }
    Ok(TestCase { states })
}

fn object<'a>(value: &'a Value, location: &str) -> Result<&'a Map<String, Value>, MockConfigError> {
    value.as_object().ok_or_else(|| {
        error(
            location,
            format!("must be a JSON object, found {}", kind(value)),
        )
    })
}

fn string(value: &Value, location: &str) -> Result<String, MockConfigError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| error(location, format!("must be a string, found {}", kind(value))))
}

fn required<'a>(
    object: &'a Map<String, Value>,
    location: &str,
    member: &str,
) -> Result<&'a Value, MockConfigError> {
    object.get(member).ok_or_else(|| {
        let location = if location.is_empty() { "/" } else { location };
        error(location, format!("missing required member \"{member}\""))
    })
}

fn only_members(
    object: &Map<String, Value>,
    location: &str,
    allowed: &[&str],
) -> Result<(), MockConfigError> {
    match object.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => {
            let expected = allowed
                .iter()
                .map(|member| format!("\"{member}\""))
                .collect::<Vec<_>>()
                .join(", ");
            Err(error(
                &pointer(location, key),
                format!("unknown member; expected one of {expected}"),
            ))
        }
        None => Ok(()),
    }
}

/// Appends `token` to the JSON pointer `parent`, escaped per RFC 6901 (state names may contain
/// `/`).
fn pointer(parent: &str, token: &str) -> String {
    format!("{parent}/{}", token.replace('~', "~0").replace('/', "~1"))
}

fn error(location: &str, message: String) -> MockConfigError {
    MockConfigError {
        location: location.to_owned(),
        message,
    }
}

fn syntax_error(err: serde_json::Error) -> MockConfigError {
    // serde_json's Display ends with " at line L column C"; the position becomes the location.
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    MockConfigError {
        location: format!("line {}, column {}", err.line(), err.column()),
        message: format!("not valid JSON: {message}"),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The example from AWS's developer guide, plus a Throw-only response and a hybrid case.
    fn aws_example() -> Value {
        json!({
            "StateMachines": {
                "LambdaSQSIntegration": {
                    "TestCases": {
                        "HappyPath": {
                            "LambdaState": "MockedLambdaSuccess",
                            "SQSState": "MockedSQSSuccess"
                        },
                        "RetryPath": {
                            "LambdaState": "MockedLambdaRetry",
                            "SQSState": "MockedSQSSuccess"
                        },
                        "HybridPath": {
                            "LambdaState": "MockedLambdaSuccess"
                        },
                        "NotReadyPath": {
                            "LambdaState": "LambdaMockedResourceNotReady"
                        }
                    }
                }
            },
            "MockedResponses": {
                "MockedLambdaSuccess": {
                    "0": {
                        "Return": {
                            "StatusCode": 200,
                            "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" }
                        }
                    }
                },
                "LambdaMockedResourceNotReady": {
                    "0": {
                        "Throw": {
                            "Error": "Lambda.ResourceNotReadyException",
                            "Cause": "Lambda resource is not ready."
                        }
                    }
                },
                "MockedSQSSuccess": {
                    "0": {
                        "Return": {
                            "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
                            "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"
                        }
                    }
                },
                "MockedLambdaRetry": {
                    "0": {
                        "Throw": {
                            "Error": "Lambda.ResourceNotReadyException",
                            "Cause": "Lambda resource is not ready."
                        }
                    },
                    "1-2": {
                        "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." }
                    },
                    "3": {
                        "Return": {
                            "StatusCode": 200,
                            "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" }
                        }
                    }
                }
            }
        })
    }

    fn config(document: &Value) -> MockConfig {
        match MockConfig::from_json(&document.to_string()) {
            Ok(config) => config,
            Err(err) => panic!("rejected: {err}"),
        }
    }

    fn rejection(document: &Value) -> MockConfigError {
        match MockConfig::from_json(&document.to_string()) {
            Ok(_) => panic!("accepted {document}"),
            Err(err) => err,
        }
    }

    fn assert_rejected(document: Value, location: &str, message: &str) {
        let err = rejection(&document);
        assert_eq!(err.location, location, "{err}");
        assert_eq!(err.message, message, "{err}");
    }

    /// A valid configuration whose only mocked response is `entries`.
    fn with_entries(entries: Value) -> Value {
        json!({
            "StateMachines": { "Machine": { "TestCases": { "Case": { "Task": "Mock" } } } },
            "MockedResponses": { "Mock": entries }
        })
    }

    fn throw(error: &str, cause: &str) -> MockedResult {
        MockedResult::Throw {
            error: error.to_owned(),
            cause: cause.to_owned(),
        }
    }

    fn test_case(config: &MockConfig, machine: &str, case: &str) -> Arc<TestCase> {
        match config.test_case(machine, case) {
            Ok(test_case) => test_case,
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn happy_path_returns_the_mocked_lambda_and_sqs_responses() {
        let config = config(&aws_example());
        let case = test_case(&config, "LambdaSQSIntegration", "HappyPath");
        let lambda = case.mocked_response("LambdaState").expect("mocked");
        assert_eq!(lambda.name(), "MockedLambdaSuccess");
        assert_eq!(
            lambda.result(0),
            Some(&MockedResult::Return(json!({
                "StatusCode": 200,
                "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" }
            })))
        );
        let sqs = case.mocked_response("SQSState").expect("mocked");
        assert_eq!(
            sqs.result(0),
            Some(&MockedResult::Return(json!({
                "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
                "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"
            })))
        );
    }

    #[test]
    fn retry_path_throws_three_times_then_returns() {
        let config = config(&aws_example());
        let case = test_case(&config, "LambdaSQSIntegration", "RetryPath");
        let lambda = case.mocked_response("LambdaState").expect("mocked");
        let not_ready = throw(
            "Lambda.ResourceNotReadyException",
            "Lambda resource is not ready.",
        );
        let timeout = throw("Lambda.TimeoutException", "Lambda timed out.");
        assert_eq!(lambda.result(0), Some(&not_ready));
        assert_eq!(lambda.result(1), Some(&timeout));
        assert_eq!(lambda.result(2), Some(&timeout));
        assert!(matches!(lambda.result(3), Some(MockedResult::Return(_))));
        assert_eq!(lambda.invocations(), 4);
    }

    #[test]
    fn invocations_past_the_last_key_have_no_result() {
        let config = config(&aws_example());
        let case = test_case(&config, "LambdaSQSIntegration", "RetryPath");
        let lambda = case.mocked_response("LambdaState").expect("mocked");
        assert_eq!(lambda.result(4), None);
        assert_eq!(lambda.result(usize::MAX), None);
    }

    #[test]
    fn throw_only_response_fails_the_first_invocation() {
        let config = config(&aws_example());
        let case = test_case(&config, "LambdaSQSIntegration", "NotReadyPath");
        let lambda = case.mocked_response("LambdaState").expect("mocked");
        assert_eq!(
            lambda.result(0),
            Some(&throw(
                "Lambda.ResourceNotReadyException",
                "Lambda resource is not ready."
            ))
        );
        assert_eq!(lambda.result(1), None);
    }

    #[test]
    fn states_missing_from_a_hybrid_test_case_are_not_mocked() {
        let config = config(&aws_example());
        let case = test_case(&config, "LambdaSQSIntegration", "HybridPath");
        assert!(case.mocked_response("LambdaState").is_some());
        assert!(case.mocked_response("SQSState").is_none());
    }

    #[test]
    fn keys_are_matched_by_number_not_by_file_order() {
        let config = config(&with_entries(json!({
            "2-5": { "Return": "late" },
            "0": { "Return": "first" },
            "1": { "Return": "second" }
        })));
        let case = test_case(&config, "Machine", "Case");
        let mock = case.mocked_response("Task").expect("mocked");
        let results: Vec<_> = (0..7).map(|n| mock.result(n).cloned()).collect();
        let value = |v: &str| Some(MockedResult::Return(json!(v)));
        assert_eq!(
            results,
            vec![
                value("first"),
                value("second"),
                value("late"),
                value("late"),
                value("late"),
                value("late"),
                None
            ]
        );
    }

    #[test]
    fn return_may_be_any_json_value() {
        let config = config(&with_entries(json!({
            "0": { "Return": null },
            "1": { "Return": [1, 2] },
            "2": { "Return": "text" }
        })));
        let case = test_case(&config, "Machine", "Case");
        let mock = case.mocked_response("Task").expect("mocked");
        assert_eq!(mock.result(0), Some(&MockedResult::Return(Value::Null)));
        assert_eq!(mock.result(1), Some(&MockedResult::Return(json!([1, 2]))));
        assert_eq!(mock.result(2), Some(&MockedResult::Return(json!("text"))));
    }

    #[test]
    fn a_response_with_no_keys_is_accepted_and_has_no_results() {
        let config = config(&with_entries(json!({})));
        let case = test_case(&config, "Machine", "Case");
        let mock = case.mocked_response("Task").expect("mocked");
        assert_eq!(mock.invocations(), 0);
        assert_eq!(mock.result(0), None);
    }

    #[test]
    fn the_largest_invocation_number_is_covered() {
        let config = config(&with_entries(json!({
            format!("0-{}", usize::MAX): { "Return": 1 }
        })));
        let case = test_case(&config, "Machine", "Case");
        let mock = case.mocked_response("Task").expect("mocked");
        assert_eq!(
            mock.result(usize::MAX),
            Some(&MockedResult::Return(json!(1)))
        );
        assert_eq!(mock.invocations(), usize::MAX);
    }

    #[test]
    fn empty_sections_are_valid() {
        let config = config(&json!({ "StateMachines": {}, "MockedResponses": {} }));
        assert!(config.test_case("Any", "Case").is_err());
    }

    #[test]
    fn unknown_state_machine_and_test_case_are_told_apart() {
        let config = config(&aws_example());
        assert_eq!(
            config.test_case("Other", "HappyPath").err(),
            Some(TestCaseLookupError::UnknownStateMachine {
                state_machine: "Other".into()
            })
        );
        let err = config.test_case("LambdaSQSIntegration", "SadPath").err();
        assert_eq!(
            err,
            Some(TestCaseLookupError::UnknownTestCase {
                state_machine: "LambdaSQSIntegration".into(),
                test_case: "SadPath".into()
            })
        );
        assert_eq!(
            err.map(|err| err.to_string()).unwrap_or_default(),
            "the mock configuration has no test case 'SadPath' for state machine 'LambdaSQSIntegration'"
        );
    }

    #[test]
    fn split_test_case_separates_the_suffix() {
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";
        assert_eq!(split_test_case(arn), (arn, None));
        assert_eq!(
            split_test_case(&format!("{arn}#HappyPath")),
            (arn, Some("HappyPath"))
        );
        assert_eq!(split_test_case(&format!("{arn}#")), (arn, Some("")));
        assert_eq!(split_test_case(&format!("{arn}#a#b")), (arn, Some("a#b")));
    }

    #[test]
    fn load_reads_a_file() {
        let path =
            std::env::temp_dir().join(format!("stepstone-mock-config-{}.json", std::process::id()));
        std::fs::write(&path, aws_example().to_string()).expect("write temp file");
        let loaded = MockConfig::load(&path);
        std::fs::remove_file(&path).expect("remove temp file");
        let config = loaded.expect("valid file");
        assert!(
            config
                .test_case("LambdaSQSIntegration", "HappyPath")
                .is_ok()
        );
    }

    #[test]
    fn load_reports_an_unreadable_file_by_path() {
        let path = Path::new("/nonexistent/stepstone/MockConfigFile.json");
        let err = MockConfig::load(path).expect_err("missing file");
        assert_eq!(err.location, "/nonexistent/stepstone/MockConfigFile.json");
        assert!(
            err.message
                .starts_with("cannot read the mock configuration file: "),
            "{err}"
        );
    }

    #[test]
    fn display_is_location_then_message() {
        let err = MockConfigError {
            location: "/MockedResponses/X/0".into(),
            message: "bad".into(),
        };
        assert_eq!(err.to_string(), "/MockedResponses/X/0: bad");
    }

    #[test]
    fn rejects_text_that_is_not_json() {
        let err = MockConfig::from_json("{\n  \"StateMachines\": {,\n}").expect_err("not JSON");
        assert_eq!(err.location, "line 2, column 21");
        assert_eq!(err.message, "not valid JSON: key must be a string");
        let err = MockConfig::from_json("").expect_err("empty");
        assert_eq!(err.location, "line 1, column 0");
        assert!(err.message.starts_with("not valid JSON: "), "{err}");
    }

    #[test]
    fn rejects_a_document_that_is_not_an_object() {
        assert_rejected(
            json!([]),
            "/",
            "a mock configuration must be a JSON object, found an array",
        );
    }

    #[test]
    fn rejects_missing_state_machines() {
        assert_rejected(
            json!({ "MockedResponses": {} }),
            "/",
            "missing required member \"StateMachines\"",
        );
    }

    #[test]
    fn rejects_missing_mocked_responses() {
        assert_rejected(
            json!({ "StateMachines": {} }),
            "/",
            "missing required member \"MockedResponses\"",
        );
    }

    #[test]
    fn rejects_unknown_top_level_members_and_hints_at_the_doc_typo() {
        assert_rejected(
            json!({ "StateMachines": {}, "MockedResponses": {}, "Extra": 1 }),
            "/Extra",
            "unknown member; a mock configuration has only \"StateMachines\" and \"MockedResponses\"",
        );
        assert_rejected(
            json!({ "StateMachines": {}, "MockedResponse": {} }),
            "/MockedResponse",
            "unknown member (did you mean \"MockedResponses\"?); a mock configuration has only \"StateMachines\" and \"MockedResponses\"",
        );
    }

    #[test]
    fn rejects_sections_of_the_wrong_type() {
        assert_rejected(
            json!({ "StateMachines": [], "MockedResponses": {} }),
            "/StateMachines",
            "must be a JSON object, found an array",
        );
        assert_rejected(
            json!({ "StateMachines": {}, "MockedResponses": { "Mock": [] } }),
            "/MockedResponses/Mock",
            "must be a JSON object, found an array",
        );
        assert_rejected(
            json!({ "StateMachines": { "Machine": "x" }, "MockedResponses": {} }),
            "/StateMachines/Machine",
            "must be a JSON object, found a string",
        );
        assert_rejected(
            json!({ "StateMachines": { "Machine": { "TestCases": { "Case": 1 } } }, "MockedResponses": {} }),
            "/StateMachines/Machine/TestCases/Case",
            "must be a JSON object, found a number",
        );
    }

    #[test]
    fn rejects_a_state_machine_without_test_cases() {
        assert_rejected(
            json!({ "StateMachines": { "Machine": {} }, "MockedResponses": {} }),
            "/StateMachines/Machine",
            "missing required member \"TestCases\"",
        );
    }

    #[test]
    fn rejects_unknown_members_of_a_state_machine() {
        assert_rejected(
            json!({ "StateMachines": { "Machine": { "TestCases": {}, "Testcases": {} } }, "MockedResponses": {} }),
            "/StateMachines/Machine/Testcases",
            "unknown member; expected one of \"TestCases\"",
        );
    }

    #[test]
    fn rejects_a_test_case_naming_an_undefined_response() {
        let mut document = aws_example();
        document["StateMachines"]["LambdaSQSIntegration"]["TestCases"]["HappyPath"]["SQSState"] =
            json!("MockedSQSFailure");
        assert_rejected(
            document,
            "/StateMachines/LambdaSQSIntegration/TestCases/HappyPath/SQSState",
            "mocked response \"MockedSQSFailure\" is not defined in /MockedResponses",
        );
    }

    #[test]
    fn rejects_a_test_case_value_that_is_not_a_string() {
        assert_rejected(
            json!({ "StateMachines": { "M": { "TestCases": { "C": { "Task": { "Return": 1 } } } } }, "MockedResponses": {} }),
            "/StateMachines/M/TestCases/C/Task",
            "must be a string, found an object",
        );
    }

    #[test]
    fn locations_escape_slashes_and_tildes() {
        assert_rejected(
            json!({ "StateMachines": { "M": { "TestCases": { "C": { "a/b~c": "Missing" } } } }, "MockedResponses": {} }),
            "/StateMachines/M/TestCases/C/a~1b~0c",
            "mocked response \"Missing\" is not defined in /MockedResponses",
        );
    }

    #[test]
    fn rejects_invocation_keys_that_are_not_numbers_or_ranges() {
        for key in [
            "first",
            "-1",
            "1-",
            "-",
            "",
            " 1",
            "+1",
            "1.0",
            "1-2-3",
            "0x1",
            "99999999999999999999999",
        ] {
            let err = rejection(&with_entries(json!({ key: { "Return": 1 } })));
            assert_eq!(err.location, format!("/MockedResponses/Mock/{key}"));
            assert_eq!(
                err.message,
                format!(
                    "\"{key}\" is not an invocation key; expected a non-negative integer such as \"0\" or an inclusive range such as \"1-2\""
                )
            );
        }
    }

    #[test]
    fn rejects_backwards_ranges() {
        assert_rejected(
            with_entries(json!({ "0": { "Return": 1 }, "3-1": { "Return": 2 } })),
            "/MockedResponses/Mock/3-1",
            "the range \"3-1\" is backwards; its start must not exceed its end",
        );
    }

    #[test]
    fn rejects_keys_that_do_not_start_at_zero() {
        assert_rejected(
            with_entries(json!({ "1": { "Return": 1 }, "2": { "Return": 2 } })),
            "/MockedResponses/Mock/1",
            "invocation numbers start at 0, but the first key covers invocation 1",
        );
    }

    #[test]
    fn rejects_gaps_between_keys() {
        assert_rejected(
            with_entries(json!({ "0-1": { "Return": 1 }, "3": { "Return": 2 } })),
            "/MockedResponses/Mock/3",
            "invocation 2 has no response: \"0-1\" ends at 1 and this key starts at 3; keys must be consecutive",
        );
    }

    #[test]
    fn rejects_overlapping_keys() {
        assert_rejected(
            with_entries(
                json!({ "0": { "Return": 0 }, "1-2": { "Return": 1 }, "2": { "Return": 2 } }),
            ),
            "/MockedResponses/Mock/2",
            "overlaps \"1-2\"; each invocation must have exactly one response",
        );
        assert_rejected(
            with_entries(json!({ "0": { "Return": 0 }, "00": { "Return": 1 } })),
            "/MockedResponses/Mock/00",
            "overlaps \"0\"; each invocation must have exactly one response",
        );
        assert_rejected(
            with_entries(json!({
                format!("0-{}", usize::MAX): { "Return": 0 },
                format!("{}", usize::MAX): { "Return": 1 }
            })),
            &format!("/MockedResponses/Mock/{}", usize::MAX),
            &format!(
                "overlaps \"0-{}\"; each invocation must have exactly one response",
                usize::MAX
            ),
        );
    }

    #[test]
    fn rejects_an_entry_that_is_not_an_object() {
        assert_rejected(
            with_entries(json!({ "0": "Return" })),
            "/MockedResponses/Mock/0",
            "must be a JSON object, found a string",
        );
    }

    #[test]
    fn rejects_an_entry_with_both_return_and_throw() {
        assert_rejected(
            with_entries(json!({ "0": { "Return": 1, "Throw": { "Error": "E", "Cause": "C" } } })),
            "/MockedResponses/Mock/0",
            "has both \"Return\" and \"Throw\"; an invocation either returns or throws",
        );
    }

    #[test]
    fn rejects_an_entry_with_neither_return_nor_throw() {
        assert_rejected(
            with_entries(json!({ "0": {} })),
            "/MockedResponses/Mock/0",
            "needs either \"Return\" or \"Throw\"",
        );
    }

    #[test]
    fn rejects_unknown_members_of_an_entry() {
        assert_rejected(
            with_entries(json!({ "0": { "Retrun": 1 } })),
            "/MockedResponses/Mock/0/Retrun",
            "unknown member; expected one of \"Return\", \"Throw\"",
        );
    }

    #[test]
    fn rejects_a_throw_that_is_not_an_object() {
        assert_rejected(
            with_entries(json!({ "0": { "Throw": "Lambda.TimeoutException" } })),
            "/MockedResponses/Mock/0/Throw",
            "must be a JSON object, found a string",
        );
    }

    #[test]
    fn rejects_a_throw_without_error() {
        assert_rejected(
            with_entries(json!({ "0": { "Throw": { "Cause": "Lambda timed out." } } })),
            "/MockedResponses/Mock/0/Throw",
            "missing required member \"Error\"",
        );
    }

    #[test]
    fn rejects_a_throw_without_cause() {
        assert_rejected(
            with_entries(json!({ "0": { "Throw": { "Error": "Lambda.TimeoutException" } } })),
            "/MockedResponses/Mock/0/Throw",
            "missing required member \"Cause\"",
        );
    }

    #[test]
    fn rejects_a_throw_with_non_string_fields() {
        assert_rejected(
            with_entries(json!({ "0": { "Throw": { "Error": 500, "Cause": "c" } } })),
            "/MockedResponses/Mock/0/Throw/Error",
            "must be a string, found a number",
        );
        assert_rejected(
            with_entries(json!({ "0": { "Throw": { "Error": "E", "Cause": null } } })),
            "/MockedResponses/Mock/0/Throw/Cause",
            "must be a string, found null",
        );
    }

    #[test]
    fn rejects_unknown_members_of_a_throw() {
        assert_rejected(
            with_entries(
                json!({ "0": { "Throw": { "Error": "E", "Cause": "C", "Message": "M" } } }),
            ),
            "/MockedResponses/Mock/0/Throw/Message",
            "unknown member; expected one of \"Error\", \"Cause\"",
        );
    }

    #[test]
    fn unused_responses_are_still_validated() {
        let mut document = aws_example();
        document["MockedResponses"]["Unused"] = json!({ "0": {} });
        assert_rejected(
            document,
            "/MockedResponses/Unused/0",
            "needs either \"Return\" or \"Throw\"",
        );
    }

    fn resource(kind: ResourceKind) -> Resource {
        Resource {
            arn: "arn:aws:states:::lambda:invoke".into(),
            kind,
        }
    }

    fn lambda_invoke() -> Resource {
        resource(ResourceKind::Integration {
            service: "lambda".into(),
            action: "invoke".into(),
            pattern: crate::asl::definition::IntegrationPattern::RequestResponse,
        })
    }

    #[test]
    fn a_run_counts_invocations_per_state_through_retries() {
        let config = config(&aws_example());
        let mut run = MockedRun::new(test_case(&config, "LambdaSQSIntegration", "RetryPath"));
        let lambda = lambda_invoke();
        let errors: Vec<_> = (0..3)
            .map(|_| match run.invoke("LambdaState", &lambda) {
                Some(Err(failure)) => failure.error,
                other => panic!("expected a thrown error, got {other:?}"),
            })
            .collect();
        assert_eq!(
            errors,
            [
                "Lambda.ResourceNotReadyException",
                "Lambda.TimeoutException",
                "Lambda.TimeoutException"
            ]
        );
        let output = run.invoke("LambdaState", &lambda);
        assert_eq!(
            output,
            Some(Ok(json!({
                "StatusCode": 200,
                "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" }
            })))
        );
        // Another state's count starts at 0.
        assert!(matches!(run.invoke("SQSState", &lambda), Some(Ok(_))));
    }

    #[test]
    fn a_run_leaves_unmocked_states_to_their_integration() {
        let config = config(&aws_example());
        let mut run = MockedRun::new(test_case(&config, "LambdaSQSIntegration", "HybridPath"));
        assert_eq!(run.invoke("SQSState", &lambda_invoke()), None);
        assert_eq!(run.invoke("NoSuchState", &lambda_invoke()), None);
    }

    #[test]
    fn a_run_fails_a_state_invoked_past_its_mocked_response() {
        let config = config(&aws_example());
        let mut run = MockedRun::new(test_case(&config, "LambdaSQSIntegration", "HappyPath"));
        assert!(matches!(
            run.invoke("LambdaState", &lambda_invoke()),
            Some(Ok(_))
        ));
        assert_eq!(
            run.invoke("LambdaState", &lambda_invoke()),
            Some(Err(Failure::runtime(
                "The mocked response 'MockedLambdaSuccess' for state 'LambdaState' has no result for invocation 1 (invocations are counted from 0; it defines invocation 0)"
            )))
        );
    }

    #[test]
    fn a_run_of_an_empty_response_fails_at_once() {
        let config = config(&with_entries(json!({})));
        let mut run = MockedRun::new(test_case(&config, "Machine", "Case"));
        assert_eq!(
            run.invoke("Task", &lambda_invoke()),
            Some(Err(Failure::runtime(
                "The mocked response 'Mock' for state 'Task' has no result for invocation 0 (invocations are counted from 0; it defines none)"
            )))
        );
    }

    #[test]
    fn a_legacy_lambda_task_returns_the_mocked_payload() {
        let config = config(&aws_example());
        let mut run = MockedRun::new(test_case(&config, "LambdaSQSIntegration", "HappyPath"));
        let legacy = resource(ResourceKind::LambdaFunction);
        assert_eq!(
            run.invoke("LambdaState", &legacy),
            Some(Ok(
                json!({ "StatusCode": 200, "body": "Hello from Lambda!" })
            ))
        );
        let config = config_with_return(json!({ "greeting": "hi" }));
        let mut run = MockedRun::new(test_case(&config, "Machine", "Case"));
        assert_eq!(
            run.invoke("Task", &legacy),
            Some(Ok(json!({ "greeting": "hi" })))
        );
    }

    fn config_with_return(value: Value) -> MockConfig {
        config(&with_entries(json!({ "0": { "Return": value } })))
    }
}
