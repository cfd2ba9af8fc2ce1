//! SNS through the router: form posts signed for `sns`, answered in XML, on a manual clock;
//! deliveries to SQS read back through SQS's own operations, to http endpoints by a local
//! listener.

mod https;
mod mobile;
mod permissions;
mod sms;

use crate::config::Config;
use crate::server::{App, router};
use axum::body::Body;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

struct Fixture {
    app: Arc<App>,
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The text of the first `<name>` element of `body`.
fn tag(body: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let start = body.find(&open).map(|i| i + open.len());
    let start = start.unwrap_or_else(|| panic!("no <{name}> in {body}"));
    let end = body[start..].find(&format!("</{name}>")).unwrap() + start;
    body[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

impl Fixture {
    fn new() -> Fixture {
        let config = Config {
            manual_clock: true,
            ..Config::default()
        };
        Fixture {
            app: Arc::new(App::new(&config)),
        }
    }

    async fn request(&self, request: http::Request<Body>) -> (u16, String) {
        let response = router(self.app.clone()).oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    /// SNS's `action` with `params`.
    async fn call(&self, action: &str, params: &[(&str, &str)]) -> (u16, String) {
        let mut form = format!("Action={action}&Version=2010-03-31");
        for (k, v) in params {
            form.push_str(&format!("&{k}={}", encode(v)));
        }
        let request = http::Request::post("/")
            .header("authorization", "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0")
            .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
            .header("host", "localhost:8083")
            .body(Body::from(form))
            .unwrap();
        self.request(request).await
    }

    async fn ok(&self, action: &str, params: &[(&str, &str)]) -> String {
        let (status, body) = self.call(action, params).await;
        assert_eq!(status, 200, "{action}: {body}");
        body
    }

    /// The error's status, `<Code>` and `<Message>`.
    async fn error(&self, action: &str, params: &[(&str, &str)]) -> (u16, String, String) {
        let (status, body) = self.call(action, params).await;
        (status, tag(&body, "Code"), tag(&body, "Message"))
    }

    async fn topic(&self, name: &str, extra: &[(&str, &str)]) -> String {
        let mut params = vec![("Name", name)];
        params.extend_from_slice(extra);
        tag(&self.ok("CreateTopic", &params).await, "TopicArn")
    }

    async fn subscribe(
        &self,
        topic: &str,
        protocol: &str,
        endpoint: &str,
        extra: &[(&str, &str)],
    ) -> String {
        let mut params = vec![
            ("TopicArn", topic),
            ("Protocol", protocol),
            ("Endpoint", endpoint),
        ];
        params.extend_from_slice(extra);
        tag(&self.ok("Subscribe", &params).await, "SubscriptionArn")
    }

    async fn sqs(&self, operation: &str, input: Value) -> Value {
        let request = http::Request::post("/")
            .header("x-amz-target", format!("AmazonSQS.{operation}"))
            .header("content-type", "application/x-amz-json-1.0")
            .body(Body::from(input.to_string()))
            .unwrap();
        let (status, body) = self.request(request).await;
        assert_eq!(status, 200, "{operation}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    /// A queue's URL and ARN.
    async fn queue(&self, name: &str, attributes: Value) -> (String, String) {
        let created = self
            .sqs(
                "CreateQueue",
                json!({"QueueName": name, "Attributes": attributes}),
            )
            .await;
        let url = created["QueueUrl"].as_str().unwrap().to_owned();
        (url, format!("arn:aws:sqs:us-east-1:123456789012:{name}"))
    }

    /// The next messages of a queue, waiting (a long poll) until one arrives.
    async fn receive(&self, url: &str) -> Vec<Value> {
        let input = json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 20,
            "MessageAttributeNames": ["All"]});
        let answer = self.sqs("ReceiveMessage", input).await;
        answer["Messages"].as_array().cloned().unwrap_or_default()
    }

    async fn admin(&self, uri: &str) -> (u16, String) {
        self.request(http::Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// The kept deliveries the filter names, once there are `count` of them.
    async fn kept(&self, query: &str, count: usize) -> Vec<Value> {
        for _ in 0..10_000 {
            let (_, body) = self
                .admin(&format!("/_stepstone/sns/deliveries?{query}"))
                .await;
            let list: Value = serde_json::from_str(&body).unwrap();
            let list = list["deliveries"].as_array().unwrap().clone();
            if list.len() >= count {
                return list;
            }
            tokio::task::yield_now().await;
        }
        panic!("fewer than {count} deliveries for {query}");
    }
}

#[tokio::test]
async fn topics_are_created_once_listed_described_and_deleted() {
    let sns = Fixture::new();
    let arn = sns
        .topic(
            "orders",
            &[
                ("Attributes.entry.1.key", "DisplayName"),
                ("Attributes.entry.1.value", "Orders"),
            ],
        )
        .await;
    assert_eq!(arn, "arn:aws:sns:us-east-1:123456789012:orders");
    let again = sns
        .topic(
            "orders",
            &[
                ("Attributes.entry.1.key", "DisplayName"),
                ("Attributes.entry.1.value", "Orders"),
            ],
        )
        .await;
    assert_eq!(again, arn);
    let clash = sns
        .error(
            "CreateTopic",
            &[
                ("Name", "orders"),
                ("Attributes.entry.1.key", "DisplayName"),
                ("Attributes.entry.1.value", "Other"),
            ],
        )
        .await;
    assert_eq!(clash.1, "InvalidParameter");
    assert_eq!(
        clash.2,
        "Invalid parameter: Attributes Reason: Topic already exists with different attributes"
    );
    let bad = sns.error("CreateTopic", &[("Name", "no spaces")]).await;
    assert_eq!(
        bad,
        (
            400,
            "InvalidParameter".into(),
            "Invalid parameter: Topic Name".into()
        )
    );

    let attributes = sns.ok("GetTopicAttributes", &[("TopicArn", &arn)]).await;
    for expected in [
        "<key>DisplayName</key><value>Orders</value>",
        "<key>SubscriptionsConfirmed</key><value>0</value>",
        "<key>Owner</key><value>123456789012</value>",
        "<key>EffectiveDeliveryPolicy</key>",
        "<key>Policy</key>",
    ] {
        assert!(attributes.contains(expected), "{expected}: {attributes}");
    }
    sns.ok("DeleteTopic", &[("TopicArn", &arn)]).await;
    sns.ok("DeleteTopic", &[("TopicArn", &arn)]).await;
    let gone = sns.error("GetTopicAttributes", &[("TopicArn", &arn)]).await;
    assert_eq!(
        gone,
        (404, "NotFound".into(), "Topic does not exist".into())
    );
}

#[tokio::test]
async fn topics_are_listed_a_hundred_at_a_time() {
    let sns = Fixture::new();
    for i in 0..101 {
        sns.topic(&format!("t{i:03}"), &[]).await;
    }
    let first = sns.ok("ListTopics", &[]).await;
    assert_eq!(first.matches("<TopicArn>").count(), 100);
    let token = tag(&first, "NextToken");
    let second = sns.ok("ListTopics", &[("NextToken", &token)]).await;
    assert_eq!(
        tag(&second, "TopicArn"),
        "arn:aws:sns:us-east-1:123456789012:t100"
    );
    assert!(!second.contains("<NextToken>"));
    let bad = sns.error("ListTopics", &[("NextToken", "garbage")]).await;
    assert_eq!(bad.2, "Invalid parameter: NextToken");
}

#[tokio::test]
async fn fifo_topics_need_their_suffix_group_and_deduplication() {
    let sns = Fixture::new();
    let fifo = [
        ("Attributes.entry.1.key", "FifoTopic"),
        ("Attributes.entry.1.value", "true"),
    ];
    let bad = sns
        .error("CreateTopic", &[("Name", "orders"), fifo[0], fifo[1]])
        .await;
    assert!(
        bad.2
            .starts_with("Invalid parameter: Fifo Topic names must end with .fifo"),
        "{bad:?}"
    );
    let unmarked = sns.error("CreateTopic", &[("Name", "orders.fifo")]).await;
    assert_eq!(unmarked.2, "Invalid parameter: Topic Name");
    let arn = sns.topic("orders.fifo", &fifo).await;
    let http = [("TopicArn", arn.as_str()), ("Protocol", "http")];
    let refused = (sns.error("Subscribe", &[http[0], http[1], ("Endpoint", "http://h/")])).await;
    assert_eq!(refused.2, "Invalid parameter: Invalid protocol type: http");
    let content = [
        ("Attributes.entry.2.key", "ContentBasedDeduplication"),
        ("Attributes.entry.2.value", "True"),
    ];
    let deduplicating = sns
        .topic("dedup.fifo", &[fifo[0], fifo[1], content[0], content[1]])
        .await;
    // Asking again without the attribute it has is no conflict.
    assert_eq!(sns.topic("dedup.fifo", &fifo).await, deduplicating);
    let attributes = sns.ok("GetTopicAttributes", &[("TopicArn", &arn)]).await;
    assert!(
        attributes.contains("<key>FifoTopic</key><value>true</value>"),
        "{attributes}"
    );
    assert!(attributes.contains("<key>ContentBasedDeduplication</key><value>false</value>"));

    let no_group = sns
        .error("Publish", &[("TopicArn", &arn), ("Message", "m")])
        .await;
    assert_eq!(
        no_group.2,
        "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"
    );
    let no_dedup = sns
        .error(
            "Publish",
            &[
                ("TopicArn", &arn),
                ("Message", "m"),
                ("MessageGroupId", "g"),
            ],
        )
        .await;
    assert!(
        no_dedup
            .2
            .contains("ContentBasedDeduplication enabled or MessageDeduplicationId")
    );
    sns.ok(
        "SetTopicAttributes",
        &[
            ("TopicArn", &arn),
            ("AttributeName", "ContentBasedDeduplication"),
            ("AttributeValue", "true"),
        ],
    )
    .await;
    let first = sns
        .ok(
            "Publish",
            &[
                ("TopicArn", &arn),
                ("Message", "m"),
                ("MessageGroupId", "g"),
            ],
        )
        .await;
    let second = sns
        .ok(
            "Publish",
            &[
                ("TopicArn", &arn),
                ("Message", "m"),
                ("MessageGroupId", "g"),
            ],
        )
        .await;
    assert_eq!(
        tag(&first, "MessageId"),
        tag(&second, "MessageId"),
        "deduplicated"
    );
    assert!(tag(&second, "SequenceNumber") > tag(&first, "SequenceNumber"));

    let standard = sns.topic("plain", &[]).await;
    let refused = sns
        .error(
            "Publish",
            &[
                ("TopicArn", &standard),
                ("Message", "m"),
                ("MessageDeduplicationId", "d"),
            ],
        )
        .await;
    assert!(
        refused.2.contains("MessageDeduplicationId Reason"),
        "{refused:?}"
    );
    let content = sns
        .error(
            "SetTopicAttributes",
            &[
                ("TopicArn", &standard),
                ("AttributeName", "ContentBasedDeduplication"),
                ("AttributeValue", "true"),
            ],
        )
        .await;
    assert_eq!(content.1, "InvalidParameter");
}

#[tokio::test]
async fn a_topic_fans_out_to_queues_in_envelopes_or_raw() {
    let sns = Fixture::new();
    let topic = sns.topic("events", &[]).await;
    sns.ok(
        "SetTopicAttributes",
        &[
            ("TopicArn", &topic),
            ("AttributeName", "SignatureVersion"),
            ("AttributeValue", "2"),
        ],
    )
    .await;
    let (wrapped_url, wrapped) = sns.queue("wrapped", json!({})).await;
    let (raw_url, raw) = sns.queue("raw", json!({})).await;
    let sub = sns.subscribe(&topic, "sqs", &wrapped, &[]).await;
    sns.subscribe(
        &topic,
        "sqs",
        &raw,
        &[
            ("Attributes.entry.1.key", "RawMessageDelivery"),
            ("Attributes.entry.1.value", "true"),
        ],
    )
    .await;
    let published = sns
        .ok(
            "Publish",
            &[
                ("TopicArn", &topic),
                ("Message", "hello"),
                ("Subject", "greeting"),
                ("MessageAttributes.entry.1.Name", "colour"),
                ("MessageAttributes.entry.1.Value.DataType", "String"),
                ("MessageAttributes.entry.1.Value.StringValue", "blue"),
            ],
        )
        .await;
    let id = tag(&published, "MessageId");

    let envelope: Value =
        serde_json::from_str(sns.receive(&wrapped_url).await[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(envelope["Type"], "Notification");
    assert_eq!(envelope["MessageId"], id.as_str());
    assert_eq!(envelope["TopicArn"], topic.as_str());
    assert_eq!(envelope["Subject"], "greeting");
    assert_eq!(envelope["Message"], "hello");
    assert_eq!(envelope["SignatureVersion"], "2", "the topic's");
    assert_eq!(
        envelope["MessageAttributes"]["colour"],
        json!({"Type": "String", "Value": "blue"})
    );
    let unsubscribe = envelope["UnsubscribeURL"].as_str().unwrap();
    assert!(
        unsubscribe.starts_with("http://localhost:8083/_stepstone/sns/unsubscribe?"),
        "{unsubscribe}"
    );
    let keys: Vec<&String> = envelope.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "Type",
            "MessageId",
            "TopicArn",
            "Subject",
            "Message",
            "Timestamp",
            "SignatureVersion",
            "Signature",
            "SigningCertURL",
            "UnsubscribeURL",
            "MessageAttributes"
        ]
    );

    let plain = sns.receive(&raw_url).await;
    assert_eq!(plain[0]["Body"], "hello");
    assert_eq!(
        plain[0]["MessageAttributes"]["colour"]["StringValue"],
        "blue"
    );

    let path = unsubscribe.trim_start_matches("http://localhost:8083");
    let (status, body) = sns.admin(path).await;
    assert_eq!(status, 200, "{body}");
    let gone = sns
        .error("GetSubscriptionAttributes", &[("SubscriptionArn", &sub)])
        .await;
    assert_eq!(
        gone,
        (404, "NotFound".into(), "Subscription does not exist".into())
    );
}

#[tokio::test]
async fn filter_policies_choose_the_messages_a_subscription_gets() {
    let sns = Fixture::new();
    let topic = sns.topic("filtered", &[]).await;
    let (url, queue) = sns.queue("blue-only", json!({})).await;
    let bad = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "sqs"),
                ("Endpoint", &queue),
                ("Attributes.entry.1.key", "FilterPolicy"),
                ("Attributes.entry.1.value", "{not json"),
            ],
        )
        .await;
    assert!(
        bad.2.starts_with(
            "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON."
        ),
        "{bad:?}"
    );
    let sub = sns
        .subscribe(
            &topic,
            "sqs",
            &queue,
            &[
                ("Attributes.entry.1.key", "RawMessageDelivery"),
                ("Attributes.entry.1.value", "true"),
            ],
        )
        .await;
    sns.ok(
        "SetSubscriptionAttributes",
        &[
            ("SubscriptionArn", &sub),
            ("AttributeName", "FilterPolicy"),
            ("AttributeValue", r#"{"colour": ["blue"]}"#),
        ],
    )
    .await;
    for colour in ["red", "blue"] {
        sns.ok(
            "Publish",
            &[
                ("TopicArn", &topic),
                ("Message", colour),
                ("MessageAttributes.entry.1.Name", "colour"),
                ("MessageAttributes.entry.1.Value.DataType", "String"),
                ("MessageAttributes.entry.1.Value.StringValue", colour),
            ],
        )
        .await;
    }
    let got = sns.receive(&url).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["Body"], "blue");
    let attributes = sns
        .ok("GetSubscriptionAttributes", &[("SubscriptionArn", &sub)])
        .await;
    assert!(
        attributes.contains("<key>FilterPolicyScope</key><value>MessageAttributes</value>"),
        "{attributes}"
    );
    assert!(
        attributes.contains("<key>RawMessageDelivery</key><value>true</value>"),
        "{attributes}"
    );
}

#[tokio::test]
async fn email_subscriptions_wait_for_confirmation_and_deliveries_are_kept() {
    let sns = Fixture::new();
    let topic = sns.topic("alerts", &[]).await;
    let pending = sns.subscribe(&topic, "email", "ops@example.com", &[]).await;
    assert_eq!(pending, "pending confirmation");
    let listed = sns
        .ok("ListSubscriptionsByTopic", &[("TopicArn", &topic)])
        .await;
    assert_eq!(tag(&listed, "SubscriptionArn"), "PendingConfirmation");
    let confirmation = &sns.kept("protocol=email", 1).await[0];
    assert_eq!(confirmation["Type"], "SubscriptionConfirmation");
    let document: Value = serde_json::from_str(confirmation["Message"].as_str().unwrap()).unwrap();
    let url = document["SubscribeURL"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://localhost:8083");
    let (status, confirmed) = sns.admin(url).await;
    assert_eq!(status, 200, "{confirmed}");
    let arn = tag(&confirmed, "SubscriptionArn");
    assert!(arn.starts_with(&format!("{topic}:")));

    sns.subscribe(&topic, "sms", "+15555550100", &[]).await;
    sns.ok(
        "Publish",
        &[
            ("TopicArn", &topic),
            ("Subject", "down"),
            ("MessageStructure", "json"),
            ("Message", r#"{"default": "it broke", "sms": "short"}"#),
        ],
    )
    .await;
    let mail = sns
        .kept(&format!("topic={}&protocol=email", encode(&topic)), 2)
        .await;
    assert_eq!(mail[1]["Message"], "it broke");
    assert_eq!(mail[1]["Subject"], "down");
    assert_eq!(sns.kept("protocol=sms", 1).await[0]["Message"], "short");

    let reset = http::Request::post("/_stepstone/reset?services=sns")
        .body(Body::empty())
        .unwrap();
    let (status, report) = sns.request(reset).await;
    assert_eq!(status, 200, "{report}");
    let (_, after) = sns.admin("/_stepstone/sns/deliveries").await;
    assert_eq!(after, r#"{"deliveries":[]}"#);
    assert_eq!(
        sns.error("GetTopicAttributes", &[("TopicArn", &topic)])
            .await
            .1,
        "NotFound"
    );
}

#[tokio::test]
async fn subscriptions_are_checked_and_idempotent() {
    let sns = Fixture::new();
    let topic = sns.topic("checks", &[]).await;
    let protocol = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "carrier-pigeon"),
                ("Endpoint", "x"),
            ],
        )
        .await;
    assert_eq!(
        protocol.2,
        "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon"
    );
    let mismatch = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "https"),
                ("Endpoint", "http://x"),
            ],
        )
        .await;
    assert_eq!(
        mismatch.2,
        "Invalid parameter: Endpoint must match the specified protocol"
    );
    let fifo_queue = "arn:aws:sqs:us-east-1:123456789012:q.fifo";
    let fifo = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "sqs"),
                ("Endpoint", fifo_queue),
            ],
        )
        .await;
    assert_eq!(
        fifo.2,
        "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"
    );
    let raw = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "sqs"),
                ("Endpoint", "arn:aws:sqs:us-east-1:123456789012:q"),
                ("Attributes.entry.1.key", "RawMessageDelivery"),
                ("Attributes.entry.1.value", "maybe"),
            ],
        )
        .await;
    assert_eq!(
        raw.2,
        "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [maybe]. Must be true or false."
    );
    let queue = "arn:aws:sqs:us-east-1:123456789012:q";
    let first = sns.subscribe(&topic, "sqs", queue, &[]).await;
    assert_eq!(sns.subscribe(&topic, "sqs", queue, &[]).await, first);
    let missing = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", "arn:aws:sns:us-east-1:123456789012:nope"),
                ("Protocol", "sqs"),
                ("Endpoint", queue),
            ],
        )
        .await;
    assert_eq!(missing.1, "NotFound");
    let short = sns
        .error("Unsubscribe", &[("SubscriptionArn", "arn:aws:sns")])
        .await;
    assert_eq!(
        short.2,
        "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 3"
    );
    sns.ok("Unsubscribe", &[("SubscriptionArn", &first)]).await;
    sns.ok("Unsubscribe", &[("SubscriptionArn", &first)]).await;
    let attributes = sns.ok("GetTopicAttributes", &[("TopicArn", &topic)]).await;
    assert!(
        attributes.contains("<key>SubscriptionsDeleted</key><value>1</value>"),
        "{attributes}"
    );
}

