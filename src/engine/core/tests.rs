//! The interpreter driven synchronously: timers fire at once, tasks are answered by a closure.

use super::*;
use crate::asl::validate::{MachineType, check};
use crate::engine::history::IterationPhase;
use serde_json::json;

fn info(input: Value) -> Arc<ExecutionInfo> {
    Arc::new(ExecutionInfo {
        execution_arn: "arn:aws:states:us-east-1:123456789012:execution:m:e".into(),
        name: "e".into(),
        state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m".into(),
        state_machine_name: "m".into(),
        role_arn: "arn:aws:iam::123456789012:role/r".into(),
        region: "us-east-1".into(),
        input,
        start_time: OffsetDateTime::UNIX_EPOCH,
        alias_arn: None,
        version_arn: None,
        express: false,
    })
}

/// Runs a definition to its end; `task` answers every Task.
fn run_with(
    definition: &str,
    input: Value,
    task: impl Fn(&Value) -> Result<Value, Failure>,
) -> (Outcome, Vec<HistoryEvent>) {
    let (outcome, history, _) = run_reporting(definition, input, task);
    (outcome, history)
}

/// A core for `definition`, started with `input`, keeping history.
fn started(definition: &str, input: Value) -> Core {
    let outcome = check(definition, MachineType::Standard);
    let definition = Arc::new(
        outcome
            .definition
            .unwrap_or_else(|| panic!("invalid: {:?}", outcome.diagnostics)),
    );
    Core::start(definition, info(input), true)
}

/// Runs a definition to its end like [`run_with`], also returning its Map Run reports.
fn run_reporting(
    definition: &str,
    input: Value,
    task: impl Fn(&Value) -> Result<Value, Failure>,
) -> (Outcome, Vec<HistoryEvent>, Vec<Report>) {
    let mut core = started(definition, input);
    drive(&mut core, task)
}

/// Runs `core` to its end; `task` answers every Task.
fn drive(
    core: &mut Core,
    task: impl Fn(&Value) -> Result<Value, Failure>,
) -> (Outcome, Vec<HistoryEvent>, Vec<Report>) {
    let mut history = Vec::new();
    let mut reports = Vec::new();
    for _ in 0..10_000 {
        let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
        history.extend(core.take_history());
        reports.extend(core.take_reports());
        if let Some(outcome) = core.outcome() {
            return (outcome.clone(), history, reports);
        }
        for effect in effects {
            match effect {
                Effect::Timer { frame, token, .. } => core.wake(Wake::Timer { frame, token }),
                Effect::Task {
                    frame,
                    token,
                    parameters,
                    ..
                } => core.wake(Wake::Task {
                    frame,
                    token,
                    result: task(&parameters),
                }),
                Effect::Release { .. } | Effect::Cancel { .. } => {}
            }
        }
    }
    panic!("did not finish");
}

fn run(definition: &str, input: Value) -> (Outcome, Vec<HistoryEvent>) {
    run_with(definition, input, |_| {
        Err(Failure::new("Unexpected", "no task expected"))
    })
}

fn output(definition: &str, input: Value) -> Value {
    match run(definition, input).0 {
        Outcome::Succeeded(output) => output,
        other => panic!("expected success, got {other:?}"),
    }
}

fn failure(definition: &str, input: Value) -> ErrorDetails {
    match run(definition, input).0 {
        Outcome::Failed(details) => details,
        other => panic!("expected failure, got {other:?}"),
    }
}

/// `id previous type` lines, for comparing event order and links.
fn shape(history: &[HistoryEvent]) -> Vec<String> {
    history
        .iter()
        .map(|e| format!("{} {} {}", e.id, e.previous_event_id, e.type_name()))
        .collect()
}

#[test]
fn pass_chain_with_paths() {
    let def = r#"{"StartAt":"A","States":{
        "A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.a","Next":"B"},
        "B":{"Type":"Pass","Parameters":{"v.$":"$.a.x","k":"lit"},"OutputPath":"$","End":true}}}"#;
    assert_eq!(
        output(def, json!({"in": true})),
        json!({"v": 1, "k": "lit"})
    );
}

#[test]
fn single_pass_history_matches_aws() {
    let (_, history) = run(
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
        json!({}),
    );
    assert_eq!(
        shape(&history),
        [
            "1 0 ExecutionStarted",
            "2 0 PassStateEntered",
            "3 2 PassStateExited",
            "4 3 ExecutionSucceeded"
        ]
    );
}

#[test]
fn choice_routes_and_fails_without_match() {
    let def = r#"{"StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}]},
        "Big":{"Type":"Succeed"}}}"#;
    assert_eq!(output(def, json!({"n": 2})), json!({"n": 2}));
    assert_eq!(
        failure(def, json!({"n": 0})).error.as_deref(),
        Some("States.NoChoiceMatched")
    );
}

#[test]
fn fail_state_and_its_history() {
    let def = r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}"#;
    let (outcome, history) = run(def, json!({}));
    assert_eq!(
        outcome,
        Outcome::Failed(ErrorDetails {
            error: Some("E".into()),
            cause: Some("C".into())
        })
    );
    assert_eq!(
        shape(&history),
        [
            "1 0 ExecutionStarted",
            "2 0 FailStateEntered",
            "3 2 ExecutionFailed"
        ]
    );
}

#[test]
fn runtime_errors_name_the_state_and_event() {
    let def =
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing","End":true}}}"#;
    let details = failure(def, json!({}));
    assert_eq!(details.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        details.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']"
        )
    );
}

#[test]
fn wait_then_continue() {
    let def = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#;
    let (outcome, history) = run(def, json!({"a": 1}));
    assert_eq!(outcome, Outcome::Succeeded(json!({"a": 1})));
    assert_eq!(history[2].type_name(), "WaitStateExited");
}

#[test]
fn parallel_collects_branch_outputs_in_order() {
    let def = r#"{"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
        {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"B2"},"B2":{"Type":"Pass","Result":2,"End":true}}}]}}}"#;
    let (outcome, history) = run(def, json!({}));
    assert_eq!(outcome, Outcome::Succeeded(json!([1, 2])));
    let types: Vec<String> = history.iter().map(HistoryEvent::type_name).collect();
    assert_eq!(
        types[1..3],
        ["ParallelStateEntered", "ParallelStateStarted"]
    );
    let last = history.len();
    assert_eq!(
        types[last - 3..],
        [
            "ParallelStateSucceeded",
            "ParallelStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(
        history[last - 2].previous_event_id,
        history[last - 3].previous_event_id
    );
}

#[test]
fn parallel_branch_failure_is_caught() {
    let def = r#"{"StartAt":"Par","States":{
        "Par":{"Type":"Parallel","Next":"Ok","Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.err","Next":"Ok"}],"Branches":[
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"why"}}}]},
        "Ok":{"Type":"Pass","End":true}}}"#;
    assert_eq!(
        output(def, json!({"a": 1})),
        json!({"a": 1, "err": {"Error": "Boom", "Cause": "why"}})
    );
}

#[test]
fn map_runs_items_in_order_with_aws_event_links() {
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
        "ItemProcessor":{"StartAt":"H","States":{"H":{"Type":"Pass","End":true}}}}}}"#;
    let (outcome, history) = run(def, json!([1, 2, 3]));
    assert_eq!(outcome, Outcome::Succeeded(json!([1, 2, 3])));
    assert_eq!(
        shape(&history)[1..],
        [
            "2 0 MapStateEntered",
            "3 2 MapStateStarted",
            "4 3 MapIterationStarted",
            "5 4 PassStateEntered",
            "6 5 PassStateExited",
            "7 6 MapIterationSucceeded",
            "8 6 MapIterationStarted",
            "9 8 PassStateEntered",
            "10 9 PassStateExited",
            "11 10 MapIterationSucceeded",
            "12 10 MapIterationStarted",
            "13 12 PassStateEntered",
            "14 13 PassStateExited",
            "15 14 MapIterationSucceeded",
            "16 15 MapStateSucceeded",
            "17 15 MapStateExited",
            "18 17 ExecutionSucceeded",
        ]
    );
}

#[test]
fn map_item_selector_sees_the_item_context() {
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","End":true,
        "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
        "ItemProcessor":{"StartAt":"H","States":{"H":{"Type":"Pass","End":true}}}}}}"#;
    assert_eq!(
        output(def, json!({"xs": ["a", "b"], "k": 7})),
        json!([{"i": 0, "v": "a", "k": 7}, {"i": 1, "v": "b", "k": 7}])
    );
}

