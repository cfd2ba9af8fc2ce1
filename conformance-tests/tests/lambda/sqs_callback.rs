//! The sqs-callback example (`examples/sqs-callback`) end to end on a real server: a workflow
//! queues an order with its task token, the queue's event source mapping invokes the Python
//! worker, which answers the token over HTTP, and the execution succeeds with its answer.

use super::python_function;
use aws_sdk_sfn::types::ExecutionStatus;
use conformance_tests::{REGION, ROLE, Server, finished, zip_package};
use serde_json::{Value, json};

const DEFINITION: &str = include_str!("../../../examples/sqs-callback/definition.json");
const FUNCTION: &str = include_str!("../../../examples/sqs-callback/pack_order.py");

fn sqs(server: &Server) -> aws_sdk_sqs::Client {
    let config = aws_sdk_sqs::Config::builder()
        .behavior_version(aws_sdk_sqs::config::BehaviorVersion::latest())
        .region(aws_sdk_sqs::config::Region::new(REGION))
        .credentials_provider(aws_sdk_sqs::config::Credentials::new(
            "test", "test", None, None, "static",
        ))
        .endpoint_url(server.endpoint())
        .http_client(aws_smithy_http_client::Builder::new().build_http());
    aws_sdk_sqs::Client::from_conf(config.build())
}

#[tokio::test]
async fn a_queued_order_is_answered_by_the_mapped_worker() {
    if !super::available("python3") {
        return;
    }
    let server = Server::start().await;
    let (lambda, sfn, sqs) = (server.lambda(), server.sfn(), sqs(&server));
    let queue = sqs
        .create_queue()
        .queue_name("orders")
        .send()
        .await
        .unwrap();
    let queue_url = queue.queue_url().unwrap();
    python_function(
        &lambda,
        "pack-order",
        zip_package(&[("pack_order.py", FUNCTION)]),
    )
    .handler("pack_order.handler")
    .send()
    .await
    .expect("create the worker");
    lambda
        .create_event_source_mapping()
        .function_name("pack-order")
        .event_source_arn("arn:aws:sqs:us-east-1:123456789012:orders")
        .send()
        .await
        .expect("map the queue to the worker");
    let machine = sfn
        .create_state_machine()
        .name("sqs-callback")
        .definition(DEFINITION)
        .role_arn(ROLE)
        .send()
        .await
        .expect("create the state machine")
        .state_machine_arn;
    let started = sfn
        .start_execution()
        .state_machine_arn(&machine)
        .input(json!({"order": {"id": "order-7", "items": ["book"]}}).to_string())
        .send()
        .await
        .unwrap();
    let done = finished(&sfn, started.execution_arn()).await;
    assert_eq!(done.status(), &ExecutionStatus::Succeeded, "{done:?}");
    let output: Value = serde_json::from_str(done.output().unwrap()).unwrap();
    assert_eq!(
        output,
        json!({"order": "order-7", "packedBy": "packer-1", "status": "packed"})
    );
    // The worker returned normally, so its batch was deleted.
    let left = sqs
        .receive_message()
        .queue_url(queue_url)
        .send()
        .await
        .unwrap();
    assert!(left.messages().is_empty(), "{left:?}");
}
