//! SQS event source mappings through the SDKs: a queue triggers a Python function that meets
//! the test on a loopback socket, hands it the event it got and answers what the test tells
//! it; the manual clock brings failed messages back and on to the dead-letter queue.

use super::{IDENTITY, python_function};
use aws_sdk_lambda::types::{Environment, FunctionResponseType, ScalingConfig};
use aws_sdk_sqs::types::{MessageAttributeValue, QueueAttributeName};
use conformance_tests::{InProcess, zip_package};
use serde_json::{Value, json};
use std::collections::HashMap;
use stepstone::config::Config;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A handler that sends its event to the test and answers what the test sends back: `fail`
/// raises, anything else is the JSON it returns.
const CONSUMER: &str = "import json, os, socket

def handler(event, context):
    meeting = socket.create_connection(('127.0.0.1', int(os.environ['MEET'])))
    meeting.sendall((json.dumps(event) + '\\n').encode())
    answer = meeting.makefile().readline().strip()
    meeting.close()
    if answer == 'fail':
        raise RuntimeError('the test failed this batch')
    return json.loads(answer)
";

/// A Stepstone on the manual clock with a queue and a consumer function that meets the test.
struct Setup {
    stepstone: InProcess,
    lambda: aws_sdk_lambda::Client,
    sqs: aws_sdk_sqs::Client,
    meeting: TcpListener,
}

impl Setup {
    async fn new() -> Setup {
        let stepstone = InProcess::with_config(Config {
            manual_clock: true,
            ..Config::default()
        });
        let meeting = TcpListener::bind("127.0.0.1:0").await.expect("loopback");
        let port = meeting.local_addr().expect("bound").port().to_string();
        let lambda = stepstone.lambda();
        python_function(
            &lambda,
            "consumer",
            zip_package(&[("handler.py", CONSUMER)]),
        )
        .environment(Environment::builder().variables("MEET", port).build())
        .send()
        .await
        .expect("create the consumer");
        Setup {
            sqs: stepstone.sqs(),
            lambda,
            stepstone,
            meeting,
        }
    }

    /// Creates queue `name` with `attributes` and returns its URL and ARN.
    async fn queue(
        &self,
        name: &str,
        attributes: &[(QueueAttributeName, &str)],
    ) -> (String, String) {
        let mut create = self.sqs.create_queue().queue_name(name);
        for (key, value) in attributes {
            create = create.attributes(key.clone(), *value);
        }
        let url = create
            .send()
            .await
            .expect("create queue")
            .queue_url
            .unwrap();
        let arn = format!("arn:aws:sqs:us-east-1:123456789012:{name}");
        (url, arn)
    }

    async fn send(&self, url: &str, body: &str) -> String {
        let sent = self.sqs.send_message().queue_url(url).message_body(body);
        sent.send().await.expect("send").message_id.unwrap()
    }

    /// Maps the queue to the consumer, enabled, and returns the mapping's UUID.
    async fn map(&self, arn: &str) -> String {
        let created = self
            .lambda
            .create_event_source_mapping()
            .event_source_arn(arn)
            .function_name("consumer")
            .send()
            .await
            .expect("create mapping");
        created.uuid.unwrap()
    }

    /// The event of the next invocation; the function then answers `answer`.
    async fn invocation(&self, answer: &str) -> Value {
        let (event, stream) = self.arrival().await;
        respond(stream, answer).await;
        event
    }

    /// The event of the next invocation, whose function waits until the test responds.
    async fn arrival(&self) -> (Value, BufReader<TcpStream>) {
        let (stream, _) = self
            .meeting
            .accept()
            .await
            .expect("the consumer meets the test");
        let mut stream = BufReader::new(stream);
        let mut line = String::new();
        stream.read_line(&mut line).await.expect("the event");
        (
            serde_json::from_str(&line).expect("the event is JSON"),
            stream,
        )
    }

    /// Waits, yielding to the server's tasks, until the queue holds `visible` messages and
    /// `hidden` in flight.
    async fn holds(&self, url: &str, visible: u64, hidden: u64) {
        for _ in 0..200_000 {
            if self.counts(url).await == (visible, hidden) {
                return;
            }
            tokio::task::yield_now().await;
        }
        panic!(
            "{url} holds {:?}, not ({visible}, {hidden})",
            self.counts(url).await
        );
    }

