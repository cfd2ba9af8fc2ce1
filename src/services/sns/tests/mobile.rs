//! Mobile push through the router: platform applications, endpoints, publishing to them
//! directly and through topics, read back from the kept deliveries.

use super::{Fixture, encode, tag};

/// A Firebase application's ARN.
async fn gcm_app(sns: &Fixture, name: &str) -> String {
    let created = sns
        .ok(
            "CreatePlatformApplication",
            &[
                ("Name", name),
                ("Platform", "GCM"),
                ("Attributes.entry.1.key", "PlatformCredential"),
                ("Attributes.entry.1.value", "server-key"),
            ],
        )
        .await;
    tag(&created, "PlatformApplicationArn")
}

/// A new endpoint's ARN, with `extra` parameters.
async fn endpoint(sns: &Fixture, app: &str, token: &str, extra: &[(&str, &str)]) -> String {
    let mut params = vec![("PlatformApplicationArn", app), ("Token", token)];
    params.extend_from_slice(extra);
    tag(
        &sns.ok("CreatePlatformEndpoint", &params).await,
        "EndpointArn",
    )
}

#[tokio::test]
async fn applications_keep_their_credentials_hidden_and_take_their_endpoints_along() {
    let sns = Fixture::new();
    let app = gcm_app(&sns, "shop").await;
    assert_eq!(app, "arn:aws:sns:us-east-1:123456789012:app/GCM/shop");
    let attributes = sns
        .ok(
            "GetPlatformApplicationAttributes",
            &[("PlatformApplicationArn", &app)],
        )
        .await;
    assert!(!attributes.contains("server-key"), "{attributes}");
    assert!(attributes.contains("<key>Enabled</key>"), "{attributes}");

    let apns_alone = sns
        .error(
            "CreatePlatformApplication",
            &[
                ("Name", "ios"),
                ("Platform", "APNS"),
                ("Attributes.entry.1.key", "PlatformCredential"),
                ("Attributes.entry.1.value", "key"),
            ],
        )
        .await;
    assert_eq!(
        apns_alone,
        (
            400,
            "InvalidParameter".into(),
            "Invalid parameter: Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal".into()
        )
    );
    let pager = sns
        .error(
            "CreatePlatformApplication",
            &[
                ("Name", "beeper"),
                ("Platform", "PAGER"),
                ("Attributes.entry.1.key", "PlatformCredential"),
                ("Attributes.entry.1.value", "key"),
            ],
        )
        .await;
    assert_eq!(
        pager.2,
        "Invalid parameter: Platform Reason: PAGER is not supported"
    );

    sns.ok(
        "SetPlatformApplicationAttributes",
        &[
            ("PlatformApplicationArn", &app),
            ("Attributes.entry.1.key", "EventEndpointCreated"),
            (
                "Attributes.entry.1.value",
                "arn:aws:sns:us-east-1:123456789012:events",
            ),
        ],
    )
    .await;
    let listed = sns.ok("ListPlatformApplications", &[]).await;
    assert_eq!(tag(&listed, "PlatformApplicationArn"), app);
    assert!(listed.contains("EventEndpointCreated"), "{listed}");

    let device = endpoint(&sns, &app, "device-1", &[]).await;
    sns.ok(
        "DeletePlatformApplication",
        &[("PlatformApplicationArn", &app)],
    )
    .await;
    let gone = sns
        .error("GetEndpointAttributes", &[("EndpointArn", &device)])
        .await;
    assert_eq!(
        gone,
        (404, "NotFound".into(), "Endpoint does not exist".into())
    );
    let no_app = sns
        .error(
            "ListEndpointsByPlatformApplication",
            &[("PlatformApplicationArn", &app)],
        )
        .await;
    assert_eq!(no_app.2, "PlatformApplication does not exist");
}

