//! SQS through the router: the JSON protocol as current SDKs send it, the query protocol as
//! older ones do, on a manual clock so visibility timeouts, delays and long polls are exact.

use crate::config::Config;
use crate::server::{App, router};
use axum::body::Body;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

struct Sqs {
    app: Arc<App>,
}

/// An answer: status, the `x-amzn-query-error` header, the body.
type Answer = (u16, Option<String>, Value);

impl Sqs {
    fn new() -> Sqs {
        let config = Config {
            manual_clock: true,
            ..Config::default()
        };
        Sqs {
            app: Arc::new(App::new(&config)),
        }
    }

    async fn call(&self, operation: &str, input: Value) -> Answer {
        let request = http::Request::post("/")
            .header("x-amz-target", format!("AmazonSQS.{operation}"))
            .header("content-type", "application/x-amz-json-1.0")
            .body(Body::from(input.to_string()))
            .unwrap();
        let response = router(self.app.clone()).oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let query_error = response.headers().get("x-amzn-query-error");
        let query_error = query_error.map(|v| v.to_str().unwrap().to_owned());
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, query_error, serde_json::from_slice(&bytes).unwrap())
    }

    async fn ok(&self, operation: &str, input: Value) -> Value {
        let (status, _, body) = self.call(operation, input).await;
        assert_eq!(status, 200, "{operation}: {body}");
        body
    }

    async fn create(&self, name: &str, attributes: Value) -> String {
        let body = self
            .ok(
                "CreateQueue",
                json!({"QueueName": name, "Attributes": attributes}),
            )
            .await;
        body["QueueUrl"].as_str().unwrap().to_owned()
    }

    async fn send(&self, url: &str, body: &str) -> Value {
        self.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": body}))
            .await
    }

    async fn receive(&self, url: &str, extra: Value) -> Vec<Value> {
        let mut input =
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "AttributeNames": ["All"]});
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let body = self.ok("ReceiveMessage", input).await;
        body["Messages"].as_array().cloned().unwrap_or_default()
    }

    async fn bodies(&self, url: &str, extra: Value) -> Vec<String> {
        let messages = self.receive(url, extra).await;
        messages
            .iter()
            .map(|m| m["Body"].as_str().unwrap().to_owned())
            .collect()
    }

    fn advance(&self, seconds: u64) {
        self.app
            .clock
            .advance(Duration::from_secs(seconds))
            .unwrap();
    }

    async fn attribute(&self, url: &str, name: &str) -> String {
        let body = self
            .ok(
                "GetQueueAttributes",
                json!({"QueueUrl": url, "AttributeNames": [name]}),
            )
            .await;
        body["Attributes"][name].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn queues_are_created_idempotently_found_listed_and_deleted() {
    let sqs = Sqs::new();
    let url = sqs
        .create("orders", json!({"VisibilityTimeout": "60"}))
        .await;
    assert_eq!(url, "http://localhost:8083/123456789012/orders");
    assert_eq!(
        sqs.create("orders", json!({"VisibilityTimeout": "60"}))
            .await,
        url
    );
    let (status, query_error, body) = sqs
        .call(
            "CreateQueue",
            json!({"QueueName": "orders", "Attributes": {"VisibilityTimeout": "5"}}),
        )
        .await;
    assert_eq!(
        (status, query_error.as_deref()),
        (400, Some("QueueAlreadyExists;Sender"))
    );
    assert_eq!(body["__type"], "com.amazonaws.sqs#QueueNameExists");
    sqs.create("orders-dlq", json!({})).await;
    sqs.create("audit", json!({})).await;
    let listed = sqs
        .ok("ListQueues", json!({"QueueNamePrefix": "orders"}))
        .await;
    assert_eq!(listed["QueueUrls"].as_array().unwrap().len(), 2);
    let page = sqs.ok("ListQueues", json!({"MaxResults": 2})).await;
    assert_eq!(page["QueueUrls"].as_array().unwrap().len(), 2);
    let rest = sqs
        .ok(
            "ListQueues",
            json!({"MaxResults": 2, "NextToken": page["NextToken"]}),
        )
        .await;
    assert_eq!(
        rest["QueueUrls"],
        json!(["http://localhost:8083/123456789012/orders-dlq"])
    );
    assert_eq!(rest.get("NextToken"), None);
    assert_eq!(
        sqs.ok("GetQueueUrl", json!({"QueueName": "audit"})).await["QueueUrl"],
        "http://localhost:8083/123456789012/audit"
    );
    sqs.ok("DeleteQueue", json!({"QueueUrl": url})).await;
    let (status, query_error, body) = sqs
        .call("GetQueueUrl", json!({"QueueName": "orders"}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        query_error.as_deref(),
        Some("AWS.SimpleQueueService.NonExistentQueue;Sender")
    );
    assert_eq!(body["__type"], "com.amazonaws.sqs#QueueDoesNotExist");
    assert_eq!(body["message"], "The specified queue does not exist.");
}

#[tokio::test]
async fn bad_queue_names_and_attributes_are_refused_and_change_nothing() {
    let sqs = Sqs::new();
    let (status, _, body) = sqs.call("CreateQueue", json!({"QueueName": "a b"})).await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("com.amazonaws.sqs#InvalidParameterValue"))
    );
    let (_, _, body) = sqs
        .call(
            "CreateQueue",
            json!({"QueueName": "q", "Attributes": {"DelaySeconds": "901"}}),
        )
        .await;
    assert_eq!(
        body["message"],
        "Invalid value for the parameter DelaySeconds."
    );
    let (_, _, body) = sqs
        .call("CreateQueue", json!({"QueueName": "q.fifo"}))
        .await;
    assert_eq!(body["__type"], "com.amazonaws.sqs#InvalidParameterValue");
    assert_eq!(sqs.ok("ListQueues", json!({})).await, json!({}));
    let url = sqs.create("q", json!({})).await;
    let (_, _, body) = sqs
        .call("SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"DelaySeconds": "5", "MaximumMessageSize": "1"}}))
        .await;
    assert_eq!(body["__type"], "com.amazonaws.sqs#InvalidAttributeValue");
    assert_eq!(sqs.attribute(&url, "DelaySeconds").await, "0");
    let (_, query_error, body) = sqs
        .call(
            "SetQueueAttributes",
            json!({"QueueUrl": url, "Attributes": {"Colour": "red"}}),
        )
        .await;
    assert_eq!(query_error.as_deref(), Some("InvalidAttributeName;Sender"));
    assert_eq!(body["message"], "Unknown Attribute Colour.");
    let (_, query_error, body) = sqs.call("SendMessage", json!({"QueueUrl": url})).await;
    assert_eq!(query_error.as_deref(), Some("MissingParameter;Sender"));
    assert_eq!(
        body["message"],
        "The request must contain the parameter MessageBody."
    );
}

#[tokio::test]
async fn messages_carry_attributes_and_the_digests_sdks_check() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({})).await;
    let attributes = json!({"attribName1": {"DataType": "String", "StringValue": "attribValue 1"}});
    let sent = sqs
        .ok(
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": "hello", "MessageAttributes": attributes}),
        )
        .await;
    assert_eq!(sent["MD5OfMessageBody"], "5d41402abc4b2a76b9719d911017c592");
    assert_eq!(
        sent["MD5OfMessageAttributes"],
        "19e27d4e946b072f3f58da80d94fd778"
    );
    let filtered = json!({"MessageAttributeNames": ["All"], "AttributeNames": ["SentTimestamp"]});
    let messages = sqs.receive(&url, filtered).await;
    let message = &messages[0];
    assert_eq!(message["MessageId"], sent["MessageId"]);
    assert_eq!(message["MD5OfBody"], "5d41402abc4b2a76b9719d911017c592");
    assert_eq!(
        message["MD5OfMessageAttributes"],
        "19e27d4e946b072f3f58da80d94fd778"
    );
    assert_eq!(message["MessageAttributes"], attributes);
    assert_eq!(
        message["Attributes"].as_object().unwrap().len(),
        1,
        "{message}"
    );
}

