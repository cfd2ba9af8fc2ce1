//! One state run on its own: data flow, Retry/Catch verdicts and inspection data.

use super::*;
use crate::asl::validate::{self, MachineType};

fn state(definition: &str) -> State {
    let outcome = validate::check_state(definition, MachineType::Standard);
    outcome.state.expect("a valid state")
}

fn request(state: &State, input: Value, mock: Option<Mock>) -> Request<'_> {
    let now = OffsetDateTime::UNIX_EPOCH;
    Request {
        state,
        context: synthetic_context("us-east-1", "1", None, &input, LONE_STATE_NAME, 0, now),
        input,
        variables: serde_json::Map::new(),
        mock,
        configuration: Configuration::default(),
        now,
    }
}

fn done(request: Request<'_>) -> Outcome {
    match start(request) {
        Ok(Progress::Done(outcome)) => *outcome,
        other => panic!("expected an outcome, got {other:?}"),
    }
}

fn mock_error(error: &str) -> Option<Mock> {
    Some(Mock::Error(Failure::new(error, "c")))
}

#[test]
fn pass_reports_every_json_path_step() {
    let pass = state(
        r#"{"Type":"Pass","InputPath":"$.a","Parameters":{"v.$":"$.b"},"ResultPath":"$.r","Next":"N"}"#,
    );
    let outcome = done(request(&pass, json!({"a": {"b": 1}}), None));
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(outcome.output, Some(json!({"a": {"b": 1}, "r": {"v": 1}})));
    assert_eq!(outcome.next_state.as_deref(), Some("N"));
    let inspection = outcome.inspection;
    assert_eq!(inspection.after_input_path, Some(json!({"b": 1})));
    assert_eq!(inspection.after_parameters, Some(json!({"v": 1})));
    assert_eq!(inspection.after_result_selector, Some(json!({"v": 1})));
    assert_eq!(inspection.result, None);
}

#[test]
fn jsonata_now_is_the_time_the_state_was_entered() {
    let pass = state(
        r#"{"Type":"Pass","QueryLanguage":"JSONata","Output":["{% $now() %}","{% $states.context.State.EnteredTime %}"],"End":true}"#,
    );
    let mut test = request(&pass, json!({}), None);
    test.now = time::macros::datetime!(2024-01-01 00:00:00.25 UTC);
    test.context = synthetic_context("us-east-1", "1", None, &json!({}), "S", 0, test.now);
    let outcome = done(test);
    let entered = "2024-01-01T00:00:00.250Z";
    assert_eq!(outcome.output, Some(json!([entered, entered])));
}

#[test]
fn choice_names_the_next_state() {
    let choice = state(
        r#"{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}"#,
    );
    let big = done(request(&choice, json!({"n": 2}), None));
    assert_eq!(big.next_state.as_deref(), Some("Big"));
    let small = done(request(&choice, json!({"n": 0}), None));
    assert_eq!(small.next_state.as_deref(), Some("Small"));
}

#[test]
fn retry_backs_off_by_the_attempts_made() {
    let task = state(
        r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["E"],"IntervalSeconds":1,"MaxAttempts":5,"BackoffRate":2}],"End":true}"#,
    );
    let mut retried = request(&task, json!({}), mock_error("E"));
    retried.configuration.retrier_retry_count = 4;
    let outcome = done(retried);
    assert_eq!(outcome.status, Status::Retriable);
    let details = outcome.inspection.error_details.expect("error details");
    assert_eq!(details.retry_backoff_interval_seconds, Some(16));
    let mut exhausted = request(&task, json!({}), mock_error("E"));
    exhausted.configuration.retrier_retry_count = 5;
    let outcome = done(exhausted);
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("E"));
}

