//! SQS through aws-sdk-sqs (the JSON protocol): the SDK parses every answer and error, so
//! these prove the wire shapes, error codes and digests, on a manual clock where time matters.

use aws_sdk_sqs::Client;
use aws_sdk_sqs::error::ProvideErrorMetadata;
use aws_sdk_sqs::types::{
    DeleteMessageBatchRequestEntry, MessageAttributeValue, MessageSystemAttributeName,
    QueueAttributeName, SendMessageBatchRequestEntry,
};
use aws_smithy_types::Blob;
use conformance_tests::InProcess;
use serde_json::json;
use stepstone::config::Config;

fn manual_clock() -> InProcess {
    InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    })
}

async fn create(sqs: &Client, name: &str, attributes: &[(QueueAttributeName, &str)]) -> String {
    let mut request = sqs.create_queue().queue_name(name);
    for (name, value) in attributes {
        request = request.attributes(name.clone(), *value);
    }
    request
        .send()
        .await
        .unwrap()
        .queue_url()
        .unwrap()
        .to_owned()
}

async fn receive(sqs: &Client, url: &str) -> Vec<aws_sdk_sqs::types::Message> {
    let answer = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(10)
        .message_system_attribute_names(MessageSystemAttributeName::All)
        .message_attribute_names("All")
        .send()
        .await
        .unwrap();
    answer.messages().to_vec()
}

async fn count(sqs: &Client, url: &str, name: QueueAttributeName) -> String {
    let answer = sqs
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(name.clone())
        .send()
        .await
        .unwrap();
    answer.attributes().unwrap()[&name].clone()
}

#[tokio::test]
async fn queues_and_their_errors_reach_the_sdk_typed() {
    let sqs = InProcess::new().sqs();
    let url = create(
        &sqs,
        "orders",
        &[(QueueAttributeName::VisibilityTimeout, "60")],
    )
    .await;
    assert_eq!(url, "http://localhost:8083/123456789012/orders");
    let clash = sqs
        .create_queue()
        .queue_name("orders")
        .attributes(QueueAttributeName::VisibilityTimeout, "5")
        .send()
        .await
        .unwrap_err();
    assert!(
        clash.as_service_error().unwrap().is_queue_name_exists(),
        "{clash:?}"
    );
    let missing = sqs
        .get_queue_url()
        .queue_name("nope")
        .send()
        .await
        .unwrap_err();
    let missing = missing.into_service_error();
    assert!(missing.is_queue_does_not_exist(), "{missing:?}");
    assert_eq!(
        missing.message(),
        Some("The specified queue does not exist.")
    );
    sqs.tag_queue()
        .queue_url(&url)
        .tags("team", "core")
        .send()
        .await
        .unwrap();
    let tags = sqs.list_queue_tags().queue_url(&url).send().await.unwrap();
    assert_eq!(tags.tags().unwrap()["team"], "core");
    let listed = sqs
        .list_queues()
        .queue_name_prefix("ord")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.queue_urls(), std::slice::from_ref(&url));
    let arn = count(&sqs, &url, QueueAttributeName::QueueArn).await;
    assert_eq!(arn, "arn:aws:sqs:us-east-1:123456789012:orders");
    sqs.delete_queue().queue_url(&url).send().await.unwrap();
    assert!(
        sqs.list_queues()
            .send()
            .await
            .unwrap()
            .queue_urls()
            .is_empty()
    );
}

#[tokio::test]
async fn messages_round_trip_with_attributes_and_digests() {
    let sqs = InProcess::new().sqs();
    let url = create(&sqs, "q", &[]).await;
    let text = MessageAttributeValue::builder()
        .data_type("String")
        .string_value("attribValue 1")
        .build()
        .unwrap();
    let bytes = MessageAttributeValue::builder()
        .data_type("Binary")
        .binary_value(Blob::new("Hello binary world!"))
        .build()
        .unwrap();
    let sent = sqs
        .send_message()
        .queue_url(&url)
        .message_body("hello")
        .message_attributes("attribName1", text)
        .message_attributes("binaryAttribute", bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent.md5_of_message_body(),
        Some("5d41402abc4b2a76b9719d911017c592")
    );
    let messages = receive(&sqs, &url).await;
    let message = &messages[0];
    assert_eq!(message.body(), Some("hello"));
    assert_eq!(
        message.md5_of_message_attributes(),
        sent.md5_of_message_attributes()
    );
    let binary = &message.message_attributes().unwrap()["binaryAttribute"];
    assert_eq!(
        binary.binary_value().unwrap().as_ref(),
        b"Hello binary world!"
    );
    let system = message.attributes().unwrap();
    assert_eq!(
        system[&MessageSystemAttributeName::ApproximateReceiveCount],
        "1"
    );
    let handle = message.receipt_handle().unwrap();
    sqs.delete_message()
        .queue_url(&url)
        .receipt_handle(handle)
        .send()
        .await
        .unwrap();
    let bad = sqs
        .delete_message()
        .queue_url(&url)
        .receipt_handle("nope")
        .send()
        .await;
    let bad = bad.unwrap_err().into_service_error();
    assert!(bad.is_receipt_handle_is_invalid(), "{bad:?}");
}