#[tokio::test]
async fn received_messages_return_after_their_visibility_timeout_until_deleted() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({"VisibilityTimeout": "30"})).await;
    sqs.send(&url, "one").await;
    let first = sqs.receive(&url, json!({})).await;
    assert_eq!(first.len(), 1);
    assert_eq!(
        sqs.attribute(&url, "ApproximateNumberOfMessagesNotVisible")
            .await,
        "1"
    );
    assert!(sqs.receive(&url, json!({})).await.is_empty());
    sqs.advance(30);
    let again = sqs.receive(&url, json!({})).await;
    assert_eq!(again[0]["Attributes"]["ApproximateReceiveCount"], "2");
    // The first receive's handle is stale: it deletes nothing.
    sqs.ok(
        "DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": first[0]["ReceiptHandle"]}),
    )
    .await;
    sqs.ok("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": again[0]["ReceiptHandle"], "VisibilityTimeout": 0})).await;
    let third = sqs.receive(&url, json!({})).await;
    sqs.ok(
        "DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": third[0]["ReceiptHandle"]}),
    )
    .await;
    sqs.advance(60);
    assert!(sqs.receive(&url, json!({})).await.is_empty());
    let (_, query_error, _) = sqs
        .call(
            "DeleteMessage",
            json!({"QueueUrl": url, "ReceiptHandle": "garbage"}),
        )
        .await;
    assert_eq!(
        query_error.as_deref(),
        Some("ReceiptHandleIsInvalid;Sender")
    );
}