#[test]
fn catch_places_the_error_output() {
    let task = state(
        r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Handle"}],"End":true}"#,
    );
    let outcome = done(request(&task, json!({"k": 1}), mock_error("E")));
    assert_eq!(outcome.status, Status::CaughtError);
    assert_eq!(outcome.next_state.as_deref(), Some("Handle"));
    assert_eq!(
        outcome.output,
        Some(json!({"k": 1, "err": {"Error": "E", "Cause": "c"}}))
    );
    let details = outcome.inspection.error_details.expect("error details");
    assert_eq!(details.catch_index, Some(0));
}

#[test]
fn jsonata_output_and_assign_see_the_result() {
    let task = state(
        r#"{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"Payload":"{% $states.input.a %}"},"Output":"{% $states.result.v + 1 %}","Assign":{"seen":"{% $states.result.v %}"},"End":true}"#,
    );
    let outcome = done(request(
        &task,
        json!({"a": 3}),
        Some(Mock::Result(json!({"v": 41}))),
    ));
    assert_eq!(outcome.output, Some(json!(42)));
    assert_eq!(
        outcome.inspection.after_arguments,
        Some(json!({"Payload": 3}))
    );
    assert_eq!(outcome.inspection.variables, Some(json!({"seen": 41})));
}

#[test]
fn an_unmocked_task_waits_for_its_call() {
    let task = state(
        r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$.a"},"ResultPath":"$.r","End":true}"#,
    );
    let Ok(Progress::Call(pending)) = start(request(&task, json!({"a": 1}), None)) else {
        panic!("expected a call");
    };
    assert_eq!(
        pending.parameters,
        json!({"FunctionName": "f", "Payload": 1})
    );
    assert_eq!(pending.resource().arn, "arn:aws:states:::lambda:invoke");
    let outcome = pending.resume(Ok(json!(2)));
    assert_eq!(outcome.output, Some(json!({"a": 1, "r": 2})));
}

