//! Distributed Map runs: DescribeMapRun, ListMapRuns, UpdateMapRun, the runs' child executions
//! (ListExecutions by Map Run, DescribeExecution, GetExecutionHistory,
//! DescribeStateMachineForExecution) and DescribeStateMachine on a Map's label ARN.

use aws_sdk_sfn::types::{
    ExecutionStatus, HistoryEventType, MapRunStatus, StateMachineType, ValidationExceptionReason,
};
use conformance_tests::{InProcess, create_machine, error_code, finished, start};
use serde_json::{Value, json};
use stepstone::config::Config;

/// The item processor of the Distributed Maps below: items that are `"bad"` fail.
const PROCESSOR: &str = r#"{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Check","States":{"Check":{"Type":"Choice","Choices":[{"Variable":"$","StringEquals":"bad","Next":"Fail"}],"Default":"Done"},"Fail":{"Type":"Fail","Error":"Bad","Cause":"a bad item"},"Done":{"Type":"Pass","End":true}}}"#;

/// A machine whose Distributed Map `Label`led "items" runs [`PROCESSOR`] over the input, with
/// the Map's `extra` members.
fn definition(extra: &str) -> String {
    format!(
        r#"{{"StartAt":"Each","States":{{"Each":{{"Type":"Map","Label":"items",{extra}"ItemProcessor":{PROCESSOR},"End":true}}}}}}"#
    )
}

/// A machine whose Distributed Map (of `execution_type` children) waits `seconds` per item.
fn waiting(execution_type: &str, seconds: u64, extra: &str) -> String {
    format!(
        r#"{{"StartAt":"Each","States":{{"Each":{{"Type":"Map","Label":"items",{extra}"ItemProcessor":{{"ProcessorConfig":{{"Mode":"DISTRIBUTED","ExecutionType":"{execution_type}"}},"StartAt":"W","States":{{"W":{{"Type":"Wait","Seconds":{seconds},"End":true}}}}}},"End":true}}}}}}"#
    )
}

async fn machine(sfn: &aws_sdk_sfn::Client, definition: &str) -> String {
    create_machine(sfn, "m", definition).await
}

