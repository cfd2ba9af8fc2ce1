//! Replays the executions recorded against real AWS (`kind` `execution` and `sync_execution` in
//! `conformance-tests/cases`), the way the reference runner `run_cases.py` does: create the
//! state machine, run it, bring the live result and history into snapshot form and compare them
//! with the recording.
//!
//! The engine is still being built, so this is a ratchet rather than an all-must-pass test:
//! `recorded-executions-passing.txt` lists the cases known to pass, and the test fails only when
//! one of those stops passing. `STEPSTONE_UPDATE_PASSING=1` rewrites the list from the current
//! run; `STEPSTONE_SHOW_DIFFS=1` prints the differences of the first failing cases.
//!
//! Lambda functions in a case's setup are created with the reference runner's handler code and
//! run for real; SQS queues are created in the SQS fake, their URLs standing in for
//! `{{sfnconf:<id>.url}}`. Out of scope for now (counted as skipped): cases that need the other
//! service fakes (other setup resources or calls, other Task resources) and cases that would
//! wait on the wall clock for seconds.

#![allow(
    clippy::disallowed_methods,
    reason = "recordings' relative times are shifted to the wall clock, and real functions run in real time"
)]

use aws_sdk_sfn::error::DisplayErrorContext;
use aws_sdk_sfn::types::HistoryEventType;
use conformance_tests::cases;
use conformance_tests::snapshot::{Diff, Matcher, snapshot_form};
use conformance_tests::{ACCOUNT, InProcess, REGION, ROLE};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{SystemTime, UNIX_EPOCH};
use stepstone::config::Config;

/// The ids of the cases known to pass, one per line, sorted.
const PASSING_LIST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/recorded-executions-passing.txt"
);

/// Scheduler turns an execution gets to make progress before the manual clock moves on (or,
/// once the clock has moved as far as any case in scope waits, before it counts as not
/// finishing). Executions run on this test's runtime and the corpus's need a few turns.
const MAX_POLLS: usize = 200;

/// Synchronous (express) cases that run functions run in real time: those whose Wait states and
/// retry back-off could add up to more than this many seconds are skipped.
const LONG_WAIT_SECONDS: f64 = 2.0;

/// How far (in seconds, one at a time) the manual clock moves an execution that waits before it
/// counts as not finishing: well past [`LONG_WAIT_SECONDS`], since paths and JSONata only tell
/// their waits at run time.
const MAX_CLOCK_SECONDS: usize = 120;

/// How long a case that runs Lambda functions (real processes, cold starts included) may take.
const LAMBDA_CASE_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Handler code for the Lambda behaviours the corpus names, after `run_cases.py`, with the
/// raising lines where the recorded stack traces have them.
const LAMBDA_CODE: &[(&str, &str)] = &[
    (
        "identity",
        "def handler(event, context):\n    return event\n",
    ),
    (
        "return_hello_world_object",
        "def handler(event, context):\n    return {'Return': 'HelloWorld'}\n",
    ),
    (
        "return_bytes_json_string",
        "def handler(event, context):\n    return b'\"HelloWorld!\"'\n",
    ),
    (
        "return_decorated_input",
        "def handler(event, context):\n    return 'input-event-' + str(event)\n",
    ),
    (
        "raise_exception",
        "def handler(event, context):\n    raise Exception(\"Some exception was raised.\")\n",
    ),
    (
        "raise_custom_exception",
        "class CustomException(Exception):\n    message: str\n\n    def __init__(self):\n        self.message = \"CustomException message\"\n\n\ndef handler(event, context):\n    raise CustomException()\n",
    ),
    (
        "large_output_string",
        "def handler(event, context):\n    return ('a' * (257 * 1024)).encode('utf-8')\n",
    ),
    (
        SLEEPING_FUNCTION,
        "import time\n\n\ndef handler(event, context):\n    time.sleep(60)\n    return event\n",
    ),
];

/// The behaviour of a function that outlives the Task calling it: its cases are about the
/// Task's own timeout.
const SLEEPING_FUNCTION: &str = "sleep_60_then_identity";

/// GetExecutionHistory pages (of 1000 events) before the paging counts as endless.
const MAX_HISTORY_PAGES: usize = 100;

/// Failing cases whose differences `STEPSTONE_SHOW_DIFFS=1` prints.
const SHOWN_FAILURES: usize = 40;

/// Differences printed per case.
const SHOWN_DIFFS: usize = 5;

#[derive(Debug)]
enum Outcome {
    Passed,
    Failed(Vec<Diff>),
    Skipped(String),
}

#[tokio::test]
async fn recorded_executions_keep_passing() {
    let cases =
        cases::load(|case| matches!(case["kind"].as_str(), Some("execution" | "sync_execution")));
    let mut results = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        let outcome = match out_of_scope(case, SystemTime::now()) {
            Some(reason) => Outcome::Skipped(reason.to_owned()),
            None => run(case, &format!("{i:06}")).await,
        };
        results.push((case, outcome));
    }
    report(&results);
    hold_the_ratchet(&results);
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| v == "1")
}

fn id(case: &Value) -> &str {
    case["id"].as_str().unwrap_or("?")
}

/// Why a case cannot run yet, if it cannot.
fn out_of_scope(case: &Value, now: SystemTime) -> Option<&'static str> {
    let calls = case["setup"]["calls"].as_array().into_iter().flatten();
    if !calls.into_iter().all(is_served_call) {
        return Some("setup calls other than SNS's delete_topic (service fakes come later)");
    }
    for resource in case["setup"]["resources"].as_array().into_iter().flatten() {
        if matches!(
            resource["type"].as_str(),
            Some("state_machine" | "sqs_queue" | "sns_topic")
        ) {
            continue;
        }
        if resource["type"] != "lambda_function" {
            return Some(
                "setup resources other than Lambda functions, state machines, SQS queues and SNS topics (service fakes come later)",
            );
        }
        if lambda_code(resource).is_none() {
            return Some("a Lambda behaviour with no handler code here");
        }
    }
    let definition = definition(case);
    let mut resources = Vec::new();
    collect_resources(&definition, &mut resources);
    if !resources.iter().all(|r| is_served_resource(r)) {
        return Some("Task resource (service integrations come later)");
    }
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let limit = match pace_of(case) {
        Pace::RealTime => LONG_WAIT_SECONDS,
        Pace::Manual | Pace::BetweenCalls => MAX_CLOCK_SECONDS as f64,
    };
    if wait_seconds(&definition, now) > limit {
        return Some("long wait (longer than the runner moves the clock)");
    }
    None
}