#[tokio::test]
async fn delayed_messages_wait_and_are_counted() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({})).await;
    sqs.ok(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "later", "DelaySeconds": 10}),
    )
    .await;
    assert_eq!(
        sqs.attribute(&url, "ApproximateNumberOfMessagesDelayed")
            .await,
        "1"
    );
    assert!(sqs.receive(&url, json!({})).await.is_empty());
    sqs.advance(10);
    assert_eq!(
        sqs.attribute(&url, "ApproximateNumberOfMessages").await,
        "1"
    );
    assert_eq!(sqs.bodies(&url, json!({})).await, ["later"]);
}

#[tokio::test]
async fn messages_expire_after_the_retention_period() {
    let sqs = Sqs::new();
    let url = sqs
        .create("q", json!({"MessageRetentionPeriod": "60"}))
        .await;
    sqs.send(&url, "old").await;
    sqs.advance(59);
    sqs.send(&url, "young").await;
    sqs.advance(1);
    assert_eq!(
        sqs.attribute(&url, "ApproximateNumberOfMessages").await,
        "1"
    );
    assert_eq!(sqs.bodies(&url, json!({})).await, ["young"]);
}

#[tokio::test]
async fn messages_received_too_often_move_to_the_dead_letter_queue() {
    let sqs = Sqs::new();
    let dlq = sqs.create("dlq", json!({})).await;
    let policy = json!({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq", "maxReceiveCount": 2});
    let url = sqs
        .create(
            "q",
            json!({"RedrivePolicy": policy.to_string(), "VisibilityTimeout": "5"}),
        )
        .await;
    sqs.send(&url, "poison").await;
    for _ in 0..2 {
        assert_eq!(sqs.bodies(&url, json!({})).await, ["poison"]);
        sqs.advance(5);
    }
    assert!(sqs.receive(&url, json!({})).await.is_empty());
    let sources = sqs
        .ok("ListDeadLetterSourceQueues", json!({"QueueUrl": dlq}))
        .await;
    assert_eq!(sources, json!({"queueUrls": [url]}));
    let moved = sqs.receive(&dlq, json!({})).await;
    assert_eq!(moved[0]["Body"], "poison");
    assert_eq!(
        moved[0]["Attributes"]["DeadLetterQueueSourceArn"],
        "arn:aws:sqs:us-east-1:123456789012:q"
    );
}

/// Lets spawned polls run until they wait (the test runtime has one thread).
async fn settle() {
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_long_poll_answers_as_soon_as_a_message_arrives() {
    let sqs = Arc::new(Sqs::new());
    let url = sqs.create("q", json!({})).await;
    let poll = {
        let (sqs, url) = (sqs.clone(), url.clone());
        tokio::spawn(async move { sqs.bodies(&url, json!({"WaitTimeSeconds": 20})).await })
    };
    settle().await;
    assert!(!poll.is_finished(), "the poll waits");
    sqs.send(&url, "now").await;
    assert_eq!(poll.await.unwrap(), ["now"]);
    let empty = {
        let (sqs, url) = (sqs.clone(), url.clone());
        tokio::spawn(async move { sqs.bodies(&url, json!({"WaitTimeSeconds": 20})).await })
    };
    settle().await;
    sqs.advance(20);
    assert!(
        empty.await.unwrap().is_empty(),
        "the wait ends on the clock"
    );
}

#[tokio::test]
async fn fifo_queues_keep_group_order_and_drop_duplicates() {
    let sqs = Sqs::new();
    let url = sqs
        .create(
            "jobs.fifo",
            json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
        )
        .await;
    let send = |body: &'static str, group: &'static str| {
        sqs.ok(
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group}),
        )
    };
    let first = send("a1", "a").await;
    send("b1", "b").await;
    send("a2", "a").await;
    let duplicate = send("a1", "a").await;
    assert_eq!(duplicate["MessageId"], first["MessageId"]);
    assert_eq!(duplicate["SequenceNumber"], first["SequenceNumber"]);
    assert_eq!(
        sqs.bodies(&url, json!({"MaxNumberOfMessages": 1})).await,
        ["a1"]
    );
    // Group a is blocked while a1 is in flight; b is not.
    assert_eq!(sqs.bodies(&url, json!({})).await, ["b1"]);
    sqs.advance(30);
    assert_eq!(sqs.bodies(&url, json!({})).await, ["a1", "b1", "a2"]);
    let (_, _, body) = sqs
        .call("SendMessage", json!({"QueueUrl": url, "MessageBody": "x"}))
        .await;
    assert_eq!(body["__type"], "com.amazonaws.sqs#MissingParameter");
}

#[tokio::test]
async fn batches_report_each_entry_and_refuse_bad_batches() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({})).await;
    let entries = json!([
        {"Id": "ok", "MessageBody": "fine"},
        {"Id": "bad", "MessageBody": "late", "DelaySeconds": 901},
    ]);
    let answer = sqs
        .ok(
            "SendMessageBatch",
            json!({"QueueUrl": url, "Entries": entries}),
        )
        .await;
    assert_eq!(answer["Successful"][0]["Id"], "ok");
    assert_eq!(answer["Failed"][0]["Id"], "bad");
    assert_eq!(answer["Failed"][0]["Code"], "InvalidParameterValue");
    let twice = json!([{"Id": "x", "MessageBody": "1"}, {"Id": "x", "MessageBody": "2"}]);
    let (_, query_error, _) = sqs
        .call(
            "SendMessageBatch",
            json!({"QueueUrl": url, "Entries": twice}),
        )
        .await;
    assert_eq!(
        query_error.as_deref(),
        Some("AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender")
    );
    let (_, _, body) = sqs
        .call(
            "DeleteMessageBatch",
            json!({"QueueUrl": url, "Entries": []}),
        )
        .await;
    assert_eq!(body["__type"], "com.amazonaws.sqs#EmptyBatchRequest");
    assert_eq!(
        sqs.attribute(&url, "ApproximateNumberOfMessages").await,
        "1"
    );
}

