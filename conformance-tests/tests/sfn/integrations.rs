//! Service-integration edges through the SDK: the parameters each optimized integration takes
//! (refused at creation when written, at run time when computed), and the arguments that change
//! an answer's shape. `docs/fidelity.md` ("Service integrations") lists each rule and its
//! source.

use aws_sdk_sqs::types::QueueAttributeName;
use conformance_tests::{InProcess, ROLE, create_machine, error_code, error_message, finished};
use serde_json::{Value, json};

fn task(resource: &str, parameters: Value) -> String {
    json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": resource, "Parameters": parameters, "End": true
    }}})
    .to_string()
}

/// Runs `definition` as machine `name` on `input`: its output, or its error and cause.
async fn run(
    stepstone: &InProcess,
    name: &str,
    definition: &str,
    input: Value,
) -> (Option<Value>, String) {
    let sfn = stepstone.sfn();
    let machine = create_machine(&sfn, name, definition).await;
    let execution = conformance_tests::start(&sfn, &machine, &input).await;
    let done = finished(&sfn, &execution).await;
    let output = done.output().map(|o| serde_json::from_str(o).unwrap());
    let failure = format!(
        "{} {}",
        done.error().unwrap_or_default(),
        done.cause().unwrap_or_default()
    );
    (output, failure)
}

#[tokio::test]
async fn create_refuses_a_parameter_the_integration_does_not_take() {
    let sfn = InProcess::new().sfn();
    let cases = [
        (
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            json!({"FunctionName": "f", "Payload.$": "$", "TaskToken.$": "$$.Task.Token"}),
            "TaskToken",
        ),
        (
            "arn:aws:states:::sqs:sendMessage",
            json!({"QueueUrl": "u", "MessageBody": "b", "MessageSystemAttributes": {}}),
            "MessageSystemAttributes",
        ),
        (
            "arn:aws:states:::sns:publish",
            json!({"TopicArn": "t", "Message": "m", "Topic": "t"}),
            "Topic",
        ),
        (
            "arn:aws:states:::sqs:sendMessage",
            json!({"QueueUrl": "u", "MessageBody": "b", "MessageAttributes": {
                "kind": {"DataType": "String", "Stringvalue": "x"}
            }}),
            "Stringvalue",
        ),
        (
            "arn:aws:states:::states:startExecution.sync:2",
            json!({"StateMachineArn": "a", "TraceHeader": "t"}),
            "TraceHeader",
        ),
    ];
    for (resource, parameters, field) in cases {
        let err = sfn
            .create_state_machine()
            .name("m")
            .definition(task(resource, parameters))
            .role_arn(ROLE)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error_code(&err), "InvalidDefinition");
        assert_eq!(
            error_message(&err),
            format!(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field \"{field}\" is not supported by Step Functions at /States/T/Parameters'"
            )
        );
    }
    assert_eq!(
        sfn.list_state_machines()
            .send()
            .await
            .unwrap()
            .state_machines()
            .len(),
        0
    );
}

#[tokio::test]
async fn a_parameter_computed_at_run_time_fails_the_state_before_it_is_scheduled() {
    let stepstone = InProcess::new();
    let (sqs, sfn) = (stepstone.sqs(), stepstone.sfn());
    let url = sqs
        .create_queue()
        .queue_name("q")
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap();
    // No `Parameters`: the whole input is the request.
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}"#;
    let input = json!({"QueueUrl": url, "MessageBody": "hi", "Note": "extra"});
    let (output, failure) = run(&stepstone, "extra", definition, input.clone()).await;
    assert_eq!(output, None);
    assert_eq!(
        failure,
        format!(
            "States.Runtime An error occurred while executing the state 'T' (entered at the event id #2). The Parameters '{input}' could not be used to start the Task: [The field \"Note\" is not supported by Step Functions]"
        )
    );
    let received = sqs.receive_message().queue_url(&url).send().await.unwrap();
    assert!(received.messages().is_empty(), "nothing was sent");
    let executions = sfn.list_executions().state_machine_arn(
        sfn.list_state_machines()
            .send()
            .await
            .unwrap()
            .state_machines()[0]
            .state_machine_arn(),
    );
    let execution = executions.send().await.unwrap().executions()[0]
        .execution_arn()
        .to_owned();
    let history = sfn
        .get_execution_history()
        .execution_arn(execution)
        .send()
        .await
        .unwrap();
    let types: Vec<&str> = history
        .events()
        .iter()
        .map(|e| e.r#type().as_str())
        .collect();
    assert_eq!(
        types,
        ["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"]
    );
}