#[tokio::test]
async fn endpoints_are_idempotent_on_their_token_and_checked() {
    let sns = Fixture::new();
    let app = gcm_app(&sns, "shop").await;
    let first = endpoint(&sns, &app, "token-1", &[("CustomUserData", "alice")]).await;
    assert!(
        first.starts_with("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/shop/"),
        "{first}"
    );
    let again = endpoint(
        &sns,
        &app,
        "token-1",
        &[
            ("CustomUserData", "alice"),
            ("Attributes.entry.1.key", "Enabled"),
            ("Attributes.entry.1.value", "true"),
        ],
    )
    .await;
    assert_eq!(again, first);
    let clash = sns
        .error(
            "CreatePlatformEndpoint",
            &[
                ("PlatformApplicationArn", &app),
                ("Token", "token-1"),
                ("CustomUserData", "bob"),
            ],
        )
        .await;
    assert_eq!(
        clash.2,
        format!(
            "Invalid parameter: Token Reason: Endpoint {first} already exists with the same Token, but different attributes."
        )
    );
    let missing = sns
        .error(
            "CreatePlatformEndpoint",
            &[
                ("PlatformApplicationArn", &format!("{app}2")),
                ("Token", "t"),
            ],
        )
        .await;
    assert_eq!(
        missing,
        (
            404,
            "NotFound".into(),
            "PlatformApplication does not exist".into()
        )
    );

    sns.ok(
        "SetEndpointAttributes",
        &[
            ("EndpointArn", &first),
            ("Attributes.entry.1.key", "Enabled"),
            ("Attributes.entry.1.value", "False"),
        ],
    )
    .await;
    let read = sns
        .ok("GetEndpointAttributes", &[("EndpointArn", &first)])
        .await;
    for part in [
        "<key>Enabled</key><value>false</value>",
        "<key>Token</key><value>token-1</value>",
        "<key>CustomUserData</key><value>alice</value>",
    ] {
        assert!(read.contains(part), "{part} in {read}");
    }
    let listed = sns
        .ok(
            "ListEndpointsByPlatformApplication",
            &[("PlatformApplicationArn", &app)],
        )
        .await;
    assert_eq!(tag(&listed, "EndpointArn"), first);
    sns.ok("DeleteEndpoint", &[("EndpointArn", &first)]).await;
    sns.ok("DeleteEndpoint", &[("EndpointArn", &first)]).await;
    let empty = sns
        .ok(
            "ListEndpointsByPlatformApplication",
            &[("PlatformApplicationArn", &app)],
        )
        .await;
    assert!(!empty.contains("<EndpointArn>"), "{empty}");
}

#[tokio::test]
async fn apple_tokens_are_hexadecimal() {
    let sns = Fixture::new();
    let created = sns
        .ok(
            "CreatePlatformApplication",
            &[
                ("Name", "ios"),
                ("Platform", "APNS_SANDBOX"),
                ("Attributes.entry.1.key", "PlatformPrincipal"),
                ("Attributes.entry.1.value", "certificate"),
                ("Attributes.entry.2.key", "PlatformCredential"),
                ("Attributes.entry.2.value", "private key"),
            ],
        )
        .await;
    let app = tag(&created, "PlatformApplicationArn");
    assert_eq!(
        app,
        "arn:aws:sns:us-east-1:123456789012:app/APNS_SANDBOX/ios"
    );
    let bad = sns
        .error(
            "CreatePlatformEndpoint",
            &[("PlatformApplicationArn", &app), ("Token", "not-hex")],
        )
        .await;
    assert_eq!(
        bad.2,
        "Invalid parameter: Token Reason: iOS device tokens must be no more than 400 hexadecimal characters"
    );
    endpoint(&sns, &app, &"ab12".repeat(16), &[]).await;
}