#[tokio::test]
async fn publish_checks_messages_as_aws_does() {
    let sns = Fixture::new();
    let topic = sns.topic("strict", &[]).await;
    let attribute = sns
        .error(
            "Publish",
            &[
                ("TopicArn", &topic),
                ("Message", "m"),
                ("MessageAttributes.entry.1.Name", ".dot"),
                ("MessageAttributes.entry.1.Value.DataType", "String"),
                ("MessageAttributes.entry.1.Value.StringValue", "x"),
            ],
        )
        .await;
    assert_eq!(
        attribute,
        (
            400,
            "ParameterValueInvalid".into(),
            "Invalid message attribute name starting with character '.' was found.".into()
        )
    );
    let long = "a".repeat(256 * 1024 + 1);
    assert_eq!(
        sns.error("Publish", &[("TopicArn", &topic), ("Message", &long)])
            .await
            .2,
        "Invalid parameter: Message too long"
    );
    let structure = sns
        .error(
            "Publish",
            &[
                ("TopicArn", &topic),
                ("Message", "{}"),
                ("MessageStructure", "json"),
            ],
        )
        .await;
    assert_eq!(
        structure.2,
        "Invalid parameter: Message Structure - No default entry in JSON message body"
    );
    let phone = sns
        .error("Publish", &[("PhoneNumber", "call-me"), ("Message", "m")])
        .await;
    assert_eq!(
        phone.2,
        "Invalid parameter: PhoneNumber Reason: call-me is not valid to publish to"
    );
    let missing = sns
        .error(
            "Publish",
            &[
                ("TopicArn", "arn:aws:sns:us-east-1:123456789012:nope"),
                ("Message", "m"),
            ],
        )
        .await;
    assert_eq!(
        missing,
        (404, "NotFound".into(), "Topic does not exist".into())
    );
    sns.ok("Publish", &[("TargetArn", &topic), ("Message", "m")])
        .await;
}

