//! `POST /_stepstone/reset` stops function processes: the warm process an invocation left
//! behind has exited by the time the reset answers, and the function is gone.

use super::create;
use aws_sdk_lambda::types::Runtime;
use conformance_tests::InProcess;
use serde_json::json;

#[tokio::test]
async fn a_reset_stops_the_warm_function_processes() {
    let stepstone = InProcess::new();
    let lambda = stepstone.lambda();
    let code = "import os\n\ndef handler(event, context):\n    return os.getpid()\n";
    create(
        &lambda,
        "pid",
        Runtime::Python312,
        "handler.handler",
        &[("handler.py", code)],
    )
    .await;
    let out = lambda.invoke().function_name("pid").send().await.unwrap();
    let pid: u32 = serde_json::from_slice(out.payload().unwrap().as_ref()).unwrap();
    let process = std::path::PathBuf::from(format!("/proc/{pid}"));
    let linux = cfg!(target_os = "linux");
    if linux {
        assert!(
            process.exists(),
            "the warm process waits for the next invocation"
        );
    }

    let (status, body) = stepstone.reset("?services=lambda").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"reset": ["lambda"], "lambda": {"functions": 1, "processesStopped": 1}})
    );
    if linux {
        assert!(
            !process.exists(),
            "process {pid} has exited and been reaped"
        );
    }
    let err = lambda
        .get_function()
        .function_name("pid")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        aws_sdk_lambda::error::ProvideErrorMetadata::code(&err),
        Some("ResourceNotFoundException")
    );
}
