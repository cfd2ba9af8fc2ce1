//! The interpreter driven synchronously: timers fire at once, tasks are answered by a closure.

use super::*;
use crate::asl::validate::{MachineType, check};
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
    let outcome = check(definition, MachineType::Standard);
    let definition = Arc::new(
        outcome
            .definition
            .unwrap_or_else(|| panic!("invalid: {:?}", outcome.diagnostics)),
    );
    let mut core = Core::start(definition, info(input), true);
    let mut history = Vec::new();
    for _ in 0..10_000 {
        let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
        history.extend(core.take_history());
        if let Some(outcome) = core.outcome() {
            return (outcome.clone(), history);
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