/// How a case's time passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pace {
    /// On the manual clock, moved a second at a time whenever the execution can only wait.
    Manual,
    /// On the manual clock, moved only while no call (Task, function, activity) is in flight,
    /// so function processes run in real time while Waits and back-offs cost none.
    BetweenCalls,
    /// In real time: cases that run functions where the calls do not show in the execution's
    /// own history (synchronous executions keep none; Distributed Map children keep their own).
    RealTime,
}

fn pace_of(case: &Value) -> Pace {
    let functions = || {
        case["setup"]["resources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["type"] == "lambda_function")
    };
    // The Task times out while the function still sleeps: the clock must move during the call.
    if functions().any(|r| r["properties"]["behaviour"] == SLEEPING_FUNCTION) {
        return Pace::Manual;
    }
    let runs_code = functions().next().is_some();
    let hidden_calls =
        case["kind"] == "sync_execution" || definition(case).to_string().contains("DISTRIBUTED");
    match (runs_code, hidden_calls) {
        (false, _) => Pace::Manual,
        (true, false) => Pace::BetweenCalls,
        (true, true) => Pace::RealTime,
    }
}

/// `events` with the Distributed Map linkage AWS records today. Every recording up to June
/// 2024 has a Distributed Map's `MapStateExited` follow `MapRunSucceeded`; every one from
/// November 2024 on has it follow `MapRunStarted` (and Stepstone does that). Older cases get
/// the newer link so the rest of their history still counts.
fn todays_map_run_linkage(case: &Value, events: &[Value]) -> Vec<Value> {
    let mut events = events.to_vec();
    if recorded_year_month(case).is_none_or(|date| date >= (2024, 11)) {
        return events;
    }
    let mut run_started = None;
    for event in &mut events {
        match event["type"].as_str() {
            Some("MapRunStarted") => run_started = Some(event["id"].clone()),
            Some("MapStateExited") => {
                if let Some(id) = run_started.take() {
                    event["previousEventId"] = id;
                }
            }
            _ => {}
        }
    }
    events
}

/// `events` with the context object AWS passes today. Recordings from before redrive launched
/// (15 November 2023) show `$$.Execution` without `RedriveCount`; today every standard
/// execution's has it (0 before any redrive), and Stepstone does that. Older cases get the
/// member so the rest of their history still counts.
fn todays_context_object(case: &Value, events: &[Value]) -> Vec<Value> {
    fn add_redrive_count(value: &mut Value) {
        match value {
            Value::Object(members) => {
                let is_execution = ["Id", "Input", "Name", "RoleArn", "StartTime"]
                    .iter()
                    .all(|key| members.contains_key(*key));
                if is_execution && !members.contains_key("RedriveCount") {
                    members.insert("RedriveCount".into(), json!(0));
                }
                members.values_mut().for_each(add_redrive_count);
            }
            Value::Array(items) => items.iter_mut().for_each(add_redrive_count),
            _ => {}
        }
    }
    let mut events = events.to_vec();
    if recorded_year_month(case).is_some_and(|date| date < (2023, 11)) {
        events.iter_mut().for_each(add_redrive_count);
    }
    events
}

/// `(year, month)` of a case's `recorded_date` (`DD-MM-YYYY, hh:mm:ss`).
fn recorded_year_month(case: &Value) -> Option<(u32, u32)> {
    let date = case["recorded_date"].as_str()?;
    let mut parts = date.split([',', '-']);
    let _day = parts.next()?;
    let month = parts.next()?.trim().parse().ok()?;
    let year = parts.next()?.trim().parse().ok()?;
    Some((year, month))
}

/// The definition as a value (a case may also give it as text).
fn definition(case: &Value) -> Value {
    match &case["definition"] {
        Value::String(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// Every `Resource` of the definition (Task states, item readers, ...).
fn collect_resources(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(resource) = map.get("Resource") {
                into.push(resource.as_str().unwrap_or("<not a string>").to_owned());
            }
            map.values().for_each(|v| collect_resources(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_resources(v, into)),
        _ => {}
    }
}

/// Setup calls the runner makes: deleting an SNS topic (to record a Task's error).
fn is_served_call(call: &Value) -> bool {
    call["service"] == "sns" && call["operation"] == "delete_topic"
}

/// Task resources Stepstone serves: Lambda functions and `lambda:invoke`, nested executions,
/// `sqs:sendMessage` and `sns:publish` (not their `.waitForTaskToken`: nothing here would answer
/// the token), and the `aws-sdk` integrations of Step Functions, Lambda, SQS and SNS.
fn is_served_resource(resource: &str) -> bool {
    resource.starts_with("{{sfnconf:lambda_function")
        || resource.starts_with("arn:aws:lambda:")
        || resource == "arn:aws:states:::lambda:invoke"
        || resource == "arn:aws:states:::sqs:sendMessage"
        || resource == "arn:aws:states:::sns:publish"
        || resource.starts_with("arn:aws:states:::aws-sdk:sns:")
        || resource.starts_with("arn:aws:states:::aws-sdk:sqs:")
        || resource.starts_with("arn:aws:states:::states:startExecution")
        || resource.starts_with("arn:aws:states:::aws-sdk:sfn:")
        || resource.starts_with("arn:aws:states:::aws-sdk:lambda:")
}

/// The handler code of a `lambda_function` setup resource.
fn lambda_code(resource: &Value) -> Option<&'static str> {
    let behaviour = resource["properties"]["behaviour"].as_str()?;
    LAMBDA_CODE
        .iter()
        .find(|(name, _)| *name == behaviour)
        .map(|(_, code)| *code)
}

/// Creates the case's Lambda functions, SQS queues and state machines; the values their
/// placeholders stand for.
async fn create_resources(
    case: &Value,
    stepstone: &InProcess,
) -> Result<BTreeMap<String, String>, Outcome> {
    let lambda = stepstone.lambda();
    let mut values = BTreeMap::new();
    for resource in case["setup"]["resources"].as_array().into_iter().flatten() {
        let id = resource["id"].as_str().unwrap_or_default();
        let properties = &resource["properties"];
        if resource["type"] == "sqs_queue" {
            create_queue(stepstone, id, properties, &mut values).await?;
            continue;
        }
        if resource["type"] == "sns_topic" {
            create_topic(stepstone, id, properties, &mut values).await?;
            continue;
        }
        if resource["type"] == "state_machine" {
            let name = properties["name"].as_str().unwrap_or(id).to_owned();
            let created = stepstone
                .sfn()
                .create_state_machine()
                .name(&name)
                .definition(cases::python_json(&properties["definition"]))
                .r#type(properties["type"].as_str().unwrap_or("STANDARD").into())
                .role_arn(ROLE)
                .send()
                .await
                .map_err(|e| sdk_failure("create_state_machine", e))?;
            values.insert(format!("{id}.arn"), created.state_machine_arn);
            values.insert(format!("{id}.name"), name);
            continue;
        }
        // Every case has a server of its own: recorded names need no uid, and keep their length
        // (recorded `Content-Length` headers depend on it).
        let name = cases::fill_placeholders(
            properties["FunctionName"].as_str().unwrap_or(id),
            ACCOUNT,
            REGION,
            "",
            &values,
        )
        .map_err(|p| Outcome::Skipped(format!("unresolved placeholder {p}")))?;
        let code = lambda_code(resource).unwrap_or_default();
        let zip = conformance_tests::zip_package(&[("handler.py", code)]);
        // AWS timed the Task out while the function slept: its own limit was longer.
        let timeout = (properties["behaviour"] == SLEEPING_FUNCTION).then_some(120);
        let created = lambda
            .create_function()
            .set_timeout(timeout)
            .function_name(&name)
            .runtime(
                properties["runtime"]
                    .as_str()
                    .unwrap_or("python3.12")
                    .into(),
            )
            .role(ROLE)
            .handler("handler.handler")
            .code(
                aws_sdk_lambda::types::FunctionCode::builder()
                    .zip_file(zip.into())
                    .build(),
            )
            .send()
            .await
            .map_err(|e| {
                failure(
                    "create_function",
                    "<success>",
                    aws_sdk_lambda::error::DisplayErrorContext(&e).to_string(),
                )
            })?;
        values.insert(
            format!("{id}.arn"),
            created.function_arn().unwrap_or_default().to_owned(),
        );
        values.insert(format!("{id}.name"), name);
    }
    Ok(values)
}

/// Creates the SNS topic of setup resource `id`, named as recorded, and adds its `arn` and
/// `name` to `values`.
async fn create_topic(
    stepstone: &InProcess,
    id: &str,
    properties: &Value,
    values: &mut BTreeMap<String, String>,
) -> Result<(), Outcome> {
    let name = cases::fill_placeholders(
        properties["Name"].as_str().unwrap_or(id),
        ACCOUNT,
        REGION,
        "",
        values,
    )
    .map_err(|p| Outcome::Skipped(format!("unresolved placeholder {p}")))?;
    let created = stepstone
        .sns()
        .create_topic()
        .name(&name)
        .send()
        .await
        .map_err(|e| {
            failure(
                "create_topic",
                "<success>",
                aws_sdk_sns::error::DisplayErrorContext(&e).to_string(),
            )
        })?;
    values.insert(
        format!("{id}.arn"),
        created.topic_arn().unwrap_or_default().to_owned(),
    );
    values.insert(format!("{id}.name"), name);
    Ok(())
}

/// Makes the case's setup calls (SNS's delete_topic, see [`is_served_call`]).
async fn make_setup_calls(
    case: &Value,
    stepstone: &InProcess,
    values: &BTreeMap<String, String>,
) -> Result<(), Outcome> {
    for call in case["setup"]["calls"].as_array().into_iter().flatten() {
        let topic = cases::fill_placeholders(
            call["params"]["TopicArn"].as_str().unwrap_or_default(),
            ACCOUNT,
            REGION,
            "",
            values,
        )
        .map_err(|p| Outcome::Skipped(format!("unresolved placeholder {p}")))?;
        stepstone
            .sns()
            .delete_topic()
            .topic_arn(topic)
            .send()
            .await
            .map_err(|e| {
                failure(
                    "delete_topic",
                    "<success>",
                    aws_sdk_sns::error::DisplayErrorContext(&e).to_string(),
                )
            })?;
    }
    Ok(())
}

/// Creates the SQS queue of setup resource `id`, named as recorded (every case has a server of
/// its own), and adds its `url`, `name` and `arn` to `values`.
async fn create_queue(
    stepstone: &InProcess,
    id: &str,
    properties: &Value,
    values: &mut BTreeMap<String, String>,
) -> Result<(), Outcome> {
    let name = cases::fill_placeholders(
        properties["QueueName"].as_str().unwrap_or(id),
        ACCOUNT,
        REGION,
        "",
        values,
    )
    .map_err(|p| Outcome::Skipped(format!("unresolved placeholder {p}")))?;
    let created = stepstone
        .sqs()
        .create_queue()
        .queue_name(&name)
        .send()
        .await
        .map_err(|e| {
            failure(
                "create_queue",
                "<success>",
                aws_sdk_sqs::error::DisplayErrorContext(&e).to_string(),
            )
        })?;
    values.insert(
        format!("{id}.url"),
        created.queue_url().unwrap_or_default().to_owned(),
    );
    values.insert(
        format!("{id}.arn"),
        format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"),
    );
    values.insert(format!("{id}.name"), name);
    Ok(())
}

/// A static upper estimate of the seconds a definition spends waiting: literal `Seconds` and
/// future literal `Timestamp`s of Wait states, and every retrier's full back-off. Paths and
/// JSONata expressions are only known at run time; those cases rely on the poll bound.
fn wait_seconds(node: &Value, now: i64) -> f64 {
    match node {
        Value::Array(items) => items.iter().map(|v| wait_seconds(v, now)).sum(),
        Value::Object(map) => {
            let mut seconds = 0.0;
            if map.get("Type").and_then(Value::as_str) == Some("Wait") {
                seconds += map.get("Seconds").and_then(Value::as_f64).unwrap_or(0.0);
                if let Some(at) = map
                    .get("Timestamp")
                    .and_then(Value::as_str)
                    .and_then(cases::unix_seconds)
                {
                    seconds += (at - now).max(0) as f64;
                }
            }
            if let Some(retriers) = map.get("Retry").and_then(Value::as_array) {
                seconds += retriers.iter().map(back_off_seconds).sum::<f64>();
            }
            seconds + map.values().map(|v| wait_seconds(v, now)).sum::<f64>()
        }
        _ => 0.0,
    }
}

/// A retrier's total back-off with the ASL defaults (3 attempts, 1 s, rate 2), jitter aside.
fn back_off_seconds(retrier: &Value) -> f64 {
    // Past a few dozen attempts the total is far beyond any threshold anyway.
    let attempts = retrier["MaxAttempts"].as_u64().unwrap_or(3).min(64);
    let interval = retrier["IntervalSeconds"].as_f64().unwrap_or(1.0);
    let rate = retrier["BackoffRate"].as_f64().unwrap_or(2.0);
    let cap = retrier["MaxDelaySeconds"].as_f64().unwrap_or(f64::INFINITY);
    (0..attempts)
        .map(|k| (interval * rate.powi(k as i32)).min(cap))
        .sum()
}

async fn run(case: &Value, uid: &str) -> Outcome {
    match execute(case, uid).await {
        Ok(diffs) if diffs.is_empty() => Outcome::Passed,
        Ok(diffs) => Outcome::Failed(diffs),
        Err(outcome) => outcome,
    }
}

fn failure(path: &str, expected: impl Into<Value>, actual: impl Into<Value>) -> Outcome {
    Outcome::Failed(vec![Diff::new(path, expected, actual)])
}

fn sdk_failure<E, R>(operation: &str, err: aws_sdk_sfn::error::SdkError<E, R>) -> Outcome
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    failure(
        operation,
        "<success>",
        DisplayErrorContext(&err).to_string(),
    )
}

/// Runs one case on a fresh Stepstone; the differences from the recording, or why it stopped.
async fn execute(case: &Value, uid: &str) -> Result<Vec<Diff>, Outcome> {
    // Function processes run in real time; the manual clock, which `until_done` moves whenever
    // an execution can only wait, covers everything else.
    let pace = pace_of(case);
    let stepstone = InProcess::with_config(Config {
        manual_clock: pace != Pace::RealTime,
        ..Config::default()
    });
    let functions = create_resources(case, &stepstone).await?;
    make_setup_calls(case, &stepstone, &functions).await?;
    let fill = |text: &str| {
        cases::fill_placeholders(text, ACCOUNT, REGION, "", &functions)
            .map_err(|p| Outcome::Skipped(format!("unresolved placeholder {p}")))
    };
    let definition = match &case["definition"] {
        Value::String(text) => fill(text)?,
        other => fill(&cases::python_json(other))?,
    };
    let mut input = case["input"].as_str().map(fill).transpose()?;
    if let (Some(text), Some(reference)) = (
        &input,
        case["time_relative_input"]["reference_time"].as_str(),
    ) {
        input = Some(
            cases::shift_timestamps(text, reference, SystemTime::now())
                .ok_or_else(|| failure("time_relative_input", "YYYY-MM-DDTHH:MM:SSZ", reference))?,
        );
    }
    let name = case["execution_name"].as_str().map(fill).transpose()?;

    // As raw awsJson: `state_machine_extra` holds boto3 arguments, which are the wire members.
    let mut request = json!({
        "name": format!("sfnconf-{uid}"),
        "definition": definition,
        "roleArn": ROLE,
        "type": case["state_machine_type"].as_str().unwrap_or("STANDARD"),
    });
    if let Some(extra) = case["state_machine_extra"].as_object() {
        for (key, value) in extra {
            request[key.as_str()] = fill_value(value, &fill)?;
        }
    }
    let (status, created) = stepstone
        .call("CreateStateMachine", &request.to_string())
        .await;
    let Some(machine) = created["stateMachineArn"]
        .as_str()
        .filter(|_| status.is_success())
    else {
        return Err(failure(
            "create_state_machine",
            "<success>",
            format!("{status} {created}"),
        ));
    };

    let sfn = stepstone.sfn();
    let expected = &case["expected"];
    let did_not_finish = || {
        failure(
            "$.status",
            expected["status"].clone(),
            format!(
                "RUNNING: did not finish (within {MAX_CLOCK_SECONDS} s on the manual clock, or {LAMBDA_CASE_LIMIT:?} with functions)"
            ),
        )
    };
    if case["kind"] == "sync_execution" {
        let start = sfn
            .start_sync_execution()
            .state_machine_arn(machine)
            .set_input(input)
            .set_name(name)
            .send();
        let done = until_done(&stepstone, pace, None, start)
            .await
            .ok_or_else(did_not_finish)?
            .map_err(|e| sdk_failure("start_sync_execution", e))?;
        let live = live_result(
            done.status().as_str(),
            done.output(),
            done.error(),
            done.cause(),
        );
        return Ok(compare_execution(case, &live, None));
    }

    let execution = sfn
        .start_execution()
        .state_machine_arn(machine)
        .set_input(input)
        .set_name(name)
        .send()
        .await
        .map_err(|e| sdk_failure("start_execution", e))?
        .execution_arn;
    if until_done(
        &stepstone,
        pace,
        Some(&execution),
        stepstone.ended(&execution),
    )
    .await
    .is_none()
    {
        // Best effort: a stuck execution must not keep taking turns from the cases after it.
        let _ = sfn.stop_execution().execution_arn(&execution).send().await;
        return Err(did_not_finish());
    }
    let done = sfn
        .describe_execution()
        .execution_arn(&execution)
        .send()
        .await
        .map_err(|e| sdk_failure("describe_execution", e))?;
    let live = live_result(
        done.status().as_str(),
        done.output(),
        done.error(),
        done.cause(),
    );
    let events = match expected.get("history_events") {
        Some(_) => Some(history(&stepstone, &sfn, &execution, &expected["history_params"]).await?),
        None => None,
    };
    Ok(compare_execution(case, &live, events.as_deref()))
}

/// `value` with its placeholders filled in every string and key.
fn fill_value(
    value: &Value,
    fill: &impl Fn(&str) -> Result<String, Outcome>,
) -> Result<Value, Outcome> {
    Ok(match value {
        Value::String(s) => Value::String(fill(s)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| fill_value(v, fill))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((fill(k)?, fill_value(v, fill)?)))
                .collect::<Result<Map<_, _>, _>>()?,
        ),
        other => other.clone(),
    })
}