#[tokio::test]
async fn publishing_to_an_endpoint_keeps_its_platforms_message() {
    let sns = Fixture::new();
    let app = gcm_app(&sns, "shop").await;
    let device = endpoint(&sns, &app, "token-1", &[]).await;
    let gcm = r#"{"fcmV1Message":{"message":{"notification":{"title":"Hi"}}}}"#;
    let structured = serde_json::json!({"default": "plain", "GCM": gcm}).to_string();
    let published = sns
        .ok(
            "Publish",
            &[
                ("TargetArn", &device),
                ("MessageStructure", "json"),
                ("Message", &structured),
            ],
        )
        .await;
    let kept = &sns.kept("protocol=application", 1).await[0];
    assert_eq!(kept["Endpoint"], device.as_str());
    assert_eq!(kept["Message"], gcm);
    assert_eq!(kept["MessageId"], tag(&published, "MessageId").as_str());
    assert!(kept["TopicArn"].is_null());

    sns.ok("Publish", &[("TargetArn", &device), ("Message", "hello")])
        .await;
    assert_eq!(
        sns.kept("protocol=application", 2).await[1]["Message"],
        "hello"
    );

    sns.ok(
        "SetEndpointAttributes",
        &[
            ("EndpointArn", &device),
            ("Attributes.entry.1.key", "Enabled"),
            ("Attributes.entry.1.value", "false"),
        ],
    )
    .await;
    let disabled = sns
        .error("Publish", &[("TargetArn", &device), ("Message", "x")])
        .await;
    assert_eq!(
        disabled,
        (
            400,
            "EndpointDisabled".into(),
            "Endpoint is disabled".into()
        )
    );
}

#[tokio::test]
async fn topics_reach_enabled_endpoints_with_their_platforms_message() {
    let sns = Fixture::new();
    let topic = sns.topic("news", &[]).await;
    let app = gcm_app(&sns, "shop").await;
    let on = endpoint(&sns, &app, "on", &[]).await;
    let off = endpoint(
        &sns,
        &app,
        "off",
        &[
            ("Attributes.entry.1.key", "Enabled"),
            ("Attributes.entry.1.value", "false"),
        ],
    )
    .await;
    let stale = format!("{on}0");
    let missing = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "application"),
                ("Endpoint", &stale),
            ],
        )
        .await;
    assert_eq!(
        missing.2,
        format!(
            "Invalid parameter: Endpoint Reason: Endpoint does not exist for endpoint arn{stale}"
        )
    );
    let subscription = sns.subscribe(&topic, "application", &on, &[]).await;
    assert!(subscription.starts_with(&format!("{topic}:")));
    sns.subscribe(&topic, "application", &off, &[]).await;
    let structured = r#"{"default": "plain", "GCM": "for android", "APNS": "for ios"}"#;
    sns.ok(
        "Publish",
        &[
            ("TopicArn", &topic),
            ("MessageStructure", "json"),
            ("Message", structured),
        ],
    )
    .await;
    let query = format!("topic={}&protocol=application", encode(&topic));
    let kept = sns.kept(&query, 1).await;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["Endpoint"], on.as_str());
    assert_eq!(kept[0]["Message"], "for android");
}

#[tokio::test]
async fn firehose_subscriptions_need_a_role_and_fifo_topics_only_queues() {
    let sns = Fixture::new();
    let topic = sns.topic("archive", &[]).await;
    let stream = "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive";
    let roleless = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &topic),
                ("Protocol", "firehose"),
                ("Endpoint", stream),
            ],
        )
        .await;
    assert_eq!(roleless.1, "InvalidParameter");
    assert!(roleless.2.contains("SubscriptionRoleArn"), "{}", roleless.2);
    let role = "arn:aws:iam::123456789012:role/sns-firehose";
    sns.subscribe(
        &topic,
        "firehose",
        stream,
        &[
            ("Attributes.entry.1.key", "SubscriptionRoleArn"),
            ("Attributes.entry.1.value", role),
        ],
    )
    .await;

    let fifo = sns
        .topic(
            "ordered.fifo",
            &[
                ("Attributes.entry.1.key", "FifoTopic"),
                ("Attributes.entry.1.value", "true"),
            ],
        )
        .await;
    let function = "arn:aws:lambda:us-east-1:123456789012:function:f";
    let lambda = sns
        .error(
            "Subscribe",
            &[
                ("TopicArn", &fifo),
                ("Protocol", "lambda"),
                ("Endpoint", function),
            ],
        )
        .await;
    assert_eq!(lambda.1, "InvalidParameter");
    let queue = "arn:aws:sqs:us-east-1:123456789012:standard";
    sns.subscribe(&fifo, "sqs", queue, &[]).await;
}
