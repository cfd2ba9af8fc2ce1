//! SNS through aws-sdk-sns (the query protocol): the SDK parses every XML answer and error, so
//! these prove the wire shapes and typed errors; deliveries are read back through aws-sdk-sqs,
//! an http listener and Step Functions.

use aws_sdk_sns::Client;
use aws_sdk_sns::types::{MessageAttributeValue, PublishBatchRequestEntry};
use aws_sdk_sqs::types::QueueAttributeName;
use conformance_tests::{InProcess, Server};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn topic(sns: &Client, name: &str, attributes: &[(&str, &str)]) -> String {
    let mut request = sns.create_topic().name(name);
    for (key, value) in attributes {
        request = request.attributes(*key, *value);
    }
    request
        .send()
        .await
        .unwrap()
        .topic_arn()
        .unwrap()
        .to_owned()
}

/// A queue's URL and ARN.
async fn queue(sqs: &aws_sdk_sqs::Client, name: &str, fifo: bool) -> (String, String) {
    let mut request = sqs.create_queue().queue_name(name);
    if fifo {
        request = request.attributes(QueueAttributeName::FifoQueue, "true");
    }
    let url = request
        .send()
        .await
        .unwrap()
        .queue_url()
        .unwrap()
        .to_owned();
    (url, format!("arn:aws:sqs:us-east-1:123456789012:{name}"))
}

/// The bodies of the next messages of a queue, long-polling until `count` have come.
async fn bodies(
    sqs: &aws_sdk_sqs::Client,
    url: &str,
    count: usize,
) -> Vec<aws_sdk_sqs::types::Message> {
    let mut got = Vec::new();
    while got.len() < count {
        let answer = sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(10)
            .wait_time_seconds(10)
            .message_attribute_names("All")
            .send()
            .await
            .unwrap();
        assert!(!answer.messages().is_empty(), "no delivery within 10 s");
        got.extend(answer.messages().iter().cloned());
    }
    got
}

#[tokio::test]
async fn errors_reach_the_sdk_typed() {
    let sns = InProcess::new().sns();
    let missing = "arn:aws:sns:us-east-1:123456789012:missing";
    let gone = sns
        .get_topic_attributes()
        .topic_arn(missing)
        .send()
        .await
        .unwrap_err();
    let gone = gone.into_service_error();
    assert!(gone.is_not_found_exception(), "{gone:?}");
    assert_eq!(gone.meta().message(), Some("Topic does not exist"));
    let bad = sns
        .create_topic()
        .name("not valid")
        .send()
        .await
        .unwrap_err();
    let bad = bad.into_service_error();
    assert!(bad.is_invalid_parameter_exception(), "{bad:?}");
    assert_eq!(bad.meta().message(), Some("Invalid parameter: Topic Name"));
    let arn = topic(&sns, "typed", &[]).await;
    let attribute = sns
        .publish()
        .topic_arn(&arn)
        .message("m")
        .message_attributes(
            "n",
            MessageAttributeValue::builder()
                .data_type("Number")
                .string_value("ten")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        attribute.is_invalid_parameter_value_exception(),
        "{attribute:?}"
    );
    let subscription = sns
        .get_subscription_attributes()
        .subscription_arn(format!("{arn}:00000000-0000-0000-0000-000000000000"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(subscription.is_not_found_exception(), "{subscription:?}");
    let batch = sns
        .publish_batch()
        .topic_arn(&arn)
        .publish_batch_request_entries(
            PublishBatchRequestEntry::builder()
                .id("a")
                .message("1")
                .build()
                .unwrap(),
        )
        .publish_batch_request_entries(
            PublishBatchRequestEntry::builder()
                .id("a")
                .message("2")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        batch.is_batch_entry_ids_not_distinct_exception(),
        "{batch:?}"
    );
}

#[tokio::test]
async fn topics_and_subscriptions_live_and_die() {
    let stepstone = InProcess::new();
    let (sns, sqs) = (stepstone.sns(), stepstone.sqs());
    let arn = topic(&sns, "lifecycle", &[("DisplayName", "Life")]).await;
    assert_eq!(
        topic(&sns, "lifecycle", &[("DisplayName", "Life")]).await,
        arn
    );
    let listed = sns.list_topics().send().await.unwrap();
    assert_eq!(listed.topics()[0].topic_arn(), Some(arn.as_str()));
    sns.set_topic_attributes()
        .topic_arn(&arn)
        .attribute_name("DisplayName")
        .attribute_value("Renamed")
        .send()
        .await
        .unwrap();
    let attributes = sns
        .get_topic_attributes()
        .topic_arn(&arn)
        .send()
        .await
        .unwrap();
    let attributes = attributes.attributes().unwrap();
    assert_eq!(attributes["DisplayName"], "Renamed");
    assert_eq!(attributes["TopicArn"], arn);

    let (_, queue_arn) = queue(&sqs, "lifecycle", false).await;
    let subscription = sns
        .subscribe()
        .topic_arn(&arn)
        .protocol("sqs")
        .endpoint(&queue_arn)
        .attributes("RawMessageDelivery", "true")
        .send()
        .await
        .unwrap()
        .subscription_arn()
        .unwrap()
        .to_owned();
    let by_topic = sns
        .list_subscriptions_by_topic()
        .topic_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_topic.subscriptions()[0].endpoint(),
        Some(queue_arn.as_str())
    );
    assert_eq!(by_topic.subscriptions()[0].protocol(), Some("sqs"));
    let all = sns.list_subscriptions().send().await.unwrap();
    assert_eq!(
        all.subscriptions()[0].subscription_arn(),
        Some(subscription.as_str())
    );
    let described = sns
        .get_subscription_attributes()
        .subscription_arn(&subscription)
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.attributes().unwrap()["RawMessageDelivery"],
        "true"
    );
    assert_eq!(
        described.attributes().unwrap()["PendingConfirmation"],
        "false"
    );

    sns.tag_resource()
        .resource_arn(&arn)
        .tags(
            aws_sdk_sns::types::Tag::builder()
                .key("team")
                .value("core")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let tags = sns
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags()[0].value(), "core");
    sns.untag_resource()
        .resource_arn(&arn)
        .tag_keys("team")
        .send()
        .await
        .unwrap();
    assert!(
        sns.list_tags_for_resource()
            .resource_arn(&arn)
            .send()
            .await
            .unwrap()
            .tags()
            .is_empty()
    );

    sns.unsubscribe()
        .subscription_arn(&subscription)
        .send()
        .await
        .unwrap();
    assert!(
        sns.list_subscriptions()
            .send()
            .await
            .unwrap()
            .subscriptions()
            .is_empty()
    );
    sns.delete_topic().topic_arn(&arn).send().await.unwrap();
    assert!(sns.list_topics().send().await.unwrap().topics().is_empty());
}

