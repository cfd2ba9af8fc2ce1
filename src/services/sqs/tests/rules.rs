//! Smaller rules: names of deleted queues, FIFO id characters, and permissions.

use super::*;

#[tokio::test]
async fn a_deleted_queues_name_is_free_again_after_a_minute() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({})).await;
    sqs.ok("DeleteQueue", json!({"QueueUrl": url})).await;
    let (status, query_error, body) = sqs.call("CreateQueue", json!({"QueueName": "q"})).await;
    assert_eq!(status, 400);
    assert_eq!(
        query_error.as_deref(),
        Some("AWS.SimpleQueueService.QueueDeletedRecently;Sender")
    );
    assert_eq!(
        body["message"],
        "You must wait 60 seconds after deleting a queue before you can create another queue with the same name."
    );
    sqs.advance(60);
    assert_eq!(sqs.create("q", json!({})).await, url);
}

#[tokio::test]
async fn fifo_ids_take_letters_digits_and_punctuation_only() {
    let sqs = Sqs::new();
    let url = sqs.create("f.fifo", json!({"FifoQueue": "true"})).await;
    let send = |group: &str, dedup: &str| json!({"QueueUrl": url, "MessageBody": "b", "MessageGroupId": group, "MessageDeduplicationId": dedup});
    sqs.ok("SendMessage", send("g-1!#.$", "d:1")).await;
    let (status, _, body) = sqs.call("SendMessage", send("has space", "d2")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Value has space for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length."
    );
    let long = "d".repeat(129);
    let (status, _, body) = sqs.call("SendMessage", send("g", &long)).await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("parameter MessageDeduplicationId")
    );
}

#[tokio::test]
async fn permissions_are_statements_of_the_queue_policy() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({})).await;
    let grant = json!({"QueueUrl": url, "Label": "send", "AWSAccountIds": ["111122223333"], "Actions": ["SendMessage"]});
    sqs.ok("AddPermission", grant.clone()).await;
    let second = json!({"QueueUrl": url, "Label": "read", "AWSAccountIds": ["1", "2"], "Actions": ["ReceiveMessage", "DeleteMessage"]});
    sqs.ok("AddPermission", second).await;
    let policy: Value = serde_json::from_str(&sqs.attribute(&url, "Policy").await).unwrap();
    let arn = "arn:aws:sqs:us-east-1:123456789012:q";
    assert_eq!(policy["Id"], format!("{arn}/SQSDefaultPolicy"));
    assert_eq!(
        policy["Statement"][0],
        json!({"Sid": "send", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "SQS:SendMessage", "Resource": arn})
    );
    assert_eq!(
        policy["Statement"][1]["Action"],
        json!(["SQS:ReceiveMessage", "SQS:DeleteMessage"])
    );
    let (status, _, body) = sqs.call("AddPermission", grant).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Value send for parameter Label is invalid. Reason: Already exists."
    );
    let owner_only =
        json!({"QueueUrl": url, "Label": "x", "AWSAccountIds": ["1"], "Actions": ["DeleteQueue"]});
    let (_, _, body) = sqs.call("AddPermission", owner_only).await;
    assert_eq!(
        body["message"],
        "Value SQS:DeleteQueue for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action."
    );
    sqs.ok(
        "RemovePermission",
        json!({"QueueUrl": url, "Label": "send"}),
    )
    .await;
    sqs.ok(
        "RemovePermission",
        json!({"QueueUrl": url, "Label": "read"}),
    )
    .await;
    let (status, _, body) = sqs
        .call(
            "RemovePermission",
            json!({"QueueUrl": url, "Label": "read"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Value read for parameter Label is invalid. Reason: can't find label."
    );
    let (_, _, all) = sqs
        .call(
            "GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["All"]}),
        )
        .await;
    assert!(
        all["Attributes"].get("Policy").is_none(),
        "an emptied policy is gone"
    );
}

#[tokio::test]
async fn a_message_stays_hidden_at_most_twelve_hours_from_its_receive() {
    let sqs = Sqs::new();
    let url = sqs.create("q", json!({})).await;
    sqs.send(&url, "long job").await;
    let received = sqs
        .receive(&url, json!({"VisibilityTimeout": 43_000}))
        .await;
    let handle = received[0]["ReceiptHandle"].clone();
    sqs.advance(300);
    let change = |seconds: i64| json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": seconds});
    let (status, _, body) = sqs.call("ChangeMessageVisibility", change(42_901)).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Value 42901 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]"
    );
    sqs.ok("ChangeMessageVisibility", change(42_900)).await;
}

#[tokio::test]
async fn a_fifo_receive_retried_with_its_attempt_id_gets_the_same_messages() {
    let sqs = Sqs::new();
    let url = sqs
        .create(
            "f.fifo",
            json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
        )
        .await;
    for body in ["one", "two"] {
        let send = json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": "g"});
        sqs.ok("SendMessage", send).await;
    }
    let attempt = json!({"ReceiveRequestAttemptId": "attempt-1"});
    let first = sqs.receive(&url, attempt.clone()).await;
    assert_eq!(first.len(), 2);
    sqs.advance(20);
    let again = sqs.receive(&url, attempt.clone()).await;
    let handles = |messages: &[Value]| -> Vec<Value> {
        messages
            .iter()
            .map(|m| m["ReceiptHandle"].clone())
            .collect()
    };
    assert_eq!(
        handles(&again),
        handles(&first),
        "same messages, same handles"
    );
    sqs.advance(20);
    assert!(
        sqs.receive(&url, json!({})).await.is_empty(),
        "the retry hid them again"
    );
    let (status, _, body) = sqs
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "ReceiveRequestAttemptId": "no spaces"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("parameter ReceiveRequestAttemptId")
    );
}
