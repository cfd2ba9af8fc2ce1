//! Pollers in a whole app: they hold no service alive, and a reset stops them.

use super::MappingRequest;
use crate::config::Config;
use crate::server::App;
use crate::services::Input;
use base64::Engine;
use serde_json::json;
use std::io::Write;
use std::sync::Arc;

fn zip_of(name: &str, text: &str) -> String {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .start_file(name, zip::write::SimpleFileOptions::default())
        .unwrap();
    writer.write_all(text.as_bytes()).unwrap();
    let bytes = writer.finish().unwrap().into_inner();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// An app on the manual clock with queue `jobs` mapped to function `worker`.
async fn mapped() -> App {
    let app = App::new(&Config {
        manual_clock: true,
        ..Config::default()
    });
    let peers = app.routes.registry().downgrade();
    let queue = Input::members(json!({ "QueueName": "jobs" }));
    peers.call("sqs", "CreateQueue", queue).await.unwrap();
    let function = json!({
        "FunctionName": "worker", "Runtime": "python3.12", "Handler": "h.handler",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Code": { "ZipFile": zip_of("h.py", "def handler(e, c):\n    return e\n") },
    });
    let created = peers.call("lambda", "CreateFunction", Input::members(function));
    created.await.unwrap();
    let request = MappingRequest {
        event_source_arn: Some(format!(
            "arn:aws:sqs:{}:{}:jobs",
            app.lambda.scope.region, app.lambda.scope.account
        )),
        function_name: Some("worker".into()),
        ..MappingRequest::default()
    };
    app.lambda
        .create_event_source_mapping(request)
        .await
        .unwrap();
    app
}

/// Yields to the pollers until `done`, for at most a bounded number of turns.
async fn until(done: impl Fn() -> bool) -> bool {
    for _ in 0..10_000 {
        if done() {
            return true;
        }
        tokio::task::yield_now().await;
    }
    done()
}

#[tokio::test]
async fn a_long_polling_mapping_keeps_no_service_alive() {
    let app = mapped().await;
    let (lambda, sqs) = (Arc::downgrade(&app.lambda), Arc::downgrade(&app.sqs));
    let baseline = sqs.strong_count();
    // The poller's long poll holds SQS while it waits: that is how we know it polls.
    assert!(
        until(|| sqs.strong_count() > baseline).await,
        "the poller polls"
    );
    drop(app);
    assert!(until(|| lambda.strong_count() == 0 && sqs.strong_count() == 0).await);
}

#[tokio::test]
async fn a_reset_stops_every_poller() {
    let app = mapped().await;
    let sqs = Arc::downgrade(&app.sqs);
    let baseline = sqs.strong_count();
    assert!(
        until(|| sqs.strong_count() > baseline).await,
        "the poller polls"
    );
    let report = app.lambda.reset().await;
    assert_eq!(report.event_source_mappings, 1);
    assert!(
        until(|| sqs.strong_count() == baseline).await,
        "the poll ended"
    );
}