/// One topic, two queues: one gets AWS's JSON envelope of every message, the other the raw
/// messages its filter policy lets through.
#[tokio::test]
async fn a_topic_fans_out_to_two_queues_one_raw_and_filtered() {
    let stepstone = InProcess::new();
    let (sns, sqs) = (stepstone.sns(), stepstone.sqs());
    let arn = topic(&sns, "fan-out", &[]).await;
    let (all_url, all) = queue(&sqs, "all", false).await;
    let (blue_url, blue) = queue(&sqs, "blue", false).await;
    sns.subscribe()
        .topic_arn(&arn)
        .protocol("sqs")
        .endpoint(&all)
        .send()
        .await
        .unwrap();
    sns.subscribe()
        .topic_arn(&arn)
        .protocol("sqs")
        .endpoint(&blue)
        .attributes("RawMessageDelivery", "true")
        .attributes("FilterPolicy", r#"{"colour": ["blue"]}"#)
        .send()
        .await
        .unwrap();
    let mut ids = Vec::new();
    for colour in ["red", "blue"] {
        let attribute = MessageAttributeValue::builder()
            .data_type("String")
            .string_value(colour)
            .build()
            .unwrap();
        let published = sns
            .publish()
            .topic_arn(&arn)
            .message(format!("a {colour} thing"))
            .subject("things")
            .message_attributes("colour", attribute)
            .send()
            .await
            .unwrap();
        ids.push(published.message_id().unwrap().to_owned());
    }
    let wrapped = bodies(&sqs, &all_url, 2).await;
    let first: Value = serde_json::from_str(wrapped[0].body().unwrap()).unwrap();
    assert_eq!(first["Type"], "Notification");
    assert_eq!(first["MessageId"], ids[0].as_str());
    assert_eq!(first["Message"], "a red thing");
    assert_eq!(first["Subject"], "things");
    assert_eq!(
        first["MessageAttributes"]["colour"],
        json!({"Type": "String", "Value": "red"})
    );
    let raw = bodies(&sqs, &blue_url, 1).await;
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].body(), Some("a blue thing"));
    let colour = &raw[0].message_attributes().unwrap()["colour"];
    assert_eq!(colour.string_value(), Some("blue"));
}