#[tokio::test]
async fn a_fifo_message_answers_with_its_sequence_number() {
    let stepstone = InProcess::new();
    let sqs = stepstone.sqs();
    let url = sqs
        .create_queue()
        .queue_name("ordered.fifo")
        .attributes(QueueAttributeName::FifoQueue, "true")
        .attributes(QueueAttributeName::ContentBasedDeduplication, "true")
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap();
    let definition = task(
        "arn:aws:states:::sqs:sendMessage",
        json!({"QueueUrl.$": "$.url", "MessageBody": "first", "MessageGroupId": "g"}),
    );
    let (output, failure) = run(&stepstone, "fifo", &definition, json!({"url": url})).await;
    let output = output.unwrap_or_else(|| panic!("{failure}"));
    assert!(output["SequenceNumber"].is_string(), "{output}");
    assert!(output["MessageId"].is_string());
    // A standard queue's answer has no sequence number.
    let plain = sqs.create_queue().queue_name("plain").send().await.unwrap();
    let definition = task(
        "arn:aws:states:::sqs:sendMessage",
        json!({"QueueUrl.$": "$.url", "MessageBody": "b"}),
    );
    let input = json!({"url": plain.queue_url()});
    let (output, failure) = run(&stepstone, "standard", &definition, input).await;
    let output = output.unwrap_or_else(|| panic!("{failure}"));
    assert_eq!(output.get("SequenceNumber"), None);
}

#[tokio::test]
async fn sync_children_report_their_output_as_text_and_sync2_as_json() {
    let stepstone = InProcess::new();
    let sfn = stepstone.sfn();
    let child = create_machine(
        &sfn,
        "child",
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"n":1},"End":true}}}"#,
    )
    .await;
    for (suffix, expected) in [(".sync", json!("{\"n\":1}")), (".sync:2", json!({"n": 1}))] {
        let definition = json!({"StartAt": "T", "States": {"T": {
            "Type": "Task",
            "Resource": format!("arn:aws:states:::states:startExecution{suffix}"),
            "Parameters": {"StateMachineArn": child, "Input": {"a": 1}},
            "End": true
        }}});
        let parent = create_machine(
            &sfn,
            &format!("parent{}", suffix.len()),
            &definition.to_string(),
        )
        .await;
        let execution = conformance_tests::start(&sfn, &parent, &json!({})).await;
        let done = finished(&sfn, &execution).await;
        let output: Value = serde_json::from_str(done.output().expect("an output")).unwrap();
        assert_eq!(output["Output"], expected, "{suffix}");
        assert_eq!(output["Status"], "SUCCEEDED");
        let input = match suffix {
            ".sync" => json!("{\"a\":1}"),
            _ => json!({"a": 1}),
        };
        assert_eq!(output["Input"], input, "{suffix}");
    }
}

#[tokio::test]
async fn a_child_without_a_state_machine_is_refused_as_start_execution_refuses_it() {
    let stepstone = InProcess::new();
    for parameters in [json!({"Input": {}}), json!({"StateMachineArn": null})] {
        let definition = task("arn:aws:states:::states:startExecution", parameters);
        let name = format!("m{}", definition.len());
        let (output, failure) = run(&stepstone, &name, &definition, json!({})).await;
        assert_eq!(output, None);
        assert_eq!(
            failure,
            "StepFunctions.ValidationException 1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"
        );
    }
}

#[tokio::test]
async fn a_fifo_topic_answers_with_its_sequence_number() {
    let stepstone = InProcess::new();
    let topic = stepstone
        .sns()
        .create_topic()
        .name("ordered.fifo")
        .attributes("FifoTopic", "true")
        .attributes("ContentBasedDeduplication", "true")
        .send()
        .await
        .unwrap()
        .topic_arn
        .unwrap();
    let definition = task(
        "arn:aws:states:::sns:publish",
        json!({"TopicArn.$": "$.topic", "Message": {"n": 1}, "MessageGroupId": "g"}),
    );
    let (output, failure) = run(&stepstone, "fifo", &definition, json!({"topic": topic})).await;
    let output = output.unwrap_or_else(|| panic!("{failure}"));
    assert!(output["SequenceNumber"].is_string(), "{output}");
    assert_eq!(
        output["SdkHttpMetadata"]["HttpHeaders"]["Content-Type"],
        "text/xml"
    );
}

#[tokio::test]
async fn aws_sdk_null_arguments_are_not_sent() {
    let stepstone = InProcess::new();
    let url = stepstone
        .sqs()
        .create_queue()
        .queue_name("q")
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap();
    let definition = task(
        "arn:aws:states:::aws-sdk:sqs:sendMessage",
        json!({"QueueUrl.$": "$.url", "MessageBody": "b", "DelaySeconds": null}),
    );
    let (output, failure) = run(&stepstone, "sent", &definition, json!({"url": url})).await;
    let output = output.unwrap_or_else(|| panic!("{failure}"));
    assert!(output["MessageId"].is_string(), "{output}");
    let definition = task(
        "arn:aws:states:::aws-sdk:sqs:sendMessage",
        json!({"QueueUrl.$": "$.url", "MessageBody": null}),
    );
    let (output, failure) = run(&stepstone, "unsent", &definition, json!({"url": url})).await;
    assert_eq!(output, None);
    // SQS's MissingParameter is no exception its model declares: the SDK's base class.
    assert!(
        failure.starts_with(
            "Sqs.SqsException The request must contain the parameter MessageBody. (Service: Sqs, Status Code: 400, Request ID: "
        ),
        "{failure}"
    );
}