#[test]
fn map_failure_and_tolerance() {
    let def = |tolerance: &str| {
        format!(
            r#"{{"StartAt":"M","States":{{"M":{{"Type":"Map",{tolerance}"End":true,
            "ItemProcessor":{{"StartAt":"C","States":{{
                "C":{{"Type":"Choice","Choices":[{{"Variable":"$","NumericEquals":2,"Next":"F"}}],"Default":"P"}},
                "F":{{"Type":"Fail","Error":"Two"}},"P":{{"Type":"Pass","End":true}}}}}}}}}}}}"#
        )
    };
    assert_eq!(
        failure(&def(""), json!([1, 2, 3])).error.as_deref(),
        Some("Two")
    );
    assert_eq!(
        output(&def(r#""ToleratedFailureCount":1,"#), json!([1, 2, 3])),
        json!([1, {"Error": "Two", "Cause": ""}, 3])
    );
    assert_eq!(
        failure(
            &def(r#""ToleratedFailurePercentage":10,"#),
            json!([1, 2, 3])
        )
        .error
        .as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

#[test]
fn map_over_a_non_array_fails() {
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"H","States":{"H":{"Type":"Pass","End":true}}}}}}"#;
    let cause = failure(def, json!({"a": 1})).cause.unwrap();
    assert!(
        cause.ends_with(r#"Map state input must be an array but was: {"a":1}"#),
        "{cause}"
    );
}

#[test]
fn tasks_retry_then_catch() {
    let def = r#"{"StartAt":"T","States":{
        "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
             "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":2,"IntervalSeconds":1}],
             "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
        "Caught":{"Type":"Pass","End":true}}}"#;
    let calls = std::cell::Cell::new(0);
    let (outcome, history) = run_with(def, json!({}), |_| {
        calls.set(calls.get() + 1);
        Err(Failure::new("Flaky", "again"))
    });
    assert_eq!(calls.get(), 3, "one try and two retries");
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!({"Error": "Flaky", "Cause": "again"}))
    );
    let scheduled = history
        .iter()
        .filter(|e| e.type_name() == "TaskScheduled")
        .count();
    assert_eq!(scheduled, 3);
}

#[test]
fn task_success_goes_through_the_result_pipeline() {
    let def = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"p.$":"$.Payload"},"ResultPath":"$.r","End":true}}}"#;
    let (outcome, history) = run_with(def, json!({"a": 1}), |params| {
        Ok(json!({"Payload": params["Payload"]}))
    });
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!({"a": 1, "r": {"p": {"a": 1}}}))
    );
    let types: Vec<String> = history.iter().map(HistoryEvent::type_name).collect();
    assert_eq!(
        types[2..6],
        [
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited"
        ]
    );
}

#[test]
fn oversized_output_is_a_data_limit_error() {
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;
    let big = json!({"s": "x".repeat(PAYLOAD_LIMIT)});
    assert_eq!(
        failure(def, big).error.as_deref(),
        Some("States.DataLimitExceeded")
    );
}

#[test]
fn context_object_is_available() {
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"n.$":"$$.State.Name","e.$":"$$.Execution.Name","t.$":"$$.Execution.StartTime"},"End":true}}}"#;
    assert_eq!(
        output(def, json!({})),
        json!({"n": "P", "e": "e", "t": "1970-01-01T00:00:00.000Z"})
    );
}

#[test]
fn stop_aborts() {
    let def = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({})), true);
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    assert_eq!(effects.len(), 1);
    core.stop(
        ErrorDetails {
            error: Some("E".into()),
            cause: None,
        },
        OffsetDateTime::UNIX_EPOCH,
    );
    assert!(matches!(core.outcome(), Some(Outcome::Aborted(_))));
    assert_eq!(
        core.take_history().last().unwrap().type_name(),
        "ExecutionAborted"
    );
}

#[test]
fn variables_are_assigned_at_exit_and_read_later() {
    let def = r#"{"StartAt":"A","States":{
        "A":{"Type":"Pass","Result":{"n":1},"Assign":{"n.$":"$.n","b":"x"},"Next":"B"},
        "B":{"Type":"Pass","Assign":{"swapped.$":"$b","n.$":"States.MathAdd($n, 1)"},"Parameters":{"n.$":"$n"},"End":true}}}"#;
    let (outcome, history) = run(def, json!({}));
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!({"n": 1})),
        "Parameters see the values from before the state"
    );
    let EventKind::StateExited { assigned, .. } = &history[2].kind else {
        panic!("{:?}", history[2])
    };
    assert_eq!(
        assigned.as_deref(),
        Some(
            &[
                ("b".to_owned(), "\"x\"".to_owned()),
                ("n".to_owned(), "1".to_owned())
            ][..]
        )
    );
}

#[test]
fn choice_rule_assign_replaces_the_state_assign() {
    let def = r#"{"StartAt":"C","States":{
        "C":{"Type":"Choice","Assign":{"s":"default"},"Default":"D",
             "Choices":[{"Variable":"$.v","NumericEquals":1,"Assign":{"s":"one"},"Next":"D"}]},
        "D":{"Type":"Pass","Parameters":{"s.$":"$s"},"End":true}}}"#;
    assert_eq!(output(def, json!({"v": 1})), json!({"s": "one"}));
    assert_eq!(output(def, json!({"v": 2})), json!({"s": "default"}));
}

#[test]
fn branches_read_outer_variables_and_keep_their_own() {
    let def = r#"{"StartAt":"A","States":{
        "A":{"Type":"Pass","Assign":{"x":42},"Next":"P"},
        "P":{"Type":"Parallel","End":true,"Branches":[
            {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"inner.$":"$x"},"Next":"B2"},
                                     "B2":{"Type":"Pass","Parameters":{"i.$":"$inner","x.$":"$x"},"End":true}}}]}}}"#;
    assert_eq!(output(def, json!({})), json!([{"i": 42, "x": 42}]));
}

#[test]
fn catcher_assign_sees_the_error_output() {
    let def = r#"{"StartAt":"P","States":{
        "P":{"Type":"Parallel","Next":"D","Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"why.$":"$.Cause"},"Next":"D"}],
             "Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"because"}}}]},
        "D":{"Type":"Pass","Parameters":{"why.$":"$why"},"End":true}}}"#;
    assert_eq!(output(def, json!({})), json!({"why": "because"}));
}

#[test]
fn unknown_variables_fail_the_state() {
    let def =
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$nope"},"End":true}}}"#;
    assert_eq!(
        failure(def, json!({})).error.as_deref(),
        Some("States.Runtime")
    );
}

#[test]
fn task_timeout_records_task_timed_out() {
    let def = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,"Parameters":{"FunctionName":"f"},"End":true}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({})), true);
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let timeout = effects.iter().find_map(|e| match e {
        Effect::Timer {
            frame,
            token,
            seconds,
        } if *seconds == 5.0 => Some((*frame, *token)),
        _ => None,
    });
    let (frame, token) = timeout.expect("a 5-second timeout timer");
    let task = effects.iter().find_map(|e| match e {
        Effect::Task { frame, token, .. } => Some((*frame, *token)),
        _ => None,
    });
    core.wake(Wake::Timer { frame, token });
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let cancelled = effects.iter().find_map(|e| match e {
        Effect::Cancel { frame, token } => Some((*frame, *token)),
        _ => None,
    });
    assert_eq!(cancelled, task, "the abandoned task's work is cancelled");
    assert_eq!(
        core.outcome(),
        Some(&Outcome::Failed(ErrorDetails {
            error: Some("States.Timeout".into()),
            cause: None
        }))
    );
    let types: Vec<String> = core
        .take_history()
        .iter()
        .map(HistoryEvent::type_name)
        .collect();
    assert_eq!(
        types[2..],
        [
            "TaskScheduled",
            "TaskStarted",
            "TaskTimedOut",
            "ExecutionFailed"
        ]
    );
}

#[test]
fn activity_tasks_wait_for_a_worker() {
    let def = r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:act","HeartbeatSeconds":10,"End":true}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({"job": 1})), true);
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let Some(Effect::Task {
        frame,
        token,
        parameters,
        task_token: Some(_),
        ..
    }) = effects.into_iter().next()
    else {
        panic!("an activity task with a token")
    };
    assert_eq!(parameters, json!({"job": 1}));
    core.wake(Wake::Started {
        frame,
        token,
        worker_name: Some("w".into()),
    });
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    assert!(
        matches!(effects[..], [Effect::Timer { seconds, .. }] if seconds == 10.0),
        "the heartbeat clock starts"
    );
    core.wake(Wake::Task {
        frame,
        token,
        result: Ok(json!({"done": true})),
    });
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Release { .. })),
        "the token is released"
    );
    assert_eq!(
        core.outcome(),
        Some(&Outcome::Succeeded(json!({"done": true})))
    );
    let types: Vec<String> = core
        .take_history()
        .iter()
        .map(HistoryEvent::type_name)
        .collect();
    assert_eq!(
        types[2..5],
        ["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"]
    );
}