/// A FIFO topic delivers to a FIFO queue in publishing order with the message group, and
/// drops a duplicate within the deduplication window.
#[tokio::test]
async fn fifo_topics_reach_fifo_queues_in_order() {
    let stepstone = InProcess::new();
    let (sns, sqs) = (stepstone.sns(), stepstone.sqs());
    let arn = topic(
        &sns,
        "orders.fifo",
        &[("FifoTopic", "true"), ("ContentBasedDeduplication", "true")],
    )
    .await;
    let (url, queue_arn) = queue(&sqs, "orders.fifo", true).await;
    sns.subscribe()
        .topic_arn(&arn)
        .protocol("sqs")
        .endpoint(&queue_arn)
        .attributes("RawMessageDelivery", "true")
        .send()
        .await
        .unwrap();
    let mut sequence = String::new();
    for n in [1, 2, 3, 2] {
        let published = sns
            .publish()
            .topic_arn(&arn)
            .message(format!("order {n}"))
            .message_group_id("customer")
            .send()
            .await
            .unwrap();
        let number = published.sequence_number().unwrap().to_owned();
        assert!(number > sequence, "{number} after {sequence}");
        sequence = number;
    }
    let missing_group = sns
        .publish()
        .topic_arn(&arn)
        .message("m")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(missing_group.is_invalid_parameter_exception());
    let mut got = Vec::new();
    while got.len() < 3 {
        let messages = bodies(&sqs, &url, 1).await;
        for message in &messages {
            sqs.delete_message()
                .queue_url(&url)
                .receipt_handle(message.receipt_handle().unwrap())
                .send()
                .await
                .unwrap();
        }
        got.extend(messages.iter().map(|m| m.body().unwrap().to_owned()));
    }
    assert_eq!(got, ["order 1", "order 2", "order 3"]);
}

/// A local listener answering 200 to each request, handing the test each request's text.
async fn listener() -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = socket.local_addr().unwrap();
    let (tell, told) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = socket.accept().await.unwrap();
            let request = read_request(&mut stream).await;
            let answer = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            stream.write_all(answer.as_bytes()).await.unwrap();
            let _ = tell.send(request);
        }
    });
    (format!("http://{address}/sns"), told)
}

/// One request's head and body (by its content-length).
async fn read_request(stream: &mut tokio::net::TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap();
        bytes.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&bytes).to_string();
        let Some(end) = text.find("\r\n\r\n") else {
            continue;
        };
        let length = text
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            })
            .unwrap_or(0);
        if bytes.len() >= end + 4 + length || n == 0 {
            return text;
        }
    }
}

fn body_of(request: &str) -> Value {
    serde_json::from_str(&request[request.find("\r\n\r\n").unwrap() + 4..]).unwrap()
}

/// A GET of `url` on the server (the SubscribeURL a subscriber visits).
async fn visit(url: &str) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

/// An http subscriber gets a SubscriptionConfirmation, confirms by visiting its SubscribeURL
/// on Stepstone's address, then gets notifications with SNS's headers.
#[tokio::test]
async fn http_subscribers_confirm_then_receive_notifications() {
    let server = Server::start().await;
    let sns = server.sns();
    let arn = topic(&sns, "webhooks", &[]).await;
    let (endpoint, mut requests) = listener().await;
    let pending = sns
        .subscribe()
        .topic_arn(&arn)
        .protocol("http")
        .endpoint(&endpoint)
        .send()
        .await
        .unwrap();
    assert_eq!(pending.subscription_arn(), Some("pending confirmation"));
    let confirmation = requests.recv().await.unwrap();
    assert!(
        confirmation.contains("x-amz-sns-message-type: SubscriptionConfirmation"),
        "{confirmation}"
    );
    let document = body_of(&confirmation);
    assert_eq!(document["Type"], "SubscriptionConfirmation");
    assert_eq!(document["TopicArn"], arn.as_str());
    let subscribe_url = document["SubscribeURL"].as_str().unwrap();
    assert!(
        subscribe_url.starts_with(&server.endpoint()),
        "{subscribe_url}"
    );
    let confirmed = visit(subscribe_url).await;
    assert!(confirmed.starts_with("HTTP/1.1 200"), "{confirmed}");
    assert!(
        confirmed.contains("<ConfirmSubscriptionResult><SubscriptionArn>"),
        "{confirmed}"
    );

    let published = sns
        .publish()
        .topic_arn(&arn)
        .message("hook me")
        .send()
        .await
        .unwrap();
    let notification = requests.recv().await.unwrap();
    assert!(
        notification.contains("x-amz-sns-message-type: Notification"),
        "{notification}"
    );
    let message_id = published.message_id().unwrap();
    assert!(
        notification.contains(&format!("x-amz-sns-message-id: {message_id}")),
        "{notification}"
    );
    assert!(
        notification.contains(&format!("x-amz-sns-topic-arn: {arn}")),
        "{notification}"
    );
    assert!(
        notification.contains("x-amz-sns-subscription-arn: "),
        "{notification}"
    );
    assert_eq!(body_of(&notification)["Message"], "hook me");

    let subscription = notification
        .lines()
        .find_map(|l| l.strip_prefix("x-amz-sns-subscription-arn: "))
        .unwrap()
        .trim()
        .to_owned();
    sns.unsubscribe()
        .subscription_arn(&subscription)
        .send()
        .await
        .unwrap();
    let farewell = requests.recv().await.unwrap();
    assert!(
        farewell.contains("x-amz-sns-message-type: UnsubscribeConfirmation"),
        "{farewell}"
    );
    let document = body_of(&farewell);
    assert_eq!(document["Type"], "UnsubscribeConfirmation");
    assert!(
        document["Message"].as_str().unwrap().starts_with(&format!(
            "You have chosen to deactivate subscription {subscription}."
        )),
        "{document}"
    );
}

