//! Message move tasks: a dead-letter queue redriven to its sources or a destination, at a
//! rate on the clock, listed, cancelled, and refused as AWS refuses them.

use super::*;

const DLQ_ARN: &str = "arn:aws:sqs:us-east-1:123456789012:dlq";

/// A dead-letter queue holding `poisoned` messages that failed twice in queue `q`.
async fn dead_letters(sqs: &Sqs, poisoned: usize) -> (String, String) {
    let dlq = sqs.create("dlq", json!({})).await;
    let policy = json!({"deadLetterTargetArn": DLQ_ARN, "maxReceiveCount": 1});
    let attributes = json!({"RedrivePolicy": policy.to_string(), "VisibilityTimeout": "5"});
    let url = sqs.create("q", attributes).await;
    for n in 0..poisoned {
        sqs.send(&url, &format!("m{n}")).await;
    }
    assert_eq!(sqs.receive(&url, json!({})).await.len(), poisoned);
    sqs.advance(5);
    assert!(sqs.receive(&url, json!({})).await.is_empty(), "all moved");
    (url, dlq)
}

async fn tasks(sqs: &Sqs, max: u64) -> Vec<Value> {
    let listed = sqs
        .ok(
            "ListMessageMoveTasks",
            json!({"SourceArn": DLQ_ARN, "MaxResults": max}),
        )
        .await;
    listed["Results"].as_array().cloned().unwrap()
}