#[test]
fn a_failed_branch_cancels_the_tasks_of_its_siblings() {
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:c"},"End":true}}},
        {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"E"}}}]}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({})), true);
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let task = effects.iter().find_map(|e| match e {
        Effect::Task { frame, token, .. } => Some((*frame, *token)),
        _ => None,
    });
    let cancelled = effects.iter().find_map(|e| match e {
        Effect::Cancel { frame, token } => Some((*frame, *token)),
        _ => None,
    });
    assert!(task.is_some());
    assert_eq!(
        cancelled, task,
        "the sibling's nested execution is cancelled"
    );
    assert!(matches!(core.outcome(), Some(Outcome::Failed(_))));
}

#[test]
fn a_refused_activity_records_schedule_failed() {
    let def = r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:gone","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},"Caught":{"Type":"Succeed"}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({})), true);
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let Some(Effect::Task { frame, token, .. }) = effects.into_iter().next() else {
        panic!("an activity task")
    };
    core.wake(Wake::Refused {
        frame,
        token,
        failure: Failure::runtime("The activity does not exist."),
    });
    core.advance(OffsetDateTime::UNIX_EPOCH);
    let Some(Outcome::Failed(details)) = core.outcome() else {
        panic!("States.Runtime is never caught: {:?}", core.outcome())
    };
    assert_eq!(details.error.as_deref(), Some("States.Runtime"));
    assert!(details.cause.as_deref().is_some_and(|c| {
        c.starts_with("An error occurred while executing the state 'A'")
            && c.ends_with("The activity does not exist.")
    }));
    let types: Vec<String> = core
        .take_history()
        .iter()
        .map(HistoryEvent::type_name)
        .collect();
    assert_eq!(
        types[2..],
        [
            "ActivityScheduled",
            "ActivityScheduleFailed",
            "ExecutionFailed"
        ]
    );
}

#[test]
fn jsonata_map_items_of_the_wrong_type_close_the_map_state() {
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"S","States":{
        "S":{"Type":"Pass","Assign":{"v":{"a":1}},"Next":"M"},
        "M":{"Type":"Map","Items":"{% $v %}","End":true,
             "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let (outcome, history) = run(def, json!({}));
    assert!(matches!(outcome, Outcome::Failed(ref d)
        if d.error.as_deref() == Some("States.QueryEvaluationError")));
    // EvaluationFailed follows what MapStateEntered follows.
    assert_eq!(
        shape(&history)[3..],
        [
            "4 3 MapStateEntered",
            "5 3 EvaluationFailed",
            "6 5 MapStateFailed",
            "7 6 ExecutionFailed"
        ]
    );
}

#[test]
fn jsonata_map_input_that_is_not_an_array_is_an_evaluation_failure() {
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"M","States":{
        "M":{"Type":"Map","End":true,
             "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let (outcome, history) = run(def, json!({"foo": "bar"}));
    let Outcome::Failed(details) = outcome else {
        panic!("expected failure")
    };
    assert_eq!(
        details.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert_eq!(
        details.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: {\"foo\":\"bar\"}"
        )
    );
    let EventKind::EvaluationFailed { location, .. } = &history[2].kind else {
        panic!("expected EvaluationFailed, got {}", history[2].type_name())
    };
    assert_eq!(*location, None);
    assert_eq!(history[3].type_name(), "MapStateFailed");
}

#[test]
fn map_path_settings_accept_numbers_written_as_strings() {
    let def = r#"{"StartAt":"S","States":{
        "S":{"Type":"Pass","Assign":{"c":"1","p":"50"},"Result":[1,2],"Next":"M"},
        "M":{"Type":"Map","MaxConcurrencyPath":"$c","ToleratedFailurePercentagePath":"$p","End":true,
             "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    assert_eq!(output(def, json!({})), json!([1, 2]));
    let def = def.replace(r#""c":"1""#, r#""c":"one""#);
    assert_eq!(
        failure(&def, json!({})).cause.as_deref(),
        Some(
            "An error occurred while executing the state 'M' (entered at the event id #4). The MaxConcurrencyPath field refers to value \"one\" which is not a valid integer: $c"
        )
    );
}

#[test]
fn assign_is_limited_per_variable_and_per_block() {
    let machine = |assign: &str| {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"P","States":{{"P":{{"Type":"Pass","Assign":{assign},"Output":{{}},"End":true}}}}}}"#
        )
    };
    let third = json!({ "s": "x".repeat(PAYLOAD_LIMIT / 3) });
    // Two copies of a third of the limit fit; three do not, though each one alone does.
    let two = machine(r#"{"a":"{% $states.input.s %}","b":"{% $states.input.s %}"}"#);
    assert_eq!(output(&two, third.clone()), json!({}));
    let three = machine(
        r#"{"a":"{% $states.input.s %}","b":"{% $states.input.s %}","c":"{% $states.input.s %}"}"#,
    );
    let details = failure(&three, third);
    assert_eq!(details.error.as_deref(), Some("States.DataLimitExceeded"));
    assert_eq!(
        details.cause.as_deref(),
        Some(
            "The variables assigned by the state 'P' have a combined size exceeding the maximum number of bytes service limit."
        )
    );
    // One variable over the limit, from two halves of the input.
    let half = json!({ "s": "y".repeat(PAYLOAD_LIMIT / 2 + 1) });
    let one = machine(r#"{"v":"{% $states.input.s & $states.input.s %}"}"#);
    assert_eq!(
        failure(&one, half).cause.as_deref(),
        Some(
            "The variable 'v' assigned by the state 'P' has a size exceeding the maximum number of bytes service limit."
        )
    );
}

#[test]
fn jsonata_now_is_the_time_the_core_runs_at() {
    // Each state sees the `now` of the advance that runs it, in Output and in a Map's
    // ItemSelector alike, and `$millis()` agrees with `$now()`.
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"First","States":{
        "First":{"Type":"Pass","Output":{"first":"{% $now() %}"},"Next":"W"},
        "W":{"Type":"Wait","Seconds":60,"Next":"Second"},
        "Second":{"Type":"Map","Items":[1],
            "ItemSelector":{"now":"{% $now() %}","millis":"{% $millis() %}"},
            "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
            "Output":{"first":"{% $states.input.first %}","second":"{% $states.result[0] %}"},
            "End":true}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({})), false);
    let start = time::macros::datetime!(2024-01-01 00:00:00 UTC);
    let effects = core.advance(start);
    let [Effect::Timer { frame, token, .. }] = effects.as_slice() else {
        panic!("expected the Wait's timer, got {effects:?}");
    };
    core.wake(Wake::Timer {
        frame: *frame,
        token: *token,
    });
    core.advance(start + time::Duration::seconds(60));
    assert_eq!(
        core.outcome(),
        Some(&Outcome::Succeeded(json!({
            "first": "2024-01-01T00:00:00.000Z",
            "second": {"now": "2024-01-01T00:01:00.000Z", "millis": 1_704_067_260_000_i64}
        })))
    );
}

/// A Distributed Map over the input array whose processor is `processor` (`StartAt` and
/// `States`), with the Map's `extra` members.
fn distributed(processor: &str, extra: &str) -> String {
    format!(
        r#"{{"StartAt":"M","States":{{"M":{{"Type":"Map",{extra}"ItemProcessor":{{
            "ProcessorConfig":{{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}},{processor}}},
            "End":true}}}}}}"#
    )
}

/// A processor whose Fail state fails the items that are `"bad"`.
const FAILS_BAD_ITEMS: &str = r#""StartAt":"C","States":{
    "C":{"Type":"Choice","Choices":[{"Variable":"$","StringEquals":"bad","Next":"F"}],"Default":"P"},
    "F":{"Type":"Fail","Error":"Bad","Cause":"a bad item"},
    "P":{"Type":"Pass","End":true}}"#;

/// A processor of one Task.
const TASK: &str = r#""StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}"#;

