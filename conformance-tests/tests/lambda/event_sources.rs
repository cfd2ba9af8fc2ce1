//! SQS event source mappings through the SDKs: a queue triggers a Python function that meets
//! the test on a loopback socket, hands it the event it got and answers what the test tells
//! it; the manual clock brings failed messages back and on to the dead-letter queue.

use super::python_function;
use aws_sdk_lambda::types::{
    Environment, Filter, FilterCriteria, FunctionResponseType, ScalingConfig,
};
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
async fn a_batch_over_the_invocation_limit_is_split() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    // 250 KB of quotes: twice that once JSON escapes them in the event.
    let body = "\"".repeat(250_000);
    for _ in 0..6 {
        setup.send(&url, &body).await;
    }
    setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .batch_size(100)
        .maximum_batching_window_in_seconds(10)
        .send()
        .await
        .unwrap();
    setup.holds(&url, 0, 6).await;
    for _ in 0..10 {
        setup.send(&url, &body).await;
    }
    setup.holds(&url, 0, 16).await;
    setup.stepstone.advance_clock(10).await;
    // Sixteen records, 8 MB of event: two invocations under the 6 MB limit.
    for _ in 0..2 {
        let event = setup.invocation("null").await;
        assert_eq!(ids(&event).len(), 8);
        assert!(event.to_string().len() < 6 * 1024 * 1024);
    }
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

/// Filter criteria of `patterns` (an empty list clears a mapping's).
fn criteria(patterns: &[&str]) -> FilterCriteria {
    let filters = patterns
        .iter()
        .map(|p| Filter::builder().pattern(*p).build());
    FilterCriteria::builder()
        .set_filters(Some(filters.collect()))
        .build()
}

#[tokio::test]
async fn a_filter_passes_matching_messages_and_deletes_the_rest() {
    if !super::available("python3") {
        return;
    }
    let setup = Setup::new().await;
    let (url, arn) = setup.queue("orders", &[]).await;
    let order = setup.send(&url, r#"{"kind":"order","total":120}"#).await;
    let kind = MessageAttributeValue::builder()
        .data_type("String")
        .string_value("urgent");
    let urgent = setup
        .sqs
        .send_message()
        .queue_url(&url)
        .message_body("call me")
        .message_attributes("priority", kind.build().unwrap())
        .send()
        .await
        .unwrap();
    for other in [
        r#"{"kind":"refund"}"#,
        r#"{"kind":"order","total":5}"#,
        "plain",
    ] {
        setup.send(&url, other).await;
    }
    // Two filters, either of which passes a message: a JSON body over 100, or an attribute.
    let big_orders = r#"{"body":{"kind":["order"],"total":[{"numeric":[">",100]}]}}"#;
    let urgent_ones = r#"{"messageAttributes":{"priority":{"stringValue":["urgent"]}}}"#;
    let created = setup
        .lambda
        .create_event_source_mapping()
        .event_source_arn(&arn)
        .function_name("consumer")
        .filter_criteria(criteria(&[big_orders, urgent_ones]))
        .send()
        .await
        .expect("create mapping");
    let patterns: Vec<&str> = (created.filter_criteria().unwrap().filters().iter())
        .map(|f| f.pattern().unwrap())
        .collect();
    assert_eq!(patterns, [big_orders, urgent_ones]);
    let event = setup.invocation("null").await;
    let mut got = ids(&event);
    got.sort();
    let mut wanted = vec![order.as_str(), urgent.message_id().unwrap()];
    wanted.sort();
    assert_eq!(got, wanted, "only the matching messages reach the function");
    // The function still holds nothing back: the three others were deleted, not left to
    // come back after their visibility timeout.
    setup.holds(&url, 0, 0).await;
}

#[tokio::test]
async fn an_update_clears_the_filter() {
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
        .filter_criteria(criteria(&[r#"{"body":["wanted"]}"#]))
        .send()
        .await
        .expect("create mapping");
    let uuid = created.uuid().unwrap();
    setup.send(&url, "unwanted").await;
    setup.holds(&url, 0, 0).await;
    let cleared = setup
        .lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .filter_criteria(criteria(&[]))
        .send()
        .await
        .expect("update mapping");
    assert!(cleared.filter_criteria().is_none(), "{cleared:?}");
    let got = setup.lambda.get_event_source_mapping().uuid(uuid).send();
    assert!(got.await.unwrap().filter_criteria().is_none());
    let id = setup.send(&url, "unwanted").await;
    let event = setup.invocation("null").await;
    assert_eq!(ids(&event), [id.as_str()]);
    setup.holds(&url, 0, 0).await;
}