/// The query protocol of older SDKs: form posts signed `sqs`, to `/` or to the queue's URL.
#[tokio::test]
async fn the_query_protocol_reaches_the_same_queues() {
    let sqs = Sqs::new();
    let post = |path: &'static str, form: &'static str| {
        let request = http::Request::post(path)
            .header("authorization", "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap();
        let app = router(sqs.app.clone());
        async move {
            let response = app.oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8(bytes.to_vec()).unwrap())
        }
    };
    let (status, body) = post("/", "Action=CreateQueue&Version=2012-11-05&QueueName=legacy&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=45").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("<QueueUrl>http://localhost:8083/123456789012/legacy</QueueUrl>"),
        "{body}"
    );
    let form = "Action=SendMessage&Version=2012-11-05&MessageBody=hi&MessageAttribute.1.Name=n&MessageAttribute.1.Value.DataType=Number&MessageAttribute.1.Value.StringValue=3";
    let (status, body) = post("/123456789012/legacy", form).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>"),
        "{body}"
    );
    let form = "Action=ReceiveMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2Flocalhost%3A8083%2F123456789012%2Flegacy&AttributeName.1=All&MessageAttributeName.1=All";
    let (_, body) = post("/", form).await;
    assert!(body.contains("<Body>hi</Body>"), "{body}");
    assert!(
        body.contains(
            "<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>"
        ),
        "{body}"
    );
    assert!(body.contains("<MessageAttribute><Name>n</Name><Value><StringValue>3</StringValue><DataType>Number</DataType></Value></MessageAttribute>"), "{body}");
    assert_eq!(
        sqs.attribute(
            "http://localhost:8083/123456789012/legacy",
            "VisibilityTimeout"
        )
        .await,
        "45"
    );
    let (status, body) = post("/", "Action=GetQueueUrl&Version=2012-11-05&QueueName=nope").await;
    assert_eq!(status, 400);
    assert!(
        body.contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"),
        "{body}"
    );
}

/// Queue URLs name the host the client addressed (a mapped port, a container's name), so a
/// client reaches the queue at the URL it was given; without a `Host`, the server's address.
#[tokio::test]
async fn queue_urls_follow_the_host_the_client_addressed() {
    let sqs = Sqs::new();
    let request = |operation: &str, input: Value, host: Option<&'static str>| {
        let mut builder = http::Request::post("/")
            .header("x-amz-target", format!("AmazonSQS.{operation}"))
            .header("content-type", "application/x-amz-json-1.0");
        if let Some(host) = host {
            builder = builder.header("host", host);
        }
        builder.body(Body::from(input.to_string())).unwrap()
    };
    let url = |response: axum::response::Response| async {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        body["QueueUrl"].as_str().unwrap().to_owned()
    };
    let created = request(
        "CreateQueue",
        json!({"QueueName": "hosted"}),
        Some("localhost:4566"),
    );
    let response = router(sqs.app.clone()).oneshot(created).await.unwrap();
    assert_eq!(
        url(response).await,
        "http://localhost:4566/123456789012/hosted"
    );
    let found = request("GetQueueUrl", json!({"QueueName": "hosted"}), None);
    let response = router(sqs.app.clone()).oneshot(found).await.unwrap();
    assert_eq!(
        url(response).await,
        "http://localhost:8083/123456789012/hosted"
    );
}

mod redrive;
mod rules;