/// What the reports say about each child, in start order: its ARN, its history and how it
/// ended.
fn children(reports: &[Report]) -> Vec<(String, Vec<HistoryEvent>, Option<Outcome>)> {
    let mut children: Vec<(String, Vec<HistoryEvent>, Option<Outcome>)> = Vec::new();
    for report in reports {
        match report {
            Report::ChildStarted { info, .. } => {
                children.push((info.execution_arn.clone(), Vec::new(), None))
            }
            Report::ChildEvent {
                execution_arn,
                event,
            } => children
                .iter_mut()
                .find(|c| *c.0 == **execution_arn)
                .expect("an event of a started child")
                .1
                .push(event.clone()),
            Report::ChildEnded {
                execution_arn,
                outcome,
                ..
            } => {
                let child = children
                    .iter_mut()
                    .find(|c| *c.0 == **execution_arn)
                    .expect("the end of a started child");
                assert!(child.2.is_none(), "a child ends once");
                child.2 = Some(outcome.clone());
            }
            Report::MapRunStarted(_)
            | Report::MapRunEnded { .. }
            | Report::MapRunRedriven { .. }
            | Report::ChildRedriven { .. } => {}
        }
    }
    children
}

/// The Map Runs the reports started and how they ended.
fn map_runs(reports: &[Report]) -> Vec<(MapRunStart, Option<MapRunStatus>)> {
    let mut runs: Vec<(MapRunStart, Option<MapRunStatus>)> = Vec::new();
    for report in reports {
        match report {
            Report::MapRunStarted(start) => runs.push(((**start).clone(), None)),
            Report::MapRunEnded {
                map_run_arn,
                status,
                ..
            } => {
                let run = runs
                    .iter_mut()
                    .find(|r| r.0.map_run_arn == *map_run_arn)
                    .expect("the end of a started run");
                assert!(run.1.is_none(), "a run ends once");
                run.1 = Some(*status);
            }
            _ => {}
        }
    }
    runs
}

#[test]
fn distributed_map_children_are_executions_with_their_own_histories() {
    let def = distributed(
        r#""StartAt":"P","States":{"P":{"Type":"Pass","End":true}}"#,
        r#""Label":"lbl","MaxConcurrency":1,"#,
    );
    let (outcome, history, reports) = run_reporting(&def, json!([1, 2]), |_| unreachable!());
    assert_eq!(outcome, Outcome::Succeeded(json!([1, 2])));
    // The execution's own history is unchanged: the children are not in it.
    assert_eq!(
        shape(&history),
        [
            "1 0 ExecutionStarted",
            "2 0 MapStateEntered",
            "3 2 MapStateStarted",
            "4 3 MapRunStarted",
            "5 4 MapRunSucceeded",
            "6 5 MapStateSucceeded",
            "7 4 MapStateExited",
            "8 7 ExecutionSucceeded"
        ]
    );
    let runs = map_runs(&reports);
    let [(run, Some(MapRunStatus::Succeeded))] = runs.as_slice() else {
        panic!("one succeeded run: {runs:?}");
    };
    let EventKind::MapRunStarted { map_run_arn } = &history[3].kind else {
        panic!("{:?}", history[3]);
    };
    assert_eq!(&*run.map_run_arn, map_run_arn);
    assert!(map_run_arn.starts_with("arn:aws:states:us-east-1:123456789012:mapRun:m/lbl:"));
    assert_eq!(
        &*run.execution_arn,
        "arn:aws:states:us-east-1:123456789012:execution:m:e"
    );
    assert_eq!(
        &*run.state_machine_arn,
        "arn:aws:states:us-east-1:123456789012:stateMachine:m/lbl"
    );
    assert_eq!(
        (run.label.as_str(), run.items, run.express),
        ("lbl", 2, false)
    );
    assert_eq!(run.limits.max_concurrency, 1);
    let children = children(&reports);
    assert_eq!(children.len(), 2);
    for ((arn, history, outcome), item) in children.iter().zip([1, 2]) {
        assert!(
            arn.starts_with("arn:aws:states:us-east-1:123456789012:execution:m/lbl:"),
            "{arn}"
        );
        assert_eq!(
            shape(history),
            [
                "1 0 ExecutionStarted",
                "2 0 PassStateEntered",
                "3 2 PassStateExited",
                "4 3 ExecutionSucceeded"
            ]
        );
        assert_eq!(outcome, &Some(Outcome::Succeeded(json!(item))));
    }
}

#[test]
fn a_failed_child_within_tolerance_leaves_the_run_succeeded() {
    let def = distributed(FAILS_BAD_ITEMS, r#""ToleratedFailureCount":1,"#);
    let (outcome, _, reports) = run_reporting(&def, json!(["good", "bad"]), |_| unreachable!());
    assert!(matches!(outcome, Outcome::Succeeded(_)), "{outcome:?}");
    let runs = map_runs(&reports);
    assert_eq!(runs[0].1, Some(MapRunStatus::Succeeded));
    assert_eq!(runs[0].0.limits.tolerated_failure_count, Some(1));
    let children = children(&reports);
    assert_eq!(children[0].2, Some(Outcome::Succeeded(json!("good"))));
    assert_eq!(
        children[1].2,
        Some(Outcome::Failed(ErrorDetails {
            error: Some("Bad".into()),
            cause: Some("a bad item".into()),
        }))
    );
    let last = children[1].1.last().unwrap();
    assert_eq!(last.type_name(), "ExecutionFailed");
}

#[test]
fn a_failure_beyond_tolerance_fails_the_run_and_aborts_the_children_still_running() {
    let def = distributed(TASK, "");
    let mut core = started(&def, json!([1, 2, 3]));
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let tasks: Vec<(FrameId, u64)> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Task { frame, token, .. } => Some((*frame, *token)),
            _ => None,
        })
        .collect();
    assert_eq!(tasks.len(), 3, "no concurrency limit: every child runs");
    core.wake(Wake::Task {
        frame: tasks[0].0,
        token: tasks[0].1,
        result: Err(Failure::new("Boom", "it broke")),
    });
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let cancelled = effects
        .iter()
        .filter(|e| matches!(e, Effect::Cancel { .. }))
        .count();
    assert_eq!(cancelled, 2, "{effects:?}");
    assert!(matches!(core.outcome(), Some(Outcome::Failed(_))));
    let reports = core.take_reports();
    assert_eq!(map_runs(&reports)[0].1, Some(MapRunStatus::Failed));
    let ends: Vec<Option<Outcome>> = children(&reports).into_iter().map(|c| c.2).collect();
    let aborted = Outcome::Aborted(ErrorDetails::default());
    assert!(matches!(ends[0], Some(Outcome::Failed(_))), "{ends:?}");
    assert_eq!(ends[1..], [Some(aborted.clone()), Some(aborted)]);
}