/// Drives `done` to its end without polling the wall clock: on the manual clock, moved a second
/// whenever the execution has had [`MAX_POLLS`] turns without progress and (at
/// [`Pace::BetweenCalls`]) has no call in flight; in real time for [`Pace::RealTime`]. Cases
/// that run functions are bounded by [`LAMBDA_CASE_LIMIT`] as well. `None` if it did not end
/// within those bounds.
async fn until_done<T>(
    stepstone: &InProcess,
    pace: Pace,
    execution: Option<&str>,
    done: impl std::future::Future<Output = T>,
) -> Option<T> {
    tokio::pin!(done);
    let clock = async {
        let mut moved = 0;
        while moved <= MAX_CLOCK_SECONDS {
            match (pace, execution) {
                (Pace::RealTime, _) => std::future::pending::<()>().await,
                (Pace::BetweenCalls, Some(arn)) => {
                    let events = event_types(stepstone, arn).await;
                    if calls_in_flight(&events) > 0 {
                        // A function runs: its answer is the next event, in real time.
                        stepstone.history_grows(arn, events.len()).await;
                        continue;
                    }
                    scheduler_turns(MAX_POLLS).await;
                    if event_types(stepstone, arn).await.len() != events.len() {
                        continue;
                    }
                }
                _ => scheduler_turns(MAX_POLLS).await,
            }
            stepstone.advance_clock(1).await;
            moved += 1;
        }
    };
    let limit = match pace {
        Pace::Manual => std::time::Duration::MAX,
        Pace::BetweenCalls | Pace::RealTime => LAMBDA_CASE_LIMIT,
    };
    tokio::select! {
        out = &mut done => Some(out),
        () = clock => None,
        () = tokio::time::sleep(limit) => None,
    }
}