#[tokio::test]
async fn batches_answer_each_entry() {
    let sns = Fixture::new();
    let topic = sns.topic("batched", &[]).await;
    let entry = |n: usize, field: &str| format!("PublishBatchRequestEntries.member.{n}.{field}");
    let (i1, m1, i2, m2) = (
        entry(1, "Id"),
        entry(1, "Message"),
        entry(2, "Id"),
        entry(2, "Message"),
    );
    let body = sns
        .ok(
            "PublishBatch",
            &[
                ("TopicArn", &topic),
                (&i1, "a"),
                (&m1, "one"),
                (&i2, "b"),
                (&m2, "{}"),
                (&entry(2, "MessageStructure"), "json"),
            ],
        )
        .await;
    assert!(
        body.contains("<Successful><member><Id>a</Id><MessageId>"),
        "{body}"
    );
    assert!(
        body.contains("<Failed><member><Id>b</Id><Code>InvalidParameter</Code>"),
        "{body}"
    );
    let twice = sns
        .error(
            "PublishBatch",
            &[
                ("TopicArn", &topic),
                (&i1, "a"),
                (&m1, "one"),
                (&i2, "a"),
                (&m2, "two"),
            ],
        )
        .await;
    assert_eq!(twice.1, "BatchEntryIdsNotDistinct");
    let mut many = vec![("TopicArn".to_owned(), topic.clone())];
    for n in 1..=11 {
        many.push((entry(n, "Id"), format!("e{n}")));
        many.push((entry(n, "Message"), "m".into()));
    }
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        sns.error("PublishBatch", &many).await.1,
        "TooManyEntriesInBatchRequest"
    );
}