#[test]
fn stopping_the_execution_aborts_its_map_run_and_children() {
    let def = distributed(TASK, r#""MaxConcurrency":1,"#);
    let mut core = started(&def, json!([1, 2]));
    core.advance(OffsetDateTime::UNIX_EPOCH);
    core.stop(ErrorDetails::default(), OffsetDateTime::UNIX_EPOCH);
    let reports = core.take_reports();
    assert_eq!(map_runs(&reports)[0].1, Some(MapRunStatus::Aborted));
    let children = children(&reports);
    assert_eq!(children.len(), 1, "the second child never started");
    assert_eq!(
        children[0].2,
        Some(Outcome::Aborted(ErrorDetails::default()))
    );
    assert_eq!(
        shape(&children[0].1)[3..],
        ["4 3 TaskStarted", "5 4 ExecutionAborted"]
    );
}

#[test]
fn update_map_run_starts_waiting_children_and_judges_failures_by_new_tolerances() {
    let def = distributed(TASK, r#""MaxConcurrency":1,"ToleratedFailureCount":5,"#);
    let mut core = started(&def, json!([1, 2, 3, 4]));
    let mut reports = Vec::new();
    let tasks = |effects: Vec<Effect>| -> Vec<(FrameId, u64)> {
        effects
            .into_iter()
            .filter_map(|e| match e {
                Effect::Task { frame, token, .. } => Some((frame, token)),
                _ => None,
            })
            .collect()
    };
    let first = tasks(core.advance(OffsetDateTime::UNIX_EPOCH));
    assert_eq!(first.len(), 1);
    reports.extend(core.take_reports());
    let map_run_arn = map_runs(&reports)[0].0.map_run_arn.clone();
    core.update_map_run(
        &map_run_arn,
        MapRunUpdate {
            max_concurrency: Some(2),
            ..MapRunUpdate::default()
        },
    );
    let second = tasks(core.advance(OffsetDateTime::UNIX_EPOCH));
    assert_eq!(second.len(), 1, "one more child may run now");
    core.wake(Wake::Task {
        frame: first[0].0,
        token: first[0].1,
        result: Err(Failure::new("Boom", "")),
    });
    let third = tasks(core.advance(OffsetDateTime::UNIX_EPOCH));
    assert_eq!(third.len(), 1, "a failure within tolerance frees a slot");
    assert!(core.outcome().is_none());
    core.update_map_run(
        &map_run_arn,
        MapRunUpdate {
            tolerated_failure_count: Some(0),
            ..MapRunUpdate::default()
        },
    );
    core.advance(OffsetDateTime::UNIX_EPOCH);
    assert_eq!(
        core.outcome(),
        Some(&Outcome::Failed(ErrorDetails {
            error: Some("States.ExceedToleratedFailureThreshold".into()),
            cause: Some("The specified tolerated failure threshold was exceeded".into()),
        }))
    );
    reports.extend(core.take_reports());
    assert_eq!(map_runs(&reports)[0].1, Some(MapRunStatus::Failed));
    let ends: Vec<Option<Outcome>> = children(&reports).into_iter().map(|c| c.2).collect();
    assert_eq!(ends.len(), 3, "the fourth child never started");
    assert!(matches!(ends[0], Some(Outcome::Failed(_))));
    let aborted = Some(Outcome::Aborted(ErrorDetails::default()));
    assert_eq!(ends[1..], [aborted.clone(), aborted]);
}

#[test]
fn a_stopped_child_is_aborted_and_counts_as_a_failed_item() {
    let def = distributed(TASK, r#""ToleratedFailureCount":1,"#);
    let mut core = started(&def, json!([1, 2]));
    let tasks: Vec<(FrameId, u64)> = core
        .advance(OffsetDateTime::UNIX_EPOCH)
        .into_iter()
        .filter_map(|e| match e {
            Effect::Task { frame, token, .. } => Some((frame, token)),
            _ => None,
        })
        .collect();
    let mut reports = core.take_reports();
    let first = children(&reports)[0].0.clone();
    let details = ErrorDetails {
        error: Some("Stopped".into()),
        cause: Some("by hand".into()),
    };
    core.stop_child(&first, details.clone());
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Cancel { .. })),
        "its task is abandoned: {effects:?}"
    );
    assert!(core.outcome().is_none(), "one failure is tolerated");
    core.wake(Wake::Task {
        frame: tasks[1].0,
        token: tasks[1].1,
        result: Ok(json!("done")),
    });
    core.advance(OffsetDateTime::UNIX_EPOCH);
    reports.extend(core.take_reports());
    assert_eq!(
        core.outcome(),
        Some(&Outcome::Succeeded(json!([
            {"Error": "Stopped", "Cause": "by hand"},
            "done"
        ])))
    );
    let children = children(&reports);
    assert_eq!(children[0].2, Some(Outcome::Aborted(details)));
    let types: Vec<String> = children[0].1.iter().map(HistoryEvent::type_name).collect();
    assert_eq!(
        types[types.len() - 2..],
        ["TaskStateAborted", "ExecutionAborted"]
    );
    assert_eq!(map_runs(&reports)[0].1, Some(MapRunStatus::Succeeded));
}

#[test]
fn express_children_have_express_arns_and_keep_no_history() {
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
        "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#;
    let (_, _, reports) = run_reporting(def, json!([1]), |_| unreachable!());
    assert!(map_runs(&reports)[0].0.express);
    let children = children(&reports);
    assert!(
        children[0]
            .0
            .starts_with("arn:aws:states:us-east-1:123456789012:express:m/M:"),
        "{}",
        children[0].0
    );
    assert!(children[0].1.is_empty());
    assert_eq!(children[0].2, Some(Outcome::Succeeded(json!(1))));
}

#[test]
fn nested_map_runs_belong_to_the_child_that_started_them() {
    let processor = r#""StartAt":"Inner","States":{"Inner":{"Type":"Map","Label":"inner",
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}"#;
    let def = distributed(processor, r#""Label":"outer","ItemsPath":"$.outer","#);
    let (outcome, _, reports) = run_reporting(&def, json!({"outer": [[1, 2]]}), |_| unreachable!());
    assert_eq!(outcome, Outcome::Succeeded(json!([[1, 2]])));
    let runs = map_runs(&reports);
    assert_eq!(runs.len(), 2);
    let children = children(&reports);
    assert_eq!(children.len(), 3);
    assert_eq!(*runs[1].0.execution_arn, *children[0].0);
    assert_eq!(runs[1].0.label, "inner");
    assert!(runs.iter().all(|r| r.1 == Some(MapRunStatus::Succeeded)));
    let types: Vec<String> = children[0].1.iter().map(HistoryEvent::type_name).collect();
    assert!(types.contains(&"MapRunStarted".to_owned()), "{types:?}");
}

#[test]
fn inline_maps_and_express_executions_report_no_map_runs() {
    let inline = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#;
    assert!(
        run_reporting(inline, json!([1]), |_| unreachable!())
            .2
            .is_empty()
    );
    let def = distributed(
        r#""StartAt":"P","States":{"P":{"Type":"Pass","End":true}}"#,
        "",
    );
    let definition = Arc::new(check(&def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!([1])), false);
    core.advance(OffsetDateTime::UNIX_EPOCH);
    assert_eq!(core.outcome(), Some(&Outcome::Succeeded(json!([1]))));
    assert!(core.take_reports().is_empty());
}

#[test]
fn a_child_sees_its_own_execution_in_the_context_object() {
    // The children wait, so the two run interleaved with each other and with the parent.
    let def = r#"{"StartAt":"M","States":{
        "M":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.children",
            "ItemSelector":{"item.$":"$$.Map.Item.Value","parent.$":"$$.Execution.Id"},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"W","States":{
                "W":{"Type":"Wait","Seconds":1,"Next":"P"},
                "P":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","input.$":"$$.Execution.Input",
                    "machine.$":"$$.StateMachine.Id","parent.$":"$.parent"},"End":true}}},
            "Next":"After"},
        "After":{"Type":"Pass","Parameters":{"children.$":"$.children","id.$":"$$.Execution.Id"},"End":true}}}"#;
    let (outcome, _, reports) = run_reporting(def, json!({"items": [1, 2]}), |_| unreachable!());
    let Outcome::Succeeded(output) = outcome else {
        panic!("{outcome:?}");
    };
    let parent = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    assert_eq!(
        output["id"], parent,
        "the parent's context is back after the Map"
    );
    let children = children(&reports);
    assert_eq!(children.len(), 2);
    for (child, item) in children.iter().zip([1, 2]) {
        let seen = &output["children"][item - 1];
        assert_eq!(seen["id"], child.0.as_str());
        assert_eq!(seen["input"], json!({"item": item, "parent": parent}));
        assert_eq!(
            seen["parent"], parent,
            "the ItemSelector runs in the parent"
        );
        assert_eq!(
            seen["machine"],
            "arn:aws:states:us-east-1:123456789012:stateMachine:m/M"
        );
    }
}

/// `(type, previousEventId)` of each event.
fn kinds(history: &[HistoryEvent]) -> Vec<(String, u64)> {
    history
        .iter()
        .map(|e| (e.type_name(), e.previous_event_id))
        .collect()
}

#[test]
fn a_failing_branch_aborts_its_own_task_and_its_siblings_states() {
    // Branch 0 waits; branch 1's Task fails. AWS records the failed Task as aborted too
    // (TaskFailed, then TaskStateAborted), and every sibling's state in flight.
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}]}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!({})), true);
    let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
    let Some((frame, token)) = effects.iter().find_map(|e| match e {
        Effect::Task { frame, token, .. } => Some((*frame, *token)),
        _ => None,
    }) else {
        panic!("the Task's work: {effects:?}")
    };
    core.wake(Wake::Task {
        frame,
        token,
        result: Err(Failure::new("Boom", "it broke")),
    });
    core.advance(OffsetDateTime::UNIX_EPOCH);
    let history = core.take_history();
    let kinds = kinds(&history);
    let id_of = |kind: &str| {
        history
            .iter()
            .find(|e| e.type_name() == kind)
            .map(|e| e.id)
            .unwrap_or_else(|| panic!("no {kind} in {kinds:?}"))
    };
    let task_failed = id_of("TaskFailed");
    let wait_entered = id_of("WaitStateEntered");
    assert!(kinds.contains(&("TaskStateAborted".to_owned(), task_failed)));
    assert!(kinds.contains(&("WaitStateAborted".to_owned(), wait_entered)));
    let tail: Vec<&str> = kinds[kinds.len() - 2..]
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(tail, ["ParallelStateFailed", "ExecutionFailed"]);
}