#[tokio::test]
async fn unacknowledged_messages_return_then_move_to_the_dead_letter_queue() {
    let stepstone = manual_clock();
    let sqs = stepstone.sqs();
    let dlq = create(&sqs, "dlq", &[]).await;
    let policy =
        r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"2"}"#;
    let url = create(
        &sqs,
        "work",
        &[
            (QueueAttributeName::RedrivePolicy, policy),
            (QueueAttributeName::VisibilityTimeout, "10"),
        ],
    )
    .await;
    sqs.send_message()
        .queue_url(&url)
        .message_body("job")
        .send()
        .await
        .unwrap();
    assert_eq!(receive(&sqs, &url).await.len(), 1);
    assert_eq!(
        count(
            &sqs,
            &url,
            QueueAttributeName::ApproximateNumberOfMessagesNotVisible
        )
        .await,
        "1"
    );
    assert!(
        receive(&sqs, &url).await.is_empty(),
        "hidden while in flight"
    );
    stepstone.advance_clock(10).await;
    assert_eq!(
        receive(&sqs, &url).await.len(),
        1,
        "returned after the timeout"
    );
    stepstone.advance_clock(10).await;
    assert!(
        receive(&sqs, &url).await.is_empty(),
        "moved on its third receive"
    );
    let moved = receive(&sqs, &dlq).await;
    assert_eq!(moved[0].body(), Some("job"));
    redrive_returns_it(&stepstone, &sqs, &url).await;
}

/// A message move task takes the dead letter back to `url`, the queue it came from.
async fn redrive_returns_it(stepstone: &InProcess, sqs: &Client, url: &str) {
    // The dead letter was received: it is visible again after the queue's 30 s timeout.
    stepstone.advance_clock(30).await;
    let dlq_arn = "arn:aws:sqs:us-east-1:123456789012:dlq";
    let started = sqs
        .start_message_move_task()
        .source_arn(dlq_arn)
        .send()
        .await;
    assert!(started.unwrap().task_handle().is_some());
    let mut status = String::new();
    for _ in 0..100 {
        // The move runs in the background: give it its turn on this one-thread runtime.
        tokio::task::yield_now().await;
        let listed = sqs
            .list_message_move_tasks()
            .source_arn(dlq_arn)
            .send()
            .await;
        let listed = listed.unwrap();
        let task = &listed.results()[0];
        status = task.status().unwrap_or_default().to_owned();
        if status == "COMPLETED" {
            assert_eq!(task.approximate_number_of_messages_moved(), 1);
            break;
        }
    }
    assert_eq!(status, "COMPLETED");
    let back = receive(sqs, url).await;
    assert_eq!(back[0].body(), Some("job"));
    let refused = sqs
        .start_message_move_task()
        .source_arn("arn:aws:sqs:us-east-1:123456789012:work")
        .send()
        .await;
    let refused = refused.unwrap_err();
    assert_eq!(refused.code(), Some("InvalidParameterValue"));
    assert_eq!(
        refused.message(),
        Some("Source queue must be configured as a Dead Letter Queue.")
    );
}

#[tokio::test]
async fn batches_answer_per_entry() {
    let sqs = InProcess::new().sqs();
    let url = create(&sqs, "q", &[]).await;
    let entry = |id: &str, delay: i32| {
        SendMessageBatchRequestEntry::builder()
            .id(id)
            .message_body(format!("body {id}"))
            .delay_seconds(delay)
            .build()
            .unwrap()
    };
    let sent = sqs
        .send_message_batch()
        .queue_url(&url)
        .entries(entry("a", 0))
        .entries(entry("b", 901))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.successful()[0].id(), "a");
    assert_eq!(sent.failed()[0].code(), "InvalidParameterValue");
    let repeated = sqs
        .send_message_batch()
        .queue_url(&url)
        .entries(entry("x", 0))
        .entries(entry("x", 0))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(repeated.is_batch_entry_ids_not_distinct(), "{repeated:?}");
    let handle = receive(&sqs, &url).await[0]
        .receipt_handle()
        .unwrap()
        .to_owned();
    let deleted = sqs
        .delete_message_batch()
        .queue_url(&url)
        .entries(
            DeleteMessageBatchRequestEntry::builder()
                .id("d")
                .receipt_handle(handle)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.successful()[0].id(), "d");
}