    async fn counts(&self, url: &str) -> (u64, u64) {
        let attributes = self
            .sqs
            .get_queue_attributes()
            .queue_url(url)
            .attribute_names(QueueAttributeName::All)
            .send()
            .await
            .expect("queue attributes");
        let count = |name: QueueAttributeName| -> u64 {
            let attributes = attributes.attributes.as_ref().expect("attributes");
            attributes[&name].parse().expect("a count")
        };
        (
            count(QueueAttributeName::ApproximateNumberOfMessages),
            count(QueueAttributeName::ApproximateNumberOfMessagesNotVisible),
        )
    }
}

/// Lets a waiting function answer `answer`.
async fn respond(mut stream: BufReader<TcpStream>, answer: &str) {
    let answer = format!("{answer}\n");
    stream
        .get_mut()
        .write_all(answer.as_bytes())
        .await
        .expect("the answer");
}

fn ids(event: &Value) -> Vec<&str> {
    let records = event["Records"].as_array().expect("records");
    records
        .iter()
        .map(|r| r["messageId"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_queue_triggers_its_function_with_the_sqs_event_and_the_batch_is_deleted() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    let kind = MessageAttributeValue::builder()
        .data_type("String")
        .string_value("order");
    let sent = setup
        .sqs
        .send_message()
        .queue_url(&url)
        .message_body(r#"{"order":1}"#)
        .message_attributes("kind", kind.build().unwrap())
        .send()
        .await
        .unwrap();
    let created = setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .send()
        .await
        .expect("create mapping");
    assert_eq!(created.state(), Some("Creating"));
    assert_eq!(created.batch_size(), Some(10));
    assert_eq!(
        created.function_arn(),
        Some("arn:aws:lambda:us-east-1:123456789012:function:consumer")
    );
    let event = setup.invocation("null").await;
    let record = &event["Records"][0];
    assert_eq!(event["Records"].as_array().unwrap().len(), 1);
    assert_eq!(record["messageId"], sent.message_id().unwrap());
    assert_eq!(record["body"], r#"{"order":1}"#);
    assert_eq!(record["md5OfBody"], sent.md5_of_message_body().unwrap());
    assert_eq!(record["eventSource"], "aws:sqs");
    assert_eq!(record["eventSourceARN"], arn);
    assert_eq!(record["awsRegion"], "us-east-1");
    assert_eq!(record["attributes"]["ApproximateReceiveCount"], "1");
    for name in [
        "SentTimestamp",
        "SenderId",
        "ApproximateFirstReceiveTimestamp",
    ] {
        assert!(record["attributes"][name].is_string(), "{name}: {record}");
    }
    assert_eq!(
        record["messageAttributes"]["kind"],
        json!({"stringValue": "order", "stringListValues": [], "binaryListValues": [], "dataType": "String"})
    );
    assert!(record["receiptHandle"].is_string());
    setup.holds(&url, 0, 0).await;
    let got = setup
        .lambda
        .get_event_source_mapping()
        .uuid(created.uuid().unwrap());
    assert_eq!(got.send().await.unwrap().state(), Some("Enabled"));
}

#[tokio::test]
async fn a_failing_batch_comes_back_and_reaches_the_dead_letter_queue() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (dlq_url, dlq_arn) = setup.queue("orders-dlq", &[]).await;
    let redrive = json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2}).to_string();
    let attributes = [
        (QueueAttributeName::VisibilityTimeout, "30"),
        (QueueAttributeName::RedrivePolicy, redrive.as_str()),
    ];
    let (url, arn) = setup.queue("orders", &attributes).await;
    let id = setup.send(&url, "poison").await;
    setup.map(&arn).await;
    for receive in ["1", "2"] {
        let event = setup.invocation("fail").await;
        assert_eq!(ids(&event), [id.as_str()]);
        assert_eq!(
            event["Records"][0]["attributes"]["ApproximateReceiveCount"],
            receive
        );
        setup.holds(&url, 0, 1).await;
        setup.stepstone.advance_clock(31).await;
    }
    let dead = setup
        .sqs
        .receive_message()
        .queue_url(&dlq_url)
        .wait_time_seconds(20)
        .send()
        .await
        .unwrap();
    let dead = dead.messages();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].message_id(), Some(id.as_str()));
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn reported_batch_item_failures_alone_stay_in_the_queue() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup
        .queue("orders", &[(QueueAttributeName::VisibilityTimeout, "30")])
        .await;
    let mut sent = Vec::new();
    for body in ["a", "b", "c"] {
        sent.push(setup.send(&url, body).await);
    }
    setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .function_response_types(FunctionResponseType::ReportBatchItemFailures)
        .send()
        .await
        .expect("create mapping");
    let event = setup
        .invocation(&json!({"batchItemFailures": [{"itemIdentifier": sent[1]}]}).to_string())
        .await;
    assert_eq!(
        ids(&event),
        sent.iter().map(String::as_str).collect::<Vec<_>>()
    );
    setup.holds(&url, 0, 1).await;
    setup.stepstone.advance_clock(31).await;
    let again = setup.invocation(r#"{"batchItemFailures": []}"#).await;
    assert_eq!(ids(&again), [sent[1].as_str()]);
    assert_eq!(again["Records"][0]["body"], "b");
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn a_malformed_batch_answer_fails_the_whole_batch() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup
        .queue("orders", &[(QueueAttributeName::VisibilityTimeout, "30")])
        .await;
    setup.send(&url, "a").await;
    setup.send(&url, "b").await;
    setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .function_response_types(FunctionResponseType::ReportBatchItemFailures)
        .send()
        .await
        .unwrap();
    let answer = json!({"batchItemFailures": [{"itemIdentifier": "not-in-the-batch"}]});
    let event = setup.invocation(&answer.to_string()).await;
    assert_eq!(ids(&event).len(), 2);
    setup.stepstone.advance_clock(31).await;
    let again = setup.invocation("null").await;
    assert_eq!(ids(&again).len(), 2, "both messages came back");
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn fifo_groups_are_invoked_one_batch_each_in_order() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let fifo = [
        (QueueAttributeName::FifoQueue, "true"),
        (QueueAttributeName::ContentBasedDeduplication, "true"),
    ];
    let (url, arn) = setup.queue("orders.fifo", &fifo).await;
    for (group, body) in [("g1", "1"), ("g2", "2"), ("g1", "3")] {
        let send = setup
            .sqs
            .send_message()
            .queue_url(&url)
            .message_group_id(group);
        send.message_body(body).send().await.unwrap();
    }
    setup.map(&arn).await;
    let mut bodies: HashMap<String, Vec<String>> = HashMap::new();
    for _ in 0..2 {
        let event = setup.invocation("null").await;
        let records = event["Records"].as_array().unwrap();
        let group = records[0]["attributes"]["MessageGroupId"].as_str().unwrap();
        assert!(
            records
                .iter()
                .all(|r| r["attributes"]["MessageGroupId"] == group)
        );
        assert!(records[0]["attributes"]["SequenceNumber"].is_string());
        let texts = records
            .iter()
            .map(|r| r["body"].as_str().unwrap().to_owned());
        bodies.insert(group.to_owned(), texts.collect());
    }
    assert_eq!(bodies["g1"], ["1", "3"]);
    assert_eq!(bodies["g2"], ["2"]);
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn a_batching_window_gathers_messages_until_it_closes_on_the_clock() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    for body in ["1", "2"] {
        setup.send(&url, body).await;
    }
    setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .batch_size(50)
        .maximum_batching_window_in_seconds(10)
        .send()
        .await
        .unwrap();
    setup.holds(&url, 0, 2).await;
    // Sent while the window is open: the waiting long poll takes it into the same batch.
    setup.send(&url, "3").await;
    setup.holds(&url, 0, 3).await;
    setup.stepstone.advance_clock(10).await;
    let event = setup.invocation("null").await;
    let records = event["Records"].as_array().unwrap();
    let bodies: Vec<&str> = records
        .iter()
        .map(|r| r["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["1", "2", "3"]);
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn maximum_concurrency_bounds_the_invocations_at_once() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    for body in ["1", "2", "3"] {
        setup.send(&url, body).await;
    }
    setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .batch_size(1)
        .scaling_config(ScalingConfig::builder().maximum_concurrency(2).build())
        .send()
        .await
        .unwrap();
    let (_, first) = setup.arrival().await;
    let (_, second) = setup.arrival().await;
    for _ in 0..1000 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        setup.counts(&url).await,
        (1, 2),
        "the third waits for a free slot"
    );
    respond(first, "null").await;
    let (third, stream) = setup.arrival().await;
    assert_eq!(ids(&third).len(), 1);
    respond(stream, "null").await;
    respond(second, "null").await;
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn a_reset_stops_the_pollers() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    setup.map(&arn).await;
    let (status, report) = setup.stepstone.reset("?services=lambda").await;
    assert_eq!(status, 200);
    assert_eq!(report["lambda"]["eventSourceMappings"], 1, "{report}");
    setup.send(&url, "after the reset").await;
    for _ in 0..1000 {
        tokio::task::yield_now().await;
    }
    assert_eq!(setup.counts(&url).await, (1, 0), "nobody polls the queue");
}

#[tokio::test]
async fn a_disabled_mapping_leaves_the_queue_alone_until_enabled() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    let created = setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .enabled(false)
        .send()
        .await
        .unwrap();
    let uuid = created.uuid().unwrap();
    setup.send(&url, "waiting").await;
    for _ in 0..1000 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        setup.counts(&url).await,
        (1, 0),
        "nobody received the message"
    );
    let got = setup
        .lambda
        .get_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(got.state(), Some("Disabled"));
    let enabled = setup
        .lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .enabled(true);
    assert_eq!(enabled.send().await.unwrap().state(), Some("Enabling"));
    let event = setup.invocation("null").await;
    assert_eq!(event["Records"][0]["body"], "waiting");
    setup.holds(&url, 0, 0).await;
    let disabled = setup
        .lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .enabled(false);
    assert_eq!(disabled.send().await.unwrap().state(), Some("Disabling"));
    let deleted = setup
        .lambda
        .delete_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.state(), Some("Deleting"));
}