#[test]
fn a_failing_map_aborts_its_running_iterations() {
    // Item 0 waits, item 1 fails at once: the Map fails and iteration 0 is aborted.
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":1,"Next":"F"}],"Default":"W"},
            "W":{"Type":"Wait","Seconds":10,"End":true},
            "F":{"Type":"Fail","Error":"E"}}}}}}"#;
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let mut core = Core::start(definition, info(json!([0, 1])), true);
    core.advance(OffsetDateTime::UNIX_EPOCH);
    let history = core.take_history();
    let kinds = kinds(&history);
    let wait_entered = history
        .iter()
        .find(|e| e.type_name() == "WaitStateEntered")
        .map(|e| e.id)
        .unwrap();
    let position = |kind: &str| kinds.iter().position(|(k, _)| k == kind);
    assert_eq!(
        kinds[position("WaitStateAborted").unwrap()],
        ("WaitStateAborted".to_owned(), wait_entered)
    );
    assert!(position("WaitStateAborted") < position("MapIterationAborted"));
    assert!(position("MapIterationFailed") < position("MapIterationAborted"));
    assert!(position("MapIterationAborted") < position("MapStateFailed"));
    assert!(matches!(core.outcome(), Some(Outcome::Failed(_))));
}

/// Runs `def` with `input` until it fails (every Task failing), then redrives it with every
/// Task answering `{"ok": <its parameters>}`: the outcome and the redrive's history.
fn fail_then_redrive(def: &str, input: Value) -> (Outcome, Vec<HistoryEvent>) {
    let mut core = started(def, input);
    let (outcome, history, _) = drive(&mut core, |_| Err(Failure::new("Boom", "down")));
    assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
    let mut redriven = redriven(&mut core, def, &history);
    let (outcome, history, _) = drive(&mut redriven, |p| Ok(json!({ "ok": p })));
    (outcome, history)
}

/// The first redrive of `core`, an execution of `def` that ended with `history`.
fn redriven(core: &mut Core, def: &str, history: &[HistoryEvent]) -> Core {
    let point = core.take_redrive_point().expect("a redrive point");
    let definition = Arc::new(check(def, MachineType::Standard).definition.unwrap());
    let last = history.last().map_or(0, |e| e.id);
    Core::redrive(
        definition,
        info(json!({})),
        point,
        last,
        1,
        OffsetDateTime::UNIX_EPOCH,
    )
}

/// The names of the states entered in `history`, in order.
fn entered(history: &[HistoryEvent]) -> Vec<String> {
    history
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::StateEntered { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// What the reports say each child processed: its input and item count, in start order.
fn child_inputs(reports: &[Report]) -> Vec<(Value, usize)> {
    reports
        .iter()
        .filter_map(|report| match report {
            Report::ChildStarted { info, items, .. } => Some((info.input.clone(), *items)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_redriven_parallel_runs_only_its_failed_and_aborted_branches_from_where_they_stopped() {
    // Branch 0 succeeds; branch 1 fails in its second state; branch 2 is aborted in its Wait.
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"Done","States":{"Done":{"Type":"Pass","Result":"kept","End":true}}},
        {"StartAt":"Before","States":{
            "Before":{"Type":"Pass","Result":{"n":1},"Next":"T"},
            "T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"FunctionName":"f","n.$":"$.n"},"End":true}}},
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"After"},
            "After":{"Type":"Pass","Result":"waited","End":true}}}]}}}"#;
    let (outcome, history) = fail_then_redrive(def, json!({}));
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!([
            "kept",
            {"ok": {"FunctionName": "f", "n": 1}},
            "waited"
        ]))
    );
    assert_eq!(entered(&history), ["P", "T", "W", "After"]);
    assert_eq!(
        shape(&history)[..3],
        [
            format!(
                "{} {} ExecutionRedriven",
                history[0].id, history[0].previous_event_id
            ),
            format!(
                "{} {} ParallelStateEntered",
                history[0].id + 1,
                history[0].id
            ),
            format!(
                "{} {} ParallelStateStarted",
                history[0].id + 2,
                history[0].id + 1
            ),
        ]
    );
}

#[test]
fn a_redriven_map_runs_only_its_failed_and_unstarted_iterations() {
    // One at a time: items 0 and 1 succeed, item 2 fails in its Task, item 3 never starts.
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
        "ItemProcessor":{"StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"T"}],"Default":"Keep"},
            "Keep":{"Type":"Pass","End":true},
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}}}}"#;
    let (outcome, history) = fail_then_redrive(def, json!([0, 1, 2, 3]));
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!([0, 1, {"ok": {"FunctionName": "f"}}, 3]))
    );
    assert_eq!(entered(&history), ["M", "T", "C", "Keep"]);
    let started: Vec<usize> = history
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::MapIteration {
                phase: IterationPhase::Started,
                index,
                ..
            } => Some(*index),
            _ => None,
        })
        .collect();
    assert_eq!(started, [2, 3]);
}

#[test]
fn a_redrive_resumes_nested_parallels_inside_map_iterations() {
    // Each item runs a Parallel whose second branch calls a Task that fails the first time.
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"Item.$":"$"},"End":true}}}]}}}}}}"#;
    let (outcome, history) = fail_then_redrive(def, json!([7]));
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!([[7, {"ok": {"Item": 7}}]]))
    );
    assert_eq!(entered(&history), ["M", "P", "T"]);
}

#[test]
fn a_retried_parallel_runs_every_branch_again() {
    // The redrive point of a retried failure is the last attempt's, not the first's.
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
        "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":1,"IntervalSeconds":1}],
        "Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{},"End":true}}}]}}}"#;
    let mut core = started(def, json!({}));
    let (_, history, _) = drive(&mut core, |_| Err(Failure::new("Boom", "down")));
    assert_eq!(entered(&history), ["P", "A", "T", "A", "T"]);
}

#[test]
fn a_redrive_redrives_the_same_map_run_and_only_its_unsuccessful_children() {
    // Item 2's Task fails the run; items 1 and 3 succeed.
    let processor = r#""StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"T"}],"Default":"P"},
        "P":{"Type":"Pass","End":true},
        "T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"n.$":"$"},"End":true}}"#;
    let def = distributed(processor, "");
    let mut core = started(&def, json!([1, 2, 3]));
    let (outcome, history, reports) = drive(&mut core, |_| Err(Failure::new("Boom", "down")));
    assert!(matches!(outcome, Outcome::Failed(_)));
    let (run, _) = map_runs(&reports).remove(0);
    let first = children(&reports);
    let failed = first
        .iter()
        .find(|c| matches!(c.2, Some(Outcome::Failed(_))))
        .expect("a failed child");
    let (failed_arn, failed_events) = (failed.0.clone(), failed.1.len() as u64);

    let mut redriven = redriven(&mut core, &def, &history);
    let (outcome, history, reports) = drive(&mut redriven, |p| Ok(json!({ "ok": p })));
    assert_eq!(outcome, Outcome::Succeeded(json!([1, {"ok": {"n": 2}}, 3])));
    assert_eq!(
        history.iter().map(|e| e.type_name()).collect::<Vec<_>>(),
        [
            "ExecutionRedriven",
            "MapStateEntered",
            "MapStateStarted",
            "MapRunRedriven",
            "MapRunSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert!(matches!(
        &history[3].kind,
        EventKind::MapRunRedriven { map_run_arn, redrive_count: 1 } if **map_run_arn == *run.map_run_arn
    ));
    // No new child: the failed one is redriven, its history going on after its failure.
    assert!(
        !reports
            .iter()
            .any(|r| matches!(r, Report::MapRunStarted(_) | Report::ChildStarted { .. }))
    );
    assert!(reports.iter().any(|r| matches!(r,
        Report::MapRunEnded { map_run_arn, status: MapRunStatus::Succeeded, .. }
            if *map_run_arn == run.map_run_arn)));
    let redriven_children: Vec<&Arc<str>> = reports
        .iter()
        .filter_map(|r| match r {
            Report::ChildRedriven { execution_arn, .. } => Some(execution_arn),
            _ => None,
        })
        .collect();
    assert_eq!(redriven_children, [&Arc::<str>::from(failed_arn.as_str())]);
    let child_events: Vec<(u64, u64, String)> = reports
        .iter()
        .filter_map(|r| match r {
            Report::ChildEvent { event, .. } => {
                Some((event.id, event.previous_event_id, event.type_name()))
            }
            _ => None,
        })
        .collect();
    let redriven_id = failed_events + 1;
    assert_eq!(
        child_events[0],
        (redriven_id, failed_events, "ExecutionRedriven".to_owned())
    );
    assert_eq!(child_events[1].2, "TaskStateEntered");
    assert_eq!(child_events.last().unwrap().2, "ExecutionSucceeded");
}