async fn refused(sqs: &Sqs, operation: &str, input: Value) -> (u16, String, String) {
    let (status, _, body) = sqs.call(operation, input).await;
    let code = body["__type"]
        .as_str()
        .unwrap()
        .rsplit('#')
        .next()
        .unwrap()
        .to_owned();
    (status, code, body["message"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_redrive_returns_messages_to_the_queues_they_came_from() {
    let sqs = Sqs::new();
    let (url, dlq) = dead_letters(&sqs, 3).await;
    let started = sqs
        .ok("StartMessageMoveTask", json!({"SourceArn": DLQ_ARN}))
        .await;
    assert!(started["TaskHandle"].is_string());
    settle().await;
    let mut bodies = sqs.bodies(&url, json!({})).await;
    bodies.sort();
    assert_eq!(bodies, ["m0", "m1", "m2"]);
    assert!(sqs.receive(&dlq, json!({})).await.is_empty());
    let task = &tasks(&sqs, 1).await[0];
    assert_eq!(task["Status"], "COMPLETED");
    assert_eq!(task["ApproximateNumberOfMessagesMoved"], 3);
    assert_eq!(task["ApproximateNumberOfMessagesToMove"], 3);
    assert!(
        task.get("TaskHandle").is_none(),
        "only a running task shows its handle"
    );
}

#[tokio::test]
async fn a_rate_moves_that_many_a_second_and_a_cancel_stops_it() {
    let sqs = Sqs::new();
    let (_, dlq) = dead_letters(&sqs, 3).await;
    let other = sqs.create("other", json!({})).await;
    let input = json!({"SourceArn": DLQ_ARN, "DestinationArn": "arn:aws:sqs:us-east-1:123456789012:other", "MaxNumberOfMessagesPerSecond": 1});
    let handle = sqs.ok("StartMessageMoveTask", input.clone()).await["TaskHandle"].clone();
    settle().await;
    assert_eq!(
        sqs.attribute(&other, "ApproximateNumberOfMessages").await,
        "1"
    );
    let (_, code, message) = refused(&sqs, "StartMessageMoveTask", input).await;
    assert_eq!(code, "InvalidParameterValue");
    assert_eq!(
        message,
        "There is already a task running. Only one active task is allowed for a source queue arn at a given time."
    );
    let running = &tasks(&sqs, 1).await[0];
    assert_eq!(
        (running["Status"].as_str(), &running["TaskHandle"]),
        (Some("RUNNING"), &handle)
    );
    assert_eq!(running["MaxNumberOfMessagesPerSecond"], 1);
    sqs.advance(1);
    settle().await;
    assert_eq!(
        sqs.attribute(&other, "ApproximateNumberOfMessages").await,
        "2"
    );
    let cancelled = sqs
        .ok("CancelMessageMoveTask", json!({"TaskHandle": handle}))
        .await;
    assert_eq!(cancelled["ApproximateNumberOfMessagesMoved"], 2);
    settle().await;
    assert_eq!(tasks(&sqs, 1).await[0]["Status"], "CANCELLED");
    sqs.advance(5);
    settle().await;
    assert_eq!(
        sqs.attribute(&dlq, "ApproximateNumberOfMessages").await,
        "1",
        "the rest stays"
    );
}

#[tokio::test]
async fn messages_sent_straight_to_a_dead_letter_queue_fail_a_redrive_to_their_source() {
    let sqs = Sqs::new();
    let (_, dlq) = dead_letters(&sqs, 0).await;
    sqs.send(&dlq, "stray").await;
    sqs.ok("StartMessageMoveTask", json!({"SourceArn": DLQ_ARN}))
        .await;
    settle().await;
    let task = &tasks(&sqs, 1).await[0];
    assert_eq!(task["Status"], "FAILED");
    assert_eq!(task["FailureReason"], "CouldNotDetermineMessageSource");
    assert_eq!(task["ApproximateNumberOfMessagesMoved"], 0);
}

#[tokio::test]
async fn bad_move_tasks_are_refused_in_aws_words() {
    let sqs = Sqs::new();
    dead_letters(&sqs, 0).await;
    sqs.create("fifo.fifo", json!({"FifoQueue": "true"})).await;
    let q_arn = "arn:aws:sqs:us-east-1:123456789012:q";
    let cases = [
        (
            json!({"SourceArn": "nope"}),
            400,
            "InvalidParameterValue",
            "You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>",
        ),
        (
            json!({"SourceArn": "arn:aws:sqs:us-east-1:123456789012:gone"}),
            404,
            "ResourceNotFoundException",
            "The resource that you specified for the SourceArn parameter doesn't exist.",
        ),
        (
            json!({"SourceArn": q_arn}),
            400,
            "InvalidParameterValue",
            "Source queue must be configured as a Dead Letter Queue.",
        ),
        (
            json!({"SourceArn": DLQ_ARN, "DestinationArn": "arn:aws:sqs:us-east-1:123456789012:gone"}),
            404,
            "ResourceNotFoundException",
            "The resource that you specified for the DestinationArn parameter doesn't exist.",
        ),
        (
            json!({"SourceArn": DLQ_ARN, "DestinationArn": DLQ_ARN}),
            400,
            "InvalidParameterValue",
            "Source queue arn and destination queue arn cannot be the same.",
        ),
        (
            json!({"SourceArn": DLQ_ARN, "DestinationArn": "arn:aws:sqs:us-east-1:123456789012:fifo.fifo"}),
            400,
            "InvalidParameterValue",
            "The source queue and destination queue must be of the same queue type.",
        ),
        (
            json!({"SourceArn": DLQ_ARN, "MaxNumberOfMessagesPerSecond": 501}),
            400,
            "InvalidParameterValue",
            "Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number that's between 1 and 500.",
        ),
        (
            json!({}),
            400,
            "MissingParameter",
            "The request must contain the parameter SourceArn.",
        ),
    ];
    for (input, status, code, message) in cases {
        let answer = refused(&sqs, "StartMessageMoveTask", input.clone()).await;
        assert_eq!(
            answer,
            (status, code.to_owned(), message.to_owned()),
            "{input}"
        );
    }
    assert!(tasks(&sqs, 10).await.is_empty(), "no refused task was kept");
    let (status, code, _) =
        refused(&sqs, "CancelMessageMoveTask", json!({"TaskHandle": "nope"})).await;
    assert_eq!((status, code.as_str()), (404, "ResourceNotFoundException"));
}
