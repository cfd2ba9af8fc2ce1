//! Function processes as the server keeps them: their output held bounded, their child processes
//! ended with them, and their start-up kept apart from the invocation's Timeout.

use super::{available, python_function};
use aws_sdk_lambda::types::LogType;
use base64::Engine;
use conformance_tests::{InProcess, zip_package};
use serde_json::Value;

/// The decoded `LogType: Tail` of an invocation.
fn tail(out: &aws_sdk_lambda::operation::invoke::InvokeOutput) -> String {
    let log = base64::engine::general_purpose::STANDARD
        .decode(out.log_result().expect("log tail"))
        .expect("base64 log");
    String::from_utf8(log).expect("UTF-8 log")
}

fn payload(out: &aws_sdk_lambda::operation::invoke::InvokeOutput) -> Value {
    serde_json::from_slice(out.payload().expect("payload").as_ref()).expect("JSON payload")
}

/// This process's peak resident memory in bytes (`VmHWM`), where `/proc` tells it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

#[tokio::test]
async fn a_huge_line_of_output_is_cut_not_kept() {
    let Some(before) = peak_memory() else {
        eprintln!("no /proc/self/status: skipping");
        return;
    };
    if !available("python3") {
        return;
    }
    let lambda = InProcess::new().lambda();
    // 128 MB on one line, written a megabyte at a time so the handler itself stays small.
    let code = "import sys\n\n\ndef handler(event, context):\n    chunk = 'x' * (1 << 20)\n    for _ in range(128):\n        sys.stdout.write(chunk)\n    print(' end of the line')\n    print('after')\n    return 'done'\n";
    python_function(&lambda, "loud", zip_package(&[("handler.py", code)]))
        .send()
        .await
        .unwrap();
    let out = lambda
        .invoke()
        .function_name("loud")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(payload(&out), "done");
    let log = tail(&out);
    assert!(
        log.contains("xxxx [134201360 more bytes of this line cut]\nafter\n"),
        "{log}"
    );
    let grown = peak_memory().unwrap().saturating_sub(before);
    assert!(
        grown < 64 << 20,
        "the server held the line: peak memory grew by {grown} bytes"
    );
}