/// The only Map Run of an execution.
async fn only_map_run(sfn: &aws_sdk_sfn::Client, execution_arn: &str) -> String {
    let runs = sfn
        .list_map_runs()
        .execution_arn(execution_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(runs.map_runs().len(), 1, "{runs:?}");
    runs.map_runs()[0].map_run_arn().to_owned()
}

/// Polls DescribeMapRun (yielding to the server's tasks, never sleeping) until `reached`.
async fn map_run_until(
    sfn: &aws_sdk_sfn::Client,
    map_run_arn: &str,
    reached: impl Fn(&aws_sdk_sfn::operation::describe_map_run::DescribeMapRunOutput) -> bool,
) -> aws_sdk_sfn::operation::describe_map_run::DescribeMapRunOutput {
    for _ in 0..100_000 {
        let run = sfn
            .describe_map_run()
            .map_run_arn(map_run_arn)
            .send()
            .await
            .unwrap();
        if reached(&run) {
            return run;
        }
        tokio::task::yield_now().await;
    }
    panic!("Map Run {map_run_arn} never got there");
}

#[tokio::test]
async fn describe_map_run_counts_a_tolerated_failure() {
    let sfn = InProcess::new().sfn();
    let arn = machine(
        &sfn,
        &definition(r#""MaxConcurrency":2,"ToleratedFailureCount":1,"#),
    )
    .await;
    let execution = start(&sfn, &arn, &json!(["a", "bad", "b"])).await;
    let done = finished(&sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    let map_run_arn = only_map_run(&sfn, &execution).await;
    assert!(
        map_run_arn.starts_with("arn:aws:states:us-east-1:123456789012:mapRun:m/items:"),
        "{map_run_arn}"
    );
    let run = sfn
        .describe_map_run()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(run.map_run_arn(), map_run_arn);
    assert_eq!(run.execution_arn(), execution);
    assert_eq!(run.status(), &MapRunStatus::Succeeded);
    assert!(run.stop_date().is_some());
    assert_eq!(run.max_concurrency(), 2);
    assert_eq!(run.tolerated_failure_count(), 1);
    assert_eq!(run.tolerated_failure_percentage(), 0.0);
    assert_eq!(run.redrive_count(), Some(0));
    for counts in [
        (
            run.item_counts().unwrap().pending(),
            run.item_counts().unwrap().running(),
            run.item_counts().unwrap().succeeded(),
            run.item_counts().unwrap().failed(),
            run.item_counts().unwrap().aborted(),
            run.item_counts().unwrap().total(),
            run.item_counts().unwrap().results_written(),
        ),
        (
            run.execution_counts().unwrap().pending(),
            run.execution_counts().unwrap().running(),
            run.execution_counts().unwrap().succeeded(),
            run.execution_counts().unwrap().failed(),
            run.execution_counts().unwrap().aborted(),
            run.execution_counts().unwrap().total(),
            run.execution_counts().unwrap().results_written(),
        ),
    ] {
        assert_eq!(counts, (0, 0, 2, 1, 0, 3, 2));
    }
}

#[tokio::test]
async fn a_map_runs_children_are_executions_of_the_label_qualified_machine() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, &definition(r#""ToleratedFailureCount":1,"#)).await;
    let execution = start(&sfn, &arn, &json!(["a", "bad", "b"])).await;
    finished(&sfn, &execution).await;

    let runs = sfn
        .list_map_runs()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let [run] = runs.map_runs() else {
        panic!("{runs:?}");
    };
    assert_eq!(run.execution_arn(), execution);
    assert_eq!(run.state_machine_arn(), format!("{arn}/items"));
    assert!(run.stop_date().is_some());
    // The parent's own history holds the run, not the children.
    let history = sfn
        .get_execution_history()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let types: Vec<&HistoryEventType> = history.events().iter().map(|e| e.r#type()).collect();
    assert_eq!(
        types,
        [
            &HistoryEventType::ExecutionStarted,
            &HistoryEventType::MapStateEntered,
            &HistoryEventType::MapStateStarted,
            &HistoryEventType::MapRunStarted,
            &HistoryEventType::MapRunSucceeded,
            &HistoryEventType::MapStateSucceeded,
            &HistoryEventType::MapStateExited,
            &HistoryEventType::ExecutionSucceeded,
        ]
    );
    let started = history.events()[3].map_run_started_event_details().unwrap();
    assert_eq!(started.map_run_arn(), Some(run.map_run_arn()));

    let children = sfn
        .list_executions()
        .map_run_arn(run.map_run_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(children.executions().len(), 3);
    for child in children.executions() {
        assert_eq!(child.map_run_arn(), Some(run.map_run_arn()));
        assert_eq!(child.state_machine_arn(), format!("{arn}/items"));
        assert_eq!(child.item_count(), Some(1));
        assert!(
            child
                .execution_arn()
                .starts_with("arn:aws:states:us-east-1:123456789012:execution:m/items:"),
            "{}",
            child.execution_arn()
        );
    }
    let failed = sfn
        .list_executions()
        .map_run_arn(run.map_run_arn())
        .status_filter(ExecutionStatus::Failed)
        .send()
        .await
        .unwrap();
    let [failed] = failed.executions() else {
        panic!("{failed:?}");
    };
    let page = sfn
        .list_executions()
        .map_run_arn(run.map_run_arn())
        .max_results(2)
        .send()
        .await
        .unwrap();
    assert_eq!(page.executions().len(), 2);
    let rest = sfn
        .list_executions()
        .map_run_arn(run.map_run_arn())
        .max_results(2)
        .next_token(page.next_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(rest.executions().len(), 1);
    assert!(rest.next_token().is_none());
    // The machine's own listing shows the parent only.
    let listed = sfn
        .list_executions()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.executions().len(), 1);

    let described = sfn
        .describe_execution()
        .execution_arn(failed.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.status(), &ExecutionStatus::Failed);
    assert_eq!(described.input(), Some(r#""bad""#));
    assert_eq!(described.error(), Some("Bad"));
    assert_eq!(described.cause(), Some("a bad item"));
    assert_eq!(described.map_run_arn(), Some(run.map_run_arn()));
    assert_eq!(described.state_machine_arn(), format!("{arn}/items"));
    let history = sfn
        .get_execution_history()
        .execution_arn(failed.execution_arn())
        .send()
        .await
        .unwrap();
    let shape: Vec<(i64, i64, &HistoryEventType)> = history
        .events()
        .iter()
        .map(|e| (e.id(), e.previous_event_id(), e.r#type()))
        .collect();
    assert_eq!(
        shape,
        [
            (1, 0, &HistoryEventType::ExecutionStarted),
            (2, 0, &HistoryEventType::ChoiceStateEntered),
            (3, 2, &HistoryEventType::ChoiceStateExited),
            (4, 3, &HistoryEventType::FailStateEntered),
            (5, 4, &HistoryEventType::ExecutionFailed),
        ]
    );
    let failure = history.events()[4]
        .execution_failed_event_details()
        .unwrap();
    assert_eq!(failure.error(), Some("Bad"));

    let succeeded = children
        .executions()
        .iter()
        .find(|c| c.status() == &ExecutionStatus::Succeeded)
        .unwrap();
    let described = sfn
        .describe_execution()
        .execution_arn(succeeded.execution_arn())
        .send()
        .await
        .unwrap();
    let output: Value = serde_json::from_str(described.output().unwrap()).unwrap();
    assert_eq!(
        Some(output.to_string()),
        described.input().map(str::to_owned)
    );
    let machine = sfn
        .describe_state_machine_for_execution()
        .execution_arn(succeeded.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(machine.state_machine_arn(), format!("{arn}/items"));
    assert_eq!(machine.map_run_arn(), Some(run.map_run_arn()));
    assert_eq!(machine.label(), Some("items"));
    let processor: Value = serde_json::from_str(machine.definition()).unwrap();
    assert_eq!(processor, serde_json::from_str::<Value>(PROCESSOR).unwrap());
}

#[tokio::test]
async fn list_map_runs_pages_and_knows_its_executions() {
    let sfn = InProcess::new().sfn();
    // The Map runs three times: three Map Runs.
    let definition = format!(
        r#"{{"StartAt":"Each","States":{{
            "Each":{{"Type":"Map","Label":"items","ItemsPath":"$.items","ResultPath":null,"ItemProcessor":{PROCESSOR},"Next":"Count"}},
            "Count":{{"Type":"Pass","Parameters":{{"items.$":"$.items","left.$":"States.MathAdd($.left, -1)"}},"Next":"Again"}},
            "Again":{{"Type":"Choice","Choices":[{{"Variable":"$.left","NumericGreaterThan":0,"Next":"Each"}}],"Default":"Finish"}},
            "Finish":{{"Type":"Succeed"}}}}}}"#
    );
    let arn = machine(&sfn, &definition).await;
    let execution = start(&sfn, &arn, &json!({"items": ["a"], "left": 3})).await;
    finished(&sfn, &execution).await;
    let first = sfn
        .list_map_runs()
        .execution_arn(&execution)
        .max_results(2)
        .send()
        .await
        .unwrap();
    assert_eq!(first.map_runs().len(), 2);
    let rest = sfn
        .list_map_runs()
        .execution_arn(&execution)
        .max_results(2)
        .next_token(first.next_token().expect("a second page"))
        .send()
        .await
        .unwrap();
    assert_eq!(rest.map_runs().len(), 1);
    assert!(rest.next_token().is_none());

    let missing = format!("{}:nope", arn.replace(":stateMachine:", ":execution:"));
    let err = sfn
        .list_map_runs()
        .execution_arn(&missing)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_execution_does_not_exist()
    );
}

#[tokio::test]
async fn describe_state_machine_on_a_label_arn_shows_the_item_processor() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, &definition("")).await;
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(format!("{arn}/items"))
        .send()
        .await
        .unwrap();
    assert_eq!(described.state_machine_arn(), format!("{arn}/items"));
    assert_eq!(described.label(), Some("items"));
    assert_eq!(described.r#type(), &StateMachineType::Standard);
    let processor: Value = serde_json::from_str(described.definition()).unwrap();
    assert_eq!(processor, serde_json::from_str::<Value>(PROCESSOR).unwrap());

    let err = sfn
        .describe_state_machine()
        .state_machine_arn(format!("{arn}/other"))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_does_not_exist()
    );
}

#[tokio::test]
async fn update_map_run_refuses_finished_and_unknown_runs() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, &definition("")).await;
    let execution = start(&sfn, &arn, &json!(["a"])).await;
    finished(&sfn, &execution).await;
    let map_run_arn = only_map_run(&sfn, &execution).await;
    let err = sfn
        .update_map_run()
        .map_run_arn(&map_run_arn)
        .max_concurrency(5)
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error();
    let validation = match &err {
        aws_sdk_sfn::operation::update_map_run::UpdateMapRunError::ValidationException(v) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        validation.reason(),
        Some(&ValidationExceptionReason::CannotUpdateCompletedMapRun)
    );

    let unknown = format!("{}:0d5a8b4c-2d0e-4f0c-9a7e-1c2b3d4e5f60", {
        let (base, _) = map_run_arn.rsplit_once(':').unwrap();
        base.to_owned()
    });
    let err = sfn
        .update_map_run()
        .map_run_arn(&unknown)
        .max_concurrency(5)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ResourceNotFound");
}

#[tokio::test]
async fn update_map_run_lets_more_children_run_and_counts_are_live() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let arn = machine(&sfn, &waiting("STANDARD", 10, r#""MaxConcurrency":1,"#)).await;
    let execution = start(&sfn, &arn, &json!([1, 2, 3])).await;
    stepstone.recorded(&execution, "MapRunStarted").await;
    let map_run_arn = only_map_run(&sfn, &execution).await;
    let run = map_run_until(&sfn, &map_run_arn, |_| true).await;
    assert_eq!(run.status(), &MapRunStatus::Running);
    assert!(run.stop_date().is_none());
    let counts = run.execution_counts().unwrap();
    assert_eq!(
        (counts.pending(), counts.running(), counts.total()),
        (2, 1, 3)
    );

    sfn.update_map_run()
        .map_run_arn(&map_run_arn)
        .max_concurrency(3)
        .tolerated_failure_percentage(50.0)
        .send()
        .await
        .unwrap();
    let run = map_run_until(&sfn, &map_run_arn, |run| {
        run.execution_counts().unwrap().running() == 3
    })
    .await;
    assert_eq!(run.max_concurrency(), 3);
    assert_eq!(run.tolerated_failure_percentage(), 50.0);
    assert_eq!(run.execution_counts().unwrap().pending(), 0);

    stepstone.advance_clock(10).await;
    stepstone.ended(&execution).await;
    let run = sfn
        .describe_map_run()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(run.status(), &MapRunStatus::Succeeded);
    assert_eq!(run.execution_counts().unwrap().succeeded(), 3);
}

#[tokio::test]
async fn stopping_the_parent_aborts_its_map_run_and_running_children() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let arn = machine(&sfn, &waiting("STANDARD", 1000, r#""MaxConcurrency":2,"#)).await;
    let execution = start(&sfn, &arn, &json!([1, 2, 3])).await;
    stepstone.recorded(&execution, "MapRunStarted").await;
    let map_run_arn = only_map_run(&sfn, &execution).await;
    sfn.stop_execution()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let run = sfn
        .describe_map_run()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(run.status(), &MapRunStatus::Aborted);
    assert!(run.stop_date().is_some());
    let counts = run.execution_counts().unwrap();
    assert_eq!(
        (counts.pending(), counts.running(), counts.aborted()),
        (1, 0, 2)
    );
    let children = sfn
        .list_executions()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    assert_eq!(children.executions().len(), 2);
    for child in children.executions() {
        assert_eq!(child.status(), &ExecutionStatus::Aborted);
        let history = sfn
            .get_execution_history()
            .execution_arn(child.execution_arn())
            .reverse_order(true)
            .send()
            .await
            .unwrap();
        assert_eq!(
            history.events()[0].r#type(),
            &HistoryEventType::ExecutionAborted
        );
    }
}

#[tokio::test]
async fn stopping_a_child_aborts_it_and_counts_it_as_a_failed_item() {
    let stepstone = InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    });
    let sfn = stepstone.sfn();
    let arn = machine(
        &sfn,
        &waiting(
            "STANDARD",
            10,
            r#""MaxConcurrency":1,"ToleratedFailureCount":1,"#,
        ),
    )
    .await;
    let execution = start(&sfn, &arn, &json!([1, 2])).await;
    stepstone.recorded(&execution, "MapRunStarted").await;
    let map_run_arn = only_map_run(&sfn, &execution).await;
    let children = sfn
        .list_executions()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    let [first] = children.executions() else {
        panic!("one child runs at a time: {children:?}");
    };
    let stopped = sfn
        .stop_execution()
        .execution_arn(first.execution_arn())
        .error("Enough")
        .cause("stopped by hand")
        .send()
        .await
        .unwrap();
    let described = sfn
        .describe_execution()
        .execution_arn(first.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.status(), &ExecutionStatus::Aborted);
    assert_eq!(described.stop_date(), Some(stopped.stop_date()));
    assert_eq!(described.error(), Some("Enough"));
    assert_eq!(described.cause(), Some("stopped by hand"));
    // The run goes on with its next child: one failure is tolerated.
    let run = map_run_until(&sfn, &map_run_arn, |run| {
        run.execution_counts().unwrap().running() == 1
    })
    .await;
    let counts = run.execution_counts().unwrap();
    assert_eq!((counts.aborted(), counts.pending()), (1, 0));
    stepstone.advance_clock(10).await;
    stepstone.ended(&execution).await;
    let done = finished(&sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    let output: Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(
        output,
        json!([{"Error": "Enough", "Cause": "stopped by hand"}, 2])
    );
}

#[tokio::test]
async fn express_children_are_listed_and_described_but_keep_no_history() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn, &waiting("EXPRESS", 0, "")).await;
    let execution = start(&sfn, &arn, &json!([7])).await;
    finished(&sfn, &execution).await;
    let map_run_arn = only_map_run(&sfn, &execution).await;
    let children = sfn
        .list_executions()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    let [child] = children.executions() else {
        panic!("{children:?}");
    };
    assert!(
        child
            .execution_arn()
            .starts_with("arn:aws:states:us-east-1:123456789012:express:m/items:"),
        "{}",
        child.execution_arn()
    );
    let described = sfn
        .describe_execution()
        .execution_arn(child.execution_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.status(), &ExecutionStatus::Succeeded);
    assert_eq!(described.output(), Some("7"));
    assert_eq!(described.map_run_arn(), Some(map_run_arn.as_str()));
    let err = sfn
        .get_execution_history()
        .execution_arn(child.execution_arn())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "InvalidArn");
    let described = sfn
        .describe_state_machine()
        .state_machine_arn(format!("{arn}/items"))
        .send()
        .await
        .unwrap();
    assert_eq!(described.r#type(), &StateMachineType::Express);
}