#[test]
fn an_unmocked_task_with_a_parameter_its_integration_lacks_is_not_called() {
    let task = state(r#"{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}"#);
    let outcome = done(request(&task, json!({"QueueUrl": "u", "Extra": 1}), None));
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    let cause = outcome.cause.unwrap_or_default();
    assert!(
        cause.ends_with(r#"[The field "Extra" is not supported by Step Functions]"#),
        "{cause}"
    );
}

#[test]
fn map_failures_beyond_the_tolerance_fail_it() {
    let map = state(
        r#"{"Type":"Map","ItemsPath":"$.items","ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
    );
    let with_failures = |failures| {
        let mut request = request(
            &map,
            json!({"items": [1, 2, 3]}),
            Some(Mock::Result(json!([1, 2, 3]))),
        );
        request.configuration.map_iteration_failure_count = Some(failures);
        start(request)
    };
    let Ok(Progress::Done(tolerated)) = with_failures(1) else {
        panic!("expected an outcome");
    };
    assert_eq!(tolerated.status, Status::Succeeded);
    assert_eq!(
        tolerated.inspection.after_items_path,
        Some(json!([1, 2, 3]))
    );
    assert_eq!(tolerated.inspection.max_concurrency, Some(0));
    let Ok(Progress::Done(exceeded)) = with_failures(2) else {
        panic!("expected an outcome");
    };
    assert_eq!(
        exceeded.error.as_deref(),
        Some(EXCEED_TOLERATED_FAILURE_THRESHOLD)
    );
    assert!(matches!(with_failures(4), Err(Invalid(_))));
}

#[test]
fn fail_states_fail() {
    let fail = state(r#"{"Type":"Fail","Error":"Oops","Cause":"why"}"#);
    let outcome = done(request(&fail, json!({}), None));
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("Oops"));
    assert_eq!(outcome.cause.as_deref(), Some("why"));
}

/// A Distributed Map around its own `fields` (with a trailing comma), processing with a Pass.
fn distributed_map(fields: &str) -> State {
    state(&format!(
        r#"{{"Type":"Map",{fields}"ItemProcessor":{{"ProcessorConfig":{{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}},"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
    ))
}

#[test]
fn map_inspection_shows_the_selected_items_and_the_batches() {
    let map = distributed_map(
        r#""ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value","k.$":"$.k"},"ItemBatcher":{"MaxItemsPerBatchPath":"$.size","BatchInput":{"k.$":"$.k"}},"#,
    );
    let input = json!({"items": [1, 2, 3], "k": "K", "size": 2});
    let mock = Some(Mock::Result(json!(["first", "second"])));
    let outcome = done(request(&map, input, mock));
    assert_eq!(outcome.status, Status::Succeeded);
    let selected = [
        json!({"v": 1, "k": "K"}),
        json!({"v": 2, "k": "K"}),
        json!({"v": 3, "k": "K"}),
    ];
    assert_eq!(
        outcome.inspection.after_item_selector,
        Some(json!(selected))
    );
    assert_eq!(
        outcome.inspection.after_item_batcher,
        Some(json!([
            {"BatchInput": {"k": "K"}, "Items": [selected[0], selected[1]]},
            {"BatchInput": {"k": "K"}, "Items": [selected[2]]}
        ]))
    );
}

#[test]
fn a_batched_map_s_iterations_are_its_batches() {
    let map = distributed_map(r#""ItemBatcher":{"MaxItemsPerBatch":2},"#);
    let with_failures = |failures| {
        let mut request = request(&map, json!([1, 2, 3, 4]), Some(Mock::Result(json!([]))));
        request.configuration.map_iteration_failure_count = Some(failures);
        start(request)
    };
    assert!(matches!(with_failures(2), Ok(Progress::Done(_))));
    assert!(matches!(with_failures(3), Err(Invalid(_))));
}

#[test]
fn map_inspection_without_a_selector_or_batcher_has_neither() {
    let map = distributed_map("");
    let outcome = done(request(&map, json!([1]), Some(Mock::Result(json!([1])))));
    assert_eq!(outcome.inspection.after_item_selector, None);
    assert_eq!(outcome.inspection.after_item_batcher, None);
}

#[test]
fn jsonata_map_inspection_shows_the_batches() {
    let map = state(
        r#"{"Type":"Map","QueryLanguage":"JSONata","Items":"{% $states.input.items %}","ItemSelector":"{% $states.context.Map.Item.Index %}","ItemBatcher":{"MaxItemsPerBatch":"{% $states.input.size %}"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
    );
    let input = json!({"items": ["a", "b", "c"], "size": 2});
    let outcome = done(request(&map, input, Some(Mock::Result(json!([])))));
    assert_eq!(
        outcome.inspection.after_item_selector,
        Some(json!([0, 1, 2]))
    );
    assert_eq!(
        outcome.inspection.after_item_batcher,
        Some(json!([{"Items": [0, 1]}, {"Items": [2]}]))
    );
    let zero = done(request(
        &map,
        json!({"items": [1], "size": 0}),
        Some(Mock::Result(json!([]))),
    ));
    assert_eq!(zero.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn map_settings_read_by_path_are_read_as_executions_read_them() {
    let map = state(
        r#"{"Type":"Map","ItemsPath":"$.items","MaxConcurrencyPath":"$.max","ToleratedFailurePercentagePath":"$.pct","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
    );
    let mock = || Some(Mock::Result(json!([])));
    let read = done(request(
        &map,
        json!({"items": [], "max": "2", "pct": 5}),
        mock(),
    ));
    assert_eq!(read.inspection.max_concurrency, Some(2));
    assert_eq!(read.inspection.tolerated_failure_percentage, Some(5.0));
    let out_of_range = done(request(
        &map,
        json!({"items": [], "max": 1, "pct": 100.5}),
        mock(),
    ));
    assert_eq!(
        out_of_range.cause.as_deref(),
        Some("ToleratedFailurePercentage must be between 0 and 100.")
    );
    let invalid = done(request(
        &map,
        json!({"items": [], "max": 1.5, "pct": 5}),
        mock(),
    ));
    assert_eq!(
        invalid.cause.as_deref(),
        Some(
            "The MaxConcurrencyPath field refers to value \"1.5\" which is not a valid integer: $.max"
        )
    );
}