/// A listener that answers each request with the next status of `statuses`, handing the
/// request's text to the test.
async fn listener(statuses: Vec<u16>) -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = socket.local_addr().unwrap();
    let (tell, told) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        for status in statuses {
            let (mut stream, _) = socket.accept().await.unwrap();
            let request = read_request(&mut stream).await;
            let answer =
                format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            stream.write_all(answer.as_bytes()).await.unwrap();
            let _ = tell.send(request);
        }
    });
    (format!("http://{address}/hook"), told)
}

/// One request's head and body (by its content-length).
async fn read_request<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> String {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap();
        bytes.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&bytes).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            });
            if bytes.len() >= end + 4 + length.unwrap_or(0) || n == 0 {
                return text;
            }
        }
    }
}

#[tokio::test]
async fn http_endpoints_confirm_then_get_notifications_retried_on_the_clock() {
    let sns = Fixture::new();
    let topic = sns.topic("hooks", &[]).await;
    let (endpoint, mut requests) = listener(vec![200, 500, 200]).await;
    assert_eq!(
        sns.subscribe(&topic, "http", &endpoint, &[]).await,
        "pending confirmation"
    );
    let confirmation = requests.recv().await.unwrap();
    assert!(
        confirmation.starts_with("POST /hook HTTP/1.1"),
        "{confirmation}"
    );
    assert!(
        confirmation.contains("x-amz-sns-message-type: SubscriptionConfirmation"),
        "{confirmation}"
    );
    assert!(
        confirmation.contains(&format!("x-amz-sns-topic-arn: {topic}")),
        "{confirmation}"
    );
    let body: Value =
        serde_json::from_str(&confirmation[confirmation.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    let subscribe_url = body["SubscribeURL"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://localhost:8083");
    let (status, confirmed) = sns.admin(subscribe_url).await;
    assert_eq!(status, 200, "{confirmed}");
    let arn = tag(&confirmed, "SubscriptionArn");

    sns.ok("Publish", &[("TopicArn", &topic), ("Message", "ping")])
        .await;
    let failed = requests.recv().await.unwrap();
    assert!(
        failed.contains("x-amz-sns-message-type: Notification"),
        "{failed}"
    );
    assert!(
        failed.contains(&format!("x-amz-sns-subscription-arn: {arn}")),
        "{failed}"
    );
    assert!(
        requests.try_recv().is_err(),
        "no retry before the clock moves"
    );
    // AWS's default policy tries again 20 seconds later.
    sns.app.clock.advance(Duration::from_secs(20)).unwrap();
    let retried = requests.recv().await.unwrap();
    let retried_body: Value =
        serde_json::from_str(&retried[retried.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(retried_body["Message"], "ping");
}

#[tokio::test]
async fn fifo_envelopes_carry_the_sequence_and_no_signature() {
    let sns = Fixture::new();
    let fifo = [
        ("Attributes.entry.1.key", "FifoTopic"),
        ("Attributes.entry.1.value", "true"),
    ];
    let topic = sns.topic("ledger.fifo", &fifo).await;
    let (url, queue) = sns.queue("ledger.fifo", json!({"FifoQueue": "true"})).await;
    sns.subscribe(&topic, "sqs", &queue, &[]).await;
    let published = sns
        .ok(
            "Publish",
            &[
                ("TopicArn", &topic),
                ("Message", "entry"),
                ("MessageGroupId", "accounts"),
                ("MessageDeduplicationId", "e1"),
            ],
        )
        .await;
    let envelope: Value =
        serde_json::from_str(sns.receive(&url).await[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(
        envelope["SequenceNumber"],
        tag(&published, "SequenceNumber").as_str()
    );
    let keys: Vec<&String> = envelope.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "Type",
            "MessageId",
            "SequenceNumber",
            "TopicArn",
            "Message",
            "Timestamp",
            "UnsubscribeURL"
        ]
    );
}

#[tokio::test]
async fn undeliverable_messages_go_to_the_redrive_policys_queue() {
    let sns = Fixture::new();
    let topic = sns.topic("lossy", &[]).await;
    let (dead_url, dead) = sns.queue("dead-letters", json!({})).await;
    let policy = json!({ "deadLetterTargetArn": dead }).to_string();
    let missing = "arn:aws:sqs:us-east-1:123456789012:never-created";
    let redrive = [
        ("Attributes.entry.1.key", "RedrivePolicy"),
        ("Attributes.entry.1.value", policy.as_str()),
    ];
    sns.subscribe(&topic, "sqs", missing, &redrive).await;
    sns.ok("Publish", &[("TopicArn", &topic), ("Message", "lost")])
        .await;
    let envelope: Value =
        serde_json::from_str(sns.receive(&dead_url).await[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(envelope["Message"], "lost");
    let bad = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "sqs"),
                ("Endpoint", &dead),
                ("Attributes.entry.1.key", "RedrivePolicy"),
                ("Attributes.entry.1.value", "{}"),
            ],
        )
        .await;
    assert_eq!(
        bad.2,
        "Invalid parameter: Attributes Reason: RedrivePolicy: deadLetterTargetArn is an invalid arn"
    );
}
