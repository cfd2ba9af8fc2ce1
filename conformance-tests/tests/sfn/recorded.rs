//! Replays the cases recorded against real AWS (`conformance-tests/cases`) that exercise the
//! control plane: `api_error` (an operation must fail with AWS's code and message),
//! `validate` (ValidateStateMachineDefinition's exact response) and `test_state` (TestState's
//! response, in snapshot form). The recordings are the truth.

use conformance_tests::snapshot::{self, Matcher};
use conformance_tests::{ACCOUNT, InProcess, REGION, cases};
use serde_json::Value;

/// Operations whose recorded control-plane cases are in scope.
const IN_SCOPE: &[&str] = &[
    "create_activity",
    "create_state_machine",
    "describe_state_machine",
    "test_state",
    "validate_state_machine_definition",
];

fn load_cases() -> Vec<Value> {
    cases::load(|case| {
        matches!(case["kind"].as_str(), Some("api_error" | "validate"))
            && IN_SCOPE.contains(&case["operation"].as_str().unwrap_or(""))
    })
}

fn pascal_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The request body: placeholders filled, and a definition given as an object sent as text.
fn request_body(case: &Value) -> String {
    let mut params = case["params"].clone();
    if let Some(definition) = params
        .get_mut("definition")
        .filter(|d| d.is_object() || d.is_array())
    {
        *definition = Value::String(definition.to_string());
    }
    params
        .to_string()
        .replace("{{sfnconf:account}}", ACCOUNT)
        .replace("{{sfnconf:region}}", REGION)
}

/// Brings a live message into the recordings' snapshot form.
fn snapshot_form(message: &str) -> String {
    message
        .replace(ACCOUNT, "111111111111")
        .replace(REGION, "<region>")
        .replace("arn:aws:", "arn:<partition>:")
}

/// Some recorded messages are LocalStack's own wording (`Error=ValueError Args=[...]`), not
/// AWS's; for those only the error code is compared.
fn message_is_from_aws(message: &str) -> bool {
    !message.starts_with("Error=")
}

async fn run(stepstone: &InProcess, case: &Value) -> Result<(), String> {
    let operation = pascal_case(case["operation"].as_str().unwrap_or_default());
    let (status, body) = stepstone.call(&operation, &request_body(case)).await;
    let expected = &case["expected"];
    if let Some(error) = expected.get("error") {
        let code = body["__type"]
            .as_str()
            .unwrap_or("")
            .rsplit('#')
            .next()
            .unwrap_or("");
        if status == 200 || code != error["code"] {
            return Err(format!("expected {}, got {status} {body}", error["code"]));
        }
        if let Some(message) = error["message"].as_str().filter(|m| message_is_from_aws(m)) {
            let actual = snapshot_form(body["message"].as_str().unwrap_or(""));
            if actual != message {
                return Err(format!(
                    "message\n  expected: {message}\n  actual:   {actual}"
                ));
            }
        }
        return Ok(());
    }
    if body != expected["response"] {
        return Err(format!(
            "response\n  expected: {}\n  actual:   {body}",
            expected["response"]
        ));
    }
    Ok(())
}

#[tokio::test]
async fn recorded_control_plane_cases_pass() {
    let cases = load_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let stepstone = InProcess::new();
        if let Err(why) = run(&stepstone, case).await {
            failures.push(format!("{}: {why}", case["id"].as_str().unwrap_or("?")));
        }
    }
    println!(
        "recorded control-plane cases: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} recorded cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Runs one recorded TestState request; the differences from AWS's response.
async fn run_test_state(stepstone: &InProcess, case: &Value) -> Result<(), String> {
    let (status, body) = stepstone.call("TestState", &request_body(case)).await;
    if !status.is_success() {
        return Err(format!("expected a response, got {status} {body}"));
    }
    let live = snapshot::snapshot_form(&body, ACCOUNT, REGION);
    let diffs = Matcher::for_case(&case["normalization"]).compare(
        &case["expected"]["response"],
        &live,
        "$",
    );
    if diffs.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = diffs.iter().map(ToString::to_string).collect();
    Err(shown.join("\n  "))
}

#[tokio::test]
async fn recorded_test_state_runs_pass() {
    let cases = cases::load(|case| case["kind"] == "test_state");
    let mut failures = Vec::new();
    for case in &cases {
        let stepstone = InProcess::new();
        if let Err(why) = run_test_state(&stepstone, case).await {
            failures.push(format!("{}: {why}", case["id"].as_str().unwrap_or("?")));
        }
    }
    println!(
        "recorded TestState runs: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} recorded TestState runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