/// The types of an execution's events so far.
async fn event_types(stepstone: &InProcess, execution: &str) -> Vec<HistoryEventType> {
    stepstone
        .sfn()
        .get_execution_history()
        .execution_arn(execution)
        .max_results(1000)
        .send()
        .await
        .map(|history| history.events.into_iter().map(|e| e.r#type).collect())
        .unwrap_or_default()
}

/// Calls scheduled and not yet answered: every scheduled Task, function or activity ends in
/// exactly one success, failure or time-out event.
fn calls_in_flight(events: &[HistoryEventType]) -> usize {
    use HistoryEventType as T;
    let (mut scheduled, mut ended) = (0usize, 0usize);
    for event in events {
        match event {
            T::TaskScheduled | T::LambdaFunctionScheduled | T::ActivityScheduled => scheduled += 1,
            T::TaskSucceeded
            | T::TaskFailed
            | T::TaskTimedOut
            | T::TaskStartFailed
            | T::TaskSubmitFailed
            | T::LambdaFunctionSucceeded
            | T::LambdaFunctionFailed
            | T::LambdaFunctionTimedOut
            | T::LambdaFunctionStartFailed
            | T::ActivitySucceeded
            | T::ActivityFailed
            | T::ActivityTimedOut
            | T::ActivityScheduleFailed => ended += 1,
            _ => {}
        }
    }
    scheduled.saturating_sub(ended)
}

async fn scheduler_turns(turns: usize) {
    for _ in 0..turns {
        tokio::task::yield_now().await;
    }
}

/// The compared fields of a finished execution, as the wire (and boto3) has them.
fn live_result(
    status: &str,
    output: Option<&str>,
    error: Option<&str>,
    cause: Option<&str>,
) -> Value {
    let mut live = Map::new();
    live.insert("status".into(), status.into());
    for (key, value) in [("output", output), ("error", error), ("cause", cause)] {
        if let Some(value) = value {
            live.insert(key.into(), value.into());
        }
    }
    Value::Object(live)
}

/// Every history event as wire JSON (what boto3 gives, which the recordings come from),
/// with the case's `history_params`. The SDK must be able to read the same history.
async fn history(
    stepstone: &InProcess,
    sfn: &aws_sdk_sfn::Client,
    execution: &str,
    params: &Value,
) -> Result<Vec<Value>, Outcome> {
    let mut events = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_HISTORY_PAGES {
        let mut request = json!({"executionArn": execution, "maxResults": 1000});
        for (key, value) in params.as_object().into_iter().flatten() {
            if key != "maxResults" {
                request[key.as_str()] = value.clone();
            }
        }
        if let Some(token) = &token {
            request["nextToken"] = token.as_str().into();
        }
        let (status, page) = stepstone
            .call("GetExecutionHistory", &request.to_string())
            .await;
        if !status.is_success() {
            return Err(failure(
                "get_execution_history",
                "<success>",
                format!("{status} {page}"),
            ));
        }
        events.extend(page["events"].as_array().into_iter().flatten().cloned());
        token = page["nextToken"].as_str().map(str::to_owned);
        if token.is_none() {
            let read = sfn
                .get_execution_history()
                .execution_arn(execution)
                .max_results(1000)
                .into_paginator()
                .items()
                .send()
                .try_collect()
                .await
                .map_err(|e| sdk_failure("get_execution_history (SDK)", e))?;
            if read.len() != events.len() {
                return Err(failure(
                    "get_execution_history (SDK event count)",
                    events.len(),
                    read.len(),
                ));
            }
            return Ok(events);
        }
    }
    Err(failure(
        "get_execution_history",
        "<a last page>",
        format!("more than {MAX_HISTORY_PAGES} pages"),
    ))
}

/// Compares a finished execution (`live`: status, output, error, cause as the wire gives them;
/// `events`: its raw history, when fetched) with the case's recording.
fn compare_execution(case: &Value, live: &Value, events: Option<&[Value]>) -> Vec<Diff> {
    let matcher = Matcher::for_case(&case["normalization"]);
    let expected = &case["expected"];
    let live = snapshot_form(live, ACCOUNT, REGION);
    let mut diffs = Vec::new();
    for field in ["status", "output", "error", "cause"] {
        let Some(want) = expected.get(field) else {
            continue;
        };
        let got = live.get(field).unwrap_or(&Value::Null);
        // A recorded null error or cause also accepts an empty one.
        if matches!(field, "error" | "cause") && want.is_null() && (got.is_null() || got == "") {
            continue;
        }
        diffs.extend(matcher.compare(want, got, &format!("$.{field}")));
    }
    if let (Some(events), Some(Value::Array(want))) = (events, expected.get("history_events")) {
        let got = snapshot_form(&json!({ "events": events }), ACCOUNT, REGION);
        let got = got["events"].as_array().map_or(&[][..], Vec::as_slice);
        let unordered = case["normalization"]["flags"]
            .as_array()
            .is_some_and(|flags| flags.iter().any(|f| f == "parallel_unordered"));
        let partial = expected["history_partial"].as_bool().unwrap_or(false);
        let want = todays_context_object(case, &todays_map_run_linkage(case, want));
        diffs.extend(matcher.compare_history(&want, got, unordered, partial));
    }
    if uses_start_execution(case) {
        diffs.retain(|d| !is_start_date_length(d));
    }
    diffs
}

fn uses_start_execution(case: &Value) -> bool {
    let mut resources = Vec::new();
    collect_resources(&definition(case), &mut resources);
    resources
        .iter()
        .any(|r| r.starts_with("arn:aws:states:::states:startExecution"))
}

/// StartExecution's response length, in the SDK metadata of `states:startExecution`, depends on
/// how many digits the start time's milliseconds print with (`1.73089552346E9` is one shorter
/// than `1.730895523464E9`): a recording's value is one draw of it, not something to match.
fn is_start_date_length(diff: &Diff) -> bool {
    let numeric = |v: &Value| match v {
        Value::String(s) => s.parse::<u32>().is_ok(),
        Value::Array(items) => items
            .iter()
            .all(|i| i.as_str().is_some_and(|s| s.parse::<u32>().is_ok())),
        _ => false,
    };
    (diff
        .path
        .ends_with("SdkHttpMetadata.HttpHeaders.Content-Length")
        || diff
            .path
            .contains("SdkHttpMetadata.AllHttpHeaders.Content-Length"))
        && numeric(&diff.expected)
        && numeric(&diff.actual)
}

fn diff_lines(diffs: &[Diff]) -> String {
    let mut lines: Vec<String> = diffs
        .iter()
        .take(SHOWN_DIFFS)
        .map(|d| format!("    {d}"))
        .collect();
    if diffs.len() > SHOWN_DIFFS {
        lines.push(format!("    ... {} more", diffs.len() - SHOWN_DIFFS));
    }
    lines.join("\n")
}

/// Per-topic table, skip reasons, (on request) the first failures' differences, and the totals.
fn report(results: &[(&Value, Outcome)]) {
    // topic -> (passed, in scope, skipped)
    let mut topics: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (case, outcome) in results {
        let row = topics
            .entry(case["topic"].as_str().unwrap_or("?"))
            .or_default();
        match outcome {
            Outcome::Passed => {
                row.0 += 1;
                row.1 += 1;
            }
            Outcome::Failed(_) => row.1 += 1,
            Outcome::Skipped(reason) => {
                row.2 += 1;
                *reasons.entry(reason).or_default() += 1;
            }
        }
    }
    println!("recorded execution cases by topic (passed/in scope):");
    for (topic, (passed, in_scope, skipped)) in &topics {
        println!("  {topic}: {passed}/{in_scope} (skipped {skipped})");
    }
    println!("skipped as out of scope:");
    for (reason, count) in &reasons {
        println!("  {count:4}  {reason}");
    }
    if env_flag("STEPSTONE_SHOW_DIFFS") {
        let failures = results.iter().filter_map(|(case, outcome)| match outcome {
            Outcome::Failed(diffs) => Some((id(case), diffs)),
            _ => None,
        });
        for (id, diffs) in failures.take(SHOWN_FAILURES) {
            println!("FAIL {id}\n{}", diff_lines(diffs));
        }
    }
    let count = |f: fn(&Outcome) -> bool| results.iter().filter(|(_, o)| f(o)).count();
    println!(
        "recorded execution cases: {} passed, {} failed, {} skipped",
        count(|o| matches!(o, Outcome::Passed)),
        count(|o| matches!(o, Outcome::Failed(_))),
        count(|o| matches!(o, Outcome::Skipped(_))),
    );
}

/// Fails when a listed case no longer passes; with `STEPSTONE_UPDATE_PASSING=1`, rewrites the
/// list instead.
fn hold_the_ratchet(results: &[(&Value, Outcome)]) {
    let outcomes: BTreeMap<&str, &Outcome> = results
        .iter()
        .map(|(case, outcome)| (id(case), outcome))
        .collect();
    let passing: BTreeSet<&str> = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Passed))
        .map(|(id, _)| *id)
        .collect();
    if env_flag("STEPSTONE_UPDATE_PASSING") {
        let text: String = passing.iter().map(|id| format!("{id}\n")).collect();
        std::fs::write(PASSING_LIST, text).expect("write the passing list");
        println!("wrote {} passing ids to {PASSING_LIST}", passing.len());
        return;
    }
    let listed = match std::fs::read_to_string(PASSING_LIST) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("{PASSING_LIST} is missing: nothing to hold");
            String::new()
        }
        Err(e) => panic!("{PASSING_LIST}: {e}"),
    };
    let listed: BTreeSet<&str> = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let regressions: Vec<String> = listed
        .iter()
        .filter_map(|id| match outcomes.get(id) {
            Some(Outcome::Passed) => None,
            Some(Outcome::Failed(diffs)) => Some(format!("{id}\n{}", diff_lines(diffs))),
            Some(Outcome::Skipped(reason)) => Some(format!("{id}: now skipped: {reason}")),
            None => Some(format!("{id}: not in the corpus any more")),
        })
        .collect();
    let unlisted = passing.difference(&listed).count();
    if unlisted > 0 {
        println!(
            "{unlisted} passing cases are not listed yet: run with STEPSTONE_UPDATE_PASSING=1 to record them"
        );
    }
    assert!(
        regressions.is_empty(),
        "{} recorded execution cases listed in {PASSING_LIST} no longer pass:\n{}",
        regressions.len(),
        regressions.join("\n")
    );
}