#[tokio::test]
async fn fifo_queues_deduplicate_and_keep_order() {
    let sqs = InProcess::new().sqs();
    let url = create(
        &sqs,
        "jobs.fifo",
        &[
            (QueueAttributeName::FifoQueue, "true"),
            (QueueAttributeName::ContentBasedDeduplication, "true"),
        ],
    )
    .await;
    let send = |body: &'static str| {
        sqs.send_message()
            .queue_url(&url)
            .message_body(body)
            .message_group_id("g")
            .send()
    };
    let first = send("one").await.unwrap();
    send("two").await.unwrap();
    let again = send("one").await.unwrap();
    assert_eq!(again.message_id(), first.message_id());
    assert!(first.sequence_number().is_some());
    let bodies: Vec<_> = receive(&sqs, &url)
        .await
        .iter()
        .map(|m| m.body().unwrap().to_owned())
        .collect();
    assert_eq!(bodies, ["one", "two"]);
}

/// `aws-sdk:sqs:*` reaches the SQS fake through the one aws-sdk door: a workflow sends a
/// message the SDK then receives, and a send to a missing queue fails with the error name
/// Step Functions gives SDK exceptions.
#[tokio::test]
async fn workflows_reach_sqs_through_the_aws_sdk_door() {
    let stepstone = InProcess::new();
    let (sqs, sfn) = (stepstone.sqs(), stepstone.sfn());
    let url = create(&sqs, "door", &[]).await;
    let definition = r#"{"StartAt":"Send","States":{"Send":{"Type":"Task",
        "Resource":"arn:aws:states:::aws-sdk:sqs:sendMessage",
        "Parameters":{"QueueUrl.$":"$.url","MessageBody.$":"$.body"},"End":true}}}"#;
    let machine = conformance_tests::create_machine(&sfn, "send", definition).await;
    let input = serde_json::json!({"url": url, "body": "from a workflow"});
    let run = conformance_tests::start(&sfn, &machine, &input).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    let output: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    let messages = receive(&sqs, &url).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].body(), Some("from a workflow"));
    assert_eq!(output["MessageId"].as_str(), messages[0].message_id());

    let missing = serde_json::json!({"url": format!("{url}-gone"), "body": "x"});
    let run = conformance_tests::start(&sfn, &machine, &missing).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    assert_eq!(done.error(), Some("Sqs.QueueDoesNotExistException"));
}

/// The optimized `sqs:sendMessage` sends the state's message (a JSON body as its text, with
/// its attributes) and answers with the SDK's metadata; a missing body fails as
/// `SQS.AmazonSQSException`, as AWS records it.
#[tokio::test]
async fn workflows_send_messages_through_the_optimized_integration() {
    let stepstone = InProcess::new();
    let (sqs, sfn) = (stepstone.sqs(), stepstone.sfn());
    let url = create(&sqs, "optimized", &[]).await;
    let definition = r#"{"StartAt":"Send","States":{"Send":{"Type":"Task",
        "Resource":"arn:aws:states:::sqs:sendMessage",
        "Parameters":{"QueueUrl.$":"$.url","MessageBody.$":"$.body",
            "MessageAttributes":{"kind":{"DataType":"String","StringValue":"greeting"}}},
        "End":true}}}"#;
    let machine = conformance_tests::create_machine(&sfn, "optimized", definition).await;
    let input = serde_json::json!({"url": url, "body": {"hello": "queue"}});
    let run = conformance_tests::start(&sfn, &machine, &input).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    let output: serde_json::Value = serde_json::from_str(done.output().unwrap()).unwrap();
    let messages = receive(&sqs, &url).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].body(), Some(r#"{"hello":"queue"}"#));
    assert_eq!(output["MessageId"].as_str(), messages[0].message_id());
    assert_eq!(
        output["MD5OfMessageBody"].as_str(),
        messages[0].md5_of_body()
    );
    let attribute = &messages[0].message_attributes().unwrap()["kind"];
    assert_eq!(attribute.string_value(), Some("greeting"));
    assert_eq!(output["SdkHttpMetadata"]["HttpStatusCode"], 200);

    let empty = serde_json::json!({"url": url, "body": null});
    let run = conformance_tests::start(&sfn, &machine, &empty).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    assert_eq!(done.error(), Some("SQS.AmazonSQSException"));
    assert!(
        done.cause()
            .unwrap()
            .contains("Error Code: MissingParameter;")
    );
}