#[tokio::test]
async fn a_batched_map_runs_one_child_per_batch_and_counts_items() {
    let sfn = InProcess::new().sfn();
    // A batch whose first item is "bad" fails, with both its items.
    let definition = r#"{"StartAt":"Each","States":{"Each":{"Type":"Map","Label":"batches",
        "ItemsPath":"$.items","ToleratedFailureCount":2,
        "ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"run.$":"$.run"}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"Check","States":{
                "Check":{"Type":"Choice","Choices":[{"Variable":"$.Items[0]","StringEquals":"bad","Next":"Fail"}],"Default":"Done"},
                "Fail":{"Type":"Fail","Error":"Bad","Cause":"a bad batch"},
                "Done":{"Type":"Pass","End":true}}},
        "End":true}}}"#;
    let arn = machine(&sfn, definition).await;
    let input = json!({"items": ["bad", "x", "a", "b", "c"], "run": 7});
    let execution = start(&sfn, &arn, &input).await;
    let done = finished(&sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded);
    // The Map's result: one element per batch, the failed one's error output included.
    let output: Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(
        output,
        json!([
            {"Error": "Bad", "Cause": "a bad batch"},
            {"BatchInput": {"run": 7}, "Items": ["a", "b"]},
            {"BatchInput": {"run": 7}, "Items": ["c"]}
        ])
    );
    let history = sfn
        .get_execution_history()
        .execution_arn(&execution)
        .send()
        .await
        .unwrap();
    let started = history.events()[2]
        .map_state_started_event_details()
        .unwrap();
    assert_eq!(started.length(), 5, "MapStateStarted counts items");

    let map_run_arn = only_map_run(&sfn, &execution).await;
    let run = sfn
        .describe_map_run()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    let items = run.item_counts().unwrap();
    assert_eq!(
        (
            items.total(),
            items.succeeded(),
            items.failed(),
            items.pending()
        ),
        (5, 3, 2, 0)
    );
    let executions = run.execution_counts().unwrap();
    assert_eq!(
        (
            executions.total(),
            executions.succeeded(),
            executions.failed(),
            executions.pending()
        ),
        (3, 2, 1, 0)
    );

    let children = sfn
        .list_executions()
        .map_run_arn(&map_run_arn)
        .send()
        .await
        .unwrap();
    let mut item_counts: Vec<i32> = children
        .executions()
        .iter()
        .filter_map(|c| c.item_count())
        .collect();
    item_counts.sort_unstable();
    assert_eq!(item_counts, [1, 2, 2]);
    let failed = children
        .executions()
        .iter()
        .find(|c| c.status() == &ExecutionStatus::Failed)
        .unwrap();
    let described = sfn
        .describe_execution()
        .execution_arn(failed.execution_arn())
        .send()
        .await
        .unwrap();
    let child_input: Value = serde_json::from_str(described.input().unwrap()).unwrap();
    assert_eq!(
        child_input,
        json!({"BatchInput": {"run": 7}, "Items": ["bad", "x"]})
    );
}

#[tokio::test]
async fn a_batch_failure_beyond_the_tolerated_item_count_fails_the_map() {
    let sfn = InProcess::new().sfn();
    // One failed batch of two items: more than the one failed item tolerated.
    let arn = machine(
        &sfn,
        &definition(r#""ToleratedFailureCount":1,"ItemBatcher":{"MaxItemsPerBatch":2},"#)
            .replace(r#""Variable":"$""#, r#""Variable":"$.Items[0]""#),
    )
    .await;
    let execution = start(&sfn, &arn, &json!(["bad", "x", "a"])).await;
    let done = finished(&sfn, &execution).await;
    assert_eq!(done.status(), &ExecutionStatus::Failed);
    assert_eq!(done.error(), Some("States.ExceedToleratedFailureThreshold"));
}