/// A workflow publishes through `sns:publish` and `aws-sdk:sns:publish`; a subscribed queue
/// receives both messages, and a publish to a missing topic fails with each integration's
/// error name.
#[tokio::test]
async fn workflows_publish_to_topics_a_queue_receives() {
    let stepstone = InProcess::new();
    let (sns, sqs, sfn) = (stepstone.sns(), stepstone.sqs(), stepstone.sfn());
    let arn = topic(&sns, "from-workflows", &[]).await;
    let (url, queue_arn) = queue(&sqs, "from-workflows", false).await;
    sns.subscribe()
        .topic_arn(&arn)
        .protocol("sqs")
        .endpoint(&queue_arn)
        .attributes("RawMessageDelivery", "true")
        .send()
        .await
        .unwrap();
    let definition = r#"{"StartAt":"Optimized","States":{
        "Optimized":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Parameters":{"TopicArn.$":"$.topic","Message":{"via":"optimized"}},"ResultPath":"$.optimized","Next":"Sdk"},
        "Sdk":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:publish",
            "Parameters":{"TopicArn.$":"$.topic","Message":"via sdk"},"ResultPath":"$.sdk","End":true}}}"#;
    let machine = conformance_tests::create_machine(&sfn, "publish", definition).await;
    let run = conformance_tests::start(&sfn, &machine, &json!({"topic": arn})).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    assert_eq!(done.status().as_str(), "SUCCEEDED", "{:?}", done.cause());
    let output: Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(
        output["optimized"]["SdkHttpMetadata"]["HttpHeaders"]["Content-Type"],
        "text/xml"
    );
    assert!(output["sdk"]["MessageId"].is_string(), "{output}");
    let messages = bodies(&sqs, &url, 2).await;
    let mut got: Vec<&str> = messages.iter().map(|m| m.body().unwrap()).collect();
    got.sort();
    assert_eq!(got, ["via sdk", r#"{"via":"optimized"}"#]);

    let missing = json!({"topic": "arn:aws:sns:us-east-1:123456789012:missing"});
    let run = conformance_tests::start(&sfn, &machine, &missing).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    assert_eq!(done.error(), Some("SNS.NotFoundException"));
    let sdk_only = r#"{"StartAt":"Sdk","States":{"Sdk":{"Type":"Task",
        "Resource":"arn:aws:states:::aws-sdk:sns:publish",
        "Parameters":{"TopicArn.$":"$.topic","Message":"m"},"End":true}}}"#;
    let machine = conformance_tests::create_machine(&sfn, "sdk-only", sdk_only).await;
    let run = conformance_tests::start(&sfn, &machine, &missing).await;
    let done = conformance_tests::finished(&sfn, &run).await;
    assert_eq!(done.error(), Some("Sns.NotFoundException"));
}