/// The control operations, which run no function.
mod control {
    use super::*;
    use aws_sdk_lambda::error::ProvideErrorMetadata;

    async fn setup() -> (InProcess, aws_sdk_lambda::Client, String) {
        let stepstone = InProcess::new();
        let lambda = stepstone.lambda();
        let sqs = stepstone.sqs();
        sqs.create_queue().queue_name("jobs").send().await.unwrap();
        for name in ["worker", "other"] {
            python_function(&lambda, name, zip_package(IDENTITY))
                .send()
                .await
                .unwrap();
        }
        let arn = "arn:aws:sqs:us-east-1:123456789012:jobs".to_owned();
        (stepstone, lambda, arn)
    }

    fn code<E: ProvideErrorMetadata>(
        error: &aws_sdk_lambda::error::SdkError<E>,
    ) -> (String, String) {
        let error = error.as_service_error().expect("a service error");
        (
            error.code().unwrap_or_default().to_owned(),
            error.message().unwrap_or_default().to_owned(),
        )
    }

    #[tokio::test]
    async fn a_second_mapping_of_a_queue_to_a_function_conflicts() {
        let (_stepstone, lambda, arn) = setup().await;
        let create = || lambda.create_event_source_mapping().event_source_arn(&arn);
        let first = create().function_name("worker").send().await.unwrap();
        let again = create()
            .function_name("arn:aws:lambda:us-east-1:123456789012:function:worker")
            .send()
            .await
            .unwrap_err();
        let (code, message) = code(&again);
        assert_eq!(code, "ResourceConflictException");
        assert_eq!(
            message,
            format!(
                "An event source mapping with SQS arn (\" {arn} \") and function (\" worker \") already exists. Please update or delete the existing mapping with UUID {}",
                first.uuid().unwrap()
            )
        );
        assert!(create().function_name("other").send().await.is_ok());
    }