/// A Pass processor: each child's output is its input.
const PASS: &str = r#""StartAt":"P","States":{"P":{"Type":"Pass","End":true}}"#;

#[test]
fn an_item_batcher_gives_each_child_a_batch_of_selected_items() {
    let def = distributed(
        PASS,
        r#""ItemsPath":"$.items","MaxConcurrency":1,
        "ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
        "ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k.$":"$.k","n":1}},"#,
    );
    let input = json!({"items": ["a", "b", "c"], "k": "K"});
    let (outcome, history, reports) = run_reporting(&def, input, |_| unreachable!());
    let batch_input = json!({"k": "K", "n": 1});
    let first =
        json!({"BatchInput": batch_input, "Items": [{"v": "a", "i": 0}, {"v": "b", "i": 1}]});
    let second = json!({"BatchInput": batch_input, "Items": [{"v": "c", "i": 2}]});
    // One result per batch: each child's output.
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!([first.clone(), second.clone()]))
    );
    assert_eq!(child_inputs(&reports), [(first, 2), (second, 1)]);
    // MapStateStarted and the Map Run count items; the run has one child per batch.
    assert!(matches!(
        history[2].kind,
        EventKind::MapStateStarted { length: 3 }
    ));
    let runs = map_runs(&reports);
    assert_eq!((runs[0].0.items, runs[0].0.children), (3, 2));
    assert_eq!(runs[0].1, Some(MapRunStatus::Succeeded));
}

#[test]
fn batches_close_at_the_byte_limit_read_by_path() {
    // {"Items":["aaaa","bbbb"]} is 25 bytes, a third item makes 32.
    let def = distributed(
        PASS,
        r#""ItemsPath":"$.items","ItemBatcher":{"MaxInputBytesPerBatchPath":"$.bytes"},"#,
    );
    let input = json!({"items": ["aaaa", "bbbb", "cccc"], "bytes": 31});
    let (outcome, _, _) = run_reporting(&def, input, |_| unreachable!());
    assert_eq!(
        outcome,
        Outcome::Succeeded(json!([{"Items": ["aaaa", "bbbb"]}, {"Items": ["cccc"]}]))
    );
}

#[test]
fn tolerated_failures_count_the_items_of_failed_batches() {
    // A batch whose first item is "bad" fails: its two items fail with it.
    let processor = r#""StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$.Items[0]","StringEquals":"bad","Next":"F"}],"Default":"P"},
        "F":{"Type":"Fail","Error":"Bad","Cause":"a bad batch"},
        "P":{"Type":"Pass","End":true}}"#;
    let input = json!(["bad", "x", "good", "good"]);
    let with = |tolerance: &str| {
        let extra = format!(r#"{tolerance},"ItemBatcher":{{"MaxItemsPerBatch":2}},"#);
        run_reporting(
            &distributed(processor, &extra),
            input.clone(),
            |_| unreachable!(),
        )
        .0
    };
    let exceeded = Outcome::Failed(ErrorDetails {
        error: Some("States.ExceedToleratedFailureThreshold".into()),
        cause: Some("The specified tolerated failure threshold was exceeded".into()),
    });
    assert_eq!(with(r#""ToleratedFailureCount":1"#), exceeded);
    assert!(matches!(
        with(r#""ToleratedFailureCount":2"#),
        Outcome::Succeeded(_)
    ));
    // 2 of 4 items is 50 %, though 1 of 2 children.
    assert_eq!(with(r#""ToleratedFailurePercentage":49"#), exceeded);
    assert!(matches!(
        with(r#""ToleratedFailurePercentage":50"#),
        Outcome::Succeeded(_)
    ));
}

#[test]
fn batch_limits_read_by_path_must_be_positive_integers() {
    let def = distributed(PASS, r#""ItemBatcher":{"MaxItemsPerBatchPath":"$[0]"},"#);
    let cause = |input| failure(&def, input).cause.unwrap_or_default();
    assert_eq!(
        failure(&def, json!([0])).error.as_deref(),
        Some("States.Runtime")
    );
    assert_eq!(
        cause(json!([0])),
        "An error occurred while executing the state 'M' (entered at the event id #2). The MaxItemsPerBatchPath field refers to value \"0\" which is not a positive integer: $[0]"
    );
    assert_eq!(
        cause(json!(["many"])),
        "An error occurred while executing the state 'M' (entered at the event id #2). The MaxItemsPerBatchPath field refers to value \"many\" which is not a valid integer: $[0]"
    );
    // Like the Map's other settings, written as a string it counts.
    assert_eq!(
        output(&def, json!(["1", 2])),
        json!([{"Items": ["1"]}, {"Items": [2]}])
    );
}

#[test]
fn an_item_too_large_for_a_batch_fails_the_map_state() {
    let def = r#"{"StartAt":"M","States":{
        "M":{"Type":"Map","ItemBatcher":{"MaxInputBytesPerBatch":16},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
            "Catch":[{"ErrorEquals":["States.ItemReaderFailed"],"Next":"Caught"}],"Next":"Caught"},
        "Caught":{"Type":"Pass","End":true}}}"#;
    // {"Items":[1]} fits in 16 bytes, {"Items":["long"]} does not.
    let (outcome, history, reports) = run_reporting(def, json!([1, "long"]), |_| unreachable!());
    let Outcome::Succeeded(output) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(output["Error"], "States.ItemReaderFailed");
    let types: Vec<String> = history.iter().map(HistoryEvent::type_name).collect();
    assert_eq!(
        types[..5],
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapStateFailed",
            "MapStateExited"
        ]
    );
    assert!(map_runs(&reports).is_empty(), "no Map Run starts");
}

#[test]
fn jsonata_item_batchers_evaluate_their_expressions() {
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map",
        "Items":"{% $states.input.items %}",
        "ItemSelector":"{% $states.context.Map.Item.Value * 10 %}",
        "ItemBatcher":{"MaxItemsPerBatch":"{% $states.input.size %}",
            "BatchInput":{"total":"{% $count($states.input.items) %}"}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
        "End":true}}}"#;
    assert_eq!(
        output(def, json!({"items": [1, 2, 3], "size": 2})),
        json!([
            {"BatchInput": {"total": 3}, "Items": [10, 20]},
            {"BatchInput": {"total": 3}, "Items": [30]}
        ])
    );
    let zero = failure(def, json!({"items": [1], "size": 0}));
    assert_eq!(zero.error.as_deref(), Some("States.Runtime"));
}

/// A Map over `items` items, each iteration a Pass (four events an iteration).
fn map_of(items: usize) -> (String, Value) {
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    (definition.to_owned(), json!((0..items).collect::<Vec<_>>()))
}

#[test]
fn a_history_that_would_pass_25000_events_fails_the_execution() {
    let (definition, input) = map_of(10_000);
    let (outcome, history) = run(&definition, input);
    let Outcome::Failed(details) = outcome else {
        panic!("expected a failure, got {outcome:?}");
    };
    assert_eq!(details.error.as_deref(), Some("States.Runtime"));
    assert!(details.cause.unwrap().contains("25000"));
    let last = history.last().unwrap();
    assert_eq!((history.len(), last.id), (25_000, 25_000));
    assert_eq!(last.type_name(), "ExecutionFailed");
}

#[test]
fn a_history_just_under_the_limit_succeeds() {
    // 6,000 iterations: 24,000 events and the Map's and execution's own.
    let (definition, input) = map_of(6_000);
    let (outcome, history) = run(&definition, input);
    assert!(matches!(outcome, Outcome::Succeeded(_)), "{outcome:?}");
    assert!(history.len() < 25_000);
}

#[test]
fn express_executions_keep_no_history_and_have_no_event_limit() {
    let (definition, input) = map_of(10_000);
    let outcome = check(&definition, MachineType::Standard);
    let mut core = Core::start(Arc::new(outcome.definition.unwrap()), info(input), false);
    let (outcome, _, _) = drive(&mut core, |_| Err(Failure::new("Unexpected", "no task")));
    assert!(matches!(outcome, Outcome::Succeeded(_)), "{outcome:?}");
}

#[test]
fn an_internal_failure_ends_the_execution_as_failed() {
    let mut core = started(
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}"#,
        json!({}),
    );
    core.advance(OffsetDateTime::UNIX_EPOCH);
    core.fail_internally(OffsetDateTime::UNIX_EPOCH);
    let Some(Outcome::Failed(details)) = core.outcome() else {
        panic!("expected a failure, got {:?}", core.outcome());
    };
    assert_eq!(details.error.as_deref(), Some("States.Runtime"));
    let history = core.take_history();
    assert_eq!(history.last().unwrap().type_name(), "ExecutionFailed");
}

/// A JSONata duration's result outside its documented range ("an integer value from 0 to
/// 99999999"; timeouts and heartbeats are positive) fails the state with
/// `States.QueryEvaluationError` after an `EvaluationFailed` event, like any unusable result.
#[test]
fn jsonata_durations_outside_their_ranges_fail_the_state() {
    let wait = |seconds: &str| {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"W","States":{{"W":{{"Type":"Wait","Seconds":"{{% {seconds} %}}","End":true}}}}}}"#
        )
    };
    let task = |field: &str, seconds: &str| {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"T","States":{{"T":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{{}},"{field}":"{{% {seconds} %}}","End":true}}}}}}"#
        )
    };
    let prefix = |state: &str| {
        format!(
            "An error occurred while executing the state '{state}' (entered at the event id #2). "
        )
    };
    let cases = [
        (
            wait("-1"),
            "W",
            "The JSONata expression '-1' specified for the field 'Seconds' returned a value out of range. Expected an integer between 0 and 99999999, but was: -1",
        ),
        (
            wait("100000000"),
            "W",
            "The JSONata expression '100000000' specified for the field 'Seconds' returned a value out of range. Expected an integer between 0 and 99999999, but was: 100000000",
        ),
        (
            wait("1.5"),
            "W",
            "The JSONata expression '1.5' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5",
        ),
        (
            wait("'5'"),
            "W",
            "The JSONata expression ''5'' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"5\"",
        ),
        (
            task("TimeoutSeconds", "0"),
            "T",
            "The JSONata expression '0' specified for the field 'TimeoutSeconds' returned a value out of range. Expected an integer between 1 and 99999999, but was: 0",
        ),
        (
            task("HeartbeatSeconds", "-3"),
            "T",
            "The JSONata expression '-3' specified for the field 'HeartbeatSeconds' returned a value out of range. Expected an integer between 1 and 99999999, but was: -3",
        ),
    ];
    for (definition, state, cause) in cases {
        let (outcome, history) = run(&definition, json!({}));
        let details = match outcome {
            Outcome::Failed(details) => details,
            other => panic!("{definition}: expected failure, got {other:?}"),
        };
        assert_eq!(
            details.error.as_deref(),
            Some("States.QueryEvaluationError")
        );
        assert_eq!(details.cause, Some(format!("{}{cause}", prefix(state))));
        let types: Vec<_> = history.iter().skip(2).map(|e| e.type_name()).collect();
        assert_eq!(
            types,
            ["EvaluationFailed", "ExecutionFailed"],
            "{definition}"
        );
    }
    // The bounds themselves are fine: a zero wait, a one-second timeout.
    assert_eq!(output(&wait("0"), json!({"a": 1})), json!({"a": 1}));
    assert!(schedules_its_task(&task("TimeoutSeconds", "1"), json!({})));
}