/// A Lambda subscriber is invoked asynchronously with the SNS event record; its handler
/// (a real Python process) hands the event to the test on a loopback socket.
#[tokio::test]
async fn lambda_subscribers_get_the_sns_event() {
    let stepstone = InProcess::new();
    let (sns, lambda) = (stepstone.sns(), stepstone.lambda());
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    let code = format!(
        "import json, socket\n\ndef handler(event, context):\n    with socket.create_connection(('127.0.0.1', {port})) as s:\n        s.sendall(json.dumps(event).encode())\n"
    );
    let zip = conformance_tests::zip_package(&[("handler.py", &code)]);
    let function = lambda
        .create_function()
        .function_name("on-event")
        .runtime(aws_sdk_lambda::types::Runtime::Python312)
        .role(conformance_tests::ROLE)
        .handler("handler.handler")
        .code(
            aws_sdk_lambda::types::FunctionCode::builder()
                .zip_file(zip.into())
                .build(),
        )
        .send()
        .await
        .unwrap()
        .function_arn()
        .unwrap()
        .to_owned();
    let arn = topic(&sns, "to-lambda", &[]).await;
    let subscription = sns
        .subscribe()
        .topic_arn(&arn)
        .protocol("lambda")
        .endpoint(&function)
        .send()
        .await
        .unwrap();
    let subscription = subscription.subscription_arn().unwrap().to_owned();
    let attribute = MessageAttributeValue::builder()
        .data_type("String")
        .string_value("x")
        .build()
        .unwrap();
    let published = sns
        .publish()
        .topic_arn(&arn)
        .message("to the function")
        .message_attributes("kind", attribute)
        .send()
        .await
        .unwrap();

    let (mut stream, _) = socket.accept().await.unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    let event: Value = serde_json::from_str(&text).unwrap();
    let record = &event["Records"][0];
    assert_eq!(record["EventSource"], "aws:sns");
    assert_eq!(record["EventVersion"], "1.0");
    assert_eq!(record["EventSubscriptionArn"], subscription.as_str());
    let sns_part = &record["Sns"];
    assert_eq!(sns_part["Type"], "Notification");
    assert_eq!(sns_part["MessageId"], published.message_id().unwrap());
    assert_eq!(sns_part["Message"], "to the function");
    assert_eq!(sns_part["Subject"], Value::Null);
    assert_eq!(
        sns_part["MessageAttributes"]["kind"],
        json!({"Type": "String", "Value": "x"})
    );
    assert!(sns_part["UnsubscribeUrl"].is_string() && sns_part["SigningCertUrl"].is_string());
}

/// TestState of an unmocked `sns:publish` Task calls the SNS fake: the topic's queue gets the
/// message, and the state's output is Publish's answer with the SDK's metadata.
#[tokio::test]
async fn an_unmocked_test_state_publishes_to_the_topic() {
    let stepstone = InProcess::new();
    let (sns, sqs, sfn) = (stepstone.sns(), stepstone.sqs(), stepstone.sfn());
    let arn = topic(&sns, "tested", &[]).await;
    let (url, queue_arn) = queue(&sqs, "tested", false).await;
    sns.subscribe()
        .topic_arn(&arn)
        .protocol("sqs")
        .endpoint(&queue_arn)
        .attributes("RawMessageDelivery", "true")
        .send()
        .await
        .unwrap();
    let state = json!({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Parameters": {"TopicArn": arn, "Message.$": "$.text"}, "End": true});
    let tested = sfn
        .test_state()
        .definition(state.to_string())
        .role_arn("arn:aws:iam::123456789012:role/tester")
        .input(r#"{"text":"tested alone"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(tested.status().map(|s| s.as_str()), Some("SUCCEEDED"));
    let output: Value = serde_json::from_str(tested.output().unwrap()).unwrap();
    assert!(output["MessageId"].is_string(), "{output}");
    let messages = bodies(&sqs, &url, 1).await;
    assert_eq!(messages[0].body(), Some("tested alone"));
}

#[tokio::test]
async fn permissions_are_granted_and_revoked_in_the_topic_policy() {
    let sns = InProcess::new().sns();
    let arn = topic(&sns, "shared", &[]).await;
    sns.add_permission()
        .topic_arn(&arn)
        .label("partners")
        .aws_account_id("111122223333")
        .action_name("Publish")
        .send()
        .await
        .unwrap();
    let policy =
        |attributes: aws_sdk_sns::operation::get_topic_attributes::GetTopicAttributesOutput| {
            let text = attributes.attributes().unwrap()["Policy"].clone();
            serde_json::from_str::<Value>(&text).unwrap()
        };
    let granted = policy(
        sns.get_topic_attributes()
            .topic_arn(&arn)
            .send()
            .await
            .unwrap(),
    );
    let sids: Vec<&Value> = granted["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["Sid"])
        .collect();
    assert!(sids.contains(&&json!("partners")), "{granted}");
    let again = sns
        .add_permission()
        .topic_arn(&arn)
        .label("partners")
        .aws_account_id("111122223333")
        .action_name("Publish")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(again.is_invalid_parameter_exception(), "{again:?}");
    sns.remove_permission()
        .topic_arn(&arn)
        .label("partners")
        .send()
        .await
        .unwrap();
    let revoked = policy(
        sns.get_topic_attributes()
            .topic_arn(&arn)
            .send()
            .await
            .unwrap(),
    );
    assert!(!revoked.to_string().contains("partners"), "{revoked}");
}