    #[tokio::test]
    async fn bad_mappings_get_aws_errors_and_change_nothing() {
        let (_stepstone, lambda, arn) = setup().await;
        let create = || lambda.create_event_source_mapping().function_name("worker");
        let cases = [
            (
                create().event_source_arn(&arn).function_name("nobody"),
                "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody",
            ),
            (
                create().event_source_arn("arn:aws:sqs:us-east-1:123456789012:missing"),
                "InvalidParameterValueException",
                "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.",
            ),
            (
                create().event_source_arn(&arn).batch_size(11),
                "InvalidParameterValueException",
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
            ),
            (
                create()
                    .event_source_arn(&arn)
                    .starting_position(aws_sdk_lambda::types::EventSourcePosition::Latest),
                "InvalidParameterValueException",
                "StartingPosition is not valid for SQS event sources.",
            ),
            (
                create()
                    .event_source_arn(&arn)
                    .scaling_config(ScalingConfig::builder().maximum_concurrency(1).build()),
                "ValidationException",
                "",
            ),
        ];
        for (request, expected_code, expected_message) in cases {
            let (code, message) = code(&request.send().await.unwrap_err());
            assert_eq!(code, expected_code, "{message}");
            assert!(message.starts_with(expected_message), "{message}");
        }
        let listed = lambda.list_event_source_mappings().send().await.unwrap();
        assert!(listed.event_source_mappings().is_empty());
        let big = create()
            .event_source_arn(&arn)
            .batch_size(100)
            .maximum_batching_window_in_seconds(5);
        assert_eq!(big.send().await.unwrap().batch_size(), Some(100));
    }