#[test]
fn a_live_execution_compares_equal_to_its_recording() {
    let case = json!({
        "kind": "execution",
        "expected": {
            "status": "SUCCEEDED",
            "output": {
                "arn": "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
                "started": "date",
                "list": [1, 2],
            },
            "error": null,
            "history_events": [
                {
                    "executionStartedEventDetails": {
                        "input": {"n": 1},
                        "inputDetails": {"truncated": false},
                        "roleArn": "snf_role_arn",
                    },
                    "id": 1, "previousEventId": 0, "timestamp": "timestamp", "type": "ExecutionStarted",
                },
                {"id": 2, "previousEventId": 1, "timestamp": "timestamp", "type": "ParallelStateEntered"},
                {"id": 3, "previousEventId": 2, "timestamp": "timestamp", "type": "ParallelStateStarted"},
                {"id": [0], "previousEventId": 0, "timestamp": "timestamp", "type": "PassStateEntered",
                 "stateEnteredEventDetails": {"name": "A", "input": "[\"x\"]"}},
                {"id": [0], "previousEventId": 0, "timestamp": "timestamp", "type": "PassStateEntered",
                 "stateEnteredEventDetails": {"name": "B", "input": "[\"x\"]"}},
                // As in every recording with the flag, the closer (id 6) is missing.
                {"id": 7, "previousEventId": 5, "timestamp": "timestamp", "type": "ParallelStateExited"},
                {
                    "executionSucceededEventDetails": {"output": {"token": "<uuid:1>"}},
                    "id": 8, "previousEventId": 7, "timestamp": "timestamp", "type": "ExecutionSucceeded",
                },
            ],
        },
        "normalization": {
            "substring_placeholders": ["snf_role_arn"],
            "value_placeholders": [],
            "flags": ["parallel_unordered"],
        },
    });
    let arn = "arn:aws:states:us-east-1:123456789012:execution:sfnconf-000007:0f9c4f43";
    let live = json!({
        "status": "SUCCEEDED",
        "output": format!(
            "{{\"arn\": \"{arn}\", \"started\": \"2026-03-23T08:51:59.123Z\", \"list\": [1,2]}}"
        ),
        "error": "",
    });
    let entered = |id: i64, name: &str| {
        json!({"id": id, "previousEventId": 2, "timestamp": 1.7e9, "type": "PassStateEntered",
               "stateEnteredEventDetails": {"name": name, "input": "[\"x\"]"}})
    };
    let events = [
        json!({
            "executionStartedEventDetails": {
                "input": "{\"n\":1}",
                "inputDetails": {"truncated": false},
                "roleArn": ROLE,
            },
            "id": 1, "previousEventId": 0, "timestamp": 1_774_255_919.123, "type": "ExecutionStarted",
        }),
        json!({"id": 2, "previousEventId": 1, "timestamp": 1.7e9, "type": "ParallelStateEntered"}),
        json!({"id": 3, "previousEventId": 2, "timestamp": 1.7e9, "type": "ParallelStateStarted"}),
        entered(4, "B"),
        entered(5, "A"),
        json!({"id": 6, "previousEventId": 5, "timestamp": 1.7e9, "type": "ParallelStateSucceeded"}),
        json!({"id": 7, "previousEventId": 5, "timestamp": 1.7e9, "type": "ParallelStateExited"}),
        json!({
            "executionSucceededEventDetails": {"output": "{\"token\": \"2f0c0d7e-7b1a\"}"},
            "id": 8, "previousEventId": 7, "timestamp": 1.7e9, "type": "ExecutionSucceeded",
        }),
    ];
    assert_eq!(
        compare_execution(&case, &live, Some(&events)),
        Vec::<Diff>::new()
    );

    // Differences are named by path. With an event missing, the Parallel spans no longer line
    // up, so the events compare in order and the branches' order shows too.
    let mut wrong_live = live.clone();
    wrong_live["output"] = json!("{\"arn\": \"x\", \"started\": \"now\", \"list\": [2, 1]}");
    let paths: Vec<String> = compare_execution(&case, &wrong_live, Some(&events[..7]))
        .into_iter()
        .map(|d| d.path)
        .collect();
    assert_eq!(
        paths,
        [
            "$.output.arn",
            "$.output.list[0]",
            "$.output.list[1]",
            "$.events.length",
            "$.events[3].stateEnteredEventDetails.name",
            "$.events[4].stateEnteredEventDetails.name",
        ]
    );
    // An output that is a JSON array stays a string in snapshot form and compares as JSON.
    let mut listing = case.clone();
    listing["expected"]["output"] = json!([{"a": 1}]);
    let mut array_live = live.clone();
    array_live["output"] = json!("[{\"a\":1}]");
    assert_eq!(
        compare_execution(&listing, &array_live, None),
        Vec::<Diff>::new()
    );
    // A recorded null error accepts an empty one, not a real one.
    let mut failed = live.clone();
    failed["status"] = json!("FAILED");
    failed["error"] = json!("States.Runtime");
    let diffs = compare_execution(&case, &failed, None);
    assert_eq!(
        diffs,
        [
            Diff::new("$.status", "SUCCEEDED", "FAILED"),
            Diff::new("$.error", Value::Null, "States.Runtime"),
        ]
    );
}