#[test]
fn jsonata_map_counts_outside_their_ranges_fail_the_state() {
    let map = |field: &str, value: &str| {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"M","States":{{"M":{{"Type":"Map","Items":[1],"{field}":"{{% {value} %}}","ItemProcessor":{{"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}}}}}"#
        )
    };
    let cases = [
        (
            "MaxConcurrency",
            "-1",
            "returned a value out of range. Expected an integer between 0 and 2147483647, but was: -1",
        ),
        (
            "ToleratedFailureCount",
            "2147483648",
            "returned a value out of range. Expected an integer between 0 and 2147483647, but was: 2147483648",
        ),
        (
            "MaxConcurrency",
            "0.5",
            "returned an unexpected result type. Expected 'integer', but was 'number' for value: 0.5",
        ),
    ];
    for (field, value, detail) in cases {
        let definition = map(field, value);
        let (outcome, _) = run(&definition, json!({}));
        let Outcome::Failed(details) = outcome else {
            panic!("{definition}: expected failure, got {outcome:?}");
        };
        assert_eq!(
            details.error.as_deref(),
            Some("States.QueryEvaluationError")
        );
        let expected = format!(
            "An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '{value}' specified for the field '{field}' {detail}"
        );
        assert_eq!(details.cause, Some(expected), "{definition}");
    }
    assert_eq!(output(&map("MaxConcurrency", "0"), json!({})), json!([1]));
}

#[test]
fn parameters_an_integration_does_not_take_fail_before_it_is_scheduled() {
    // No `Parameters`: the state input is the request, and it names a field Lambda lacks.
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}"#;
    let (outcome, history) = run(definition, json!({"FunctionName": "f", "Extra": 1}));
    let Outcome::Failed(details) = outcome else {
        panic!("expected failure, got {outcome:?}");
    };
    assert_eq!(details.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        details.cause.as_deref(),
        Some(
            r#"An error occurred while executing the state 'T' (entered at the event id #2). The Parameters '{"FunctionName":"f","Extra":1}' could not be used to start the Task: [The field "Extra" is not supported by Step Functions]"#
        )
    );
    let types: Vec<_> = history.iter().skip(1).map(|e| e.type_name()).collect();
    assert_eq!(types, ["TaskStateEntered", "ExecutionFailed"]);
    assert!(schedules_its_task(definition, json!({"FunctionName": "f"})));
}

/// Whether the Task `definition` starts with reaches `TaskScheduled`.
fn schedules_its_task(definition: &str, input: Value) -> bool {
    let mut core = started(definition, input);
    core.advance(OffsetDateTime::UNIX_EPOCH);
    let history = core.take_history();
    history.iter().any(|e| e.type_name() == "TaskScheduled")
}

/// `TimeoutSecondsPath` / `HeartbeatSecondsPath` read a positive integer no larger than the
/// constant's maximum; anything else fails the state with `States.Runtime` before the task is
/// scheduled (wording a guess: AWS's is not recorded).
#[test]
fn timeout_paths_read_positive_integers_in_range() {
    let def = |field: &str| {
        format!(
            r#"{{"StartAt":"T","States":{{"T":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{{"FunctionName":"f"}},"{field}":"$.s","End":true}}}}}}"#
        )
    };
    for (field, value) in [
        ("TimeoutSecondsPath", json!(0)),
        ("TimeoutSecondsPath", json!(-1)),
        ("TimeoutSecondsPath", json!(1.5)),
        ("TimeoutSecondsPath", json!(100_000_000)),
        ("HeartbeatSecondsPath", json!("10")),
    ] {
        let (outcome, history) = run(&def(field), json!({ "s": value }));
        let Outcome::Failed(details) = outcome else {
            panic!("{field} {value}: expected failure");
        };
        assert_eq!(details.error.as_deref(), Some("States.Runtime"));
        assert_eq!(
            details.cause,
            Some(format!(
                "An error occurred while executing the state 'T' (entered at the event id #2). The {field} field refers to value {value} which is not a valid positive integer: $.s"
            ))
        );
        let types: Vec<_> = history.iter().skip(2).map(|e| e.type_name()).collect();
        assert_eq!(types, ["ExecutionFailed"], "{field} {value}");
    }
    assert!(schedules_its_task(
        &def("TimeoutSecondsPath"),
        json!({"s": 99_999_999})
    ));
}

/// Empty `Assign` and `Output` objects: an empty `Assign` still records an (empty) list of
/// assigned variables on the state's exit, as a present `Assign` does (a guess: AWS's history
/// for it is not recorded); an empty `Output` makes the state's output `{}`, as recorded for
/// empty `Arguments`.
#[test]
fn empty_assign_and_output_objects() {
    for def in [
        r#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{},"Assign":{},"End":true}}}"#,
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{},"Assign":{},"End":true}}}"#,
    ] {
        let (outcome, history) = run(def, json!({"a": 1}));
        assert_eq!(outcome, Outcome::Succeeded(json!({})), "{def}");
        let EventKind::StateExited { assigned, .. } = &history[2].kind else {
            panic!("{:?}", history[2])
        };
        assert_eq!(assigned.as_deref(), Some(&[][..]), "{def}");
    }
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;
    let (_, history) = run(def, json!({}));
    let EventKind::StateExited { assigned, .. } = &history[2].kind else {
        panic!("{:?}", history[2])
    };
    assert_eq!(assigned, &None, "no Assign, no assigned variables");
}