    #[tokio::test]
    async fn mappings_are_listed_by_queue_and_function_page_by_page() {
        let (stepstone, lambda, arn) = setup().await;
        stepstone
            .sqs()
            .create_queue()
            .queue_name("other")
            .send()
            .await
            .unwrap();
        let other_queue = "arn:aws:sqs:us-east-1:123456789012:other";
        let create = |queue: &str, function: &str| {
            lambda
                .create_event_source_mapping()
                .event_source_arn(queue)
                .function_name(function)
                .enabled(false)
                .send()
        };
        create(&arn, "worker").await.unwrap();
        create(&arn, "other").await.unwrap();
        create(other_queue, "worker").await.unwrap();
        let by_queue = lambda
            .list_event_source_mappings()
            .event_source_arn(&arn)
            .send();
        assert_eq!(by_queue.await.unwrap().event_source_mappings().len(), 2);
        let by_function = lambda
            .list_event_source_mappings()
            .function_name("worker")
            .send();
        let by_function = by_function.await.unwrap();
        assert_eq!(by_function.event_source_mappings().len(), 2);
        assert!(
            by_function
                .event_source_mappings()
                .iter()
                .all(|m| m.state() == Some("Disabled"))
        );
        let mut seen = Vec::new();
        let mut marker = None;
        loop {
            let page = lambda
                .list_event_source_mappings()
                .max_items(2)
                .set_marker(marker)
                .send()
                .await
                .unwrap();
            seen.extend(
                page.event_source_mappings()
                    .iter()
                    .map(|m| m.uuid().unwrap().to_owned()),
            );
            marker = page.next_marker().map(str::to_owned);
            if marker.is_none() {
                break;
            }
        }
        assert_eq!(seen.len(), 3);
        let first = seen[0].clone();
        let deleted = lambda
            .delete_event_source_mapping()
            .uuid(&first)
            .send()
            .await
            .unwrap();
        assert_eq!(deleted.state(), Some("Deleting"));
        let gone = lambda
            .get_event_source_mapping()
            .uuid(&first)
            .send()
            .await
            .unwrap_err();
        assert_eq!(code(&gone).0, "ResourceNotFoundException");
    }

    #[tokio::test]
    async fn updates_change_settings_and_check_them_as_creates_do() {
        let (_stepstone, lambda, arn) = setup().await;
        let created = lambda
            .create_event_source_mapping()
            .event_source_arn(&arn)
            .function_name("worker")
            .send()
            .await
            .unwrap();
        let uuid = created.uuid().unwrap();
        let updated = lambda
            .update_event_source_mapping()
            .uuid(uuid)
            .function_name("other")
            .batch_size(5)
            .scaling_config(ScalingConfig::builder().maximum_concurrency(2).build())
            .send()
            .await
            .unwrap();
        assert_eq!(updated.state(), Some("Updating"));
        assert_eq!(updated.batch_size(), Some(5));
        assert_eq!(
            updated.function_arn(),
            Some("arn:aws:lambda:us-east-1:123456789012:function:other")
        );
        assert_eq!(
            updated.scaling_config().unwrap().maximum_concurrency(),
            Some(2)
        );
        let refused = lambda
            .update_event_source_mapping()
            .uuid(uuid)
            .batch_size(50)
            .send();
        assert_eq!(
            code(&refused.await.unwrap_err()).0,
            "InvalidParameterValueException"
        );
        let got = lambda
            .get_event_source_mapping()
            .uuid(uuid)
            .send()
            .await
            .unwrap();
        assert_eq!(
            got.batch_size(),
            Some(5),
            "a refused update changes nothing"
        );
    }
}