#[test]
fn cases_that_need_services_or_the_clock_are_out_of_scope() {
    let now = UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
    let case = |definition: Value, setup: Value| json!({"definition": definition, "setup": setup});
    let no_setup = json!({"resources": [], "calls": []});
    let machine = |state: Value| json!({"StartAt": "S", "States": {"S": state}});
    let pass = machine(json!({"Type": "Pass", "End": true}));
    assert_eq!(
        out_of_scope(&case(pass.clone(), no_setup.clone()), now),
        None
    );
    assert_eq!(
        out_of_scope(
            &case(
                pass.clone(),
                json!({"resources": [{"id": "q", "type": "sqs_queue"}], "calls": []})
            ),
            now
        ),
        None
    );
    assert_eq!(
        out_of_scope(
            &case(
                pass.clone(),
                json!({"resources": [{"id": "t", "type": "sns_topic"}], "calls": [
                    {"service": "sns", "operation": "delete_topic", "params": {}}
                ]})
            ),
            now
        ),
        None
    );
    assert_eq!(
        out_of_scope(
            &case(
                pass.clone(),
                json!({"resources": [{"id": "t", "type": "dynamodb_table"}], "calls": []})
            ),
            now
        ),
        Some(
            "setup resources other than Lambda functions, state machines, SQS queues and SNS topics (service fakes come later)"
        )
    );
    assert_eq!(
        out_of_scope(
            &case(
                pass.clone(),
                json!({"resources": [], "calls": [{"service": "sqs", "operation": "purge_queue"}]})
            ),
            now
        ),
        Some("setup calls other than SNS's delete_topic (service fakes come later)")
    );
    let sdk_call = machine(
        json!({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:startExecution", "End": true}),
    );
    assert_eq!(
        out_of_scope(
            &case(
                sdk_call,
                json!({"resources": [{"id": "m", "type": "state_machine"}], "calls": []})
            ),
            now
        ),
        None
    );
    let function = |behaviour: &str| json!({"resources": [{"id": "f", "type": "lambda_function", "properties": {"behaviour": behaviour}}], "calls": []});
    let invoke =
        machine(json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}));
    assert_eq!(
        out_of_scope(&case(invoke.clone(), function("identity")), now),
        None
    );
    assert_eq!(
        out_of_scope(&case(invoke, function("read_a_file_we_do_not_have")), now),
        Some("a Lambda behaviour with no handler code here")
    );
    let queue = machine(
        json!({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}),
    );
    assert_eq!(out_of_scope(&case(queue, no_setup.clone()), now), None);
    let callback = machine(
        json!({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}),
    );
    assert_eq!(
        out_of_scope(&case(callback, no_setup.clone()), now),
        Some("Task resource (service integrations come later)")
    );
    let long = Some("long wait (longer than the runner moves the clock)");
    let wait = |field: &str, value: Value| {
        case(
            machine(json!({"Type": "Wait", field: value, "End": true})),
            no_setup.clone(),
        )
    };
    assert_eq!(out_of_scope(&wait("Seconds", json!(0)), now), None);
    assert_eq!(out_of_scope(&wait("Seconds", json!(60)), now), None);
    assert_eq!(out_of_scope(&wait("Seconds", json!(121)), now), long);
    // Synchronous executions that run functions run in real time: 2 s at most.
    let mut sync_with_function = case(
        machine(json!({"Type": "Wait", "Seconds": 3, "End": true})),
        function("identity"),
    );
    sync_with_function["kind"] = json!("sync_execution");
    assert_eq!(out_of_scope(&sync_with_function, now), long);
    sync_with_function["kind"] = json!("execution");
    assert_eq!(out_of_scope(&sync_with_function, now), None);
    assert_eq!(out_of_scope(&wait("SecondsPath", json!("$.s")), now), None);
    assert_eq!(
        out_of_scope(&wait("Timestamp", json!("2016-03-14T01:59:00Z")), now),
        None
    );
    assert_eq!(
        out_of_scope(&wait("Timestamp", json!("2030-01-01T00:00:00Z")), now),
        long
    );
    // Default back-off: 1 + 2 + 4 seconds.
    let retrying = |retrier: Value| {
        case(
            machine(
                json!({"Type": "Parallel", "Branches": [pass.clone()], "Retry": [retrier], "End": true}),
            ),
            no_setup.clone(),
        )
    };
    assert_eq!(
        out_of_scope(&retrying(json!({"ErrorEquals": ["States.ALL"]})), now),
        None
    );
    assert_eq!(
        out_of_scope(
            &retrying(json!({"ErrorEquals": ["States.ALL"], "MaxAttempts": 7})),
            now
        ),
        long,
        "1 + 2 + ... + 64 seconds"
    );
    assert_eq!(
        out_of_scope(
            &retrying(json!({"ErrorEquals": ["States.ALL"], "MaxAttempts": 1})),
            now
        ),
        None
    );
    assert_eq!(
        out_of_scope(
            &retrying(
                json!({"ErrorEquals": ["States.ALL"], "MaxAttempts": 8, "MaxDelaySeconds": 0})
            ),
            now
        ),
        None,
        "MaxDelaySeconds caps each interval"
    );
}

#[test]
fn recordings_from_before_redrive_get_todays_redrive_count() {
    let event = json!({"taskScheduledEventDetails": {"parameters": {"Payload": {"Ctx": {
        "Execution": {"Id": "a", "Input": {}, "Name": "n", "RoleArn": "r", "StartTime": "t"},
        "StateMachine": {"Id": "m", "Name": "n"}}}}}});
    let count = |case: &Value| {
        todays_context_object(case, std::slice::from_ref(&event))[0]
            ["taskScheduledEventDetails"]["parameters"]["Payload"]["Ctx"]["Execution"]
            ["RedriveCount"]
            .clone()
    };
    assert_eq!(
        count(&json!({"recorded_date": "24-10-2023, 17:18:16"})),
        json!(0)
    );
    assert_eq!(
        count(&json!({"recorded_date": "15-11-2023, 09:00:00"})),
        Value::Null
    );
}