/// `sqs:sendMessage.waitForTaskToken`: the token travels in the message; the consumer that
/// reads it answers with SendTaskSuccess, and the execution succeeds with that output.
#[tokio::test]
async fn task_tokens_travel_through_a_queue_to_their_consumer() {
    let stepstone = InProcess::new();
    let (sqs, sfn) = (stepstone.sqs(), stepstone.sfn());
    let url = create(&sqs, "callbacks", &[]).await;
    let definition = r#"{"StartAt":"Ask","States":{"Ask":{"Type":"Task",
        "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl.$":"$.url",
            "MessageBody":{"Question.$":"$.question","TaskToken.$":"$$.Task.Token"}},
        "End":true}}}"#;
    let machine = conformance_tests::create_machine(&sfn, "callback", definition).await;
    let input = serde_json::json!({"url": url, "question": "ready?"});
    let run = conformance_tests::start(&sfn, &machine, &input).await;
    let answer = sqs
        .receive_message()
        .queue_url(&url)
        .wait_time_seconds(10)
        .send()
        .await
        .unwrap();
    let body: serde_json::Value =
        serde_json::from_str(answer.messages()[0].body().unwrap()).unwrap();
    assert_eq!(body["Question"], "ready?");
    sfn.send_task_success()
        .task_token(body["TaskToken"].as_str().unwrap())
        .output(r#"{"Answer":"yes"}"#)
        .send()
        .await
        .unwrap();
    let done = conformance_tests::finished(&sfn, &run).await;
    assert_eq!(done.status().as_str(), "SUCCEEDED");
    assert_eq!(done.output(), Some(r#"{"Answer":"yes"}"#));
}

/// TestState of an unmocked `sqs:sendMessage` Task calls the SQS fake: the message lands in
/// the queue, and the state's output is SendMessage's answer.
#[tokio::test]
async fn an_unmocked_test_state_sends_to_the_queue() {
    let stepstone = InProcess::new();
    let (sqs, sfn) = (stepstone.sqs(), stepstone.sfn());
    let url = create(&sqs, "tested", &[]).await;
    let state = serde_json::json!({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": url, "MessageBody.$": "$.body"}, "End": true});
    let tested = sfn
        .test_state()
        .definition(state.to_string())
        .role_arn("arn:aws:iam::123456789012:role/tester")
        .input(r#"{"body":"tested alone"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(tested.status().map(|s| s.as_str()), Some("SUCCEEDED"));
    let output: serde_json::Value = serde_json::from_str(tested.output().unwrap()).unwrap();
    let messages = receive(&sqs, &url).await;
    assert_eq!(messages[0].body(), Some("tested alone"));
    assert_eq!(output["MessageId"].as_str(), messages[0].message_id());
}

/// `/_stepstone/sqs/messages` shows a queue's messages as they stand without receiving them:
/// a received message shows in flight, and looking changes nothing.
#[tokio::test]
async fn messages_are_looked_at_without_being_received() {
    let stepstone = manual_clock();
    let sqs = stepstone.sqs();
    let url = create(&sqs, "looked-at", &[]).await;
    for body in ["first", "second"] {
        sqs.send_message()
            .queue_url(&url)
            .message_body(body)
            .send()
            .await
            .unwrap();
    }
    let received = sqs.receive_message().queue_url(&url).send().await.unwrap();
    assert_eq!(received.messages()[0].body(), Some("first"));
    let look = || {
        let uri = format!("/_stepstone/sqs/messages?queueUrl={url}");
        stepstone.raw(http::Request::get(uri).body(String::new()).unwrap())
    };
    let (status, _, body) = look().await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 2);
    let states: Vec<_> = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["body"].clone(), m["state"].clone()))
        .collect();
    assert_eq!(
        states,
        [
            (json!("first"), json!("inFlight")),
            (json!("second"), json!("visible"))
        ]
    );
    assert_eq!(body["messages"][0]["receiveCount"], 1);
    assert_eq!(look().await.2, body, "looking changes nothing");
    let (status, _, missing) = stepstone
        .raw(
            http::Request::get("/_stepstone/sqs/messages?queueUrl=http://h/123456789012/none")
                .body(String::new())
                .unwrap(),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(missing["__type"], "QueueDoesNotExist");
}
